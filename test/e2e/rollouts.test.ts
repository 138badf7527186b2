import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

const scalingEvents = (k: Sandbox, name: string) =>
  k
    .ok(['get', 'events', '--field-selector', `involvedObject.name=${name},reason=ScalingReplicaSet`, '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}'])
    .trim()
    .split('\n');

test('seed 001: the kubernetes-bootcamp rolling update v1 → v2 and back with rollout undo, twice', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1 --replicas=4');
    k.ok('sim advance 11m');
    expectGolden('bootcamp-1-deploy-wide', k.ok('get deployment -o wide'));
    assert.equal(k.ok('set image deployments/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2'), 'deployment.apps/kubernetes-bootcamp image updated\n');
    k.ok('sim resume');
    k.env.KUBESIM_TICK = '1000';
    expectGolden('bootcamp-2-rollout-status', k.ok('rollout status deployment/kubernetes-bootcamp'));
    delete k.env.KUBESIM_TICK;
    k.ok('sim pause');
    k.ok('sim advance 14m');
    expectGolden('bootcamp-3-deploy-wide', k.ok('get deployment -o wide'));
    expectGolden('bootcamp-4-describe', k.ok('describe deployment'));
    const events = scalingEvents(k, 'kubernetes-bootcamp');
    const hashes = [...new Set(events.map((e) => /replica set (\S+)/.exec(e)![1]))];
    assert.equal(hashes.length, 2);
    const [v1, v2] = hashes;
    // the seed's sequence, event for event (v1.32 wording: "from X to Y")
    assert.deepEqual(events, [
      `Scaled up replica set ${v1} from 0 to 4`,
      `Scaled up replica set ${v2} from 0 to 1`,
      `Scaled down replica set ${v1} from 4 to 3`,
      `Scaled up replica set ${v2} from 1 to 2`,
      `Scaled down replica set ${v1} from 3 to 2`,
      `Scaled up replica set ${v2} from 2 to 3`,
      `Scaled down replica set ${v1} from 2 to 1`,
      `Scaled up replica set ${v2} from 3 to 4`,
      `Scaled down replica set ${v1} from 1 to 0`,
    ]);
    expectGolden('bootcamp-5-rs', k.ok('get rs'));
    assert.equal(k.ok('rollout history deployment/kubernetes-bootcamp'), 'deployment.apps/kubernetes-bootcamp \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    assert.equal(k.ok('rollout undo deployments/kubernetes-bootcamp'), 'deployment.apps/kubernetes-bootcamp rolled back\n');
    k.ok('sim advance 1m');
    assert.match(k.ok('get deployment -o wide --no-headers'), /gcr\.io\/google-samples\/kubernetes-bootcamp:v1/);
    assert.equal(k.ok('rollout history deployment/kubernetes-bootcamp'), 'deployment.apps/kubernetes-bootcamp \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    assert.equal(k.ok(`get rs ${v1} -o jsonpath={.spec.replicas}`), '4');
    // undo again: back to v2 (the newer revision), not further back
    assert.equal(k.ok('rollout undo deployments/kubernetes-bootcamp'), 'deployment.apps/kubernetes-bootcamp rolled back\n');
    k.ok('sim advance 1m');
    assert.match(k.ok('get deployment -o wide --no-headers'), /jocatalin\/kubernetes-bootcamp:v2/);
    assert.equal(k.ok('rollout history deployment/kubernetes-bootcamp'), 'deployment.apps/kubernetes-bootcamp \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n\n');
    expectGolden('bootcamp-6-history-revision', k.ok('rollout history deployment/kubernetes-bootcamp --revision=4'));
    assert.equal(k.ok('rollout undo deployment/kubernetes-bootcamp --to-revision=4'), 'deployment.apps/kubernetes-bootcamp skipped rollback (current template already matches revision 4)\n');
    assert.deepEqual(k.run('rollout undo deployment/kubernetes-bootcamp --to-revision=9'), { stdout: '', stderr: 'error: unable to find specified revision 9 in history\n', code: 1 });
    assert.deepEqual(k.run('rollout history deployment/kubernetes-bootcamp --revision=9'), { stdout: '', stderr: 'error: unable to find the specified revision\n', code: 1 });
  } finally {
    k.cleanup();
  }
});

