// kubectl create role | clusterrole | rolebinding | clusterrolebinding: rules built as kubectl
// builds them (one per API group, groups sorted, verbs and names without repeats) and its errors.
import type { Command } from 'commander';
import { CliError, RawError, UsageError } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { discover } from '../../api/discovery.ts';
import { RBAC_GROUP, type PolicyRule } from '../../api/rbac.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { addDryRunOptions } from './mutation-output.ts';
import { submitTyped } from './create.ts';
import { err } from '../io.ts';

const API_VERSION = `${RBAC_GROUP}/v1`;
const commaList = (v: string, prev: string[] = []) => [...prev, ...v.split(',')];
const repeated = (v: string, prev: string[] = []) => [...prev, v];
const unique = (xs: string[]) => [...new Set(xs)];

const RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** Verbs that only make sense on certain resources. */
const SPECIAL: Record<string, [string, string][]> = {
  use: [['policy', 'podsecuritypolicies'], ['extensions', 'podsecuritypolicies']],
  bind: [[RBAC_GROUP, 'roles'], [RBAC_GROUP, 'clusterroles']],
  escalate: [[RBAC_GROUP, 'roles'], [RBAC_GROUP, 'clusterroles']],
  impersonate: [['', 'users'], ['', 'serviceaccounts'], ['', 'groups'], ['authentication.k8s.io', 'userextras']],
};

function oneName(names: string[], path: string): string {
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, `${PROGRAM} create ${path}`);
  return names[0];
}

interface ResourceSpec {
  resource: string;
  group: string;
  subresource?: string;
}

/** --resource values: resource[.group][/subresource], mapped through discovery; a bare `*` stands for everything. */
function parseResources(specs: string[]): ResourceSpec[] {
  const out: ResourceSpec[] = [];
  for (const spec of specs) {
    if (spec === '*') return [{ resource: '*', group: '' }];
    const slash = spec.indexOf('/');
    const head = slash < 0 ? spec : spec.slice(0, slash);
    const sub = slash < 0 ? undefined : spec.slice(slash + 1);
    const dot = head.indexOf('.');
    const resource = dot < 0 ? head : head.slice(0, dot);
    const group = dot < 0 ? undefined : head.slice(dot + 1);
    if (!resource) throw new CliError('resource must be specified if apiGroup/subresource specified');
    out.push({ resource, group: group ?? '', subresource: sub, ...(group === undefined ? { unmapped: true } : {}) } as ResourceSpec);
  }
  return out.map((r: any) => {
    const found = discover(r.resource, r.unmapped ? undefined : r.group);
    if (!found) {
      throw new RawError(r.unmapped ? `the server doesn't have a resource type "${r.resource}"` : `the server doesn't have a resource type "${r.resource}" in group "${r.group}"`);
    }
    return { resource: found.plural, group: found.group, ...(r.subresource !== undefined ? { subresource: r.subresource } : {}) };
  });
}

function buildRules(verbs: string[], resources: ResourceSpec[], names: string[]): PolicyRule[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const list = byGroup.get(r.group) ?? [];
    const full = r.subresource !== undefined ? `${r.resource}/${r.subresource}` : r.resource;
    if (!list.includes(full)) list.push(full);
    byGroup.set(r.group, list);
  }
  return [...byGroup.keys()].sort().map((group) => ({ verbs, apiGroups: [group], resources: byGroup.get(group)!, ...(names.length ? { resourceNames: names } : {}) }));
}

function checkSpecialVerbs(verbs: string[], resources: ResourceSpec[]): void {
  for (const v of verbs) {
    const allowed = SPECIAL[v];
    if (!allowed) continue;
    for (const r of resources) {
      if (!allowed.some(([g, res]) => g === r.group && res === r.resource)) throw new CliError(`can not perform '${v}' on '${r.resource}' in group '${r.group}'`);
    }
  }
}

function normalizeVerbs(raw: string[] | undefined): string[] {
  const verbs = unique((raw ?? []).filter((v) => v !== ''));
  return verbs.includes('*') ? ['*'] : verbs;
}

function warnUnknownVerbs(verbs: string[]): void {
  for (const v of verbs) if (!RESOURCE_VERBS.includes(v)) err(`Warning: '${v}' is not a standard resource verb`);
}

function roleObject(kind: 'Role' | 'ClusterRole', name: string, o: any): KObject {
  const verbs = normalizeVerbs(o.verb);
  const nonResourceURLs: string[] = unique(o.nonResourceUrl ?? []);
  const aggregation = o.aggregationRule as Record<string, string> | undefined;
  if (aggregation) {
    if (verbs.length || o.resource?.length || o.resourceName?.length || nonResourceURLs.length) {
      throw new CliError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
    }
    return { kind, apiVersion: API_VERSION, metadata: { name, creationTimestamp: null as any }, rules: null as any, aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } } as any;
  }
  if (!verbs.length) throw new CliError('at least one verb must be specified');
  const resourceSpecs: string[] = (o.resource ?? []).filter((r: string) => r !== '');
  if (!resourceSpecs.length && !(kind === 'ClusterRole' && nonResourceURLs.length)) {
    throw new CliError(kind === 'Role' ? 'at least one resource must be specified' : 'one of resource or nonResourceURL must be specified');
  }
  for (const u of nonResourceURLs) {
    if (u !== '*' && !u.startsWith('/')) throw new CliError('nonResourceURL should start with /');
    if (u.slice(0, -1).includes('*')) throw new CliError("nonResourceURL only supports wildcard matches when '*' is at the end");
  }
  if (resourceSpecs.length) warnUnknownVerbs(verbs);
  if (nonResourceURLs.length) for (const v of verbs) if (!NON_RESOURCE_VERBS.includes(v)) throw new CliError(`invalid verb: '${v}' for nonResourceURL`);
  const resources = resourceSpecs.length ? parseResources(resourceSpecs) : [];
  checkSpecialVerbs(verbs, resources);
  const rules = resources.length ? buildRules(verbs, resources, unique(o.resourceName ?? [])) : [];
  if (nonResourceURLs.length) rules.push({ verbs, nonResourceURLs });
  return { kind, apiVersion: API_VERSION, metadata: { name, creationTimestamp: null as any }, rules } as any;
}

