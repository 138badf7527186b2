// create configmap | secret | serviceaccount | job | cronjob: the objects kubectl builds (compared
// with real kubectl's output in test/golden/kubectl/), the errors it gives, and the server side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Sandbox, ROOT } from '../helpers/cli.ts';

const DATA = join(ROOT, 'test', 'data', 'create');
const kubectlSaid = (name: string) => readFileSync(join(ROOT, 'test', 'golden', 'kubectl', `${name}.txt`), 'utf8');

test('client dry runs print what kubectl prints, byte for byte', () => {
  const k = new Sandbox();
  try {
    const cases: [string, string[]][] = [
      ['create-cm-literal', ['create', 'configmap', 'app', '--from-literal=key1=config1', '--from-literal=key2=config2', '--dry-run=client', '-o', 'yaml']],
      ['create-cm-file', ['create', 'configmap', 'app', `--from-file=${DATA}/greeting.txt`, `--from-file=ui=${DATA}/ui.properties`, '--dry-run=client', '-o', 'yaml']],
      ['create-cm-env-json', ['create', 'configmap', 'app', `--from-env-file=${DATA}/app.env`, '-n', 'prod', '--dry-run=client', '-o', 'json']],
      ['create-secret-generic', ['create', 'secret', 'generic', 'db', '--from-literal=username=admin', '--from-literal=password=S!B\\*d$zDsb=', '--dry-run=client', '-o', 'yaml']],
      ['create-secret-docker', ['create', 'secret', 'docker-registry', 'regcred', '--docker-server=registry.example.com', '--docker-username=u', '--docker-password=p', '--docker-email=u@example.com', '--dry-run=client', '-o', 'yaml']],
      ['create-job', ['create', 'job', 'pi', '--image=perl:5.34.0', '--dry-run=client', '-o', 'yaml', '--', 'perl', '-Mbignum=bpi', '-wle', 'print bpi(20)']],
      ['create-cronjob', ['create', 'cronjob', 'hello', '--image=busybox:1.28', '--schedule=*/1 * * * *', '--dry-run=client', '-o', 'yaml', '--', '/bin/sh', '-c', 'date; echo Hello']],
      ['create-sa', ['create', 'serviceaccount', 'robot', '--dry-run=client', '-o', 'yaml']],
    ];
    for (const [golden, args] of cases) assert.equal(k.ok(args), kubectlSaid(golden), golden);
  } finally {
    k.cleanup();
  }
});

