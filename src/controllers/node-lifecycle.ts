// The node lifecycle controller and the taint eviction controller: a node whose kubelet stopped
// posting status turns Unknown after the grace period and gets the unreachable taints; pods
// that do not tolerate a NoExecute taint are evicted (after their tolerationSeconds). A cordoned
// node carries the unschedulable taint.
import type { Controller } from './controller.ts';
import type { ApiServer } from '../api/server.ts';
import type { Node, Pod, Taint } from '../api/types.ts';
import { toleratedBy } from '../api/taints.ts';
import { parseTime } from '../util/time.ts';
import { lastTick, NODE_STATUS_REPORT_MS } from '../printers/present.ts';

const GRACE = 'node-monitor-grace';
const EVICT = 'taint-eviction';
export const NODE_MONITOR_GRACE_MS = 50_000;
export const STOPPED = 'kubesim.io/kubelet-stopped';

const UNREACHABLE_KEY = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

function setTaints(api: ApiServer, node: Node, taints: Taint[]): Node {
  const copy = structuredClone(node);
  if (taints.length) copy.spec.taints = taints;
  else delete copy.spec.taints;
  return api.update(copy);
}

/** The kubelet is gone for longer than the grace period: conditions Unknown, unreachable taints. */
function markUnreachable(api: ApiServer, name: string): void {
  const node = api.get<Node>('nodes', undefined, name);
  if (!node?.metadata.annotations?.[STOPPED]) return;
  const copy = structuredClone(node);
  const now = api.timestamp();
  const stoppedAt = parseTime(node.metadata.annotations[STOPPED])!;
  for (const c of copy.status.conditions) {
    c.lastHeartbeatTime = api.timestamp(lastTick(parseTime(c.lastHeartbeatTime) ?? stoppedAt, NODE_STATUS_REPORT_MS, stoppedAt));
    c.status = 'Unknown';
    c.reason = 'NodeStatusUnknown';
    c.message = 'Kubelet stopped posting node status.';
    c.lastTransitionTime = now;
  }
  const added = api.timestamp();
  copy.spec.taints = [
    ...(copy.spec.taints ?? []).filter((t) => t.key !== UNREACHABLE_KEY),
    { key: UNREACHABLE_KEY, effect: 'NoSchedule', timeAdded: added },
    { key: UNREACHABLE_KEY, effect: 'NoExecute', timeAdded: added },
  ];
  api.update(copy);
  api.recordEvent(copy, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, 'node-controller');
  for (const pod of api.list<Pod>('pods').filter((p) => p.spec.nodeName === name && !p.metadata.deletionTimestamp)) {
    const pc = structuredClone(pod);
    for (const c of pc.status.conditions ?? []) {
      if (c.type === 'Ready' || c.type === 'ContainersReady') {
        if (c.status !== 'False') c.lastTransitionTime = now;
        c.status = 'False';
      }
    }
    for (const s of pc.status.containerStatuses ?? []) s.ready = false;
    api.update(pc);
    api.recordEvent(pc, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
  }
}

/** For each pod on a node with NoExecute taints: evict now, later (tolerationSeconds), or never. */
function scheduleEvictions(api: ApiServer, node: Node): void {
  const noExecute = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
  for (const pod of api.list<Pod>('pods').filter((p) => p.spec.nodeName === node.metadata.name && !p.metadata.deletionTimestamp)) {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    let at: number | undefined;
    for (const taint of noExecute) {
      const t = toleratedBy(pod.spec.tolerations, taint);
      const added = parseTime(taint.timeAdded) ?? api.now();
      if (!t) at = Math.min(at ?? Infinity, api.now());
      else if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) at = Math.min(at ?? Infinity, added + t.tolerationSeconds * 1000);
    }
    if (at === undefined) api.cancelTimers(EVICT, key);
    else if (!api.hasTimer(EVICT, key)) api.schedule(at, EVICT, key);
  }
}

function evict(api: ApiServer, key: string): void {
  const [ns, name] = key.split('/');
  const pod = api.get<Pod>('pods', ns, name);
  if (!pod || pod.metadata.deletionTimestamp) return;
  const node = api.get<Node>('nodes', undefined, pod.spec.nodeName ?? '');
  const untolerated = (node?.spec.taints ?? []).some((t) => t.effect === 'NoExecute' && (!toleratedBy(pod.spec.tolerations, t) || toleratedBy(pod.spec.tolerations, t)?.tolerationSeconds !== undefined));
  if (!untolerated) return;
  api.recordEvent(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`, 'taint-eviction-controller');
  api.delete('pods', ns, name);
}

export const nodeLifecycleController: Controller = {
  name: 'node-controller',
  watches: ['nodes', 'pods'],
  reconcile(api, changes) {
    const touched = new Set<string>();
    for (const c of changes) {
      if (c.resource === 'nodes' && c.type !== 'DELETED') touched.add(c.obj.metadata.name);
      if (c.resource === 'pods' && c.type === 'ADDED' && c.obj.spec?.nodeName) touched.add(c.obj.spec.nodeName);
      if (c.resource === 'pods' && c.type === 'MODIFIED' && c.obj.spec?.nodeName && !c.old?.spec?.nodeName) touched.add(c.obj.spec.nodeName);
    }
    for (const name of touched) {
      let node = api.get<Node>('nodes', undefined, name);
      if (!node) continue;
      const hasTaint = (node.spec.taints ?? []).some((t) => t.key === UNSCHEDULABLE.key && t.effect === UNSCHEDULABLE.effect);
      if (node.spec.unschedulable && !hasTaint) node = setTaints(api, node, [...(node.spec.taints ?? []), { ...UNSCHEDULABLE, timeAdded: api.timestamp() }]);
      else if (!node.spec.unschedulable && hasTaint) node = setTaints(api, node, (node.spec.taints ?? []).filter((t) => t.key !== UNSCHEDULABLE.key));
      const stopped = node.metadata.annotations?.[STOPPED];
      const unreachable = (node.spec.taints ?? []).some((t) => t.key === UNREACHABLE_KEY);
      if (stopped && !unreachable && !api.hasTimer(GRACE, name)) api.schedule(parseTime(stopped)! + NODE_MONITOR_GRACE_MS, GRACE, name);
      if (!stopped) api.cancelTimers(GRACE, name);
      scheduleEvictions(api, node);
    }
  },
  timers: { [GRACE]: markUnreachable, [EVICT]: evict },
};