function strategyFile(name: string, surge: string, unavailable: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 10
  selector:
    matchLabels:
      app: ${name}
  strategy:
    rollingUpdate:
      maxSurge: ${surge}
      maxUnavailable: ${unavailable}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: nginx:1.25
`;
}

for (const [surge, unavailable, maxTotal, minAvailable] of [
  ['0', '1', 10, 9],
  ['3', '0', 13, 10],
  ['25%', '25%', 13, 8],
] as const) {
  test(`10 replicas, maxSurge ${surge} / maxUnavailable ${unavailable}: every step within the bounds`, () => {
    const k = Sandbox.paused();
    try {
      const name = `s${surge.replace('%', 'p')}u${unavailable.replace('%', 'p')}`;
      k.run('create -f -', strategyFile(name, surge, unavailable));
      k.ok('sim advance 1m');
      k.ok(`set image deploy/${name} app=nginx:1.26`);
      // Walk the rollout one simulated second at a time, checking the counts at each step.
      for (let i = 0; i < 90; i++) {
        const sets = k
          .ok(['get', 'rs', '-l', `app=${name}`, '-o', 'jsonpath={range .items[*]}{.spec.replicas} {.status.availableReplicas}{"\\n"}{end}'])
          .trim()
          .split('\n')
          .map((l) => [0, 1].map((i) => Number(l.split(" ")[i] || 0)));
        const total = sets.reduce((s, [r]) => s + r, 0);
        const available = sets.reduce((s, [, a]) => s + a, 0);
        assert.ok(total <= maxTotal, `step ${i}: ${total} replicas wanted, more than ${maxTotal}`);
        assert.ok(available >= minAvailable, `step ${i}: ${available} available, fewer than ${minAvailable}`);
        k.ok('sim advance 1s');
      }
      assert.equal(k.ok(`get deploy ${name} --no-headers`).split(/\s+/).slice(1, 4).join(' '), '10/10 10 10');
      expectGolden(`rollout-${name}-events`, scalingEvents(k, name).join('\n') + '\n');
    } finally {
      k.cleanup();
    }
  });
}

test('a rollout to an image that does not exist stalls, old pods keep serving, the deadline passes', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.25 --replicas=3');
    k.ok('sim advance 1m');
    k.ok('set image deployment/web nginx=nginx:9.9.9-nope');
    k.ok('sim advance 2m');
    assert.equal(k.ok('get deploy web --no-headers'), 'web   3/3   1     3     3m\n');
    expectGolden('bad-rollout-pods', k.ok('get pods'));
    assert.deepEqual(k.run('rollout status deployment/web --watch=false'), { stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n', stderr: '', code: 0 });
    k.ok('sim advance 10m');
    assert.deepEqual(k.run('rollout status deployment/web'), { stdout: '', stderr: 'error: deployment "web" exceeded its progress deadline\n', code: 1 });
    expectGolden('bad-rollout-describe', k.ok('describe deploy web'));
    assert.equal(k.ok('rollout undo deploy/web'), 'deployment.apps/web rolled back\n');
    k.ok('sim advance 1m');
    assert.equal(k.ok('rollout status deploy/web'), 'deployment "web" successfully rolled out\n');
  } finally {
    k.cleanup();
  }
});

test('pause, resume, restart, set env and resources, Recreate', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.25 --replicas=2');
    k.ok('sim advance 1m');
    const cases: [string, string, string, number][] = [
      ['rollout pause deployment/web', 'deployment.apps/web paused\n', '', 0],
      ['rollout pause deployment/web', '', 'error: deployments.apps "web" is already paused\n', 1],
      ['set image deploy/web nginx=nginx:1.26', 'deployment.apps/web image updated\n', '', 0],
      ['rollout restart deployment/web', '', 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n', 1],
      ['rollout undo deployment/web', '', "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n", 1],
    ];
    for (const [cmd, stdout, stderr, code] of cases) assert.deepEqual(k.run(cmd), { stdout, stderr, code }, cmd);
    k.ok('sim advance 1m');
    assert.equal(k.ok('get rs -l app=web --no-headers').trim().split('\n').length, 1, 'no new replica set while paused');
    assert.match(k.ok('describe deploy web'), /Progressing +Unknown +DeploymentPaused/);
    assert.equal(k.ok('rollout resume deployment/web'), 'deployment.apps/web resumed\n');
    assert.deepEqual(k.run('rollout resume deployment/web'), { stdout: '', stderr: 'error: deployments.apps "web" is not paused\n', code: 1 });
    k.ok('sim advance 1m');
    assert.equal(k.ok('get rs -l app=web --no-headers').trim().split('\n').length, 2);
    assert.equal(k.ok('rollout restart deployment/web'), 'deployment.apps/web restarted\n');
    k.ok('sim advance 1m');
    assert.match(k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations}']), /^\{"kubectl.kubernetes.io\/restartedAt":"2026-11-22T10:03:00Z"\}$/);
    assert.equal(k.ok('set env deployment/web LOG_LEVEL=debug'), 'deployment.apps/web env updated\n');
    assert.equal(k.ok('set resources deployment web -c=nginx --limits=cpu=200m,memory=256Mi --requests=cpu=100m'), 'deployment.apps/web resource requirements updated\n');
    assert.deepEqual(k.run('set image deployment/web nope=nginx'), { stdout: '', stderr: 'error: unable to find container named "nope"\n', code: 1 });
    assert.equal(k.ok('set image deployment/web nginx=nginx:1.26'), '');
    k.ok('sim advance 1m');
    assert.equal(k.ok('rollout history deploy/web').split('\n').length, 9);
    expectGolden('rollout-web-template', k.ok('rollout history deploy/web --revision=5'));
    k.run('create -f -', strategyFile('rec', '0', '1').replace(/  strategy:\n[\s\S]*?  template:/, '  strategy:\n    type: Recreate\n  template:').replace('replicas: 10', 'replicas: 3'));
    k.ok('sim advance 1m');
    k.ok('set image deploy/rec app=nginx:1.26');
    k.ok('sim advance 1m');
    const [v1, v2] = [...new Set(scalingEvents(k, 'rec').map((e) => /replica set (\S+)/.exec(e)![1]))];
    assert.deepEqual(scalingEvents(k, 'rec'), [`Scaled up replica set ${v1} from 0 to 3`, `Scaled down replica set ${v1} from 3 to 0`, `Scaled up replica set ${v2} from 0 to 3`]);
  } finally {
    k.cleanup();
  }
});

test('edit: the object in $EDITOR; a changed image starts a rollout, an invalid edit is refused', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.25 --replicas=2');
    k.ok('sim advance 1m');
    k.env.EDITOR = "sed -i 's/image: nginx:1.25/image: nginx:1.27/'";
    assert.equal(k.ok('edit deployment web'), 'deployment.apps/web edited\n');
    k.env.EDITOR = 'true';
    assert.equal(k.ok('edit deploy/web'), 'Edit cancelled, no changes made.\n');
    k.env.EDITOR = "sed -i 's/replicas: 2/replicas: -1/'";
    const r = k.run('edit deploy web');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to ".+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
    k.ok('sim advance 1m');
    assert.equal(k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}']), '2 nginx:1.27');
    assert.equal(k.ok('rollout history deploy web').split('\n').length, 6);
  } finally {
    k.cleanup();
  }
});

test('with the clock paused, rollout status moves simulated time on until the rollout ends, fails or times out', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.25 --replicas=3');
    assert.deepEqual(k.run('rollout status deployment/web'), {
      stdout: [
        'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...',
        'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...',
        'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
        'deployment "web" successfully rolled out',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
    k.ok('set image deployment/web nginx=nginx:9.9.9-nope');
    const stalled = 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n';
    assert.deepEqual(k.run('rollout status deployment/web --timeout=1m'), { stdout: stalled, stderr: 'error: timed out waiting for the condition\n', code: 1 });
    const updated = k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.status.conditions[?(@.type=="Progressing")].lastUpdateTime}']);
    assert.deepEqual(k.run('rollout status deployment/web'), { stdout: stalled, stderr: 'error: deployment "web" exceeded its progress deadline\n', code: 1 });
    const deadline = k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.status.conditions[?(@.type=="Progressing")].lastUpdateTime}']);
    assert.equal((Date.parse(deadline) - Date.parse(updated)) / 1000 > 500, true, `${updated} → ${deadline}: time moved to the progress deadline`);
  } finally {
    k.cleanup();
  }
});
