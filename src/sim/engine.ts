// The control loop as a discrete-event simulation: time jumps from one scheduled timer to the
// next, and after every step the controllers react to what changed. Catching up costs as many
// steps as things happened, however long the cluster was idle.
import type { ApiServer } from '../api/server.ts';
import { CONTROLLERS } from '../controllers/index.ts';
import type { Controller } from '../controllers/controller.ts';

const MAX_ROUNDS_PER_INSTANT = 100;

const timerHandlers = new Map<string, Controller>();
for (const c of CONTROLLERS) for (const t of Object.keys(c.timers ?? {})) timerHandlers.set(t, c);

/**
 * A controller that throws must not wedge the cluster (every later command would catch up into
 * the same error): its step is dropped and the simulation goes on. KUBESIM_DEBUG shows the bug.
 */
function guarded(what: string, step: () => void): void {
  try {
    step();
  } catch (e) {
    if (process.env.KUBESIM_DEBUG) process.stderr.write(`kubesim: ${what} failed: ${(e as Error)?.stack ?? e}\n`);
  }
}

/** Lets every controller react to the changes made so far, until nothing more changes. */
export function settle(api: ApiServer, controllers: Controller[] = CONTROLLERS): void {
  for (let round = 0; round < MAX_ROUNDS_PER_INSTANT; round++) {
    const changes = api.takeChanges();
    if (!changes.length) return;
    for (const c of controllers) {
      if (!c.reconcile) continue;
      const mine = changes.filter((ch) => c.watches.includes(ch.resource));
      if (mine.length) {
        api.steps++;
        guarded(c.name, () => c.reconcile!(api, mine));
      }
    }
  }
}

/** Runs the simulation forward to `target` (ms), firing each timer at its own instant. */
export function runUntil(api: ApiServer, target: number): void {
  settle(api);
  for (let next = api.timers.peek(); next && next.at <= target; next = api.timers.peek()) {
    // Everything due at the same instant fires before the controllers react, as one batch.
    const at = next.at;
    api.nowMs = Math.max(api.nowMs, at);
    api.dirty = true;
    // A bound on the work of one instant, so that a controller bug cannot hang every command.
    for (let n = 0; n < 100_000 && api.timers.peek()?.at === at; n++) {
      const timer = api.timers.pop()!;
      api.steps++;
      const handler = timerHandlers.get(timer.type);
      if (handler) guarded(`${handler.name} ${timer.type}`, () => handler.timers![timer.type](api, timer.key));
    }
    settle(api);
  }
  if (target > api.nowMs) api.nowMs = target;
  api.expireEvents();
}

/**
 * With the clock paused, a command that waits for something (wait, rollout status) moves simulated
 * time from one event to the next until `done` says so or the deadline passes. Returns whether
 * `done` held.
 */
export function runUntilDone(api: ApiServer, deadline: number, done: () => boolean): boolean {
  api.dirty = true;
  for (;;) {
    if (done()) return true;
    if (api.now() >= deadline) return false;
    const next = api.timers.peek();
    runUntil(api, !next || next.at > deadline ? deadline : next.at);
  }
}
