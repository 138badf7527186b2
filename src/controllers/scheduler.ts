// kube-scheduler: binds pending pods to nodes. Filters in the default plugin order, scores the
// feasible nodes (least allocated, balanced), and explains a failure with kubectl's
// FailedScheduling histogram. Unschedulable pods are retried when the cluster changes, or
// every five minutes at most (podMaxInUnschedulablePodsDuration).
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { Node, Pod } from '../api/types.ts';
import { podResourceTotals } from '../api/resources-math.ts';
import { parseQuantity } from '../util/quantity.ts';
import { toleratedBy } from '../api/taints.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';
import { keyOf } from '../api/server.ts';
import { compareStrings } from '../util/compare.ts';
import { claimsOf, NO_PROVISIONER } from './volume-binder.ts';

const RETRY = 'scheduler-retry';
const RETRY_MS = 5 * 60 * 1000;
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';

interface NodeUsage {
  cpu: number;
  memory: number;
  /** Requests with kube-scheduler's non-zero defaults (100m, 200Mi), used for scoring only. */
  scoreCpu: number;
  scoreMemory: number;
  pods: number;
  hostPorts: Set<string>;
}

interface Failure {
  reason: string;
  resolvable: boolean;
}

const isActive = (p: Pod) => !['Succeeded', 'Failed'].includes(p.status?.phase ?? '');

const DEFAULT_CPU = 0.1;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

function addPod(usage: Map<string, NodeUsage>, node: string, p: Pod): void {
  const u = usage.get(node) ?? { cpu: 0, memory: 0, scoreCpu: 0, scoreMemory: 0, pods: 0, hostPorts: new Set<string>() };
  const t = podResourceTotals(p);
  u.cpu += t.requests.cpu;
  u.memory += t.requests.memory;
  u.scoreCpu += t.requests.cpu || DEFAULT_CPU;
  u.scoreMemory += t.requests.memory || DEFAULT_MEMORY;
  u.pods++;
  for (const c of p.spec.containers) for (const port of c.ports ?? []) if (port.hostPort) u.hostPorts.add(`${port.protocol ?? 'TCP'}/${port.hostPort}`);
  usage.set(node, u);
}

function usageByNode(api: ApiServer): Map<string, NodeUsage> {
  const usage = new Map<string, NodeUsage>();
  for (const p of api.list<Pod>('pods')) if (p.spec.nodeName && isActive(p)) addPod(usage, p.spec.nodeName, p);
  return usage;
}

function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length) {
    return terms.some((t: any) =>
      matchesLabels(
        labelSelectorFromObject({
          matchExpressions: (t.matchExpressions ?? []).map((e: any) => ({ key: e.key, operator: e.operator, values: e.values })),
        }),
        labels,
      ),
    );
  }
  return true;
}

