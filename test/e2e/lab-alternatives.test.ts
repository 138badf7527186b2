// Labs check the state, not the keystrokes: other correct answers than the reference one pass,
// and what they check is said without giving away answers the task asks to find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/cli.ts';

function inLab(id: string, fn: (k: Sandbox) => void): void {
  const k = new Sandbox();
  try {
    const r = k.run(['lab', 'start', id]);
    assert.equal(r.code, 0, r.stderr);
    k.ok('sim pause');
    fn(k);
  } finally {
    k.cleanup();
  }
}

const passes = (k: Sandbox) => {
  const r = k.run('lab check');
  assert.equal(r.code, 0, r.stdout);
};

test('requests-limits: quantities are compared as quantities, however they are written', () => {
  inLab('requests-limits', (k) => {
    k.run(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata: {name: limited, namespace: quota}
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: {cpu: "0.1", memory: 67108864}
      limits: {cpu: 0.2, memory: "0.125Gi"}
`);
    k.ok('sim advance 1m');
    assert.equal(k.ok('get pod limited -n quota -o jsonpath={.spec.containers[0].resources}'), '{"limits":{"cpu":"200m","memory":"128Mi"},"requests":{"cpu":"100m","memory":"67108864"}}');
    passes(k);
  });
});

test('taints-tolerations: required node affinity selects the node as well as a nodeSelector, with no label asked for', () => {
  inLab('taints-tolerations', (k) => {
    k.run(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata: {name: cuda}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions: [{key: accelerator, operator: In, values: [nvidia]}]
  tolerations: [{key: gpu, operator: Exists, effect: NoSchedule}]
  containers:
  - {name: c, image: "busybox:1.36", command: [sleep, "3600"]}
`);
    k.ok('sim advance 1m');
    passes(k);
  });
});

test('fix-liveness-port: a probe on a named port that resolves to 80 passes', () => {
  inLab('fix-liveness-port', (k) => {
    const r = k.run(['replace', '--force', '-f', '-'], `apiVersion: v1
kind: Pod
metadata: {name: health, labels: {app: health}}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, name: http}]
    livenessProbe:
      httpGet: {path: /, port: http}
      initialDelaySeconds: 3
      periodSeconds: 5
`);
    assert.equal(r.stdout, 'pod "health" deleted\npod/health replaced\n');
    k.ok('sim advance 2m');
    passes(k);
  });
});

test('fix-crashloop: /bin/sleep through a shell passes; the failure names the command, not a JSONPath', () => {
  inLab('fix-crashloop', (k) => {
    const before = k.run('lab check').stdout;
    assert.match(before, /deployment default\/worker: the container's command and args is "sh -c echo starting; exit 1 ", expected to match/);
    k.ok(['patch', 'deployment', 'worker', '--type=json', '-p', '[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["sh","-c","/bin/sleep 3600"]}]']);
    k.ok('sim advance 1m');
    passes(k);
  });
});

test('dns-answer: a wrong answer is not corrected by the check', () => {
  inLab('dns-answer', (k) => {
    k.ok('sim advance 1m');
    const answers = join(k.home, 'answers');
    mkdirSync(answers, { recursive: true });
    writeFileSync(join(answers, 'db-ip.txt'), '10.96.0.10\n');
    const out = k.run('lab check').stdout;
    assert.match(out, /holds "10\.96\.0\.10", which is not the answer/);
    assert.doesNotMatch(out, /expected "10\./);
  });
});
