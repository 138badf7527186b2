// The Deployment controller: owns replica sets named <deployment>-<pod-template-hash>, rolls
// from old to new by RollingUpdate (maxSurge / maxUnavailable) or Recreate, numbers revisions,
// keeps revisionHistoryLimit old sets, and reports status and conditions.
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { Condition, KObject } from '../api/types.ts';
import { podTemplateHash } from '../api/naming.ts';
import { controllerOf, ownedPods, isPodActive } from './replicaset.ts';
import { newRSNewReplicas, resolveFenceposts, scaleDownOld, proportionalSizes } from './deployment-math.ts';
import { parseTime } from '../util/time.ts';
import { keyOf } from '../api/server.ts';

const COMPONENT = 'deployment-controller';
const DEADLINE = 'deployment-progress-deadline';
const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED, MAX_REPLICAS]);

const revisionOf = (o: KObject) => Number(o.metadata.annotations?.[REVISION] ?? 0);

/** The template without the pod-template-hash label, for comparing templates. */
export function templateKey(template: any): string {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return JSON.stringify(sortDeep(t));
}

function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, sortDeep(v[k])]));
  return v;
}

function scaleRS(api: ApiServer, d: KObject, rs: KObject, size: number, extraAnnotations = true): KObject {
  const from = rs.spec.replicas ?? 0;
  const copy = structuredClone(rs);
  copy.spec.replicas = size;
  if (extraAnnotations) setReplicaAnnotations(d, copy);
  const updated = api.update(copy, { specChanged: from !== size });
  if (from !== size) {
    api.recordEvent(d, 'Normal', 'ScalingReplicaSet', `Scaled ${size > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${size}`, COMPONENT);
  }
  return updated;
}

function maxSurgeOf(d: KObject): number {
  if (d.spec.strategy?.type !== 'RollingUpdate') return 0;
  return resolveFenceposts(d.spec.strategy.rollingUpdate?.maxSurge, d.spec.strategy.rollingUpdate?.maxUnavailable, d.spec.replicas).surge;
}

function setReplicaAnnotations(d: KObject, rs: KObject): void {
  const a = (rs.metadata.annotations ??= {});
  a[DESIRED] = String(d.spec.replicas);
  a[MAX_REPLICAS] = String(d.spec.replicas + maxSurgeOf(d));
}

function copiedAnnotations(d: KObject): Record<string, string> {
  return Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !SKIPPED_ANNOTATIONS.has(k)));
}

