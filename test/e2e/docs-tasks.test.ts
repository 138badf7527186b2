// Tasks from the Kubernetes documentation ("Configure Pods and Containers"), replayed: what the
// containers' own commands print (env, printenv, cat, ls against their real environment and
// files), the downward API, init containers that fetch a page, and probes that cannot run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sandbox, ROOT } from '../helpers/cli.ts';

const M = (f: string) => join(ROOT, 'fixtures', 'manifests', f);

test("containers' own commands print their environment and files: ConfigMaps, command and args", () => {
  const k = Sandbox.paused();
  try {
    k.ok('create configmap special-config --from-literal=special.how=very --from-literal=SPECIAL_TYPE=charm');
    k.ok(['apply', '-f', M('docs-configmap-pods.yaml')]);
    k.ok('sim advance 30s');
    assert.match(k.ok('get pods --no-headers'), /^command-demo +0\/1 +Completed +0 +30s\ndapi-test-pod +0\/1 +Completed +0 +30s\nvol-pod +0\/1 +Completed +0 +30s\n$/);
    const env = k.ok('logs dapi-test-pod').split('\n');
    assert.ok(env.includes('SPECIAL_LEVEL_KEY=very'), env.join('\n'));
    assert.ok(env.includes('HOSTNAME=dapi-test-pod'));
    assert.ok(env.includes('KUBERNETES_SERVICE_HOST=10.96.0.1'));
    assert.equal(k.ok('logs vol-pod'), 'SPECIAL_TYPE\nspecial.how\nvery\n\nhi\n');
    assert.equal(k.ok('logs command-demo'), 'command-demo\ntcp://10.96.0.1:443\n');
  } finally {
    k.cleanup();
  }
});

test('the downward API: resourceFieldRef values, printed by a loop as time passes', () => {
  const k = Sandbox.paused();
  try {
    k.ok(['apply', '-f', M('docs-dapi-resourcefieldref.yaml')]);
    k.ok('sim advance 25s');
    assert.equal(k.ok('logs dapi-envars-resourcefieldref'), '\n1\n1\n33554432\n67108864\n'.repeat(3), 'a round every 10s');
    assert.equal(k.ok('exec dapi-envars-resourcefieldref -- printenv MY_CPU_LIMIT MY_MEM_REQUEST'), '1\n33554432\n');
  } finally {
    k.cleanup();
  }
});

test("an init container's wget saves the page nginx then serves", () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.27');
    k.ok('expose deployment web --port=80');
    k.ok('sim advance 30s');
    k.ok(['apply', '-f', M('docs-init-wget.yaml')]);
    k.ok('sim advance 30s');
    assert.match(k.ok('get pod init-demo --no-headers'), /^init-demo +1\/1 +Running +0 /);
    assert.match(k.ok('exec init-demo -c nginx -- curl -s localhost'), /<title>Welcome to nginx!<\/title>/);
    assert.match(k.ok('logs init-demo -c install'), /^Connecting to web \(10\.\d+\.\d+\.\d+:80\)\nsaving to '\/work-dir\/index\.html'\n/);
  } finally {
    k.cleanup();
  }
});

test('an exec probe whose command the image lacks errors: its result is thrown away, the cluster goes on', () => {
  const k = Sandbox.paused();
  try {
    k.run(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata:
  name: probe-missing
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, '3600']
    readinessProbe:
      exec:
        command: [mysqladmin, ping]
      periodSeconds: 2
`);
    k.ok('sim advance 30s');
    assert.match(k.ok('get pod probe-missing --no-headers'), /^probe-missing +0\/1 +Running +0 +30s\n$/);
    assert.match(
      k.ok('describe pod probe-missing'),
      /\n  Warning +Unhealthy +\d+s +kubelet +Readiness probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "mysqladmin": executable file not found in \$PATH: unknown\n/,
    );
    assert.equal(k.run('get nodes').code, 0, 'other commands still work');
  } finally {
    k.cleanup();
  }
});
