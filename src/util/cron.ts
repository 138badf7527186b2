// Cron schedules as the CronJob controller reads them (robfig/cron v3, ParseStandard): five
// fields (minute hour day-of-month month day-of-week) or a descriptor (@hourly, @every 5m, ...),
// with the parser's error messages; and the next activation after a given instant.

export interface CronSchedule {
  minutes: boolean[];
  hours: boolean[];
  daysOfMonth: boolean[];
  months: boolean[];
  daysOfWeek: boolean[];
  /** robfig's star bits: a starred day field defers to the other one. */
  domStar: boolean;
  dowStar: boolean;
  /** `@every <duration>`: a fixed interval instead of fields. */
  everyMs?: number;
}

export class CronParseError extends Error {}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function parseInt10(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function value(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()];
  return named !== undefined ? named : parseInt10(s);
}

/** One comma-separated part of a field: `*`, `?`, `N`, `N-M`, each optionally `/step`. */
function parseRange(expr: string, b: Bounds, bits: boolean[]): boolean {
  const [rangePart, stepPart, ...extraSlash] = expr.split('/');
  if (extraSlash.length) throw new CronParseError(`too many slashes: ${expr}`);
  const [lowPart, highPart, ...extraHyphen] = rangePart.split('-');
  if (extraHyphen.length) throw new CronParseError(`too many hyphens: ${expr}`);
  let start: number;
  let end: number;
  let star = false;
  if (lowPart === '*' || lowPart === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = value(lowPart, b);
    end = highPart !== undefined ? value(highPart, b) : start;
  }
  let step = 1;
  if (stepPart !== undefined) {
    step = parseInt10(stepPart);
    if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
    // `N/step` means N through the maximum.
    if (highPart === undefined && !star) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  for (let i = start; i <= end; i += step) bits[i] = true;
  return star;
}

function parseField(text: string, b: Bounds): { bits: boolean[]; star: boolean } {
  const bits: boolean[] = new Array(b.max + 1).fill(false);
  let star = false;
  for (const part of text.split(',')) if (parseRange(part, b, bits)) star = true;
  return { bits, star };
}

/** Parses a schedule; throws CronParseError with robfig/cron's message. */
export function parseCron(spec: string): CronSchedule {
  const text = spec.trim();
  if (!text) throw new CronParseError('empty spec string');
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const [, ...rest] = text.split(/\s+/);
    return parseCron(rest.join(' '));
  }
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      const d = text.slice('@every '.length).trim();
      const ms = goDurationMs(d);
      if (ms === undefined) throw new CronParseError(`failed to parse duration ${text}: time: invalid duration ${JSON.stringify(d)}`);
      const all = parseCron('* * * * *');
      return { ...all, everyMs: Math.max(1000, Math.floor(ms / 1000) * 1000) };
    }
    const d = DESCRIPTORS[text];
    if (!d) throw new CronParseError(`unrecognized descriptor: ${text}`);
    return parseCron(d);
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [m, h, dom, mon, dow] = fields.map((f, i) => parseField(f, FIELDS[i]));
  // Sunday may be written 7 by some; robfig's bounds reject it, as above.
  return { minutes: m.bits, hours: h.bits, daysOfMonth: dom.bits, months: mon.bits, daysOfWeek: dow.bits, domStar: dom.star, dowStar: dow.star };
}

function goDurationMs(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * unit[m[2]];
    matched = re.lastIndex;
  }
  return matched === s.length && s.length ? total : undefined;
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.daysOfMonth[d.getUTCDate()];
  const dow = s.daysOfWeek[d.getUTCDay()];
  if (s.domStar || s.dowStar) return dom && dow;
  return dom || dow;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The first activation strictly after `afterMs` (UTC wall time shifted by `offsetMs` for a time zone). */
export function nextActivation(s: CronSchedule, afterMs: number, offsetMs = 0): number | undefined {
  if (s.everyMs) return afterMs - (afterMs % 1000) + s.everyMs;
  const local = afterMs + offsetMs;
  let t = Math.floor(local / MINUTE) * MINUTE + MINUTE;
  // Five years always contain a match for any valid schedule (leap days included).
  const limit = local + 5 * 366 * DAY;
  while (t <= limit) {
    const d = new Date(t);
    if (!s.months[d.getUTCMonth() + 1] || !dayMatches(s, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hours[d.getUTCHours()]) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!s.minutes[d.getUTCMinutes()]) {
      t += MINUTE;
      continue;
    }
    return t - offsetMs;
  }
  return undefined;
}

/** The most recent activation at or before `atMs` and after `sinceMs`, and how many there were (counted up to 101). */
export function mostRecentActivation(s: CronSchedule, sinceMs: number, atMs: number, offsetMs = 0): { time?: number; missed: number } {
  let last: number | undefined;
  let missed = 0;
  for (let t = nextActivation(s, sinceMs, offsetMs); t !== undefined && t <= atMs; t = nextActivation(s, t, offsetMs)) {
    last = t;
    if (++missed > 100) return { time: latestAtOrBefore(s, atMs, offsetMs), missed };
  }
  return { time: last, missed };
}

/** The latest activation at or before `atMs`: look back over doubling windows until one holds an activation. */
function latestAtOrBefore(s: CronSchedule, atMs: number, offsetMs: number): number | undefined {
  for (let window = MINUTE; window <= 5 * 366 * DAY; window *= 2) {
    let t = nextActivation(s, atMs - window, offsetMs);
    if (t === undefined || t > atMs) continue;
    for (let n = nextActivation(s, t, offsetMs); n !== undefined && n <= atMs; n = nextActivation(s, n, offsetMs)) t = n;
    return t;
  }
  return undefined;
}
