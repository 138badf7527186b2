// The PersistentVolume controller and a provisioner: binds each claim to the smallest available
// volume that fits (class, access modes, size, selector), or has its storage class's provisioner
// make one (at once for Immediate, once a pod using it is scheduled for WaitForFirstConsumer);
// releases or deletes volumes whose claims go; and keeps claims in use, and bound volumes, from
// being removed (the pvc-protection and pv-protection finalizers).
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { KObject, Pod } from '../api/types.ts';
import { parseQuantity } from '../util/quantity.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';
import { wipeVolumeData } from '../sim/volume-data.ts';

const COMPONENT = 'persistentvolume-controller';
/** --pvclaimbinder-sync-period: a pending claim is looked at again (and its event repeated) this often. */
const RESYNC_MS = 15_000;
const RESYNC = 'pvc-resync';
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

const classOf = (o: KObject): string => o.spec?.storageClassName ?? '';
const bytes = (q: unknown) => {
  try {
    return parseQuantity(String(q ?? '0'));
  } catch {
    return 0;
  }
};

/** The claims a pod mounts. */
export const claimsOf = (pod: Pod): string[] => (pod.spec.volumes ?? []).map((v: any) => v.persistentVolumeClaim?.claimName).filter(Boolean);

const isActive = (p: Pod) => !['Succeeded', 'Failed'].includes(p.status?.phase ?? '');

function podsUsing(api: ApiServer, pvc: KObject): Pod[] {
  return api.list<Pod>('pods', pvc.metadata.namespace).filter((p) => isActive(p) && claimsOf(p).includes(pvc.metadata.name));
}

function fits(pv: KObject, pvc: KObject): boolean {
  if (classOf(pv) !== classOf(pvc)) return false;
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (pvc.spec.volumeMode ?? 'Filesystem')) return false;
  const modes: string[] = pv.spec.accessModes ?? [];
  if (!(pvc.spec.accessModes ?? []).every((m: string) => modes.includes(m))) return false;
  if (bytes(pv.spec.capacity?.storage) < bytes(pvc.spec.resources?.requests?.storage)) return false;
  if (pvc.spec.selector && !matchesLabels(labelSelectorFromObject(pvc.spec.selector), pv.metadata.labels)) return false;
  return true;
}

function available(pv: KObject, pvc: KObject): boolean {
  if (pv.metadata.deletionTimestamp || pv.status?.phase !== 'Available') return false;
  const ref = pv.spec.claimRef;
  return !ref || (ref.namespace === pvc.metadata.namespace && ref.name === pvc.metadata.name);
}

/** A phase change, stamped as the API server stamps it (lastPhaseTransitionTime). */
function withPhase(api: ApiServer, status: any, phase: string): any {
  return status?.phase === phase ? status : { ...status, phase, lastPhaseTransitionTime: api.timestamp() };
}

