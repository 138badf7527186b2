// Jobs, CronJobs and StatefulSets over simulated time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sandbox, ROOT } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

const BATCH = join(ROOT, 'fixtures', 'manifests', 'batch.yaml');
const STS = join(ROOT, 'fixtures', 'manifests', 'web-statefulset.yaml');

test('the documentation\'s pi Job runs to completion; its CronJob makes a job a minute and keeps three', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok(['apply', '-f', BATCH]), 'job.batch/pi created\ncronjob.batch/hello created\n');
    assert.match(k.ok('get job pi --no-headers'), /^pi +Running +0\/1 +0s +0s\n$/);
    k.ok('sim advance 30s');
    assert.match(k.ok('get job pi --no-headers'), /^pi +Complete +1\/1 +\d+s +30s\n$/);
    const digits = k.ok('logs job/pi');
    assert.equal(digits.length, 2002);
    assert.ok(digits.startsWith('3.14159265358979323846264338327950288419716939937510'));
    assert.ok(digits.endsWith('780275901\n'), '2000 significant digits, the last one rounded');
    expectGolden('describe-job-pi', k.ok('describe job pi').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>'));
    k.ok('sim advance 5m');
    // One job per minute; the history limit keeps the last three successful ones.
    const jobs = k.ok('get jobs -l batch.kubernetes.io/job-name!=pi -o name').trim().split('\n');
    assert.equal(jobs.length, 3);
    assert.deepEqual(jobs.map((j) => /^job\.batch\/hello-\d+$/.test(j)), [true, true, true]);
    const minutes = jobs.map((j) => Number(j.split('-').pop()));
    assert.deepEqual(minutes, [minutes[0], minutes[0] + 1, minutes[0] + 2], 'named after the scheduled minute');
    assert.equal(k.ok(`logs ${jobs[2]}`).split('\n')[1], 'Hello from the Kubernetes cluster');
    assert.match(k.ok('get cronjob hello --no-headers'), /^hello +\* \* \* \* \* +<none> +False +0 +\d+s +5m30s\n$/);
    const events = k.ok('get events --field-selector involvedObject.kind=CronJob -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers');
    assert.match(events, /SuccessfulCreate +Created job hello-\d+\n/);
    assert.match(events, /SawCompletedJob +Saw completed job: hello-\d+, condition: Complete\n/);
    assert.match(events, /SuccessfulDelete +Deleted job hello-\d+\n/);
    // Suspended: no more jobs.
    k.ok(['patch', 'cronjob', 'hello', '-p', '{"spec":{"suspend":true}}']);
    k.ok('sim advance 3m');
    assert.deepEqual(k.ok('get jobs -l batch.kubernetes.io/job-name!=pi -o name').trim().split('\n'), jobs);
  } finally {
    k.cleanup();
  }
});

