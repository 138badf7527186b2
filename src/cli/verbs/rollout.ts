// kubectl rollout status | history | undo | restart | pause | resume
import { Option, type Command } from 'commander';
import { ApiError, CliError, RawError, renderError, notFound } from '../../api/errors.ts';
import { lookupResource, qualifiedSingular, type ResourceType } from '../../api/resources.ts';
import type { KObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { parseResourceArgs } from '../resource-args.ts';
import { resolveTarget, withCluster, type Target } from '../../sim/session.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { watchLoop } from '../../sim/watch.ts';
import { runUntilDone } from '../../sim/engine.ts';
import { parseDuration } from '../../util/duration.ts';
import { out, err } from '../io.ts';
import { DescribeWriter } from '../../printers/describe/writer.ts';
import { writePodTemplate } from '../../printers/describe/workloads.ts';
import { controllerOf } from '../../controllers/replicaset.ts';
import { templateKey } from '../../controllers/deployment.ts';
import { recordChangeCause } from './change-cause.ts';
import { dryRunMode, dryRunSuffix } from './mutation-output.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const revisionOf = (o: KObject) => Number(o.metadata.annotations?.[REVISION] ?? 0);

function oneDeployment(args: string[], verb: string): { type: ResourceType; name: string }[] {
  if (!args.length) {
    throw new RawError(`error: required resource not specified\nSee '${PROGRAM} rollout ${verb} -h' for help and examples`);
  }
  const out: { type: ResourceType; name: string }[] = [];
  for (const r of parseResourceArgs(args)) {
    if (!r.names.length) throw new CliError('resource(s) were provided, but no name was specified');
    for (const name of r.names) out.push({ type: r.type, name });
  }
  return out;
}

function ownedSets(api: ApiServer, d: KObject): KObject[] {
  return api.list('replicasets', d.metadata.namespace).filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
}

/** kubectl's DeploymentStatusViewer: one line about where the rollout is, and whether it is done. */
export function deploymentStatus(d: KObject, wantRevision?: number): { line: string; done: boolean; error?: string } {
  const name = d.metadata.name;
  if (wantRevision && revisionOf(d) !== wantRevision) {
    return { line: '', done: false, error: `desired revision (${wantRevision}) is different from the running revision (${revisionOf(d)})` };
  }
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 1) > (s.observedGeneration ?? 0)) return { line: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = (s.conditions ?? []).find((c: any) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { line: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
  const updated = s.updatedReplicas ?? 0;
  const replicas = d.spec.replicas ?? 1;
  if (updated < replicas) return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  if ((s.replicas ?? 0) > updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((s.availableReplicas ?? 0) < updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { line: `deployment "${name}" successfully rolled out`, done: true };
}

/** kubectl's DaemonSetStatusViewer. */
export function daemonSetStatus(ds: KObject): { line: string; done: boolean; error?: string } {
  if (ds.spec.updateStrategy?.type !== 'RollingUpdate') return { line: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  const s = ds.status ?? {};
  if ((ds.metadata.generation ?? 1) > (s.observedGeneration ?? 0)) return { line: 'Waiting for daemon set spec update to be observed...', done: false };
  const name = ds.metadata.name;
  if ((s.updatedNumberScheduled ?? 0) < (s.desiredNumberScheduled ?? 0)) {
    return { line: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${s.desiredNumberScheduled ?? 0} new pods have been updated...`, done: false };
  }
  if ((s.numberAvailable ?? 0) < (s.desiredNumberScheduled ?? 0)) {
    return { line: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${s.desiredNumberScheduled ?? 0} updated pods are available...`, done: false };
  }
  return { line: `daemon set "${name}" successfully rolled out`, done: true };
}

/** kubectl's StatefulSetStatusViewer. */
export function statefulSetStatus(sts: KObject): { line: string; done: boolean; error?: string } {
  const strategy = sts.spec.updateStrategy ?? {};
  if (strategy.type !== 'RollingUpdate') return { line: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  const s = sts.status ?? {};
  if (!s.observedGeneration || (sts.metadata.generation ?? 1) > s.observedGeneration) return { line: 'Waiting for statefulset spec update to be observed...', done: false };
  const replicas = sts.spec.replicas ?? 1;
  if ((s.readyReplicas ?? 0) < replicas) return { line: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && (s.updatedReplicas ?? 0) < replicas - partition) {
      return { line: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...`, done: false };
    }
    return { line: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...`, done: true };
  }
  if (s.updateRevision !== s.currentRevision) return { line: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...`, done: false };
  return { line: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...`, done: true };
}

const STATUS_VIEWERS: Record<string, (o: KObject, revision?: number) => { line: string; done: boolean; error?: string }> = {
  deployments: deploymentStatus,
  daemonsets: daemonSetStatus,
  statefulsets: statefulSetStatus,
};

/** How far a paused clock is moved for a rollout status without --timeout (a stuck one would wait forever). */
const PAUSED_WATCH_HORIZON_MS = 3600_000;

async function rolloutStatus(target: Target, args: string[], o: any): Promise<void> {
  const [ref] = oneDeployment(args, 'status');
  const viewer = STATUS_VIEWERS[ref.type.plural];
  if (!viewer) throw new CliError(`no status viewer has been implemented for ${ref.type.kind}`);
  const timeoutMs = o.timeout && o.timeout !== '0s' && o.timeout !== '0' ? parseDuration(o.timeout) : 0;
  const watch = o.watch !== 'false';
  const wantRevision = o.revision ? Number(o.revision) : undefined;
  const report = (d: KObject | undefined): boolean => {
    if (!d) throw notFound(ref.type, ref.name);
    const st = viewer(d, wantRevision);
    if (st.error) throw new CliError(st.error);
    out(`${st.line}\n`);
    return st.done;
  };
  // Paused: simulated time moves on, event by event, until the rollout is done, fails or times out;
  // a status line is printed each time the object changes, as kubectl's watch does.
  const stepPaused = (api: ApiServer): { done: boolean; failure?: string } => {
    let seen = '';
    let failure: string | undefined;
    const done = runUntilDone(api, api.now() + (timeoutMs || PAUSED_WATCH_HORIZON_MS), () => {
      const d = api.get(ref.type, target.namespace, ref.name);
      if (!d) throw notFound(ref.type, ref.name);
      if (d.metadata.resourceVersion === seen) return false;
      seen = d.metadata.resourceVersion!;
      const st = viewer(d, wantRevision);
      if (st.error) return Boolean((failure = st.error));
      out(`${st.line}\n`);
      return st.done || !watch;
    });
    return { done, failure };
  };
  const result = await watchLoop<{ done: boolean; failure?: string }>({
    cluster: target.cluster,
    timeoutMs,
    start: (api) => {
      checkAccess(api, target, attributesFor(ref.type, 'get', target.namespace, ref.name));
      if (api.state.clock.paused) return stepPaused(api);
      return { done: report(api.get(ref.type, target.namespace, ref.name)) };
    },
    onChanges: (api, entries) => {
      if (!watch) return true;
      for (const e of entries) {
        if (e.resource !== ref.type.plural || e.obj.metadata.namespace !== target.namespace || e.obj.metadata.name !== ref.name) continue;
        if (e.type === 'DELETED') throw new CliError(`object has been deleted`);
        if (report(e.obj)) return true;
      }
      return false;
    },
  });
  if (result.initial.failure) throw new CliError(result.initial.failure);
  if (result.paused && !result.initial.done) throw new CliError('timed out waiting for the condition');
  if (result.initial.done || !watch || result.paused) return;
  if (result.timedOut) throw new CliError('timed out waiting for the condition');
}

function rolloutHistory(target: Target, args: string[], o: any): void {
  const refs = oneDeployment(args, 'history');
  const text = withCluster(target.cluster, (api) => {
    const parts: string[] = [];
    for (const ref of refs) {
      if (ref.type.plural !== 'deployments') throw new CliError(`no history viewer has been implemented for ${ref.type.kind}`);
      checkAccess(api, target, attributesFor(ref.type, 'get', target.namespace, ref.name));
      const d = api.get('deployments', target.namespace, ref.name);
      if (!d) throw notFound(ref.type, ref.name);
      const sets = ownedSets(api, d).sort((a, b) => revisionOf(a) - revisionOf(b));
      const head = `${qualifiedSingular(ref.type)}/${ref.name}`;
      if (o.revision && Number(o.revision) > 0) {
        const rs = sets.find((x) => revisionOf(x) === Number(o.revision));
        if (!rs) throw new CliError('unable to find the specified revision');
        const w = new DescribeWriter();
        const template = structuredClone(rs.spec.template);
        const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
        if (cause) template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, 'kubernetes.io/change-cause': cause } };
        writePodTemplate(w, template);
        parts.push(`${head} with revision #${o.revision}\n${w.toString()}\n`);
        continue;
      }
      if (!sets.length) {
        parts.push('No rollout history found.\n');
        continue;
      }
      const w = new DescribeWriter();
      w.write(0, 'REVISION\tCHANGE-CAUSE\n');
      for (const rs of sets) w.write(0, `${revisionOf(rs)}\t${rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`);
      parts.push(`${head} \n${w.toString()}\n`);
    }
    return parts.join('');
  });
  out(text);
}

function rolloutUndo(target: Target, args: string[], o: any): void {
  const refs = oneDeployment(args, 'undo');
  const toRevision = Number(o.toRevision ?? 0);
  const lines = withCluster(target.cluster, (api) =>
    refs.map((ref) => {
      if (ref.type.plural !== 'deployments') throw new CliError(`no rollbacker has been implemented for "${ref.type.kind}"`);
      checkAccess(api, target, attributesFor(ref.type, 'get', target.namespace, ref.name));
      const d = api.get('deployments', target.namespace, ref.name);
      if (!d) throw notFound(ref.type, ref.name);
      if (d.spec.paused) throw new CliError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
      wrapped(`failed to retrieve replica sets from deployment ${ref.name}: `, () => checkAccess(api, target, attributesFor(lookupResource('replicasets')!, 'list', target.namespace)));
      const sets = ownedSets(api, d);
      const current = revisionOf(d);
      let targetRS: KObject | undefined;
      if (toRevision > 0) {
        targetRS = sets.find((rs) => revisionOf(rs) === toRevision);
        if (!targetRS) throw new CliError(`unable to find specified revision ${toRevision} in history`);
      } else {
        const previous = sets.filter((rs) => revisionOf(rs) < current).sort((a, b) => revisionOf(b) - revisionOf(a));
        targetRS = previous[0];
        if (!targetRS) throw new CliError(`no rollout history found for deployment "${ref.name}"`);
      }
      const template = structuredClone(targetRS.spec.template);
      delete template.metadata?.labels?.['pod-template-hash'];
      const ref0 = `${qualifiedSingular(ref.type)}/${ref.name}`;
      if (templateKey(template) === templateKey(d.spec.template)) {
        return `${ref0} skipped rollback (current template already matches revision ${revisionOf(targetRS)})`;
      }
      wrapped(`failed restoring revision ${toRevision}: `, () => checkAccess(api, target, attributesFor(ref.type, 'patch', target.namespace, ref.name)));
      const copy = structuredClone(d);
      copy.spec.template = template;
      // kubectl replaces the deployment's annotations: its own bookkeeping ones stay, the rest come from the replica set.
      const skip = ['kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to'];
      const kept = Object.entries(d.metadata.annotations ?? {}).filter(([k]) => skip.includes(k));
      const fromRS = Object.entries(targetRS.metadata.annotations ?? {}).filter(([k]) => !skip.includes(k));
      copy.metadata.annotations = Object.fromEntries([...kept, ...fromRS]);
      const dryRun = dryRunMode(o.dryRun);
      if (dryRun === 'none') api.replace(copy);
      return `${ref0} rolled back${dryRunSuffix(dryRun)}`;
    }),
  );
  for (const l of lines) out(`${l}\n`);
}

/** kubectl wraps some API errors in words of its own (fmt.Errorf with %v): they print as `error: ...`. */
function wrapped(prefix: string, request: () => void): void {
  try {
    request();
  } catch (e) {
    if (e instanceof ApiError) throw new CliError(prefix + e.message);
    throw e;
  }
}

function mutate(target: Target, args: string[], verb: string, o: any, fn: (d: KObject, ref: string) => string): void {
  const refs = oneDeployment(args, verb);
  // Daemon sets and stateful sets restart; only deployments pause.
  const kinds = verb === 'restart' ? ['deployments', 'daemonsets', 'statefulsets'] : ['deployments'];
  const { lines, errors } = withCluster(target.cluster, (api) => {
    const lines: string[] = [];
    const errors: string[] = [];
    for (const ref of refs) {
      if (!kinds.includes(ref.type.plural)) {
        errors.push(`error: ${qualifiedSingular(ref.type)}/${ref.name} ${verb === 'restart' ? 'restarting' : verb === 'pause' ? 'pausing' : 'resuming'} is not supported`);
        continue;
      }
      try {
        checkAccess(api, target, attributesFor(ref.type, 'get', target.namespace, ref.name));
      } catch (e) {
        errors.push(renderError(e));
        continue;
      }
      const d = api.get(ref.type, target.namespace, ref.name);
      if (!d) {
        errors.push(renderError(notFound(ref.type, ref.name)));
        continue;
      }
      const copy = structuredClone(d);
      try {
        const result = fn(copy, `${qualifiedSingular(ref.type)}/${ref.name}`);
        if (o.record) recordChangeCause(copy);
        if (JSON.stringify(copy) !== JSON.stringify(d)) {
          wrapped('failed to patch: ', () => {
            checkAccess(api, target, attributesFor(ref.type, 'patch', target.namespace, ref.name));
            api.replace(copy);
          });
        }
        lines.push(result);
      } catch (e) {
        errors.push(renderError(e));
      }
    }
    return { lines, errors };
  });
  for (const l of lines) out(`${l}\n`);
  for (const e of errors) err(e);
  if (errors.length) process.exitCode = 1;
}

export function registerRollout(program: Command): void {
  const rollout = program.command('rollout').summary('Manage the rollout of a resource').description('Manage the rollout of one or many resources.');

  rollout
    .command('status')
    .description('Show the status of the rollout.')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .argument('[args...]')
    .option('-w, --watch <bool>', 'Watch the status of the rollout until it\'s done.', 'true')
    .option('--timeout <duration>', 'The length of time to wait before ending watch, zero means never.', '0s')
    .option('--revision <n>', 'Pin to a specific revision for showing its status.')
    .action(async (args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      await rolloutStatus(resolveTarget(o), args, o);
    });

  rollout
    .command('history')
    .description('View previous rollout revisions and configurations.')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .argument('[args...]')
    .option('--revision <n>', 'See the details, including podTemplate of the revision specified')
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      rolloutHistory(resolveTarget(o), args, o);
    });

  rollout
    .command('undo')
    .description('Roll back to a previous rollout.')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .argument('[args...]')
    .option('--to-revision <n>', 'The revision to rollback to. Default to 0 (last revision).', '0')
    .addOption(new Option('--dry-run [strategy]', 'Must be "none", "server", or "client".').preset('client'))
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      rolloutUndo(resolveTarget(o), args, o);
    });

  rollout
    .command('restart')
    .description('Restart a resource.')
    .usage('RESOURCE [options]')
    .argument('[args...]')
    .addOption(new Option('--record', 'Record current kubectl command in the resource annotation (deprecated).').hideHelp())
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const target = resolveTarget(o);
      const stamp = withCluster(target.cluster, (api) => api.timestamp());
      mutate(target, args, 'restart', o, (d, ref) => {
        if (d.spec.paused) throw new CliError(`deployments.apps "${d.metadata.name}" can't restart paused deployment (run rollout resume first)`);
        d.spec.template.metadata = { ...d.spec.template.metadata, annotations: { ...d.spec.template.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': stamp } };
        return `${ref} restarted`;
      });
    });

  for (const [verb, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    rollout
      .command(verb)
      .description(paused ? 'Mark the provided resource as paused.' : 'Resume a paused resource.')
      .usage('RESOURCE [options]')
      .argument('[args...]')
      .action((args: string[], _o, cmd: Command) => {
        const o = allOpts<any>(cmd);
        mutate(resolveTarget(o), args, verb, o, (d, ref) => {
          if (!!d.spec.paused === paused) throw new CliError(`deployments.apps "${d.metadata.name}" is ${paused ? 'already paused' : 'not paused'}`);
          if (paused) d.spec.paused = true;
          else delete d.spec.paused;
          return `${ref} ${paused ? 'paused' : 'resumed'}`;
        });
      });
  }
}