test('client-side errors, in kubectl\'s words', () => {
  const k = new Sandbox();
  try {
    const errors: [string[], string][] = [
      [['create', 'configmap'], "error: exactly one NAME is required, got 0\nSee 'kubesim create configmap -h' for help and examples\n"],
      [['create', 'configmap', 'c', '--from-literal=noequals'], 'error: invalid literal source noequals, expected key=value\n'],
      [['create', 'configmap', 'c', '--from-literal=a=1', '--from-literal=a=2'], 'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "c"\n'],
      [['create', 'configmap', 'c', '--from-literal=bad/key=1'], "error: \"bad/key\" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n"],
      [['create', 'configmap', 'c', '--from-file=missing.txt'], 'error: error reading missing.txt: no such file or directory\n'],
      [['create', 'configmap', 'c', `--from-env-file=${DATA}/app.env`, '--from-literal=a=b'], 'error: from-env-file cannot be combined with from-file or from-literal\n'],
      [['create', 'secret', 'generic', 'c', '--from-literal=a=1', '--from-literal=a=2'], 'error: cannot add key a, another key by that name already exists\n'],
      [['create', 'secret', 'docker-registry', 'x'], 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n'],
      [['create', 'secret', 'tls', 't', `--cert=${DATA}/greeting.txt`], 'error: key and cert must be specified\n'],
      [['create', 'job', 'j'], 'error: either --image or --from must be specified\n'],
      [['create', 'job', 'j', '--from=cronjob/x', '--', 'date'], 'error: cannot specify --from and command\n'],
      [['create', 'cronjob', 'c', '--image=x'], 'error: required flag(s) "schedule" not set\n'],
      [['create', 'cronjob', 'c'], 'error: required flag(s) "image", "schedule" not set\n'],
    ];
    for (const [args, stderr] of errors) assert.deepEqual(k.run(args), { stdout: '', stderr, code: 1 }, args.join(' '));
  } finally {
    k.cleanup();
  }
});

test('server side: objects made, defaults added, server errors wrapped as kubectl wraps them', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok(['create', 'configmap', 'app', `--from-file=${DATA}`]), 'configmap/app created\n');
    assert.equal(k.ok('get cm app -o jsonpath={.data.greeting\\.txt}'), 'hello\n');
    assert.deepEqual(k.run('create cm app --from-literal=a=b'), { stdout: '', stderr: 'error: failed to create configmap: configmaps "app" already exists\n', code: 1 });
    assert.equal(k.ok(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cr3t']), 'secret/db created\n');
    assert.equal(k.ok('get secret db --no-headers').replace(/\s+\S+\n$/, ''), 'db    Opaque   1');
    assert.equal(k.ok('create sa robot'), 'serviceaccount/robot created\n');
    assert.deepEqual(k.run(['create', 'cronjob', 'c', '--image=busybox', '--schedule=bad']), {
      stdout: '',
      stderr: 'error: failed to create cronjob: CronJob.batch "c" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]\n',
      code: 1,
    });
    assert.deepEqual(k.run(['create', 'cronjob', 'c', '--image=busybox', '--schedule=* * * * *', '--restart=Always']), {
      stdout: '',
      stderr: 'error: failed to create cronjob: CronJob.batch "c" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n',
      code: 1,
    });
    assert.equal(k.ok(['create', 'cronjob', 'c', '--image=busybox', '--schedule=*/5 * * * *', '--', 'echo', 'hi']), 'cronjob.batch/c created\n');
    assert.equal(k.ok('create job manual --from=cronjob/c'), 'job.batch/manual created\n');
    assert.equal(k.ok('get job manual -o jsonpath={.metadata.annotations}/{.metadata.ownerReferences[0].name}'), '{"cronjob.kubernetes.io/instantiate":"manual"}/c');
    assert.deepEqual(k.run('create job x --from=cronjob/nope'), { stdout: '', stderr: 'Error from server (NotFound): cronjobs.batch "nope" not found\n', code: 1 });
    k.ok('sim advance 20s');
    assert.equal(k.ok('logs job/manual'), 'hi\n');
  } finally {
    k.cleanup();
  }
});

const CONSUMERS = `apiVersion: v1
kind: Pod
metadata:
  name: envpod
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: LEVEL
      valueFrom:
        configMapKeyRef: {name: app-config, key: level}
---
apiVersion: v1
kind: Pod
metadata:
  name: volpod
spec:
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts: [{name: cfg, mountPath: /etc/app}]
  volumes:
  - name: cfg
    configMap: {name: app-config}
`;

test('pods that need a missing ConfigMap wait for it: CreateContainerConfigError, FailedMount, then they start', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.run(['apply', '-f', '-'], CONSUMERS).stdout, 'pod/envpod created\npod/volpod created\n');
    k.ok('sim advance 1m');
    assert.equal(k.ok(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,STATUS:.status.containerStatuses[0].state.waiting.reason,MESSAGE:.status.containerStatuses[0].state.waiting.message']),
      'NAME     STATUS                       MESSAGE\nenvpod   CreateContainerConfigError   configmap "app-config" not found\nvolpod   ContainerCreating            <none>\n');
    assert.match(k.ok('get events --field-selector involvedObject.name=volpod,reason=FailedMount -o jsonpath={.items[0].message}'), /^MountVolume\.SetUp failed for volume "cfg" : configmap "app-config" not found$/);
    assert.match(k.ok('describe pod envpod'), /Warning {2}Failed {5}\d+s \(x\d over \d+s\) {2}kubelet {12}Error: configmap "app-config" not found\n/);
    // The ConfigMap without the key the environment needs: a different complaint.
    k.ok('create configmap app-config --from-literal=lvl=3');
    k.ok('sim advance 5s');
    assert.equal(k.ok('get pod envpod -o jsonpath={.status.containerStatuses[0].state.waiting.message}'), "couldn't find key level in ConfigMap default/app-config");
    assert.equal(k.ok('get pod volpod -o jsonpath={.status.phase}'), 'Running', 'the volume only needed the ConfigMap');
    k.ok('delete cm app-config');
    k.ok('create configmap app-config --from-literal=level=3');
    k.ok('sim advance 5s');
    assert.match(k.ok('get pods --no-headers'), /^envpod +1\/1 +Running +0 .*\nvolpod +1\/1 +Running +0 /);
    assert.equal(k.ok('exec envpod -- printenv LEVEL'), '3\n');
  } finally {
    k.cleanup();
  }
});
