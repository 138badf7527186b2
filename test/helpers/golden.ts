// Whole-output comparison against files in test/golden/. UPDATE_GOLDEN=1 rewrites them (then
// review the diff: a golden is only as right as the eyes that checked it against kubectl).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT } from './cli.ts';

export function expectGolden(name: string, actual: string): void {
  const file = join(ROOT, 'test', 'golden', `${name}.txt`);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(file, 'utf8');
  } catch {
    assert.fail(`missing golden file test/golden/${name}.txt (run with UPDATE_GOLDEN=1 and review it)`);
  }
  assert.equal(actual, expected, `output differs from test/golden/${name}.txt`);
}
