// kubectl top node | pod: usage from the Metrics API (the metrics-server addon), in kubectl's
// layout: every cell followed by a tab (so every line ends in the padding), CPU in millicores
// rounded up, memory in Mi rounded down, node percentages of allocatable.
import type { Command } from 'commander';
import { ApiError, CliError, notFound, RawError } from '../../api/errors.ts';
import type { ApiServer } from '../../api/server.ts';
import type { Node, Pod } from '../../api/types.ts';
import { lookupResource } from '../../api/resources.ts';
import { parseLabelSelector, matchesLabels } from '../../api/selectors.ts';
import { TabWriter } from '../../printers/tabwriter.ts';
import { metricsApi, nodeResources, nodeUsage, podUsage, type Usage } from '../../sim/metrics.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { formatGoDuration } from '../../util/duration.ts';
import { parseTime } from '../../util/time.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { out, err } from '../io.ts';

/** Pods younger than this without metrics are "not available yet" rather than an error. */
const METRICS_CREATION_DELAY_MS = 120_000;
const MI = 1024 * 1024;

const cpuCell = (nano: number) => `${Math.ceil(nano / 1e6)}m`;
const memCell = (bytes: number) => `${Math.floor(bytes / MI)}Mi`;

/** printers.GetNewTabWriter with a tab after every cell. */
function table(rows: string[][], headers: string[] | undefined): string {
  const tw = new TabWriter({ minwidth: 0, tabwidth: 4, padding: 3 });
  for (const r of headers ? [headers, ...rows] : rows) tw.write(`${r.join('\t')}\t\n`);
  return tw.flush();
}

function requireMetrics(api: ApiServer, what: 'nodes' | 'pods'): void {
  const state = metricsApi(api);
  if (state === 'absent') throw new CliError('Metrics API not available');
  if (state === 'unavailable') throw new RawError(`Error from server (ServiceUnavailable): the server is currently unable to handle the request (get ${what}.metrics.k8s.io)`);
}

function checkSortBy(sortBy: string | undefined): void {
  if (sortBy !== undefined && sortBy !== 'cpu' && sortBy !== 'memory') throw new CliError('--sort-by accepts only cpu or memory');
}

const byUsage = (sortBy: string | undefined) => (a: { usage: Usage }, b: { usage: Usage }) =>
  sortBy === 'cpu' ? b.usage.cpuNano - a.usage.cpuNano : sortBy === 'memory' ? b.usage.memBytes - a.usage.memBytes : 0;

