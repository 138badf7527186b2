import { DescribeWriter, writeEvents } from './writer.ts';
import { writeList } from './containers.ts';
import type { EventObject, Node, Pod } from '../../api/types.ts';
import { rfc1123z, parseTime } from '../../util/time.ts';
import { humanDuration } from '../../util/duration.ts';
import { nodeRoles } from '../kinds/nodes.ts';
import { lastTick, LEASE_RENEW_MS } from '../present.ts';
import { podResourceTotals, formatResource } from '../../api/resources-math.ts';

const time = (ts?: string) => (ts ? rfc1123z(parseTime(ts)!) : '<unset>');

function pct(value: number, total: number): string {
  return total ? `${Math.trunc((value / total) * 100)}%` : '0%';
}

export function describeNode(node: Node, pods: Pod[], events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const m = node.metadata;
  w.line(0, 'Name', m.name);
  w.line(0, 'Roles', nodeRoles(node));
  w.map(0, 'Labels', m.labels, '=');
  w.map(0, 'Annotations', m.annotations, ': ');
  w.line(0, 'CreationTimestamp', time(m.creationTimestamp));
  const taints = [...(node.spec.taints ?? [])].sort((a, b) => (a.effect + a.key < b.effect + b.key ? -1 : 1));
  writeList(w, 0, 'Taints', taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`));
  w.line(0, 'Unschedulable', node.spec.unschedulable ? 'true' : 'false');
  const stopped = m.annotations?.['kubesim.io/kubelet-stopped'];
  const created = parseTime(m.creationTimestamp) ?? now;
  const renew = stopped ? parseTime(stopped)! : lastTick(created, LEASE_RENEW_MS, now);
  w.line(0, 'Lease');
  w.line(1, 'HolderIdentity', m.name);
  w.line(1, 'AcquireTime', '<unset>');
  w.line(1, 'RenewTime', rfc1123z(renew));
  w.line(0, 'Conditions');
  w.write(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
  w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
  for (const c of node.status.conditions ?? []) {
    w.write(1, `${c.type} \t${c.status} \t${time(c.lastHeartbeatTime)} \t${time(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.line(0, 'Addresses');
  for (const a of node.status.addresses ?? []) w.line(1, a.type, a.address);
  for (const [label, res] of [
    ['Capacity', node.status.capacity],
    ['Allocatable', node.status.allocatable],
  ] as const) {
    w.line(0, label);
    for (const k of Object.keys(res ?? {}).sort()) w.line(1, k, res[k]);
  }
  const info = node.status.nodeInfo ?? {};
  w.line(0, 'System Info');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]) {
    w.line(1, label, info[key] ?? '');
  }
  if (node.spec.podCIDR) w.line(0, 'PodCIDR', node.spec.podCIDR);
  if (node.spec.podCIDRs?.length) w.line(0, 'PodCIDRs', node.spec.podCIDRs.join(','));
  if (node.spec.providerID) w.line(0, 'ProviderID', node.spec.providerID);

  const alloc = node.status.allocatable ?? {};
  const allocCpu = formatResource.parse('cpu', alloc.cpu);
  const allocMem = formatResource.parse('memory', alloc.memory);
  const running = pods.filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''));
  w.line(0, 'Non-terminated Pods', `(${running.length} in total)`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  for (const p of running) {
    const t = podResourceTotals(p);
    total.cpuReq += t.requests.cpu;
    total.cpuLim += t.limits.cpu;
    total.memReq += t.requests.memory;
    total.memLim += t.limits.memory;
    const cell = (kind: 'cpu' | 'memory', v: number, of: number) => `${formatResource.format(kind, v)} (${pct(v, of)})`;
    w.write(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${cell('cpu', t.requests.cpu, allocCpu)}\t${cell('cpu', t.limits.cpu, allocCpu)}\t${cell('memory', t.requests.memory, allocMem)}\t${cell('memory', t.limits.memory, allocMem)}\t${humanDuration(now - (parseTime(p.metadata.creationTimestamp) ?? now))}\n`,
    );
  }
  w.line(0, 'Allocated resources');
  w.write(1, '(Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${formatResource.format('cpu', total.cpuReq)} (${pct(total.cpuReq, allocCpu)})\t${formatResource.format('cpu', total.cpuLim)} (${pct(total.cpuLim, allocCpu)})\n`);
  w.write(1, `memory\t${formatResource.format('memory', total.memReq)} (${pct(total.memReq, allocMem)})\t${formatResource.format('memory', total.memLim)} (${pct(total.memLim, allocMem)})\n`);
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)\n');
  writeEvents(w, events, now);
  return w.toString();
}
