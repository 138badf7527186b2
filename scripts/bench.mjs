// npm run bench: median wall time of common commands as a ratio to `node -e 0` measured in the
// same run, and the cost of catching a cluster up after a long idle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', 'bin', 'kubesim');
const RUNS = Number(process.env.BENCH_RUNS || 15);
const home = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
const env = { ...process.env, KUBESIM_HOME: home, NO_COLOR: '1' };

function time(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function median(cmd, args) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(time(cmd, args).ms);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const kubesim = (...args) => [process.execPath, [BIN, ...args]];
try {
  time(...kubesim('get', 'nodes'));
  const rows = [];
  const base = median(process.execPath, ['-e', '0']);
  rows.push(['node -e 0', base]);
  for (const args of [['get', 'nodes'], ['get', 'pods', '-A'], ['version', '--client']]) {
    rows.push([`kubesim ${args.join(' ')}`, median(...kubesim(...args))]);
  }
  const advance = time(...kubesim('sim', 'advance', '168h'));
  console.log(`runs per command: ${RUNS}`);
  for (const [name, ms] of rows) console.log(`${name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms   ratio ${(ms / base).toFixed(2)}`);
  console.log(`${'sim advance 168h'.padEnd(28)} ${advance.ms.toFixed(1).padStart(7)} ms   ${advance.stdout.trim()}`);
  const after = median(...kubesim('get', 'pods', '-A'));
  console.log(`${'get pods -A (after 168h)'.padEnd(28)} ${after.toFixed(1).padStart(7)} ms   ratio ${(after / base).toFixed(2)}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
