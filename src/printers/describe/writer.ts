// kubectl describe's PrefixWriter: `Label:\tvalue` lines at nesting levels, aligned at the end
// by Go's tabwriter (minwidth 0, padding 2), so alignment follows tabwriter's column blocks.
import { TabWriter, DESCRIBE_OPTS } from '../tabwriter.ts';
import type { EventObject } from '../../api/types.ts';
import { humanDuration } from '../../util/duration.ts';
import { parseTime } from '../../util/time.ts';

const INDENT = ['', '  ', '    ', '      ', '        '];

export class DescribeWriter {
  private tw = new TabWriter({ ...DESCRIBE_OPTS });
  private chunks: string[] = [];

  /** Writes `format` at `level`; cells are separated by '\t' in the text. */
  write(level: number, text: string): void {
    this.tw.write(INDENT[level] + text);
  }

  line(level: number, label: string, value?: string | number): void {
    this.write(level, value === undefined ? `${label}:\n` : `${label}:\t${value}\n`);
  }

  /** Multi-line `k=v` map (labels) or `k: v` (annotations), continuation lines under the value. */
  map(level: number, label: string, m: Record<string, string> | undefined, sep: '=' | ': ', skip: string[] = []): void {
    const keys = Object.keys(m ?? {})
      .filter((k) => !skip.includes(k))
      .sort();
    if (!keys.length) {
      this.line(level, label, '<none>');
      return;
    }
    keys.forEach((k, i) => {
      const v = m![k];
      const text = sep === ': ' && (k.length + v.length + 2 > 140 || v.includes('\n')) ? `${k}:\n${longValue(v)}` : `${k}${sep}${v}`;
      this.write(level, i === 0 ? `${label}:\t${text}\n` : `\t${text}\n`);
    });
  }

  flush(): void {
    this.chunks.push(this.tw.flush());
  }

  toString(): string {
    this.flush();
    return this.chunks.join('');
  }
}

function longValue(v: string): string {
  return v
    .split('\n')
    .map((l) => `  ${l.length > 140 ? `${l.slice(0, 138)}...` : l}`)
    .join('\n');
}

/** The Events section at the end of every describe (DescribeEvents). */
export function writeEvents(w: DescribeWriter, events: EventObject[], now: number): void {
  if (!events.length) {
    w.line(0, 'Events', '<none>');
    return;
  }
  w.flush();
  const ts = (e: EventObject) => parseTime(e.lastTimestamp ?? undefined) ?? 0;
  const sorted = [...events].sort((a, b) => ts(a) - ts(b) || (a.metadata.name < b.metadata.name ? -1 : 1));
  w.write(0, 'Events:\n');
  w.write(1, 'Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = humanDuration(now - (parseTime(e.eventTime ?? undefined) ?? parseTime(e.firstTimestamp ?? undefined) ?? now));
    let interval = first;
    if (e.series) interval = `${humanDuration(now - (parseTime(e.series.lastObservedTime) ?? now))} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 1) > 1) interval = `${humanDuration(now - ts(e))} (x${e.count} over ${first})`;
    const from = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${from}\t${(e.message ?? '').trim()}\n`);
  }
}
