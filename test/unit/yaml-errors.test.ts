// YAML mistakes reported as kubectl 1.32 reports them (outputs taken from kubectl apply
// --dry-run=client --validate=false on the same files): libyaml's wording, and its line
// numbers, which count from the document's start and, for parser errors, lag one line behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readManifests } from '../../src/cli/manifests.ts';

const errorOf = (text: string) => readManifests(['-'], false, () => text).find((m) => m.error)?.error?.message;

const CASES: [string, string][] = [
  ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n     ports: []\n', 'line 9: mapping values are not allowed in this context'],
  ['a:\n  b: 1\n   c: 2\n', 'line 3: mapping values are not allowed in this context'],
  ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: b\n   c: d\n', 'line 6: did not find expected key'],
  ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n  - name: d\n   image: x\n', 'line 9: did not find expected key'],
  ['a: "unclosed\nb: 1\n', 'line 3: found unexpected end of stream'],
  ['a:\n\tb: 1\n', 'line 2: found character that cannot start any token'],
  ['a: [1, 2\nb: 3\n', "line 1: did not find expected ',' or ']'"],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ya\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yb\n  labels: {a: b\n---\napiVersion: v1\n', "line 5: did not find expected ',' or '}'"],
  ['a: b: c\n', 'mapping values are not allowed in this context'],
];

test('YAML errors: libyaml wording and line numbers', () => {
  for (const [text, expected] of CASES) {
    assert.equal(errorOf(text), `error parsing STDIN: error converting YAML to JSON: yaml: ${expected}`, text);
  }
});

test('an empty stream holds no objects (apply and create then refuse)', () => {
  assert.deepEqual(readManifests(['-'], false, () => ''), []);
  assert.deepEqual(readManifests(['-'], false, () => '---\n# only a comment\n---\n'), []);
});