function topNode(o: any, args: string[]): void {
  if (args.length > 1) throw new RawError(`error: node [NAME | -l label]\nSee '${PROGRAM} top node -h' for help and examples`);
  if (args.length && o.selector !== undefined) throw new CliError('only one of NAME or selector can be provided');
  checkSortBy(o.sortBy);
  const target = resolveTarget(o);
  const text = withCluster(target.cluster, (api) => {
    requireMetrics(api, 'nodes');
    let nodes = api.list<Node>('nodes');
    if (args.length) {
      const n = nodes.find((x) => x.metadata.name === args[0]);
      if (!n) throw notFound(lookupResource('nodes')!, args[0]);
      if (!nodeUsage(api, n)) throw new ApiError('NotFound', `nodemetrics.metrics.k8s.io "${n.metadata.name}" not found`);
      nodes = [n];
    } else if (o.selector !== undefined) {
      const sel = parseLabelSelector(o.selector);
      nodes = nodes.filter((n) => matchesLabels(sel, n.metadata.labels));
    }
    const measured = nodes.map((node) => ({ node, usage: nodeUsage(api, node) }));
    const known = measured.filter((m): m is { node: Node; usage: Usage } => !!m.usage).sort(byUsage(o.sortBy));
    const rows = known.map(({ node, usage }) => {
      const r = nodeResources(node, !!o.showCapacity);
      const pct = (a: number, b: number) => `${b ? Math.trunc((a / b) * 100) : 0}%`;
      return [node.metadata.name, cpuCell(usage.cpuNano), pct(Math.ceil(usage.cpuNano / 1e6), r.cpuMilli), memCell(usage.memBytes), pct(usage.memBytes, r.memBytes)];
    });
    for (const m of measured.filter((x) => !x.usage)) rows.push([m.node.metadata.name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
    return table(rows, o.headers === false ? undefined : ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
  });
  out(text);
}

function topPod(o: any, args: string[]): void {
  if (args.length > 1) throw new RawError(`error: pod [NAME | -l label]\nSee '${PROGRAM} top pod -h' for help and examples`);
  if (args.length && o.selector !== undefined) throw new CliError('only one of NAME or selector can be provided');
  checkSortBy(o.sortBy);
  const target = resolveTarget(o);
  const result = withCluster(target.cluster, (api) => {
    requireMetrics(api, 'pods');
    const ns = o.allNamespaces ? undefined : target.namespace;
    let pods = api.list<Pod>('pods', ns);
    if (args.length) {
      const p = pods.find((x) => x.metadata.name === args[0]);
      if (!p) throw notFound(lookupResource('pods')!, args[0]);
      if (!podUsage(api, p)) throw new ApiError('NotFound', `podmetrics.metrics.k8s.io "${p.metadata.namespace}/${p.metadata.name}" not found`);
      pods = [p];
    } else if (o.selector !== undefined) {
      const sel = parseLabelSelector(o.selector);
      pods = pods.filter((p) => matchesLabels(sel, p.metadata.labels));
    }
    if (!pods.length) return { empty: true as const };
    const measured = pods.map((pod) => ({ pod, containers: podUsage(api, pod) }));
    const withMetrics = measured.filter((m) => m.containers);
    if (!withMetrics.length) {
      // kubectl's check: a pod older than the grace period without metrics is an error, otherwise "not yet".
      const now = api.now();
      const old = pods.find((p) => now - (parseTime(p.metadata.creationTimestamp) ?? now) > METRICS_CREATION_DELAY_MS);
      if (old) {
        throw new CliError(`Metrics not available for pod ${old.metadata.namespace}/${old.metadata.name}, age: ${formatGoDuration(now - (parseTime(old.metadata.creationTimestamp) ?? now))}`);
      }
      throw new CliError('metrics not available yet');
    }
    const headers = [...(o.allNamespaces ? ['NAMESPACE'] : []), ...(o.containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)'];
    let entries: { cells: string[]; usage: Usage }[];
    if (o.containers) {
      entries = withMetrics.flatMap(({ pod, containers }) =>
        [...containers!].sort((a, b) => (a.container < b.container ? -1 : 1)).map((c) => ({ cells: [...(o.allNamespaces ? [pod.metadata.namespace!] : []), pod.metadata.name, c.container], usage: c.usage })),
      );
    } else {
      entries = withMetrics.map(({ pod, containers }) => ({
        cells: [...(o.allNamespaces ? [pod.metadata.namespace!] : []), pod.metadata.name],
        usage: containers!.reduce((s, c) => ({ cpuNano: s.cpuNano + c.usage.cpuNano, memBytes: s.memBytes + c.usage.memBytes }), { cpuNano: 0, memBytes: 0 }),
      }));
    }
    entries.sort(byUsage(o.sortBy));
    const rows = entries.map((e) => [...e.cells, cpuCell(e.usage.cpuNano), memCell(e.usage.memBytes)]);
    if (o.sum) {
      const lead = headers.length - 2;
      const total = entries.reduce((s, e) => ({ cpuNano: s.cpuNano + e.usage.cpuNano, memBytes: s.memBytes + e.usage.memBytes }), { cpuNano: 0, memBytes: 0 });
      rows.push([...Array(lead).fill(''), '________', '________']);
      rows.push([...Array(lead).fill(''), cpuCell(total.cpuNano), memCell(total.memBytes)]);
    }
    return { text: table(rows, o.headers === false ? undefined : headers) };
  });
  if ('empty' in result) {
    err(o.allNamespaces ? 'No resources found' : `No resources found in ${target.namespace} namespace.`);
    return;
  }
  out(result.text);
}

export function registerTop(program: Command): void {
  const top = program
    .command('top')
    .summary('Display resource (CPU/memory) usage')
    .description('Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.');
  top
    .command('node')
    .alias('nodes')
    .alias('no')
    .summary('Display resource (CPU/memory) usage of nodes')
    .description('Display resource (CPU/memory) usage of nodes.\n\n The top-node command allows you to see the resource consumption of nodes.')
    .usage('[NAME | -l label] [options]')
    .argument('[name...]')
    .option('--no-headers', 'If present, print output without headers')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--show-capacity', 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.')
    .option('--sort-by <field>', "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.")
    .action((args: string[], _o, cmd: Command) => topNode(allOpts(cmd), args));
  top
    .command('pod')
    .alias('pods')
    .alias('po')
    .summary('Display resource (CPU/memory) usage of pods')
    .description("Display resource (CPU/memory) usage of pods.\n\n The 'top pod' command allows you to see the resource consumption of pods.\n\n Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.")
    .usage('[NAME | -l label] [options]')
    .argument('[name...]')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.')
    .option('--containers', 'If present, print usage of containers within a pod.')
    .option('--no-headers', 'If present, print output without headers.')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--sort-by <field>', "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.")
    .option('--sum', 'Print the sum of the resource usage')
    .action((args: string[], _o, cmd: Command) => topPod(allOpts(cmd), args));
}
