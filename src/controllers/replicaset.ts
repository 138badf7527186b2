// The ReplicaSet controller: keeps the number of active pods owned by each replica set at
// spec.replicas, and reports replicas / ready / available in its status.
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { KObject, Pod } from '../api/types.ts';
import { parseTime } from '../util/time.ts';
import { keyOf } from '../api/server.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';
import { compareStrings } from '../util/compare.ts';

const AVAILABLE_CHECK = 'replicaset-available';

export const isPodActive = (p: Pod) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase ?? '');

export function isPodReady(p: Pod): boolean {
  return !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Ready for at least minReadySeconds. */
export function isPodAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return false;
  if (!minReadySeconds) return true;
  return (parseTime(ready.lastTransitionTime) ?? now) + minReadySeconds * 1000 <= now;
}

export function controllerOf(o: KObject) {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownedPods(api: ApiServer, owner: KObject): Pod[] {
  return api.dependents(owner.metadata.uid!).filter((p): p is Pod => p.kind === 'Pod' && controllerOf(p)?.uid === owner.metadata.uid);
}

/** Pods deleted first when scaling down (controller.ActivePods ordering). */
function deletionRank(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  const phase = (p: Pod) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase ?? 'Pending'] ?? 0;
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((s, c) => s + c.restartCount, 0);
  return (
    assigned(a) - assigned(b) ||
    phase(a) - phase(b) ||
    ready(a) - ready(b) ||
    restarts(b) - restarts(a) ||
    compareStrings(b.metadata.creationTimestamp ?? '', a.metadata.creationTimestamp ?? '') ||
    (a.metadata.name < b.metadata.name ? 1 : -1)
  );
}

export function podFromTemplate(api: ApiServer, owner: KObject): Pod {
  const template = structuredClone(owner.spec.template ?? {});
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${owner.metadata.name.slice(0, 57)}-`,
      namespace: owner.metadata.namespace,
      labels: template.metadata?.labels ?? {},
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: template.spec,
    status: {},
  };
}

/** Pods whose labels no longer match are released; matching orphans are adopted (ClaimPods). */
function claimPods(api: ApiServer, rs: KObject): void {
  const sel = labelSelectorFromObject(rs.spec.selector);
  for (const p of ownedPods(api, rs)) {
    if (matchesLabels(sel, p.metadata.labels)) continue;
    const copy = structuredClone(p);
    copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
    if (!copy.metadata.ownerReferences.length) delete copy.metadata.ownerReferences;
    api.update(copy);
  }
  for (const p of api.list<Pod>('pods', rs.metadata.namespace)) {
    if (controllerOf(p) || p.metadata.deletionTimestamp || !matchesLabels(sel, p.metadata.labels)) continue;
    const copy = structuredClone(p);
    copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), { apiVersion: rs.apiVersion, kind: rs.kind, name: rs.metadata.name, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }];
    api.update(copy);
  }
}

function syncReplicaSet(api: ApiServer, rs: KObject): void {
  if (rs.metadata.deletionTimestamp) return;
  const now = api.now();
  claimPods(api, rs);
  const pods = ownedPods(api, rs);
  const active = pods.filter(isPodActive);
  const desired = rs.spec.replicas ?? 1;
  const diff = desired - active.length;
  if (diff > 0) {
    for (let i = 0; i < diff; i++) {
      try {
        const pod = api.create(podFromTemplate(api, rs));
        api.recordEvent(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
        active.push(pod as Pod);
      } catch (e: any) {
        api.recordEvent(rs, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, 'replicaset-controller');
        break;
      }
    }
  } else if (diff < 0) {
    const victims = [...active].sort(deletionRank).slice(0, -diff);
    for (const v of victims) {
      api.delete('pods', v.metadata.namespace, v.metadata.name);
      api.recordEvent(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${v.metadata.name}`, 'replicaset-controller');
    }
  }
  const current = diff === 0 ? active : ownedPods(api, rs).filter(isPodActive);
  const minReady = rs.spec.minReadySeconds ?? 0;
  const status = {
    replicas: current.length,
    fullyLabeledReplicas: current.length,
    readyReplicas: current.filter(isPodReady).length,
    availableReplicas: current.filter((p) => isPodAvailable(p, minReady, now)).length,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (minReady) {
    for (const p of current) {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
      const at = (parseTime(ready?.lastTransitionTime) ?? 0) + minReady * 1000;
      if (ready && at > now) api.schedule(at, AVAILABLE_CHECK, keyOf(rs));
    }
  }
  const cleaned = Object.fromEntries(Object.entries(status).filter(([k, v]) => v !== 0 || k === 'replicas' || k === 'observedGeneration'));
  if (JSON.stringify(cleaned) !== JSON.stringify(rs.status ?? {})) {
    const copy = structuredClone(rs);
    copy.status = cleaned;
    api.update(copy);
  }
}

