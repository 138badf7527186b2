// The endpoints controller: for every service with a selector, an Endpoints object listing the
// ready pods (addresses) and the others (notReadyAddresses), with target ports resolved.
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { KObject, Pod } from '../api/types.ts';
import { isPodReady } from './replicaset.ts';
import { compareStrings } from '../util/compare.ts';

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** A named targetPort is looked up in the pod's container ports. */
function resolvePort(pod: Pod, targetPort: number | string): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  if (/^\d+$/.test(targetPort)) return Number(targetPort);
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === targetPort) return p.containerPort;
  return undefined;
}

export function endpointsFor(api: ApiServer, svc: KObject): KObject {
  const selector = svc.spec.selector as Record<string, string>;
  const pods = api
    .list<Pod>('pods', svc.metadata.namespace)
    .filter((p) => matches(selector, p.metadata.labels) && p.status?.podIP && !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status.phase ?? ''));
  // Pods are grouped into subsets by the port numbers their targetPorts resolve to.
  const subsets = new Map<string, { addresses: any[]; notReadyAddresses: any[]; ports: any[] }>();
  for (const pod of pods) {
    const ports = (svc.spec.ports ?? []).map((p: any) => ({ name: p.name, port: resolvePort(pod, p.targetPort ?? p.port), protocol: p.protocol ?? 'TCP' }));
    if (ports.some((p: any) => p.port === undefined)) continue;
    const key = JSON.stringify(ports);
    const subset = subsets.get(key) ?? { addresses: [], notReadyAddresses: [], ports: ports.map((p: any) => (p.name ? p : { port: p.port, protocol: p.protocol })) };
    subsets.set(key, subset);
    const address = { ip: pod.status.podIP, nodeName: pod.spec.nodeName, targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid } };
    (isPodReady(pod) ? subset.addresses : subset.notReadyAddresses).push(address);
  }
  const list = [...subsets.values()].map((s) => {
    const byIP = (a: any, b: any) => compareStrings(a.ip, b.ip);
    const out: any = {};
    if (s.addresses.length) out.addresses = s.addresses.sort(byIP);
    if (s.notReadyAddresses.length) out.notReadyAddresses = s.notReadyAddresses.sort(byIP);
    out.ports = s.ports;
    return out;
  });
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels: { ...svc.metadata.labels } },
    ...(list.length ? { subsets: list } : {}),
  };
}

function sync(api: ApiServer, svc: KObject): void {
  if (!svc.spec?.selector || !Object.keys(svc.spec.selector).length) return;
  const desired = endpointsFor(api, svc);
  const current = api.get('endpoints', svc.metadata.namespace, svc.metadata.name);
  if (!current) {
    api.create(desired);
    return;
  }
  if (JSON.stringify(current.subsets ?? null) === JSON.stringify(desired.subsets ?? null) && JSON.stringify(current.metadata.labels) === JSON.stringify(desired.metadata.labels)) return;
  const copy = structuredClone(current);
  copy.metadata.labels = desired.metadata.labels;
  if (desired.subsets) copy.subsets = desired.subsets;
  else delete copy.subsets;
  api.update(copy);
}

/** The services whose endpoints a change can affect. */
function affected(api: ApiServer, changes: Change[]): KObject[] {
  const out = new Map<string, KObject>();
  for (const c of changes) {
    if (c.resource === 'services') {
      if (c.type === 'DELETED') {
        const ep = api.get('endpoints', c.obj.metadata.namespace, c.obj.metadata.name);
        if (ep && c.obj.spec?.selector) api.remove(ep);
        continue;
      }
      const svc = api.get('services', c.obj.metadata.namespace, c.obj.metadata.name);
      if (svc) out.set(c.key, svc);
      continue;
    }
    const old = c.old as Pod | undefined;
    const pod = c.obj as Pod;
    if (c.type === 'MODIFIED' && old && old.status?.podIP === pod.status?.podIP && isPodReady(old) === isPodReady(pod) && !!old.metadata.deletionTimestamp === !!pod.metadata.deletionTimestamp && JSON.stringify(old.metadata.labels) === JSON.stringify(pod.metadata.labels) && old.status?.phase === pod.status?.phase) continue;
    for (const svc of api.list('services', pod.metadata.namespace)) {
      const sel = svc.spec?.selector;
      if (sel && (matches(sel, pod.metadata.labels) || (old && matches(sel, old.metadata.labels)))) out.set(`${svc.metadata.namespace}/${svc.metadata.name}`, svc);
    }
  }
  return [...out.values()];
}

export const endpointsController: Controller = {
  name: 'endpoint-controller',
  watches: ['services', 'pods'],
  reconcile(api, changes) {
    for (const svc of affected(api, changes)) sync(api, svc);
  },
};
