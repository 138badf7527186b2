// Jobs and cron jobs (printJob, printCronJob).
import type { KindPrinter } from './kind-printer.ts';
import { age, since } from './kind-printer.ts';
import type { Condition, KObject } from '../../api/types.ts';
import { formatLabelSelector } from '../../api/selectors.ts';
import { humanDuration } from '../../util/duration.ts';
import { parseTime } from '../../util/time.ts';

/** The first condition of a type decides, as hasJobCondition does. */
function hasCondition(o: KObject, type: string): boolean {
  const c = (o.status?.conditions ?? []).find((x: Condition) => x.type === type);
  return c?.status === 'True';
}

export function jobStatus(o: KObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export function jobCompletions(o: KObject): string {
  const succeeded = o.status?.succeeded ?? 0;
  if (o.spec?.completions !== undefined && o.spec?.completions !== null) return `${succeeded}/${o.spec.completions}`;
  const parallelism = o.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(o: KObject, now: number): string {
  const start = parseTime(o.status?.startTime);
  if (start === undefined) return '';
  const end = parseTime(o.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

const containerCells = (containers: { name: string; image: string }[] = []) => [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];

export const jobPrinter: KindPrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'STATUS' },
    { name: 'COMPLETIONS' },
    { name: 'DURATION' },
    { name: 'AGE' },
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  cells: (o, ctx) => [
    o.metadata.name,
    jobStatus(o),
    jobCompletions(o),
    jobDuration(o, ctx.now),
    age(o, ctx),
    ...containerCells(o.spec?.template?.spec?.containers),
    formatLabelSelector(o.spec?.selector),
  ],
};

export const cronJobPrinter: KindPrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'SCHEDULE' },
    { name: 'TIMEZONE' },
    { name: 'SUSPEND' },
    { name: 'ACTIVE' },
    { name: 'LAST SCHEDULE' },
    { name: 'AGE' },
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  cells: (o, ctx) => [
    o.metadata.name,
    o.spec?.schedule ?? '',
    o.spec?.timeZone ?? '<none>',
    o.spec?.suspend === undefined || o.spec?.suspend === null ? '<unset>' : o.spec.suspend ? 'True' : 'False',
    String((o.status?.active ?? []).length),
    o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, ctx.now) : '<none>',
    age(o, ctx),
    ...containerCells(o.spec?.jobTemplate?.spec?.template?.spec?.containers),
    formatLabelSelector(o.spec?.jobTemplate?.spec?.selector),
  ],
};
