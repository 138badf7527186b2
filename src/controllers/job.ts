// The Job controller: runs pods until spec.completions of them have succeeded (parallelism at a
// time), retries failures with a back-off up to backoffLimit, honours activeDeadlineSeconds and
// suspend, and finishes with the two-step conditions of v1.32 (SuccessCriteriaMet then Complete,
// FailureTarget then Failed). ttlSecondsAfterFinished deletes finished jobs.
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { Condition, KObject, Pod } from '../api/types.ts';
import { keyOf } from '../api/server.ts';
import { parseTime } from '../util/time.ts';
import { controllerOf, isPodReady, ownedPods, podFromTemplate } from './replicaset.ts';

const COMPONENT = 'job-controller';
const SYNC = 'job-sync';
const TTL = 'job-ttl';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 600_000;

/** Pods counted as succeeded or failed, by job uid: a count survives the pod it came from. */
interface Tracking {
  succeeded: string[];
  failed: string[];
  /** When the last counted failure happened, and how many since the last success (for the back-off). */
  lastFailureAt?: number;
  failuresSinceSuccess: number;
}

function tracking(api: ApiServer, job: KObject): Tracking {
  const all: Record<string, Tracking> = (api.state.alloc.jobTracking ??= {});
  return (all[job.metadata.uid!] ??= { succeeded: [], failed: [], failuresSinceSuccess: 0 });
}

export function jobCondition(job: KObject, type: string): Condition | undefined {
  return (job.status?.conditions ?? []).find((c: Condition) => c.type === type && c.status === 'True');
}

export const isJobFinished = (job: KObject) => !!(jobCondition(job, 'Complete') || jobCondition(job, 'Failed'));

const terminalPhase = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function addCondition(api: ApiServer, status: any, type: string, reason: string, message: string): void {
  const now = api.timestamp();
  status.conditions = [...(status.conditions ?? []).filter((c: Condition) => c.type !== type), { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message }];
}

/** Counts the job's pods that reached a terminal phase since the last sync. */
function countFinishedPods(job: KObject, pods: Pod[], t: Tracking, now: number): void {
  for (const p of pods) {
    const uid = p.metadata.uid!;
    if (t.succeeded.includes(uid) || t.failed.includes(uid)) continue;
    if (p.status?.phase === 'Succeeded') {
      t.succeeded.push(uid);
      t.failuresSinceSuccess = 0;
    } else if (p.status?.phase === 'Failed' || (p.metadata.deletionTimestamp && job.spec.podReplacementPolicy !== 'Failed' && !isJobFinished(job))) {
      t.failed.push(uid);
      t.failuresSinceSuccess++;
      t.lastFailureAt = now;
    }
  }
}

function deleteActive(api: ApiServer, job: KObject, pods: Pod[]): void {
  for (const p of pods) {
    api.delete('pods', p.metadata.namespace, p.metadata.name);
    api.recordEvent(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT);
  }
}

