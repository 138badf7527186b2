// The learners' own transcripts (../shared/seeds) replayed step by step over simulated time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

test('seed 000 §2: minikube, run a pod, inspect it, delete it; a deployment, describe, scale', () => {
  const k = new Sandbox();
  try {
    // minikube start: a single-node cluster whose control plane takes workloads
    assert.equal(k.ok('cluster create minikube --nodes 0'), 'Cluster "minikube" created with nodes controlplane.\nSwitched to context "minikube".\n');
    k.ok('sim pause');
    expectGolden('seed000-get-nodes', k.ok('get nodes'));
    assert.deepEqual(k.run('get pods'), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expectGolden('seed000-get-namespaces', k.ok('get namespaces'));
    expectGolden('seed000-get-pods-kube-system', k.ok('get pods --namespace=kube-system'));
    assert.equal(k.ok('run create-nginx --image=nginx'), 'pod/create-nginx created\n');
    k.ok('sim advance 30s');
    expectGolden('seed000-get-pods-wide', k.ok('get pods -o wide'));
    expectGolden('seed000-describe-pod', k.ok('describe pod create-nginx'));
    assert.equal(k.ok('delete pod create-nginx'), 'pod "create-nginx" deleted\n');
    k.ok('sim advance 5s');
    assert.deepEqual(k.run('get pods'), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    assert.equal(k.ok('create deployment nginx-deployment --image=nginx'), 'deployment.apps/nginx-deployment created\n');
    k.ok('sim advance 30s');
    expectGolden('seed000-get-deployments', k.ok('get deployments'));
    expectGolden('seed000-describe-deployment', k.ok('describe deployment nginx-deployment'));
    expectGolden('seed000-describe-pod-prefix', k.ok('describe pod nginx-deployment'));
    assert.equal(k.ok('scale deployment nginx-deployment --replicas=3'), 'deployment.apps/nginx-deployment scaled\n');
    k.ok('sim advance 30s');
    expectGolden('seed000-scaled', k.ok('get deploy,pods'));
    assert.equal(k.ok('delete deployment nginx-deployment'), 'deployment.apps "nginx-deployment" deleted\n');
  } finally {
    k.cleanup();
  }
});

test('seed 001 GKE: five nodes, nginx:1.10.0, scale to 3 across nodes, delete', () => {
  const k = new Sandbox();
  try {
    k.ok('cluster create bootcamp --nodes 5');
    k.ok('sim pause');
    expectGolden('seed001-get-nodes', k.ok('get nodes'));
    assert.equal(k.ok('create deployment nginx --image=nginx:1.10.0'), 'deployment.apps/nginx created\n');
    k.ok('sim advance 20s');
    expectGolden('seed001-get-pods-wide-1', k.ok('get pods -o wide'));
    assert.equal(k.ok('scale deployment nginx --replicas 3'), 'deployment.apps/nginx scaled\n');
    k.ok('sim advance 20s');
    const wide = k.ok('get pods -o wide');
    expectGolden('seed001-get-pods-wide-3', wide);
    const nodes = wide.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[6]);
    assert.equal(new Set(nodes).size, 3, 'the scheduler spreads the replicas over three nodes');
    assert.equal(k.ok('delete deployment nginx'), 'deployment.apps "nginx" deleted\n');
    k.ok('sim advance 10s');
    assert.deepEqual(k.run('get pods'), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  } finally {
    k.cleanup();
  }
});
