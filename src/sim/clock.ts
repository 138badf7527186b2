// Simulated time follows the wall clock, scaled by `speed`, unless paused.
// KUBESIM_NOW pins the wall clock (ISO time), which makes a test's timestamps reproducible.
import type { ClockState } from '../store/schema.ts';

export function wallNow(): number {
  const pinned = process.env.KUBESIM_NOW;
  if (pinned) {
    const t = Date.parse(pinned);
    if (!Number.isNaN(t)) return t;
  }
  return Date.now();
}

export function simTimeAt(clock: ClockState, wall: number): number {
  if (clock.paused) return clock.now;
  return clock.now + Math.max(0, wall - clock.anchor) * clock.speed;
}
