// Drives the built CLI end to end against a real state file in a temporary $KUBESIM_HOME.
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'kubesim');
/** The pinned wall clock of every test cluster: timestamps and AGEs are reproducible. */
export const TEST_NOW = '2026-11-22T10:00:00Z';

export interface Result {
  stdout: string;
  stderr: string;
  code: number;
}

export class Sandbox {
  readonly home = mkdtempSync(join(tmpdir(), 'kubesim-test-'));
  env: Record<string, string> = { KUBESIM_NOW: TEST_NOW };

  run(args: string[] | string, input?: string): Result {
    const argv = typeof args === 'string' ? splitArgs(args) : args;
    const r = spawnSync(process.execPath, [BIN, ...argv], {
      cwd: this.home,
      env: { PATH: process.env.PATH ?? '', HOME: this.home, KUBESIM_HOME: this.home, NO_COLOR: '1', ...this.env },
      input,
      encoding: 'utf8',
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
  }

  /** Runs and expects success with nothing on stderr; returns stdout. */
  ok(args: string[] | string): string {
    const r = this.run(args);
    if (r.code !== 0 || r.stderr) throw new Error(`kubesim ${args} failed (${r.code}):\n${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  spawn(args: string[]) {
    return spawn(process.execPath, [BIN, ...args], {
      cwd: this.home,
      env: { PATH: process.env.PATH ?? '', HOME: this.home, KUBESIM_HOME: this.home, NO_COLOR: '1', ...this.env },
    });
  }

  /** A paused default cluster: nothing changes unless the test advances the clock. */
  static paused(): Sandbox {
    const s = new Sandbox();
    const r = s.run('sim pause');
    if (r.code !== 0) throw new Error(r.stderr);
    return s;
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** Splits a command line on spaces, honouring single and double quotes. */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let has = false;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === ' ') {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}
