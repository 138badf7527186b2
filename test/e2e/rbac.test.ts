// RBAC against real kubectl 1.32: the create generators and their errors, describe of the default
// roles, auth can-i / whoami, and Forbidden errors under --as; every case is a stored real output
// (test/golden/kubectl/rbac/INDEX.md names its command line and exit code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, ROOT, splitArgs } from '../helpers/cli.ts';

const DIR = join(ROOT, 'test', 'golden', 'kubectl', 'rbac');
const asKubesim = (s: string) => s.replace(/(^|[^/\w.-])kubectl(?=[ "'\n])/g, '$1kubesim');

interface Case {
  file: string;
  args: string[];
  code: number;
  stderr: string;
}

const CASES: Case[] = readFileSync(join(DIR, 'INDEX.md'), 'utf8')
  .split('\n')
  .map((l) => /^\| `([^`]+)` \| `(.+)` \| (\d+) \| (.*) \|$/.exec(l))
  .filter((m): m is RegExpExecArray => !!m)
  .map(([, file, cmd, code, err]) => ({
    file,
    args: splitArgs(cmd).slice(1),
    code: Number(code),
    // kubectl's client-go logged discovery errors on its way to these outputs; they are not part of the answer.
    stderr: err.trim() === '-' ? '' : readFileSync(join(DIR, err.trim()), 'utf8').replace(/^E\d{4} .*\n/gm, ''),
  }));

test('every stored kubectl RBAC output is reproduced', () => {
  const k = Sandbox.paused();
  try {
    k.ok(['apply', '-f', join(ROOT, 'fixtures', 'manifests', 'rbac-sample.yaml')]);
    k.ok('sim advance 30s');
    assert.ok(CASES.length > 80);
    for (const c of CASES) {
      const r = k.run(c.args);
      const want = readFileSync(join(DIR, c.file), 'utf8');
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, code: r.code }, { stdout: asKubesim(want), stderr: asKubesim(c.stderr), code: c.code }, `kubesim ${c.args.join(' ')} (${c.file})`);
    }
  } finally {
    k.cleanup();
  }
});

test('a service account bound to a role can do what the role says, and nothing else', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create namespace dev');
    k.ok('create serviceaccount ci -n dev');
    k.ok('create role deployer --verb=get,list,create,update --resource=deployments,pods -n dev');
    assert.equal(k.ok('create rolebinding ci-deployer --role=deployer --serviceaccount=dev:ci -n dev'), 'rolebinding.rbac.authorization.k8s.io/ci-deployer created\n');
    const as = '--as=system:serviceaccount:dev:ci';
    assert.equal(k.ok(['auth', 'can-i', 'create', 'deployments', '-n', 'dev', as]), 'yes\n');
    assert.deepEqual(k.run(['auth', 'can-i', 'delete', 'deployments', '-n', 'dev', as]), { stdout: 'no\n', stderr: '', code: 1 });
    assert.deepEqual(k.run(['auth', 'can-i', 'list', 'pods', '-n', 'default', as]), { stdout: 'no\n', stderr: '', code: 1 });
    assert.equal(k.ok(['create', 'deployment', 'web', '--image=nginx', '-n', 'dev', as]), 'deployment.apps/web created\n');
    assert.equal(k.run(['delete', 'deployment', 'web', '-n', 'dev', as]).stderr, 'Error from server (Forbidden): deployments.apps "web" is forbidden: User "system:serviceaccount:dev:ci" cannot delete resource "deployments" in API group "apps" in the namespace "dev"\n');
    assert.equal(k.run(['get', 'secrets', '-n', 'dev', as]).stderr, 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:dev:ci" cannot list resource "secrets" in API group "" in the namespace "dev"\n');
    assert.match(k.ok(['get', 'deploy', '-n', 'dev', as]), /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +0\/1 /);
    // An aggregated role picks up rules from roles labelled to join it.
    k.run(['apply', '-f', '-'], 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: widgets-view\n  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}\nrules:\n- {apiGroups: [example.com], resources: [widgets], verbs: [get]}\n');
    assert.match(k.ok('describe clusterrole view'), /\n  widgets\.example\.com +\[\] +\[\] +\[get\]\n/);
    assert.match(k.ok('describe clusterrole admin'), /\n  widgets\.example\.com +\[\] +\[\] +\[get\]\n/, 'admin aggregates edit, which aggregates view');
  } finally {
    k.cleanup();
  }
});
