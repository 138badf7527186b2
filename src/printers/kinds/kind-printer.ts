import type { KObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { humanDuration } from '../../util/duration.ts';
import { parseTime } from '../../util/time.ts';

export interface PrintContext {
  now: number;
  api: ApiServer;
}

/** One resource's table: kubectl's column definitions (wide = priority 1) and cells. */
export interface KindPrinter {
  columns: { name: string; wide?: boolean }[];
  cells(obj: KObject, ctx: PrintContext): string[];
}

/** AGE-style cell: HumanDuration since a timestamp, `<unknown>` when unset. */
export function since(ts: string | null | undefined, now: number): string {
  const t = parseTime(ts ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

export const age = (obj: KObject, ctx: PrintContext) => since(obj.metadata.creationTimestamp, ctx.now);
