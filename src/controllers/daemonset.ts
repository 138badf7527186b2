// The DaemonSet controller: one pod on every node the template fits (node selector, taints it
// tolerates), created straight onto the node, including nodes that join later.
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { KObject, Node, Pod, Toleration } from '../api/types.ts';
import { toleratedBy } from '../api/taints.ts';
import { controllerOf, isPodActive, isPodReady, ownedPods, podFromTemplate } from './replicaset.ts';
import { podTemplateHash } from '../api/naming.ts';

/** Tolerations the DaemonSet controller adds to its pods (AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function daemonTolerations(template: any): Toleration[] {
  const own: Toleration[] = template?.spec?.tolerations ?? [];
  const extra = [...DAEMON_TOLERATIONS, ...(template?.spec?.hostNetwork ? [{ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists' as const, effect: 'NoSchedule' }] : [])];
  return [...own, ...extra.filter((t) => !own.some((o) => o.key === t.key && o.effect === t.effect))];
}

function fits(ds: KObject, node: Node): boolean {
  const sel: Record<string, string> = ds.spec.template?.spec?.nodeSelector ?? {};
  if (Object.entries(sel).some(([k, v]) => node.metadata.labels?.[k] !== v)) return false;
  const tolerations = daemonTolerations(ds.spec.template);
  return (node.spec.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || !!toleratedBy(tolerations, t));
}

/** The revision of the current template (the pods' controller-revision-hash label). */
export const daemonSetRevision = (ds: KObject) => podTemplateHash(ds.spec.template).slice(0, 10);

const REVISION = 'controller-revision-hash';

function syncDaemonSet(api: ApiServer, ds: KObject): void {
  if (ds.metadata.deletionTimestamp) return;
  const nodes = api.list<Node>('nodes');
  const revision = daemonSetRevision(ds);
  const all = ownedPods(api, ds);
  const pods = all.filter(isPodActive);
  const eligible = nodes.filter((n) => fits(ds, n));
  for (const node of eligible) {
    // A node whose daemon pod is still terminating gets its new one once the old is gone.
    if (all.some((p) => p.spec.nodeName === node.metadata.name && (isPodActive(p) || p.metadata.deletionTimestamp))) continue;
    const pod = podFromTemplate(api, ds);
    pod.spec = { ...pod.spec, nodeName: node.metadata.name, tolerations: daemonTolerations(ds.spec.template) };
    pod.metadata.labels = { ...pod.metadata.labels, [REVISION]: revision, 'pod-template-generation': String(ds.metadata.generation ?? 1) };
    try {
      const created = api.create(pod);
      api.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, 'daemonset-controller');
    } catch (e: any) {
      api.recordEvent(ds, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, 'daemonset-controller');
    }
  }
  for (const p of pods) {
    if (eligible.some((n) => n.metadata.name === p.spec.nodeName)) continue;
    deletePod(api, ds, p);
  }
  rollOldPods(api, ds, revision);
  const current = ownedPods(api, ds).filter(isPodActive);
  const status = {
    currentNumberScheduled: current.length,
    desiredNumberScheduled: eligible.length,
    numberAvailable: current.filter(isPodReady).length,
    numberMisscheduled: 0,
    numberReady: current.filter(isPodReady).length,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: current.filter((p) => p.metadata.labels?.[REVISION] === revision).length,
  };
  if (JSON.stringify(status) !== JSON.stringify(ds.status)) {
    const copy = structuredClone(ds);
    copy.status = status;
    api.update(copy);
  }
}

function deletePod(api: ApiServer, ds: KObject, p: Pod): void {
  api.delete('pods', p.metadata.namespace, p.metadata.name);
  api.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'daemonset-controller');
}

/**
 * RollingUpdate: pods of an old template are replaced node by node, no more than maxUnavailable
 * nodes without a ready pod at a time (the replacement is created by the next sync).
 */
function rollOldPods(api: ApiServer, ds: KObject, revision: string): void {
  const strategy = ds.spec.updateStrategy ?? {};
  if (strategy.type === 'OnDelete') return;
  const pods = ownedPods(api, ds);
  const desired = pods.length;
  const raw = strategy.rollingUpdate?.maxUnavailable ?? 1;
  const maxUnavailable = typeof raw === 'string' && raw.endsWith('%') ? Math.max(1, Math.floor((desired * Number(raw.slice(0, -1))) / 100)) : Number(raw) || 1;
  const unavailable = pods.filter((p) => p.metadata.deletionTimestamp || !isPodReady(p)).length;
  const old = pods.filter((p) => isPodActive(p) && p.metadata.labels?.[REVISION] !== revision);
  // Unready old pods go first: they are not serving anyway.
  old.sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)));
  let budget = maxUnavailable - unavailable;
  for (const p of old) {
    if (isPodReady(p) && budget <= 0) break;
    deletePod(api, ds, p);
    if (isPodReady(p)) budget--;
  }
}

function affected(api: ApiServer, changes: Change[]): KObject[] {
  const all = changes.some((c) => c.resource === 'nodes');
  if (all) return api.list('daemonsets');
  const out = new Map<string, KObject>();
  for (const c of changes) {
    if (c.resource === 'daemonsets' && c.type !== 'DELETED') {
      const ds = api.get('daemonsets', c.obj.metadata.namespace, c.obj.metadata.name);
      if (ds) out.set(c.key, ds);
    }
    if (c.resource === 'pods') {
      const owner = controllerOf(c.obj);
      if (owner?.kind !== 'DaemonSet') continue;
      const old = c.old as Pod | undefined;
      if (c.type === 'MODIFIED' && old && isPodActive(old) === isPodActive(c.obj as Pod) && isPodReady(old) === isPodReady(c.obj as Pod)) continue;
      const ds = api.get('daemonsets', c.obj.metadata.namespace, owner.name);
      if (ds) out.set(`${ds.metadata.namespace}/${ds.metadata.name}`, ds);
    }
  }
  return [...out.values()];
}

export const daemonSetController: Controller = {
  name: 'daemonset-controller',
  watches: ['daemonsets', 'pods', 'nodes'],
  reconcile(api, changes) {
    for (const ds of affected(api, changes)) syncDaemonSet(api, ds);
  },
};
