// The practice verbs around the labs: list, hints, reset, errors; and the mock exam.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';

test('lab list, hints one at a time, reset, status, and the errors of lab verbs', () => {
  const k = new Sandbox();
  try {
    const list = k.ok('lab list');
    assert.match(list, /^ID +TITLE +DOMAIN +DIFFICULTY +MINUTES +PASSED +ATTEMPTS +BEST\n/);
    assert.ok(list.trim().split('\n').length > 25, 'at least 25 labs');
    const json = JSON.parse(k.ok('lab list -o json'));
    assert.deepEqual(Object.keys(json[0]), ['id', 'title', 'domain', 'difficulty', 'minutes', 'weight', 'progress']);
    assert.deepEqual(new Set(json.map((l: any) => l.domain)), new Set(['Workloads', 'Networking', 'Storage', 'Security', 'Troubleshooting', 'Maintenance', 'Output']));

    assert.deepEqual(k.run('lab check'), { stdout: '', stderr: "error: no lab in progress; start one with 'kubesim lab start ID' (see 'kubesim lab list')\n", code: 1 });
    assert.deepEqual(k.run('lab start nope'), { stdout: '', stderr: "error: lab \"nope\" not found; see 'kubesim lab list'\n", code: 1 });
    assert.deepEqual(k.run('lab stop'), { stdout: '', stderr: 'error: no lab in progress\n', code: 1 });

    k.ok('lab start fix-image-typo');
    assert.equal(k.ok('config current-context'), 'lab-fix-image-typo\n');
    assert.equal(k.ok('lab hint'), 'Hint 1/1: `kubectl describe pod` shows the events: look at the image name in "Failed to pull image".\n(that was the last; \'kubesim lab solution\' shows the answer)\n');
    assert.match(k.ok('lab status'), /^Lab fix-image-typo: Pods stuck in ImagePullBackOff\nContext: lab-fix-image-typo \(current\)\nStarted 0s ago; hints shown: 1\/1; not passed yet\n/);
    k.ok('set image deployment/frontend ngnix=nginx:1.27');
    assert.equal(k.ok('get deploy frontend -o jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.27');
    assert.equal(k.ok('lab reset'), 'Lab fix-image-typo reset: the cluster is as it was at the start.\n');
    assert.equal(k.ok('get deploy frontend -o jsonpath={.spec.template.spec.containers[0].image}'), 'ngnix:1.27');
    // Starting another lab ends this one; the context to go back to is still the original.
    k.ok('lab start taint-and-label');
    assert.equal(k.run('get nodes --context lab-fix-image-typo').code, 1);
    assert.equal(k.ok('lab stop'), 'Lab taint-and-label stopped; context is kubernetes-admin@kubernetes again.\n');
    assert.match(k.ok('lab list'), /\nfix-image-typo +.* no +1 +- *\n/);
  } finally {
    k.cleanup();
  }
});

test('a mock exam: tasks across domains in contexts of their own, a weighted score, the pass mark', () => {
  const k = new Sandbox();
  try {
    const sheet = k.ok('exam --labs 3 --minutes 30 --seed 7');
    assert.match(sheet, /^Mock exam: 3 tasks, 30 minutes, pass mark 66%\. Grade with 'kubesim exam check'\.\n\nTask 1 \(\d+%\): .+\nUse context: kubectl config use-context exam-1\n/);
    assert.equal([...sheet.matchAll(/^Use context: kubectl config use-context exam-(\d)$/gm)].map((m) => m[1]).join(','), '1,2,3');
    assert.deepEqual(k.run('exam --labs 3'), { stdout: '', stderr: "error: an exam is already in progress: 'kubesim exam status' shows it, 'kubesim exam stop' ends it\n", code: 1 });
    assert.match(k.ok('exam status'), /^Mock exam: 3 tasks, 30m0s left\.\n/);
    const graded = k.run('exam check');
    assert.equal(graded.code, 1);
    assert.match(graded.stdout, /\nScore: \d+% \(pass mark 66%\): FAIL; 30m0s left\n$/);
    assert.match(graded.stdout, /^Task 1: .+ \(\d\/\d\)\n {2}[✓✗] /);
    assert.equal(k.ok('exam stop'), 'Exam stopped; context is kubernetes-admin@kubernetes again.\n');
    assert.deepEqual(k.run('exam status'), { stdout: '', stderr: "error: no exam in progress; start one with 'kubesim exam'\n", code: 1 });
  } finally {
    k.cleanup();
  }
});
