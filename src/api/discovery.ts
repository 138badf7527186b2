// Resource names as a 1.32 cluster's discovery maps them, including kinds kubesim does not serve:
// RBAC rules and `auth can-i` name resources by what the real API offers (ingresses, secrets,
// horizontalpodautoscalers, ...), not only by what this simulator runs.
import { RESOURCE_TYPES } from './resources.ts';

export interface DiscoveredResource {
  plural: string;
  group: string;
  namespaced: boolean;
}

/** [plural, singular, short names, group, namespaced] of resources kubesim knows only by name. */
const UNSERVED: [string, string, string[], string, boolean][] = [
  ['bindings', 'binding', [], '', true],
  ['componentstatuses', 'componentstatus', ['cs'], '', false],
  ['limitranges', 'limitrange', ['limits'], '', true],
  ['podtemplates', 'podtemplate', [], '', true],
  ['replicationcontrollers', 'replicationcontroller', ['rc'], '', true],
  ['resourcequotas', 'resourcequota', ['quota'], '', true],
  ['mutatingwebhookconfigurations', 'mutatingwebhookconfiguration', [], 'admissionregistration.k8s.io', false],
  ['validatingwebhookconfigurations', 'validatingwebhookconfiguration', [], 'admissionregistration.k8s.io', false],
  ['validatingadmissionpolicies', 'validatingadmissionpolicy', [], 'admissionregistration.k8s.io', false],
  ['customresourcedefinitions', 'customresourcedefinition', ['crd', 'crds'], 'apiextensions.k8s.io', false],
  ['apiservices', 'apiservice', [], 'apiregistration.k8s.io', false],
  ['controllerrevisions', 'controllerrevision', [], 'apps', true],
  ['selfsubjectreviews', 'selfsubjectreview', [], 'authentication.k8s.io', false],
  ['tokenreviews', 'tokenreview', [], 'authentication.k8s.io', false],
  ['localsubjectaccessreviews', 'localsubjectaccessreview', [], 'authorization.k8s.io', true],
  ['selfsubjectaccessreviews', 'selfsubjectaccessreview', [], 'authorization.k8s.io', false],
  ['selfsubjectrulesreviews', 'selfsubjectrulesreview', [], 'authorization.k8s.io', false],
  ['subjectaccessreviews', 'subjectaccessreview', [], 'authorization.k8s.io', false],
  ['horizontalpodautoscalers', 'horizontalpodautoscaler', ['hpa'], 'autoscaling', true],
  ['certificatesigningrequests', 'certificatesigningrequest', ['csr'], 'certificates.k8s.io', false],
  ['leases', 'lease', [], 'coordination.k8s.io', true],
  ['endpointslices', 'endpointslice', [], 'discovery.k8s.io', true],
  ['flowschemas', 'flowschema', [], 'flowcontrol.apiserver.k8s.io', false],
  ['prioritylevelconfigurations', 'prioritylevelconfiguration', [], 'flowcontrol.apiserver.k8s.io', false],
  ['runtimeclasses', 'runtimeclass', [], 'node.k8s.io', false],
  ['poddisruptionbudgets', 'poddisruptionbudget', ['pdb'], 'policy', true],
  ['priorityclasses', 'priorityclass', ['pc'], 'scheduling.k8s.io', false],
  ['csidrivers', 'csidriver', [], 'storage.k8s.io', false],
  ['csinodes', 'csinode', [], 'storage.k8s.io', false],
  ['csistoragecapacities', 'csistoragecapacity', [], 'storage.k8s.io', true],
  ['volumeattachments', 'volumeattachment', [], 'storage.k8s.io', false],
];

const byName = new Map<string, DiscoveredResource[]>();

function add(names: string[], r: DiscoveredResource): void {
  for (const n of names) {
    const list = byName.get(n) ?? [];
    list.push(r);
    byName.set(n, list);
  }
}

for (const t of RESOURCE_TYPES) add([t.plural, t.singular, ...t.shortNames], { plural: t.plural, group: t.group, namespaced: t.namespaced });
for (const [plural, singular, short, group, namespaced] of UNSERVED) add([plural, singular, ...short], { plural, group, namespaced });

/** The resource a name means (as `kubectl create role --resource` and `auth can-i` map it); undefined when the cluster has none. */
export function discover(name: string, group?: string): DiscoveredResource | undefined {
  const candidates = byName.get(name.toLowerCase()) ?? [];
  return group === undefined || group === '' ? candidates[0] : candidates.find((c) => c.group === group);
}
