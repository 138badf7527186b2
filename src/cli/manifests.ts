// Reading manifests for -f: files, directories (-R), stdin; YAML multi-document, JSON, kind: List.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { ApiError, CliError, RawError, renderError } from '../api/errors.ts';
import { goYamlError, yamlLib } from '../printers/serialize.ts';
import type { KObject } from '../api/types.ts';
import { resourceForKind, RESOURCE_TYPES } from '../api/resources.ts';
import { decodeObject, pruneFields, strictMessage } from '../api/openapi/schema.ts';
import { sortKeys } from '../printers/serialize.ts';

export interface Manifest {
  source: string;
  obj: KObject;
  /** The stream could not be read past this point: reported, and nothing after it is processed. */
  error?: Error;
}

/** An error that ends the processing of a manifest stream (kubectl's builder stops there). */
export class StreamError extends CliError {}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

function listFiles(path: string, recursive: boolean): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError(`the path "${path}" does not exist`);
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path).sort()) {
    const full = join(path, entry);
    const s = statSync(full);
    if (s.isDirectory()) {
      if (recursive) out.push(...listFiles(full, true));
    } else if (EXTENSIONS.includes(extname(entry))) out.push(full);
  }
  return out;
}

/** The objects of a file, then the error that stopped reading it, if any. */
function parseDocuments(text: string, source: string): { objs: KObject[]; error?: Error } {
  const trimmed = text.trimStart();
  const docs: unknown[] = [];
  let error: Error | undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      docs.push(JSON.parse(text));
    } catch (e: any) {
      error = new StreamError(`error parsing ${source}: ${e.message}`);
    }
  } else {
    const Y = yamlLib();
    // kubectl's YAML reader cuts the stream at `---` lines and converts one document at a time:
    // line numbers in its errors count from the document's start.
    for (const [i, part] of text.split(/^---.*$/m).entries()) {
      const chunk = i ? part.replace(/^\r?\n/, '') : part;
      const d = Y.parseDocument(chunk, { version: '1.1', uniqueKeys: false } as any) as any;
      if (d.errors?.length) {
        error = new StreamError(`error parsing ${source}: error converting YAML to JSON: yaml: ${goYamlError(d.errors[0], chunk)}`);
        break;
      }
      const v = d.toJS();
      if (v !== null && v !== undefined) docs.push(v);
    }
  }
  const objs: KObject[] = [];
  for (const d of docs) {
    if (!d || typeof d !== 'object' || Array.isArray(d)) {
      error = new StreamError(`error validating "${source}": error validating data: invalid object`);
      break;
    }
    const o = d as KObject;
    if (o.kind === 'List' || (o.kind?.endsWith('List') && Array.isArray(o.items))) objs.push(...(o.items as KObject[]));
    else objs.push(o);
  }
  return { objs, error };
}

export function readManifests(files: string[], recursive: boolean, stdin: () => string): Manifest[] {
  const out: Manifest[] = [];
  const add = (text: string, source: string): boolean => {
    const { objs, error } = parseDocuments(text, source);
    for (const obj of objs) out.push({ source, obj });
    if (error) out.push({ source, obj: {} as KObject, error });
    return !error;
  };
  for (const f of files) {
    if (f === '-') {
      if (!add(stdin(), 'STDIN')) return out;
      continue;
    }
    for (const p of listFiles(f, recursive)) if (!add(readFileSync(p, 'utf8'), p)) return out;
  }
  return out;
}

export function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** The verb phrase kubectl puts in `Error from server (...): error when <verb> "FILE": ...`. */
export type ManifestAction = 'creating' | 'patching' | 'replacing' | 'deleting' | 'retrieving current configuration of';

/**
 * Runs `fn` for each manifest, one document at a time: a failing document never stops the
 * others, and kubectl's error line for it (naming the file) is collected for the end.
 */
