// Updating a running pod as kubectl users do (replace, edit, set image): what the API server
// accepts, and what the kubelet then does; native sidecars; quantities stored canonically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/cli.ts';

const FORBIDDEN =
  'The Pod "p1" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

test('replace and edit accept a pod as get -o yaml prints it, and a new image; the kubelet restarts the container on it', () => {
  const k = Sandbox.paused();
  try {
    k.ok('run p1 --image=nginx:1.25');
    k.ok('sim advance 1m');
    const yaml = k.ok('get pod p1 -o yaml');
    assert.equal(k.run(['replace', '-f', '-'], yaml).stdout, 'pod/p1 replaced\n');
    const changed = k.run(['replace', '-f', '-'], k.ok('get pod p1 -o yaml').replace('restartPolicy: Always', 'restartPolicy: Never'));
    assert.deepEqual([changed.code, changed.stderr], [1, FORBIDDEN]);
    // The editor changes only the image.
    const editor = join(k.home, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/image: nginx:1.25/image: nginx:1.26/" "$1"\n');
    chmodSync(editor, 0o755);
    k.env.KUBE_EDITOR = editor;
    assert.equal(k.ok('edit pod p1'), 'pod/p1 edited\n');
    k.ok('sim advance 10s');
    assert.match(k.ok('get pod p1 --no-headers'), /^p1 +1\/1 +Running +1 \(10s ago\) +70s\n$/);
    const events = k.ok('get events --field-selector involvedObject.name=p1,reason!=Scheduled -o custom-columns=REASON:.reason,MESSAGE:.message --sort-by=.lastTimestamp --no-headers');
    assert.match(events, /Killing +Container p1 definition changed, will be restarted\n/);
    assert.match(events, /Pulling +Pulling image "nginx:1\.26"\n/);
    const state = k.ok(['get', 'pod', 'p1', '-o', 'jsonpath={.status.containerStatuses[0].image} {.status.containerStatuses[0].lastState.terminated.reason}']);
    assert.equal(state, 'docker.io/library/nginx:1.26 Completed');
  } finally {
    k.cleanup();
  }
});

test('set image on a pod stuck pulling a bad image tries the new one at once', () => {
  const k = Sandbox.paused();
  try {
    k.ok('run web --image=nginx:1.277');
    k.ok('sim advance 2m');
    assert.match(k.ok('get pod web --no-headers'), /ImagePullBackOff|ErrImagePull/);
    k.ok('set image pod/web web=nginx:1.27');
    k.ok('sim advance 10s');
    assert.match(k.ok('get pod web --no-headers'), /^web +1\/1 +Running +0 +2m10s\n$/);
  } finally {
    k.cleanup();
  }
});

test('a native sidecar (an init container that always restarts) starts first, runs beside the app, and stops when a job ends', () => {
  const k = Sandbox.paused();
  try {
    k.run(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
  - {name: logger, image: "busybox:1.36", restartPolicy: Always, command: [sleep, "3600"]}
  containers:
  - {name: web, image: nginx}
`);
    k.ok('sim advance 1s');
    assert.match(k.ok('get pod web --no-headers'), /^web +0\/2 +Init:0\/1 +0 +1s\n$/);
    k.ok('sim advance 30s');
    assert.match(k.ok('get pod web --no-headers'), /^web +2\/2 +Running +0 +31s\n$/);
    k.run(['apply', '-f', '-'], `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - {name: side, image: "busybox:1.36", restartPolicy: Always, command: [sleep, "3600"]}
      containers:
      - {name: main, image: "busybox:1.36", command: [sh, -c, echo done]}
`);
    k.ok('sim advance 30s');
    assert.match(k.ok('get pods -l job-name=j --no-headers'), /^j-\w{5} +0\/2 +Completed +0 +30s\n$/);
    assert.match(k.ok('get job j --no-headers'), /^j +Complete +1\/1 /);
  } finally {
    k.cleanup();
  }
});

test('quantities are stored canonically; one that cannot be parsed is refused at decoding', () => {
  const k = Sandbox.paused();
  try {
    k.run(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests: {cpu: "0.25", memory: "0.5Gi"}
      limits: {cpu: "1000m", memory: 1e9}
`);
    assert.equal(k.ok('get pod q -o jsonpath={.spec.containers[0].resources}'), '{"limits":{"cpu":"1","memory":"1G"},"requests":{"cpu":"250m","memory":"512Mi"}}');
    const bad = k.run(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: q2}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits: {cpu: lots}\n');
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, `Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`);
    const cm = k.run(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata:\n  n: 5\n');
    assert.equal(cm.stderr, 'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string\n');
  } finally {
    k.cleanup();
  }
});

test('logs: a selector, all containers, the pod kubectl picks, and -f ending with the container', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=busybox:1.36 --replicas=2 -- sh -c "echo up; sleep 3600"');
    k.ok('create job once --image=busybox:1.36 -- echo finished');
    k.ok('sim advance 30s');
    const pods = k.ok('get pods -l app=web -o name').trim().split('\n');
    const one = k.run('logs deploy/web');
    assert.deepEqual([one.stdout, one.stderr], ['up\n', `Found 2 pods, using ${pods[0]}\n`]);
    assert.equal(k.ok('logs -l app=web --prefix'), pods.map((p) => `[${p}/busybox] up\n`).join(''));
    // A finished container: -f prints what there is and returns.
    assert.equal(k.ok('logs -f job/once'), 'finished\n');
    const many = k.run('logs -l app=web -f --max-log-requests=1');
    assert.deepEqual([many.code, many.stderr], [1, 'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n']);
    assert.equal(k.run('logs -l app=none').stderr, 'No resources found in default namespace.\n');
    assert.equal(k.run('logs web -l app=web').stderr, "error: only a selector (-l) or a POD name is allowed\nSee 'kubesim logs -h' for help and examples\n");
  } finally {
    k.cleanup();
  }
});

