// kubectl run NAME --image=IMAGE [--port] [--env] [--labels] [--restart] [--command] [-- args]
import type { Command } from 'commander';
import { CliError, RawError, UsageError } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { resourceForKind } from '../../api/resources.ts';
import { parseImageRef } from '../../sim/images.ts';
import { addDryRunOptions, dryRunMode, printCreated } from './mutation-output.ts';
import { stripClientFields, withNamespace } from './create.ts';
import { parseKeyValues } from './key-values.ts';
import { out, err } from '../io.ts';
import type { Pod } from '../../api/types.ts';
import { watchLoop } from '../../sim/watch.ts';
import { execInContainer } from '../../sim/container-shell.ts';
import { interactive } from './exec.ts';
import { findPod, pickContainer } from './pod-target.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The Pod kubectl's run generator builds, in Go struct field order (what -o json shows). */
export function runPod(name: string, o: any, rest: string[]): KObject {
  const labels = o.labels ? parseKeyValues(o.labels, 'labels') : { run: name };
  const annotations = o.annotations?.length ? Object.fromEntries(o.annotations.map((a: string) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])) : undefined;
  const container: any = { name, image: o.image };
  if (rest.length) container[o.command ? 'command' : 'args'] = rest;
  if (o.port !== undefined) {
    if (!/^[+-]?\d+$/.test(o.port)) throw new CliError(`strconv.Atoi: parsing "${o.port}": invalid syntax`);
    const port = Number(o.port);
    container.ports = [{ containerPort: port }];
  }
  if (o.env?.length) {
    container.env = o.env.map((e: string) => {
      const i = e.indexOf('=');
      if (i <= 0) throw new CliError(`invalid env: ${e}`);
      return { name: e.slice(0, i), value: e.slice(i + 1) };
    });
  }
  container.resources = {};
  if (o.imagePullPolicy) container.imagePullPolicy = o.imagePullPolicy;
  if (o.privileged) container.securityContext = { privileged: true };
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null as any, labels, ...(annotations ? { annotations } : {}) },
    spec: { containers: [container], restartPolicy: o.restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

/** The service `run --expose` makes: kubectl's service generator with the pod's labels as selector. */
function runService(name: string, o: any): KObject {
  const labels = o.labels ? parseKeyValues(o.labels, 'labels') : undefined;
  const port = Number(o.port);
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null as any, ...(labels ? { labels } : {}) },
    spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: labels ?? { run: name } },
    status: { loadBalancer: {} },
  };
}

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .summary('Run a particular image on the cluster')
    .description('Create and run a particular image in a pod.')
    .usage('NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]')
    .argument('[name]')
    .argument('[args...]')
    .option('--image <image>', 'The image for the container to run.')
    .option('--port <port>', 'The port that this container exposes.')
    .option('-l, --labels <labels>', 'Comma separated labels to apply to the pod. Will override previous values.')
    .option('--env <env>', 'Environment variables to set in the container.', collect)
    .option('--annotations <annotation>', 'Annotations to apply to the pod.', collect)
    .option('--restart <policy>', 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].', 'Always')
    .option('--image-pull-policy <policy>', "The image pull policy for the container.")
    .option('--command', 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.')
    .option('--privileged', 'If true, run the container in privileged mode.')
    .option('--expose', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.')
    .option('-i, --stdin', 'Keep stdin open on the container in the pod, even if nothing is attached.')
    .option('-t, --tty', 'Allocate a TTY for the container in the pod.')
    .option('--rm', 'If true, delete the pod after it exits.  Only valid when attaching to the container.')
    .option('--attach', 'If true, wait for the Pod to start running, and then attach to the Pod.')
    .option('-q, --quiet', 'If true, suppress prompt messages.');
  addDryRunOptions(cmd).action(async (name: string | undefined, rest: string[], _o, command: Command) => {
    const o = allOpts<any>(command);
    if (!name) throw new RawError(`error: NAME is required for run\nSee '${PROGRAM} run -h' for help and examples`);
    if (o.image === undefined) throw new RawError('error: required flag(s) "image" not set');
    if (!o.image) throw new CliError('--image is required');
    if (!parseImageRef(o.image)) throw new CliError(`Invalid image name "${o.image}": invalid reference format`);
    if (!['Always', 'OnFailure', 'Never'].includes(o.restart)) {
      throw new RawError(`error: invalid restart policy: ${o.restart}\nSee '${PROGRAM} run -h' for help and examples`);
    }
    if (o.tty && !o.stdin) throw new UsageError('-i/--stdin is required for containers with -t/--tty=true', `${PROGRAM} run`);
    if (o.expose && o.port === undefined) throw new UsageError('--port must be set when exposing a service', `${PROGRAM} run`);
    if (o.rm && !o.stdin && !o.attach) throw new UsageError('--rm should only be used for attached containers', `${PROGRAM} run`);
    const dryRun = dryRunMode(o.dryRun);
    if ((o.stdin || o.attach) && dryRun !== 'none') {
      throw new UsageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)", `${PROGRAM} run`);
    }
    const pod = runPod(name, o, rest);
    if ((o.stdin || o.attach) && dryRun === 'none') {
      await runAttached(name, pod, o, rest);
      return;
    }
    // With --expose kubectl prints the service as soon as it is made (and a YAML separator), then the pod.
    const service = o.expose ? runService(name, o) : undefined;
    const print = (obj: KObject, second: boolean) => {
      const text = printCreated(obj, 'created', o.output, dryRun);
      out(second && o.output === 'yaml' ? `---\n---\n${text}` : text);
    };
    if (dryRun === 'client') {
      const scoped = (obj: KObject) => (o.namespace ? withNamespace(obj, o.namespace) : obj);
      if (service) print(scoped(service), false);
      print(scoped(pod), Boolean(service));
      return;
    }
    const target = resolveTarget(o);
    const created = withCluster(target.cluster, (api) => {
      const create = (obj: KObject) => {
        checkAccess(api, target, attributesFor(resourceForKind(obj.kind), 'create', target.namespace));
        return api.create(stripClientFields(withNamespace(obj, target.namespace)), { dryRun: dryRun === 'server' });
      };
      const createdPod = create(pod);
      let createdService: KObject | undefined;
      let serviceError: unknown;
      try {
        if (service) createdService = create(service);
      } catch (e) {
        serviceError = e;
      }
      return { createdPod, createdService, serviceError };
    });
    if (created.createdService) print(created.createdService, false);
    print(created.createdPod, Boolean(created.createdService));
    if (created.serviceError) throw created.serviceError;
  });
}

