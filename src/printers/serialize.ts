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
  // go-yaml v2 (behind kubectl) double-quotes a string that YAML 1.1 would read as something else
  // ("1001", "true", timestamps, y/n/on/off, "") or that holds control characters, and
  // single-quotes one that merely cannot be plain ('*/5 * * * *', 'a: b').
  const Y = yamlLib();
  const doc = new Y.Document(sorted ? sortKeys(v) : v, { version: '1.1', aliasDuplicateObjects: false } as any);
  const typed = ((doc.schema as any).tags as { default?: boolean; tag: string; test?: RegExp }[]).filter((t) => t.default && t.test && t.tag !== 'tag:yaml.org,2002:str');
  Y.visit(doc, {
    Scalar(_key, node) {
      const s = node.value;
      if (typeof s === 'string' && (s === '' || /[\x00-\x09\x0b-\x1f\x7f]/.test(s) || typed.some((t) => t.test!.test(s)))) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', singleQuote: true });
}

export function asList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * A YAML syntax error in go-yaml's (libyaml's) words, as kubectl reports it: `line N: <problem>`,
 * without the line for scanner errors on the first line.
 */
export function goYamlError(e: { code?: string; message: string; linePos?: { line: number; col: number }[] }, text: string): string {
  const at = e.linePos?.[0]?.line ?? 1;
  const first = e.message.split('\n')[0];
  let problem: string;
  // libyaml's scanner reports the line it stopped on; its parser (as go-yaml prints it) the line before.
  let scanner = false;
  let line = at;
  if (/Flow map/.test(first)) problem = "did not find expected ',' or '}'";
  else if (/Flow sequence/.test(first)) problem = /\[\s*$/.test(text.trimEnd()) ? 'did not find expected node content' : "did not find expected ',' or ']'";
  else if (e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MULTILINE_IMPLICIT_KEY') {
    problem = 'mapping values are not allowed in this context';
    scanner = true;
    // The scanner trips on the `:` that follows the value, on a later line.
    const lines = text.split('\n');
    for (let i = at; i < lines.length; i++) {
      if (/:(\s|$)/.test(lines[i].replace(/#.*$/, ''))) {
        line = i + 1;
        break;
      }
    }
  } else if (e.code === 'TAB_AS_INDENT') {
    problem = 'found character that cannot start any token';
    scanner = true;
  } else if (e.code === 'MISSING_CHAR' && /quote/.test(first)) {
    problem = 'found unexpected end of stream';
    scanner = true;
  } else if (e.code === 'BAD_INDENT' || e.code === 'UNEXPECTED_TOKEN' || (e.code === 'MISSING_CHAR' && /Sequence item/.test(first))) problem = 'did not find expected key';
  else problem = first.replace(/ at line \d+, column \d+:?$/, '');
  // go-yaml names no line when the problem is on the first one (its 0-based mark is 0).
  if (line <= 1) return problem;
  return `line ${scanner ? line : line - 1}: ${problem}`;
}
