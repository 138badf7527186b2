import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

let k: Sandbox;
before(() => {
  k = Sandbox.paused();
});
after(() => k.cleanup());

const GOLDEN: [string, string][] = [
  ['describe-node-controlplane', 'describe node controlplane'],
  ['describe-node-node01', 'describe no/node01'],
  ['describe-pod-etcd', 'describe pod etcd-controlplane -n kube-system'],
  ['describe-pod-coredns-prefix', 'describe pods coredns -n kube-system'],
  ['describe-pod-kube-proxy', 'describe -n kube-system po -l k8s-app=kube-proxy'],
  ['describe-ns', 'describe namespace default'],
];

for (const [name, cmd] of GOLDEN) {
  test(`kubesim ${cmd}`, () => {
    const r = k.run(cmd);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    expectGolden(name, r.stdout);
  });
}

test('describe errors', () => {
  assert.deepEqual(k.run('describe pod nope'), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
  assert.deepEqual(k.run('describe pods'), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  assert.deepEqual(k.run('describe nodez x'), { stdout: '', stderr: 'error: the server doesn\'t have a resource type "nodez"\n', code: 1 });
});
