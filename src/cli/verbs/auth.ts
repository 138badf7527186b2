// kubectl auth can-i | whoami: what RBAC lets a user do (the user itself, or whom --as names),
// answered as the API server answers SelfSubjectAccessReviews and SelfSubjectRulesReviews.
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { CliError, RawError } from '../../api/errors.ts';
import { discover } from '../../api/discovery.ts';
import { ADMIN, authorize, forbiddenMessage, policyRows, rulesFor, type Attributes, type UserInfo } from '../../api/rbac.ts';
import { TabWriter, TABLE_OPTS } from '../../printers/tabwriter.ts';
import { toJson, toYaml } from '../../printers/serialize.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { out, err } from '../io.ts';

const RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest'];
const NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*'];

/** kubectl's warnings end in a newline and get one more from its warning printer. */
const warn = (msg: string) => err(`Warning: ${msg}\n\n`);

function canI(o: any, args: string[]): void {
  const usage = `See '${PROGRAM} auth can-i -h' for help and examples.`;
  if (o.list) {
    if (args.length) throw new CliError('list option must be specified with no arguments');
    if (o.quiet || o.allNamespaces || o.subresource) throw new CliError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
  } else {
    if (o.headers === false) throw new CliError('--no-headers cannot be set without --list specified');
    if (args.length !== 2) throw new RawError(`error: you must specify two arguments: verb resource or verb resource/resourceName.\n${usage}`);
  }
  const target = resolveTarget(o);
  const user: UserInfo = target.user ?? ADMIN;
  if (o.list) {
    const text = withCluster(target.cluster, (api) => {
      const rules = user.groups.includes('system:masters') ? [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }, ...rulesFor(api, user, target.namespace).rules] : rulesFor(api, user, target.namespace).rules;
      const tw = new TabWriter({ ...TABLE_OPTS });
      if (o.headers !== false) tw.write('Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
      for (const row of policyRows(rules)) tw.write(`${row.join('\t')}\n`);
      return tw.flush();
    });
    out(text);
    return;
  }
  const [verb, what] = args;
  let attrs: Attributes;
  if (what.startsWith('/')) {
    if (o.subresource) throw new CliError('--subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    attrs = { verb, path: what };
  } else {
    const slash = what.indexOf('/');
    const typeName = slash < 0 ? what : what.slice(0, slash);
    const name = slash < 0 ? undefined : what.slice(slash + 1);
    if (!RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    const dot = typeName.indexOf('.');
    const res = dot < 0 ? typeName : typeName.slice(0, dot);
    const group = dot < 0 ? undefined : typeName.slice(dot + 1);
    let resource = typeName;
    let apiGroup = '';
    if (typeName === '*') resource = '*';
    else {
      const found = discover(res, group);
      if (found) {
        resource = found.plural;
        apiGroup = found.group;
        if (!found.namespaced && !o.allNamespaces) warn(found.group ? `resource '${found.plural}' is not namespace scoped in group '${found.group}'` : `resource '${found.plural}' is not namespace scoped`);
      } else if (!['users', 'groups'].includes(typeName)) {
        warn(group ? `the server doesn't have a resource type '${res}' in group '${group}'` : `the server doesn't have a resource type '${typeName}'`);
      }
    }
    attrs = { verb, group: apiGroup, resource, ...(o.subresource ? { subresource: o.subresource } : {}), ...(name ? { name } : {}), ...(o.allNamespaces ? {} : { namespace: target.namespace }) };
  }
  const { allowed, reason } = withCluster(target.cluster, (api) => {
    // Creating the review itself needs the basic-user grant (everyone authenticated has it).
    const review: Attributes = { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' };
    if (!authorize(api, user, review).allowed) throw new RawError(`Error from server (Forbidden): ${forbiddenMessage(user, review, '')}`);
    return authorize(api, user, attrs);
  });
  if (!o.quiet) out(allowed ? 'yes\n' : `no${reason ? ` - ${reason}` : ''}\n`);
  if (!allowed) process.exitCode = 1;
}

/** kube-apiserver names an x509 client's credential by the certificate's hash. */
const credentialId = (cluster: string) => `X509SHA256=${createHash('sha256').update(`kubesim:${cluster}:kubernetes-admin`).digest('hex')}`;

function whoami(o: any): void {
  const target = resolveTarget(o);
  const user = target.user ?? ADMIN;
  const extra = target.user ? undefined : { 'authentication.kubernetes.io/credential-id': [credentialId(target.cluster)] };
  if (o.output === 'yaml' || o.output === 'json') {
    const now = withCluster(target.cluster, (api) => api.timestamp());
    const review = { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: now }, status: { userInfo: { username: user.name, groups: user.groups, ...(extra ? { extra } : {}) } } };
    out(o.output === 'yaml' ? toYaml(review as any) : toJson(review as any, true));
    return;
  }
  if (o.output) throw new CliError(`unable to match a printer suitable for the output format "${o.output}", allowed formats are: json,yaml`);
  const tw = new TabWriter({ ...TABLE_OPTS });
  tw.write('ATTRIBUTE\tVALUE\n');
  tw.write(`Username\t${user.name}\n`);
  tw.write(`Groups\t[${user.groups.join(' ')}]\n`);
  for (const [k, v] of Object.entries(extra ?? {})) tw.write(`Extra: ${k}\t[${v.join(' ')}]\n`);
  out(tw.flush());
}

export function registerAuth(program: Command): void {
  const auth = program.command('auth').summary('Inspect authorization').description('Inspect authorization.');
  auth
    .command('can-i')
    .summary('Check whether an action is allowed')
    .description('Check whether an action is allowed.')
    .usage('VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]')
    .argument('[args...]')
    .option('-A, --all-namespaces', 'If true, check the specified action in all namespaces.')
    .option('--list', 'If true, prints all allowed actions.')
    .option('--no-headers', 'If true, prints allowed actions without headers')
    .option('-q, --quiet', 'If true, suppress output and just return the exit code.')
    .option('--subresource <subresource>', 'SubResource such as pod/log or deployment/scale')
    .action((args: string[], _o, cmd: Command) => canI(allOpts(cmd), args));
  auth
    .command('whoami')
    .summary('Experimental: Check self subject attributes')
    .description('Experimental: Check who you are and your attributes (groups, extra).')
    .usage('[options]')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .action((_o, cmd: Command) => whoami(allOpts(cmd)));
}