test("systemctl on a node: the kubelet's unit is what brings a NotReady node back", () => {
  const k = Sandbox.paused();
  try {
    k.ok('node stop node02');
    k.ok('sim advance 2m');
    const status = k.run('node ssh node02 -- systemctl status kubelet');
    assert.equal(status.code, 3);
    assert.equal(
      status.stdout,
      [
        '○ kubelet.service - kubelet: The Kubernetes Node Agent',
        '     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)',
        '    Drop-In: /usr/lib/systemd/system/kubelet.service.d',
        '             └─10-kubeadm.conf',
        '     Active: inactive (dead) since Sun 2026-11-22 10:00:00 UTC; 2min 0s ago',
        '       Docs: https://kubernetes.io/docs/',
        '    Process: 1024 ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=0/SUCCESS)',
        '   Main PID: 1024 (code=exited, status=0/SUCCESS)',
        '',
      ].join('\n'),
    );
    assert.match(k.ok('get node node02 --no-headers'), /^node02 +NotReady /);
    assert.equal(k.run(['node', 'ssh', 'node02'], 'sudo systemctl restart kubelet\nsystemctl is-active kubelet\n').stdout, 'active\n');
    assert.match(k.ok('get node node02 --no-headers'), /^node02 +Ready /);
    assert.equal(k.run('node ssh node02 -- systemctl status kubelt').stderr, 'Unit kubelt.service could not be found.\n');
  } finally {
    k.cleanup();
  }
});

test("the documentation's counter pod: a line a second, as long as it runs; --since and --tail cut it", () => {
  const k = Sandbox.paused();
  try {
    k.run(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args: [/bin/sh, -c,
            'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']
`);
    k.ok('sim advance 5s');
    const start = k.ok('get pod counter -o jsonpath={.status.containerStatuses[0].state.running.startedAt}');
    const at = (n: number) => new Date(Date.parse(start) + n * 1000).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_, d, day, mon, y, t) => `${d} ${mon} ${day.replace(/^0/, ' ')} ${t} UTC ${y}`);
    const lines = k.ok('logs counter').trim().split('\n');
    assert.deepEqual(lines.slice(0, 2), [`0: ${at(0)}`, `1: ${at(1)}`]);
    k.ok('sim advance 1h');
    assert.equal(k.ok('logs counter --tail=1'), `${lines.length + 3599}: ${at(lines.length + 3599)}\n`);
    assert.equal(k.ok('logs counter --since=3s').split('\n').length - 1, 3);
  } finally {
    k.cleanup();
  }
});
