// Server-side validation of an object before it is stored: the causes of an Invalid error,
// with the field paths and messages of pkg/apis/*/validation.
import { isDeepStrictEqual } from 'node:util';
import type { FieldError } from './errors.ts';
import type { Container, KObject } from './types.ts';
import { nameFieldErrors, labelFieldErrors, validateName, type NameRule } from './validation.ts';
import { labelSelectorFromObject, matchesLabels } from './selectors.ts';
import { parseQuantity } from '../util/quantity.ts';
import { parseCron, CronParseError } from '../util/cron.ts';

const NAME_RULES: Record<string, NameRule> = {
  Namespace: 'label',
  Service: 'dns1035',
  Role: 'path',
  ClusterRole: 'path',
  RoleBinding: 'path',
  ClusterRoleBinding: 'path',
};

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

const quoteList = (xs: string[]) => xs.map((x) => `"${x}"`).join(', ');

function validateContainer(c: Container, path: string, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push({ field: `${path}.name`, type: 'Required value' });
  else {
    for (const detail of validateName(c.name, 'label')) errs.push({ field: `${path}.name`, type: 'Invalid value', value: c.name, detail });
    if (names.has(c.name)) errs.push({ field: `${path}.name`, type: 'Duplicate value', value: c.name });
    names.add(c.name);
  }
  if (!c.image || !String(c.image).trim()) errs.push({ field: `${path}.image`, type: 'Required value' });
  if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) {
    errs.push({ field: `${path}.imagePullPolicy`, type: 'Unsupported value', value: c.imagePullPolicy, detail: `supported values: ${quoteList(PULL_POLICIES)}` });
  }
  (c.ports ?? []).forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) {
      errs.push({ field: `${pp}.containerPort`, type: 'Invalid value', value: p.containerPort, detail: 'must be between 1 and 65535, inclusive' });
    }
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) {
      errs.push({ field: `${pp}.protocol`, type: 'Unsupported value', value: p.protocol, detail: `supported values: ${quoteList(PROTOCOLS)}` });
    }
    if (p.name) for (const detail of validateName(p.name, 'label')) errs.push({ field: `${pp}.name`, type: 'Invalid value', value: p.name, detail });
  });
  for (const kind of ['requests', 'limits'] as const) {
    for (const [r, q] of Object.entries(c.resources?.[kind] ?? {})) {
      try {
        if (parseQuantity(String(q)) < 0) errs.push({ field: `${path}.resources.${kind}[${r}]`, type: 'Invalid value', value: String(q), detail: 'must be greater than or equal to 0' });
      } catch {
        errs.push({ field: `${path}.resources.${kind}[${r}]`, type: 'Invalid value', value: String(q), detail: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" });
      }
    }
  }
  for (const [r, q] of Object.entries(c.resources?.requests ?? {})) {
    const lim = c.resources?.limits?.[r];
    try {
      if (lim !== undefined && parseQuantity(String(q)) > parseQuantity(String(lim))) {
        errs.push({ field: `${path}.resources.requests`, type: 'Invalid value', value: String(q), detail: `must be less than or equal to ${r} limit of ${lim}` });
      }
    } catch {
      // reported above
    }
  }
  return errs;
}

export function validatePodSpec(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    errs.push({ field: `${path}.containers`, type: 'Required value' });
    return errs;
  }
  const names = new Set<string>();
  (spec.initContainers ?? []).forEach((c: Container, i: number) => errs.push(...validateContainer(c, `${path}.initContainers[${i}]`, names)));
  spec.containers.forEach((c: Container, i: number) => errs.push(...validateContainer(c, `${path}.containers[${i}]`, names)));
  if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    errs.push({ field: `${path}.restartPolicy`, type: 'Unsupported value', value: spec.restartPolicy, detail: `supported values: ${quoteList(RESTART_POLICIES)}` });
  }
  return errs;
}

