// describe persistentvolume / persistentvolumeclaim / storageclass (describePersistentVolume,
// describePersistentVolumeClaim, describeStorageClass).
import { DescribeWriter, writeEvents } from './writer.ts';
import type { EventObject, KObject, Pod } from '../../api/types.ts';
import { accessModes, isDefaultClass } from '../kinds/storage.ts';
import { humanDuration } from '../../util/duration.ts';
import { parseTime } from '../../util/time.ts';

const HIDDEN = ['kubectl.kubernetes.io/last-applied-configuration'];

function status(o: KObject, now: number): string {
  if (o.metadata.deletionTimestamp) return `Terminating (lasts ${humanDuration(now - (parseTime(o.metadata.deletionTimestamp) ?? now))})`;
  return o.status?.phase ?? '';
}

const finalizers = (o: KObject) => `[${(o.metadata.finalizers ?? []).join(' ')}]`;

function writeVolumeSource(w: DescribeWriter, spec: any): void {
  w.write(0, 'Source:\n');
  if (spec.hostPath) {
    w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
    w.write(2, `Path:\t${spec.hostPath.path}\n`);
    w.write(2, `HostPathType:\t${spec.hostPath.type ?? ''}\n`);
  } else if (spec.local) {
    w.write(2, 'Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n');
    w.write(2, `Path:\t${spec.local.path}\n`);
  } else if (spec.nfs) {
    w.write(2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n');
    w.write(2, `Server:\t${spec.nfs.server}\n`);
    w.write(2, `Path:\t${spec.nfs.path}\n`);
    w.write(2, `ReadOnly:\t${!!spec.nfs.readOnly}\n`);
  } else if (spec.csi) {
    w.write(2, 'Type:\tCSI (a Container Storage Interface (CSI) volume source)\n');
    w.write(2, `Driver:\t${spec.csi.driver}\n`);
    w.write(2, `VolumeHandle:\t${spec.csi.volumeHandle}\n`);
  }
}

export function describePersistentVolume(pv: KObject, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const spec = pv.spec ?? {};
  const ref = spec.claimRef;
  w.line(0, 'Name', pv.metadata.name);
  w.map(0, 'Labels', pv.metadata.labels, '=');
  w.map(0, 'Annotations', pv.metadata.annotations, ': ', HIDDEN);
  w.line(0, 'Finalizers', finalizers(pv));
  w.write(0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
  w.line(0, 'Status', status(pv, now));
  w.write(0, `Claim:\t${ref ? `${ref.namespace}/${ref.name}` : ''}\n`);
  w.line(0, 'Reclaim Policy', spec.persistentVolumeReclaimPolicy ?? '');
  w.line(0, 'Access Modes', accessModes(spec.accessModes));
  if (spec.volumeMode) w.line(0, 'VolumeMode', spec.volumeMode);
  w.line(0, 'Capacity', spec.capacity?.storage ?? '');
  const terms = spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) w.line(0, 'Node Affinity', '<none>');
  else {
    w.write(0, 'Node Affinity:\t\n');
    w.write(1, 'Required Terms:\t\n');
    terms.forEach((t: any, i: number) => {
      const exprs = (t.matchExpressions ?? []).map((e: any) => `${e.key} ${String(e.operator).toLowerCase()}${e.values?.length ? ` [${e.values.join(', ')}]` : ''}`);
      w.write(2, `Term ${i}:\t${exprs.join(', ')}\n`);
    });
  }
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  writeVolumeSource(w, spec);
  writeEvents(w, events, now);
  return w.toString();
}

export function describePersistentVolumeClaim(pvc: KObject, users: Pod[], events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const spec = pvc.spec ?? {};
  const bound = !!spec.volumeName;
  w.line(0, 'Name', pvc.metadata.name);
  w.line(0, 'Namespace', pvc.metadata.namespace ?? '');
  w.write(0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
  w.line(0, 'Status', status(pvc, now));
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  w.map(0, 'Labels', pvc.metadata.labels, '=');
  w.map(0, 'Annotations', pvc.metadata.annotations, ': ', HIDDEN);
  w.line(0, 'Finalizers', finalizers(pvc));
  w.write(0, `Capacity:\t${bound ? pvc.status?.capacity?.storage ?? '' : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`);
  if (spec.volumeMode) w.line(0, 'VolumeMode', spec.volumeMode);
  if (!users.length) w.line(0, 'Used By', '<none>');
  else users.forEach((p, i) => w.write(0, i === 0 ? `Used By:\t${p.metadata.name}\n` : `\t${p.metadata.name}\n`));
  writeEvents(w, events, now);
  return w.toString();
}

/** labels.FormatLabels: one line, sorted k=v joined by commas; values are printed raw (a newline breaks the line). */
const formatMap = (m: Record<string, string> | undefined) =>
  Object.keys(m ?? {}).length
    ? Object.keys(m!)
        .sort()
        .map((k) => `${k}=${m![k]}`)
        .join(',')
    : '<none>';

export function describeStorageClass(sc: KObject, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name', sc.metadata.name);
  w.line(0, 'IsDefaultClass', isDefaultClass(sc) ? 'Yes' : 'No');
  w.line(0, 'Annotations', formatMap(sc.metadata.annotations));
  w.line(0, 'Provisioner', sc.provisioner ?? '');
  w.line(0, 'Parameters', formatMap(sc.parameters));
  w.line(0, 'AllowVolumeExpansion', sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False');
  if (!sc.mountOptions?.length) w.line(0, 'MountOptions', '<none>');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of sc.mountOptions) w.write(1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.line(0, 'ReclaimPolicy', sc.reclaimPolicy);
  if (sc.volumeBindingMode) w.line(0, 'VolumeBindingMode', sc.volumeBindingMode);
  writeEvents(w, events, now);
  return w.toString();
}
