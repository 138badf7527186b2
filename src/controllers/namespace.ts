// Namespace lifecycle: per-namespace defaults on creation (the service-account controller's
// `default` account and the root-CA publisher's ConfigMap), and the deletion of a terminating
// namespace's content before the namespace itself goes.
import type { Controller } from './controller.ts';
import type { ApiServer } from '../api/server.ts';
import { RESOURCE_TYPES } from '../api/resources.ts';
import type { KObject } from '../api/types.ts';

const FINALIZE_DELAY_MS = 2000;
export const KUBE_ROOT_CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIkubesimrootcaMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\n-----END CERTIFICATE-----\n';

function namespacedContent(api: ApiServer, ns: string): KObject[] {
  return RESOURCE_TYPES.filter((r) => r.namespaced && r.plural !== 'events').flatMap((r) => api.list(r, ns));
}

function ensureNamespaceDefaults(api: ApiServer, ns: string): void {
  if (!api.get('serviceaccounts', ns, 'default')) {
    api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
  if (!api.get('configmaps', ns, 'kube-root-ca.crt')) {
    api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace: ns,
        annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' },
      },
      data: { 'ca.crt': KUBE_ROOT_CA },
    });
  }
}

function finalize(api: ApiServer, name: string): void {
  const ns = api.get('namespaces', undefined, name);
  if (!ns?.metadata.deletionTimestamp) return;
  for (const obj of namespacedContent(api, name)) {
    if (!obj.metadata.deletionTimestamp) api.delete(obj.kind === 'Pod' ? 'pods' : obj.kind, name, obj.metadata.name);
  }
  if (namespacedContent(api, name).length === 0) {
    for (const ev of api.list('events', name)) api.remove(ev);
    api.remove(ns);
  }
}

export const namespaceController: Controller = {
  name: 'namespace-controller',
  watches: ['namespaces', 'pods'],
  reconcile(api, changes) {
    for (const c of changes) {
      if (c.resource === 'namespaces' && c.type !== 'DELETED') {
        const ns = api.get('namespaces', undefined, c.key);
        if (!ns) continue;
        if (ns.metadata.deletionTimestamp) {
          if (!api.hasTimer('namespace-finalize', c.key)) {
            api.schedule(api.now() + FINALIZE_DELAY_MS, 'namespace-finalize', c.key);
          }
        } else if (c.type === 'ADDED') {
          ensureNamespaceDefaults(api, c.key);
        }
      } else if (c.resource === 'pods' && c.type === 'DELETED') {
        const ns = api.get('namespaces', undefined, c.obj.metadata.namespace!);
        if (ns?.metadata.deletionTimestamp && !api.hasTimer('namespace-finalize', ns.metadata.name)) {
          finalize(api, ns.metadata.name);
        }
      }
    }
  },
  timers: { 'namespace-finalize': finalize },
};
