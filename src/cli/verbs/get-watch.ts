// kubectl get -w: the current table, then one row per change while simulated time runs.
// With the clock paused nothing can change, so it prints the current state and returns.
import { TabWriter, TABLE_OPTS } from '../../printers/tabwriter.ts';
import { tableRows, render, type OutputOptions } from '../../printers/output.ts';
import type { ResourceRequest } from '../resource-args.ts';
import { withCluster, type Target } from '../../sim/session.ts';
import { fetchGroups, type ListOptions } from './get.ts';
import type { KObject } from '../../api/types.ts';
import { out } from '../io.ts';

const POLL_MS = 200;

export async function watch(target: Target, req: ResourceRequest, opts: ListOptions & { watchOnly?: boolean }, outputOpts: OutputOptions) {
  const tw = new TabWriter({ ...TABLE_OPTS, rememberWidths: true });
  const seen = new Map<string, KObject>();
  let headerPrinted = false;
  const table = !outputOpts.output || outputOpts.output === 'wide';
  const emit = (objects: KObject[], ctx: any, first: boolean) => {
    if (!objects.length) return;
    if (!table) {
      out(render([{ type: req.type, objects }], { ...outputOpts, single: false }, ctx));
      return;
    }
    const rows = tableRows({ type: req.type, objects }, { ...outputOpts, noHeaders: outputOpts.noHeaders || headerPrinted }, ctx, false);
    headerPrinted = true;
    for (const r of rows) tw.write(r.join('\t') + '\n');
    out(tw.flush());
    void first;
  };
  const poll = (first: boolean) =>
    withCluster(target.cluster, (api) => {
      const { groups } = fetchGroups(api, [req], target.namespace, opts);
      const objects = groups[0].objects;
      const changed: KObject[] = [];
      const current = new Set<string>();
      for (const o of objects) {
        const k = `${o.metadata.namespace}/${o.metadata.name}`;
        current.add(k);
        if (seen.get(k)?.metadata.resourceVersion !== o.metadata.resourceVersion) {
          seen.set(k, o);
          changed.push(o);
        }
      }
      for (const [k, o] of [...seen]) {
        if (current.has(k)) continue;
        seen.delete(k);
        changed.push(o);
      }
      const ctx = { now: api.now(), api };
      if (!(first && opts.watchOnly)) emit(changed, ctx, first);
      return api.state.clock.paused;
    });
  const paused = poll(true);
  if (paused) return;
  let stop = false;
  process.once('SIGINT', () => {
    stop = true;
  });
  while (!stop) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (stop) break;
    poll(false);
  }
}
