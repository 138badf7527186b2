// The StatefulSet controller: pods <set>-0 … <set>-(N-1) with stable names and hostnames.
// OrderedReady creates them one at a time, each once the previous is Running and Ready, and
// removes extras from the highest ordinal down; Parallel does both at once. A template change
// rolls pods from the highest ordinal down to the partition, one at a time.
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { KObject, Pod } from '../api/types.ts';
import { podTemplateHash } from '../api/naming.ts';
import { controllerOf, isPodAvailable, isPodReady, ownedPods, podFromTemplate } from './replicaset.ts';
import { keyOf } from '../api/server.ts';
import { parseTime } from '../util/time.ts';
import { lookupResource } from '../api/resources.ts';

const COMPONENT = 'statefulset-controller';
const SYNC = 'statefulset-sync';
export const REVISION_LABEL = 'controller-revision-hash';

/** The revision name of the current template: <set>-<hash>. */
export function revisionOf(set: KObject): string {
  return `${set.metadata.name}-${podTemplateHash(set.spec.template, set.status?.collisionCount || 0)}`;
}

function ordinalOf(set: KObject, pod: Pod): number {
  const m = new RegExp(`^${set.metadata.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(pod.metadata.name);
  return m ? Number(m[1]) : -1;
}

const healthy = (p: Pod, minReady: number, now: number) => p.status?.phase === 'Running' && isPodReady(p) && isPodAvailable(p, minReady, now) && !p.metadata.deletionTimestamp;

function newPod(api: ApiServer, set: KObject, ordinal: number, revision: string): Pod {
  const pod = podFromTemplate(api, set);
  const name = `${set.metadata.name}-${ordinal}`;
  pod.metadata.name = name;
  delete pod.metadata.generateName;
  pod.metadata.labels = { ...pod.metadata.labels, [REVISION_LABEL]: revision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) };
  pod.spec = { ...pod.spec, hostname: name, subdomain: set.spec.serviceName ?? '' };
  const claims: any[] = set.spec.volumeClaimTemplates ?? [];
  if (claims.length) {
    const volumes = (pod.spec.volumes ?? []).filter((v: any) => !claims.some((c) => c.metadata?.name === v.name));
    pod.spec.volumes = [...volumes, ...claims.map((c) => ({ name: c.metadata.name, persistentVolumeClaim: { claimName: `${c.metadata.name}-${name}` } }))];
  }
  return pod;
}

function event(api: ApiServer, set: KObject, verb: 'create' | 'delete', pod: string, error?: string): void {
  const Verb = verb[0].toUpperCase() + verb.slice(1);
  if (error) api.recordEvent(set, 'Warning', `Failed${Verb}`, `${verb} Pod ${pod} in StatefulSet ${set.metadata.name} failed error: ${error}`, COMPONENT);
  else api.recordEvent(set, 'Normal', `Successful${Verb}`, `${verb} Pod ${pod} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
}

/** The claims of a pod, created before the pod (they are kept when the pod goes). */
function ensureClaims(api: ApiServer, set: KObject, podName: string): void {
  if (!lookupResource('persistentvolumeclaims')) return;
  for (const c of set.spec.volumeClaimTemplates ?? []) {
    const name = `${c.metadata.name}-${podName}`;
    if (api.get('persistentvolumeclaims', set.metadata.namespace, name)) continue;
    try {
      api.create({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, namespace: set.metadata.namespace, labels: { ...c.metadata?.labels, ...set.spec.selector?.matchLabels } },
        spec: structuredClone(c.spec ?? {}),
      });
      api.recordEvent(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`, COMPONENT);
    } catch (e: any) {
      api.recordEvent(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${e.message}`, COMPONENT);
    }
  }
}

