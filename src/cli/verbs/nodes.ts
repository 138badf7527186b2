// kubectl cordon | uncordon | drain | taint, and kubesim node stop | start | add.
import type { Command } from 'commander';
import { CliError, RawError, notFound } from '../../api/errors.ts';
import { lookupResource } from '../../api/resources.ts';
import type { Node, Pod, Taint } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { parseLabelSelector, matchesLabels } from '../../api/selectors.ts';
import { allOpts, intFlag, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster, type Target } from '../../sim/session.ts';
import { watchLoop } from '../../sim/watch.ts';
import { controllerOf } from '../../controllers/replicaset.ts';
import { addNode } from '../../sim/bootstrap.ts';
import { parseDuration } from '../../util/duration.ts';
import { out, err } from '../io.ts';
import { nodeMachine, runOn } from '../../sim/container-shell.ts';
import { setNodePower } from '../../sim/node-power.ts';
import { interactive } from './exec.ts';

const NODES = lookupResource('nodes')!;

function nodeNamesFrom(api: ApiServer, args: string[], selector?: string): Node[] {
  const names = args.map((a) => (a.includes('/') ? a.split('/')[1] : a));
  if (!names.length && selector !== undefined) {
    const sel = parseLabelSelector(selector);
    return api.list<Node>('nodes').filter((n) => matchesLabels(sel, n.metadata.labels));
  }
  return names.map((n) => api.get<Node>('nodes', undefined, n) ?? (() => { throw notFound(NODES, n); })());
}

function setUnschedulable(api: ApiServer, node: Node, value: boolean): boolean {
  if (!!node.spec.unschedulable === value) return false;
  const copy = structuredClone(node);
  if (value) copy.spec.unschedulable = true;
  else delete copy.spec.unschedulable;
  api.update(copy);
  return true;
}

function registerCordon(program: Command, verb: 'cordon' | 'uncordon'): void {
  program
    .command(verb)
    .summary(verb === 'cordon' ? 'Mark node as unschedulable' : 'Mark node as schedulable')
    .description(verb === 'cordon' ? 'Mark node as unschedulable.' : 'Mark node as schedulable.')
    .usage('NODE [options]')
    .argument('[nodes...]')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client".')
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!args.length && o.selector === undefined) throw new RawError(`error: USAGE: ${verb} NODE [flags]\nSee '${PROGRAM} ${verb} -h' for help and examples`);
      const target = resolveTarget(o);
      const lines = withCluster(target.cluster, (api) =>
        nodeNamesFrom(api, args, o.selector).map((n) => {
          const changed = o.dryRun ? !!n.spec.unschedulable !== (verb === 'cordon') : setUnschedulable(api, n, verb === 'cordon');
          return `node/${n.metadata.name} ${changed ? '' : 'already '}${verb}ed${o.dryRun ? ' (dry run)' : ''}`;
        }),
      );
      out(lines.map((l) => `${l}\n`).join(''));
    });
}

function parseTaintArgs(args: string[]): { add: Taint[]; remove: { key: string; effect?: string }[] } {
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const a of args) {
    if (a.endsWith('-')) {
      const spec = a.slice(0, -1);
      const [kv, effect] = spec.split(':');
      remove.push({ key: kv.split('=')[0], ...(effect ? { effect } : {}) });
      continue;
    }
    const m = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(a);
    if (!m) throw new CliError(`invalid taint spec: ${a}, unknown taint spec: ${a}`);
    const [, key, value, effect] = m;
    if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) throw new CliError(`invalid taint effect: ${effect}, unsupported taint effect`);
    add.push({ key, ...(value ? { value } : {}), effect });
  }
  return { add, remove };
}

