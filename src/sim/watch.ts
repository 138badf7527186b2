// Watches across processes: a long-running command registers itself in the cluster state, and
// from then on the API server logs every change (with the object as it was) until the watcher
// has read it. A watcher that stops polling expires and the log is trimmed.
import { withCluster } from './session.ts';
import { wallNow, pause } from './clock.ts';
import type { ApiServer } from '../api/server.ts';
import type { WatchEntry } from '../store/schema.ts';

const LEASE_MS = 10_000;
export const POLL_MS = 200;

export interface WatchLoopOptions<T> {
  cluster: string;
  /** Runs first, in the same session that registers the watch; its result is returned as `initial`. */
  start(api: ApiServer): T;
  /** Called after each poll with the changes since the previous one; return true to stop. */
  onChanges(api: ApiServer, entries: WatchEntry[]): boolean | void;
  /** Wall-clock limit in ms (0 = none); reaching it ends the loop with `timedOut`. */
  timeoutMs?: number;
}

/**
 * Runs a watch until onChanges says stop, the timeout passes, or Ctrl-C. With the clock paused
 * nothing can change: it only runs `start` and reports `paused`.
 */
export async function watchLoop<T>(o: WatchLoopOptions<T>): Promise<{ initial: T; paused: boolean; timedOut: boolean; stopped: boolean }> {
  const id = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  let stopped = false;
  const { initial, paused } = withCluster(o.cluster, (api) => {
    const initial = o.start(api);
    if (api.state.clock.paused) return { initial, paused: true };
    api.state.watch ??= { watchers: {}, log: [] };
    api.state.watch.watchers[id] = { expires: wallNow() + LEASE_MS, cursor: api.state.resourceVersion };
    api.dirty = true;
    return { initial, paused: false };
  });
  if (paused) return { initial, paused, timedOut: false, stopped: false };
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSigint);
  const started = wallNow();
  let timedOut = false;
  try {
    while (!interrupted && !stopped) {
      await pause(POLL_MS);
      if (interrupted) break;
      if (o.timeoutMs && wallNow() - started >= o.timeoutMs) {
        timedOut = true;
        break;
      }
      stopped = withCluster(o.cluster, (api) => {
        const w = (api.state.watch ??= { watchers: {}, log: [] });
        const me = (w.watchers[id] ??= { expires: 0, cursor: api.state.resourceVersion });
        const fresh = w.log.filter((e) => e.rv > me.cursor);
        me.cursor = api.state.resourceVersion;
        me.expires = wallNow() + LEASE_MS;
        api.dirty = true;
        return !!o.onChanges(api, fresh);
      });
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    withCluster(o.cluster, (api) => {
      if (api.state.watch) delete api.state.watch.watchers[id];
      api.dirty = true;
    });
  }
  return { initial, paused: false, timedOut, stopped };
}
