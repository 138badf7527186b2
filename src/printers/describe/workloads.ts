// describe deployment / replicaset, and the pod template section they share.
import { DescribeWriter, writeEvents } from './writer.ts';
import { writeContainer, writeTolerations, writeVolumes, writeList, nodeSelectorText } from './containers.ts';
import type { EventObject, KObject, Pod } from '../../api/types.ts';
import { rfc1123z, parseTime } from '../../util/time.ts';
import { formatLabelSelector } from '../../api/selectors.ts';

const HIDDEN = ['kubectl.kubernetes.io/last-applied-configuration'];

export function writePodTemplate(w: DescribeWriter, template: any): void {
  w.line(0, 'Pod Template');
  w.map(1, 'Labels', template?.metadata?.labels, '=');
  if (Object.keys(template?.metadata?.annotations ?? {}).length) w.map(1, 'Annotations', template.metadata.annotations, ': ');
  const spec = template?.spec ?? {};
  if (spec.serviceAccountName) w.line(1, 'Service Account', spec.serviceAccountName);
  if (spec.initContainers?.length) {
    w.line(1, 'Init Containers');
    for (const c of spec.initContainers) writeContainer(w, c, undefined, true);
  }
  w.line(1, 'Containers');
  for (const c of spec.containers ?? []) writeContainer(w, c, undefined, true);
  writeVolumes(w, 1, spec.volumes);
  writeList(w, 1, 'Node-Selectors', nodeSelectorText(spec.nodeSelector));
  writeTolerations(w, 1, spec.tolerations);
}

function rsSummary(sets: KObject[]): string {
  return sets.length ? sets.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`).join(', ') : '<none>';
}

export function describeDeployment(d: KObject, newRS: KObject | undefined, oldRSs: KObject[], events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const s = d.status ?? {};
  w.line(0, 'Name', d.metadata.name);
  w.line(0, 'Namespace', d.metadata.namespace ?? '');
  w.line(0, 'CreationTimestamp', rfc1123z(parseTime(d.metadata.creationTimestamp)!));
  w.map(0, 'Labels', d.metadata.labels, '=');
  w.map(0, 'Annotations', d.metadata.annotations, ': ', HIDDEN);
  w.line(0, 'Selector', formatLabelSelector(d.spec.selector));
  w.line(0, 'Replicas', `${d.spec.replicas} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`);
  w.line(0, 'StrategyType', d.spec.strategy?.type ?? '');
  w.line(0, 'MinReadySeconds', d.spec.minReadySeconds ?? 0);
  const ru = d.spec.strategy?.rollingUpdate;
  if (d.spec.strategy?.type === 'RollingUpdate' && ru) w.line(0, 'RollingUpdateStrategy', `${ru.maxUnavailable} max unavailable, ${ru.maxSurge} max surge`);
  writePodTemplate(w, d.spec.template);
  if (s.conditions?.length) {
    w.line(0, 'Conditions');
    w.write(1, 'Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of s.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason}\n`);
  }
  if (newRS || oldRSs.length) {
    w.line(0, 'OldReplicaSets', rsSummary(oldRSs));
    w.line(0, 'NewReplicaSet', newRS ? rsSummary([newRS]) : '<none>');
  }
  writeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(rs: KObject, pods: Pod[], events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name', rs.metadata.name);
  w.line(0, 'Namespace', rs.metadata.namespace ?? '');
  w.line(0, 'Selector', formatLabelSelector(rs.spec.selector));
  w.map(0, 'Labels', rs.metadata.labels, '=');
  w.map(0, 'Annotations', rs.metadata.annotations, ': ', HIDDEN);
  const controller = rs.metadata.ownerReferences?.find((r) => r.controller);
  if (controller) w.line(0, 'Controlled By', `${controller.kind}/${controller.name}`);
  w.line(0, 'Replicas', `${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 0} desired`);
  const count = (phase: string) => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length;
  w.line(0, 'Pods Status', `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`);
  writePodTemplate(w, rs.spec.template);
  if (rs.status?.conditions?.length) {
    w.line(0, 'Conditions');
    w.write(1, 'Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason}\n`);
  }
  writeEvents(w, events, now);
  return w.toString();
}

function podsStatus(pods: Pod[]): string {
  const count = (phase: string) => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

export function describeStatefulSet(sts: KObject, pods: Pod[], events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const spec = sts.spec ?? {};
  w.line(0, 'Name', sts.metadata.name);
  w.line(0, 'Namespace', sts.metadata.namespace ?? '');
  w.line(0, 'CreationTimestamp', rfc1123z(parseTime(sts.metadata.creationTimestamp)!));
  w.line(0, 'Selector', formatLabelSelector(spec.selector));
  w.map(0, 'Labels', sts.metadata.labels, '=');
  w.map(0, 'Annotations', sts.metadata.annotations, ': ', HIDDEN);
  w.line(0, 'Replicas', `${spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total`);
  w.line(0, 'Update Strategy', spec.updateStrategy?.type ?? '');
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined && ru?.partition !== null) w.line(1, 'Partition', ru.partition);
  if (ru?.maxUnavailable !== undefined && ru?.maxUnavailable !== null) w.line(1, 'MaxUnavailable', ru.maxUnavailable);
  w.line(0, 'Pods Status', podsStatus(pods));
  writePodTemplate(w, spec.template);
  const claims: any[] = spec.volumeClaimTemplates ?? [];
  if (!claims.length) w.line(0, 'Volume Claims', '<none>');
  else {
    w.line(0, 'Volume Claims');
    for (const c of claims) {
      w.line(1, 'Name', c.metadata?.name ?? '');
      w.write(1, `StorageClass:\t${c.spec?.storageClassName ?? ''}\n`);
      w.map(1, 'Labels', c.metadata?.labels, '=');
      w.map(1, 'Annotations', c.metadata?.annotations, ': ');
      w.line(1, 'Capacity', c.spec?.resources?.requests?.storage ?? '<default>');
      w.line(1, 'Access Modes', `[${(c.spec?.accessModes ?? []).join(' ')}]`);
    }
  }
  writeEvents(w, events, now);
  return w.toString();
}

export function describeDaemonSet(ds: KObject, pods: Pod[], events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const spec = ds.spec ?? {};
  const st = ds.status ?? {};
  const nodeSelector = Object.entries(spec.template?.spec?.nodeSelector ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
  w.line(0, 'Name', ds.metadata.name);
  w.line(0, 'Namespace', ds.metadata.namespace ?? '');
  w.line(0, 'Selector', formatLabelSelector(spec.selector));
  w.line(0, 'Node-Selector', nodeSelector || '<none>');
  w.map(0, 'Labels', ds.metadata.labels, '=');
  w.map(0, 'Annotations', ds.metadata.annotations, ': ', HIDDEN);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.line(0, 'Pods Status', podsStatus(pods));
  writePodTemplate(w, spec.template);
  writeEvents(w, events, now);
  return w.toString();
}
