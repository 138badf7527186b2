// kubectl get: parse → validate → fetch → print.
import { attributesFor, checkAccess } from '../access.ts';
import type { Target } from '../../sim/session.ts';
import type { ResourceType } from '../../api/resources.ts';
import type { Command } from 'commander';
import { CliError, RawError, renderError } from '../../api/errors.ts';
import { notFound } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { parseLabelSelector, matchesLabels, parseFieldSelector, matchesFields } from '../../api/selectors.ts';
import { checkFieldLabels, fieldValue } from '../../api/field-selectors.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { parseResourceArgs, type ResourceRequest } from '../resource-args.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { checkOutputFormat, render, type Group, type OutputOptions } from '../../printers/output.ts';
import { sortByJsonPath, UnsortableFieldError } from '../../printers/custom-columns.ts';
import { out, err } from '../io.ts';
import { watch } from './get-watch.ts';
import { requestTimeoutMs } from '../program.ts';
import { colourEnabled } from '../colour.ts';

export interface ListOptions {
  selector?: string;
  fieldSelector?: string;
  allNamespaces?: boolean;
}

/** The label and field selectors of a request as one predicate (fails early on unsupported fields). */
export function selectorFilter(type: ResourceRequest['type'], opts: ListOptions): (o: KObject) => boolean {
  const labelSel = opts.selector !== undefined ? parseLabelSelector(opts.selector) : undefined;
  const fieldSel = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
  if (fieldSel) checkFieldLabels(type, fieldSel.requirements.map((r) => r.field), opts.fieldSelector!);
  return (o) => (!labelSel || matchesLabels(labelSel, o.metadata.labels)) && (!fieldSel || matchesFields(fieldSel, (f) => fieldValue(o, f)));
}

/** Fetches the requested objects; missing named objects become error lines. */
export function fetchGroups(api: ApiServer, requests: ResourceRequest[], ns: string, opts: ListOptions, target?: Target) {
  const errors: string[] = [];
  const groups: Group[] = [];
  const allowed = (verb: string, type: ResourceType, namespace: string | undefined, name?: string) => {
    if (!target) return true;
    try {
      checkAccess(api, target, attributesFor(type, verb, namespace, name));
      return true;
    } catch (e) {
      errors.push(renderError(e));
      return false;
    }
  };
  for (const req of requests) {
    const keep = selectorFilter(req.type, opts);
    let objects: KObject[];
    if (req.names.length) {
      objects = [];
      for (const name of req.names) {
        if (!allowed('get', req.type, ns, name)) continue;
        const o = api.get(req.type, ns, name);
        if (o) objects.push(o);
        else errors.push(renderError(notFound(req.type, name)));
      }
    } else {
      if (!allowed('list', req.type, opts.allNamespaces ? undefined : ns)) continue;
      objects = api.list(req.type, req.type.namespaced && !opts.allNamespaces ? ns : undefined);
    }
    groups.push({ type: req.type, objects: objects.filter(keep) });
  }
  return { groups, errors };
}

/**
 * --sort-by as kubectl applies it: the table path never sorts a single row and drops rows whose
 * field cannot be evaluated (kubectl then says "No resources found"); values that cannot be
 * ordered at all are an error everywhere.
 */
function sortObjects(objects: KObject[], sortBy: string, table: boolean): KObject[] {
  try {
    return sortByJsonPath(objects, sortBy, { table });
  } catch (e) {
    if (e instanceof UnsortableFieldError || !table) throw new CliError((e as Error).message);
    return [];
  }
}

const NO_TYPE = `You must specify the type of resource to get. Use "${PROGRAM} api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "${PROGRAM} explain <resource>" for a detailed description of that resource (e.g. ${PROGRAM} explain pods).
See '${PROGRAM} get -h' for help and examples`;

export function registerGet(program: Command): void {
  program
    .command('get')
    .summary('Display one or many resources')
    .description('Display one or many resources.')
    .usage('[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]')
    .argument('[args...]')
    .option('-o, --output <format>', 'Output format')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--field-selector <selector>', 'Selector (field query) to filter on')
    .option('-A, --all-namespaces', 'List the requested object(s) across all namespaces')
    .option('--no-headers', 'When using the default or custom-column output format, don\'t print headers')
    .option('--show-labels', 'When printing, show all labels as the last column')
    .option('-L, --label-columns <labels>', 'Labels to present as columns', (v: string, prev: string[] = []) => [...prev, ...v.split(',')])
    .option('--show-kind', 'List the resource type for the requested object(s)')
    .option('--sort-by <jsonpath>', 'Sort list types using this field specification')
    .option('--ignore-not-found', 'Treat "resource not found" as a successful retrieval')
    .option('-w, --watch', 'After listing/getting the requested object, watch for changes')
    .option('--watch-only', 'Watch for changes to the requested object(s), without listing/getting first')
    .action((args: string[], _o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      if (!args.length) throw new RawError(NO_TYPE);
      checkOutputFormat(opts.output);
      const format = (opts.output ?? '').split('=')[0];
      if (opts.showLabels && ['yaml', 'json', 'name'].includes(format)) {
        throw new CliError(`--show-labels option cannot be used with ${format} printer`);
      }
      const requests = parseResourceArgs(args);
      const named = requests.some((r) => r.names.length);
      if (named && opts.allNamespaces) throw new CliError('a resource cannot be retrieved by name across all namespaces');
      if (named && opts.selector !== undefined) throw new CliError('name cannot be provided when a selector is specified');
      const target = resolveTarget(opts);
      const outputOpts: OutputOptions = {
        output: opts.output,
        noHeaders: opts.headers === false,
        showLabels: opts.showLabels,
        labelColumns: opts.labelColumns,
        allNamespaces: opts.allNamespaces,
        showKind: opts.showKind,
        single: requests.length === 1 && requests[0].names.length === 1,
        colour: colourEnabled(),
      };
      if (opts.watch || opts.watchOnly) {
        if (requests.length > 1) {
          throw new CliError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
        }
        return watch(target, requests[0], opts, outputOpts, requestTimeoutMs(opts.requestTimeout));
      }
      const { text, errors, empty } = withCluster(target.cluster, (api) => {
        const { groups, errors } = fetchGroups(api, requests, target.namespace, opts, target);
        if (opts.sortBy) for (const g of groups) g.objects = sortObjects(g.objects, opts.sortBy, format === '' || format === 'wide');
        const empty = groups.every((g) => !g.objects.length);
        return { text: render(groups, outputOpts, { now: api.now(), api }), errors, empty };
      });
      out(text);
      const visibleErrors = opts.ignoreNotFound ? [] : errors;
      for (const e of visibleErrors) err(e);
      if (empty && !errors.length && !opts.ignoreNotFound && (format === '' || format === 'wide')) {
        const clusterScoped = requests.some((r) => !r.type.namespaced);
        err(opts.allNamespaces || clusterScoped ? 'No resources found' : `No resources found in ${target.namespace} namespace.`);
      }
      if (visibleErrors.length) process.exitCode = 1;
    });
}
