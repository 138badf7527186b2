// kubectl diff: the live objects against what apply would make of them, compared by diff -u -N;
// exit 0 when nothing would change, 1 when something would, 2 for kubectl's own errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/cli.ts';

const deployment = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: "${image}"}
`;

/** Temporary directory names and file times vary from run to run. */
const stable = (s: string) => s.replace(/\/tmp\/(LIVE|MERGED)-\w+/g, '/tmp/$1-X').replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \+0000/g, '\t<mtime>');

test('diff shows what apply would change, and nothing once applied', () => {
  const k = Sandbox.paused();
  try {
    const file = join(k.home, 'web.yaml');
    writeFileSync(file, deployment(2, 'nginx:1.25'));
    const fresh = k.run(['diff', '-f', file]);
    assert.equal(fresh.code, 1);
    assert.match(stable(fresh.stdout), /^diff -u -N \/tmp\/LIVE-X\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-X\/apps\.v1\.Deployment\.default\.web\n--- \/tmp\/LIVE-X\/apps\.v1\.Deployment\.default\.web\t<mtime>\n\+\+\+ \/tmp\/MERGED-X\/apps\.v1\.Deployment\.default\.web\t<mtime>\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1\n\+kind: Deployment\n/);
    k.ok(['apply', '-f', file]);
    assert.deepEqual(k.run(['diff', '-f', file]), { stdout: '', stderr: '', code: 0 });
    writeFileSync(file, deployment(3, 'nginx:1.27'));
    const changed = k.run(['diff', '-f', file]);
    assert.equal(changed.code, 1);
    assert.equal(
      stable(changed.stdout).replace(/^( {3}(creationTimestamp|uid): ).*$/gm, '$1<x>').replace(/\{"replicas":2.*\n/, '<last-applied>\n'),
      [
        'diff -u -N /tmp/LIVE-X/apps.v1.Deployment.default.web /tmp/MERGED-X/apps.v1.Deployment.default.web',
        '--- /tmp/LIVE-X/apps.v1.Deployment.default.web\t<mtime>',
        '+++ /tmp/MERGED-X/apps.v1.Deployment.default.web\t<mtime>',
        '@@ -6,7 +6,7 @@',
        '     kubectl.kubernetes.io/last-applied-configuration: |',
        '       {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":<last-applied>',
        '   creationTimestamp: <x>',
        '-  generation: 1',
        '+  generation: 2',
        '   labels:',
        '     app: web',
        '   name: web',
        '@@ -15,7 +15,7 @@',
        '   uid: <x>',
        ' spec:',
        '   progressDeadlineSeconds: 600',
        '-  replicas: 2',
        '+  replicas: 3',
        '   revisionHistoryLimit: 10',
        '   selector:',
        '     matchLabels:',
        '@@ -31,7 +31,7 @@',
        '         app: web',
        '     spec:',
        '       containers:',
        '-      - image: nginx:1.25',
        '+      - image: nginx:1.27',
        '         imagePullPolicy: IfNotPresent',
        '         name: nginx',
        '         resources: {}',
        '',
      ].join('\n'),
    );
    assert.equal(k.ok('get deploy web -o jsonpath={.spec.replicas}'), '2', 'diff changes nothing');
  } finally {
    k.cleanup();
  }
});

test('diff masks secret values and fails with exit 2 on its own errors', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create secret generic db --from-literal=password=old --from-literal=user=admin');
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  password: bmV3\n  user: YWRtaW4=\n';
    const r = k.run(['diff', '-f', '-'], secret);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\n-  password: '\*\*\* \(before\)'\n\+  password: '\*\*\* \(after\)'\n {3}user: '\*\*\*'\n/);
    assert.doesNotMatch(r.stdout, /bmV3|b2xk/);
    assert.deepEqual(k.run('diff'), { stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 2 });
    assert.deepEqual(k.run('diff -f x.yaml extra'), { stdout: '', stderr: "error: Unexpected args: [extra]\nSee 'kubesim diff -h' for help and examples\n", code: 2 });
    const invalid = k.run(['diff', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\ndata:\n  bad key: x\n');
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /^The ConfigMap "bad" is invalid: data\[bad key\]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters/);
  } finally {
    k.cleanup();
  }
});
