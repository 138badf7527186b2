// Defaulting applied by the API server on create (pkg/apis/*/v1/defaults.go) and by the
// admission plugins every real cluster runs (ServiceAccount, DefaultTolerationSeconds, Priority).
import type { Container, KObject, Pod, Toleration } from './types.ts';
import type { ApiServer } from './server.ts';
import { ApiError, invalid, type FieldError } from './errors.ts';
import { toleratedBy } from './taints.ts';
import { canonicalQuantity } from '../util/quantity.ts';

type Defaulter = (obj: KObject, api: ApiServer) => void;

export function imagePullPolicyFor(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.slice(image.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Quantities are stored in canonical form, however they were written ("0.2" or 0.2 → "200m", "0.5Gi" → "512Mi"). */
function canonicalQuantities(res: Record<string, unknown> | undefined): void {
  if (!res) return;
  for (const [k, v] of Object.entries(res)) {
    if (typeof v !== 'number' && typeof v !== 'string') continue;
    try {
      res[k] = canonicalQuantity(String(v).trim());
    } catch {
      res[k] = String(v);
    }
  }
}

function containerDefaults(c: Container): void {
  c.imagePullPolicy ??= imagePullPolicyFor(c.image ?? '');
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  canonicalQuantities(c.resources.requests);
  canonicalQuantities(c.resources.limits);
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
    if (probe.httpGet) probe.httpGet.path ??= '/';
  }
}

/** SetDefaults_PodSpec: applies to pods and to the pod templates of workloads. */
export function podSpecDefaults(spec: any): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) containerDefaults(c);
  for (const v of spec.volumes ?? []) {
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.projected) v.projected.defaultMode ??= 420;
    if (v.hostPath) v.hostPath.type ??= '';
    if (v.emptyDir?.sizeLimit !== undefined) canonicalQuantities(v.emptyDir);
  }
}

const DEFAULT_TOLERATIONS: Toleration[] = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];

export function qosClass(pod: Pod): string {
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (!lim[r] || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function podDefaults(obj: KObject, api: ApiServer): void {
  const pod = obj as Pod;
  pod.spec ??= { containers: [] };
  podSpecDefaults(pod.spec);
  pod.spec.enableServiceLinks ??= true;
  // SetDefaults_Pod (not the templates): limits without requests make the requests.
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const limits = c.resources?.limits;
    if (limits) c.resources!.requests = { ...limits, ...c.resources!.requests };
  }
  pod.spec.preemptionPolicy ??= 'PreemptLowerPriority';
  pod.spec.priority ??= pod.spec.priorityClassName === 'system-node-critical' ? 2000001000 : pod.spec.priorityClassName === 'system-cluster-critical' ? 2000000000 : 0;
  pod.status = { phase: 'Pending', qosClass: qosClass(pod), ...pod.status };
  // Mirror pods of static pods bypass the ServiceAccount and toleration admission plugins.
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return;
  const sa = pod.spec.serviceAccountName || pod.spec.serviceAccount || 'default';
  pod.spec.serviceAccountName = sa;
  pod.spec.serviceAccount = sa;
  const ns = pod.metadata.namespace ?? 'default';
  if (!api.get('serviceaccounts', ns, sa) && api.get('namespaces', undefined, ns)) {
    throw new ApiError(
      'Forbidden',
      `pods "${pod.metadata.name}" is forbidden: error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`,
    );
  }
  if (pod.spec.automountServiceAccountToken !== false && !(pod.spec.volumes ?? []).some((v: any) => v.name?.startsWith('kube-api-access-'))) {
    const { volume, mount } = kubeApiAccessVolume(api.rng.suffix());
    pod.spec.volumes = [...(pod.spec.volumes ?? []), volume];
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      if (!(c.volumeMounts ?? []).some((m) => m.mountPath === mount.mountPath)) c.volumeMounts = [...(c.volumeMounts ?? []), { ...mount }];
    }
  }
  const tolerations = pod.spec.tolerations ?? [];
  for (const t of DEFAULT_TOLERATIONS) {
    if (!toleratedBy(tolerations, { key: t.key!, effect: t.effect! })) tolerations.push({ ...t });
  }
  pod.spec.tolerations = tolerations;
}

