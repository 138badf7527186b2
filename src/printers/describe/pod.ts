import { DescribeWriter, writeEvents } from './writer.ts';
import { writeContainer, writeTolerations, writeVolumes, writeList, nodeSelectorText } from './containers.ts';
import type { EventObject, Pod } from '../../api/types.ts';
import { rfc1123z, parseTime } from '../../util/time.ts';
import { humanDuration } from '../../util/duration.ts';

export function describePod(pod: Pod, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const m = pod.metadata;
  const st = pod.status ?? {};
  w.line(0, 'Name', m.name);
  w.line(0, 'Namespace', m.namespace ?? '');
  if (pod.spec.priority !== undefined) w.line(0, 'Priority', pod.spec.priority);
  if (pod.spec.priorityClassName) w.line(0, 'Priority Class Name', pod.spec.priorityClassName);
  if (pod.spec.runtimeClassName) w.line(0, 'Runtime Class Name', pod.spec.runtimeClassName);
  if (pod.spec.serviceAccountName) w.line(0, 'Service Account', pod.spec.serviceAccountName);
  w.line(0, 'Node', pod.spec.nodeName ? `${pod.spec.nodeName}/${st.hostIP ?? ''}` : '<none>');
  if (st.startTime) w.line(0, 'Start Time', rfc1123z(parseTime(st.startTime)!));
  w.map(0, 'Labels', m.labels, '=');
  w.map(0, 'Annotations', m.annotations, ': ', ['kubectl.kubernetes.io/last-applied-configuration']);
  if (m.deletionTimestamp) {
    w.line(0, 'Status', `Terminating (lasts ${humanDuration(now - parseTime(m.deletionTimestamp)!)})`);
    w.line(0, 'Termination Grace Period', `${m.deletionGracePeriodSeconds ?? 30}s`);
  } else {
    w.line(0, 'Status', st.phase ?? '');
  }
  if (st.reason) w.line(0, 'Reason', st.reason);
  if (st.message) w.line(0, 'Message', st.message);
  w.line(0, 'IP', st.podIP ?? '');
  const ips = st.podIPs ?? [];
  if (!ips.length) w.line(0, 'IPs', '<none>');
  else {
    w.line(0, 'IPs');
    for (const ip of ips) w.line(1, 'IP', ip.ip);
  }
  const controller = m.ownerReferences?.find((r) => r.controller);
  if (controller) w.line(0, 'Controlled By', `${controller.kind}/${controller.name}`);
  if (st.nominatedNodeName) w.line(0, 'NominatedNodeName', st.nominatedNodeName);
  if (pod.spec.initContainers?.length) {
    w.line(0, 'Init Containers');
    for (const c of pod.spec.initContainers) {
      writeContainer(w, c, st.initContainerStatuses?.find((s) => s.name === c.name), false);
    }
  }
  w.line(0, 'Containers');
  for (const c of pod.spec.containers) {
    writeContainer(w, c, st.containerStatuses?.find((s) => s.name === c.name), false);
  }
  if (pod.spec.readinessGates?.length) {
    w.line(0, 'Readiness Gates');
    w.write(1, 'Type\tStatus\n');
    for (const g of pod.spec.readinessGates) {
      const c = st.conditions?.find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c?.status ?? '<none>'} \n`);
    }
  }
  if (st.conditions?.length) {
    w.line(0, 'Conditions');
    w.write(1, 'Type\tStatus\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, 0, pod.spec.volumes);
  w.line(0, 'QoS Class', st.qosClass ?? '');
  writeList(w, 0, 'Node-Selectors', nodeSelectorText(pod.spec.nodeSelector));
  writeTolerations(w, 0, pod.spec.tolerations);
  writeEvents(w, events, now);
  return w.toString();
}
