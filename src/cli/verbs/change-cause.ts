import type { KObject } from '../../api/types.ts';

/** --record (deprecated): the command line, as kubectl would show it, in kubernetes.io/change-cause. */
export function recordChangeCause(obj: KObject): void {
  const args = process.argv.slice(2).map((a) => (a === '--record' ? '--record=true' : a));
  obj.metadata.annotations = { ...obj.metadata.annotations, 'kubernetes.io/change-cause': ['kubectl', ...args].join(' ') };
}
