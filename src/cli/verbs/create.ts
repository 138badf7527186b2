// kubectl create -f FILE | create namespace | create deployment
import { attributesFor, checkAccess } from '../access.ts';
import type { Command } from 'commander';
import { ApiError, CliError, RawError, UsageError } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { allOpts, intFlag, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { parseImageRef } from '../../sim/images.ts';
import { out, err } from '../io.ts';
import { addDryRunOptions, dryRunMode, printCreated } from './mutation-output.ts';
import { decodeManifest, eachManifest, fieldValidation, LAST_APPLIED, prepareManifest, readManifests, readStdin, setLastApplied } from '../manifests.ts';
import type { ApiServer } from '../../api/server.ts';
import { settle } from '../../sim/engine.ts';
import { NAME_ALPHABET } from '../../util/rand.ts';
import { registerCreateService } from './service.ts';
import { registerCreateConfig } from './create-config.ts';
import { registerCreateBatch } from './create-batch.ts';
import { registerCreateRbac } from './create-rbac.ts';
import { registerCreateIngress } from './create-ingress.ts';
import { resourceForKind } from '../../api/resources.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function createFromFiles(o: any): void {
  const mode = fieldValidation(o.validate);
  const manifests = readManifests(o.filename, !!o.recursive, readStdin);
  if (!manifests.length) throw new CliError('no objects passed to create');
  const dryRun = dryRunMode(o.dryRun);
  const target = resolveTarget(o);
  const warnings: string[] = [];
  const { lines, errors } = withCluster(target.cluster, (api: ApiServer) =>
    eachManifest(manifests, (m) => {
      const obj = prepareManifest(m, o.namespace, target.namespace);
      decodeManifest(obj, mode, warnings);
      checkAccess(api, target, attributesFor(resourceForKind(obj.kind), 'create', obj.metadata.namespace));
      if (o.saveConfig) setLastApplied(obj);
      return printCreated(api.create(obj, { dryRun: dryRun !== 'none' }), 'created', o.output, dryRun);
    }, () => settle(api)),
  );
  for (const w of warnings) err(w);
  out(lines.join(''));
  for (const e of errors) err(e);
  if (errors.length) process.exitCode = 1;
}

