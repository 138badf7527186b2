// kubectl set image | env | resources: change a workload's pod template (starting a rollout).
import { Option, type Command } from 'commander';
import { ApiError, CliError, RawError } from '../../api/errors.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { parseLabelSelector } from '../../api/selectors.ts';
import type { Container, KObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { parseResourceArgs, selectObjects } from '../resource-args.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { parseImageRef } from '../../sim/images.ts';
import { parseQuantity } from '../../util/quantity.ts';
import { out, err } from '../io.ts';
import { recordChangeCause } from './change-cause.ts';
import { dryRunMode, printCreated } from './mutation-output.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The pod spec inside an object of any workload kind. */
export function podSpecOf(o: KObject): any {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

interface Mutation {
  /** Applies the change to a copy; returns false when the object has nothing to change. */
  apply(obj: KObject): void;
  operation: string;
  /** kubectl's words before the server's message when the patch fails. */
  patchFailure: string;
}

/** Shared by the three set verbs: resolve objects, mutate copies, save, report. */
function runSet(cmd: Command, resources: string[], mutation: Mutation, o: any): void {
  if (!resources.length) {
    throw new RawError(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee '${PROGRAM} set ${cmd.name()} -h' for help and examples`);
  }
  const requests = parseResourceArgs(resources);
  for (const r of requests) if (!r.names.length && !o.all && o.selector === undefined) throw new CliError('resource(s) were provided, but no name was specified');
  const dryRun = dryRunMode(o.dryRun);
  const target = resolveTarget(o);
  const sel = o.selector !== undefined ? parseLabelSelector(o.selector) : undefined;
  const { lines, errors } = withCluster(target.cluster, (api: ApiServer) => {
    const lines: string[] = [];
    const errors: string[] = [];
    for (const req of requests) {
      const objs = selectObjects(api, req, target.namespace, { selector: sel, target }, errors);
      for (const obj of objs) {
        if (!podSpecOf(obj)) throw new CliError(`${cmd.name() === 'image' ? 'image' : cmd.name()} is not supported for ${req.type.kind}`);
        const copy = structuredClone(obj);
        mutation.apply(copy);
        if (JSON.stringify(copy) === JSON.stringify(obj)) continue;
        if (o.record) recordChangeCause(copy);
        let result = copy;
        try {
          if (dryRun !== 'client') checkAccess(api, target, attributesFor(req.type, 'patch', obj.metadata.namespace, obj.metadata.name));
          if (dryRun === 'none') result = api.replace(copy);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          errors.push(`error: ${mutation.patchFailure}${e.message}`);
          continue;
        }
        lines.push(printCreated(result, mutation.operation, o.output, dryRun).replace(/\n$/, ''));
      }
    }
    return { lines, errors };
  });
  for (const l of lines) out(`${l}\n`);
  for (const e of errors) err(e);
  if (errors.length) process.exitCode = 1;
}

/** Splits the verb's arguments into resources and KEY=VALUE / KEY- pairs. */
function splitPairs(args: string[]): { resources: string[]; pairs: string[] } {
  const i = args.findIndex((a) => a.includes('=') || (a.endsWith('-') && a.length > 1 && !a.includes('/')));
  if (i < 0) return { resources: args, pairs: [] };
  return { resources: args.slice(0, i), pairs: args.slice(i) };
}

function containersOf(spec: any, filter: string): Container[] {
  const all: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (filter === '*') return all;
  const re = new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return all.filter((c) => re.test(c.name));
}

const common = (c: Command) =>
  c
    .option('--all', 'Select all resources, in the namespace of the specified resource types')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .addOption(new Option('--dry-run [strategy]', 'Must be "none", "server", or "client".').preset('client'))
    .addOption(new Option('--record', 'Record current kubectl command in the resource annotation (deprecated).').hideHelp());

export function registerSet(program: Command): void {
  const set = program.command('set').summary('Set specific features on objects').description('Configure application resources.\n\nThese commands help you make changes to existing application resources.');

  common(
    set
      .command('image')
      .description('Update existing container image(s) of resources.')
      .usage('(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]')
      .argument('[args...]'),
  ).action((args: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    const { resources, pairs } = splitPairs(args);
    if (!pairs.length) throw new RawError(`error: at least one image update is required\nSee '${PROGRAM} set image -h' for help and examples`);
    const images = pairs.map((p) => {
      const i = p.indexOf('=');
      const image = p.slice(i + 1);
      if (!parseImageRef(image)) throw new CliError(`invalid image name "${image}": invalid reference format`);
      return [p.slice(0, i), image] as const;
    });
    runSet(cmd, resources, {
      operation: 'image updated',
      patchFailure: 'failed to patch image update to pod template: ',
      apply(obj) {
        const spec = podSpecOf(obj);
        for (const [name, image] of images) {
          const targets = name === '*' ? containersOf(spec, '*') : containersOf(spec, '*').filter((c) => c.name === name);
          if (!targets.length) throw new CliError(`unable to find container named "${name}"`);
          for (const c of targets) c.image = image;
        }
      },
    }, o);
  });

  common(
    set
      .command('env')
      .description('Update environment variables on a pod template.')
      .usage('RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]')
      .argument('[args...]')
      .option('-e, --env <env>', 'Specify a key-value pair for an environment variable to set into each container.', collect)
      .option('-c, --containers <names>', 'The names of containers in the selected pod templates to change - may use wildcards', '*')
      .option('--list', 'If true, display the environment and any changes in the standard format.'),
  ).action((args: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    const { resources, pairs } = splitPairs(args);
    const all = [...pairs, ...(o.env ?? [])];
    if (o.list) {
      const target = resolveTarget(o);
      const text = withCluster(target.cluster, (api) => {
        const lines: string[] = [];
        for (const req of parseResourceArgs(resources)) {
          for (const obj of selectObjects(api, req, target.namespace, {}, [])) {
            for (const c of containersOf(podSpecOf(obj), o.containers)) {
              lines.push(`# ${req.type.kind} ${obj.metadata.name}, container ${c.name}`);
              for (const e of c.env ?? []) lines.push(e.valueFrom ? `# ${e.name} from ${Object.keys(e.valueFrom)[0]}` : `${e.name}=${e.value ?? ''}`);
            }
          }
        }
        return lines.join('\n') + '\n';
      });
      out(text);
      return;
    }
    if (!all.length) throw new RawError(`error: at least one environment variable must be provided\nSee '${PROGRAM} set env -h' for help and examples`);
    runSet(cmd, resources, {
      operation: 'env updated',
      patchFailure: 'failed to patch env update to pod template: ',
      apply(obj) {
        for (const c of containersOf(podSpecOf(obj), o.containers)) {
          let env = [...(c.env ?? [])];
          for (const p of all) {
            if (p.endsWith('-') && !p.includes('=')) {
              env = env.filter((e) => e.name !== p.slice(0, -1));
              continue;
            }
            const i = p.indexOf('=');
            const [name, value] = [p.slice(0, i), p.slice(i + 1)];
            const existing = env.find((e) => e.name === name);
            if (existing) {
              existing.value = value;
              delete existing.valueFrom;
            } else env.push({ name, value });
          }
          if (env.length) c.env = env;
          else delete c.env;
        }
      },
    }, o);
  });

  common(
    set
      .command('resources')
      .description('Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.')
      .usage('(-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]')
      .argument('[args...]')
      .option('-c, --containers <names>', 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards', '*')
      .option('--limits <limits>', "The resource requirement limits for this container.  For example, 'cpu=200m,memory=512Mi'.")
      .option('--requests <requests>', "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'."),
  ).action((args: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    if (!o.limits && !o.requests) throw new CliError('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const parse = (s: string | undefined) => {
      const m: Record<string, string> = {};
      for (const part of (s ?? '').split(',').filter(Boolean)) {
        const [k, v] = part.split('=');
        try {
          parseQuantity(v ?? '');
        } catch {
          throw new CliError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
        }
        m[k] = v;
      }
      return m;
    };
    const limits = parse(o.limits);
    const requests = parse(o.requests);
    runSet(cmd, args, {
      operation: 'resource requirements updated',
      patchFailure: 'failed to patch resources update to pod template ',
      apply(obj) {
        const targets = containersOf(podSpecOf(obj), o.containers);
        if (!targets.length) throw new CliError(`unable to find container named ${o.containers}`);
        for (const c of targets) {
          c.resources ??= {};
          if (Object.keys(limits).length) c.resources.limits = { ...c.resources.limits, ...limits };
          if (Object.keys(requests).length) c.resources.requests = { ...c.resources.requests, ...requests };
        }
      },
    }, o);
  });
}
