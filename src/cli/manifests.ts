// Reading manifests for -f: files, directories (-R), stdin; YAML multi-document, JSON, kind: List.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { CliError } from '../api/errors.ts';
import { yamlLib } from '../printers/serialize.ts';
import type { KObject } from '../api/types.ts';

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