/** Finds the replica set running the current template, creating it (or reviving an old one) if needed. */
function newReplicaSet(api: ApiServer, d: KObject, all: KObject[], create: boolean, initialSize: (rs: KObject) => number): KObject | undefined {
  const key = templateKey(d.spec.template);
  const existing = all.find((rs) => templateKey(rs.spec.template) === key);
  const old = all.filter((rs) => rs !== existing);
  const maxOld = Math.max(0, ...old.map(revisionOf));
  if (existing) {
    const wanted = maxOld + 1;
    const current = revisionOf(existing);
    const annotations = { ...existing.metadata.annotations, ...copiedAnnotations(d) };
    if (current < wanted) {
      annotations[REVISION] = String(wanted);
      if (current > 0) annotations[REVISION_HISTORY] = [existing.metadata.annotations?.[REVISION_HISTORY], String(current)].filter(Boolean).join(',');
    }
    if (JSON.stringify(annotations) !== JSON.stringify(existing.metadata.annotations)) {
      const copy = structuredClone(existing);
      copy.metadata.annotations = annotations;
      return api.update(copy);
    }
    return existing;
  }
  if (!create) return undefined;
  // A replica set of that name that is not ours (a deleted deployment's, not yet collected)
  // is a hash collision: the controller counts it and hashes again.
  let collisions = d.status?.collisionCount ?? 0;
  let hash = podTemplateHash(d.spec.template, collisions);
  while (api.get('replicasets', d.metadata.namespace, `${d.metadata.name}-${hash}`)) hash = podTemplateHash(d.spec.template, ++collisions);
  if (collisions !== (d.status?.collisionCount ?? 0)) {
    d.status = { ...d.status, collisionCount: collisions };
    api.update(d);
  }
  const template = structuredClone(d.spec.template);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, 'pod-template-hash': hash } };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...selector.matchLabels, 'pod-template-hash': hash };
  const rs: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations: { ...copiedAnnotations(d), [REVISION]: String(maxOld + 1) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector, template },
  };
  if (!rs.spec.minReadySeconds) delete rs.spec.minReadySeconds;
  setReplicaAnnotations(d, rs);
  rs.spec.replicas = initialSize(rs);
  const created = api.create(rs);
  if (created.spec.replicas > 0) {
    api.recordEvent(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${created.spec.replicas}`, COMPONENT);
  }
  return created;
}

const view = (rs: KObject) => ({ name: rs.metadata.name, replicas: rs.spec.replicas ?? 0, available: rs.status?.availableReplicas ?? 0 });
const byCreation = (a: KObject, b: KObject) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : a.metadata.name < b.metadata.name ? -1 : 1);

function rolloutRolling(api: ApiServer, d: KObject, all: KObject[]): void {
  const { surge, unavailable } = resolveFenceposts(d.spec.strategy.rollingUpdate?.maxSurge, d.spec.strategy.rollingUpdate?.maxUnavailable, d.spec.replicas);
  const olds = () => all.filter((rs) => rs !== newRS).sort(byCreation);
  let newRS = newReplicaSet(api, d, all, true, () => {
    const others = all.map(view);
    return newRSNewReplicas(d.spec.replicas, surge, { name: '', replicas: 0, available: 0 }, others);
  })!;
  all = [...all.filter((rs) => rs.metadata.name !== newRS.metadata.name), newRS];
  // 1. scale up the new replica set
  const target = newRSNewReplicas(d.spec.replicas, surge, view(newRS), all.map(view));
  if (target !== newRS.spec.replicas) {
    newRS = scaleRS(api, d, newRS, target);
    all = [...all.filter((rs) => rs.metadata.name !== newRS.metadata.name), newRS];
    return;
  }
  // 2. scale down old ones while availability allows
  const old = olds();
  const sizes = scaleDownOld(d.spec.replicas, unavailable, view(newRS), old.map(view));
  old.forEach((rs, i) => {
    if (sizes[i] !== rs.spec.replicas) scaleRS(api, d, rs, sizes[i]);
  });
}

function rolloutRecreate(api: ApiServer, d: KObject, all: KObject[]): void {
  const key = templateKey(d.spec.template);
  const old = all.filter((rs) => templateKey(rs.spec.template) !== key);
  let scaledDown = false;
  for (const rs of old) {
    if ((rs.spec.replicas ?? 0) > 0) {
      scaleRS(api, d, rs, 0);
      scaledDown = true;
    }
  }
  if (scaledDown) return;
  const oldPodsRunning = old.some((rs) => ownedPods(api, rs).some((p) => p.metadata.deletionTimestamp || isPodActive(p)));
  if (oldPodsRunning) return;
  const newRS = newReplicaSet(api, d, all, true, () => d.spec.replicas);
  if (newRS && newRS.spec.replicas !== d.spec.replicas) scaleRS(api, d, newRS, d.spec.replicas);
}

/** Scaling without a template change: resize the active sets (proportionally during a rollout). */
function scaleIfNeeded(api: ApiServer, d: KObject, all: KObject[], newRS: KObject | undefined): boolean {
  const active = all.filter((rs) => (rs.spec.replicas ?? 0) > 0);
  if (!active.length) {
    if (newRS && newRS.spec.replicas !== d.spec.replicas && d.spec.replicas > 0) {
      scaleRS(api, d, newRS, d.spec.replicas);
      return true;
    }
    return false;
  }
  if (active.length === 1) {
    const only = active[0];
    if (newRS && only !== newRS) return false;
    if (only.spec.replicas !== d.spec.replicas) {
      scaleRS(api, d, only, d.spec.replicas);
      return true;
    }
    return false;
  }
  // Several active sets: only a change of the desired count (seen in the annotation) triggers proportional scaling.
  const desiredBefore = Number(active[0].metadata.annotations?.[DESIRED] ?? d.spec.replicas);
  if (desiredBefore === d.spec.replicas) return false;
  const allowed = d.spec.replicas + maxSurgeOf(d);
  const oldAllowed = active.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
  const sorted = [...active].sort((a, b) => (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0) || byCreation(b, a));
  const sizes = proportionalSizes(sorted.map((rs) => ({ replicas: rs.spec.replicas ?? 0 })), allowed, Math.max(oldAllowed, 1));
  sorted.forEach((rs, i) => scaleRS(api, d, rs, sizes[i]));
  return true;
}

/** SetDeploymentCondition: same status and reason → unchanged; same status → keep transition time. */
function setCondition(conds: Condition[], c: Condition): Condition[] {
  const prev = conds.find((x) => x.type === c.type);
  if (prev && prev.status === c.status && prev.reason === c.reason) return conds;
  if (prev && prev.status === c.status) c.lastTransitionTime = prev.lastTransitionTime;
  return [...conds.filter((x) => x.type !== c.type), c];
}

const cond = (type: string, status: Condition['status'], reason: string, message: string, now: string): Condition => ({
  type,
  status,
  lastUpdateTime: now,
  lastTransitionTime: now,
  reason,
  message,
});

const CONDITION_ORDER = ['Available', 'Progressing', 'ReplicaFailure'];

function syncStatus(api: ApiServer, d: KObject, all: KObject[], newRS: KObject | undefined, createdNew = false): void {
  const now = api.timestamp();
  const sum = (f: (rs: KObject) => number) => all.reduce((s, rs) => s + f(rs), 0);
  const status: any = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum((rs) => rs.status?.replicas ?? 0),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: sum((rs) => rs.status?.availableReplicas ?? 0),
  };
  status.unavailableReplicas = Math.max(0, d.spec.replicas - status.availableReplicas);
  const old = d.status ?? {};
  let conds: Condition[] = structuredClone(old.conditions ?? []);
  const rolling = d.spec.strategy?.type === 'RollingUpdate';
  const { unavailable } = rolling
    ? resolveFenceposts(d.spec.strategy.rollingUpdate?.maxSurge, d.spec.strategy.rollingUpdate?.maxUnavailable, d.spec.replicas)
    : { unavailable: 0 };
  conds = setCondition(
    conds,
    status.availableReplicas >= d.spec.replicas - unavailable
      ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
      : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now),
  );
  const rsName = newRS?.metadata.name ?? '';
  const progressing = conds.find((c) => c.type === 'Progressing');
  const deadlineMs = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
  if (d.spec.paused) {
    conds = setCondition(conds, cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now));
  } else if (createdNew) {
    conds = setCondition(conds, cond('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, now));
  } else if (!progressing && newRS) {
    conds = setCondition(conds, cond('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${rsName}"`, now));
  }
  if (!d.spec.paused && newRS) {
    const complete = status.updatedReplicas === d.spec.replicas && status.replicas === d.spec.replicas && status.availableReplicas === d.spec.replicas;
    const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
    const newOld = status.replicas - status.updatedReplicas;
    const progressed =
      status.updatedReplicas > (old.updatedReplicas ?? 0) ||
      newOld < oldOld ||
      status.readyReplicas > (old.readyReplicas ?? 0) ||
      status.availableReplicas > (old.availableReplicas ?? 0);
    const current = conds.find((c) => c.type === 'Progressing');
    if (complete) {
      conds = setCondition(conds, cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, now));
    } else if (progressed) {
      const c = cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, now);
      if (current?.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
      conds = [...conds.filter((x) => x.type !== 'Progressing'), c];
    } else if (current && current.reason !== 'NewReplicaSetAvailable' && current.reason !== 'ProgressDeadlineExceeded') {
      const from = parseTime(current.lastUpdateTime) ?? api.now();
      if (from + deadlineMs <= api.now()) {
        conds = setCondition(conds, cond('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, now));
      }
    }
    const after = conds.find((c) => c.type === 'Progressing');
    api.cancelTimers(DEADLINE, keyOf(d));
    if (after && !complete && after.reason !== 'ProgressDeadlineExceeded' && after.reason !== 'DeploymentPaused') {
      api.schedule((parseTime(after.lastUpdateTime) ?? api.now()) + deadlineMs, DEADLINE, keyOf(d));
    }
  }
  status.conditions = conds.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
  for (const k of ['readyReplicas', 'availableReplicas', 'unavailableReplicas', 'updatedReplicas', 'replicas']) if (!status[k]) delete status[k];
  const revision = newRS ? String(revisionOf(newRS)) : d.metadata.annotations?.[REVISION];
  if (JSON.stringify(status) !== JSON.stringify(old) || (revision && d.metadata.annotations?.[REVISION] !== revision)) {
    const copy = structuredClone(d);
    copy.status = status;
    if (revision) copy.metadata.annotations = { ...copy.metadata.annotations, [REVISION]: revision };
    api.update(copy);
  }
}

