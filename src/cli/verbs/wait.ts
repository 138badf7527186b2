// kubectl wait (TYPE/NAME | TYPE NAME | TYPE -l SELECTOR | --all) --for=delete|create|condition=C[=V]|jsonpath='{...}'[=V]
// [--timeout=30s]: each object in turn, within one deadline. With the clock running it waits in
// real time; with the clock paused, simulated time moves on to the next event until the condition
// holds or the timeout has passed (as if the wait had happened).
import type { Command } from 'commander';
import { CliError, notFound, RawError } from '../../api/errors.ts';
import type { ApiServer } from '../../api/server.ts';
import type { KObject } from '../../api/types.ts';
import type { ResourceType } from '../../api/resources.ts';
import { resourceForKind } from '../../api/resources.ts';
import { render } from '../../printers/output.ts';
import { readManifests, readStdin } from '../manifests.ts';
import { selectorFilter } from './get.ts';
import { compileJsonPath } from '../../printers/jsonpath.ts';
import { present } from '../../printers/present.ts';
import { allOpts } from '../program.ts';
import { parseResourceArgs, selectObjects, type ResourceRequest } from '../resource-args.ts';
import { resolveTarget, withCluster, type Target } from '../../sim/session.ts';
import { watchLoop } from '../../sim/watch.ts';
import { runUntilDone } from '../../sim/engine.ts';
import { parseDuration } from '../../util/duration.ts';
import { out } from '../io.ts';

const WEEK_MS = 168 * 3600_000;

type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; name: string; value: string }
  | { kind: 'jsonpath'; path: string; value?: string };

/** Splits on single `=`s; `==` stays inside the expression (kubectl's splitJSONPathInput). */
function splitOnEquals(input: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  parts.push(cur);
  return parts;
}

