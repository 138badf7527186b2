import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClusterState } from '../../src/sim/bootstrap.ts';
import { ApiServer } from '../../src/api/server.ts';
import { runUntil } from '../../src/sim/engine.ts';
import { simTimeAt } from '../../src/sim/clock.ts';

const WALL = Date.parse('2026-11-22T10:00:00Z');
const fresh = () => createClusterState({ name: 't', workers: 2, nodeCpu: '2', nodeMemory: '4Gi', wall: WALL });

test('a fresh cluster is converged at first use: nothing left to do', () => {
  const state = fresh();
  assert.equal(state.clock.now, WALL);
  assert.deepEqual(state.timers, []);
  const api = new ApiServer(state, state.clock.now);
  runUntil(api, WALL + 7 * 24 * 3600_000);
  assert.equal(api.steps, 0);
});

test('bootstrap is deterministic for the same name, time and seed', () => {
  assert.deepEqual(fresh(), fresh());
});

test('timers fire in time order at their own instant, and only up to the target', () => {
  const state = fresh();
  const api = new ApiServer(state, WALL);
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
  api.delete('namespaces', undefined, 'x');
  runUntil(api, WALL + 1000);
  assert.equal(api.get('namespaces', undefined, 'x')?.status?.phase, 'Terminating');
  assert.equal(api.state.timers.length, 1);
  assert.equal(api.state.timers[0].at, WALL + 2000);
  runUntil(api, WALL + 3600_000);
  assert.equal(api.get('namespaces', undefined, 'x'), undefined);
  assert.equal(api.get('serviceaccounts', 'x', 'default'), undefined);
  assert.equal(api.now(), WALL + 3600_000);
});

test('events are aggregated by object, reason and message, and expire after an hour', () => {
  const api = new ApiServer(fresh(), WALL);
  const node = api.mustGet('nodes', undefined, 'node01');
  api.recordEvent(node, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet', { host: 'node01' });
  api.nowMs += 5000;
  api.recordEvent(node, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet', { host: 'node01' });
  const [ev] = api.list('events');
  assert.equal(ev.count, 2);
  assert.equal(ev.firstTimestamp, '2026-11-22T10:00:00Z');
  assert.equal(ev.lastTimestamp, '2026-11-22T10:00:05Z');
  runUntil(api, WALL + 3600_000 + 6000);
  assert.deepEqual(api.list('events'), []);
});

test('simulated time follows the wall clock times speed unless paused', () => {
  const clock = { now: 1000, anchor: 5000, paused: false, speed: 10 };
  assert.equal(simTimeAt(clock, 6000), 11000);
  assert.equal(simTimeAt({ ...clock, paused: true }, 6000), 1000);
  assert.equal(simTimeAt(clock, 4000), 1000);
});