function syncStatefulSet(api: ApiServer, set: KObject): void {
  if (set.metadata.deletionTimestamp) return;
  const now = api.now();
  const replicas: number = set.spec.replicas ?? 1;
  const minReady: number = set.spec.minReadySeconds ?? 0;
  const parallel = set.spec.podManagementPolicy === 'Parallel';
  const updateRevision = revisionOf(set);
  const pods = ownedPods(api, set);
  const byOrdinal = new Map<number, Pod>();
  for (const p of pods) byOrdinal.set(ordinalOf(set, p), p);

  let blocked = false;
  // Create or replace the pods in range, lowest ordinal first.
  for (let i = 0; i < replicas && !blocked; i++) {
    const pod = byOrdinal.get(i);
    if (!pod) {
      const name = `${set.metadata.name}-${i}`;
      ensureClaims(api, set, name);
      try {
        const created = api.create(newPod(api, set, i, updateRevision)) as Pod;
        byOrdinal.set(i, created);
        event(api, set, 'create', name);
      } catch (e: any) {
        event(api, set, 'create', name, e.message);
      }
      if (!parallel) blocked = true;
      continue;
    }
    if (['Succeeded', 'Failed'].includes(pod.status?.phase ?? '') && !pod.metadata.deletionTimestamp) {
      api.delete('pods', pod.metadata.namespace, pod.metadata.name);
      event(api, set, 'delete', pod.metadata.name);
      if (!parallel) blocked = true;
      continue;
    }
    if (!parallel && !healthy(pod, minReady, now)) blocked = true;
  }
  if (minReady) {
    for (const p of byOrdinal.values()) {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
      const at = (parseTime(ready?.lastTransitionTime) ?? 0) + minReady * 1000;
      if (ready && at > now) api.schedule(at, SYNC, keyOf(set));
    }
  }

  // Remove the pods out of range, highest ordinal first.
  const condemned = [...byOrdinal.entries()].filter(([i]) => i >= replicas || i < 0).sort((a, b) => b[0] - a[0]);
  if (!blocked) {
    for (const [, pod] of condemned) {
      if (pod.metadata.deletionTimestamp) {
        if (!parallel) blocked = true;
        break;
      }
      api.delete('pods', pod.metadata.namespace, pod.metadata.name);
      event(api, set, 'delete', pod.metadata.name);
      if (!parallel) {
        blocked = true;
        break;
      }
    }
  }

  // Roll pods of an old revision, highest ordinal down to the partition, one at a time.
  const strategy = set.spec.updateStrategy ?? {};
  if (!blocked && strategy.type !== 'OnDelete' && !condemned.length) {
    const partition = strategy.rollingUpdate?.partition ?? 0;
    const inRange = [...byOrdinal.entries()].filter(([i]) => i >= 0 && i < replicas).sort((a, b) => b[0] - a[0]);
    const allHealthy = inRange.every(([, p]) => healthy(p, minReady, now));
    if (allHealthy) {
      const stale = inRange.find(([i, p]) => i >= partition && p.metadata.labels?.[REVISION_LABEL] !== updateRevision);
      if (stale) {
        api.delete('pods', stale[1].metadata.namespace, stale[1].metadata.name);
        event(api, set, 'delete', stale[1].metadata.name);
      }
    }
  }
  writeStatus(api, set, updateRevision, minReady, now);
}

function writeStatus(api: ApiServer, set: KObject, updateRevision: string, minReady: number, now: number): void {
  const pods = ownedPods(api, set).filter((p) => p.status?.phase);
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  const current = set.status?.currentRevision ?? updateRevision;
  const status: any = {
    availableReplicas: live.filter((p) => isPodReady(p) && isPodAvailable(p, minReady, now)).length,
    collisionCount: set.status?.collisionCount ?? 0,
    currentReplicas: live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === current).length,
    currentRevision: current,
    observedGeneration: set.metadata.generation ?? 1,
    readyReplicas: live.filter((p) => p.status?.phase === 'Running' && isPodReady(p)).length,
    replicas: pods.length,
    updateRevision,
    updatedReplicas: live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === updateRevision).length,
  };
  const want = set.spec.replicas ?? 1;
  if (status.updatedReplicas === want && status.readyReplicas === want && status.replicas === want) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = updateRevision;
  }
  for (const k of ['availableReplicas', 'currentReplicas', 'readyReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
  if (JSON.stringify(status) === JSON.stringify(set.status ?? {})) return;
  const copy = structuredClone(set);
  copy.status = status;
  api.update(copy);
}

function affected(api: ApiServer, changes: Change[]): KObject[] {
  const out = new Map<string, [string, string]>();
  for (const c of changes) {
    if (c.resource === 'statefulsets') {
      if (c.type !== 'DELETED') out.set(c.key, [c.obj.metadata.namespace!, c.obj.metadata.name]);
      continue;
    }
    const owner = controllerOf(c.obj) ?? (c.old ? controllerOf(c.old) : undefined);
    if (owner?.kind !== 'StatefulSet') continue;
    const old = c.old as Pod | undefined;
    const pod = c.obj as Pod;
    if (c.type === 'MODIFIED' && old && old.status?.phase === pod.status?.phase && isPodReady(old) === isPodReady(pod) && !!old.metadata.deletionTimestamp === !!pod.metadata.deletionTimestamp) continue;
    out.set(`${c.obj.metadata.namespace}/${owner.name}`, [c.obj.metadata.namespace!, owner.name]);
  }
  return [...out.values()].map(([ns, name]) => api.get('statefulsets', ns, name)).filter((x): x is KObject => !!x);
}

export const statefulSetController: Controller = {
  name: COMPONENT,
  watches: ['statefulsets', 'pods'],
  reconcile(api, changes) {
    for (const set of affected(api, changes)) syncStatefulSet(api, set);
  },
  timers: {
    [SYNC]: (api, key) => {
      const [ns, name] = key.split('/');
      const set = api.get('statefulsets', ns, name);
      if (set) syncStatefulSet(api, set);
    },
  },
};
