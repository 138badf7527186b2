import { DescribeWriter } from './writer.ts';
import type { KObject } from '../../api/types.ts';

export function describeNamespace(ns: KObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name', ns.metadata.name);
  w.map(0, 'Labels', ns.metadata.labels, '=');
  w.map(0, 'Annotations', ns.metadata.annotations, ': ', ['kubectl.kubernetes.io/last-applied-configuration']);
  w.line(0, 'Status', ns.status?.phase ?? '');
  w.write(0, '\n');
  w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.toString();
}