test('a failing Job backs off, then fails with BackoffLimitExceeded; OnFailure counts restarts; a deadline ends a job', () => {
  const k = Sandbox.paused();
  try {
    k.ok(['create', 'job', 'fail', '--image=busybox:1.36', '--', 'sh', '-c', 'exit 1']);
    k.ok(['patch', 'job', 'fail', '-p', '{"spec":{"backoffLimit":2}}']);
    k.ok('sim advance 5m');
    assert.match(k.ok('get job fail --no-headers'), /^fail +Failed +0\/1 +/);
    assert.equal(k.ok('get pods -l job-name=fail --no-headers').trim().split('\n').length, 3, 'the first try and two retries');
    assert.equal(k.ok('get job fail -o jsonpath={.status.failed}/{.status.conditions[*].type}'), '3/FailureTarget Failed');
    const events = k.ok('describe job fail').split('Events:\n')[1];
    assert.match(events, /Normal {3}SuccessfulCreate +\S+ +job-controller +Created pod: fail-\w{5}\n/);
    assert.match(events, /Warning {2}BackoffLimitExceeded +\S+ +job-controller +Job has reached the specified backoff limit\n$/);
    // The retries wait 10s, then 20s, after the failures.
    const created = k.ok(['get', 'pods', '-l', 'job-name=fail', '--sort-by=.metadata.creationTimestamp', '-o', 'jsonpath={range .items[*]}{.metadata.creationTimestamp}{"\\n"}{end}']).trim().split('\n').map(Date.parse);
    assert.ok(created[1] - created[0] >= 10_000 && created[2] - created[1] >= 20_000, `retries back off: ${created.join(' ')}`);

    const onFailure = k.run(['apply', '-f', '-'], 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: crashy\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: ["sh", "-c", "exit 3"]\n');
    assert.equal(onFailure.stdout, 'job.batch/crashy created\n');
    k.ok('sim advance 2m');
    assert.equal(k.ok('get job crashy -o jsonpath={.status.conditions[-1:].reason}'), 'BackoffLimitExceeded');
    assert.equal(k.ok('get pods -l job-name=crashy -o name').trim().split('\n').length, 1, 'OnFailure restarts the container in place');

    k.run(['apply', '-f', '-'], 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: slow\nspec:\n  activeDeadlineSeconds: 30\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: ["sleep", "600"]\n');
    k.ok('sim advance 29s');
    assert.match(k.ok('get job slow --no-headers'), /^slow +Running /);
    k.ok('sim advance 40s');
    assert.equal(k.ok('get job slow -o jsonpath={.status.conditions[-1:].type}/{.status.conditions[-1:].reason}'), 'Failed/DeadlineExceeded');
  } finally {
    k.cleanup();
  }
});

test('parallel jobs run parallelism pods at a time until completions succeed; ttlSecondsAfterFinished deletes the job', () => {
  const k = Sandbox.paused();
  try {
    k.run(['apply', '-f', '-'], 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: work\nspec:\n  completions: 5\n  parallelism: 2\n  ttlSecondsAfterFinished: 60\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: ["sh", "-c", "sleep 10"]\n');
    k.ok('sim advance 5s');
    assert.match(k.ok('get job work --no-headers'), /^work +Running +0\/5 /);
    assert.equal(k.ok('get job work -o jsonpath={.status.active}'), '2');
    k.ok('sim advance 60s');
    assert.match(k.ok('get job work --no-headers'), /^work +Complete +5\/5 /);
    assert.equal(k.ok('get pods -l job-name=work --no-headers').trim().split('\n').length, 5);
    k.ok('sim advance 61s');
    assert.equal(k.run('get job work').code, 1, 'deleted after its TTL');
    assert.equal(k.run('get pods -l job-name=work').stderr, 'No resources found in default namespace.\n');
  } finally {
    k.cleanup();
  }
});

test('StatefulSet: ordered pods with stable names and DNS, scale down from the top, roll from the top', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok(['apply', '-f', STS]), 'service/nginx created\nstatefulset.apps/web created\n');
    k.ok('sim advance 1s');
    assert.equal(k.ok('get pods -l app=nginx -o name'), 'pod/web-0\n', 'web-1 waits for web-0 to be Running and Ready');
    k.ok('sim advance 30s');
    assert.equal(k.ok('get pods -l app=nginx -o name'), 'pod/web-0\npod/web-1\npod/web-2\n');
    assert.match(k.ok('get sts web --no-headers'), /^web +3\/3 +31s\n$/);
    assert.equal(k.ok('get pod web-1 -o jsonpath={.spec.hostname}.{.spec.subdomain}/{.metadata.labels.apps\\.kubernetes\\.io/pod-index}'), 'web-1.nginx/1');
    const ip = k.ok('get pod web-1 -o jsonpath={.status.podIP}');
    k.ok('run client --image=busybox:1.36 -- sleep 3600');
    k.ok('sim advance 5s');
    assert.match(k.ok(['exec', 'client', '--', 'nslookup', 'web-1.nginx.default.svc.cluster.local']), new RegExp(`Address: ${ip.replace(/\./g, '\\.')}\n`));
    const events = k.ok(['get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}']);
    assert.equal(events, 'create Pod web-0 in StatefulSet web successful\ncreate Pod web-1 in StatefulSet web successful\ncreate Pod web-2 in StatefulSet web successful\n');
    expectGolden('describe-sts-web', k.ok('describe sts web'));

    assert.equal(k.ok('scale sts web --replicas=1'), 'statefulset.apps/web scaled\n');
    const status = () => k.ok(['get', 'pods', '-l', 'app=nginx', '-o', 'custom-columns=NAME:.metadata.name,DELETING:.metadata.deletionTimestamp', '--no-headers']).replace(/ +\S+Z/g, ' deleting').replace(/ +<none>/g, '');
    assert.equal(status(), 'web-0\nweb-1\nweb-2 deleting\n', 'web-2 goes first, alone');
    k.ok('sim advance 1s');
    assert.equal(status(), 'web-0\nweb-1 deleting\n');
    k.ok('sim advance 5s');
    assert.equal(k.ok('get pods -l app=nginx -o name'), 'pod/web-0\n');

    k.ok('scale sts web --replicas=3');
    k.ok('sim advance 30s');
    k.ok('set image sts/web nginx=registry.k8s.io/nginx-slim:0.25');
    const order: string[] = [];
    for (let i = 0; i < 40 && order.length < 3; i++) {
      k.ok('sim advance 1s');
      for (const line of k.ok(['get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image}{"\\n"}{end}']).trim().split('\n')) {
        const [name, image] = line.split('=');
        if (image.endsWith(':0.25') && !order.includes(name)) order.push(name);
      }
    }
    assert.deepEqual(order, ['web-2', 'web-1', 'web-0']);
  } finally {
    k.cleanup();
  }
});

