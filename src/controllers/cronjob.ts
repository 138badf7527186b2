// The CronJob controller (v2): at each activation of the schedule it creates a Job named
// <cronjob>-<scheduled minutes since the epoch>, following concurrencyPolicy and
// startingDeadlineSeconds; it tracks active jobs, records the last schedule and success, and
// keeps only the history limits' worth of finished jobs. One timer per cron job: the next activation.
import type { Controller } from './controller.ts';
import type { ApiServer, Change } from '../api/server.ts';
import type { KObject } from '../api/types.ts';
import { keyOf } from '../api/server.ts';
import { parseTime, rfc1123z } from '../util/time.ts';
import { parseCron, nextActivation, mostRecentActivation, type CronSchedule } from '../util/cron.ts';
import { controllerOf } from './replicaset.ts';
import { isJobFinished, jobCondition } from './job.ts';

const COMPONENT = 'cronjob-controller';
const TICK = 'cronjob-tick';
export const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

function scheduleOf(cj: KObject): CronSchedule | undefined {
  try {
    return parseCron(cj.spec.schedule ?? '');
  } catch {
    return undefined;
  }
}

/** The offset of the cron job's time zone from UTC at `atMs` (0 without one). */
function zoneOffsetMs(cj: KObject, atMs: number): number {
  const tz = cj.spec.timeZone;
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return 0;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(atMs));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(atMs / 1000) * 1000;
  } catch {
    return 0;
  }
}

export function jobName(cj: KObject, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

function ownedJobs(api: ApiServer, cj: KObject): KObject[] {
  return api.dependents(cj.metadata.uid!).filter((o) => o.kind === 'Job' && controllerOf(o)?.uid === cj.metadata.uid);
}

function jobRef(job: KObject) {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace, resourceVersion: job.metadata.resourceVersion, uid: job.metadata.uid };
}

function createJob(api: ApiServer, cj: KObject, scheduled: number): KObject | undefined {
  const template = structuredClone(cj.spec.jobTemplate ?? {});
  const job: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(cj, scheduled),
      namespace: cj.metadata.namespace,
      ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
      annotations: { ...template.metadata?.annotations, [SCHEDULED_ANNOTATION]: new Date(scheduled + zoneOffsetMs(cj, scheduled)).toISOString().replace(/\.\d{3}Z$/, 'Z') },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: template.spec ?? {},
  };
  try {
    const created = api.create(job);
    api.recordEvent(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`, COMPONENT);
    return created;
  } catch (e: any) {
    api.recordEvent(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`, COMPONENT);
    return undefined;
  }
}

function deleteJob(api: ApiServer, cj: KObject, job: KObject): void {
  api.delete('jobs', job.metadata.namespace, job.metadata.name);
  api.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, COMPONENT);
}

/** Finished jobs beyond the history limits go, oldest first. */
function cleanupHistory(api: ApiServer, cj: KObject, jobs: KObject[]): void {
  const start = (j: KObject) => j.status?.startTime ?? '\uffff';
  const byStart = (a: KObject, b: KObject) => (start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : a.metadata.name < b.metadata.name ? -1 : 1);
  const groups: [KObject[], number][] = [
    [jobs.filter((j) => jobCondition(j, 'Complete')).sort(byStart), cj.spec.successfulJobsHistoryLimit ?? 3],
    [jobs.filter((j) => jobCondition(j, 'Failed')).sort(byStart), cj.spec.failedJobsHistoryLimit ?? 1],
  ];
  for (const [finished, limit] of groups) for (const j of finished.slice(0, Math.max(0, finished.length - limit))) deleteJob(api, cj, j);
}