function workloadDefaults(obj: KObject): void {
  obj.spec ??= {};
  obj.spec.replicas ??= 1;
  obj.spec.revisionHistoryLimit ??= 10;
  if (obj.spec.template?.spec) podSpecDefaults(obj.spec.template.spec);
}

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0/12
const SERVICE_CIDR_SIZE = 1 << 20;
const ipString = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

function usedServiceValues(api: ApiServer, self: KObject): { ips: Set<string>; nodePorts: Set<number> } {
  const ips = new Set<string>();
  const nodePorts = new Set<number>();
  for (const svc of api.list('services')) {
    if (svc.metadata.namespace === self.metadata.namespace && svc.metadata.name === self.metadata.name) continue;
    for (const ip of svc.spec?.clusterIPs ?? [svc.spec?.clusterIP]) if (ip) ips.add(ip);
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) nodePorts.add(p.nodePort);
  }
  return { ips, nodePorts };
}

/** The service IP and node port allocators: random free values, as the API server picks them. */
function serviceDefaults(obj: KObject, api: ApiServer): void {
  const spec = (obj.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  if (spec.type === 'ExternalName') return;
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  const used = usedServiceValues(api, obj);
  const taken: FieldError[] = [];
  (spec.ports ?? []).forEach((p: any, i: number) => {
    if (p.nodePort && used.nodePorts.has(p.nodePort)) {
      taken.push({ field: `spec.ports[${i}].nodePort`, type: 'Invalid value', value: p.nodePort, detail: 'provided port is already allocated' });
    }
  });
  if (spec.clusterIP && spec.clusterIP !== 'None' && used.ips.has(spec.clusterIP)) {
    taken.push({ field: 'spec.clusterIPs', type: 'Invalid value', value: { raw: `[]string{"${spec.clusterIP}"}` }, detail: `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated` });
  }
  if (taken.length) throw invalid('Service', obj.metadata.name, taken);
  if (!spec.clusterIP) {
    let ip = '';
    for (let i = 0; i < 1000 && (!ip || used.ips.has(ip)); i++) ip = ipString(SERVICE_CIDR_BASE + 2 + api.rng.int(SERVICE_CIDR_SIZE - 3));
    spec.clusterIP = ip;
  }
  if (spec.clusterIP !== 'None') spec.clusterIPs ??= [spec.clusterIP];
  else spec.clusterIPs ??= ['None'];
  if (spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts)) {
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      let port = 0;
      for (let i = 0; i < 5000 && (!port || used.nodePorts.has(port)); i++) port = 30000 + api.rng.int(2768);
      p.nodePort = port;
      used.nodePorts.add(port);
    }
  }
  obj.status ??= { loadBalancer: {} };
}