function registerTaint(program: Command): void {
  program
    .command('taint')
    .summary('Update the taints on one or more nodes')
    .description('Update the taints on one or more nodes.')
    .usage('NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]')
    .argument('[args...]')
    .option('--overwrite', 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.')
    .option('--all', 'Select all nodes in the cluster')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!args.length) throw new RawError(`error: at least one taint update is required\nSee '${PROGRAM} taint -h' for help and examples`);
      const [typeArg, ...rest] = args;
      const type = lookupResource(typeArg.split('/')[0]);
      if (!type) throw new CliError(`the server doesn't have a resource type "${typeArg.split('/')[0]}"`);
      if (type.plural !== 'nodes') throw new CliError(`invalid resource type ${type.plural}, only node types are supported`);
      const names = typeArg.includes('/') ? [typeArg.split('/')[1]] : [];
      const specs: string[] = [];
      for (const r of rest) (r.includes(':') || r.endsWith('-') ? specs : names).push(r);
      if (!specs.length) throw new RawError(`error: at least one taint update is required\nSee '${PROGRAM} taint -h' for help and examples`);
      const { add, remove } = parseTaintArgs(specs);
      const target = resolveTarget(o);
      const lines = withCluster(target.cluster, (api) => {
        const nodes = o.all ? api.list<Node>('nodes') : nodeNamesFrom(api, names, o.selector);
        return nodes.map((node) => {
          let taints = [...(node.spec.taints ?? [])];
          let removed = false;
          let modified = false;
          for (const r of remove) {
            const before = taints.length;
            taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
            if (taints.length === before) throw new CliError(`taint "${r.key}${r.effect ? `:${r.effect}` : ''}" not found`);
            removed = true;
          }
          for (const t of add) {
            const existing = taints.find((x) => x.key === t.key && x.effect === t.effect);
            if (existing && !o.overwrite) throw new CliError(`node ${node.metadata.name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`);
            if (existing) modified = true;
            taints = [...taints.filter((x) => !(x.key === t.key && x.effect === t.effect)), { ...t, ...(t.effect === 'NoExecute' ? { timeAdded: api.timestamp() } : {}) }];
          }
          const copy = structuredClone(node);
          if (taints.length) copy.spec.taints = taints;
          else delete copy.spec.taints;
          api.update(copy);
          const op = modified || (removed && add.length) ? 'modified' : removed ? 'untainted' : 'tainted';
          return `node/${node.metadata.name} ${op}`;
        });
      });
      out(lines.map((l) => `${l}\n`).join(''));
    });
}

interface DrainPlan {
  evict: Pod[];
  ignoredDaemonSets: Pod[];
  forced: Pod[];
  problems: { message: string; pods: Pod[] }[];
}

function planDrain(api: ApiServer, node: string, o: any): DrainPlan {
  const plan: DrainPlan = { evict: [], ignoredDaemonSets: [], forced: [], problems: [] };
  const daemon: Pod[] = [];
  const orphans: Pod[] = [];
  const local: Pod[] = [];
  const sel = o.podSelector ? parseLabelSelector(o.podSelector) : undefined;
  for (const pod of api.list<Pod>('pods').filter((p) => p.spec.nodeName === node && !p.metadata.deletionTimestamp)) {
    if (sel && !matchesLabels(sel, pod.metadata.labels)) continue;
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    const terminal = ['Succeeded', 'Failed'].includes(pod.status?.phase ?? '');
    const owner = controllerOf(pod);
    if (owner?.kind === 'DaemonSet' && !terminal) {
      (o.ignoreDaemonsets ? plan.ignoredDaemonSets : daemon).push(pod);
      continue;
    }
    if (!owner && !terminal) {
      if (o.force) plan.forced.push(pod);
      else {
        orphans.push(pod);
        continue;
      }
    }
    if ((pod.spec.volumes ?? []).some((v: any) => v.emptyDir) && !terminal && !o.deleteEmptydirData) {
      local.push(pod);
      continue;
    }
    plan.evict.push(pod);
  }
  const ref = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
  if (daemon.length) plan.problems.push({ message: `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map(ref).join(', ')}`, pods: daemon });
  if (orphans.length) plan.problems.push({ message: `cannot delete cannot delete Pods that declare no controller (use --force to override): ${orphans.map(ref).join(', ')}`, pods: orphans });
  if (local.length) plan.problems.push({ message: `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.map(ref).join(', ')}`, pods: local });
  return plan;
}

async function drain(target: Target, nodeName: string, o: any): Promise<void> {
  const result = withCluster(target.cluster, (api) => {
    const node = api.get<Node>('nodes', undefined, nodeName);
    if (!node) throw notFound(NODES, nodeName);
    const cordoned = setUnschedulable(api, node, true);
    const plan = planDrain(api, nodeName, o);
    const ref = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
    const head = `node/${nodeName} ${cordoned ? '' : 'already '}cordoned\n`;
    if (plan.problems.length) {
      const inner = plan.problems.length === 1 ? plan.problems[0].message : `[${plan.problems.map((p) => p.message).join(', ')}]`;
      return { head, error: `error: unable to drain node "${nodeName}" due to error: ${inner}, continuing command...\nThere are pending nodes to be drained:\n ${nodeName}\n${plan.problems.map((p) => p.message).join('\n')}` };
    }
    const warnings: string[] = [];
    if (plan.ignoredDaemonSets.length) warnings.push(`ignoring DaemonSet-managed Pods: ${plan.ignoredDaemonSets.map(ref).join(', ')}`);
    if (plan.forced.length) warnings.push(`deleting Pods that declare no controller: ${plan.forced.map(ref).join(', ')}`);
    const grace = o.gracePeriod >= 0 ? o.gracePeriod : undefined;
    for (const p of plan.evict) {
      api.delete('pods', p.metadata.namespace, p.metadata.name, { gracePeriodSeconds: grace });
      api.recordEvent(p, 'Normal', 'Evicted', 'Evicted pod', 'eviction-controller');
    }
    return { head, warnings, evicted: plan.evict.map((p) => ({ ns: p.metadata.namespace!, name: p.metadata.name, uid: p.metadata.uid! })), paused: api.state.clock.paused };
  });
  out(result.head);
  if ('error' in result && result.error) {
    err(result.error);
    process.exitCode = 1;
    return;
  }
  const r = result as { warnings: string[]; evicted: { ns: string; name: string; uid: string }[]; paused: boolean };
  if (r.warnings.length) err(`Warning: ${r.warnings.join('; ')}`);
  for (const p of r.evicted) out(`evicting pod ${p.ns}/${p.name}\n`);
  let pending = [...r.evicted];
  const gone = (api: ApiServer) => {
    const still = pending.filter((p) => api.get('pods', p.ns, p.name)?.metadata.uid === p.uid);
    for (const p of pending.filter((x) => !still.includes(x))) out(`pod/${p.name} evicted\n`);
    pending = still;
    return !pending.length;
  };
  if (!r.paused) {
    const timeoutMs = o.timeout && o.timeout !== '0s' ? parseDuration(o.timeout) : 0;
    const w = await watchLoop({ cluster: target.cluster, timeoutMs, start: gone, onChanges: (api) => gone(api) });
    if (w.timedOut) throw new CliError(`drain did not complete within ${o.timeout}`);
  } else {
    for (const p of pending) out(`pod/${p.name} evicted\n`);
  }
  out(`node/${nodeName} drained\n`);
}