export function parseCondition(spec: string): Condition {
  const lower = spec.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (spec.startsWith('condition=')) {
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    return eq < 0 ? { kind: 'condition', name: rest, value: 'true' } : { kind: 'condition', name: rest.slice(0, eq), value: rest.slice(eq + 1) };
  }
  if (spec.startsWith('jsonpath=')) {
    const parts = splitOnEquals(spec.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2) throw new CliError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    const expr = parts[0].trim();
    if (!expr) throw new CliError('jsonpath expression cannot be empty');
    const path = expr.startsWith('{') ? expr : `{${expr.startsWith('.') ? expr : `.${expr}`}}`;
    try {
      compileJsonPath(path);
    } catch (e: any) {
      throw new CliError(e.message);
    }
    if (parts.length === 1) return { kind: 'jsonpath', path };
    const value = parts[1].replace(/^['"]+|['"]+$/g, '');
    if (!value) throw new CliError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    return { kind: 'jsonpath', path, value };
  }
  throw new CliError(`unrecognized condition: "${spec}"`);
}

/** Whether the object (undefined: it does not exist) meets the condition. */
export function conditionMet(cond: Condition, obj: KObject | undefined, uid: string | undefined, now: number): boolean {
  switch (cond.kind) {
    case 'delete':
      return !obj || (!!uid && obj.metadata.uid !== uid);
    case 'create':
      return !!obj;
    case 'condition': {
      if (!obj) return false;
      const fold = (s: unknown) => String(s).toLowerCase();
      return (obj.status?.conditions ?? []).some(
        (c: any) =>
          fold(c.type) === fold(cond.name) &&
          fold(c.status) === fold(cond.value) &&
          // A condition about an older generation of the spec does not count.
          (c.observedGeneration === undefined || obj.metadata.generation === undefined || c.observedGeneration >= obj.metadata.generation),
      );
    }
    case 'jsonpath': {
      if (!obj) return false;
      let found: string;
      try {
        found = compileJsonPath(cond.path).execute(present(obj, now));
      } catch {
        return false;
      }
      return cond.value === undefined ? found !== '' : found === cond.value;
    }
  }
}

interface Waited {
  type: ResourceType;
  namespace?: string;
  name: string;
  uid?: string;
}

const objectName = (w: Waited) => `${w.type.plural}${w.type.group ? `.${w.type.group}` : ''}/${w.name}`;
const printedName = (w: Waited) => `${w.type.singular}${w.type.group ? `.${w.type.group}` : ''}/${w.name}`;

export function registerWait(program: Command): void {
  program
    .command('wait')
    .summary('Experimental: Wait for a specific condition on one or many resources')
    .description(
      'Experimental: Wait for a specific condition on one or many resources.\n\nThe command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.\n\nAlternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.\n\nA successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.',
    )
    .usage("([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]")
    .argument('[args...]')
    .option('--for <condition>', "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.")
    .option('--timeout <duration>', "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week.", '30s')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.')
    .option('--all', 'Select all resources in the namespace of the specified resource types')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.')
    .option('--field-selector <selector>', "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.")
    .option('-f, --filename <file>', 'identifying the resource.', (v: string, prev: string[] = []) => [...prev, v])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--allow-missing-template-keys [bool]', 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.')
    .option('--local [bool]', 'If true, annotation will NOT contact api-server but run locally.')
    .option('--show-managed-fields [bool]', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .option('--template <template>', 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .action(async (args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const cond = parseCondition(o.for ?? '');
      let timeoutMs: number;
      try {
        timeoutMs = parseDuration(o.timeout);
      } catch {
        throw new CliError(`invalid argument "${o.timeout}" for "--timeout" flag: time: invalid duration "${o.timeout}"`);
      }
      if (timeoutMs < 0) timeoutMs = WEEK_MS;
      const fromFiles = o.filename ? readManifests(o.filename, o.recursive !== false, readStdin) : [];
      const bad = fromFiles.find((m) => m.error);
      if (bad) throw bad.error;
      const requests = fromFiles.length
        ? fromFiles.map((m) => ({ type: resourceForKind(m.obj.kind), names: [m.obj.metadata.name], namespace: m.obj.metadata.namespace }))
        : parseResourceArgs(args);
      if (!requests.length) {
        throw new RawError(
          `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
        );
      }
      const target = resolveTarget(o);
      const selecting = o.selector !== undefined || !!o.fieldSelector;
      const errors: string[] = [];
      const targets = withCluster(target.cluster, (api) => {
        const list: Waited[] = [];
        for (const req of requests as (ResourceRequest & { namespace?: string })[]) {
          const ns = req.namespace ?? target.namespace;
          if (!req.names.length && !o.all && !selecting) {
            throw new CliError(`resource(s) were provided, but no name was specified`);
          }
          if (req.names.length && cond.kind !== 'condition' && cond.kind !== 'jsonpath') {
            // delete and create wait on names, whether the objects exist now or not
            for (const name of req.names) {
              const obj = api.get(req.type, ns, name);
              list.push({ type: req.type, namespace: req.type.namespaced ? ns : undefined, name, uid: obj?.metadata.uid });
            }
            continue;
          }
          const keep = selectorFilter(req.type, { selector: o.selector, fieldSelector: o.fieldSelector });
          for (const obj of selectObjects(api, req, ns, { allNamespaces: !!o.allNamespaces }, errors).filter(keep)) {
            list.push({ type: req.type, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid });
          }
        }
        return list;
      });
      if (errors.length) throw new RawError(errors[0]);
      if (!targets.length && cond.kind !== 'delete') throw new CliError('no matching resources found');
      if (o.output && !['name', 'json', 'yaml'].includes(o.output)) throw new CliError(`unable to match a printer suitable for the output format "${o.output}", allowed formats are: json,name,yaml`);
      await waitFor(target, targets, cond, timeoutMs, o.output);
    });
}

async function waitFor(target: Target, targets: Waited[], cond: Condition, timeoutMs: number, output?: string): Promise<void> {
  const pending = [...targets];
  const check = (api: ApiServer): string | undefined => {
    while (pending.length) {
      const w = pending[0];
      const obj = api.get(w.type, w.namespace, w.name);
      if (!obj && cond.kind !== 'delete' && cond.kind !== 'create') throw notFound(w.type, w.name);
      if (!conditionMet(cond, obj, w.uid, api.now())) return objectName(w);
      pending.shift();
      // A deleted object that never existed prints nothing.
      if (cond.kind === 'delete' && !w.uid) continue;
      if (output === 'name') out(`${printedName(w)}\n`);
      else if (output === 'json' || output === 'yaml') out(render([{ type: w.type, objects: obj ? [obj] : [] }], { output }, { now: api.now(), api }));
      else out(`${printedName(w)} condition met\n`);
    }
    return undefined;
  };
  const notMet = (waiting: string) => (timeoutMs === 0 && cond.kind === 'delete' ? `condition not met for ${waiting}` : `timed out waiting for the condition on ${waiting}`);
  const first = withCluster(target.cluster, (api): { waiting?: string; paused: boolean } => {
    const waiting = check(api);
    if (!waiting || !api.state.clock.paused || timeoutMs === 0) return { waiting, paused: api.state.clock.paused };
    // Paused: simulated time moves from event to event until the condition holds or the deadline.
    let still: string | undefined = waiting;
    runUntilDone(api, api.now() + timeoutMs, () => !(still = check(api)));
    return { waiting: still, paused: true };
  });
  if (!first.waiting) return;
  if (first.paused || timeoutMs === 0) throw new CliError(notMet(first.waiting));
  await watchLoop({ cluster: target.cluster, timeoutMs, start: () => undefined, onChanges: (api) => !check(api) });
  const failure = withCluster(target.cluster, (api) => check(api));
  if (failure) throw new CliError(notMet(failure));
}