function validateWorkload(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    errs.push({ field: 'spec.replicas', type: 'Invalid value', value: spec.replicas, detail: 'must be greater than or equal to 0' });
  }
  const sel = spec.selector;
  if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
    errs.push({ field: 'spec.selector', type: 'Required value' });
    if (sel) errs.push({ field: 'spec.selector', type: 'Invalid value', value: { raw: 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}' }, detail: 'empty selector is invalid for deployment' });
  } else {
    const labels = spec.template?.metadata?.labels ?? {};
    if (!matchesLabels(labelSelectorFromObject(sel), labels)) {
      const shown = `map[string]string{${Object.keys(labels).sort().map((k) => `"${k}":"${labels[k]}"`).join(', ')}}`;
      errs.push({ field: 'spec.template.metadata.labels', type: 'Invalid value', value: { raw: shown }, detail: '`selector` does not match template `labels`' });
    }
  }
  errs.push(...labelFieldErrors(spec.template?.metadata?.labels, 'spec.template.metadata.labels'));
  errs.push(...validatePodSpec(spec.template?.spec, 'spec.template.spec'));
  if (obj.kind === 'Deployment' && spec.template?.spec?.restartPolicy && spec.template.spec.restartPolicy !== 'Always') {
    errs.push({ field: 'spec.template.spec.restartPolicy', type: 'Unsupported value', value: spec.template.spec.restartPolicy, detail: 'supported values: "Always"' });
  }
  const ru = spec.strategy?.rollingUpdate;
  if (obj.kind === 'Deployment' && ru) {
    const isZero = (v: unknown) => v === 0 || v === '0%' || v === '0';
    if (isZero(ru.maxSurge) && isZero(ru.maxUnavailable)) {
      errs.push({ field: 'spec.strategy.rollingUpdate.maxUnavailable', type: 'Invalid value', value: ru.maxUnavailable, detail: 'may not be 0 when `maxSurge` is 0' });
    }
  }
  return errs;
}

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function validateService(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  if (spec.type && !SERVICE_TYPES.includes(spec.type)) {
    errs.push({ field: 'spec.type', type: 'Unsupported value', value: spec.type, detail: `supported values: ${quoteList([...SERVICE_TYPES].sort())}` });
  }
  const ports: any[] = spec.ports ?? [];
  if (!ports.length && spec.clusterIP !== 'None' && spec.type !== 'ExternalName') errs.push({ field: 'spec.ports', type: 'Required value' });
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push({ field: `${path}.name`, type: 'Required value' });
    if (p.name) {
      if (names.has(p.name)) errs.push({ field: `${path}.name`, type: 'Duplicate value', value: p.name });
      names.add(p.name);
    }
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      errs.push({ field: `${path}.port`, type: 'Invalid value', value: p.port, detail: 'must be between 1 and 65535, inclusive' });
    }
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) {
      errs.push({ field: `${path}.protocol`, type: 'Unsupported value', value: p.protocol, detail: `supported values: ${quoteList(PROTOCOLS)}` });
    }
    if (p.nodePort !== undefined && (p.nodePort < 30000 || p.nodePort > 32767)) {
      errs.push({ field: `${path}.nodePort`, type: 'Invalid value', value: p.nodePort, detail: 'provided port is not in the valid range. The range of valid ports is 30000-32767' });
    }
    if (p.nodePort !== undefined && spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') {
      errs.push({ field: `${path}.nodePort`, type: 'Forbidden', detail: 'may not be used when `type` is \'ClusterIP\'' });
    }
  });
  errs.push(...labelFieldErrors(spec.selector, 'spec.selector'));
  return errs;
}

const nonNegative = (errs: FieldError[], path: string, v: unknown) => {
  if (typeof v === 'number' && v < 0) errs.push({ field: path, type: 'Invalid value', value: v, detail: 'must be greater than or equal to 0' });
};