function syncJob(api: ApiServer, job: KObject): void {
  if (job.metadata.deletionTimestamp) return;
  const now = api.now();
  const key = keyOf(job);
  const spec = job.spec;
  const status: any = structuredClone(job.status ?? {});
  const pods = ownedPods(api, job);
  const t = tracking(api, job);
  countFinishedPods(job, pods, t, now);
  const active = pods.filter((p) => !terminalPhase(p) && !p.metadata.deletionTimestamp);
  const terminating = pods.filter((p) => p.metadata.deletionTimestamp && !terminalPhase(p));

  if (isJobFinished(job)) {
    scheduleTtl(api, job);
    return;
  }

  if (spec.suspend) {
    deleteActive(api, job, active);
    if (!jobCondition(job, 'Suspended')) {
      addCondition(api, status, 'Suspended', 'JobSuspended', 'Job suspended');
      delete status.startTime;
      api.recordEvent(job, 'Normal', 'Suspended', 'Job suspended', COMPONENT);
    }
    writeStatus(api, job, status, [], terminating, t);
    return;
  }
  if (jobCondition(job, 'Suspended')) {
    status.conditions = status.conditions.map((c: Condition) => (c.type === 'Suspended' ? { ...c, status: 'False', reason: 'JobResumed', message: 'Job resumed', lastTransitionTime: api.timestamp(), lastProbeTime: api.timestamp() } : c));
    status.startTime = api.timestamp();
    api.recordEvent(job, 'Normal', 'Resumed', 'Job resumed', COMPONENT);
  }
  status.startTime ??= api.timestamp();
  const started = parseTime(status.startTime)!;

  // Failure: too many failed pods (Never), too many restarts (OnFailure), or the deadline.
  let failure: [string, string] | undefined = jobCondition(job, 'FailureTarget') ? [jobCondition(job, 'FailureTarget')!.reason!, jobCondition(job, 'FailureTarget')!.message!] : undefined;
  const restarts = active.reduce((sum, p) => sum + [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].reduce((s, c) => s + c.restartCount, 0), 0);
  const onFailure = spec.template?.spec?.restartPolicy === 'OnFailure';
  if (!failure && (t.failed.length > spec.backoffLimit || (onFailure && (spec.backoffLimit === 0 ? restarts > 0 : restarts >= spec.backoffLimit)))) {
    failure = ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'];
  }
  if (!failure && spec.activeDeadlineSeconds !== undefined && now - started >= spec.activeDeadlineSeconds * 1000) {
    failure = ['DeadlineExceeded', 'Job was active longer than specified deadline'];
  }
  if (failure) {
    if (!jobCondition(job, 'FailureTarget')) addCondition(api, status, 'FailureTarget', failure[0], failure[1]);
    deleteActive(api, job, active);
    countFinishedPods(job, active, t, now);
    const stillTerminating = ownedPods(api, job).filter((p) => p.metadata.deletionTimestamp && !terminalPhase(p));
    if (!stillTerminating.length) {
      addCondition(api, status, 'Failed', failure[0], failure[1]);
      api.recordEvent(job, 'Warning', failure[0], failure[1], COMPONENT);
    }
    writeStatus(api, job, status, [], stillTerminating, t);
    return;
  }

  // Success: enough completions (or, without completions, one success and nothing left running).
  const succeeded = t.succeeded.length;
  const done = spec.completions !== undefined && spec.completions !== null ? succeeded >= spec.completions : succeeded > 0 && active.length === 0;
  if (done || jobCondition(job, 'SuccessCriteriaMet')) {
    if (!jobCondition(job, 'SuccessCriteriaMet')) addCondition(api, status, 'SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods');
    deleteActive(api, job, active);
    if (!terminating.length) {
      addCondition(api, status, 'Complete', 'CompletionsReached', 'Reached expected number of succeeded pods');
      status.completionTime = api.timestamp();
      api.recordEvent(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
    }
    writeStatus(api, job, status, [], terminating, t);
    return;
  }

  // Run more pods, after the back-off that follows failures.
  const want = spec.completions !== undefined && spec.completions !== null ? Math.max(0, Math.min(spec.completions - succeeded, spec.parallelism)) : succeeded > 0 ? active.length : spec.parallelism;
  const diff = want - active.length - (spec.podReplacementPolicy === 'Failed' ? terminating.length : 0);
  if (diff > 0) {
    const backoff = t.failuresSinceSuccess ? Math.min(BACKOFF_BASE_MS * 2 ** (t.failuresSinceSuccess - 1), BACKOFF_MAX_MS) : 0;
    const readyAt = (t.lastFailureAt ?? 0) + backoff;
    if (backoff && readyAt > now) {
      api.schedule(readyAt, SYNC, key);
    } else {
      for (let i = 0; i < diff; i++) {
        try {
          const pod = api.create(podFromTemplate(api, job)) as Pod;
          api.recordEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
          active.push(pod);
        } catch (e: any) {
          api.recordEvent(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, COMPONENT);
          break;
        }
      }
    }
  } else if (diff < 0) {
    deleteActive(api, job, active.slice(diff));
    active.splice(diff);
  }
  if (spec.activeDeadlineSeconds !== undefined) api.schedule(started + spec.activeDeadlineSeconds * 1000, SYNC, key);
  writeStatus(api, job, status, active, terminating, t);
}

function writeStatus(api: ApiServer, job: KObject, status: any, active: Pod[], terminating: Pod[], t: Tracking): void {
  const next: any = { ...status };
  for (const k of ['active', 'ready', 'succeeded', 'failed', 'terminating', 'uncountedTerminatedPods'] as const) delete next[k];
  if (active.length) next.active = active.length;
  next.ready = active.filter(isPodReady).length;
  if (t.succeeded.length) next.succeeded = t.succeeded.length;
  if (t.failed.length) next.failed = t.failed.length;
  next.terminating = terminating.length;
  next.uncountedTerminatedPods = {};
  const ordered = orderStatus(next);
  if (JSON.stringify(ordered) === JSON.stringify(job.status ?? {})) return;
  const copy = structuredClone(job);
  copy.status = ordered;
  api.update(copy);
  if (isJobFinished(copy)) scheduleTtl(api, copy);
}

const STATUS_ORDER = ['conditions', 'startTime', 'completionTime', 'active', 'succeeded', 'failed', 'terminating', 'ready', 'uncountedTerminatedPods'];

function orderStatus(s: any): any {
  return Object.fromEntries(Object.keys(s).sort((a, b) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b)).map((k) => [k, s[k]]));
}