function syncCronJob(api: ApiServer, cj: KObject): void {
  if (cj.metadata.deletionTimestamp) return;
  const now = api.now();
  const key = keyOf(cj);
  const status: any = structuredClone(cj.status ?? {});
  const jobs = ownedJobs(api, cj);

  // Active jobs that finished or disappeared leave the active list.
  const active: any[] = [];
  for (const ref of status.active ?? []) {
    const job = jobs.find((j) => j.metadata.uid === ref.uid);
    if (!job) {
      api.recordEvent(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`, COMPONENT);
      continue;
    }
    if (isJobFinished(job)) {
      const cond = jobCondition(job, 'Complete') ? 'Complete' : 'Failed';
      api.recordEvent(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${cond}`, COMPONENT);
      continue;
    }
    active.push(jobRef(job));
  }
  for (const job of jobs) {
    if (!isJobFinished(job) && !active.some((r) => r.uid === job.metadata.uid)) active.push(jobRef(job));
  }
  const successes = jobs.map((j) => (jobCondition(j, 'Complete') ? j.status?.completionTime : undefined)).filter(Boolean).sort();
  if (successes.length && (!status.lastSuccessfulTime || successes[successes.length - 1] > status.lastSuccessfulTime)) status.lastSuccessfulTime = successes[successes.length - 1];
  cleanupHistory(api, cj, jobs);

  const schedule = scheduleOf(cj);
  if (schedule && !cj.spec.suspend) {
    const offset = zoneOffsetMs(cj, now);
    let since = parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null) since = Math.max(since, now - deadline * 1000);
    const { time: scheduled, missed } = mostRecentActivation(schedule, since, now, offset);
    if (missed > 100) {
      api.recordEvent(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', COMPONENT);
    }
    const already = scheduled !== undefined && (parseTime(status.lastScheduleTime) === scheduled || active.some((r) => r.name === jobName(cj, scheduled)));
    if (scheduled !== undefined && !already) {
      if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
        api.recordEvent(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`, COMPONENT);
      } else if (cj.spec.concurrencyPolicy === 'Forbid' && active.length) {
        api.recordEvent(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', COMPONENT);
      } else {
        if (cj.spec.concurrencyPolicy === 'Replace') {
          for (const ref of active.splice(0)) {
            const job = jobs.find((j) => j.metadata.uid === ref.uid);
            if (job) deleteJob(api, cj, job);
          }
        }
        const job = createJob(api, cj, scheduled);
        if (job) {
          active.push(jobRef(job));
          status.lastScheduleTime = new Date(scheduled).toISOString().replace(/\.\d{3}Z$/, 'Z');
        }
      }
    }
    const next = nextActivation(schedule, now, offset);
    if (next !== undefined) api.schedule(next, TICK, key);
  }

  if (active.length) status.active = active;
  else delete status.active;
  if (JSON.stringify(status) !== JSON.stringify(cj.status ?? {})) {
    const copy = structuredClone(cj);
    copy.status = status;
    api.update(copy);
  }
}

function affected(api: ApiServer, changes: Change[]): KObject[] {
  const out = new Map<string, [string, string]>();
  for (const c of changes) {
    if (c.resource === 'cronjobs') {
      if (c.type === 'DELETED') api.cancelTimers(TICK, c.key);
      else out.set(c.key, [c.obj.metadata.namespace!, c.obj.metadata.name]);
      continue;
    }
    const owner = controllerOf(c.obj);
    if (owner?.kind !== 'CronJob') continue;
    // Only a job's end (or its disappearance) changes what its cron job reports.
    if (c.type === 'MODIFIED' && c.old && isJobFinished(c.old) === isJobFinished(c.obj)) continue;
    if (c.type === 'ADDED') continue;
    out.set(`${c.obj.metadata.namespace}/${owner.name}`, [c.obj.metadata.namespace!, owner.name]);
  }
  return [...out.values()].map(([ns, name]) => api.get('cronjobs', ns, name)).filter((x): x is KObject => !!x);
}

export const cronJobController: Controller = {
  name: COMPONENT,
  watches: ['cronjobs', 'jobs'],
  reconcile(api, changes) {
    for (const cj of affected(api, changes)) syncCronJob(api, cj);
  },
  timers: {
    [TICK]: (api, key) => {
      const [ns, name] = key.split('/');
      const cj = api.get('cronjobs', ns, name);
      if (cj) syncCronJob(api, cj);
    },
  },
};
