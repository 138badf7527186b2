// kubectl get -w: the current table, then one row per change (each as it was at that change)
// while simulated time runs. With the clock paused it prints the current state and returns.
import { TabWriter, TABLE_OPTS } from '../../printers/tabwriter.ts';
import { tableRows, render, type OutputOptions } from '../../printers/output.ts';
import type { ResourceRequest } from '../resource-args.ts';
import type { Target } from '../../sim/session.ts';
import { watchLoop } from '../../sim/watch.ts';
import { fetchGroups, selectorFilter, type ListOptions } from './get.ts';
import type { KObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { out } from '../io.ts';
import { RawError } from '../../api/errors.ts';

export async function watch(target: Target, req: ResourceRequest, opts: ListOptions & { watchOnly?: boolean }, outputOpts: OutputOptions, timeoutMs = 0) {
  const tw = new TabWriter({ ...TABLE_OPTS, rememberWidths: true });
  const table = !outputOpts.output || outputOpts.output === 'wide';
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
  await watchLoop({
    cluster: target.cluster,
    timeoutMs,
    start: (api) => {
      // Named objects are fetched before watching: one that does not exist ends the watch at once.
      const { groups, errors } = fetchGroups(api, [req], target.namespace, opts, target);
      if (errors.length) throw new RawError(errors.join('\n'));
      if (!opts.watchOnly) emit(api, groups[0].objects);
    },
    onChanges: (api, entries) => {
      emit(api, entries.filter((e) => e.resource === req.type.plural && matches(e.obj)).map((e) => e.obj));
    },
  });
}
