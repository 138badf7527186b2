import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

let k: Sandbox;
before(() => {
  k = new Sandbox();
});
after(() => k.cleanup());

test('first use creates the default cluster, says so once on stderr', () => {
  const first = k.run('get nodes');
  assert.equal(first.code, 0);
  assert.equal(first.stderr, `kubesim: created the default cluster "kubernetes" (controlplane, node01, node02) in ${join(k.home, 'clusters', 'kubernetes.json')}\n`);
  expectGolden('get-nodes', first.stdout);
  assert.deepEqual(k.run('get nodes'), { ...first, stderr: '' });
});

test('contexts as kubectl has them', () => {
  assert.equal(k.ok('config current-context'), 'kubernetes-admin@kubernetes\n');
  assert.equal(
    k.ok('config get-contexts'),
    'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
  );
});

test('cluster create NAME with nodes and capacity, switching to it', () => {
  assert.equal(
    k.ok('cluster create bootcamp --nodes 5 --node-cpu 4 --node-memory 8Gi'),
    'Cluster "bootcamp" created with nodes controlplane, node01, node02, node03, node04, node05.\nSwitched to context "bootcamp".\n',
  );
  k.ok('sim pause');
  expectGolden('cluster-bootcamp-nodes', k.ok('get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,MEMORY:.status.allocatable.memory,IP:.status.addresses[0].address'));
  assert.equal(k.ok('config current-context'), 'bootcamp\n');
  assert.equal(
    k.ok('config get-contexts'),
    'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         bootcamp                      bootcamp     bootcamp           \n          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
  );
  assert.equal(k.ok('get nodes --context kubernetes-admin@kubernetes --no-headers').split('\n').length, 4);
  assert.equal(k.ok('get nodes --no-headers').split('\n').length, 7);
  assert.equal(k.ok('cluster list').split('\n')[0], 'CURRENT   NAME         NODES   PODS   CLOCK        AGE');
});

test('use-context, set-context, errors', () => {
  assert.equal(k.ok('config use-context kubernetes-admin@kubernetes'), 'Switched to context "kubernetes-admin@kubernetes".\n');
  assert.deepEqual(k.run('config use-context nope'), { stdout: '', stderr: 'error: no context exists with the name: "nope"\n', code: 1 });
  assert.deepEqual(k.run('get pods --context nope'), { stdout: '', stderr: 'error: context was not found for specified context: nope\n', code: 1 });
  assert.deepEqual(k.run('cluster create bootcamp'), { stdout: '', stderr: 'error: cluster "bootcamp" already exists\n', code: 1 });
  assert.deepEqual(k.run('cluster create Bad_Name'), {
    stdout: '',
    stderr: `error: invalid cluster name "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
    code: 1,
  });
  assert.deepEqual(k.run('cluster create x --node-memory lots'), {
    stdout: '',
    stderr: `error: invalid --node-memory "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`,
    code: 1,
  });
  assert.deepEqual(k.run('cluster create x --nodes many'), {
    stdout: '',
    stderr: `error: invalid argument "many" for "--nodes" flag: strconv.ParseInt: parsing "many": invalid syntax\nSee 'kubesim cluster create --help' for usage.\n`,
    code: 1,
  });
});

test('cluster reset rebuilds the cluster, cluster delete removes it and its context', () => {
  k.ok('config use-context bootcamp');
  k.ok('create ns scratch');
  assert.equal(k.ok('cluster reset'), 'cluster "bootcamp" reset\n');
  assert.equal(k.run('get ns scratch').code, 1);
  assert.equal(k.ok('get nodes --no-headers').split('\n').length, 7);
  assert.equal(k.ok('cluster delete bootcamp'), 'cluster "bootcamp" deleted\n');
  assert.equal(existsSync(join(k.home, 'clusters', 'bootcamp.json')), false);
  assert.equal(k.ok('config current-context'), 'kubernetes-admin@kubernetes\n');
  assert.deepEqual(k.run('cluster delete bootcamp'), { stdout: '', stderr: 'error: cluster "bootcamp" not found\n', code: 1 });
});
