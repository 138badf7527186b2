// Resource requests and limits of pods, in base units (cores and bytes).
import type { Pod } from './types.ts';
import { parseQuantity, formatCpu, formatMemory } from '../util/quantity.ts';

export interface ResourceAmounts {
  cpu: number;
  memory: number;
}

const amount = (s: string | undefined) => (s ? parseQuantity(s) : 0);

/** Sum over containers (init containers count as their max), as the scheduler and describe node do. */
export function podResourceTotals(pod: Pod): { requests: ResourceAmounts; limits: ResourceAmounts } {
  const sum = (which: 'requests' | 'limits', key: 'cpu' | 'memory') => {
    const regular = pod.spec.containers.reduce((acc, c) => acc + amount(c.resources?.[which]?.[key]), 0);
    const init = Math.max(0, ...(pod.spec.initContainers ?? []).map((c) => amount(c.resources?.[which]?.[key])));
    return Math.max(regular, init);
  };
  return {
    requests: { cpu: sum('requests', 'cpu'), memory: sum('requests', 'memory') },
    limits: { cpu: sum('limits', 'cpu'), memory: sum('limits', 'memory') },
  };
}

export const formatResource = {
  parse(kind: 'cpu' | 'memory', s: string | undefined): number {
    return amount(s);
  },
  format(kind: 'cpu' | 'memory', v: number): string {
    return kind === 'cpu' ? formatCpu(v) : formatMemory(v);
  },
};
