import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';
import { MSG_LABEL, MSG_SUBDOMAIN } from '../../src/api/validation.ts';

let k: Sandbox;
before(() => {
  k = Sandbox.paused();
});
after(() => k.cleanup());

/** Runs `get -w` with the clock running, one simulated second per poll, for `seconds`. */
const watchFor = (seconds: number, args: string) => {
  k.ok('sim resume');
  k.env.KUBESIM_TICK = '1000';
  try {
    return k.ok(`${args} -w --request-timeout=${seconds}s`);
  } finally {
    delete k.env.KUBESIM_TICK;
    k.ok('sim pause');
  }
};

test('run: Pending → ContainerCreating → Running, as get -w shows it', () => {
  assert.equal(k.ok('run nginx --image=nginx'), 'pod/nginx created\n');
  expectGolden('run-nginx-watch', watchFor(8, 'get pods'));
  expectGolden('run-nginx-describe', k.ok('describe pod nginx'));
  expectGolden('run-nginx-wide', k.ok('get pods -o wide'));
});

test('run --dry-run=client prints what kubectl generates', () => {
  assert.equal(
    k.ok('run nginx --image=nginx --dry-run=client -o yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
  );
  assert.equal(
    k.ok(['run', 'nginx', '--image=nginx', '--port=80', '--env=A=1', '--restart=Never', '--dry-run=client', '-o', 'yaml', '--', 'sleep', '3600']),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - args:\n    - sleep\n    - "3600"\n    env:\n    - name: A\n      value: "1"\n    image: nginx\n    name: nginx\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Never\nstatus: {}\n',
  );
  assert.equal(k.ok('run x --image=busybox --dry-run=client'), 'pod/x created (dry run)\n');
});

const KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const DEPLOYMENT_FLAGS = [
  ['web', '--image=nginx'],
  ['web', '--image=nginx:1.25', '--replicas=3', '--port=80'],
  ['multi', '--image=nginx', '--image=redis:7'],
  ['cmd', '--image=busybox', '--', 'sleep', '3600'],
];
for (const flags of DEPLOYMENT_FLAGS) {
  for (const format of ['yaml', 'json']) {
    test(`create deployment ${flags.join(' ')} --dry-run=client -o ${format} equals kubectl's`, { skip: !KUBECTL && 'kubectl not installed' }, () => {
      const args = ['create', 'deployment', ...flags.slice(0, flags.indexOf('--') < 0 ? undefined : flags.indexOf('--')), '--dry-run=client', '-o', format, ...(flags.includes('--') ? flags.slice(flags.indexOf('--')) : [])];
      const real = spawnSync('kubectl', args, { encoding: 'utf8' });
      assert.equal(real.status, 0, real.stderr);
      assert.equal(k.ok(args), real.stdout);
    });
  }
}

test('create deployment: replica set and pods named and labelled as the controllers do', () => {
  assert.equal(k.ok('create deployment web --image=nginx:1.25 --replicas=3 --port=80'), 'deployment.apps/web created\n');
  expectGolden('deploy-web-created', k.ok('get deploy,rs,pods -l app=web'));
  k.ok('sim advance 30s');
  expectGolden('deploy-web-running', k.ok('get deploy,rs,pods -l app=web -o wide'));
  expectGolden('deploy-web-describe', k.ok('describe deployment web'));
  expectGolden('deploy-web-describe-rs', k.ok('describe rs -l app=web'));
  const [first] = k.ok('get pods -l app=web -o name').trim().split('\n');
  expectGolden('deploy-web-pod-yaml', k.ok(`get ${first} -o yaml`));
});

test('scale: events from the deployment controller, replicas follow', () => {
  assert.equal(k.ok('scale deployment web --replicas=5'), 'deployment.apps/web scaled\n');
  k.ok('sim advance 20s');
  assert.equal(k.ok('get deploy web --no-headers'), 'web   5/5   5     5     50s\n');
  assert.equal(k.ok('scale deploy/web --replicas=2 --current-replicas=5'), 'deployment.apps/web scaled\n');
  assert.deepEqual(k.run('scale deploy web --replicas=3 --current-replicas=5'), { stdout: '', stderr: 'error: Expected replicas to be 5, was 2\n', code: 1 });
  assert.deepEqual(k.run('scale deploy web --replicas=-1'), { stdout: '', stderr: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n', code: 1 });
  assert.deepEqual(k.run('scale deploy web'), { stdout: '', stderr: 'error: required flag(s) "replicas" not set\n', code: 1 });
  k.ok('sim advance 40s');
  expectGolden('deploy-web-scaled-events', k.ok('get events --field-selector involvedObject.kind=Deployment'));
  assert.equal(k.ok('get pods -l app=web --no-headers').trim().split('\n').length, 2);
});

test('a deleted pod of a replica set is replaced; deleting the deployment cascades', () => {
  const [victim] = k.ok('get pods -l app=web -o name').trim().split('\n');
  assert.equal(k.ok(`delete ${victim}`), `pod "${victim.slice(4)}" deleted\n`);
  const pods = k.ok('get pods -l app=web -o name').trim().split('\n');
  assert.equal(pods.length, 3);
  k.ok('sim advance 10s');
  const after = k.ok('get pods -l app=web -o name').trim().split('\n');
  assert.equal(after.length, 2);
  assert.ok(!after.includes(victim));
  assert.equal(k.ok('delete deployment web'), 'deployment.apps "web" deleted\n');
  k.ok('sim advance 10s');
  assert.deepEqual(k.run('get deploy,rs,pods -l app=web'), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
});

test('a crashing container: Error, restarts, CrashLoopBackOff with back-off', () => {
  k.ok(['run', 'crash', '--image=busybox', '--', 'sh', '-c', 'echo boom; exit 1']);
  expectGolden('crash-watch', watchFor(70, 'get pod crash'));
  expectGolden('crash-describe', k.ok('describe pod crash'));
});

test('a pod that exits 0 with restartPolicy Never is Completed', () => {
  k.ok(['run', 'once', '--image=busybox', '--restart=Never', '--', 'echo', 'hi']);
  k.ok('sim advance 10s');
  assert.equal(k.ok('get pod once --no-headers'), 'once   0/1   Completed   0     10s\n');
  k.ok(['run', 'oops', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'exit 3']);
  k.ok('sim advance 10s');
  assert.equal(k.ok('get pod oops --no-headers'), 'oops   0/1   Error   0     10s\n');
  assert.equal(k.ok(['get', 'pod', 'oops', '-o', 'jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}']), 'Failed 3');
});

test('an image that does not exist: ErrImagePull, then ImagePullBackOff with back-off', () => {
  k.ok('run bad --image=nginx:nope');
  expectGolden('bad-image-watch', watchFor(40, 'get pod bad'));
  expectGolden('bad-image-events', k.ok('get events --field-selector involvedObject.name=bad'));
});

test('scheduling: resources, taints, node selectors; FailedScheduling as the scheduler words it', () => {
  const file = join(k.home, 'pods.yaml');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: big
    image: nginx
    resources:
      requests:
        cpu: "8"
---
apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  nodeSelector:
    disk: ssd
  containers:
  - name: app
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: on-cp
spec:
  nodeName: controlplane
  containers:
  - name: app
    image: nginx
`,
  );
  assert.equal(k.ok(`create -f ${file}`), 'pod/big created\npod/picky created\npod/on-cp created\n');
  k.ok('sim advance 10s');
  expectGolden('scheduling-pending', k.ok('get pods big picky on-cp -o wide'));
  expectGolden('scheduling-events', k.ok('get events --field-selector reason=FailedScheduling'));
  assert.equal(k.ok('label node node02 disk=ssd'), 'node/node02 labeled\n');
  k.ok('sim advance 10s');
  assert.equal(k.ok(['get', 'pod', 'picky', '-o', 'jsonpath={.spec.nodeName} {.status.phase}']), 'node02 Running');
  const r = k.run(`create -f ${file}`);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    [
      `Error from server (AlreadyExists): error when creating "${file}": pods "big" already exists`,
      `Error from server (AlreadyExists): error when creating "${file}": pods "picky" already exists`,
      `Error from server (AlreadyExists): error when creating "${file}": pods "on-cp" already exists`,
      '',
    ].join('\n'),
  );
  assert.equal(r.code, 1);
});

test('labels and annotations', () => {
  const cases: [string, string, string, number][] = [
    ['label pod once tier=fe', 'pod/once labeled\n', '', 0],
    ['label pod once tier=be', '', "error: 'tier' already has a value (fe), and --overwrite is false\n", 1],
    ['label pod once tier=be --overwrite', 'pod/once labeled\n', '', 0],
    ['label pod once tier-', 'pod/once unlabeled\n', '', 0],
    ['label pod once tier-', 'label "tier" not found.\npod/once not labeled\n', '', 0],
    ['label pod once', '', "error: at least one label update is required\nSee 'kubesim label -h' for help and examples\n", 1],
    ['label pod once a=b a-', '', 'error: can not both modify and remove a label in the same command\n', 1],
    ['annotate pod once note=hi', 'pod/once annotated\n', '', 0],
    ['annotate pod once note=bye', '', "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n", 1],
    ['label pods nope a=b', '', 'Error from server (NotFound): pods "nope" not found\n', 1],
  ];
  for (const [cmd, stdout, stderr, code] of cases) assert.deepEqual(k.run(cmd), { stdout, stderr, code }, cmd);
  assert.equal(k.ok('get pod once --show-labels --no-headers'), 'once   0/1   Completed   0     80s   run=once\n');
});

test('invalid objects are refused with the API server\'s message and change nothing', () => {
  const cases: [string[], string][] = [
    [
      ['run', 'Bad', '--image=nginx'],
      `The Pod "Bad" is invalid: \n* metadata.name: Invalid value: "Bad": ${MSG_SUBDOMAIN}\n* spec.containers[0].name: Invalid value: "Bad": ${MSG_LABEL}\n`,
    ],
    [['run', 'x', '--image=Nginx:'], 'error: Invalid image name "Nginx:": invalid reference format\n'],
    [['run', 'x'], 'error: required flag(s) "image" not set\n'],
    [['run', 'x', '--image=nginx', '--restart=Sometimes'], "error: invalid restart policy: Sometimes\nSee 'kubesim run -h' for help and examples\n"],
    [['run', 'nginx', '--image=nginx'], 'Error from server (AlreadyExists): pods "nginx" already exists\n'],
    [['create', 'deployment', 'Web', '--image=nginx'], 'error: failed to create deployment: Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n'],
    [['create', 'deployment', 'web'], 'error: required flag(s) "image" not set\n'],
    [['run', 'x', '--image=nginx', '-n', 'nope'], 'Error from server (NotFound): namespaces "nope" not found\n'],
  ];
  const before = k.ok('get all -o name');
  for (const [args, stderr] of cases) assert.deepEqual(k.run(args), { stdout: '', stderr, code: 1 }, args.join(' '));
  assert.equal(k.ok('get all -o name'), before);
});

test('create -f - reads stdin; unknown kinds and invalid documents get kubectl\'s errors', () => {
  const deployment = (selector: string, label: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d1\nspec:\n  selector:\n    matchLabels:\n      app: ${selector}\n  template:\n    metadata:\n      labels:\n        app: ${label}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n`;
  assert.deepEqual(k.run('create -f -', 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n'), {
    stdout: '',
    stderr: 'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    code: 1,
  });
  assert.deepEqual(k.run('create -f -', deployment('a', 'b')), {
    stdout: '',
    stderr: 'The Deployment "d1" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`\n',
    code: 1,
  });
  assert.deepEqual(k.run('create -f nope.yaml'), { stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n', code: 1 });
  assert.equal(k.run('create -f -', deployment('a', 'a')).stdout, 'deployment.apps/d1 created\n');
  assert.equal(k.ok('delete deploy d1 --wait=false'), 'deployment.apps "d1" deleted\n');
});

test('delete --force, --grace-period, --now, -l and --all', () => {
  k.ok('run g1 --image=nginx --labels=grp=a');
  k.ok('run g2 --image=nginx --labels=grp=a');
  k.ok('run g3 --image=busybox -- sleep 3600');
  k.ok('sim advance 10s');
  assert.deepEqual(k.run('delete pod g1 --force'), {
    stdout: 'pod "g1" force deleted\n',
    stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    code: 0,
  });
  assert.deepEqual(k.run('delete pod g2 --force --grace-period=5'), { stdout: '', stderr: 'error: --force and --grace-period greater than 0 cannot be specified together\n', code: 1 });
  assert.deepEqual(k.run('delete pods --all -l grp=a'), { stdout: '', stderr: 'error: cannot set --all and --selector at the same time\n', code: 1 });
  assert.equal(k.ok('delete pods -l grp=a'), 'pod "g2" deleted\n');
  assert.equal(k.ok('delete pod g3 --grace-period=20'), 'pod "g3" deleted\n');
  k.ok('sim advance 5s');
  // busybox's sleep ignores SIGTERM: the pod stays Terminating for its whole grace period
  assert.match(k.ok('get pod g3 --no-headers'), /^g3 +1\/1 +Terminating /);
  assert.deepEqual(k.run('get pod g2'), { stdout: '', stderr: 'Error from server (NotFound): pods "g2" not found\n', code: 1 });
  k.ok('sim advance 20s');
  assert.deepEqual(k.run('get pod g3'), { stdout: '', stderr: 'Error from server (NotFound): pods "g3" not found\n', code: 1 });
  assert.equal(k.ok('delete pods -l grp=none'), 'No resources found\n');
});
