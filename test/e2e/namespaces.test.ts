import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/cli.ts';
import { MSG_LABEL } from '../../src/api/validation.ts';

let k: Sandbox;
before(() => {
  k = Sandbox.paused();
});
after(() => k.cleanup());

const stateFile = () => readFileSync(join(k.home, 'clusters', 'kubernetes.json'), 'utf8');

test('create namespace, then it is listed and has its defaults', () => {
  assert.equal(k.ok('create namespace dev'), 'namespace/dev created\n');
  assert.equal(k.ok('get ns dev'), 'NAME   STATUS   AGE\ndev    Active   0s\n');
  assert.equal(k.ok('get sa,cm -n dev --no-headers'), 'serviceaccount/default   0     0s\n\nconfigmap/kube-root-ca.crt   1     0s\n');
  assert.equal(k.ok('get ns dev --show-labels --no-headers'), 'dev   Active   0s    kubernetes.io/metadata.name=dev\n');
});

test('create namespace errors leave the cluster unchanged', () => {
  const before = stateFile();
  const cases: [string, string][] = [
    ['create namespace dev', 'Error from server (AlreadyExists): namespaces "dev" already exists\n'],
    ['create ns Dev', `The Namespace "Dev" is invalid: metadata.name: Invalid value: "Dev": ${MSG_LABEL}\n`],
    ['create ns a.b', 'The Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots\n'],
    ['create ns', "error: exactly one NAME is required, got 0\nSee 'kubesim create namespace -h' for help and examples\n"],
    ['create ns a b', "error: exactly one NAME is required, got 2\nSee 'kubesim create namespace -h' for help and examples\n"],
    ['delete ns default', 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n'],
    ['delete ns nope', 'Error from server (NotFound): namespaces "nope" not found\n'],
    ['delete ns', 'error: resource(s) were provided, but no name was specified\n'],
  ];
  for (const [cmd, stderr] of cases) {
    const r = k.run(cmd);
    assert.equal(r.stderr, stderr, cmd);
    assert.equal(r.code, 1, cmd);
    assert.equal(r.stdout, '', cmd);
  }
  assert.equal(stateFile(), before);
});

test('dry runs print and create nothing', () => {
  assert.equal(k.ok('create ns tmp --dry-run=client'), 'namespace/tmp created (dry run)\n');
  assert.equal(
    k.ok('create ns tmp --dry-run=client -o yaml'),
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: tmp\nspec: {}\nstatus: {}\n',
  );
  assert.equal(k.ok('create ns tmp --dry-run=server'), 'namespace/tmp created (server dry run)\n');
  assert.equal(k.run('get ns tmp').code, 1);
});

test('delete namespace: Terminating while its content goes, then gone', () => {
  k.ok('create namespace doomed');
  assert.equal(k.ok('delete namespace doomed'), 'namespace "doomed" deleted\n');
  assert.equal(k.ok('get ns doomed --no-headers'), 'doomed   Terminating   0s\n');
  assert.deepEqual(k.run('create ns doomed'), { stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "doomed" already exists\n', code: 1 });
  k.ok('sim advance 1s');
  assert.equal(k.ok('get ns doomed --no-headers'), 'doomed   Terminating   1s\n');
  k.ok('sim advance 1s');
  assert.deepEqual(k.run('get ns doomed'), { stdout: '', stderr: 'Error from server (NotFound): namespaces "doomed" not found\n', code: 1 });
  assert.deepEqual(k.run('get sa -n doomed'), { stdout: '', stderr: 'No resources found in doomed namespace.\n', code: 0 });
});

test('the namespace of a context and -n', () => {
  k.ok('create ns ctxns');
  assert.equal(k.ok('config set-context --current --namespace=ctxns'), 'Context "kubernetes-admin@kubernetes" modified.\n');
  assert.equal(k.ok('get sa --no-headers'), 'default   0     0s\n');
  assert.deepEqual(k.run('get pods'), { stdout: '', stderr: 'No resources found in ctxns namespace.\n', code: 0 });
  assert.equal(k.ok('get svc -n default --no-headers'), 'kubernetes   ClusterIP   10.96.0.1   <none>   443/TCP   10m\n');
  k.ok('config set-context --current --namespace=default');
});
