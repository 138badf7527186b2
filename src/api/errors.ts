// Errors as the API server returns them, and the way kubectl renders each kind on stderr.
import { qualifiedPlural, type ResourceType } from './resources.ts';

export interface FieldError {
  field: string;
  type: 'Required value' | 'Invalid value' | 'Unsupported value' | 'Duplicate value' | 'Forbidden' | 'Too long' | 'Not found';
  value?: unknown;
  detail?: string;
}

/** A status error from the simulated API server (kubectl prints `Error from server (Reason): ...`). */
export class ApiError extends Error {
  constructor(
    public reason: string,
    message: string,
    public details?: { kind: string; name: string; causes: FieldError[] },
  ) {
    super(message);
  }

  render(): string {
    if (this.reason === 'Invalid' && this.details) {
      const { kind, name, causes } = this.details;
      const lines = [...new Set(causes.map(formatFieldError))];
      if (lines.length === 1) return `The ${kind} "${name}" is invalid: ${lines[0]}`;
      return `The ${kind} "${name}" is invalid: \n${lines.map((l) => `* ${l}`).join('\n')}`;
    }
    // An Invalid status without causes (a patch the server could not apply) has no kind or name to name.
    if (this.reason === 'Invalid') return `The request is invalid: ${this.message}`;
    return this.reason ? `Error from server (${this.reason}): ${this.message}` : `Error from server: ${this.message}`;
  }
}

/** Strings are quoted, numbers bare; `{ raw }` is printed as given (Go's %#v of a map or struct). */
function formatBadValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v && typeof v === 'object' && 'raw' in v) return String((v as { raw: string }).raw);
  return String(v);
}

export function formatFieldError(e: FieldError): string {
  let s = `${e.field}: ${e.type}`;
  if (e.value !== undefined) s += `: ${formatBadValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export const notFound = (r: ResourceType, name: string) =>
  new ApiError('NotFound', `${qualifiedPlural(r)} "${name}" not found`);

export const alreadyExists = (r: ResourceType, name: string) =>
  new ApiError('AlreadyExists', `${qualifiedPlural(r)} "${name}" already exists`);

export function invalid(kind: string, name: string, causes: FieldError[], group = ''): ApiError {
  // An aggregate of several errors prints as a bracketed list (utilerrors.NewAggregate).
  const list = causes.map(formatFieldError);
  const message = `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${list.length > 1 ? `[${list.join(', ')}]` : list[0]}`;
  return new ApiError('Invalid', message, { kind, name, causes });
}

/** Go's `%+v` of a decoded JSON value: `map[k:v ...]` with sorted keys, `[a b]`, `<nil>`. */
export function goValueString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValueString).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValueString(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go's `%q` of a string (strconv.Quote). */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, (m, hex) => (Number.parseInt(hex, 16) < 0x20 ? `\\x${hex.slice(2)}` : m));
}

/** A client-side failure: kubectl prints it as `error: <message>`. */
export class CliError extends Error {
  constructor(message: string, public exitCode = 1) {
    super(message);
  }
}

/** Printed verbatim (already formatted, possibly several lines). */
export class RawError extends Error {
  constructor(message: string, public exitCode = 1) {
    super(message);
  }
}

/** kubectl's UsageErrorf: `error: msg` then `See '<cmd> -h' for help and examples`. */
export class UsageError extends RawError {
  constructor(message: string, commandPath: string) {
    super(`error: ${message}\nSee '${commandPath} -h' for help and examples`);
  }
}

/** Renders any error the way kubectl's CheckErr does. */
export function renderError(err: unknown): string {
  if (err instanceof ApiError) return err.render();
  if (err instanceof RawError) return err.message;
  if (err instanceof Error) return err.message.startsWith('error: ') ? err.message : `error: ${err.message}`;
  return `error: ${String(err)}`;
}
