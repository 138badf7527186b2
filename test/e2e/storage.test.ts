// Persistent volumes, claims and storage classes, and data that outlives (or not) its writer:
// the documentation's "Configure a Pod to Use a PersistentVolume for Storage", local-path
// provisioning, the scheduler's volume messages, emptyDir and the container's own layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sandbox, ROOT } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

const M = (f: string) => join(ROOT, 'fixtures', 'manifests', f);
const UID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const claim = (name: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${extra}  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

const podWithClaim = (name: string, claimName: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: web
    image: nginx
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    persistentVolumeClaim:
      claimName: ${claimName}
`;

test("the documentation's hostPath PersistentVolume: the node's file is served, the claim binds the smallest fit, Retain keeps the volume", () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok(['apply', '-f', M('task-pv-volume.yaml')]), 'persistentvolume/task-pv-volume created\n');
    expectGolden('storage-get-pv-available', k.ok('get pv'));
    expectGolden('storage-describe-pv-available', k.ok('describe pv task-pv-volume'));
    assert.equal(k.ok(['apply', '-f', M('task-pv-claim.yaml'), '-f', M('task-pv-pod.yaml')]), 'persistentvolumeclaim/task-pv-claim created\npod/task-pv-pod created\n');
    k.ok('sim advance 20s');
    expectGolden('storage-get-pv-pvc-bound', k.ok('get pv,pvc'));
    const node = k.ok('get pod task-pv-pod -o jsonpath={.spec.nodeName}');
    // Before anything is written, the empty host directory hides nginx's page.
    assert.equal(k.run('exec task-pv-pod -- curl -s -o /dev/null -w %{http_code} localhost').stdout, '403');
    // As the tutorial does on its node (minikube ssh):
    assert.equal(k.ok(['node', 'ssh', node, '--', 'sudo', 'sh', '-c', "echo 'Hello from Kubernetes storage' > /mnt/data/index.html"]), '');
    assert.equal(k.ok('exec task-pv-pod -- curl -s localhost'), 'Hello from Kubernetes storage\n');
    const other = node === 'node01' ? 'node02' : 'node01';
    assert.equal(k.run(['node', 'ssh', other, '--', 'cat', '/mnt/data/index.html']).stderr, 'cat: /mnt/data/index.html: No such file or directory\n', 'hostPath data stays on its node');
    expectGolden('storage-describe-pvc-bound', k.ok('describe pvc task-pv-claim'));
    // A claim in use is only marked for deletion.
    assert.equal(k.ok('delete pvc task-pv-claim --wait=false'), 'persistentvolumeclaim "task-pv-claim" deleted\n');
    k.ok('sim advance 5s');
    assert.match(k.ok('get pvc --no-headers'), /^task-pv-claim +Terminating +task-pv-volume +10Gi +RWO +manual +<unset> +25s\n$/);
    assert.match(k.ok('describe pvc task-pv-claim'), /\nStatus: +Terminating \(lasts 5s\)\n/);
    k.ok('delete pod task-pv-pod');
    k.ok('sim advance 31s');
    assert.equal(k.run('get pvc').stderr, 'No resources found in default namespace.\n');
    expectGolden('storage-describe-pv-released', k.ok('describe pv task-pv-volume'));
    assert.match(k.ok('get pv --no-headers'), /^task-pv-volume +10Gi +RWO +Retain +Released +default\/task-pv-claim +manual /);
    // Released keeps its claimRef: a new claim does not get it.
    k.ok(['apply', '-f', M('task-pv-claim.yaml')]);
    k.ok('sim advance 1s');
    assert.match(k.ok('get pvc --no-headers'), /^task-pv-claim +Pending +manual /);
    assert.equal(k.ok('node ssh ' + node + ' -- cat /mnt/data/index.html'), 'Hello from Kubernetes storage\n', 'Retain keeps the data');
  } finally {
    k.cleanup();
  }
});

test('local-path provisioning waits for the first consumer, pins the volume to its node, and Delete wipes it', () => {
  const k = Sandbox.paused();
  try {
    expectGolden('storage-get-sc', k.ok('get sc'));
    expectGolden('storage-describe-sc', k.ok('describe sc'));
    k.run(['apply', '-f', '-'], claim('data'));
    assert.equal(k.run(['apply', '-f', '-'], claim('data')).stdout, 'persistentvolumeclaim/data unchanged\n');
    k.ok('sim advance 1m');
    expectGolden('storage-describe-pvc-waiting', k.ok('describe pvc data'));
    k.run(['apply', '-f', '-'], podWithClaim('writer', 'data'));
    k.ok('sim advance 20s');
    const pv = k.ok('get pvc data -o jsonpath={.spec.volumeName}');
    const uid = k.ok('get pvc data -o jsonpath={.metadata.uid}');
    assert.equal(pv, `pvc-${uid}`);
    const node = k.ok('get pod writer -o jsonpath={.spec.nodeName}');
    assert.equal(k.ok(`get pv ${pv} -o jsonpath={.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}`), node);
    expectGolden('storage-describe-pvc-provisioned', k.ok('describe pvc data').replace(UID, '<uid>').replace(/_[0-9a-f]{8}\b/g, '_<id>').replace(/node0\d/g, '<node>'));
    expectGolden('storage-describe-pv-provisioned', k.ok(`describe pv ${pv}`).replace(UID, '<uid>').replace(/node0\d/g, '<node>'));
    // Data written in the pod lives on the volume: a new pod with the same claim reads it.
    k.ok(['exec', 'writer', '--', 'sh', '-c', 'echo kept > /usr/share/nginx/html/index.html']);
    k.ok('delete pod writer');
    k.ok('sim advance 31s');
    k.run(['apply', '-f', '-'], podWithClaim('reader', 'data'));
    k.ok('sim advance 20s');
    assert.equal(k.ok('get pod reader -o jsonpath={.spec.nodeName}'), node, 'the volume pins its pods to its node');
    assert.equal(k.ok('exec reader -- curl -s localhost'), 'kept\n');
    assert.equal(k.ok(`node ssh ${node} -- cat /opt/local-path-provisioner/${pv}_default_data/index.html`), 'kept\n');
    // Delete policy: claim gone, volume and data gone.
    k.ok('delete pod reader');
    k.ok('delete pvc data');
    k.ok('sim advance 31s');
    assert.equal(k.run('get pv').stderr, 'No resources found\n');
    assert.equal(k.run(`node ssh ${node} -- cat /opt/local-path-provisioner/${pv}_default_data/index.html`).code, 1);
  } finally {
    k.cleanup();
  }
});

test("the scheduler's and the volume controller's complaints, repeated as they resync", () => {
  const k = Sandbox.paused();
  try {
    k.ok(['apply', '-f', M('task-pv-pod.yaml')]);
    k.ok('sim advance 5s');
    k.ok(['apply', '-f', M('task-pv-claim.yaml')]);
    k.run(['apply', '-f', '-'], claim('noclass', '  storageClassName: ""\n'));
    k.ok('sim advance 40s');
    expectGolden('storage-pod-pending-events', k.ok('describe pod task-pv-pod').split('Events:\n')[1]);
    expectGolden('storage-pvc-class-missing-events', k.ok('describe pvc task-pv-claim').split('Events:\n')[1]);
    expectGolden('storage-pvc-noclass-events', k.ok('describe pvc noclass').split('Events:\n')[1]);
    // The volume turns up: claim bound, pod scheduled at once.
    k.ok(['apply', '-f', M('task-pv-volume.yaml')]);
    k.ok('sim advance 1s');
    assert.match(k.ok('get pvc task-pv-claim --no-headers'), /^task-pv-claim +Bound +task-pv-volume +10Gi /);
    assert.match(k.ok('get events --field-selector reason=Scheduled -o custom-columns=AGE:.lastTimestamp,MSG:.message --no-headers'), /^2026-11-22T10:00:45Z +Successfully assigned default\/task-pv-pod to node0\d\n$/);
    // Bad claims are refused as the API server refuses them, and nothing is created.
    const bad = k.run(['apply', '-f', '-'], 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: bad\nspec:\n  accessModes: []\n');
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.equal(
      bad.stderr,
      'The PersistentVolumeClaim "bad" is invalid: \n* spec.accessModes: Required value: at least 1 access mode is required\n* spec.resources[storage]: Required value\n',
    );
    assert.equal(k.run('get pvc bad').code, 1);
  } finally {
    k.cleanup();
  }
});

test("what a container writes: its own layer lasts until it restarts, emptyDir until the pod goes; each nginx serves its own page", () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx --replicas=2 --port=80');
    k.ok('expose deployment web');
    k.ok('sim advance 20s');
    const pods = k.ok('get pods -l app=web -o name').trim().split('\n');
    for (const p of pods) k.ok(['exec', p, '--', 'sh', '-c', `hostname > /usr/share/nginx/html/index.html`]);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) seen.add(k.ok('run c --image=curlimages/curl --rm -i --restart=Never -q -- curl -s web').trim());
    assert.deepEqual([...seen].sort(), pods.map((p) => p.split('/')[1]).sort(), 'the service spreads requests over both pods');
    // A restart gives the container a fresh layer: the image's page again.
    const first = pods[0].split('/')[1];
    assert.equal(k.ok(`exec ${first} -- cat /usr/share/nginx/html/index.html`), `${first}\n`);
    k.ok(`sim fail pod/${first}`);
    k.ok('sim advance 1m');
    assert.match(k.ok(`exec ${first} -- curl -s localhost`), /<title>Welcome to nginx!<\/title>/);
    // emptyDir: shared by the pod's containers, gone with the pod.
    k.run(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  containers:
  - name: a
    image: busybox
    command: [sleep, "3600"]
    volumeMounts: [{name: scratch, mountPath: /data}]
  - name: b
    image: busybox
    command: [sleep, "3600"]
    volumeMounts: [{name: scratch, mountPath: /cache, readOnly: true}]
  volumes:
  - name: scratch
    emptyDir: {}
`);
    k.ok('sim advance 20s');
    k.ok(['exec', 'shared', '-c', 'a', '--', 'sh', '-c', 'echo one > /data/x; echo two >> /data/x']);
    assert.equal(k.ok('exec shared -c b -- cat /cache/x'), 'one\ntwo\n');
    const ro = k.run(['exec', 'shared', '-c', 'b', '--', 'sh', '-c', 'echo three > /cache/x']);
    assert.equal(ro.stderr, "sh: can't create /cache/x: Read-only file system\ncommand terminated with exit code 1\n");
    assert.equal(k.run('exec shared -c a -- ls /data').stdout, 'x\n');
  } finally {
    k.cleanup();
  }
});

