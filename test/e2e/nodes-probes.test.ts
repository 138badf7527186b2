import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sandbox, ROOT } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

test('cordon, drain (with kubectl\'s refusals), uncordon, taint', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx --replicas=4');
    k.ok('sim advance 30s');
    assert.equal(k.ok('cordon node01'), 'node/node01 cordoned\n');
    assert.equal(k.ok('cordon node01'), 'node/node01 already cordoned\n');
    assert.match(k.ok('get node node01 --no-headers'), /^node01 +Ready,SchedulingDisabled /);
    const refused = k.run('drain node01');
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, 'node/node01 already cordoned\n');
    assert.match(refused.stderr, /^error: unable to drain node "node01" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/canal-\w+, kube-system\/kube-proxy-\w+, continuing command\.\.\.\nThere are pending nodes to be drained:\n node01\ncannot delete DaemonSet-managed Pods/);
    const drained = k.run('drain node01 --ignore-daemonsets');
    assert.equal(drained.code, 0, drained.stderr);
    assert.match(drained.stdout, /^node\/node01 already cordoned\n(evicting pod default\/web-\S+\n)+(pod\/web-\S+ evicted\n)+node\/node01 drained\n$/);
    k.ok('sim advance 30s');
    const nodes = k.ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.nodeName}']).split(' ');
    assert.deepEqual([...new Set(nodes)], ['node02']);
    assert.equal(k.ok('uncordon node01'), 'node/node01 uncordoned\n');
    assert.equal(k.ok('taint nodes node01 dedicated=gpu:NoSchedule'), 'node/node01 tainted\n');
    assert.deepEqual(k.run('taint nodes node01 dedicated=gpu:NoSchedule'), { stdout: '', stderr: 'error: node node01 already has dedicated taint(s) with same effect(s) and --overwrite is false\n', code: 1 });
    assert.equal(k.ok('taint nodes node01 dedicated=cpu:NoSchedule --overwrite'), 'node/node01 modified\n');
    assert.equal(k.ok('taint nodes node01 dedicated-'), 'node/node01 untainted\n');
    assert.deepEqual(k.run('taint nodes node01 dedicated-'), { stdout: '', stderr: 'error: taint "dedicated" not found\n', code: 1 });
    assert.deepEqual(k.run('taint pods x a=b:NoSchedule'), { stdout: '', stderr: 'error: invalid resource type pods, only node types are supported\n', code: 1 });
  } finally {
    k.cleanup();
  }
});

test('a node dies: NotReady after the grace period, pods evicted after 300s, deployments recover elsewhere', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx --replicas=4');
    k.ok('sim advance 30s');
    const victims = k.ok(['get', 'pods', '-l', 'app=web', '--field-selector', 'spec.nodeName=node02', '-o', 'name']).trim().split('\n').filter(Boolean);
    assert.ok(victims.length > 0);
    assert.equal(k.ok('node stop node02'), 'node/node02 stopped\n');
    k.ok('sim advance 49s');
    assert.match(k.ok('get node node02 --no-headers'), /^node02 +Ready /);
    k.ok('sim advance 2s');
    assert.match(k.ok('get node node02 --no-headers'), /^node02 +NotReady /);
    expectGolden('node-dead-describe-conditions', k.ok('describe node node02').split('Addresses:')[0].split('Conditions:')[1]);
    k.ok('sim advance 299s');
    assert.equal(k.ok('get deploy web -o jsonpath={.status.availableReplicas}'), String(4 - victims.length));
    k.ok('sim advance 1m');
    assert.equal(k.ok('get deploy web --no-headers').split(/\s+/).slice(1, 4).join(' '), '4/4 4 4');
    for (const v of victims) assert.match(k.ok(`get ${v} --no-headers`), / Terminating /, 'pods of an unreachable node stay Terminating');
    assert.match(k.ok('get events --field-selector reason=TaintManagerEviction -o name'), /^event\//);
    assert.equal(k.ok('node start node02'), 'node/node02 started\n');
    k.ok('sim advance 5s');
    assert.match(k.ok('get node node02 --no-headers'), /^node02 +Ready /);
    for (const v of victims) assert.equal(k.run(`get ${v}`).code, 1);
    assert.equal(k.ok('node add'), 'node/node03 added\n');
    k.ok('sim advance 1m');
    assert.match(k.ok('get ds -n kube-system --no-headers'), /^canal +4 +4 +4 +4 +4 /);
  } finally {
    k.cleanup();
  }
});

