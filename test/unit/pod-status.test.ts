import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podStatus, podReady, podRestarts } from '../../src/printers/kinds/pods.ts';
import type { Pod } from '../../src/api/types.ts';

const pod = (status: Partial<Pod['status']>, extra: Partial<Pod['metadata']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...extra },
  spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
  status: { phase: 'Running', ...status },
});
const cs = (name: string, state: any, more: any = {}) => ({ name, image: 'x', imageID: '', ready: false, restartCount: 0, lastState: {}, state, ...more });

test('STATUS: the first non-running container wins (walk from last to first)', () => {
  assert.equal(podStatus(pod({ phase: 'Pending' })), 'Pending');
  assert.equal(podStatus(pod({ containerStatuses: [cs('a', { waiting: { reason: 'CrashLoopBackOff' } }), cs('b', { waiting: { reason: 'ContainerCreating' } })] })), 'CrashLoopBackOff');
  assert.equal(podStatus(pod({ containerStatuses: [cs('a', { terminated: { exitCode: 137 } }), cs('b', { running: {} })] })), 'ExitCode:137');
  assert.equal(podStatus(pod({ containerStatuses: [cs('a', { terminated: { exitCode: 0, signal: 9 } })] })), 'Signal:9');
  assert.equal(
    podStatus(pod({ containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('b', { running: {} }, { ready: true })], conditions: [{ type: 'Ready', status: 'False' }] })),
    'NotReady',
  );
  assert.equal(podStatus(pod({ phase: 'Failed', reason: 'Evicted' })), 'Evicted');
  assert.equal(podStatus(pod({}, { deletionTimestamp: '2026-01-01T00:00:00Z' })), 'Terminating');
  assert.equal(podStatus(pod({ phase: 'Succeeded', containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } })] }, { deletionTimestamp: 'x' })), 'Completed');
});

test('READY and RESTARTS', () => {
  const p = pod({
    containerStatuses: [
      cs('a', { running: {} }, { ready: true, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: '2026-11-22T09:59:15Z' } } }),
      cs('b', { running: {} }, { ready: false, restartCount: 1 }),
    ],
  });
  assert.equal(podReady(p), '1/2');
  assert.equal(podRestarts(p, { now: Date.parse('2026-11-22T10:00:00Z'), api: undefined as any }), '3 (45s ago)');
  assert.equal(podRestarts(pod({}), { now: 0, api: undefined as any }), '0');
});
