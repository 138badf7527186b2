// The resource types this API server serves: names, short names and scope, as discovery reports them.
export interface ResourceType {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  group: string;
  version: string;
  namespaced: boolean;
  categories: string[];
}

const t = (
  kind: string,
  plural: string,
  shortNames: string[],
  group: string,
  namespaced: boolean,
  categories: string[] = [],
): ResourceType => ({
  kind,
  plural,
  singular: kind.toLowerCase(),
  shortNames,
  group,
  version: 'v1',
  namespaced,
  categories,
});

/** In discovery order: core group first, then the named groups alphabetically; `api-resources` follows this order. */
export const RESOURCE_TYPES: ResourceType[] = [
  t('ConfigMap', 'configmaps', ['cm'], '', true),
  t('Endpoints', 'endpoints', ['ep'], '', true),
  t('Event', 'events', ['ev'], '', true),
  t('Namespace', 'namespaces', ['ns'], '', false),
  t('Node', 'nodes', ['no'], '', false),
  t('PersistentVolumeClaim', 'persistentvolumeclaims', ['pvc'], '', true),
  t('PersistentVolume', 'persistentvolumes', ['pv'], '', false),
  t('Pod', 'pods', ['po'], '', true, ['all']),
  t('Secret', 'secrets', [], '', true),
  t('ServiceAccount', 'serviceaccounts', ['sa'], '', true),
  t('Service', 'services', ['svc'], '', true, ['all']),
  t('DaemonSet', 'daemonsets', ['ds'], 'apps', true, ['all']),
  t('Deployment', 'deployments', ['deploy'], 'apps', true, ['all']),
  t('ReplicaSet', 'replicasets', ['rs'], 'apps', true, ['all']),
  t('StatefulSet', 'statefulsets', ['sts'], 'apps', true, ['all']),
  t('CronJob', 'cronjobs', ['cj'], 'batch', true, ['all']),
  t('Job', 'jobs', [], 'batch', true, ['all']),
  t('IngressClass', 'ingressclasses', [], 'networking.k8s.io', false),
  t('Ingress', 'ingresses', ['ing'], 'networking.k8s.io', true),
  t('NetworkPolicy', 'networkpolicies', ['netpol'], 'networking.k8s.io', true),
  t('ClusterRoleBinding', 'clusterrolebindings', [], 'rbac.authorization.k8s.io', false),
  t('ClusterRole', 'clusterroles', [], 'rbac.authorization.k8s.io', false),
  t('RoleBinding', 'rolebindings', [], 'rbac.authorization.k8s.io', true),
  t('Role', 'roles', [], 'rbac.authorization.k8s.io', true),
  t('StorageClass', 'storageclasses', ['sc'], 'storage.k8s.io', false),
];

/** Order of kinds in `kubectl get all` (discovery order: core, apps, batch). */
export const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'cronjobs', 'jobs'];

const byName = new Map<string, ResourceType>();
for (const r of RESOURCE_TYPES) {
  for (const n of [r.plural, r.singular, ...r.shortNames, r.kind.toLowerCase()]) {
    byName.set(n, r);
    if (r.group) {
      byName.set(`${n}.${r.group}`, r);
      byName.set(`${n}.${r.version}.${r.group}`, r);
    }
  }
}

/** Looks up `po`, `pods`, `Pod`, `deployments.apps`, `deploy.v1.apps`; undefined when unknown. */
export function lookupResource(name: string): ResourceType | undefined {
  return byName.get(name.toLowerCase()) ?? byName.get(name);
}

export function resourceForKind(kind: string): ResourceType {
  const r = RESOURCE_TYPES.find((x) => x.kind === kind);
  if (!r) throw new Error(`unknown kind ${kind}`);
  return r;
}

export function apiVersionOf(r: ResourceType): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `pods`, `deployments.apps` — how the server names a resource in its messages. */
export function qualifiedPlural(r: ResourceType): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** `pod`, `deployment.apps` — how kubectl names a kind in `TYPE/NAME` output. */
export function qualifiedSingular(r: ResourceType): string {
  return r.group ? `${r.singular}.${r.group}` : r.singular;
}
