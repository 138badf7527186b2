// A cross-process lock around read-modify-write of one file: `mkdir` is atomic on every
// filesystem Node runs on and costs a fraction of a millisecond, unlike a lock library's import.
import { mkdirSync, rmSync, rmdirSync, unlinkSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { CliError } from '../api/errors.ts';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

function holderIsGone(dir: string): boolean {
  try {
    const pid = Number(readFileSync(`${dir}/pid`, 'utf8'));
    if (!pid) throw new Error('no pid yet');
    try {
      process.kill(pid, 0);
      return false;
    } catch (e: any) {
      return e.code === 'ESRCH';
    }
  } catch {
    // The holder may be between mkdir and writing its pid: only an old directory is stale.
    try {
      return Date.now() - statSync(dir).mtimeMs > 5000;
    } catch {
      return false;
    }
  }
}

export function withFileLock<T>(file: string, fn: () => T, timeoutMs = 30000): T {
  const dir = `${file}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (let delay = 1; ; delay = Math.min(delay * 2, 25)) {
    try {
      mkdirSync(dir);
      break;
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
      if (holderIsGone(dir)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new CliError(`timed out waiting for the lock ${dir}`);
      sleep(delay + Math.random() * delay);
    }
  }
  try {
    writeFileSync(`${dir}/pid`, String(process.pid));
    return fn();
  } finally {
    try {
      unlinkSync(`${dir}/pid`);
      rmdirSync(dir);
    } catch {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