/**
 * run -i / -it / --attach (often with --rm): create the pod, wait for it to run (while the
 * clock runs), run its command or an interactive shell in it, then delete it for --rm.
 */
async function runAttached(name: string, pod: KObject, o: any, rest: string[]): Promise<void> {
  const target = resolveTarget(o);
  withCluster(target.cluster, (api) => {
    checkAccess(api, target, attributesFor(resourceForKind('Pod'), 'create', target.namespace));
    api.create(stripClientFields(withNamespace(pod, target.namespace)));
  });
  await watchLoop({
    cluster: target.cluster,
    timeoutMs: 60_000,
    start: () => undefined,
    onChanges: (api) => {
      const p = api.get<Pod>('pods', target.namespace, name);
      return !p || ['Running', 'Succeeded', 'Failed'].includes(p.status?.phase ?? '');
    },
  });
  if (o.tty && !o.quiet) err("If you don't see a command prompt, try pressing enter.");
  let code: number;
  const shellOnly = !rest.length || (rest.length === 1 && ['sh', '/bin/sh', 'bash', '/bin/bash'].includes(rest[0]));
  if (shellOnly && o.stdin) {
    code = await interactive(target, (api) => {
      const pod = findPod(api, name, target.namespace);
      return { api, pod, container: pickContainer(pod, name, true), tty: !!o.tty, shell: rest[0] ?? 'sh' };
    });
  } else {
    const r = withCluster(target.cluster, (api) => {
      const p = api.get<Pod>('pods', target.namespace, name)!;
      return execInContainer({ api, pod: p, container: p.spec.containers[0], tty: !!o.tty }, rest.length ? rest : ['sh']);
    });
    out(r.stdout);
    err(r.stderr);
    code = r.exitCode;
  }
  if (o.rm) {
    withCluster(target.cluster, (api) => {
      if (api.get('pods', target.namespace, name)) api.delete('pods', target.namespace, name, { gracePeriodSeconds: 0 });
    });
    if (!o.quiet) out(`pod "${name}" deleted\n`);
  }
  if (code !== 0) {
    err(`pod ${target.namespace}/${name} terminated (Error)`);
    process.exitCode = 1;
  }
}
