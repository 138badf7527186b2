// kubectl wait: conditions, jsonpath, create and delete, selectors, timeouts; with the clock
// paused, simulated time moves on until the condition holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';

test('wait for a condition: the clock moves on until it holds, one line per object', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx --replicas=2');
    assert.equal(k.ok('wait --for=condition=Available deployment/web --timeout=2m'), 'deployment.apps/web condition met\n');
    assert.match(k.ok('sim status'), /Time: +2026-11-22T10:00:0\dZ\n/);
    const pods = k.ok('get pods -l app=web -o name').trim().split('\n');
    assert.equal(k.ok('wait --for=condition=ready pod -l app=web'), pods.map((p) => `${p} condition met\n`).join(''));
    assert.equal(k.ok(['wait', "--for=jsonpath={.status.phase}=Running", 'pod', '--all']), pods.map((p) => `${p} condition met\n`).join(''));
    assert.equal(k.ok(['wait', '--for=jsonpath={.status.readyReplicas}=2', 'deploy/web', '-o', 'name']), 'deployment.apps/web\n');
    k.ok('create job pi --image=perl:5.34 -- perl -Mbignum=bpi -wle "print bpi(20)"');
    assert.equal(k.ok('wait --for=condition=complete job/pi --timeout=1m'), 'job.batch/pi condition met\n');
  } finally {
    k.cleanup();
  }
});

test('wait for delete and create; timeouts, missing objects and bad conditions fail as kubectl does', () => {
  const k = Sandbox.paused();
  try {
    k.ok('run p --image=nginx');
    k.ok('sim advance 20s');
    k.ok('delete pod p --wait=false');
    assert.match(k.ok('get pod p --no-headers'), /Terminating/);
    assert.equal(k.ok('wait --for=delete pod/p --timeout=60s'), 'pod/p condition met\n');
    assert.equal(k.ok('wait --for=delete pod/never'), '', 'an object that is not there is already deleted');
    k.ok('run crash --image=busybox -- false');
    assert.deepEqual(k.run('wait --for=condition=Ready pod/crash --timeout=20s'), { stdout: '', stderr: 'error: timed out waiting for the condition on pods/crash\n', code: 1 });
    assert.deepEqual(k.run('wait --for=condition=Ready pod/nope'), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    assert.deepEqual(k.run('wait --for=condition=Ready pod -l app=none'), { stdout: '', stderr: 'error: no matching resources found\n', code: 1 });
    assert.deepEqual(k.run('wait --for=sunshine pod/crash'), { stdout: '', stderr: 'error: unrecognized condition: "sunshine"\n', code: 1 });
    assert.deepEqual(k.run('wait --for=condition=Ready pod'), { stdout: '', stderr: 'error: resource(s) were provided, but no name was specified\n', code: 1 });
    assert.equal(k.run(['wait', '--for=jsonpath={.status.phase}=', 'pod/crash']).stderr, "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
    const later = k.run('wait --for=create pod/later --timeout=5s');
    assert.deepEqual(later, { stdout: '', stderr: 'error: timed out waiting for the condition on pods/later\n', code: 1 });
    k.ok('run later --image=nginx');
    assert.equal(k.ok('wait --for=create pod/later --timeout=0'), 'pod/later condition met\n');
  } finally {
    k.cleanup();
  }
});