export function eachManifest(
  manifests: Manifest[],
  fn: (m: Manifest, doing: (action: ManifestAction) => void) => string | void,
  /** Runs between documents: each is a request of its own, which the control plane reacts to (a namespace gets its service account). */
  afterEach?: () => void,
): { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  for (const m of manifests) {
    let action: ManifestAction = 'creating';
    if (m.error) {
      errors.push(renderError(m.error));
      break;
    }
    try {
      const line = fn(m, (a) => (action = a));
      if (line) lines.push(line);
    } catch (e) {
      if (e instanceof ApiError && e.reason !== 'Invalid') errors.push(`Error from server (${e.reason}): error when ${action} "${m.source}": ${e.message}`);
      else errors.push(renderError(e));
      if (e instanceof StreamError) break;
    }
    afterEach?.();
  }
  return { lines, errors };
}

/** Where a manifest's object goes: its own namespace, which must agree with -n when both are given. */
export function manifestNamespace(obj: KObject, flagNs: string | undefined, defaultNs: string): string | undefined {
  const rt = resourceForKind(obj.kind);
  if (!rt.namespaced) return undefined;
  const own = obj.metadata?.namespace;
  if (own && flagNs && own !== flagNs) {
    throw new CliError(`the namespace from the provided object "${own}" does not match the namespace "${flagNs}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own || flagNs || defaultNs;
}

/** Checks that a manifest names a kind this API server serves, in kubectl's words when not. */
export function checkKind(obj: KObject, source: string): void {
  const [group, version] = (obj.apiVersion ?? '').includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const rt = RESOURCE_TYPES.find((r) => r.kind === obj.kind);
  if (!obj.kind || !obj.apiVersion) {
    throw new StreamError(`error validating "${source}": error validating data: [${!obj.apiVersion ? 'apiVersion not set' : ''}${!obj.apiVersion && !obj.kind ? ', ' : ''}${!obj.kind ? 'kind not set' : ''}]; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  if (!rt || rt.group !== group || rt.version !== version) {
    throw new RawError(
      `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    );
  }
}


/** The API server's field validation, from kubectl's --validate. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidation(flag: string | boolean | undefined): FieldValidation {
  const v = flag === undefined || flag === true ? 'strict' : flag === false ? 'false' : String(flag).toLowerCase();
  if (v === 'strict' || v === 'true') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore' || v === 'false') return 'Ignore';
  throw new CliError(`invalid - validate option "${flag}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/**
 * Decodes a manifest's object as the API server does under a field validation mode: a mistyped
 * field always fails; unknown fields fail (Strict), are dropped with a warning (Warn) or silently.
 */
export function decodeManifest(obj: KObject, mode: FieldValidation, warnings: string[]): void {
  const r = decodeObject(obj as any);
  if (!r) return;
  const version = String(obj.apiVersion).split('/').pop();
  const fail = (problem: string) => new ApiError('BadRequest', `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${problem}`);
  if (r.mismatch) throw fail(r.mismatch);
  if (!r.unknown.length) return;
  if (mode === 'Strict') throw fail(strictMessage(r.unknown));
  if (mode === 'Warn') for (const u of r.unknown) warnings.push(`Warning: unknown field "${u}"`);
  pruneFields(obj as any, r.unknown);
}

/** Checks a manifest's kind and namespace as kubectl would; returns its object bound for that namespace. */
export function prepareManifest(m: Manifest, flagNs: string | undefined, defaultNs: string): KObject {
  checkKind(m.obj, m.source);
  const ns = manifestNamespace(m.obj, flagNs, defaultNs);
  const obj = structuredClone(m.obj);
  obj.metadata = { ...obj.metadata, ...(ns ? { namespace: ns } : {}) };
  return obj;
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** kubectl's last-applied-configuration: the object as given, without that annotation, as compact JSON. */
export function lastAppliedOf(obj: KObject): string {
  const copy = structuredClone(obj);
  copy.metadata.annotations = { ...copy.metadata.annotations };
  delete copy.metadata.annotations[LAST_APPLIED];
  return `${JSON.stringify(sortKeys(copy))}\n`;
}

export function setLastApplied(obj: KObject): void {
  const value = lastAppliedOf(obj);
  obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: value };
}