/** The selector and template of a controller: the template's labels must match. */
function validateSelectedTemplate(spec: any, path: string, errs: FieldError[]): void {
  const sel = spec.selector;
  if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
    errs.push({ field: `${path}.selector`, type: 'Required value' });
  } else {
    const labels = spec.template?.metadata?.labels ?? {};
    if (!matchesLabels(labelSelectorFromObject(sel), labels)) {
      const shown = `map[string]string{${Object.keys(labels).sort().map((k) => `"${k}":"${labels[k]}"`).join(', ')}}`;
      errs.push({ field: `${path}.template.metadata.labels`, type: 'Invalid value', value: { raw: shown }, detail: '`selector` does not match template `labels`' });
    }
  }
  errs.push(...labelFieldErrors(spec.template?.metadata?.labels, `${path}.template.metadata.labels`));
}

const JOB_RESTART = ['OnFailure', 'Never'];

/** ValidateJobSpec (path `spec` for a Job, `spec.jobTemplate.spec` for a CronJob's template). */
function validateJobSpec(spec: any, path: string, generatedSelector: boolean): FieldError[] {
  const errs: FieldError[] = [];
  nonNegative(errs, `${path}.parallelism`, spec.parallelism);
  nonNegative(errs, `${path}.completions`, spec.completions);
  nonNegative(errs, `${path}.backoffLimit`, spec.backoffLimit);
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) {
    errs.push({ field: `${path}.activeDeadlineSeconds`, type: 'Invalid value', value: spec.activeDeadlineSeconds, detail: 'must be greater than 0' });
  }
  nonNegative(errs, `${path}.ttlSecondsAfterFinished`, spec.ttlSecondsAfterFinished);
  if (generatedSelector) validateSelectedTemplate(spec, path, errs);
  else if (spec.selector) errs.push({ field: `${path}.selector`, type: 'Invalid value', value: { raw: 'v1.LabelSelector' }, detail: '`selector` will be auto-generated' });
  errs.push(...validatePodSpec(spec.template?.spec, `${path}.template.spec`));
  const policy = spec.template?.spec?.restartPolicy;
  if (policy && RESTART_POLICIES.includes(policy) && !JOB_RESTART.includes(policy)) {
    errs.push({ field: `${path}.template.spec.restartPolicy`, type: 'Unsupported value', value: policy, detail: `supported values: ${quoteList(JOB_RESTART)}` });
  }
  return errs;
}

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];

