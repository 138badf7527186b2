// explain's screens (layout of kubectl v1.32's plaintext template) and describe for the kinds
// that have no other describe test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

test('explain: a kind, a field, an enum field, --recursive; unknown fields and types', () => {
  const k = new Sandbox();
  try {
    expectGolden('explain-pod', k.ok('explain pod'));
    expectGolden('explain-deployment-spec-replicas', k.ok('explain deployment.spec.replicas'));
    expectGolden('explain-deploy-strategy-type', k.ok('explain deploy.spec.strategy.type'));
    expectGolden('explain-pod-spec-containers-recursive', k.ok('explain pods.spec.containers --recursive'));
    assert.equal(k.ok('explain deployments.apps.spec.replicas'), k.ok('explain deployment.spec.replicas'));
    assert.deepEqual(k.run('explain pod.spec.foo.bar'), { stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "bar" does not exist\n', code: 1 });
    assert.deepEqual(k.run('explain foo'), { stdout: '', stderr: 'the server doesn\'t have a resource type "foo"\n', code: 1 });
    assert.deepEqual(k.run('explain'), { stdout: '', stderr: 'error: You must specify the type of resource to explain. Use "kubesim api-resources" for a complete list of supported resources.\n\n', code: 1 });
    assert.deepEqual(k.run('explain pod svc'), { stdout: '', stderr: 'error: We accept only this format: explain RESOURCE\n\n', code: 1 });
  } finally {
    k.cleanup();
  }
});

test('describe configmap, secret, serviceaccount, endpoints, daemonset, cronjob', () => {
  const k = Sandbox.paused();
  try {
    k.ok(['create', 'configmap', 'game-config', '--from-literal=lives=3', '--from-literal=enemies=aliens']);
    k.ok(['create', 'secret', 'generic', 'db-user-pass', '--from-literal=username=admin', '--from-literal=password=S!B\\*d$zDsb=']);
    k.ok(['create', 'cronjob', 'hello', '--image=busybox:1.28', '--schedule=*/1 * * * *', '--', 'echo', 'hi']);
    k.ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    k.ok('expose deploy web --port=80');
    k.ok('sim advance 150s');
    expectGolden('describe-cm', k.ok('describe cm game-config'));
    expectGolden('describe-secret', k.ok('describe secret db-user-pass'));
    expectGolden('describe-sa', k.ok('describe sa default'));
    expectGolden('describe-ep', k.ok('describe ep web'));
    expectGolden('describe-ds-kube-proxy', k.ok('describe ds kube-proxy -n kube-system'));
    expectGolden('describe-cronjob', k.ok('describe cronjob hello'));
    expectGolden('get-all-with-cronjob', k.ok('get all'));
  } finally {
    k.cleanup();
  }
});
