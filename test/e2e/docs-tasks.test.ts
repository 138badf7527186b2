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

test('exec sh -c: variables, arithmetic, loops and conditionals, $?, one-pass expansion, redirections, dash echo', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create secret generic test-secret --from-literal=password=39528$vdg7Jb');
    k.ok(['run', 'bb', '--image=busybox:1.36', '--', 'sleep', '3600']);
    k.run(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ng\nspec:\n  containers:\n  - name: ng\n    image: nginx\n    volumeMounts:\n    - {name: s, mountPath: /etc/secret-volume}\n  volumes:\n  - {name: s, secret: {secretName: test-secret}}\n');
    k.ok('sim advance 20s');
    const sh = (pod: string, script: string) => k.ok(['exec', pod, '--', 'sh', '-c', script]);
    assert.equal(sh('bb', 'x=hello; echo "$x"; echo $((2+3*4)); y=$(echo a$x); echo $y; false; echo $?'), 'hello\n14\nahello\n1\n');
    assert.equal(sh('bb', 'for i in 1 2 3; do echo "n=$i $((i*2))"; done; i=0; while [ $i -lt 2 ]; do i=$((i+1)); echo w$i > /tmp/w$i; done; cat /tmp/w2'), 'n=1 2\nn=2 4\nn=3 6\nw2\n');
    assert.equal(sh('bb', 'ls /tmp'), 'w1\nw2\n');
    assert.equal(sh('bb', 'A=1 env | grep ^A=; env | grep -c ^PATH=; env | grep -E "^(HOME|HOSTNAME)="; env | grep -q NOPE; echo $?; echo "a+b" | grep -F "a+b"; echo aab | grep "a\\+b"'), 'A=1\n1\nHOSTNAME=bb\nHOME=/root\n1\na+b\naab\n');
    assert.equal(sh('bb', 'if [ -f /etc/hostname ]; then echo yes; else echo no; fi; [ -d /tmp ] && echo dir; [ -f /nope ] || echo nofile; test -e /tmp/w1; echo $?'), 'yes\ndir\nnofile\n0\n');
    k.ok(['run', 'ready', '--image=busybox:1.36', '--', 'sh', '-c', 'touch /tmp/ready; if [ -f /tmp/ready ]; then echo ready; fi; [ -d /etc ] && echo etc; [ -f /nope ] || echo none']);
    k.ok('sim advance 10s');
    assert.equal(k.ok('logs ready'), 'ready\netc\nnone\n', "the container's own process tests files too");
    assert.equal(sh('bb', 'cat /nope 2>/dev/null; echo $?; echo x >/tmp/x; cat /tmp/x'), '1\nx\n');
    assert.equal(sh('ng', 'echo "$( cat /etc/secret-volume/password )"'), '39528$vdg7Jb\n', 'what a substitution prints is not expanded again');
    assert.equal(sh('ng', 'echo "a\\nb"'), 'a\nb\n', "dash's echo reads escapes");
    assert.equal(k.ok(['exec', 'ng', '--', 'bash', '-c', 'echo "a\\nb"']), 'a\\nb\n', "bash's does not");
  } finally {
    k.cleanup();
  }
});

test("the documentation's HTTP liveness probe: agnhost's liveness server fails /healthz after 10s and is restarted", () => {
  const k = Sandbox.paused();
  try {
    k.ok(['apply', '-f', M('docs-liveness-http.yaml')]);
    k.ok('sim advance 10s');
    assert.match(k.ok('get pod liveness-http --no-headers'), /^liveness-http +1\/1 +Running +0 +10s\n$/);
    const ip = k.ok('get pod liveness-http -o jsonpath={.status.podIP}');
    assert.equal(k.ok(['curl', '-s', `${ip}:8080/healthz`]), 'ok');
    k.ok('sim advance 7s');
    assert.match(k.ok(['curl', '-si', `${ip}:8080/healthz`]), /^HTTP\/1\.1 500 Internal Server Error\r?\n([^\n]*\n)*\r?\nerror: 1\d(\.\d+)?$/, 'failing after its first 10s');
    k.ok('sim advance 13s');
    assert.match(k.ok('get pod liveness-http --no-headers'), /^liveness-http +1\/1 +Running +1 \(\d+s ago\) +30s\n$/);
    const describe = k.ok('describe pod liveness-http');
    assert.match(describe, /\n    Last State: +Terminated\n      Reason: +Error\n      Exit Code: +143\n/);
    assert.match(describe, /Warning +Unhealthy +\d+s \(x3 over \d+s\) +kubelet +Liveness probe failed: HTTP probe failed with statuscode: 500\n/);
  } finally {
    k.cleanup();
  }
});