const DEFAULTERS: Record<string, Defaulter> = {
  Service: serviceDefaults,
  Namespace(obj) {
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
    obj.spec = { finalizers: ['kubernetes'], ...obj.spec };
    obj.status = { phase: 'Active', ...obj.status };
  },
  Pod: podDefaults,
  Deployment(obj) {
    workloadDefaults(obj);
    obj.spec.progressDeadlineSeconds ??= 600;
    const strategy = (obj.spec.strategy ??= {});
    if (!strategy.type || (strategy.type === 'RollingUpdate' && Object.keys(strategy).length === 1)) {
      strategy.type ??= 'RollingUpdate';
    }
    if (strategy.type === 'RollingUpdate') {
      strategy.rollingUpdate ??= {};
      strategy.rollingUpdate.maxSurge ??= '25%';
      strategy.rollingUpdate.maxUnavailable ??= '25%';
    }
    obj.status ??= {};
  },
  ReplicaSet(obj) {
    obj.spec ??= {};
    obj.spec.replicas ??= 1;
    if (obj.spec.template?.spec) podSpecDefaults(obj.spec.template.spec);
    obj.status ??= { replicas: 0 };
  },
  DaemonSet(obj) {
    obj.metadata.annotations = { 'deprecated.daemonset.template.generation': String(obj.metadata.generation ?? 1), ...obj.metadata.annotations };
    obj.spec ??= {};
    obj.spec.revisionHistoryLimit ??= 10;
    obj.spec.updateStrategy ??= { type: 'RollingUpdate' };
    if (obj.spec.updateStrategy.type === 'RollingUpdate') obj.spec.updateStrategy.rollingUpdate ??= { maxSurge: 0, maxUnavailable: 1 };
    if (obj.spec.template?.spec) podSpecDefaults(obj.spec.template.spec);
  },
  StatefulSet(obj) {
    workloadDefaults(obj);
    obj.spec.podManagementPolicy ??= 'OrderedReady';
    obj.spec.updateStrategy ??= { type: 'RollingUpdate' };
    if (obj.spec.updateStrategy.type === 'RollingUpdate') obj.spec.updateStrategy.rollingUpdate ??= { partition: 0 };
    obj.spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    for (const claim of obj.spec.volumeClaimTemplates ?? []) {
      claim.apiVersion ??= 'v1';
      claim.kind ??= 'PersistentVolumeClaim';
      claim.spec ??= {};
      claim.spec.volumeMode ??= 'Filesystem';
      canonicalQuantities(claim.spec.resources?.requests);
      claim.status ??= { phase: 'Pending' };
    }
  },
  Job: jobDefaults,
  PersistentVolume(obj) {
    const spec = (obj.spec ??= {});
    spec.persistentVolumeReclaimPolicy ??= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    canonicalQuantities(spec.capacity);
    if (spec.hostPath) spec.hostPath.type ??= '';
    obj.metadata.finalizers = [...new Set([...(obj.metadata.finalizers ?? []), 'kubernetes.io/pv-protection'])];
    obj.status ??= { phase: 'Pending' };
  },
  PersistentVolumeClaim(obj, api) {
    const spec = (obj.spec ??= {});
    spec.volumeMode ??= 'Filesystem';
    canonicalQuantities(spec.resources?.requests);
    canonicalQuantities(spec.resources?.limits);
    // The DefaultStorageClass admission plugin: a claim that names no class gets the default one.
    if (spec.storageClassName === undefined) {
      const def = api.list('storageclasses').find((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
      if (def) spec.storageClassName = def.metadata.name;
    }
    obj.metadata.finalizers = [...new Set([...(obj.metadata.finalizers ?? []), 'kubernetes.io/pvc-protection'])];
    obj.status ??= { phase: 'Pending' };
  },
  Ingress(obj, api) {
    const spec = (obj.spec ??= {});
    // The DefaultIngressClass admission plugin: an Ingress naming no class gets the default one.
    if (spec.ingressClassName === undefined && !obj.metadata.annotations?.['kubernetes.io/ingress.class']) {
      const def = api.list('ingressclasses').find((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
      if (def) spec.ingressClassName = def.metadata.name;
    }
    obj.status ??= { loadBalancer: {} };
  },
  NetworkPolicy(obj) {
    const spec = (obj.spec ??= {});
    spec.podSelector ??= {};
    // No policyTypes: Ingress always, and Egress too when there are egress rules.
    if (!spec.policyTypes?.length) spec.policyTypes = ['Ingress', ...(spec.egress?.length ? ['Egress'] : [])];
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of rule?.ports ?? []) p.protocol ??= 'TCP';
  },
  StorageClass(obj) {
    obj.reclaimPolicy ??= 'Delete';
    obj.volumeBindingMode ??= 'Immediate';
  },
  CronJob(obj) {
    const spec = (obj.spec ??= {});
    spec.concurrencyPolicy ??= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const template = spec.jobTemplate?.spec?.template;
    if (template?.spec) podSpecDefaults(template.spec);
  },
  Secret(obj) {
    obj.type ??= 'Opaque';
    if (obj.stringData) {
      obj.data = { ...obj.data };
      for (const [k, v] of Object.entries(obj.stringData as Record<string, string>)) obj.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
      delete obj.stringData;
    }
  },
};

/** SetDefaults_Job, and the selector and labels the API server generates on create (PrepareForCreate). */
function jobDefaults(obj: KObject): void {
  const spec = (obj.spec ??= {});
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  const template = (spec.template ??= {});
  if (!spec.manualSelector && obj.metadata.uid) {
    const uid = obj.metadata.uid;
    const generated = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': obj.metadata.name, 'controller-uid': uid, 'job-name': obj.metadata.name };
    template.metadata = { ...template.metadata, labels: { ...generated, ...template.metadata?.labels } };
    spec.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  }
  if (!Object.keys(obj.metadata.labels ?? {}).length && template.metadata?.labels) obj.metadata.labels = { ...template.metadata.labels };
  if (template.spec) podSpecDefaults(template.spec);
}

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
