// Simulated time follows the wall clock, scaled by `speed`, unless paused.
// KUBESIM_NOW pins the wall clock (ISO time), which makes a test's timestamps reproducible.
import type { ClockState } from '../store/schema.ts';

let virtualElapsed = 0;

export function wallNow(): number {
  const pinned = process.env.KUBESIM_NOW;
  if (pinned) {
    const t = Date.parse(pinned);
    if (!Number.isNaN(t)) return t + virtualElapsed;
  }
  return Date.now();
}

/**
 * Waits between polls of a long-running command. With KUBESIM_TICK (a duration in ms) and a
 * pinned clock, it moves this process's wall clock on by one tick instead of sleeping, so
 * tests of `get -w`, `rollout status` or `delete` waiting run instantly and deterministically.
 */
export async function pause(ms: number): Promise<void> {
  const tick = Number(process.env.KUBESIM_TICK);
  if (process.env.KUBESIM_NOW && tick > 0) {
    virtualElapsed += tick;
    return;
  }
  await new Promise((r) => setTimeout(r, ms));
}

export function simTimeAt(clock: ClockState, wall: number): number {
  if (clock.paused) return clock.now;
  return clock.now + Math.max(0, wall - clock.anchor) * clock.speed;
}
