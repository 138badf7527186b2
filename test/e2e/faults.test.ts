// Fault injection (sim fail / heal), memory limits and the OOM killer, init containers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sandbox, ROOT } from '../helpers/cli.ts';

const MEMORY_DEMO = `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`;

test('a container over its memory limit is OOMKilled, then backs off (the documentation\'s memory-demo-2)', () => {
  const k = Sandbox.paused();
  try {
    k.run(['apply', '-f', '-'], MEMORY_DEMO);
    k.ok('sim advance 6s');
    assert.match(k.ok('get pod memory-demo-2 --no-headers'), /^memory-demo-2 +0\/1 +OOMKilled +0 +6s\n$/);
    k.ok('sim advance 4s');
    assert.match(k.ok('get pod memory-demo-2 --no-headers'), /^memory-demo-2 +0\/1 +CrashLoopBackOff +1 /);
    const last = k.ok('get pod memory-demo-2 -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}/{.status.containerStatuses[0].lastState.terminated.exitCode}');
    assert.equal(last, 'OOMKilled/137');
    assert.match(k.ok('describe pod memory-demo-2'), /    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n/);
  } finally {
    k.cleanup();
  }
});

test('sim fail: a crash restarts the container, --oom OOM-kills it, --probe fails its liveness probe; a node fails and heals', () => {
  const k = Sandbox.paused();
  try {
    k.ok('run web --image=nginx:1.27');
    k.ok('sim advance 10s');
    assert.equal(k.ok('sim fail pod/web --exit-code 2'), 'pod/web container web exited with code 2\n');
    assert.match(k.ok('get pod web --no-headers'), /^web +0\/1 +Error +0 /);
    k.ok('sim advance 3s');
    assert.match(k.ok('get pod web --no-headers'), /^web +1\/1 +Running +1 \(\ds ago\) /);
    assert.equal(k.ok('get pod web -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}'), '2');
    assert.equal(k.ok('sim fail web --oom'), 'pod/web container web OOM-killed\n');
    assert.equal(k.ok('get pod web -o jsonpath={.status.containerStatuses[0].state.terminated.reason}'), 'OOMKilled');
    assert.deepEqual(k.run('sim fail pod/web'), { stdout: '', stderr: 'error: container web of pod web is not running\n', code: 1 });
    assert.deepEqual(k.run('sim fail pod/web --probe liveness'), { stdout: '', stderr: 'error: container web of pod web is not running\n', code: 1 });
    k.ok('sim advance 30s');
    assert.deepEqual(k.run('sim fail pod/web --probe liveness'), { stdout: '', stderr: 'error: container web of pod web has no liveness probe\n', code: 1 });
    assert.deepEqual(k.run('sim fail pod/web -c nope'), { stdout: '', stderr: 'error: container nope is not valid for pod web\n', code: 1 });
    assert.deepEqual(k.run('sim fail pod/nope'), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    assert.deepEqual(k.run('sim fail deploy/web'), { stdout: '', stderr: 'error: cannot inject faults into deployments: use pod/NAME or node/NAME\n', code: 1 });
    assert.deepEqual(k.run('sim fail pod/web --probe sideways'), { stdout: '', stderr: 'error: invalid probe "sideways": must be one of liveness, readiness, startup\n', code: 1 });

    k.ok(`create -f ${join(ROOT, 'fixtures', 'healthy-monolith.yaml')}`);
    k.ok('sim advance 10s');
    assert.equal(k.ok('sim fail pod/healthy-monolith --probe readiness'), 'pod/healthy-monolith container monolith now fails its readiness probe\n');
    k.ok('sim advance 40s');
    assert.match(k.ok('get pod healthy-monolith --no-headers'), /^healthy-monolith +0\/1 +Running +0 /);
    assert.equal(k.ok('sim heal pod/healthy-monolith'), 'pod/healthy-monolith container monolith healed\n');
    k.ok('sim advance 20s');
    assert.match(k.ok('get pod healthy-monolith --no-headers'), /^healthy-monolith +1\/1 +Running +0 /);
    k.ok('sim fail pod/healthy-monolith --probe liveness');
    k.ok('sim advance 40s');
    assert.match(k.ok('get pod healthy-monolith --no-headers'), /^healthy-monolith +1\/1 +Running +1 /);
    assert.match(k.ok('describe pod healthy-monolith'), /Liveness probe failed: HTTP probe failed with statuscode: 500\n/);

    assert.equal(k.ok('sim fail node/node02'), 'node/node02 stopped\n');
    k.ok('sim advance 1m');
    assert.match(k.ok('get node node02 --no-headers'), /^node02 +NotReady /);
    assert.equal(k.ok('sim heal node/node02'), 'node/node02 started\n');
  } finally {
    k.cleanup();
  }
});

test('init containers run one after the other; the documentation\'s example waits for its services', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok(['apply', '-f', join(ROOT, 'fixtures', 'manifests', 'init-containers.yaml')]), 'pod/myapp-pod created\n');
    k.ok('sim advance 1s');
    assert.match(k.ok('get pod myapp-pod --no-headers'), /^myapp-pod +0\/1 +Init:0\/2 +0 +1s\n$/);
    k.ok('sim advance 24h');
    assert.match(k.ok('get pod myapp-pod --no-headers'), /^myapp-pod +0\/1 +Init:0\/2 +0 +24h\n$/);
    assert.equal(k.ok(['get', 'pod', 'myapp-pod', '-o', 'jsonpath={.status.conditions[?(@.type=="Initialized")].message}']), 'containers with incomplete status: [init-myservice init-mydb]');
    assert.equal(k.ok('logs myapp-pod -c init-myservice'), 'waiting for myservice\n');
    assert.deepEqual(k.run('logs myapp-pod'), { stdout: '', stderr: 'Defaulted container "myapp-container" out of: myapp-container, init-myservice (init), init-mydb (init)\nError from server (BadRequest): container "myapp-container" in pod "myapp-pod" is waiting to start: PodInitializing\n', code: 1 });
    k.ok(['apply', '-f', join(ROOT, 'fixtures', 'manifests', 'init-services.yaml')]);
    k.ok('sim advance 3s');
    assert.match(k.ok('get pod myapp-pod --no-headers'), /^myapp-pod +0\/1 +PodInitializing +0 /);
    k.ok('sim advance 10s');
    assert.match(k.ok('get pod myapp-pod --no-headers'), /^myapp-pod +1\/1 +Running +0 /);
    assert.equal(k.ok('logs myapp-pod -c myapp-container'), 'The app is running!\n');
    assert.equal(k.ok('get pod myapp-pod -o jsonpath={.status.initContainerStatuses[*].state.terminated.reason}'), 'Completed Completed');
    // A failing init container: Init:Error, then Init:CrashLoopBackOff.
    k.run(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: badinit\nspec:\n  initContainers:\n  - name: setup\n    image: busybox:1.36\n    command: ["sh", "-c", "exit 1"]\n  containers:\n  - name: app\n    image: nginx:1.27\n');
    k.ok('sim advance 5s');
    assert.match(k.ok('get pod badinit --no-headers'), /^badinit +0\/1 +Init:(Error|CrashLoopBackOff) +\d /);
    k.ok('sim advance 1m');
    assert.match(k.ok('get pod badinit --no-headers'), /^badinit +0\/1 +Init:CrashLoopBackOff +\d \(\d+s ago\) /);
  } finally {
    k.cleanup();
  }
});