function validateCronJob(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  if ((obj.metadata.name ?? '').length > 52) errs.push({ field: 'metadata.name', type: 'Invalid value', value: obj.metadata.name, detail: 'must be no more than 52 characters' });
  if (!spec.schedule) errs.push({ field: 'spec.schedule', type: 'Required value' });
  else if (/^\s*(CRON_)?TZ=/.test(spec.schedule)) errs.push({ field: 'spec.schedule', type: 'Invalid value', value: spec.schedule, detail: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead' });
  else {
    try {
      parseCron(spec.schedule);
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      errs.push({ field: 'spec.schedule', type: 'Invalid value', value: spec.schedule, detail: e.message });
    }
  }
  if (spec.timeZone !== undefined && spec.timeZone !== null && !validTimeZone(spec.timeZone)) {
    errs.push({ field: 'spec.timeZone', type: 'Invalid value', value: spec.timeZone, detail: spec.timeZone === '' ? 'timeZone must be nil or non-empty string' : `unknown time zone ${spec.timeZone}` });
  }
  if (spec.concurrencyPolicy && !CONCURRENCY.includes(spec.concurrencyPolicy)) {
    errs.push({ field: 'spec.concurrencyPolicy', type: 'Unsupported value', value: spec.concurrencyPolicy, detail: `supported values: ${quoteList(CONCURRENCY)}` });
  }
  nonNegative(errs, 'spec.startingDeadlineSeconds', spec.startingDeadlineSeconds);
  nonNegative(errs, 'spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit);
  nonNegative(errs, 'spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit);
  errs.push(...validateJobSpec(spec.jobTemplate?.spec ?? {}, 'spec.jobTemplate.spec', false));
  return errs;
}

function validTimeZone(tz: string): boolean {
  if (!tz || tz === 'Local') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const POD_MANAGEMENT = ['OrderedReady', 'Parallel'];
const STS_STRATEGIES = ['RollingUpdate', 'OnDelete'];

function validateStatefulSet(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  nonNegative(errs, 'spec.replicas', spec.replicas);
  if (spec.podManagementPolicy && !POD_MANAGEMENT.includes(spec.podManagementPolicy)) {
    errs.push({ field: 'spec.podManagementPolicy', type: 'Unsupported value', value: spec.podManagementPolicy, detail: `supported values: ${quoteList(POD_MANAGEMENT)}` });
  }
  if (spec.updateStrategy?.type && !STS_STRATEGIES.includes(spec.updateStrategy.type)) {
    errs.push({ field: 'spec.updateStrategy.type', type: 'Unsupported value', value: spec.updateStrategy.type, detail: `supported values: ${quoteList(STS_STRATEGIES)}` });
  }
  validateSelectedTemplate(spec, 'spec', errs);
  errs.push(...validatePodSpec(spec.template?.spec, 'spec.template.spec'));
  if (spec.template?.spec?.restartPolicy && spec.template.spec.restartPolicy !== 'Always') {
    errs.push({ field: 'spec.template.spec.restartPolicy', type: 'Unsupported value', value: spec.template.spec.restartPolicy, detail: 'supported values: "Always"' });
  }
  return errs;
}

function validateDaemonSet(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  validateSelectedTemplate(spec, 'spec', errs);
  errs.push(...validatePodSpec(spec.template?.spec, 'spec.template.spec'));
  if (spec.template?.spec?.restartPolicy && spec.template.spec.restartPolicy !== 'Always') {
    errs.push({ field: 'spec.template.spec.restartPolicy', type: 'Unsupported value', value: spec.template.spec.restartPolicy, detail: 'supported values: "Always"' });
  }
  return errs;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
export const MSG_CONFIG_KEY = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function validateDataKeys(obj: KObject, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    for (const k of Object.keys(obj[f] ?? {})) {
      if (!CONFIG_KEY.test(k) || k === '.' || k === '..') errs.push({ field: `${f}[${k}]`, type: 'Invalid value', value: k, detail: k === '.' || k === '..' ? `must not be '${k}'` : MSG_CONFIG_KEY });
      if (seen.has(k)) errs.push({ field: `${f}[${k}]`, type: 'Invalid value', value: k, detail: 'duplicate of key present in data' });
      seen.add(k);
    }
  }
  return errs;
}

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const RECLAIM = ['Recycle', 'Delete', 'Retain'];
const VOLUME_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'azureFile', 'cephfs', 'rbd', 'cinder', 'flexVolume', 'glusterfs', 'portworxVolume', 'photonPersistentDisk', 'quobyte', 'scaleIO', 'storageos', 'vsphereVolume', 'flocker'];

function validateAccessModes(modes: unknown, path: string, errs: FieldError[], detail?: string): void {
  if (!Array.isArray(modes) || !modes.length) {
    errs.push({ field: path, type: 'Required value', ...(detail ? { detail } : {}) });
    return;
  }
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push({ field: path, type: 'Unsupported value', value: m, detail: `supported values: ${quoteList(ACCESS_MODES)}` });
}

function validatePersistentVolume(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  validateAccessModes(spec.accessModes, 'spec.accessModes', errs);
  if (!spec.capacity?.storage) errs.push({ field: 'spec.capacity', type: 'Required value' });
  if (!VOLUME_SOURCES.some((k) => spec[k])) errs.push({ field: 'spec', type: 'Required value', detail: 'must specify a volume type' });
  if (spec.persistentVolumeReclaimPolicy && !RECLAIM.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push({ field: 'spec.persistentVolumeReclaimPolicy', type: 'Unsupported value', value: spec.persistentVolumeReclaimPolicy, detail: `supported values: ${quoteList(RECLAIM)}` });
  }
  return errs;
}

function validatePersistentVolumeClaim(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  validateAccessModes(spec.accessModes, 'spec.accessModes', errs, 'at least 1 access mode is required');
  if (!spec.resources?.requests?.storage) errs.push({ field: 'spec.resources[storage]', type: 'Required value' });
  return errs;
}

const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function validateStorageClass(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!obj.provisioner) errs.push({ field: 'provisioner', type: 'Required value' });
  if (obj.reclaimPolicy && !['Delete', 'Retain'].includes(obj.reclaimPolicy)) errs.push({ field: 'reclaimPolicy', type: 'Unsupported value', value: obj.reclaimPolicy, detail: 'supported values: "Delete", "Retain"' });
  if (obj.volumeBindingMode && !BINDING_MODES.includes(obj.volumeBindingMode)) {
    errs.push({ field: 'volumeBindingMode', type: 'Unsupported value', value: obj.volumeBindingMode, detail: `supported values: ${quoteList(BINDING_MODES)}` });
  }
  return errs;
}

const POLICY_TYPES = ['Ingress', 'Egress'];

function validatePolicyPort(p: any, path: string, errs: FieldError[]): void {
  if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) errs.push({ field: `${path}.protocol`, type: 'Unsupported value', value: p.protocol, detail: `supported values: ${quoteList(PROTOCOLS)}` });
  if (typeof p.port === 'number' && (p.port < 1 || p.port > 65535)) errs.push({ field: `${path}.port`, type: 'Invalid value', value: p.port, detail: 'must be between 1 and 65535, inclusive' });
  if (typeof p.port === 'string' && !/^\d+$/.test(p.port) && !(p.port.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(p.port) && /[a-z]/.test(p.port) && !p.port.includes('--'))) {
    errs.push({ field: `${path}.port`, type: 'Invalid value', value: p.port, detail: "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)" });
  }
  if (p.endPort !== undefined) {
    if (p.port === undefined) errs.push({ field: `${path}.endPort`, type: 'Invalid value', value: p.endPort, detail: 'may not be specified when `port` is not specified' });
    else if (typeof p.port !== 'number') errs.push({ field: `${path}.endPort`, type: 'Invalid value', value: p.endPort, detail: 'may not be specified when `port` is non-numeric' });
    else if (p.endPort < p.port) errs.push({ field: `${path}.endPort`, type: 'Invalid value', value: p.endPort, detail: 'must be greater than or equal to `port`' });
  }
}

function validatePolicyPeer(peer: any, path: string, errs: FieldError[]): void {
  const selectors = (peer.podSelector ? 1 : 0) + (peer.namespaceSelector ? 1 : 0);
  if (!selectors && !peer.ipBlock) {
    errs.push({ field: path, type: 'Required value', detail: 'must specify a peer' });
    return;
  }
  if (peer.ipBlock && selectors) errs.push({ field: path, type: 'Forbidden', detail: 'may not specify both ipBlock and another peer' });
  if (peer.ipBlock) {
    const cidr = peer.ipBlock.cidr;
    const valid = (c: unknown) => typeof c === 'string' && /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/.test(c) && c.split('/')[0].split('.').every((o) => Number(o) <= 255);
    if (!cidr) errs.push({ field: `${path}.ipBlock.cidr`, type: 'Required value' });
    else if (!valid(cidr)) errs.push({ field: `${path}.ipBlock.cidr`, type: 'Invalid value', value: cidr, detail: 'not a valid CIDR' });
  }
}

function validateNetworkPolicy(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  const types: unknown[] = spec.policyTypes ?? [];
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t as string)) errs.push({ field: `spec.policyTypes[${i}]`, type: 'Unsupported value', value: t, detail: `supported values: ${quoteList(POLICY_TYPES)}` });
  });
  if (types.length > 2) errs.push({ field: 'spec.policyTypes', type: 'Invalid value', value: { raw: `[]networking.PolicyType{${types.map((t) => `"${t}"`).join(', ')}}` }, detail: 'may not specify more than two policyTypes' });
  for (const dir of ['ingress', 'egress'] as const) {
    (spec[dir] ?? []).forEach((rule: any, i: number) => {
      (rule?.ports ?? []).forEach((p: any, j: number) => validatePolicyPort(p, `spec.${dir}[${i}].ports[${j}]`, errs));
      (rule?.[dir === 'ingress' ? 'from' : 'to'] ?? []).forEach((peer: any, j: number) => validatePolicyPeer(peer, `spec.${dir}[${i}].${dir === 'ingress' ? 'from' : 'to'}[${j}]`, errs));
    });
  }
  return errs;
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateIngressBackend(b: any, path: string, errs: FieldError[]): void {
  if (!b) return;
  if (b.service && b.resource) errs.push({ field: path, type: 'Invalid value', value: '', detail: 'cannot set both resource and service backends' });
  else if (!b.service && !b.resource) errs.push({ field: path, type: 'Invalid value', value: '', detail: 'resource or service backend is required' });
  if (!b.service) return;
  const port = b.service.port ?? {};
  if (port.name === undefined && port.number === undefined) errs.push({ field: path, type: 'Required value', detail: 'port name or number is required' });
  else if (port.name !== undefined && port.number !== undefined) errs.push({ field: path, type: 'Invalid value', value: '', detail: 'cannot set both port name & port number' });
  if (typeof port.number === 'number' && (port.number < 1 || port.number > 65535)) errs.push({ field: `${path}.service.port.number`, type: 'Invalid value', value: port.number, detail: 'must be between 1 and 65535, inclusive' });
  if (b.service.name !== undefined) for (const detail of validateName(b.service.name, 'dns1035')) errs.push({ field: `${path}.service.name`, type: 'Invalid value', value: b.service.name, detail });
}

