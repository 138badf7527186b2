// Defaulting applied by the API server on create (pkg/apis/*/v1/defaults.go and admission).
import type { KObject } from './types.ts';
import type { ApiServer } from './server.ts';

type Defaulter = (obj: KObject, api: ApiServer) => void;

const DEFAULTERS: Record<string, Defaulter> = {
  Namespace(obj) {
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
    obj.spec = { finalizers: ['kubernetes'], ...obj.spec };
    obj.status = { phase: 'Active', ...obj.status };
  },
};

export function applyDefaults(obj: KObject, api: ApiServer): void {
  DEFAULTERS[obj.kind]?.(obj, api);
}

/** The projected service-account token volume the ServiceAccount admission plugin adds to pods. */
export function kubeApiAccessVolume(suffix: string) {
  const name = `kube-api-access-${suffix}`;
  return {
    volume: {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    },
    mount: { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name, readOnly: true },
  };
}