/** The first filter a node fails, in the default scheduler's plugin order. */
function filter(pod: Pod, node: Node, usage: NodeUsage | undefined): Failure | undefined {
  if (node.spec.unschedulable && !toleratedBy(pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
    return { reason: 'node(s) were unschedulable', resolvable: false };
  }
  for (const taint of node.spec.taints ?? []) {
    if (taint.effect === 'PreferNoSchedule') continue;
    if (!toleratedBy(pod.spec.tolerations, taint)) {
      return { reason: `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`, resolvable: false };
    }
  }
  if (!matchesNodeAffinity(pod, node)) return { reason: "node(s) didn't match Pod's node affinity/selector", resolvable: false };
  for (const c of pod.spec.containers) {
    for (const port of c.ports ?? []) {
      if (port.hostPort && usage?.hostPorts.has(`${port.protocol ?? 'TCP'}/${port.hostPort}`)) {
        return { reason: "node(s) didn't have free ports for the requested pod ports", resolvable: false };
      }
    }
  }
  const alloc = node.status.allocatable ?? {};
  const req = podResourceTotals(pod).requests;
  const reasons: string[] = [];
  if ((usage?.pods ?? 0) + 1 > Number(alloc.pods ?? 110)) reasons.push('Too many pods');
  if (req.cpu > 0 && (usage?.cpu ?? 0) + req.cpu > parseQuantity(alloc.cpu ?? '0')) reasons.push('Insufficient cpu');
  if (req.memory > 0 && (usage?.memory ?? 0) + req.memory > parseQuantity(alloc.memory ?? '0')) reasons.push('Insufficient memory');
  if (reasons.length) return { reason: reasons.join('\u0000'), resolvable: true };
  return undefined;
}

/** NodeResourcesFit (least allocated) + BalancedAllocation, with kube-scheduler's defaults for request-less pods. */
function score(pod: Pod, node: Node, usage: NodeUsage | undefined): number {
  const alloc = node.status.allocatable ?? {};
  const cpuCap = parseQuantity(alloc.cpu ?? '1');
  const memCap = parseQuantity(alloc.memory ?? '1');
  const req = podResourceTotals(pod).requests;
  const cpu = (usage?.scoreCpu ?? 0) + (req.cpu || DEFAULT_CPU);
  const mem = (usage?.scoreMemory ?? 0) + (req.memory || DEFAULT_MEMORY);
  const cpuFrac = Math.min(1, cpu / cpuCap);
  const memFrac = Math.min(1, mem / memCap);
  const least = ((1 - cpuFrac) * 100 + (1 - memFrac) * 100) / 2;
  const balanced = (1 - Math.abs(cpuFrac - memFrac) / 2) * 100;
  return Math.floor(least) + Math.floor(balanced);
}

function failureMessage(nodes: number, failures: Failure[]): string {
  if (!nodes) return 'no nodes available to schedule pods';
  const histogram = (items: string[]) => {
    const counts = new Map<string, number>();
    for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
    return [...counts].map(([r, n]) => `${n} ${r}`).sort().join(', ');
  };
  const reasons = failures.flatMap((f) => f.reason.split('\u0000'));
  const preemption = failures.map((f) => (f.resolvable ? NO_VICTIMS : NOT_HELPFUL));
  return `0/${nodes} nodes are available: ${histogram(reasons)}. preemption: 0/${nodes} nodes are available: ${histogram(preemption)}.`;
}

function setScheduledCondition(api: ApiServer, pod: Pod, status: 'True' | 'False', message?: string): void {
  const conds = (pod.status.conditions ??= []).filter((c) => c.type !== 'PodScheduled');
  const existing = pod.status.conditions.find((c) => c.type === 'PodScheduled');
  const transitioned = !existing || existing.status !== status;
  conds.push({
    type: 'PodScheduled',
    status,
    lastProbeTime: null,
    lastTransitionTime: transitioned ? api.timestamp() : existing!.lastTransitionTime,
    ...(status === 'False' ? { reason: 'Unschedulable', message } : {}),
  });
  pod.status.conditions = conds;
}

/**
 * The VolumeBinding plugin's PreFilter: a claim that does not exist, is going away, or is unbound
 * with immediate binding stops the pod before any node is looked at.
 */
function volumePreFilter(api: ApiServer, pod: Pod): string | undefined {
  for (const name of claimsOf(pod)) {
    const pvc = api.get('persistentvolumeclaims', pod.metadata.namespace, name);
    if (!pvc) return `persistentvolumeclaim "${name}" not found`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (pvc.status?.phase === 'Bound') continue;
    const sc = pvc.spec.storageClassName ? api.get('storageclasses', undefined, pvc.spec.storageClassName) : undefined;
    if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') return 'pod has unbound immediate PersistentVolumeClaims';
  }
  return undefined;
}

/**
 * The VolumeBinding plugin's Filter: a bound volume must be reachable from the node (a local
 * volume's node affinity); a claim waiting for its first consumer needs a provisioner, or an
 * available volume to bind.
 */
function volumeFilter(api: ApiServer, pod: Pod, node: Node): Failure | undefined {
  const labels = node.metadata.labels ?? {};
  for (const name of claimsOf(pod)) {
    const pvc = api.get('persistentvolumeclaims', pod.metadata.namespace, name);
    if (!pvc) continue;
    if (pvc.status?.phase !== 'Bound') {
      const sc = api.get('storageclasses', undefined, pvc.spec.storageClassName ?? '');
      const canBind = api.list('persistentvolumes').some((pv) => pv.status?.phase === 'Available' && (pv.spec.storageClassName ?? '') === (pvc.spec.storageClassName ?? ''));
      if (sc?.provisioner === NO_PROVISIONER && !canBind) return { reason: "node(s) didn't find available persistent volumes to bind", resolvable: false };
      continue;
    }
    const pv = api.get('persistentvolumes', undefined, pvc.spec.volumeName);
    const terms = pv?.spec.nodeAffinity?.required?.nodeSelectorTerms;
    if (!terms?.length) continue;
    const ok = terms.some((t: any) => matchesLabels(labelSelectorFromObject({ matchExpressions: t.matchExpressions ?? [] }), labels));
    if (!ok) return { reason: 'node(s) had volume node affinity conflict', resolvable: false };
  }
  return undefined;
}

/** Tries to place one pod; returns whether it was bound. */
function schedulePod(api: ApiServer, pod: Pod, usage: Map<string, NodeUsage>): boolean {
  const nodes = api.list<Node>('nodes');
  const feasible: Node[] = [];
  const failures: Failure[] = [];
  const preFilter = volumePreFilter(api, pod);
  for (const node of preFilter ? [] : nodes) {
    const f = filter(pod, node, usage.get(node.metadata.name)) ?? volumeFilter(api, pod, node);
    if (f) failures.push(f);
    else feasible.push(node);
  }
  const copy = structuredClone(pod);
  if (!feasible.length) {
    const message = preFilter
      ? `0/${nodes.length} nodes are available: ${preFilter}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} ${NOT_HELPFUL}.`
      : failureMessage(nodes.length, failures);
    setScheduledCondition(api, copy, 'False', message);
    api.update(copy);
    api.recordEvent(copy, 'Warning', 'FailedScheduling', message, 'default-scheduler');
    api.cancelTimers(RETRY, keyOf(pod));
    api.schedule(api.now() + RETRY_MS, RETRY, keyOf(pod));
    return false;
  }
  let best: Node[] = [];
  let bestScore = -Infinity;
  for (const node of feasible) {
    const s = score(pod, node, usage.get(node.metadata.name));
    if (s > bestScore) {
      bestScore = s;
      best = [node];
    } else if (s === bestScore) best.push(node);
  }
  const chosen = api.rng.pick(best);
  copy.spec.nodeName = chosen.metadata.name;
  setScheduledCondition(api, copy, 'True');
  api.update(copy);
  api.cancelTimers(RETRY, keyOf(pod));
  api.recordEvent(copy, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen.metadata.name}`, 'default-scheduler');
  addPod(usage, chosen.metadata.name, copy);
  return true;
}

const wantsScheduling = (p: Pod | undefined): p is Pod =>
  !!p && !p.spec.nodeName && !p.metadata.deletionTimestamp && (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler';

/** Changes after which an unschedulable pod may fit: capacity freed, nodes or claims changed. */
function capacityChanged(changes: Change[]): boolean {
  return changes.some(
    (c) =>
      c.resource === 'nodes' ||
      (c.resource === 'persistentvolumeclaims' && c.type !== 'DELETED') ||
      (c.resource === 'pods' && (c.type === 'DELETED' || ['Succeeded', 'Failed'].includes(c.obj.status?.phase))),
  );
}

function pendingPods(api: ApiServer, changes: Change[]): Pod[] {
  const fresh = changes
    .filter((c) => c.resource === 'pods' && c.type === 'ADDED')
    .map((c) => api.get<Pod>('pods', c.obj.metadata.namespace, c.obj.metadata.name))
    .filter(wantsScheduling);
  if (!capacityChanged(changes)) return fresh;
  const waiting = api.list<Pod>('pods').filter((p) => wantsScheduling(p) && p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False'));
  return [...new Set([...waiting, ...fresh])];
}

function byPriorityThenAge(a: Pod, b: Pod): number {
  return (b.spec.priority ?? 0) - (a.spec.priority ?? 0) || compareStrings(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '');
}

export const scheduler: Controller = {
  name: 'default-scheduler',
  watches: ['pods', 'nodes', 'persistentvolumeclaims'],
  reconcile(api, changes) {
    const pods = pendingPods(api, changes).sort(byPriorityThenAge);
    if (!pods.length) return;
    const usage = usageByNode(api);
    for (const p of pods) schedulePod(api, p, usage);
  },
  timers: {
    [RETRY]: (api, key) => {
      const [ns, name] = key.split('/');
      const pod = api.get<Pod>('pods', ns, name);
      if (wantsScheduling(pod)) schedulePod(api, pod, usageByNode(api));
    },
  },
};
