// NetworkPolicy as an enforcing CNI (Calico, Cilium) applies it: a pod selected by a policy of its
// namespace for a direction is isolated in that direction, and then only what some rule of such a
// policy allows gets through; a connection needs the sender's egress and the receiver's ingress.
// Replies are never blocked, a pod can always reach itself, and its node can always reach it
// (so probes keep working). Denied packets are dropped: clients time out.
import type { ApiServer } from '../api/server.ts';
import type { KObject, Node, Pod } from '../api/types.ts';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.ts';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** One end of a connection: a pod, or an address outside the pod network (a node, an external client). */
export interface Endpoint {
  ip: string;
  pod?: Pod;
}

const selects = (selector: unknown, labels: Record<string, string> | undefined) => matchesLabels(labelSelectorFromObject((selector ?? {}) as any), labels);

function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits] = cidr.split('/');
  const b = ipToInt(base);
  const a = ipToInt(ip);
  const n = Number(bits ?? 32);
  if (b === undefined || a === undefined || !(n >= 0 && n <= 32)) return false;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return (a & mask) === (b & mask);
}

function policiesFor(api: ApiServer, pod: Pod, direction: 'Ingress' | 'Egress'): KObject[] {
  return api.list('networkpolicies', pod.metadata.namespace).filter((np) => (np.spec?.policyTypes ?? []).includes(direction) && selects(np.spec?.podSelector, pod.metadata.labels));
}

/** Whether a peer entry of a rule (in a policy of `policyNs`) covers the remote end. */
function peerMatches(api: ApiServer, peer: any, policyNs: string, remote: Endpoint): boolean {
  if (peer.ipBlock) {
    if (!cidrContains(peer.ipBlock.cidr, remote.ip)) return false;
    return !(peer.ipBlock.except ?? []).some((c: string) => cidrContains(c, remote.ip));
  }
  if (!remote.pod) return false;
  const ns = remote.pod.metadata.namespace ?? 'default';
  if (peer.namespaceSelector) {
    const nsObj = api.get('namespaces', undefined, ns);
    if (!selects(peer.namespaceSelector, nsObj?.metadata.labels)) return false;
  } else if (ns !== policyNs) return false;
  return !peer.podSelector || selects(peer.podSelector, remote.pod.metadata.labels);
}

/** The port number a policy port means on the destination pod (named ports are its containers' port names). */
function portNumber(port: unknown, dest: Pod | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  for (const c of dest?.spec.containers ?? []) {
    const p = (c.ports ?? []).find((x) => x.name === port);
    if (p) return p.containerPort;
  }
  return undefined;
}

function portMatches(ports: any[] | undefined, port: number, protocol: Protocol, dest: Pod | undefined): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    const from = portNumber(p.port, dest);
    if (from === undefined) return false;
    return p.endPort !== undefined ? port >= from && port <= p.endPort : port === from;
  });
}

function ruleAllows(api: ApiServer, rule: any, policyNs: string, remote: Endpoint, port: number, protocol: Protocol, dest: Pod | undefined, peersKey: 'from' | 'to'): boolean {
  const peers: any[] = rule[peersKey] ?? [];
  if (peers.length && !peers.some((p) => peerMatches(api, p, policyNs, remote))) return false;
  return portMatches(rule.ports, port, protocol, dest);
}

function nodeOfIP(api: ApiServer, ip: string): Node | undefined {
  return api.list<Node>('nodes').find((n) => n.status.addresses.some((a) => a.address === ip));
}

/** Whether a new connection from `src` to `dst`:port gets through the network policies. */
export function policyAllows(api: ApiServer, src: Endpoint, dst: Endpoint & { pod: Pod }, port: number, protocol: Protocol = 'TCP'): boolean {
  if (src.pod && src.pod.metadata.uid === dst.pod.metadata.uid) return true;
  if (src.pod && !src.pod.spec.hostNetwork) {
    const egress = policiesFor(api, src.pod, 'Egress');
    if (egress.length && !egress.some((np) => (np.spec?.egress ?? []).some((r: any) => ruleAllows(api, r, np.metadata.namespace!, dst, port, protocol, dst.pod, 'to')))) return false;
  }
  if (dst.pod.spec.hostNetwork) return true;
  // The pod's own node (kubelet probes, hostNetwork pods there) is always let in.
  if (!src.pod && nodeOfIP(api, src.ip)?.metadata.name === dst.pod.spec.nodeName) return true;
  const ingress = policiesFor(api, dst.pod, 'Ingress');
  if (!ingress.length) return true;
  return ingress.some((np) => (np.spec?.ingress ?? []).some((r: any) => ruleAllows(api, r, np.metadata.namespace!, src, port, protocol, dst.pod, 'from')));
}

/** Whether a pod can reach the cluster DNS (CoreDNS pods, port 53/UDP): an egress policy without a DNS rule cuts names off. */
export function dnsReachable(api: ApiServer, src: Endpoint): boolean {
  if (!src.pod || !api.list('networkpolicies', src.pod.metadata.namespace).length) return true;
  const dns = api.list<Pod>('pods', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns' && p.status?.podIP);
  return dns.some((p) => policyAllows(api, src, { ip: p.status.podIP!, pod: p }, 53, 'UDP'));
}
