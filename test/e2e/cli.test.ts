import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

let k: Sandbox;
before(() => {
  k = Sandbox.paused();
});
after(() => k.cleanup());

test('unknown verbs suggest the nearest, as cobra does', () => {
  const r = k.run('gett pods');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'error: unknown command "gett" for "kubesim"\n\nDid you mean this?\n\tset\n\tget\n\n');
  assert.deepEqual(k.run('frobnicate'), { stdout: '', stderr: 'error: unknown command "frobnicate" for "kubesim"\nRun \'kubesim --help\' for usage.\n', code: 1 });
});

test('version, cluster-info, api-resources', () => {
  assert.equal(k.ok('version'), 'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n');
  assert.equal(k.ok('version --client'), 'Client Version: v1.32.4\nKustomize Version: v5.5.0\n');
  assert.equal(
    k.ok('cluster-info'),
    "Kubernetes control plane is running at https://172.30.1.2:6443\nCoreDNS is running at https://172.30.1.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
  );
  expectGolden('api-resources', k.ok('api-resources'));
  assert.equal(k.ok('api-resources --namespaced=false -o name'), 'namespaces\nnodes\npersistentvolumes\ningressclasses.networking.k8s.io\nclusterrolebindings.rbac.authorization.k8s.io\nclusterroles.rbac.authorization.k8s.io\nstorageclasses.storage.k8s.io\n');
});

test('no stack traces: errors are one kubectl-style line', () => {
  for (const cmd of ['get pods -l "a in (b"', 'get pods -o jsonpath={.items[', 'get pods -o custom-columns=NAME', 'describe', 'delete', 'create ns -o bogus x']) {
    const r = k.run(cmd);
    assert.equal(r.code, 1, cmd);
    assert.doesNotMatch(r.stderr, /\n\s+at /, cmd);
    assert.match(r.stderr, /^(error: |Error: |Error from server|You must specify)/, cmd);
  }
});
