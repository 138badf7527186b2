// Which fields each resource can be selected by (the server's field label conversions).
import type { KObject } from './types.ts';
import type { ResourceType } from './resources.ts';
import { ApiError } from './errors.ts';
import { apiVersionOf } from './resources.ts';

const COMMON = ['metadata.name', 'metadata.namespace'];
const SUPPORTED: Record<string, string[]> = {
  pods: [...COMMON, 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  nodes: [...COMMON, 'spec.unschedulable'],
  namespaces: [...COMMON, 'status.phase'],
  events: [...COMMON, 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  replicasets: [...COMMON, 'status.replicas'],
  secrets: [...COMMON, 'type'],
};

export function fieldValue(obj: KObject, path: string): string | undefined {
  if (path === 'source') return obj.source?.component;
  if (path === 'status.podIPs') return obj.status?.podIPs?.[0]?.ip;
  let v: any = obj;
  for (const part of path.split('.')) v = v?.[part];
  if (v === undefined || v === null) {
    if (path === 'spec.unschedulable' || path === 'spec.hostNetwork') return 'false';
    return '';
  }
  return String(v);
}

export function checkFieldLabels(r: ResourceType, fields: string[], selectorText: string): void {
  const allowed = SUPPORTED[r.plural] ?? COMMON;
  for (const f of fields) {
    if (!allowed.includes(f)) {
      const gv = apiVersionOf(r).includes('/') ? apiVersionOf(r) : `/${apiVersionOf(r)}`;
      throw new ApiError(
        'BadRequest',
        `Unable to find "${gv}, Resource=${r.plural}" that match label selector "", field selector "${selectorText}": field label not supported: ${f}`,
      );
    }
  }
}
