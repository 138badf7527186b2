// Colour in tables, on a terminal only: statuses by what they mean, and Warning events. The
// table is laid out on the plain text first, then the cells are painted where they stand, so
// the columns line up exactly as they do without colour.
import { colours } from '../cli/colour.ts';

type Paint = 'green' | 'yellow' | 'red';

const GOOD = /^(Running|Ready|Completed|Complete|Succeeded|Active|Bound|True)$/;
const WAITING = /^(Pending|ContainerCreating|PodInitializing|Init:\d+\/\d+|Terminating|Suspended|SchedulingGated|Unknown)$|SchedulingDisabled/;
const BAD = /Err|Error|BackOff|OOMKilled|Failed|NotReady|Evicted|Invalid|Lost|DeadlineExceeded/;

/** The colour of a STATUS-like cell, or undefined to leave it as it is. */
export function statusPaint(value: string): Paint | undefined {
  if (BAD.test(value)) return 'red';
  if (WAITING.test(value)) return 'yellow';
  if (GOOD.test(value)) return 'green';
  return undefined;
}

const PAINTED_COLUMNS: Record<string, (v: string) => Paint | undefined> = {
  STATUS: statusPaint,
  TYPE: (v) => (v === 'Warning' ? 'yellow' : undefined),
};

/**
 * Paints the cells of the STATUS and (event) TYPE columns in a laid-out table. `rows` are the
 * cells the text was made from, the header first (when shown); `header` names the columns.
 */
export function paintTable(text: string, rows: string[][], header: string[], hasHeaderRow: boolean): string {
  const c = colours();
  if (c.level === 0) return text;
  const columns = header.map((h, i) => [i, PAINTED_COLUMNS[h]] as const).filter(([, f]) => f);
  if (!columns.length) return text;
  const lines = text.split('\n');
  rows.forEach((cells, r) => {
    if (hasHeaderRow && r === 0) return;
    let line = lines[r];
    let cursor = 0;
    const spans: [number, number, Paint][] = [];
    cells.forEach((cell, j) => {
      const at = line.indexOf(cell, cursor);
      if (at < 0) return;
      cursor = at + cell.length;
      const f = columns.find(([i]) => i === j)?.[1];
      const paint = f && cell ? f(cell) : undefined;
      if (paint) spans.push([at, at + cell.length, paint]);
    });
    for (const [from, to, paint] of spans.reverse()) line = line.slice(0, from) + c[paint](line.slice(from, to)) + line.slice(to);
    lines[r] = line;
  });
  return lines.join('\n');
}
