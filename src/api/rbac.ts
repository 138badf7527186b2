// RBAC as kube-apiserver evaluates it: who a request comes from, which bindings apply to them,
// whether a rule allows a request, the Forbidden message when none does, and kubectl's table of
// rules (describe role, auth can-i --list).
import type { ApiServer } from './server.ts';
import type { KObject } from './types.ts';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface UserInfo {
  name: string;
  groups: string[];
}

/** kubeadm's admin.conf user. */
export const ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** The identity `--as`/`--as-group` ask for, as the impersonation filter completes it. */
export function impersonated(as: string, asGroups: string[] = []): UserInfo {
  const groups = [...asGroups];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  if (sa && !asGroups.length) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (as === 'system:anonymous') {
    if (!groups.includes('system:unauthenticated')) groups.push('system:unauthenticated');
  } else if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push('system:authenticated');
  return { name: as, groups };
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** What a request asks: a verb on a resource (namespaced or not), or on a non-resource path. */
export interface Attributes {
  verb: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  path?: string;
}

function subjectApplies(s: any, user: UserInfo, bindingNs: string): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') {
    const ns = s.namespace || bindingNs;
    return !!ns && user.name === `system:serviceaccount:${ns}:${s.name}`;
  }
  return false;
}

/** The rules every binding that names the user grants, in the authorizer's order, and the roles it could not find. */
export function rulesFor(api: ApiServer, user: UserInfo, namespace: string | undefined): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  const roleRules = (ref: any, ns: string | undefined) => {
    const role = ref.kind === 'Role' ? api.get('roles', ns, ref.name) : api.get('clusterroles', undefined, ref.name);
    if (!role) {
      errors.push(`${ref.kind === 'Role' ? 'role' : 'clusterrole'}.rbac.authorization.k8s.io "${ref.name}" not found`);
      return;
    }
    rules.push(...((role as any).rules ?? []));
  };
  for (const b of api.list('clusterrolebindings')) {
    if (((b as any).subjects ?? []).some((s: any) => subjectApplies(s, user, ''))) roleRules((b as any).roleRef, undefined);
  }
  if (namespace) {
    for (const b of api.list('rolebindings', namespace)) {
      if (((b as any).subjects ?? []).some((s: any) => subjectApplies(s, user, namespace))) roleRules((b as any).roleRef, namespace);
    }
  }
  return { rules, errors };
}

const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.replace(/\*+$/, ''))));
  }
  if (!has(rule.apiGroups, a.group ?? '')) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
  if (!(rule.resources ?? []).some((r) => r === '*' || r === combined || (!!a.subresource && r === `*/${a.subresource}`))) return false;
  if (rule.resourceNames?.length) return !!a.name && rule.resourceNames.includes(a.name);
  return true;
}

/** The union authorizer of a kubeadm cluster: system:masters, then RBAC. */
export function authorize(api: ApiServer, user: UserInfo, a: Attributes): { allowed: boolean; reason: string } {
  if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  const { rules, errors } = rulesFor(api, user, a.namespace);
  if (rules.some((r) => ruleAllows(r, a))) return { allowed: true, reason: '' };
  const reason = !errors.length ? '' : errors.length === 1 ? `RBAC: ${errors[0]}` : `RBAC: [${errors.join(', ')}]`;
  return { allowed: false, reason };
}

/** The apiserver's Forbidden message for a denied request. */
export function forbiddenMessage(user: UserInfo, a: Attributes, reason: string): string {
  let msg: string;
  if (a.path !== undefined) msg = `User "${user.name}" cannot ${a.verb} path "${a.path}"`;
  else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    msg = a.namespace
      ? `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group ?? ''}" in the namespace "${a.namespace}"`
      : `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group ?? ''}" at the cluster scope`;
  }
  if (reason) msg += `: ${reason}`;
  if (a.path !== undefined) return `forbidden: ${msg}`;
  const what = `${a.resource}${a.group ? `.${a.group}` : ''}`;
  return a.name ? `${what} "${a.name}" is forbidden: ${msg}` : `${what} is forbidden: ${msg}`;
}

// ---------------------------------------------------------------------------------------------
// kubectl's table of rules (pkg/util/rbac: BreakdownRule, CompactRules, sorted by String()).

const goList = (xs: string[] | undefined) => `[${(xs ?? []).join(' ')}]`;

function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of rule.apiGroups ?? []) {
    for (const res of rule.resources ?? []) {
      for (const v of rule.verbs ?? []) {
        if (rule.resourceNames?.length) for (const n of rule.resourceNames) out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n] });
        else out.push({ apiGroups: [g], resources: [res], verbs: [v] });
      }
    }
  }
  for (const u of rule.nonResourceURLs ?? []) for (const v of rule.verbs ?? []) out.push({ nonResourceURLs: [u], verbs: [v] });
  return out;
}

function compact(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames?.length ?? 0) <= 1 && !r.nonResourceURLs?.length && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], !!r.resourceNames?.length, r.resourceNames?.[0] ?? '']);
    const seen = simple.get(key);
    if (seen) {
      for (const v of r.verbs ?? []) if (!seen.verbs!.includes(v)) seen.verbs!.push(v);
    } else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...compacted, ...simple.values()];
}

/** res[.group][/sub], as CombineResourceGroup writes it. */
function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = resources[0].split(/\/(.*)/s);
  return `${res}${groups?.length && groups[0] !== '' ? `.${groups[0]}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

/** Rows of Resources, Non-Resource URLs, Resource Names, Verbs. */
export function policyRows(rules: PolicyRule[]): string[][] {
  const rows = compact(rules.flatMap(breakdown));
  const keyed = rows.map((r) => ({ r, k: ruleString(r) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map(({ r }) => [combineResourceGroup(r.resources, r.apiGroups), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
}

// ---------------------------------------------------------------------------------------------
// The clusterrole-aggregation-controller's union.

/** The rules an aggregated ClusterRole gets: those of every other role its selectors match, by name, without repeats. */
export function aggregatedRules(role: KObject, all: KObject[], matches: (selector: any, labels: Record<string, string> | undefined) => boolean): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  const sorted = [...all].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const selector of (role as any).aggregationRule?.clusterRoleSelectors ?? []) {
    for (const other of sorted) {
      if (other.metadata.name === role.metadata.name || !matches(selector, other.metadata.labels)) continue;
      for (const r of (other as any).rules ?? []) {
        const key = JSON.stringify(r);
        if (!seen.has(key)) {
          seen.add(key);
          rules.push(r);
        }
      }
    }
  }
  return rules;
}
