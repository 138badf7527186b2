// NetworkPolicies (printNetworkPolicy): the pod selector as FormatLabelSelector writes it.
import type { KindPrinter } from './kind-printer.ts';
import { age } from './kind-printer.ts';
import { formatLabelSelector } from '../../api/selectors.ts';

export const networkPolicyPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'POD-SELECTOR' }, { name: 'AGE' }],
  cells: (o, ctx) => [o.metadata.name, formatLabelSelector(o.spec?.podSelector ?? {}), age(o, ctx)],
};
