import { DescribeWriter, writeEvents } from './writer.ts';
import type { EventObject, KObject } from '../../api/types.ts';
import { serviceSelector } from '../kinds/services.ts';

/** Up to 3 ready endpoints of one service port, then " + N more..." (kubectl's formatEndpoints). */
function endpointsFor(endpoints: KObject | undefined, portName: string | undefined): string {
  if (!endpoints) return '<none>';
  const all: string[] = [];
  for (const subset of endpoints.subsets ?? []) {
    for (const p of subset.ports ?? []) {
      if ((p.name ?? '') !== (portName ?? '')) continue;
      for (const a of subset.addresses ?? []) all.push(`${a.ip}:${p.port}`);
    }
  }
  const shown = all.slice(0, 3).join(',');
  return all.length > 3 ? `${shown} + ${all.length - 3} more...` : shown;
}

export function describeService(svc: KObject, endpoints: KObject | undefined, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const spec = svc.spec ?? {};
  w.line(0, 'Name', svc.metadata.name);
  w.line(0, 'Namespace', svc.metadata.namespace ?? '');
  w.map(0, 'Labels', svc.metadata.labels, '=');
  w.map(0, 'Annotations', svc.metadata.annotations, ': ', ['kubectl.kubernetes.io/last-applied-configuration']);
  w.line(0, 'Selector', serviceSelector(svc));
  w.line(0, 'Type', spec.type ?? 'ClusterIP');
  if (spec.ipFamilyPolicy) w.line(0, 'IP Family Policy', spec.ipFamilyPolicy);
  w.line(0, 'IP Families', spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>');
  w.line(0, 'IP', spec.clusterIP ?? '');
  w.line(0, 'IPs', spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>');
  if (spec.externalIPs?.length) w.line(0, 'External IPs', spec.externalIPs.join(','));
  if (spec.loadBalancerIP) w.line(0, 'Desired LoadBalancer IP', spec.loadBalancerIP);
  if (spec.externalName) w.line(0, 'External Name', spec.externalName);
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip || i.hostname);
  if (ingress.length) w.line(0, 'LoadBalancer Ingress', ingress.join(', '));
  for (const p of spec.ports ?? []) {
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${p.name || '<unset>'}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${p.name || '<unset>'}\t${p.nodePort}/${proto}\n`);
    w.line(0, 'Endpoints', endpointsFor(endpoints, p.name));
  }
  w.line(0, 'Session Affinity', spec.sessionAffinity ?? 'None');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') w.line(0, 'External Traffic Policy', spec.externalTrafficPolicy ?? 'Cluster');
  if (spec.internalTrafficPolicy) w.line(0, 'Internal Traffic Policy', spec.internalTrafficPolicy);
  if (spec.healthCheckNodePort) w.line(0, 'HealthCheck NodePort', spec.healthCheckNodePort);
  writeEvents(w, events, now);
  return w.toString();
}

export function describeEndpoints(ep: KObject, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name', ep.metadata.name);
  w.line(0, 'Namespace', ep.metadata.namespace ?? '');
  w.map(0, 'Labels', ep.metadata.labels, '=');
  w.map(0, 'Annotations', ep.metadata.annotations, ': ', ['kubectl.kubernetes.io/last-applied-configuration']);
  w.line(0, 'Subsets');
  for (const subset of ep.subsets ?? []) {
    const ips = (list?: { ip: string }[]) => (list?.length ? list.map((a) => a.ip).join(',') : '<none>');
    w.line(1, 'Addresses', ips(subset.addresses));
    w.line(1, 'NotReadyAddresses', ips(subset.notReadyAddresses));
    if (subset.ports?.length) {
      w.line(1, 'Ports');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of subset.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  writeEvents(w, events, now);
  return w.toString();
}