/** kubectl's container name for an image: the last path element without tag or digest. */
export function containerNameForImage(image: string, random: () => string): string {
  let name = image.split('/').pop()!.split('@')[0].split(':')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${random()}`;
  return name;
}

export function deploymentFor(name: string, images: string[], replicas: number, port: number | undefined, command: string[], random: () => string): KObject {
  const labels = { app: name };
  const containers = images.map((image, i) => ({
    name: containerNameForImage(image, random),
    image,
    ...(command.length ? { command } : {}),
    ...(i === 0 && port !== undefined && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, creationTimestamp: null as any, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null as any, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

/** What the client adds to an object it builds (`creationTimestamp: null`, empty status) but does not send. */
export function stripClientFields(o: KObject): KObject {
  const strip = (v: any): any => {
    if (Array.isArray(v)) return v.map(strip);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).filter(([k, x]) => !(k === 'creationTimestamp' && x === null)).map(([k, x]) => [k, strip(x)]));
  };
  const copy = strip(o) as KObject;
  delete copy.status;
  return copy;
}

const randomSuffix = () => Array.from({ length: 5 }, () => NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)]).join('');

/** Places metadata.namespace where Go's ObjectMeta has it: right after the name. */
export function withNamespace(obj: KObject, ns: string): KObject {
  const { name, ...rest } = obj.metadata;
  return { ...obj, metadata: { name, namespace: ns, ...rest } };
}

/**
 * --save-config on a generator: the object as kubectl's codec writes it (fields in the API types'
 * order, no empty annotations) becomes its last-applied configuration.
 */
function saveConfig(obj: KObject): void {
  obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: `${JSON.stringify(obj)}\n` };
}

/**
 * The end of every typed `create` subcommand: a client dry run prints the object as built (with
 * the namespace when -n was given); otherwise the API server creates it, and its errors come
 * back wrapped as kubectl wraps them (`failed to create <what>: ...`).
 */
/** `what`: the kind kubectl names in `failed to create <what>: ...`; undefined for the generators that report the server's error as it is. */
export function submitTyped(o: any, what: string | undefined, build: KObject | ((random: () => string) => KObject)): void {
  const dryRun = dryRunMode(o.dryRun);
  const make = typeof build === 'function' ? build : () => build;
  if (dryRun === 'client') {
    const obj = make(randomSuffix);
    if (o.saveConfig) saveConfig(obj);
    const namespaced = resourceForKind(obj.kind).namespaced;
    out(printCreated(o.namespace && namespaced ? withNamespace(obj, o.namespace) : obj, 'created', o.output, dryRun));
    return;
  }
  const target = resolveTarget(o);
  const created = withCluster(target.cluster, (api) => {
    // Anything random in the object comes from the cluster's seeded generator: replays repeat.
    const obj = make(() => api.rng.suffix());
    const namespaced = resourceForKind(obj.kind).namespaced;
    if (o.saveConfig) saveConfig(obj);
    const sent = stripClientFields(namespaced ? withNamespace(obj, target.namespace) : obj);
    try {
      checkAccess(api, target, attributesFor(resourceForKind(obj.kind), 'create', sent.metadata.namespace));
      return api.create(sent, { dryRun: dryRun === 'server' });
    } catch (e) {
      if (e instanceof ApiError && what) throw new CliError(`failed to create ${what}: ${e.message}`);
      throw e;
    }
  });
  out(printCreated(created, 'created', o.output, dryRun));
}

export function registerCreate(program: Command): void {
  const create = program
    .command('create')
    .summary('Create a resource from a file or from stdin')
    .description('Create a resource from a file or from stdin.\n\nJSON and YAML formats are accepted.')
    .usage('-f FILENAME [options]')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files to use to create the resource', collect)
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.')
    .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  addDryRunOptions(create.argument('[args...]')).action((args: string[], _o, command: Command) => {
    const o = allOpts<any>(command);
    if (args.length) throw new RawError(`error: Unexpected args: [${args.join(' ')}]\nSee '${PROGRAM} create -h' for help and examples`);
    if (!o.filename?.length) {
      throw new CliError('must specify one of -f and -k');
    }
    createFromFiles(o);
  });

  const ns = create
    .command('namespace')
    .alias('ns')
    .summary('Create a namespace with the specified name')
    .description('Create a namespace with the specified name.')
    .usage('NAME [--dry-run=server|client|none] [options]')
    .argument('[name...]');
  addDryRunOptions(ns).action((names: string[], _o, cmd: Command) => {
    const opts = allOpts<any>(cmd);
    if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, `${PROGRAM} create namespace`);
    submitTyped(opts, undefined, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: names[0], creationTimestamp: null as any }, spec: {}, status: {} });
  });

  registerCreateService(create);

  const deploy = create
    .command('deployment')
    .alias('deploy')
    .summary('Create a deployment with the specified name')
    .description('Create a deployment with the specified name.')
    .usage('NAME --image=image -- [COMMAND] [args...] [options]')
    .argument('[name]')
    .argument('[command...]')
    .option('--image <image>', 'Image names to run. A deployment can have multiple images set for multi-container pod.', collect)
    .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.', intFlag('-r, --replicas', 'create deployment'), 1)
    .option('--port <port>', 'The containerPort that this deployment exposes.', intFlag('--port', 'create deployment'), -1);
  addDryRunOptions(deploy).action((name: string | undefined, command: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    if (!name) throw new UsageError('exactly one NAME is required, got 0', `${PROGRAM} create deployment`);
    if (!o.image?.length) throw new RawError('error: required flag(s) "image" not set');
    if (o.image.length > 1 && command.length) throw new CliError('cannot specify multiple --image options and command');
    for (const image of o.image) if (!parseImageRef(image)) throw new CliError(`invalid image name "${image}": invalid reference format`);
    // The container name of an image with '.' or '_' gets a random suffix, as kubectl's does.
    submitTyped(o, 'deployment', (random) => deploymentFor(name, o.image, o.replicas, o.port, command, random));
  });

  registerCreateConfig(create);
  registerCreateBatch(create);
  registerCreateRbac(create);
  registerCreateIngress(create);
}