function validateIngress(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  if (!spec.defaultBackend && !spec.rules?.length) errs.push({ field: 'spec', type: 'Invalid value', value: { raw: 'networking.IngressSpec{...}' }, detail: 'either `defaultBackend` or `rules` must be specified' });
  validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend', errs);
  (spec.rules ?? []).forEach((rule: any, i: number) => {
    const rp = `spec.rules[${i}]`;
    if (rule.host) {
      if (/^\d+(\.\d+){3}$/.test(rule.host)) errs.push({ field: `${rp}.host`, type: 'Invalid value', value: rule.host, detail: 'must be a DNS name, not an IP address' });
      else if (rule.host.includes('*')) {
        if (!rule.host.startsWith('*.') || validateName(rule.host.slice(2), 'subdomain').length) {
          errs.push({ field: `${rp}.host`, type: 'Invalid value', value: rule.host, detail: "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')" });
        }
      } else for (const detail of validateName(rule.host, 'subdomain')) errs.push({ field: `${rp}.host`, type: 'Invalid value', value: rule.host, detail });
    }
    if (!rule.http) return;
    const paths: any[] = rule.http.paths ?? [];
    if (!paths.length) errs.push({ field: `${rp}.http.paths`, type: 'Required value' });
    paths.forEach((p, j) => {
      const pp = `${rp}.http.paths[${j}]`;
      if (!p.pathType) errs.push({ field: `${pp}.pathType`, type: 'Required value', detail: 'pathType must be specified' });
      else if (!PATH_TYPES.includes(p.pathType)) errs.push({ field: `${pp}.pathType`, type: 'Unsupported value', value: p.pathType, detail: `supported values: ${quoteList(PATH_TYPES)}` });
      if (p.path !== undefined && p.path !== '') {
        if (!p.path.startsWith('/')) errs.push({ field: `${pp}.path`, type: 'Invalid value', value: p.path, detail: 'must be an absolute path' });
        else if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
          const bad = ['//', '/./', '/../', '%2f', '%2F'].find((x) => p.path.includes(x));
          if (bad) errs.push({ field: `${pp}.path`, type: 'Invalid value', value: p.path, detail: `must not contain '${bad}'` });
          else if (/\/\.\.?$/.test(p.path)) errs.push({ field: `${pp}.path`, type: 'Invalid value', value: p.path, detail: `cannot end with '${p.path.endsWith('/..') ? '/..' : '/.'}'` });
        }
      } else if (p.pathType === 'Exact' || p.pathType === 'Prefix') errs.push({ field: `${pp}.path`, type: 'Invalid value', value: p.path ?? '', detail: 'must be an absolute path' });
      validateIngressBackend(p.backend, `${pp}.backend`, errs);
    });
  });
  return errs;
}