function subjectsOf(o: any): object[] {
  const sas = (o.serviceaccount ?? []).map((s: string) => {
    const parts = s.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CliError('serviceaccount must be <namespace>:<name>');
    return { kind: 'ServiceAccount', name: parts[1], namespace: parts[0] };
  });
  return [
    ...(o.user ?? []).map((name: string) => ({ kind: 'User', apiGroup: RBAC_GROUP, name })),
    ...(o.group ?? []).map((name: string) => ({ kind: 'Group', apiGroup: RBAC_GROUP, name })),
    ...sas,
  ];
}

function bindingObject(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, o: any): KObject {
  if (kind === 'RoleBinding' && !!o.role === !!o.clusterrole) throw new CliError('exactly one of clusterrole or role must be specified');
  const subjects = subjectsOf(o);
  const ref = o.role ? { apiGroup: RBAC_GROUP, kind: 'Role', name: o.role } : { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: o.clusterrole };
  return { kind, apiVersion: API_VERSION, metadata: { name, creationTimestamp: null as any }, ...(subjects.length ? { subjects } : {}), roleRef: ref } as any;
}

function parseAggregation(v: string, prev: Record<string, string> = {}): Record<string, string> {
  const out = { ...prev };
  for (const pair of v.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new RawError(`error: invalid argument "${v}" for "--aggregation-rule" flag: malformed pair, expect string=string\nSee '${PROGRAM} create clusterrole --help' for usage.`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

export function registerCreateRbac(create: Command): void {
  for (const kind of ['Role', 'ClusterRole'] as const) {
    const verb = kind.toLowerCase();
    const cmd = create
      .command(verb)
      .summary(kind === 'Role' ? 'Create a role with single rule' : 'Create a cluster role')
      .description(kind === 'Role' ? 'Create a role with single rule.' : 'Create a cluster role.')
      .usage(`NAME --verb=verb --resource=resource.group${kind === 'Role' ? '/subresource' : ''} [--resource-name=resourcename] [--dry-run=server|client|none] [options]`)
      .argument('[name...]')
      .option('--verb <verb>', 'Verb that applies to the resources contained in the rule', commaList)
      .option('--resource <resource>', 'Resource that the rule applies to', commaList)
      .option('--resource-name <name>', 'Resource in the white list that the rule applies to, repeat this flag for multiple items', repeated);
    if (kind === 'ClusterRole') {
      cmd
        .option('--non-resource-url <url>', 'A partial url that user should have access to.', commaList)
        .option('--aggregation-rule <pairs>', 'An aggregation label selector for combining ClusterRoles.', parseAggregation);
    }
    addDryRunOptions(cmd).action((names: string[], _o, c: Command) => {
      const o = allOpts<any>(c);
      const name = oneName(names, verb);
      // Role and ClusterRole report the server's errors as they are.
      submitTyped(o, undefined, roleObject(kind, name, o));
    });
  }
  for (const kind of ['RoleBinding', 'ClusterRoleBinding'] as const) {
    const verb = kind.toLowerCase();
    const cmd = create
      .command(verb)
      .summary(kind === 'RoleBinding' ? 'Create a role binding for a particular role or cluster role' : 'Create a cluster role binding for a particular cluster role')
      .description(kind === 'RoleBinding' ? 'Create a role binding for a particular role or cluster role.' : 'Create a cluster role binding for a particular cluster role.')
      .usage(
        kind === 'RoleBinding'
          ? 'NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]'
          : 'NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
      )
      .argument('[name...]')
      .option('--clusterrole <name>', `ClusterRole this ${kind} should reference`);
    if (kind === 'RoleBinding') cmd.option('--role <name>', 'Role this RoleBinding should reference');
    cmd
      .option('--user <name>', `Usernames to bind to the ${verb === 'rolebinding' ? 'role' : 'clusterrole'}. The flag can be repeated to add multiple users.`, repeated)
      .option('--group <name>', `Groups to bind to the ${verb === 'rolebinding' ? 'role' : 'clusterrole'}. The flag can be repeated to add multiple groups.`, repeated)
      .option('--serviceaccount <sa>', `Service accounts to bind to the ${verb === 'rolebinding' ? 'role' : 'clusterrole'}, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.`, repeated);
    addDryRunOptions(cmd).action((names: string[], _o, c: Command) => {
      const o = allOpts<any>(c);
      if (kind === 'ClusterRoleBinding' && !o.clusterrole) throw new CliError('required flag(s) "clusterrole" not set');
      const name = oneName(names, verb);
      submitTyped(o, verb, bindingObject(kind, name, o));
    });
  }
}
