// kubectl create job NAME --image=IMAGE [-- COMMAND...] | --from=cronjob/NAME, and
// kubectl create cronjob NAME --image=IMAGE --schedule=SPEC [--restart=POLICY] [-- COMMAND...].
import type { Command } from 'commander';
import { CliError, RawError, UsageError, notFound } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { lookupResource } from '../../api/resources.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { addDryRunOptions } from './mutation-output.ts';
import { submitTyped } from './create.ts';

function container(name: string, image: string, command: string[]) {
  return { name, image, ...(command.length ? { command } : {}), resources: {} };
}

export function jobFor(name: string, image: string, command: string[]): KObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name, creationTimestamp: null as any },
    spec: { template: { metadata: { creationTimestamp: null as any }, spec: { containers: [container(name, image, command)], restartPolicy: 'Never' } } },
    status: {},
  };
}

/** `create job --from=cronjob/NAME`: the cron job's job template, marked as started by hand. */
function jobFromCronJob(name: string, cj: KObject): KObject {
  const jt = cj.spec.jobTemplate ?? {};
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      creationTimestamp: null as any,
      ...(jt.metadata?.labels ? { labels: jt.metadata.labels } : {}),
      annotations: { ...jt.metadata?.annotations, 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid!, controller: true }],
    },
    spec: structuredClone(jt.spec ?? {}),
    status: {},
  };
}

export function cronJobFor(name: string, image: string, schedule: string, restart: string, command: string[]): KObject {
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name, creationTimestamp: null as any },
    spec: {
      schedule,
      jobTemplate: {
        metadata: { name, creationTimestamp: null as any },
        spec: { template: { metadata: { creationTimestamp: null as any }, spec: { containers: [container(name, image, command)], restartPolicy: restart } } },
      },
    },
    status: {},
  };
}

export function registerCreateBatch(create: Command): void {
  const job = create
    .command('job')
    .summary('Create a job with the specified name')
    .description('Create a job with the specified name.')
    .usage('NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]')
    .argument('[name]')
    .argument('[command...]')
    .option('--image <image>', 'Image name to run.')
    .option('--from <resource>', 'The name of the resource to create a Job from (only cronjob is supported).');
  addDryRunOptions(job).action((name: string | undefined, command: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    if (!name) throw new UsageError('exactly one NAME is required, got 0', `${PROGRAM} create job`);
    if (!!o.image === !!o.from) throw new CliError('either --image or --from must be specified');
    if (o.from && command.length) throw new CliError('cannot specify --from and command');
    if (o.image) {
      submitTyped(o, 'job', jobFor(name, o.image, command));
      return;
    }
    const [typeName, fromName] = String(o.from).split('/');
    const type = lookupResource(typeName);
    if (!type || !fromName) throw new CliError(`the server doesn't have a resource type "${typeName}"`);
    const target = resolveTarget(o);
    const source = withCluster(target.cluster, (api) => {
      const found = api.get(type, target.namespace, fromName);
      if (!found) throw notFound(type, fromName);
      return found;
    });
    if (type.kind !== 'CronJob') throw new CliError(`unknown object type *v1.${type.kind}`);
    submitTyped(o, 'job', jobFromCronJob(name, source));
  });

  const cronjob = create
    .command('cronjob')
    .alias('cj')
    .summary('Create a cron job with the specified name')
    .description('Create a cron job with the specified name.')
    .usage('NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...] [flags] [options]')
    .argument('[name]')
    .argument('[command...]')
    .option('--image <image>', 'Image name to run.')
    .option('--schedule <schedule>', 'A schedule in the Cron format the job should be run with.')
    .option('--restart <policy>', 'job\'s restart policy. supported values: OnFailure, Never', 'OnFailure');
  addDryRunOptions(cronjob).action((name: string | undefined, command: string[], _o, cmd: Command) => {
    const o = allOpts<any>(cmd);
    const missing = [...(o.image ? [] : ['"image"']), ...(o.schedule !== undefined ? [] : ['"schedule"'])];
    if (missing.length) throw new RawError(`error: required flag(s) ${missing.join(', ')} not set`);
    if (!name) throw new UsageError('exactly one NAME is required, got 0', `${PROGRAM} create cronjob`);
    submitTyped(o, 'cronjob', cronJobFor(name, o.image, o.schedule, o.restart, command));
  });
}