function cleanupOld(api: ApiServer, d: KObject, all: KObject[], newRS: KObject | undefined): void {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const candidates = all
    .filter((rs) => rs !== newRS && (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  const excess = candidates.length - limit;
  for (let i = 0; i < excess; i++) api.delete('replicasets', candidates[i].metadata.namespace, candidates[i].metadata.name);
}

export function syncDeployment(api: ApiServer, d: KObject): void {
  if (d.metadata.deletionTimestamp) return;
  const all = api.list('replicasets', d.metadata.namespace).filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
  const key = templateKey(d.spec.template);
  const current = all.find((rs) => templateKey(rs.spec.template) === key);
  if (d.spec.paused) {
    scaleIfNeeded(api, d, all, current);
    syncStatus(api, d, refreshed(api, all), current);
    return;
  }
  if (current && scaleIfNeeded(api, d, all, current)) {
    syncStatus(api, d, refreshed(api, all), current);
    return;
  }
  if (d.spec.strategy?.type === 'Recreate') rolloutRecreate(api, d, all);
  else rolloutRolling(api, d, all);
  const after = api.list('replicasets', d.metadata.namespace).filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
  const newRS = after.find((rs) => templateKey(rs.spec.template) === key);
  cleanupOld(api, d, after, newRS);
  syncStatus(api, d, after, newRS, !current && !!newRS);
}

function refreshed(api: ApiServer, sets: KObject[]): KObject[] {
  return sets.map((rs) => api.get('replicasets', rs.metadata.namespace, rs.metadata.name)).filter((x): x is KObject => !!x);
}

function affected(api: ApiServer, changes: Change[]): KObject[] {
  const out = new Map<string, KObject>();
  for (const c of changes) {
    const ns = c.obj.metadata.namespace!;
    let name: string | undefined;
    if (c.resource === 'deployments') name = c.obj.metadata.name;
    else if (c.resource === 'pods') {
      // Recreate waits for the old pods to be gone before it starts the new ones.
      if (c.type !== 'DELETED') continue;
      const rsRef = controllerOf(c.obj);
      const rs = rsRef?.kind === 'ReplicaSet' ? api.get('replicasets', ns, rsRef.name) : undefined;
      const owner = rs && controllerOf(rs);
      if (owner?.kind === 'Deployment') name = owner.name;
    } else {
      const owner = controllerOf(c.obj);
      if (owner?.kind === 'Deployment') name = owner.name;
    }
    if (!name) continue;
    const d = api.get('deployments', ns, name);
    if (d) out.set(`${ns}/${name}`, d);
  }
  return [...out.values()];
}

export const deploymentController: Controller = {
  name: COMPONENT,
  watches: ['deployments', 'replicasets', 'pods'],
  reconcile(api, changes) {
    for (const d of affected(api, changes)) syncDeployment(api, api.get('deployments', d.metadata.namespace, d.metadata.name)!);
  },
  timers: {
    [DEADLINE]: (api, key) => {
      const [ns, name] = key.split('/');
      const d = api.get('deployments', ns, name);
      if (d) syncDeployment(api, d);
    },
  },
};
