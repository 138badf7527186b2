// A node's machine going down and coming back: the kubelet stops posting status, or starts
// again and catches up with what happened while it was away.
import type { ApiServer } from '../api/server.ts';
import type { Node, Pod } from '../api/types.ts';
import { notFound } from '../api/errors.ts';
import { lookupResource } from '../api/resources.ts';
import { STOPPED } from '../controllers/node-lifecycle.ts';

const NODES = lookupResource('nodes')!;

/** The machine dies (stop) or comes back (start); returns kubectl-style `node/NAME stopped`. */
export function setNodePower(api: ApiServer, name: string, stop: boolean): string {
  const n = api.get<Node>('nodes', undefined, name);
  if (!n) throw notFound(NODES, name);
  const copy = structuredClone(n);
  if (stop) {
    if (n.metadata.annotations?.[STOPPED]) return `node/${name} already stopped`;
    copy.metadata.annotations = { ...copy.metadata.annotations, [STOPPED]: api.timestamp() };
    api.update(copy);
    return `node/${name} stopped`;
  }
  if (!n.metadata.annotations?.[STOPPED]) return `node/${name} already running`;
  delete copy.metadata.annotations![STOPPED];
  (api.state.alloc.kubeletStarted ??= {})[name] = api.timestamp();
  const now = api.timestamp();
  const normal: Record<string, [string, string, string]> = {
    MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
  };
  for (const c of copy.status.conditions) {
    const [status, reason, message] = normal[c.type] ?? [c.status, c.reason, c.message];
    if (c.status !== status) c.lastTransitionTime = now;
    Object.assign(c, { status, reason, message, lastHeartbeatTime: now });
  }
  copy.spec.taints = (copy.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/unreachable');
  if (!copy.spec.taints.length) delete copy.spec.taints;
  api.update(copy);
  api.recordEvent(copy, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, 'kubelet', { host: name });
  // The kubelet finishes what was asked while it was away: deleted pods go.
  for (const p of api.list<Pod>('pods').filter((x) => x.spec.nodeName === name && x.metadata.deletionTimestamp)) api.remove(p);
  // ...and reports its running containers ready again.
  for (const p of api.list<Pod>('pods').filter((x) => x.spec.nodeName === name)) {
    const pc = structuredClone(p);
    for (const st of pc.status.containerStatuses ?? []) if (st.state.running) st.ready = true;
    const allReady = (pc.status.containerStatuses ?? []).every((st) => st.ready);
    for (const c of pc.status.conditions ?? []) {
      if ((c.type === 'Ready' || c.type === 'ContainersReady') && allReady && c.status !== 'True') {
        c.status = 'True';
        c.lastTransitionTime = now;
        delete c.reason;
        delete c.message;
      }
    }
    if (JSON.stringify(pc.status) !== JSON.stringify(p.status)) api.update(pc);
  }
  return `node/${name} started`;
}
