// describe role / clusterrole / rolebinding / clusterrolebinding (RoleDescriber and friends):
// no events; the rules as kubectl's PolicyRule table.
import { DescribeWriter } from './writer.ts';
import type { KObject } from '../../api/types.ts';
import { policyRows } from '../../api/rbac.ts';

/** printAnnotationsMultiline leaves out what kubectl apply keeps for itself. */
const HIDDEN = ['kubectl.kubernetes.io/last-applied-configuration'];

export function describeRole(role: KObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name', role.metadata.name);
  w.map(0, 'Labels', role.metadata.labels, '=');
  w.map(0, 'Annotations', role.metadata.annotations, ': ', HIDDEN);
  w.write(0, 'PolicyRule:\n');
  const rows = policyRows((role as any).rules ?? []);
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const r of rows) w.write(1, `${r.join('\t')}\n`);
  return w.toString();
}

export function describeRoleBinding(binding: KObject): string {
  const w = new DescribeWriter();
  const ref = (binding as any).roleRef ?? {};
  w.line(0, 'Name', binding.metadata.name);
  w.map(0, 'Labels', binding.metadata.labels, '=');
  w.map(0, 'Annotations', binding.metadata.annotations, ': ', HIDDEN);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${ref.kind}\n`);
  w.write(1, `Name:\t${ref.name}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of (binding as any).subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