test('seed 001 probes: the healthy-monolith pod; toggled liveness restarts it, toggled readiness takes it out', () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok(`create -f ${join(ROOT, 'fixtures', 'healthy-monolith.yaml')}`), 'pod/healthy-monolith created\n');
    k.ok('sim advance 10s');
    assert.match(k.ok('get pod healthy-monolith --no-headers'), /^healthy-monolith +1\/1 +Running +0 /);
    const ip = k.ok('get pod healthy-monolith -o jsonpath={.status.podIP}');
    k.ok(['curl', '-s', `${ip}:81/healthz/status`]);
    k.ok('sim advance 60s');
    assert.match(k.ok('get pod healthy-monolith --no-headers'), /^healthy-monolith +1\/1 +Running +1 \(/);
    k.ok(['curl', '-s', `${ip}:81/readiness/status`]);
    k.ok('sim advance 2m');
    assert.match(k.ok('get pod healthy-monolith --no-headers'), /^healthy-monolith +0\/1 +Running +1 /);
    const describe = k.ok('describe pod healthy-monolith');
    assert.match(describe, /\n  Ready +False \n/);
    assert.match(describe, /Warning +Unhealthy +\d+s \(x\d+ over \d+m?\d*s?\) +kubelet +Readiness probe failed: HTTP probe failed with statuscode: 503\n/);
    assert.match(describe, /Warning +Unhealthy .*Liveness probe failed: HTTP probe failed with statuscode: 503\n/);
    assert.match(describe, /Normal +Killing .*Container monolith failed liveness probe, will be restarted\n/);
    // The kubelet stopped it with SIGTERM; the server shut down cleanly rather than being SIGKILLed.
    assert.match(describe, /\n    Last State: +Terminated\n      Reason: +Completed\n      Exit Code: +0\n/);
    k.ok(['curl', '-s', `${ip}:81/readiness/status`]);
    k.ok('sim advance 20s');
    assert.match(k.ok('get pod healthy-monolith --no-headers'), /^healthy-monolith +1\/1 +Running +1 /);
  } finally {
    k.cleanup();
  }
});

test("the documentation's exec liveness probe: healthy while the file exists, killed after the grace period once it is removed", () => {
  const k = Sandbox.paused();
  try {
    assert.equal(k.ok(`apply -f ${join(ROOT, 'fixtures', 'manifests', 'exec-liveness.yaml')}`), 'pod/liveness-exec created\n');
    k.ok('sim advance 10s');
    assert.equal(k.ok('exec liveness-exec -- cat /tmp/healthy'), '', 'the script touched /tmp/healthy when it started');
    const row = () => k.ok('get pod liveness-exec --no-headers').replace(/ +/g, ' ');
    k.ok('sim advance 50s');
    // rm at 30s; three failures 5s apart; SIGTERM is ignored by sh, so the kill comes 30s later.
    assert.equal(row(), 'liveness-exec 1/1 Running 0 60s\n');
    const describe = k.ok('describe pod liveness-exec');
    assert.match(describe, /Warning +Unhealthy +\d+s \(x3 over \d+s\) +kubelet +Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory\n/);
    assert.match(describe, /Normal +Killing +\d+s +kubelet +Container liveness failed liveness probe, will be restarted\n/);
    k.ok('sim advance 30s');
    assert.match(row(), /^liveness-exec 1\/1 Running 1 \(\d+s ago\) 90s\n$/);
    assert.match(k.ok('describe pod liveness-exec'), /\n    Last State: +Terminated\n      Reason: +Error\n      Exit Code: +137\n/);
    assert.equal(k.ok('exec liveness-exec -- cat /tmp/healthy'), '', 'the new container touched it again');
  } finally {
    k.cleanup();
  }
});
