import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';

let k: Sandbox;
before(() => {
  k = Sandbox.paused();
});
after(() => k.cleanup());

test('sim status, advance and speed', () => {
  assert.equal(
    k.ok('sim status'),
    'Cluster:  kubernetes\nTime:     2026-11-22T10:00:00Z\nClock:    paused, speed 1x\nPending:  0 scheduled event(s)\n',
  );
  assert.equal(k.ok('sim advance 90s'), 'Advanced 1m30s to 2026-11-22T10:01:30Z (0 simulation steps)\n');
  assert.equal(k.ok('get ns default --no-headers'), 'default   Active   11m\n');
  assert.equal(k.ok('sim speed 10'), 'Simulated clock speed set to 10x\n');
  assert.match(k.ok('sim status'), /Clock: {4}paused, speed 10x/);
});

test('the clock follows the wall clock unless paused', () => {
  k.env.KUBESIM_NOW = '2026-11-22T10:00:10Z';
  assert.equal(k.ok('get ns default --no-headers'), 'default   Active   11m\n');
  assert.match(k.ok('sim resume'), /^Simulated clock resumed at 2026-11-22T10:01:30Z \(speed 10x\)\n$/);
  k.env.KUBESIM_NOW = '2026-11-22T10:00:16Z';
  assert.equal(k.ok('get ns default --no-headers'), 'default   Active   12m\n');
  k.ok('sim pause');
  k.env.KUBESIM_NOW = '2026-11-22T11:00:00Z';
  assert.equal(k.ok('get ns default --no-headers'), 'default   Active   12m\n');
});

test('catching up after a week costs the changes in that week, not the seconds', () => {
  k.ok('create ns a');
  k.ok('delete ns a');
  const out = k.ok('sim advance 168h');
  const steps = Number(/\((\d+) simulation steps\)/.exec(out)![1]);
  assert.ok(steps > 0 && steps < 20, `steps: ${steps}`);
  assert.equal(k.ok('get ns default --no-headers'), 'default   Active   7d\n');
  assert.equal(k.run('get ns a').code, 1);
  const again = k.ok('sim advance 168h');
  assert.match(again, /\(0 simulation steps\)/);
});

test('bad durations and factors', () => {
  const cases: [string, string][] = [
    ['sim advance soon', 'error: invalid duration "soon": use a number with a unit, e.g. 30s, 5m, 2h or 1h30m\n'],
    ['sim advance -5m', "error: unknown shorthand flag: '5' in -5m\nSee 'kubesim sim advance --help' for usage.\n"],
    ['sim advance 9000h', 'error: invalid duration "9000h": at most 8784h (a year) at a time\n'],
    ['sim speed 0', 'error: invalid speed "0": must be a number between 0 and 10000\n'],
    ['sim speed fast', 'error: invalid speed "fast": must be a number between 0 and 10000\n'],
  ];
  for (const [cmd, stderr] of cases) assert.deepEqual(k.run(cmd), { stdout: '', stderr, code: 1 }, cmd);
});
