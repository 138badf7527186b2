// describe job / cronjob (describeJob, describeCronJob, describeJobTemplate).
import { DescribeWriter, writeEvents } from './writer.ts';
import { writePodTemplate } from './workloads.ts';
import type { EventObject, KObject } from '../../api/types.ts';
import { rfc1123z, parseTime } from '../../util/time.ts';
import { formatLabelSelector } from '../../api/selectors.ts';
import { humanDuration } from '../../util/duration.ts';

const HIDDEN = ['kubectl.kubernetes.io/last-applied-configuration'];
const set = (v: unknown) => v !== undefined && v !== null;
const orUnset = (v: unknown) => (set(v) ? String(v) : '<unset>');
const time = (ts: string) => rfc1123z(parseTime(ts)!);

export function describeJob(job: KObject, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  w.line(0, 'Name', job.metadata.name);
  w.line(0, 'Namespace', job.metadata.namespace ?? '');
  w.line(0, 'Selector', formatLabelSelector(spec.selector));
  w.map(0, 'Labels', job.metadata.labels, '=');
  w.map(0, 'Annotations', job.metadata.annotations, ': ', HIDDEN);
  const controller = job.metadata.ownerReferences?.find((r) => r.controller);
  if (controller) w.line(0, 'Controlled By', `${controller.kind}/${controller.name}`);
  if (set(spec.parallelism)) w.line(0, 'Parallelism', spec.parallelism);
  w.line(0, 'Completions', orUnset(spec.completions));
  if (set(spec.completionMode)) w.line(0, 'Completion Mode', spec.completionMode);
  if (set(spec.suspend)) w.line(0, 'Suspend', String(spec.suspend));
  if (set(spec.backoffLimit)) w.line(0, 'Backoff Limit', spec.backoffLimit);
  if (set(spec.ttlSecondsAfterFinished)) w.line(0, 'TTL Seconds After Finished', spec.ttlSecondsAfterFinished);
  if (st.startTime) w.line(0, 'Start Time', time(st.startTime));
  if (st.completionTime) w.line(0, 'Completed At', time(st.completionTime));
  if (st.startTime && st.completionTime) w.line(0, 'Duration', humanDuration(parseTime(st.completionTime)! - parseTime(st.startTime)!));
  if (set(spec.activeDeadlineSeconds)) w.line(0, 'Active Deadline Seconds', `${spec.activeDeadlineSeconds}s`);
  const ready = set(st.ready) ? ` (${st.ready} Ready)` : '';
  w.line(0, 'Pods Statuses', `${st.active ?? 0} Active${ready} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`);
  writePodTemplate(w, spec.template);
  writeEvents(w, events, now);
  return w.toString();
}

export function describeCronJob(cj: KObject, events: EventObject[], now: number): string {
  const w = new DescribeWriter();
  const spec = cj.spec ?? {};
  w.line(0, 'Name', cj.metadata.name);
  w.line(0, 'Namespace', cj.metadata.namespace ?? '');
  w.map(0, 'Labels', cj.metadata.labels, '=');
  w.map(0, 'Annotations', cj.metadata.annotations, ': ', HIDDEN);
  w.line(0, 'Schedule', spec.schedule ?? '');
  w.line(0, 'Concurrency Policy', spec.concurrencyPolicy ?? '');
  w.line(0, 'Suspend', set(spec.suspend) ? (spec.suspend ? 'True' : 'False') : '<unset>');
  w.line(0, 'Successful Job History Limit', orUnset(spec.successfulJobsHistoryLimit));
  w.line(0, 'Failed Job History Limit', orUnset(spec.failedJobsHistoryLimit));
  w.line(0, 'Starting Deadline Seconds', set(spec.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>');
  const jt = spec.jobTemplate?.spec ?? {};
  w.line(0, 'Selector', jt.selector ? formatLabelSelector(jt.selector) : '<unset>');
  w.line(0, 'Parallelism', orUnset(jt.parallelism));
  w.line(0, 'Completions', orUnset(jt.completions));
  if (set(jt.activeDeadlineSeconds)) w.line(0, 'Active Deadline Seconds', `${jt.activeDeadlineSeconds}s`);
  writePodTemplate(w, jt.template);
  w.line(0, 'Last Schedule Time', cj.status?.lastScheduleTime ? time(cj.status.lastScheduleTime) : '<unset>');
  const active = (cj.status?.active ?? []).map((r: any) => r.name);
  w.line(0, 'Active Jobs', active.length ? active.join(', ') : '<none>');
  writeEvents(w, events, now);
  return w.toString();
}