/** Whether a pod update changes how many active pods a replica set has. */
function activeChanged(a: Pod, b: Pod): boolean {
  return isPodActive(a) !== isPodActive(b) || controllerOf(a)?.uid !== controllerOf(b)?.uid || JSON.stringify(a.metadata.labels) !== JSON.stringify(b.metadata.labels);
}

/** Whether a pod update changes what the replica set's status counts (ready, available). */
function readinessChanged(a: Pod, b: Pod): boolean {
  const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready');
  return ready(a)?.status !== ready(b)?.status || ready(a)?.lastTransitionTime !== ready(b)?.lastTransitionTime;
}

/**
 * The replica sets to sync now (their pod count may be off) and those whose status only needs a
 * refresh: like the real controller's work queue, status refreshes are coalesced over a short
 * interval, so a thousand pods becoming ready cost a handful of syncs, not a thousand.
 */
function affectedReplicaSets(api: ApiServer, changes: Change[]): { now: KObject[]; later: string[] } {
  const now = new Map<string, [string, string]>();
  const later = new Set<string>();
  for (const c of changes) {
    if (c.resource === 'replicasets' && c.type !== 'DELETED') now.set(c.key, [c.obj.metadata.namespace!, c.obj.metadata.name]);
    if (c.resource !== 'pods') continue;
    const owner = controllerOf(c.obj) ?? (c.old ? controllerOf(c.old) : undefined);
    if (owner?.kind !== 'ReplicaSet') continue;
    const key = `${c.obj.metadata.namespace}/${owner.name}`;
    const old = c.old as Pod | undefined;
    if (c.type !== 'MODIFIED' || !old || activeChanged(old, c.obj as Pod)) now.set(key, [c.obj.metadata.namespace!, owner.name]);
    else if (readinessChanged(old, c.obj as Pod)) {
      // Small sets are synced at once, so each pod's readiness moves a rollout by itself.
      const rs = api.get('replicasets', c.obj.metadata.namespace, owner.name);
      if ((rs?.spec.replicas ?? 0) > COALESCE_ABOVE) later.add(key);
      else now.set(key, [c.obj.metadata.namespace!, owner.name]);
    }
  }
  return {
    now: [...now.values()].map(([ns, name]) => api.get('replicasets', ns, name)).filter((r): r is KObject => !!r),
    later: [...later].filter((k) => !now.has(k)),
  };
}

const STATUS_COALESCE_MS = 500;
const COALESCE_ABOVE = 50;

export const replicaSetController: Controller = {
  name: 'replicaset-controller',
  watches: ['replicasets', 'pods'],
  reconcile(api, changes) {
    const { now, later } = affectedReplicaSets(api, changes);
    for (const rs of now) syncReplicaSet(api, rs);
    for (const key of later) if (!api.hasTimer(AVAILABLE_CHECK, key)) api.schedule(api.now() + STATUS_COALESCE_MS, AVAILABLE_CHECK, key);
  },
  timers: {
    [AVAILABLE_CHECK]: (api, key) => {
      const [ns, name] = key.split('/');
      const rs = api.get('replicasets', ns, name);
      if (rs) syncReplicaSet(api, rs);
    },
  },
};
