// describe networkpolicy (describeNetworkPolicy): the header block, then the spec written as kubectl
// writes it, line by line (only the header is tab-aligned), without events.
import { DescribeWriter, writeEvents } from './writer.ts';
import type { EventObject, KObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { ingressAddresses } from '../kinds/networking.ts';
import { formatLabelSelector } from '../../api/selectors.ts';

const HIDDEN = ['kubectl.kubernetes.io/last-applied-configuration'];
const isEmptySelector = (s: any) => !Object.keys(s?.matchLabels ?? {}).length && !(s?.matchExpressions ?? []).length;

/** Go's time.Time String(): 2026-12-01 18:00:06 +0000 UTC. */
const createdOn = (ts: string | undefined) => (ts ? `${ts.replace('T', ' ').replace(/Z$/, '')} +0000 UTC` : '');

function ports(rule: any, indent: string): string[] {
  if (!rule.ports?.length) return [`${indent}To Port: <any> (traffic allowed to all ports)`];
  return rule.ports.map((p: any) => {
    const proto = p.protocol ?? 'TCP';
    if (p.endPort !== undefined) return `${indent}To Port Range: ${p.port}-${p.endPort}/${proto}`;
    return `${indent}To Port: ${p.port === undefined ? '<nil>' : p.port}/${proto}`;
  });
}

function peers(list: any[] | undefined, word: 'From' | 'To', indent: string): string[] {
  if (!list?.length) return [`${indent}${word}: <any> (traffic not restricted by ${word === 'From' ? 'source' : 'destination'})`];
  const out: string[] = [];
  for (const peer of list) {
    out.push(`${indent}${word}:`);
    if (peer.podSelector || peer.namespaceSelector) {
      if (peer.namespaceSelector) out.push(`${indent}  NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`);
      if (peer.podSelector) out.push(`${indent}  PodSelector: ${formatLabelSelector(peer.podSelector)}`);
    } else if (peer.ipBlock) {
      out.push(`${indent}  IPBlock:`);
      out.push(`${indent}    CIDR: ${peer.ipBlock.cidr}`);
      out.push(`${indent}    Except: ${(peer.ipBlock.except ?? []).join(', ')}`);
    }
  }
  return out;
}

function direction(spec: any, dir: 'ingress' | 'egress'): string[] {
  const Dir = dir === 'ingress' ? 'Ingress' : 'Egress';
  if (!(spec.policyTypes ?? []).includes(Dir)) return [`  Not affecting ${dir} traffic`];
  const rules: any[] = spec[dir] ?? [];
  const out = [`  Allowing ${dir} traffic:`];
  if (!rules.length) return [...out, `    <none> (Selected pods are isolated for ${dir} connectivity)`];
  rules.forEach((rule, i) => {
    if (i > 0) out.push('    ----------');
    out.push(...ports(rule ?? {}, '    '), ...peers(rule?.[dir === 'ingress' ? 'from' : 'to'], dir === 'ingress' ? 'From' : 'To', '    '));
  });
  return out;
}

export function describeNetworkPolicy(np: KObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name', np.metadata.name);
  w.line(0, 'Namespace', np.metadata.namespace);
  w.line(0, 'Created on', createdOn(np.metadata.creationTimestamp));
  w.map(0, 'Labels', np.metadata.labels, '=');
  w.map(0, 'Annotations', np.metadata.annotations, ': ', HIDDEN);
  const spec = np.spec ?? {};
  const lines = [
    'Spec:',
    `  PodSelector:     ${isEmptySelector(spec.podSelector) ? '<none> (Allowing the specific traffic to all pods in this namespace)' : formatLabelSelector(spec.podSelector)}`,
    ...direction(spec, 'ingress'),
    ...direction(spec, 'egress'),
    `  Policy Types: ${(spec.policyTypes ?? []).join(', ')}`,
  ];
  return `${w.toString()}${lines.join('\n')}\n`;
}

/** The backend as describe shows it: service:port (its ready endpoints), or a resource reference. */
function backendString(api: ApiServer, ns: string, b: any): string {
  if (b?.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`;
  const s = b?.service;
  if (!s) return '';
  const port = s.port?.number ?? s.port?.name;
  const svc = api.get('services', ns, s.name);
  if (!svc) return `${s.name}:${port} (<error: services "${s.name}" not found>)`;
  const sp = (svc.spec?.ports ?? []).find((p: any) => (s.port?.number !== undefined ? p.port === s.port.number : p.name === s.port?.name));
  const ep = api.get('endpoints', ns, s.name);
  if (!ep) return `${s.name}:${port} (<none>)`;
  const addrs: string[] = [];
  for (const subset of ep.subsets ?? []) {
    const p = (subset.ports ?? []).find((x: any) => (x.name ?? '') === (sp?.name ?? ''));
    if (!sp || !p) continue;
    for (const a of subset.addresses ?? []) addrs.push(`${a.ip}:${p.port}`);
  }
  const shown = addrs.slice(0, 3).join(',');
  return `${s.name}:${port} (${shown}${addrs.length > 3 ? ` + ${addrs.length - 3} more...` : ''})`;
}

export function describeIngress(api: ApiServer, ing: KObject, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const ns = ing.metadata.namespace ?? 'default';
  const spec = ing.spec ?? {};
  w.line(0, 'Name', ing.metadata.name);
  w.map(0, 'Labels', ing.metadata.labels, '=');
  w.line(0, 'Namespace', ns);
  w.write(0, `Address:\t${ingressAddresses(ing)}\n`);
  w.line(0, 'Ingress Class', spec.ingressClassName ?? '<none>');
  const def = spec.defaultBackend ? backendString(api, ns, spec.defaultBackend) : '<default>';
  w.line(0, 'Default backend', def);
  if (spec.tls?.length) {
    w.write(0, 'TLS:\n');
    for (const t of spec.tls) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
  }
  w.write(0, 'Rules:\n');
  w.write(1, 'Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let printed = false;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    printed = true;
    w.write(1, `${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths ?? []) w.write(2, `\t${p.path ?? ''} \t${backendString(api, ns, p.backend)}\n`);
  }
  if (!printed) w.write(1, `*\t*\t${def}\n`);
  w.map(0, 'Annotations', ing.metadata.annotations, ': ', HIDDEN);
  writeEvents(w, events, now);
  return w.toString();
}

export function describeIngressClass(ic: KObject, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name', ic.metadata.name);
  w.map(0, 'Labels', ic.metadata.labels, '=');
  w.map(0, 'Annotations', ic.metadata.annotations, ': ', HIDDEN);
  w.line(0, 'Controller', ic.spec?.controller ?? '');
  const p = ic.spec?.parameters;
  if (p) {
    w.write(0, 'Parameters:\n');
    if (p.apiGroup) w.write(1, `APIGroup:\t${p.apiGroup}\n`);
    w.write(1, `Kind:\t${p.kind}\n`);
    w.write(1, `Name:\t${p.name}\n`);
  }
  writeEvents(w, events, now);
  return w.toString();
}