const VALIDATORS: Record<string, (obj: KObject) => FieldError[]> = {
  Ingress: validateIngress,
  NetworkPolicy: validateNetworkPolicy,
  PersistentVolume: validatePersistentVolume,
  PersistentVolumeClaim: validatePersistentVolumeClaim,
  StorageClass: validateStorageClass,
  Service: validateService,
  Pod: (obj) => validatePodSpec(obj.spec, 'spec'),
  Deployment: validateWorkload,
  ReplicaSet: validateWorkload,
  DaemonSet: validateDaemonSet,
  StatefulSet: validateStatefulSet,
  Job: (obj) => validateJobSpec(obj.spec ?? {}, 'spec', true),
  CronJob: validateCronJob,
  ConfigMap: (obj) => validateDataKeys(obj, ['data', 'binaryData']),
  Secret: (obj) => validateDataKeys(obj, ['data']),
};

export function validateObject(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nameFieldErrors(obj.metadata.name, NAME_RULES[obj.kind] ?? 'subdomain'));
  errs.push(...labelFieldErrors(obj.metadata.labels, 'metadata.labels'));
  errs.push(...(VALIDATORS[obj.kind]?.(obj) ?? []));
  return errs;
}

/** Fields that may not change once an object exists (ValidateXUpdate). */
export function validateUpdate(old: KObject, next: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const immutable = (field: string, a: unknown, b: unknown, shown: unknown) => {
    if (!isDeepStrictEqual(a, b)) errs.push({ field, type: 'Invalid value', value: shown, detail: 'field is immutable' });
  };
  if (['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'].includes(next.kind)) {
    const sel = next.spec?.selector ?? {};
    const shown = { raw: `v1.LabelSelector{MatchLabels:map[string]string{${Object.keys(sel.matchLabels ?? {}).sort().map((k) => `"${k}":"${sel.matchLabels[k]}"`).join(', ')}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` };
    immutable('spec.selector', old.spec?.selector, next.spec?.selector, shown);
  }
  if (next.kind === 'PersistentVolumeClaim') {
    const strip = (spec: any) => {
      const s = structuredClone(spec ?? {});
      delete s.resources;
      delete s.volumeName;
      delete s.volumeAttributesClassName;
      return s;
    };
    if (!isDeepStrictEqual(strip(old.spec), strip(next.spec))) {
      errs.push({ field: 'spec', type: 'Forbidden', detail: 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' });
    }
  }
  if (next.kind === 'Pod') {
    const strip = (spec: any) => {
      const s = structuredClone(spec ?? {});
      for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete c.image;
      delete s.activeDeadlineSeconds;
      delete s.tolerations;
      delete s.terminationGracePeriodSeconds;
      return s;
    };
    if (!isDeepStrictEqual(strip(old.spec), strip(next.spec))) {
      errs.push({
        field: 'spec',
        type: 'Forbidden',
        detail: 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      });
    }
  }
  return errs;
}
