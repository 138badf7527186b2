// Reading manifests for -f: files, directories (-R), stdin; YAML multi-document, JSON, kind: List.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { ApiError, CliError, RawError, renderError } from '../api/errors.ts';
import { yamlLib } from '../printers/serialize.ts';
import type { KObject } from '../api/types.ts';
import { resourceForKind, RESOURCE_TYPES } from '../api/resources.ts';
import { decodeOrThrow } from '../api/openapi/schema.ts';
import { sortKeys } from '../printers/serialize.ts';

export interface Manifest {
  source: string;
  obj: KObject;
}

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

function parseDocuments(text: string, source: string): KObject[] {
  const trimmed = text.trimStart();
  let docs: unknown[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      docs = [JSON.parse(text)];
    } catch (e: any) {
      throw new CliError(`error parsing ${source}: ${e.message}`);
    }
  } else {
    const Y = yamlLib();
    const parsed = Y.parseAllDocuments(text, { version: '1.1' } as any);
    docs = [];
    for (const d of parsed as any[]) {
      if (d.errors?.length) {
        const e = d.errors[0];
        const line = e.linePos?.[0]?.line;
        throw new CliError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line ?? 1}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
      }
      const v = d.toJS();
      if (v !== null && v !== undefined) docs.push(v);
    }
  }
  const out: KObject[] = [];
  for (const d of docs) {
    if (!d || typeof d !== 'object' || Array.isArray(d)) throw new CliError(`error validating "${source}": error validating data: invalid object`);
    const o = d as KObject;
    if (o.kind === 'List' || (o.kind?.endsWith('List') && Array.isArray(o.items))) out.push(...(o.items as KObject[]));
    else out.push(o);
  }
  return out;
}

export function readManifests(files: string[], recursive: boolean, stdin: () => string): Manifest[] {
  const out: Manifest[] = [];
  for (const f of files) {
    if (f === '-') {
      for (const obj of parseDocuments(stdin(), 'STDIN')) out.push({ source: 'STDIN', obj });
      continue;
    }
    const paths = listFiles(f, recursive);
    for (const p of paths) {
      const text = readFileSync(p, 'utf8');
      for (const obj of parseDocuments(text, p)) out.push({ source: p, obj });
    }
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
): { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  for (const m of manifests) {
    let action: ManifestAction = 'creating';
    try {
      const line = fn(m, (a) => (action = a));
      if (line) lines.push(line);
    } catch (e) {
      if (e instanceof ApiError && e.reason !== 'Invalid') errors.push(`Error from server (${e.reason}): error when ${action} "${m.source}": ${e.message}`);
      else errors.push(renderError(e));
    }
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
    throw new CliError(`error validating "${source}": error validating data: [${!obj.apiVersion ? 'apiVersion not set' : ''}${!obj.apiVersion && !obj.kind ? ', ' : ''}${!obj.kind ? 'kind not set' : ''}]; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  if (!rt || rt.group !== group || rt.version !== version) {
    throw new RawError(
      `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    );
  }
}


/** Checks a manifest as kubectl and the API server would, and returns its object with the namespace it goes to. */
export function prepareManifest(m: Manifest, flagNs: string | undefined, defaultNs: string): KObject {
  checkKind(m.obj, m.source);
  const ns = manifestNamespace(m.obj, flagNs, defaultNs);
  const obj = structuredClone(m.obj);
  obj.metadata = { ...obj.metadata, ...(ns ? { namespace: ns } : {}) };
  decodeOrThrow(obj as any);
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
