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

test('an impersonated user without write access changes nothing, whichever verb writes', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.25 --replicas=2');
    k.ok('set image deploy/web nginx=nginx:1.27');
    k.ok('create role reader --verb=get,list --resource=deployments,pods');
    k.ok('create rolebinding jane-reads --role=reader --user=jane');
    const before = k.ok('get deploy web -o yaml');
    const denied = (verb: string, resource: string, name = 'web') =>
      `${name ? `${resource === 'pods' ? 'pods' : `${resource}.apps`} "${name}"` : resource} is forbidden: User "jane" cannot ${verb} resource "${resource}" in API group "${resource === 'pods' || resource === 'services' ? '' : 'apps'}" in the namespace "default"`;
    const patchDeploy = denied('patch', 'deployments');
    const cases: [string, string][] = [
      ['scale deploy web --replicas=3', `Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"`],
      ['label deploy web tier=front', `Error from server (Forbidden): ${patchDeploy}`],
      ['annotate deploy web note=x', `Error from server (Forbidden): ${patchDeploy}`],
      [`patch deploy web -p '{"spec":{"replicas":1}}'`, `Error from server (Forbidden): ${patchDeploy}`],
      ['set image deploy/web nginx=nginx:1.28', `error: failed to patch image update to pod template: ${patchDeploy}`],
      ['set env deploy/web MODE=x', `error: failed to patch env update to pod template: ${patchDeploy}`],
      ['set resources deploy/web --limits=cpu=1', `error: failed to patch resources update to pod template ${patchDeploy}`],
      ['rollout restart deploy/web', `error: failed to patch: ${patchDeploy}`],
      ['rollout pause deploy/web', `error: failed to patch: ${patchDeploy}`],
      ['rollout undo deploy/web', 'error: failed to retrieve replica sets from deployment web: replicasets.apps is forbidden: User "jane" cannot list resource "replicasets" in API group "apps" in the namespace "default"'],
      ['run box --image=busybox', `Error from server (Forbidden): ${denied('create', 'pods', '')}`],
      ['expose deploy web --port=80', `Error from server (Forbidden): ${denied('create', 'services', '')}`],
      ['get services', `Error from server (Forbidden): ${denied('list', 'services', '')}`],
    ];
    for (const [command, stderr] of cases) {
      assert.deepEqual(k.run(`${command} --as=jane`), { stdout: '', stderr: `${stderr}\n`, code: 1 }, command);
    }
    assert.deepEqual(k.run(['replace', '-f', '-', '--as=jane'], before), {
      stdout: '',
      stderr: `Error from server (Forbidden): error when replacing "STDIN": ${denied('update', 'deployments')}\n`,
      code: 1,
    });
    k.env.EDITOR = "sed -i 's/replicas: 2$/replicas: 5/'";
    const edit = k.run('edit deploy web --as=jane');
    assert.equal(edit.code, 1);
    assert.match(edit.stderr, new RegExp(`^error: deployments\\.apps "web" could not be patched: ${patchDeploy.replace(/[.*"/]/g, '\\$&')}\nYou can run \`kubesim replace -f \\S+\\.yaml\` to try this update again\\.\n$`));
    assert.equal(k.ok('get deploy web -o yaml'), before, 'nothing changed');
    assert.equal(k.run('get pod box').code, 1, 'no pod created');
    assert.equal(k.run('get svc web').code, 1, 'no service created');
    // Granting the scale subresource is enough for kubectl scale, and for nothing else.
    k.ok('create role scaler --verb=patch --resource=deployments/scale');
    k.ok('create rolebinding jane-scales --role=scaler --user=jane');
    assert.equal(k.ok('scale deploy web --replicas=3 --as=jane'), 'deployment.apps/web scaled\n');
    assert.equal(k.run('label deploy web tier=front --as=jane').code, 1);
  } finally {
    k.cleanup();
  }
});
