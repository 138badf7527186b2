// describe networkpolicy (describeNetworkPolicy): the header block, then the spec written as kubectl
// writes it, line by line (only the header is tab-aligned), without events.
import { DescribeWriter } from './writer.ts';
import type { KObject } from '../../api/types.ts';
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
