// kubectl delete: by name, TYPE/NAME, -l or --all; waits for the objects to be gone while the
// simulated clock runs (as --wait=true does), returns at once while it is paused.
import { attributesFor, checkAccess } from '../access.ts';
import { Option, type Command } from 'commander';
import { ApiError, CliError, RawError, renderError, notFound } from '../../api/errors.ts';
import { qualifiedSingular, resourceForKind } from '../../api/resources.ts';
import { checkKind, eachManifest, manifestNamespace, readManifests, readStdin } from '../manifests.ts';
import type { KObject } from '../../api/types.ts';
import { parseLabelSelector, matchesLabels } from '../../api/selectors.ts';
import { allOpts, intFlag } from '../program.ts';
import { parseResourceArgs } from '../resource-args.ts';
import { resolveTarget, withCluster, type Target } from '../../sim/session.ts';
import { out, err } from '../io.ts';
import { dryRunMode, dryRunSuffix } from './mutation-output.ts';
import { pause } from '../../sim/clock.ts';

const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];
const WAIT_POLL_MS = 100;

const NO_ARGS = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .summary('Delete resources by file names, stdin, resources and names, or by resources and label selector')
    .description('Delete resources by file names, stdin, resources and names, or by resources and label selector.')
    .usage('([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]')
    .argument('[args...]')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--all', 'Delete all resources, in the namespace of the specified resource types')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces')
    .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully', intFlag('--grace-period', 'delete'), -1)
    .option('--force', 'If true, immediately remove resources from API and bypass graceful deletion')
    .option('--now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1)')
    .option('--ignore-not-found', 'Treat "resource not found" as a successful delete')
    .option('--wait <bool>', 'If true, wait for resources to be gone before returning', 'true')
    .option('-o, --output <format>', 'Output mode. Use "-o name" for shorter output (resource/name).')
    .addOption(new Option('--dry-run [strategy]', 'Must be "none", "server", or "client".').preset('client'))
    .option('-f, --filename <file>', 'containing the resource to delete.', (v: string, prev: string[] = []) => [...prev, v])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .action(async (args: string[], _o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      if (opts.filename?.length && args.length) throw new CliError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
      if (!args.length && !opts.filename?.length) throw new RawError(NO_ARGS);
      if (opts.all && opts.selector !== undefined) throw new CliError('cannot set --all and --selector at the same time');
      let grace: number | undefined = opts.gracePeriod >= 0 ? opts.gracePeriod : undefined;
      if (opts.now) {
        if (grace !== undefined) throw new CliError('--now and --grace-period cannot be specified together');
        grace = 1;
      }
      if (opts.force && grace !== undefined && grace > 0) throw new CliError('--force and --grace-period greater than 0 cannot be specified together');
      if (opts.force && grace === undefined) grace = 0;
      if (grace === 0 && !opts.force) grace = 1;
      const dryRun = dryRunMode(opts.dryRun);
      if (opts.filename?.length) return deleteFromFiles(opts, grace);
      const requests = parseResourceArgs(args);
      const named = requests.some((r) => r.names.length);
      if (!named && !opts.all && opts.selector === undefined) throw new CliError('resource(s) were provided, but no name was specified');
      if (named && opts.selector !== undefined) throw new CliError('name cannot be provided when a selector is specified');
      const target = resolveTarget(opts);
      const sel = opts.selector !== undefined ? parseLabelSelector(opts.selector) : undefined;
      if (opts.force) {
        err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
      }
      const result = withCluster(target.cluster, (api) => {
        const lines: string[] = [];
        const errors: string[] = [];
        const pending: KObject[] = [];
        let matched = 0;
        for (const req of requests) {
          const ns = req.type.namespaced ? target.namespace : undefined;
          const victims: KObject[] = [];
          if (req.names.length) {
            for (const name of req.names) {
              try {
                checkAccess(api, target, attributesFor(req.type, 'delete', ns, name));
              } catch (e) {
                errors.push(renderError(e));
                continue;
              }
              const o = api.get(req.type, ns, name);
              if (o) victims.push(o);
              else if (!opts.ignoreNotFound) errors.push(renderError(notFound(req.type, name)));
            }
          } else {
            try {
              checkAccess(api, target, attributesFor(req.type, 'list', opts.allNamespaces ? undefined : ns));
            } catch (e) {
              errors.push(renderError(e));
              continue;
            }
            victims.push(...api.list(req.type, req.type.namespaced && !opts.allNamespaces ? ns : undefined).filter((o) => !sel || matchesLabels(sel, o.metadata.labels)));
          }
          matched += victims.length;
          for (const v of victims) {
            if (req.type.kind === 'Namespace' && IMMORTAL_NAMESPACES.includes(v.metadata.name)) {
              errors.push(renderError(new ApiError('Forbidden', `namespaces "${v.metadata.name}" is forbidden: this namespace may not be deleted`)));
              continue;
            }
            const ref = qualifiedSingular(req.type);
            lines.push(opts.output === 'name' ? `${ref}/${v.metadata.name}` : `${ref} "${v.metadata.name}" ${opts.force ? 'force deleted' : 'deleted'}${dryRunSuffix(dryRun)}`);
            if (dryRun === 'none') pending.push(api.delete(req.type, v.metadata.namespace, v.metadata.name, { gracePeriodSeconds: grace }));
          }
        }
        return { lines, errors, pending, matched, paused: api.state.clock.paused };
      });
      if (!named && !result.matched) out('No resources found\n');
      for (const l of result.lines) out(`${l}\n`);
      for (const e of result.errors) err(e);
      if (result.errors.length) process.exitCode = 1;
      if (opts.wait !== 'false' && !result.paused && result.pending.length) await waitForDeletion(target, result.pending);
    });
}