test("the documentation's StatefulSet with volumeClaimTemplates: each pod gets a claim of its own and keeps its data when it is replaced", () => {
  const k = Sandbox.paused();
  try {
    k.ok(['apply', '-f', M('web-statefulset-volumes.yaml')]);
    k.ok('sim advance 1m');
    assert.match(k.ok('get pvc --no-headers'), /^www-web-0 +Bound +pvc-[0-9a-f-]+ +1Gi +RWO +local-path +<unset> +60s\nwww-web-1 +Bound +pvc-[0-9a-f-]+ +1Gi +RWO +local-path +<unset> +\d+s\n$/);
    for (const i of [0, 1]) k.ok(['exec', `web-${i}`, '--', 'sh', '-c', 'echo "$(hostname)" > /usr/share/nginx/html/index.html']);
    const served = () => [0, 1].map((i) => k.ok(['exec', '-i', '-t', `web-${i}`, '--', 'curl', 'http://localhost/'])).join('');
    assert.equal(served(), 'web-0\nweb-1\n');
    k.ok('delete pod -l app=nginx --wait=false');
    k.ok('sim advance 1m');
    assert.match(k.ok('get pods --no-headers'), /^web-0 +1\/1 +Running +0 +\d+s\nweb-1 +1\/1 +Running +0 +\d+s\n$/);
    assert.equal(served(), 'web-0\nweb-1\n', 'the new pods mount the same claims');
  } finally {
    k.cleanup();
  }
});