function scheduleTtl(api: ApiServer, job: KObject): void {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null) return;
  const finished = parseTime((jobCondition(job, 'Complete') ?? jobCondition(job, 'Failed'))?.lastTransitionTime);
  if (finished === undefined) return;
  const key = keyOf(job);
  if (!api.hasTimer(TTL, key)) api.schedule(finished + ttl * 1000, TTL, key);
}

/** The jobs whose own object or pods changed in a way that matters to them. */
function affected(api: ApiServer, changes: Change[]): KObject[] {
  const out = new Map<string, KObject>();
  for (const c of changes) {
    if (c.resource === 'jobs') {
      if (c.type === 'DELETED') {
        delete api.state.alloc.jobTracking?.[c.obj.metadata.uid!];
        continue;
      }
      out.set(c.key, c.obj);
      continue;
    }
    const owner = controllerOf(c.obj) ?? (c.old ? controllerOf(c.old) : undefined);
    if (owner?.kind !== 'Job') continue;
    const old = c.old as Pod | undefined;
    const pod = c.obj as Pod;
    if (c.type === 'MODIFIED' && old && old.status?.phase === pod.status?.phase && isPodReady(old) === isPodReady(pod) && !!old.metadata.deletionTimestamp === !!pod.metadata.deletionTimestamp && restartsOf(old) === restartsOf(pod)) continue;
    out.set(`${c.obj.metadata.namespace}/${owner.name}`, c.obj);
  }
  return [...out.keys()].map((k) => {
    const [ns, name] = k.split('/');
    return api.get('jobs', ns, name);
  }).filter((j): j is KObject => !!j);
}

const restartsOf = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((s, c) => s + c.restartCount, 0);

export const jobController: Controller = {
  name: COMPONENT,
  watches: ['jobs', 'pods'],
  reconcile(api, changes) {
    for (const job of affected(api, changes)) syncJob(api, job);
  },
  timers: {
    [SYNC]: (api, key) => {
      const [ns, name] = key.split('/');
      const job = api.get('jobs', ns, name);
      if (job) syncJob(api, job);
    },
    [TTL]: (api, key) => {
      const [ns, name] = key.split('/');
      const job = api.get('jobs', ns, name);
      if (job && isJobFinished(job)) api.delete('jobs', ns, name);
    },
  },
};