/** delete -f: the objects the manifests name, each reported or failing on its own. */
async function deleteFromFiles(opts: any, grace: number | undefined): Promise<void> {
  const manifests = readManifests(opts.filename, !!opts.recursive, readStdin);
  if (!manifests.length) {
    err('No resources found');
    return;
  }
  const target = resolveTarget(opts);
  if (opts.force) {
    err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  }
  const pending: KObject[] = [];
  const { lines, errors, paused } = withCluster(target.cluster, (api) => {
    const result = eachManifest(manifests, (m, doing) => {
      doing('deleting');
      checkKind(m.obj, m.source);
      const rt = resourceForKind(m.obj.kind);
      const ns = manifestNamespace(m.obj, opts.namespace, target.namespace);
      const name = m.obj.metadata?.name;
      checkAccess(api, target, attributesFor(rt, 'delete', ns, name));
      if (!api.get(rt, ns, name)) {
        if (opts.ignoreNotFound) return;
        throw notFound(rt, name);
      }
      const dryRun = dryRunMode(opts.dryRun);
      if (dryRun === 'none') pending.push(api.delete(rt, ns, name, { gracePeriodSeconds: grace }));
      const ref = qualifiedSingular(rt);
      return opts.output === 'name' ? `${ref}/${name}\n` : `${ref} "${name}" ${opts.force ? 'force deleted' : 'deleted'}${dryRunSuffix(dryRun)}\n`;
    });
    return { ...result, paused: api.state.clock.paused };
  });
  out(lines.join(''));
  for (const e of errors) err(e);
  if (errors.length) process.exitCode = 1;
  if (opts.wait !== 'false' && !paused && pending.length) await waitForDeletion(target, pending);
}

async function waitForDeletion(target: Target, objects: KObject[]): Promise<void> {
  let stop = false;
  process.once('SIGINT', () => {
    stop = true;
  });
  while (!stop) {
    const remaining = withCluster(target.cluster, (api) =>
      objects.filter((o) => api.get(o.kind, o.metadata.namespace, o.metadata.name)?.metadata.uid === o.metadata.uid),
    );
    if (!remaining.length) return;
    await pause(WAIT_POLL_MS);
  }
}
