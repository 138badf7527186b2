// The RBAC objects a kubeadm 1.32 cluster starts with: the API server's bootstrap policy (the
// user-facing roles, the aggregated admin/edit/view, discovery and basic-user for everyone) and
// what kubeadm adds (its admins group bound to cluster-admin, node bootstrap, CoreDNS).
import type { ApiServer } from '../api/server.ts';
import type { PolicyRule } from '../api/rbac.ts';
import { RBAC_GROUP } from '../api/rbac.ts';

const BOOTSTRAP = {
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
};

const RO = ['get', 'list', 'watch'];
const RW = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): PolicyRule => ({ apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}) });
const urls = (nonResourceURLs: string[], verbs: string[]): PolicyRule => ({ nonResourceURLs, verbs });
const agg = (name: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${name}`]: 'true' });

interface RoleDef {
  name: string;
  rules: PolicyRule[];
  labels?: Record<string, string>;
  aggregate?: Record<string, string>;
  /** Made by kubeadm, not the API server's bootstrap policy (no bootstrapping label). */
  kubeadm?: boolean;
}

const CLUSTER_ROLES: RoleDef[] = [
  { name: 'admin', rules: [], aggregate: agg('admin') },
  { name: 'cluster-admin', rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])] },
  { name: 'edit', rules: [], labels: agg('admin'), aggregate: agg('edit') },
  { name: 'view', rules: [], labels: agg('edit'), aggregate: agg('view') },
  {
    name: 'system:aggregate-to-admin',
    labels: agg('admin'),
    rules: [rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']), rule([RBAC_GROUP], ['rolebindings', 'roles'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'])],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: agg('edit'),
    rules: [
      rule([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], RO),
      rule([''], ['serviceaccounts'], ['impersonate']),
      rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], RW),
      rule([''], ['pods/eviction'], ['create']),
      rule([''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], RW),
      rule([''], ['serviceaccounts/token'], ['create']),
      rule(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], RW),
      rule(['autoscaling'], ['horizontalpodautoscalers'], RW),
      rule(['batch'], ['cronjobs', 'jobs'], RW),
      rule(['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], RW),
      rule(['policy'], ['poddisruptionbudgets'], RW),
      rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], RW),
      rule(['coordination.k8s.io'], ['leases'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: agg('view'),
    rules: [
      rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], RO),
      rule([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], RO),
      rule([''], ['namespaces'], RO),
      rule(['discovery.k8s.io'], ['endpointslices'], RO),
      rule(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], RO),
      rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], RO),
      rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], RO),
      rule(['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], RO),
      rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], RO),
      rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], RO),
    ],
  },
  { name: 'system:auth-delegator', rules: [rule(['authentication.k8s.io'], ['tokenreviews'], ['create']), rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create'])] },
  { name: 'system:basic-user', rules: [rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']), rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create'])] },
  { name: 'system:discovery', rules: [urls(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], ['get'])] },
  { name: 'system:kube-dns', rules: [rule([''], ['endpoints', 'services'], ['list', 'watch'])] },
  { name: 'system:monitoring', rules: [urls(['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'], ['get'])] },
  { name: 'system:node-bootstrapper', rules: [rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get', 'list', 'watch'])] },
  { name: 'system:node-proxier', rules: [rule([''], ['endpoints', 'services'], ['list', 'watch']), rule([''], ['nodes'], ['get', 'list', 'watch']), rule(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']), rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch'])] },
  { name: 'system:public-info-viewer', rules: [urls(['/healthz', '/livez', '/readyz', '/version', '/version/'], ['get'])] },
  { name: 'kubeadm:get-nodes', kubeadm: true, rules: [rule([''], ['nodes'], ['get'])] },
  { name: 'system:coredns', kubeadm: true, rules: [rule([''], ['endpoints', 'services', 'pods', 'namespaces'], ['list', 'watch']), rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch'])] },
];

const G = (name: string) => ({ apiGroup: RBAC_GROUP, kind: 'Group', name });
const U = (name: string) => ({ apiGroup: RBAC_GROUP, kind: 'User', name });
const SA = (namespace: string, name: string) => ({ kind: 'ServiceAccount', name, namespace });

const CLUSTER_ROLE_BINDINGS: { name: string; role: string; subjects: object[]; kubeadm?: boolean }[] = [
  { name: 'cluster-admin', role: 'cluster-admin', subjects: [G('system:masters')] },
  { name: 'kubeadm:cluster-admins', role: 'cluster-admin', subjects: [G('kubeadm:cluster-admins')], kubeadm: true },
  { name: 'kubeadm:get-nodes', role: 'kubeadm:get-nodes', subjects: [G('system:bootstrappers:kubeadm:default-node-token')], kubeadm: true },
  { name: 'kubeadm:kubelet-bootstrap', role: 'system:node-bootstrapper', subjects: [G('system:bootstrappers:kubeadm:default-node-token')], kubeadm: true },
  { name: 'kubeadm:node-proxier', role: 'system:node-proxier', subjects: [SA('kube-system', 'kube-proxy')], kubeadm: true },
  { name: 'system:basic-user', role: 'system:basic-user', subjects: [G('system:authenticated')] },
  { name: 'system:coredns', role: 'system:coredns', subjects: [SA('kube-system', 'coredns')], kubeadm: true },
  { name: 'system:discovery', role: 'system:discovery', subjects: [G('system:authenticated')] },
  { name: 'system:kube-dns', role: 'system:kube-dns', subjects: [SA('kube-system', 'kube-dns')] },
  { name: 'system:monitoring', role: 'system:monitoring', subjects: [G('system:monitoring')] },
  { name: 'system:node-proxier', role: 'system:node-proxier', subjects: [U('system:kube-proxy')] },
  { name: 'system:public-info-viewer', role: 'system:public-info-viewer', subjects: [G('system:authenticated'), G('system:unauthenticated')] },
];

const NAMESPACED: { namespace: string; name: string; rules: PolicyRule[]; subjects: object[] }[] = [
  { namespace: 'kube-system', name: 'kubeadm:kubelet-config', rules: [rule([''], ['configmaps'], ['get'], ['kubelet-config'])], subjects: [G('system:nodes'), G('system:bootstrappers:kubeadm:default-node-token')] },
  { namespace: 'kube-system', name: 'kubeadm:nodes-kubeadm-config', rules: [rule([''], ['configmaps'], ['get'], ['kubeadm-config'])], subjects: [G('system:bootstrappers:kubeadm:default-node-token'), G('system:nodes')] },
  { namespace: 'kube-public', name: 'kubeadm:bootstrap-signer-clusterinfo', rules: [rule([''], ['configmaps'], ['get'], ['cluster-info'])], subjects: [U('system:anonymous')] },
];

const meta = (name: string, kubeadm: boolean | undefined, extra: Record<string, string> = {}) => ({
  name,
  ...(kubeadm ? (Object.keys(extra).length ? { labels: extra } : {}) : { labels: { ...BOOTSTRAP.labels, ...extra }, annotations: { ...BOOTSTRAP.annotations } }),
});

/** Creates the default roles and bindings; the aggregated roles are filled in by their controller. */
export function bootstrapRbac(api: ApiServer): void {
  const apiVersion = `${RBAC_GROUP}/v1`;
  for (const r of CLUSTER_ROLES) {
    api.create({
      apiVersion,
      kind: 'ClusterRole',
      metadata: meta(r.name, r.kubeadm, r.labels),
      rules: r.rules,
      ...(r.aggregate ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: r.aggregate }] } } : {}),
    } as any);
  }
  for (const b of CLUSTER_ROLE_BINDINGS) {
    api.create({ apiVersion, kind: 'ClusterRoleBinding', metadata: meta(b.name, b.kubeadm), roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: b.role }, subjects: b.subjects } as any);
  }
  for (const n of NAMESPACED) {
    api.create({ apiVersion, kind: 'Role', metadata: { name: n.name, namespace: n.namespace }, rules: n.rules } as any);
    api.create({ apiVersion, kind: 'RoleBinding', metadata: { name: n.name, namespace: n.namespace }, roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: n.name }, subjects: n.subjects } as any);
  }
}
