import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveFenceposts, newRSNewReplicas, scaleDownOld, scaledValue } from '../../src/controllers/deployment-math.ts';

test('maxSurge rounds up, maxUnavailable rounds down (the reference table for 25%/25%)', () => {
  const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => resolveFenceposts('25%', '25%', n));
  assert.deepEqual(rows.map((r) => r.surge), [1, 1, 1, 1, 2, 2, 2, 2, 3, 3]);
  assert.deepEqual(rows.map((r) => r.unavailable), [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
  assert.deepEqual(resolveFenceposts(0, 0, 10), { surge: 0, unavailable: 1 });
  assert.deepEqual(resolveFenceposts(3, 0, 10), { surge: 3, unavailable: 0 });
  assert.equal(scaledValue('50%', 3, true), 2);
  assert.equal(scaledValue('50%', 3, false), 1);
});

/**
 * Steps a rollout of `replicas` pods to completion with the controller's two moves, assuming
 * every pod becomes available before the next step, and returns the sizes after each move.
 */
function simulate(replicas: number, maxSurge: number | string, maxUnavailable: number | string): string[] {
  const { surge, unavailable } = resolveFenceposts(maxSurge, maxUnavailable, replicas);
  let oldSize = replicas;
  let newSize = 0;
  let newAvailable = 0;
  const steps: string[] = [];
  for (let guard = 0; guard < 100 && (oldSize > 0 || newSize < replicas); guard++) {
    const up = newRSNewReplicas(replicas, surge, { name: 'new', replicas: newSize, available: newAvailable }, [
      { name: 'new', replicas: newSize, available: newAvailable },
      { name: 'old', replicas: oldSize, available: oldSize },
    ]);
    if (up !== newSize) {
      newSize = up;
      steps.push(`new ${newSize}`);
      assert.ok(newSize + oldSize <= replicas + surge, `surge exceeded at ${steps.join(', ')}`);
      continue;
    }
    const [down] = scaleDownOld(replicas, unavailable, { name: 'new', replicas: newSize, available: newAvailable }, [{ name: 'old', replicas: oldSize, available: oldSize }]);
    if (down !== oldSize) {
      oldSize = down;
      steps.push(`old ${oldSize}`);
      assert.ok(oldSize + newAvailable >= replicas - unavailable, `availability broken at ${steps.join(', ')}`);
      continue;
    }
    newAvailable = newSize;
  }
  return steps;
}

test('rolling update sequences: 10 replicas with 0/1, 3/0 and 25%/25%; 3 and 4 replicas at defaults', () => {
  assert.deepEqual(simulate(10, 0, 1), ['old 9', 'new 1', 'old 8', 'new 2', 'old 7', 'new 3', 'old 6', 'new 4', 'old 5', 'new 5', 'old 4', 'new 6', 'old 3', 'new 7', 'old 2', 'new 8', 'old 1', 'new 9', 'old 0', 'new 10']);
  assert.deepEqual(simulate(10, 3, 0), ['new 3', 'old 7', 'new 6', 'old 4', 'new 9', 'old 1', 'new 10', 'old 0']);
  assert.deepEqual(simulate(10, '25%', '25%'), ['new 3', 'old 8', 'new 5', 'old 3', 'new 10', 'old 0']);
  assert.deepEqual(simulate(3, '25%', '25%'), ['new 1', 'old 2', 'new 2', 'old 1', 'new 3', 'old 0']);
  assert.deepEqual(simulate(4, '25%', '25%'), ['new 1', 'old 3', 'new 2', 'old 1', 'new 4', 'old 0']);
});

test('unhealthy old replicas are removed first', () => {
  // 5 wanted, 1 may be unavailable: old set of 5 with only 2 available, new set of 2 not yet
  // available. Total 7, minimum 4, 2 new unavailable: one replica may go, an unhealthy one.
  assert.deepEqual(scaleDownOld(5, 1, { name: 'n', replicas: 2, available: 0 }, [{ name: 'o', replicas: 5, available: 2 }]), [4]);
  // with the new set available, the remaining unhealthy old replicas go first
  assert.deepEqual(scaleDownOld(5, 1, { name: 'n', replicas: 2, available: 2 }, [{ name: 'o', replicas: 4, available: 2 }]), [2]);
});
