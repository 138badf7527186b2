// The cluster network as a client sees it: DNS names and IPs resolve to services, pods and
// nodes; kube-proxy sends service traffic to one ready endpoint (at random, as iptables mode
// does); a port with nothing behind it refuses, an address that leads nowhere times out.
import type { ApiServer } from '../api/server.ts';
import type { KObject, Node, Pod } from '../api/types.ts';

export type Route =
  | { kind: 'pod'; pod: Pod; port: number; via?: KObject }
  | { kind: 'refused' }
  | { kind: 'timeout' }
  | { kind: 'unresolved' };

const IP = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Resolves a host name the way a pod's resolv.conf (search <ns>.svc.cluster.local svc.cluster.local cluster.local) does. */
export function resolveHost(api: ApiServer, host: string, fromNamespace: string): string | undefined {
  if (IP.test(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  const name = host.replace(/\.$/, '').toLowerCase();
  const parts = name.split('.');
  const serviceIP = (svc: string, ns: string) => {
    const s = api.get('services', ns, svc);
    if (!s) return undefined;
    if (s.spec.clusterIP === 'None') {
      const ep = api.get('endpoints', ns, svc);
      return ep?.subsets?.[0]?.addresses?.[0]?.ip;
    }
    return s.spec.clusterIP;
  };
  // <hostname>.<subdomain>.<namespace>.svc...: a pod behind a headless service (StatefulSet pods).
  const podIP = (hostname: string, subdomain: string, ns: string) => {
    const svc = api.get('services', ns, subdomain);
    if (svc?.spec.clusterIP !== 'None') return undefined;
    return api.list<Pod>('pods', ns).find((p) => p.spec.hostname === hostname && p.spec.subdomain === subdomain && p.status?.podIP)?.status.podIP;
  };
  if (parts.length === 1) return serviceIP(parts[0], fromNamespace) ?? nodeIP(api, parts[0]);
  if (parts.length === 2) return serviceIP(parts[0], parts[1]) ?? podIP(parts[0], parts[1], fromNamespace);
  const rest = parts.slice(2).join('.');
  if (parts[2] === 'svc' && (rest === 'svc' || rest === 'svc.cluster.local')) return serviceIP(parts[0], parts[1]);
  const podRest = parts.slice(3).join('.');
  if (parts.length === 3 || (parts[3] === 'svc' && (podRest === 'svc' || podRest === 'svc.cluster.local'))) return podIP(parts[0], parts[1], parts[2]);
  if (parts[2] === 'pod' && (rest === 'pod' || rest === 'pod.cluster.local')) {
    const ip = parts[0].replace(/-/g, '.');
    return IP.test(ip) ? ip : undefined;
  }
  return undefined;
}

function nodeIP(api: ApiServer, name: string): string | undefined {
  return api.get<Node>('nodes', undefined, name)?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
}

/** Picks one ready endpoint of a service port, the way kube-proxy's iptables rules do. */
function toEndpoint(api: ApiServer, svc: KObject, servicePort: any): Route {
  const ep = api.get('endpoints', svc.metadata.namespace, svc.metadata.name);
  const candidates: { ip: string; port: number }[] = [];
  for (const subset of ep?.subsets ?? []) {
    const p = (subset.ports ?? []).find((x: any) => (x.name ?? '') === (servicePort.name ?? ''));
    if (!p) continue;
    for (const a of subset.addresses ?? []) candidates.push({ ip: a.ip, port: p.port });
  }
  if (!candidates.length) return { kind: 'refused' };
  const chosen = candidates[api.rng.int(candidates.length)];
  const pod = podByIP(api, chosen.ip);
  return pod ? { kind: 'pod', pod, port: chosen.port, via: svc } : { kind: 'timeout' };
}

export function podByIP(api: ApiServer, ip: string): Pod | undefined {
  return api.list<Pod>('pods').find((p) => p.status?.podIP === ip && !p.spec.hostNetwork && !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''));
}

/** Where a connection to ip:port ends up. */
export function route(api: ApiServer, ip: string, port: number): Route {
  for (const svc of api.list('services')) {
    const spec = svc.spec ?? {};
    if (spec.clusterIP === ip || (svc.status?.loadBalancer?.ingress ?? []).some((i: any) => i.ip === ip) || (spec.externalIPs ?? []).includes(ip)) {
      const sp = (spec.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
      return sp ? toEndpoint(api, svc, sp) : { kind: 'timeout' };
    }
  }
  const node = api.list<Node>('nodes').find((n) => n.status.addresses.some((a) => a.address === ip));
  if (node) {
    for (const svc of api.list('services')) {
      const sp = (svc.spec?.ports ?? []).find((p: any) => p.nodePort === port);
      if (sp) return toEndpoint(api, svc, sp);
    }
    const hostPod = api
      .list<Pod>('pods')
      .find((p) => p.spec.nodeName === node.metadata.name && p.spec.hostNetwork && p.spec.containers.some((c) => (c.ports ?? []).some((x) => x.containerPort === port)));
    if (hostPod) return { kind: 'pod', pod: hostPod, port };
    // A hostPort: the node's port forwarded to a pod on it (as ingress-nginx is often deployed).
    for (const p of api.list<Pod>('pods').filter((x) => x.spec.nodeName === node.metadata.name && !['Succeeded', 'Failed'].includes(x.status?.phase ?? ''))) {
      for (const c of p.spec.containers) {
        const hp = (c.ports ?? []).find((x) => x.hostPort === port);
        if (hp) return { kind: 'pod', pod: p, port: hp.containerPort };
      }
    }
    return { kind: 'refused' };
  }
  if (ip.startsWith('127.')) return { kind: 'refused' };
  const pod = podByIP(api, ip);
  if (pod) return { kind: 'pod', pod, port };
  return { kind: 'timeout' };
}
