// Roles, ClusterRoles and their bindings. Roles have no printer of their own in the API server:
// its default table (name and creation time, as a timestamp). Bindings are printRoleBinding.
import type { KindPrinter } from './kind-printer.ts';
import { age } from './kind-printer.ts';
import type { KObject } from '../../api/types.ts';

export const rolePrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'CREATED AT' }],
  cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};

/** rbac.SubjectsStrings: users, groups and service accounts (namespace/name) of a binding. */
function subjects(o: KObject, kind: string): string {
  return ((o as any).subjects ?? [])
    .filter((s: any) => s.kind === kind)
    .map((s: any) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');
}

export const roleBindingPrinter: KindPrinter = {
  columns: [{ name: 'NAME' }, { name: 'ROLE' }, { name: 'AGE' }, { name: 'USERS', wide: true }, { name: 'GROUPS', wide: true }, { name: 'SERVICEACCOUNTS', wide: true }],
  cells: (o, ctx) => {
    const ref = (o as any).roleRef ?? {};
    return [o.metadata.name, `${ref.kind}/${ref.name}`, age(o, ctx), subjects(o, 'User'), subjects(o, 'Group'), subjects(o, 'ServiceAccount')];
  },
};