test('rollout restart and status for daemon sets (node by node) and stateful sets', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok('rollout status ds/kube-proxy -n kube-system'), 'daemon set "kube-proxy" successfully rolled out\n');
    assert.equal(k.ok('rollout restart ds/kube-proxy -n kube-system'), 'daemonset.apps/kube-proxy restarted\n');
    assert.equal(k.ok('get ds kube-proxy -n kube-system -o jsonpath={.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}'), '2');
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      k.ok('sim advance 1s');
      seen.add(k.ok('rollout status ds/kube-proxy -n kube-system --watch=false'));
      const terminating = k.ok('get pods -n kube-system -l k8s-app=kube-proxy --no-headers').split('\n').filter((l) => / Terminating /.test(l));
      assert.ok(terminating.length <= 1, 'maxUnavailable 1: one node at a time');
    }
    assert.ok(seen.has('Waiting for daemon set "kube-proxy" rollout to finish: 1 out of 3 new pods have been updated...\n'), [...seen].join(''));
    assert.ok(seen.has('daemon set "kube-proxy" successfully rolled out\n'));
    assert.equal(new Set(k.ok(['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-proxy', '-o', 'jsonpath={.items[*].metadata.labels.controller-revision-hash}']).split(' ')).size, 1);

    k.ok(['apply', '-f', STS]);
    assert.equal(k.ok('rollout status sts/web --watch=false'), 'Waiting for 3 pods to be ready...\n');
    k.ok('sim advance 30s');
    assert.equal(k.ok('rollout status sts/web'), 'partitioned roll out complete: 3 new pods have been updated...\n');
    assert.equal(k.ok('rollout restart sts/web'), 'statefulset.apps/web restarted\n');
    assert.deepEqual(k.run('rollout pause sts/web'), { stdout: '', stderr: 'error: statefulset.apps/web pausing is not supported\n', code: 1 });
    assert.deepEqual(k.run('rollout status job/x'), { stdout: '', stderr: 'error: no status viewer has been implemented for Job\n', code: 1 });
  } finally {
    k.cleanup();
  }
});
