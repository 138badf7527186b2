// NetworkPolicies (printNetworkPolicy): the pod selector as FormatLabelSelector writes it.
import type { KindPrinter } from './kind-printer.ts';
import { age } from './kind-printer.ts';
import { formatLabelSelector } from '../../api/selectors.ts';

export const networkPolicyPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'POD-SELECTOR' }, { name: 'AGE' }],
  cells: (o, ctx) => [o.metadata.name, formatLabelSelector(o.spec?.podSelector ?? {}), age(o, ctx)],
};

/** formatHosts: up to three hosts, then `+ N more...` counting every further rule. */
function hosts(o: any): string {
  const rules: any[] = o.spec?.rules ?? [];
  const named = rules.map((r) => r.host).filter(Boolean).slice(0, 3);
  if (!named.length) return '*';
  return rules.length > 3 ? `${named.join(',')} + ${rules.length - 3} more...` : named.join(',');
}

/** The load balancer's addresses, sorted and without repeats. */
export function ingressAddresses(o: any): string {
  return [...new Set<string>((o.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip || i.hostname).filter(Boolean))].sort().join(',');
}

export const ingressPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'CLASS' }, { name: 'HOSTS' }, { name: 'ADDRESS' }, { name: 'PORTS' }, { name: 'AGE' }],
  cells: (o, ctx) => [o.metadata.name, o.spec?.ingressClassName ?? '<none>', hosts(o), ingressAddresses(o), o.spec?.tls?.length ? '80, 443' : '80', age(o, ctx)],
};

export const ingressClassPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'CONTROLLER' }, { name: 'PARAMETERS' }, { name: 'AGE' }],
  cells: (o, ctx) => {
    const p = o.spec?.parameters;
    return [o.metadata.name, o.spec?.controller ?? '', p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>', age(o, ctx)];
  },
};
