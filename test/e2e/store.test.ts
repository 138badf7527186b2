import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/cli.ts';

const exited = (p: ReturnType<Sandbox['spawn']>) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    let stderr = '';
    p.stderr!.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stderr }));
  });

test('20 commands writing at once lose nothing', async () => {
  const k = Sandbox.paused();
  try {
    const names = Array.from({ length: 20 }, (_, i) => `team-${i}`);
    const results = await Promise.all(names.map((n) => exited(k.spawn(['create', 'namespace', n]))));
    assert.deepEqual(results.map((r) => r.code), names.map(() => 0), results.map((r) => r.stderr).join(''));
    const listed = k.ok('get ns -o name').split('\n').filter((l) => l.startsWith('namespace/team-'));
    assert.equal(listed.length, 20);
    assert.equal(k.ok('get sa -A --no-headers').split('\n').filter((l) => l.startsWith('team-')).length, 20);
  } finally {
    k.cleanup();
  }
});

test('processes killed mid-command leave a readable state, old or new', async () => {
  const k = Sandbox.paused();
  try {
    for (let round = 0; round < 3; round++) {
      const procs = Array.from({ length: 8 }, (_, i) => k.spawn(['create', 'namespace', `kill-${round}-${i}`]));
      await Promise.all(
        procs.map(
          (p, i) =>
            new Promise<void>((resolve) => {
              setTimeout(() => p.kill('SIGKILL'), 20 + i * 15);
              p.on('close', () => resolve());
            }),
        ),
      );
      const r = k.run('get ns -o name');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /namespace\/default\n/);
    }
    const state = JSON.parse(readFileSync(join(k.home, 'clusters', 'kubernetes.json'), 'utf8'));
    assert.equal(state.schemaVersion, 1);
  } finally {
    k.cleanup();
  }
});

test('a lock left by a dead process does not block the next command', () => {
  const k = Sandbox.paused();
  try {
    const lock = join(k.home, 'clusters', 'kubernetes.json.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), '999999999');
    assert.equal(k.ok('create ns after-crash'), 'namespace/after-crash created\n');
    assert.equal(existsSync(lock), false);
  } finally {
    k.cleanup();
  }
});

test('an unreadable state file gets a clear error and is left untouched', () => {
  const k = Sandbox.paused();
  try {
    const file = join(k.home, 'clusters', 'kubernetes.json');
    const broken = readFileSync(file, 'utf8').slice(0, 500);
    writeFileSync(file, broken);
    const r = k.run('get nodes');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      new RegExp(`^error: cannot read the cluster state in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+; the file was left as it is \\(move it away, or run 'kubesim cluster reset' to start over\\)\\n$`),
    );
    assert.equal(k.run('create ns x').code, 1);
    assert.equal(readFileSync(file, 'utf8'), broken);
    assert.equal(k.ok('cluster reset'), 'cluster "kubernetes" reset\n');
    assert.equal(k.ok('get nodes --no-headers').split('\n').length, 4);
  } finally {
    k.cleanup();
  }
});

test('a state file from a newer kubesim is refused, not rewritten', () => {
  const k = Sandbox.paused();
  try {
    const file = join(k.home, 'clusters', 'kubernetes.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    state.schemaVersion = 99;
    const text = JSON.stringify(state);
    writeFileSync(file, text);
    assert.deepEqual(k.run('get ns'), {
      stdout: '',
      stderr: `error: the cluster state in ${file} has schema version 99, newer than this kubesim understands (1); upgrade kubesim\n`,
      code: 1,
    });
    assert.equal(readFileSync(file, 'utf8'), text);
  } finally {
    k.cleanup();
  }
});
