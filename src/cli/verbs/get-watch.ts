// kubectl get -w: the current table, then one row per change (each as it was at that change)
// while simulated time runs. The command registers as a watcher in the cluster state, so the
// API server keeps a log of the changes it has not read yet, whoever makes them.
// With the clock paused nothing can change: it prints the current state and returns.
import { TabWriter, TABLE_OPTS } from '../../printers/tabwriter.ts';
import { tableRows, render, type OutputOptions } from '../../printers/output.ts';
import type { ResourceRequest } from '../resource-args.ts';
import { withCluster, type Target } from '../../sim/session.ts';
import { fetchGroups, selectorFilter, type ListOptions } from './get.ts';
import type { KObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { wallNow, pause } from '../../sim/clock.ts';
import { out } from '../io.ts';

const POLL_MS = 200;
const LEASE_MS = 10_000;

export async function watch(target: Target, req: ResourceRequest, opts: ListOptions & { watchOnly?: boolean }, outputOpts: OutputOptions, timeoutMs = 0) {
  const tw = new TabWriter({ ...TABLE_OPTS, rememberWidths: true });
  const table = !outputOpts.output || outputOpts.output === 'wide';
  const id = `${process.pid}-${Date.now()}`;
  let headerPrinted = false;
  const emit = (api: ApiServer, objects: KObject[]) => {
    if (!objects.length) return;
    const ctx = { now: api.now(), api };
    if (!table) {
      out(render([{ type: req.type, objects }], { ...outputOpts, single: false }, ctx));
      return;
    }
    const rows = tableRows({ type: req.type, objects }, { ...outputOpts, noHeaders: outputOpts.noHeaders || headerPrinted }, ctx, false);
    headerPrinted = true;
    for (const r of rows) tw.write(r.join('\t') + '\n');
    out(tw.flush());
  };
  const selected = selectorFilter(req.type, opts);
  const matches = (o: KObject) =>
    (!req.type.namespaced || opts.allNamespaces || o.metadata.namespace === target.namespace) &&
    (!req.names.length || req.names.includes(o.metadata.name)) &&
    selected(o);
  const paused = withCluster(target.cluster, (api) => {
    const { groups } = fetchGroups(api, [req], target.namespace, opts);
    if (!opts.watchOnly) emit(api, groups[0].objects);
    if (api.state.clock.paused) return true;
    api.state.watch ??= { watchers: {}, log: [] };
    api.state.watch.watchers[id] = { expires: wallNow() + LEASE_MS, cursor: api.state.resourceVersion };
    api.dirty = true;
    return false;
  });
  if (paused) return;
  let stop = false;
  process.once('SIGINT', () => {
    stop = true;
  });
  const started = wallNow();
  while (!stop) {
    await pause(POLL_MS);
    if (stop || (timeoutMs > 0 && wallNow() - started >= timeoutMs)) break;
    withCluster(target.cluster, (api) => {
      const w = (api.state.watch ??= { watchers: {}, log: [] });
      const me = (w.watchers[id] ??= { expires: 0, cursor: api.state.resourceVersion });
      const fresh = w.log.filter((e) => e.rv > me.cursor && e.resource === req.type.plural && matches(e.obj));
      me.cursor = api.state.resourceVersion;
      me.expires = wallNow() + LEASE_MS;
      api.dirty = true;
      emit(api, fresh.map((e) => e.obj));
    });
  }
  withCluster(target.cluster, (api) => {
    if (api.state.watch) delete api.state.watch.watchers[id];
    api.dirty = true;
  });
}
