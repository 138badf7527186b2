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

  // 1,000 pods: a deployment on a 20-worker cluster, brought to life over simulated time.
  time(...kubesim('cluster', 'create', 'big', '--nodes', '20'));
  time(...kubesim('sim', 'pause'));
  const create = time(...kubesim('create', 'deployment', 'web', '--image=nginx', '--replicas=1000'));
  const rollout = time(...kubesim('sim', 'advance', '2m'));
  const ready = time(...kubesim('get', 'deploy', 'web', '--no-headers')).stdout.trim();
  console.log(`${'create deployment x1000'.padEnd(28)} ${create.ms.toFixed(1).padStart(7)} ms`);
  console.log(`${'sim advance 2m (1000 pods)'.padEnd(28)} ${rollout.ms.toFixed(1).padStart(7)} ms   ${rollout.stdout.trim()}   [${ready}]`);
  const big = median(...kubesim('get', 'pods'));
  console.log(`${'get pods (1000 pods)'.padEnd(28)} ${big.toFixed(1).padStart(7)} ms   ratio ${(big / base).toFixed(2)}`);
  const idle = time(...kubesim('sim', 'advance', '168h'));
  console.log(`${'sim advance 168h (1000 pods)'.padEnd(28)} ${idle.ms.toFixed(1).padStart(7)} ms   ${idle.stdout.trim()}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