/** Binds both ways; `provisioned`: the provisioner wrote the claimRef, so the controller does not claim it did. */
function bind(api: ApiServer, pv: KObject, pvc: KObject, extra: Record<string, string> = {}, provisioned = false): void {
  const v = structuredClone(pv);
  v.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: pvc.metadata.namespace, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid };
  if (!provisioned && !pv.spec.claimRef) v.metadata.annotations = { ...v.metadata.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes' };
  v.status = withPhase(api, v.status, 'Bound');
  api.update(v);
  const c = structuredClone(pvc);
  c.spec.volumeName = pv.metadata.name;
  c.metadata.annotations = { ...c.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', ...extra };
  c.status = { phase: 'Bound', accessModes: pv.spec.accessModes, capacity: pv.spec.capacity };
  api.update(c);
}

/** A new volume for the claim, made by its class's provisioner (rancher.io/local-path's way: a directory on the node). */
function provision(api: ApiServer, pvc: KObject, sc: KObject, node: string | undefined): void {
  const provisioner = sc.provisioner;
  const name = `pvc-${pvc.metadata.uid}`;
  const ns = pvc.metadata.namespace;
  api.recordEvent(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, COMPONENT);
  const source = `${provisioner}_local-path-provisioner-7f6c5d4b8-x2k9q_${pvc.metadata.uid?.slice(0, 8)}`;
  api.recordEvent(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`, source);
  const pv = api.create({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': provisioner, ...(node ? { 'local.path.provisioner/selected-node': node } : {}) } },
    spec: {
      accessModes: pvc.spec.accessModes,
      capacity: { storage: pvc.spec.resources.requests.storage },
      hostPath: { path: `/opt/local-path-provisioner/${name}_${ns}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
    },
  });
  api.recordEvent(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`, source);
  bind(api, pv, pvc, { 'volume.beta.kubernetes.io/storage-provisioner': provisioner, 'volume.kubernetes.io/storage-provisioner': provisioner, ...(node ? { 'volume.kubernetes.io/selected-node': node } : {}) }, true);
}

function syncClaim(api: ApiServer, pvc: KObject): void {
  const key = `${pvc.metadata.namespace}/${pvc.metadata.name}`;
  if (!pvc.metadata.deletionTimestamp && pvc.status?.phase !== 'Bound' && !api.hasTimer(RESYNC, key)) api.schedule(api.nowMs + RESYNC_MS, RESYNC, key);
  if (pvc.metadata.deletionTimestamp) {
    if (!podsUsing(api, pvc).length) api.removeFinalizer(pvc, PVC_PROTECTION);
    return;
  }
  if (pvc.status?.phase === 'Bound' && api.get('persistentvolumes', undefined, pvc.spec.volumeName)) return;
  const pvs = api.list('persistentvolumes');
  const candidates = (pvc.spec.volumeName ? pvs.filter((v) => v.metadata.name === pvc.spec.volumeName) : pvs).filter((v) => available(v, pvc) && fits(v, pvc));
  candidates.sort((a, b) => bytes(a.spec.capacity?.storage) - bytes(b.spec.capacity?.storage) || (a.metadata.name < b.metadata.name ? -1 : 1));
  if (candidates.length) {
    bind(api, candidates[0], pvc);
    return;
  }
  const cls = classOf(pvc);
  const sc = cls ? api.get('storageclasses', undefined, cls) : undefined;
  if (!cls) {
    api.recordEvent(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', COMPONENT);
    return;
  }
  if (!sc) {
    api.recordEvent(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`, COMPONENT);
    return;
  }
  const users = podsUsing(api, pvc);
  const consumer = users.find((p) => p.spec.nodeName);
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !consumer) {
    if (users.length) api.recordEvent(pvc, 'Normal', 'WaitForPodScheduled', `waiting for pod${users.length > 1 ? 's' : ''} ${users.map((p) => p.metadata.name).join(',')} to be scheduled`, COMPONENT);
    else api.recordEvent(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', COMPONENT);
    return;
  }
  if (sc.provisioner === NO_PROVISIONER) {
    if (sc.volumeBindingMode !== 'WaitForFirstConsumer') api.recordEvent(pvc, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${NO_PROVISIONER}`, COMPONENT);
    return;
  }
  provision(api, pvc, sc, sc.volumeBindingMode === 'WaitForFirstConsumer' ? consumer?.spec.nodeName : undefined);
}

function syncVolume(api: ApiServer, pv: KObject): void {
  const ref = pv.spec.claimRef;
  const claim = ref ? api.get('persistentvolumeclaims', ref.namespace, ref.name) : undefined;
  const bound = !!ref && !!claim && (!ref.uid || claim.metadata.uid === ref.uid);
  if (pv.metadata.deletionTimestamp) {
    if (!bound) api.removeFinalizer(pv, PV_PROTECTION);
    return;
  }
  let phase = pv.status?.phase;
  let message: string | undefined;
  if (phase === 'Pending' && (!ref || !ref.uid)) phase = 'Available';
  if (ref?.uid && !bound && phase === 'Bound') {
    // The claim is gone: the volume's reclaim policy decides.
    phase = 'Released';
    if (pv.spec.persistentVolumeReclaimPolicy === 'Delete') {
      const provisioned = !!pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'];
      const path: string = pv.spec.hostPath?.path ?? '';
      if (provisioned || /^\/tmp\/.+/.test(path)) {
        wipeVolumeData(api, pv);
        api.delete('persistentvolumes', undefined, pv.metadata.name);
        return;
      }
      phase = 'Failed';
      message = pv.spec.hostPath ? `host_path deleter only supports /tmp/.+ but received provided ${path}` : 'no deletable volume plugin matched';
      api.recordEvent(pv, 'Warning', 'VolumeFailedDelete', message, COMPONENT);
    }
  }
  if (phase !== pv.status?.phase) {
    const copy = structuredClone(pv);
    copy.status = withPhase(api, copy.status, phase!);
    if (message) copy.status.message = message;
    api.update(copy);
  }
}

function affected(api: ApiServer, changes: Change[]): { claims: KObject[]; volumes: KObject[] } {
  const claims = new Map<string, [string, string]>();
  const volumes = new Set<string>();
  for (const c of changes) {
    if (c.resource === 'persistentvolumeclaims') {
      if (c.type !== 'DELETED') claims.set(c.key, [c.obj.metadata.namespace!, c.obj.metadata.name]);
      if (c.type === 'DELETED' && c.obj.spec?.volumeName) volumes.add(c.obj.spec.volumeName);
    } else if (c.resource === 'persistentvolumes') {
      if (c.type !== 'DELETED') volumes.add(c.obj.metadata.name);
      // A volume that appears or frees up may be what a pending claim waits for.
      for (const pvc of api.list('persistentvolumeclaims')) if (pvc.status?.phase === 'Pending') claims.set(`${pvc.metadata.namespace}/${pvc.metadata.name}`, [pvc.metadata.namespace!, pvc.metadata.name]);
    } else if (c.resource === 'storageclasses') {
      for (const pvc of api.list('persistentvolumeclaims')) if (pvc.status?.phase === 'Pending') claims.set(`${pvc.metadata.namespace}/${pvc.metadata.name}`, [pvc.metadata.namespace!, pvc.metadata.name]);
    } else if (c.resource === 'pods') {
      const pod = c.obj as Pod;
      const interesting = c.type === 'DELETED' || (pod.spec.nodeName && !(c.old as Pod | undefined)?.spec.nodeName) || ['Succeeded', 'Failed'].includes(pod.status?.phase ?? '');
      if (!interesting) continue;
      for (const name of claimsOf(pod)) claims.set(`${pod.metadata.namespace}/${name}`, [pod.metadata.namespace!, name]);
    }
  }
  return {
    claims: [...claims.values()].map(([ns, n]) => api.get('persistentvolumeclaims', ns, n)).filter((x): x is KObject => !!x),
    volumes: [...volumes].map((n) => api.get('persistentvolumes', undefined, n)).filter((x): x is KObject => !!x),
  };
}

export const volumeBinder: Controller = {
  name: COMPONENT,
  watches: ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses', 'pods'],
  reconcile(api, changes) {
    const { claims, volumes } = affected(api, changes);
    for (const pvc of claims) {
      const fresh = api.get('persistentvolumeclaims', pvc.metadata.namespace, pvc.metadata.name);
      if (fresh) syncClaim(api, fresh);
    }
    for (const pv of volumes) {
      const fresh = api.get('persistentvolumes', undefined, pv.metadata.name);
      if (fresh) syncVolume(api, fresh);
    }
  },
  timers: {
    [RESYNC]: (api, key) => {
      const [ns, name] = key.split('/');
      const pvc = api.get('persistentvolumeclaims', ns, name);
      if (pvc && pvc.status?.phase !== 'Bound') syncClaim(api, pvc);
    },
  },
};