function registerDrain(program: Command): void {
  program
    .command('drain')
    .summary('Drain node in preparation for maintenance')
    .description('Drain node in preparation for maintenance.')
    .usage('NODE [options]')
    .argument('[nodes...]')
    .option('--ignore-daemonsets', 'Ignore DaemonSet-managed pods.')
    .option('--delete-emptydir-data', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).')
    .option('--force', 'Continue even if there are pods that do not declare a controller.')
    .option('--grace-period <seconds>', 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.', intFlag('--grace-period', 'drain'), -1)
    .option('--timeout <duration>', 'The length of time to wait before giving up, zero means infinite', '0s')
    .option('--pod-selector <selector>', 'Label selector to filter pods on the node')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .action(async (args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!args.length && o.selector === undefined) throw new RawError(`error: USAGE: drain NODE [flags]\nSee '${PROGRAM} drain -h' for help and examples`);
      const target = resolveTarget(o);
      const names = args.length ? args.map((a) => (a.includes('/') ? a.split('/')[1] : a)) : withCluster(target.cluster, (api) => nodeNamesFrom(api, [], o.selector).map((n) => n.metadata.name));
      for (const n of names) await drain(target, n, o);
    });
}

export function registerNodeSim(program: Command): void {
  const node = program.command('node').summary('Stop, start and add simulated nodes (kubesim)').description('Simulate machines failing, coming back, and joining the cluster.');
  for (const [verb, stop] of [
    ['stop', true],
    ['start', false],
  ] as const) {
    node
      .command(verb)
      .description(stop ? 'The machine dies: its kubelet stops posting status' : 'The machine comes back: its kubelet posts status again')
      .argument('<name>')
      .action((name: string, _o, cmd: Command) => {
        const target = resolveTarget(allOpts(cmd));
        const msg = withCluster(target.cluster, (api) => setNodePower(api, name, stop));
        out(`${msg}\n`);
      });
  }
  node
    .command('add')
    .description('Join a new worker node to the cluster')
    .argument('[name]')
    .option('--cpu <cpu>', 'CPU capacity', '2')
    .option('--memory <memory>', 'Memory capacity', '4Gi')
    .action((name: string | undefined, _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const target = resolveTarget(o);
      const added = withCluster(target.cluster, (api) => addNode(api, name, o.cpu, o.memory));
      out(`node/${added} added\n`);
    });
  registerNodeSsh(node);
}

/** kubesim node ssh NODE [-- COMMAND]: a shell on the machine, as `minikube ssh` or `ssh node01` gives. */
function registerNodeSsh(node: Command): void {
  node
    .command('ssh')
    .description("A shell on the node's machine (its own disk: where hostPath volumes live); with -- COMMAND, run just that")
    .usage('NODE [-- COMMAND [args...]]')
    .argument('<name>')
    .argument('[command...]')
    .action(async (name: string, command: string[], _o, cmd: Command) => {
      const target = resolveTarget(allOpts(cmd));
      const machine = (api: ApiServer) => {
        const n = api.get<Node>('nodes', undefined, name);
        if (!n) throw notFound(NODES, name);
        return nodeMachine(api, n);
      };
      let code: number;
      if (command.length) {
        const r = withCluster(target.cluster, (api) => runOn(machine(api), command));
        out(r.stdout);
        err(r.stderr);
        code = r.exitCode;
      } else {
        code = await interactive(target, machine);
      }
      if (code) process.exitCode = code;
    });
}

export function registerNodeVerbs(program: Command): void {
  registerCordon(program, 'cordon');
  registerCordon(program, 'uncordon');
  registerDrain(program);
  registerTaint(program);
}