test("what a pod's own processes write: an init container's page served by nginx; touch, rm and > in scripts", () => {
  const k = Sandbox.paused();
  try {
    k.ok(['apply', '-f', M('init-web-page.yaml')]);
    k.ok('sim advance 30s');
    const ip = k.ok('get pod web -o jsonpath={.status.podIP}');
    assert.equal(k.ok(['curl', '-s', ip]), '<h1>written by the init container</h1>\n');
    assert.equal(k.ok('exec web -c nginx -- ls /usr/share/nginx/html'), 'index.html\nstarted\n');
    k.ok(['run', 'files', '--image=busybox:1.36', '--', 'sh', '-c', 'mkdir -p /data; echo one > /data/a; echo two >> /data/a; touch /data/b; sleep 20; rm -f /data/b; sleep 3600']);
    k.ok('sim advance 15s');
    assert.equal(k.ok('exec files -- cat /data/a'), 'one\ntwo\n');
    assert.equal(k.ok('exec files -- ls /data'), 'a\nb\n');
    k.ok('sim advance 20s');
    assert.equal(k.ok('exec files -- ls /data'), 'a\n', 'removed 20s after the start');
    assert.deepEqual(k.run('exec files -- rm /data/b'), { stdout: '', stderr: "rm: can't remove '/data/b': No such file or directory\ncommand terminated with exit code 1\n", code: 1 });
    assert.equal(k.ok('exec files -- rm /data/a'), '');
    assert.equal(k.ok('exec files -- ls /data'), '');
  } finally {
    k.cleanup();
  }
});

test("the documentation's streaming sidecars: a loop appends to files, tail -n+1 -F makes them the sidecars' logs", () => {
  const k = Sandbox.paused();
  try {
    k.ok(['apply', '-f', M('counter-sidecars.yaml')]);
    k.ok('sim advance 10s');
    assert.match(k.ok('get pod counter --no-headers'), /^counter +3\/3 +Running +0 /);
    const first = k.ok('logs counter count-log-1').trimEnd().split('\n');
    assert.ok(first.length >= 5, first.join('\n'));
    assert.deepEqual(first.map((l) => l.replace(/: .*/, '')), first.map((_, i) => String(i)), 'every round, in order');
    assert.match(first[0], /^0: \w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4}$/);
    assert.match(k.ok('logs counter -c count-log-2 --tail=1'), new RegExp(`^\\w{3} \\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d UTC \\d{4} INFO ${first.length - 1}\\n$`));
    k.ok('sim advance 10s');
    assert.equal(k.ok('logs counter count-log-1').trimEnd().split('\n').length, first.length + 10, 'one line a second');
    assert.equal(k.ok('exec counter -c count -- cat /var/log/1.log'), k.ok('logs counter count-log-1'));
    assert.equal(k.ok('logs counter count'), '', 'the writer itself prints nothing');
  } finally {
    k.cleanup();
  }
});
