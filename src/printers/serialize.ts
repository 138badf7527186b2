// -o json / -o yaml as kubectl prints server objects: map keys sorted at every level.
import { createRequire } from 'node:module';

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const val = (v as Record<string, unknown>)[k];
      if (val !== undefined) out[k] = sortKeys(val);
    }
    return out;
  }
  return v;
}

export function toJson(v: unknown, sorted = true): string {
  return JSON.stringify(sorted ? sortKeys(v) : v, null, 4) + '\n';
}

// Loaded on demand: the yaml package is the largest import and most commands never need it.
let yamlModule: typeof import('yaml') | undefined;
export function yamlLib(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}

export function toYaml(v: unknown, sorted = true): string {
  // YAML 1.1 resolution decides quoting, as go-yaml v2 (behind kubectl) does: "1001", "true",
  // timestamps and y/n/on/off stay strings only when quoted.
  return yamlLib().stringify(sorted ? sortKeys(v) : v, {
    version: '1.1',
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    blockQuote: 'literal',
    aliasDuplicateObjects: false,
  });
}

export function asList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
