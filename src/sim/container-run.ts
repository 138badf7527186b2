// What a container does once started: run until stopped, or exit after some time with a code,
// worked out from its image and its command/args (sleep, echo, sh -c scripts, ...).
import type { Container } from '../api/types.ts';
import type { ImageInfo } from './images.ts';

export interface RunPlan {
  /** Milliseconds after start at which the process exits; undefined = runs until stopped. */
  exitAfterMs?: number;
  exitCode: number;
  /** The container cannot start at all (executable not found): StartError. */
  startError?: string;
  /** Lines the process writes to its log at start-up. */
  logs: string[];
  /** Resident memory the process grows to (MiB): above the memory limit, the OOM killer ends it. */
  memoryMi: number;
  /** The process loops until this host name resolves, then goes on for exitAfterMs. */
  waitsForHost?: string;
}

const FOREVER_COMMANDS = new Set(['nginx', 'httpd', 'httpd-foreground', 'redis-server', 'node', 'python', 'python3', 'ping', 'top', 'watch', 'yes', 'nc', 'http-server', 'memcached', 'mysqld', 'postgres', 'etcd']);
const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash', 'zsh']);
const APPLETS = new Set([
  'echo', 'sleep', 'cat', 'ls', 'date', 'env', 'printenv', 'hostname', 'wget', 'nslookup', 'ping', 'true', 'false', 'touch', 'mkdir',
  'rm', 'cp', 'mv', 'tail', 'head', 'grep', 'ps', 'id', 'whoami', 'uname', 'df', 'free', 'nc', 'sh', 'exit', 'curl', 'test', '[',
  'while', 'for', 'do', 'done', 'if', 'then', 'fi', 'printf', 'export', 'cd', 'pwd', 'seq', 'wc', 'sort', 'dd', 'yes', 'top', 'watch',
]);

function parseSeconds(s: string | undefined): number | undefined {
  if (s === undefined) return 1;
  if (s === 'infinity' || s === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Number(m[1]) * mult;
}

/** Splits a shell command line into words, honouring quotes. */
export function shellWords(s: string): string[] {
  const words: string[] = [];
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
    } else if (/\s/.test(ch)) {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) words.push(cur);
  return words;
}

interface Outcome {
  seconds: number;
  waitsForHost?: { host: string; thenLogs: string[] };
  memoryMi?: number;
  exit?: number;
  forever?: boolean;
  logs: string[];
  notFound?: string;
}

/** Runs a small shell script symbolically: time it takes, lines it prints, how it ends. */
function runScript(script: string, env: RunEnv): Outcome {
  const out: Outcome = { seconds: 0, logs: [] };
  // `until nslookup HOST; do ...; done` (and `while ! nslookup`): the script waits for a name.
  const wait = /\b(?:until|while\s+!)\s+([^;]+?)\s*;\s*do\b([\s\S]*?)\bdone\b\s*;?/.exec(script);
  if (wait) {
    const before = runScript(script.slice(0, wait.index), env);
    const [cmd, host] = shellWords(wait[1]);
    if (before.forever || before.exit) return before;
    if ((cmd === 'nslookup' || cmd === 'host' || cmd === 'getent') && host) {
      const after = runScript(script.slice(wait.index + wait[0].length), env);
      const looped = runScript(wait[2], env);
      return { ...after, seconds: before.seconds + after.seconds, logs: [...before.logs, ...looped.logs], waitsForHost: { host: cmd === 'getent' ? shellWords(wait[1])[2] ?? host : host, thenLogs: after.logs } };
    }
    return { ...before, forever: true };
  }
  if (/\bwhile\s+(true|:)\b|\bfor\s*\(\(\s*;\s*;\s*\)\)/.test(script) || /tail\s+-f\b/.test(script)) {
    const before = script.split(/\bwhile\b|\btail\s+-f\b|\bfor\b/)[0];
    const pre = runScript(before, env);
    return { ...pre, forever: pre.exit === undefined, seconds: pre.seconds };
  }
  for (const stmt of script.split(/;|&&|\n|\|\|/)) {
    const words = shellWords(stmt.trim());
    if (!words.length) continue;
    const [cmd, ...args] = words;
    const r = runCommand(cmd, args, env);
    out.seconds += r.seconds;
    out.logs.push(...r.logs);
    if (r.memoryMi) out.memoryMi = Math.max(out.memoryMi ?? 0, r.memoryMi);
    if (r.forever) return { ...out, forever: true };
    if (r.notFound) {
      out.logs.push(`sh: ${r.notFound}: not found`);
      out.exit = 127;
      continue;
    }
    if (cmd === 'exit') return { ...out, exit: r.exit ?? 0 };
    out.exit = r.exit;
  }
  return out;
}

function runCommand(cmd: string, args: string[], env: RunEnv): Outcome {
  const base = cmd.split('/').pop()!;
  if (SHELLS.has(cmd) || SHELLS.has(base)) {
    const c = args.indexOf('-c');
    if (c >= 0) return runScript(args[c + 1] ?? '', env);
    // A shell with no script and no terminal reads EOF and exits at once.
    return { seconds: 0, exit: 0, logs: [] };
  }
  switch (base) {
    case 'sleep': {
      const secs = parseSeconds(args[0]);
      if (secs === undefined) return { seconds: 0, exit: 1, logs: [`sleep: invalid number '${args[0]}'`] };
      return secs === Infinity ? { seconds: 0, forever: true, logs: [] } : { seconds: secs, exit: 0, logs: [] };
    }
    case 'echo':
      return { seconds: 0, exit: 0, logs: [args.filter((a) => a !== '-n' && a !== '-e').join(' ')] };
    case 'printf':
      return { seconds: 0, exit: 0, logs: [(args[0] ?? '').replace(/\\n$/, '')] };
    case 'exit':
      return { seconds: 0, exit: Number(args[0] ?? 0) || 0, logs: [] };
    case 'date':
      return { seconds: 0, exit: 0, logs: [busyboxDate(env.now)] };
    case 'true':
    case ':':
      return { seconds: 0, exit: 0, logs: [] };
    case 'false':
      return { seconds: 0, exit: 1, logs: [] };
    case 'tail':
      return args.includes('-f') ? { seconds: 0, forever: true, logs: [] } : { seconds: 0, exit: 0, logs: [] };
    case 'stress':
      return runStress(args);
  }
  const script = interpreterScript(base, args);
  if (script !== undefined) return { seconds: INTERPRETER_SECONDS, exit: 0, logs: printedBy(script) };
  if (FOREVER_COMMANDS.has(base)) return { seconds: 0, forever: true, logs: [] };
  if (env.shell && APPLETS.has(base)) return { seconds: 0, exit: 0, logs: [] };
  return { seconds: 0, logs: [], notFound: cmd };
}

const INTERPRETER_SECONDS = 2;

/** The one-liner of `perl -e`, `python -c`, `node -e`, `ruby -e` (undefined when there is none). */
function interpreterScript(base: string, args: string[]): string | undefined {
  const flag = /^python[\d.]*$/.test(base) ? /^-\w*c$/ : /^(perl[\d.]*|ruby|node)$/.test(base) ? /^-\w*[ep]$|^--eval$/ : undefined;
  if (!flag) return undefined;
  const i = args.findIndex((a) => flag.test(a));
  return i >= 0 ? args[i + 1] ?? '' : undefined;
}

/** What a one-liner prints: string literals of print/puts/console.log, and Perl's bpi(N). */
function printedBy(script: string): string[] {
  const out: string[] = [];
  const re = /\b(?:print|puts|say|console\.log)\s*\(?\s*(?:bpi\((\d+)\)|"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(script); m; m = re.exec(script)) {
    if (m[1]) out.push(piDigits(Math.min(Number(m[1]), 10_000)));
    else out.push((m[2] ?? m[3]).replace(/\\n$/, ''));
  }
  return out;
}

/** π to `n` significant digits (Machin's formula in integer arithmetic), as bignum's bpi(n) prints it. */
export function piDigits(n: number): string {
  const guard = 10n;
  const scale = 10n ** BigInt(n + 10);
  const arctanInv = (x: bigint) => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
      sum += (sign * term) / k;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  // Round to n significant digits.
  const digits = ((pi / 10n ** (guard - 1n) + 5n) / 10n).toString();
  return `${digits[0]}.${digits.slice(1, n)}`;
}

const SIZE_UNITS: Record<string, number> = { '': 1 / (1024 * 1024), b: 1 / (1024 * 1024), k: 1 / 1024, m: 1, g: 1024 };

/** stress(1) as the Kubernetes memory examples use it: --vm N workers of --vm-bytes each. */
/** Where a script runs: whether the image has a shell and its applets, and the time it starts. */
interface RunEnv {
  shell: boolean;
  now: number;
}

/** `date` as busybox prints it in a container (UTC): `Tue Dec  1 16:31:02 UTC 2026`. */
export function busyboxDate(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function runStress(args: string[]): Outcome {
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const workers = Number(flag('--vm') ?? flag('-m') ?? 0) || 0;
  const size = /^(\d+)([bBkKmMgG]?)$/.exec(flag('--vm-bytes') ?? '256M');
  const mi = size ? Number(size[1]) * SIZE_UNITS[size[2].toLowerCase()] : 256;
  const timeout = flag('--timeout') ?? flag('-t');
  const logs = [`stress: info: [1] dispatching hogs: 0 cpu, 0 io, ${workers} vm, 0 hdd`];
  const seconds = timeout ? parseSeconds(timeout) : undefined;
  const base = { logs, memoryMi: workers * mi };
  return seconds !== undefined && Number.isFinite(seconds) ? { ...base, seconds, exit: 0 } : { ...base, seconds: 0, forever: true };
}

/** The argv a container runs: command replaces ENTRYPOINT, args replace CMD. */
export function effectiveArgv(image: ImageInfo, c: Container): string[] {
  const entry = c.command ?? image.entrypoint;
  const args = c.args ?? (c.command ? [] : image.cmd);
  return [...entry, ...args];
}

const NAMESPACE_FILE = /\$\(cat \/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\)/g;

/** What the container's process will do; `namespace` is what it reads from its service-account mount, `now` what `date` says. */
export function planRun(image: ImageInfo, c: Container, namespace = 'default', now = 0): RunPlan {
  const expand = (xs?: string[]) => xs?.map((x) => x.replace(NAMESPACE_FILE, namespace));
  const plan = planProcess(image, { ...c, command: expand(c.command), args: expand(c.args) }, now);
  return { ...plan, memoryMi: image.memoryMi + (plan.memoryMi ?? 0) };
}

function planProcess(image: ImageInfo, c: Container, now: number): Omit<RunPlan, 'memoryMi'> & { memoryMi?: number } {
  if (!c.command && !c.args) {
    return image.server ? { exitCode: 0, logs: [] } : { exitAfterMs: 0, exitCode: image.exitCode ?? 0, logs: [] };
  }
  const argv = effectiveArgv(image, c);
  // Images whose entrypoint is a server wrapper keep serving whatever the args say.
  if (!c.command && image.server) return { exitCode: 0, logs: [] };
  const [cmd, ...args] = argv;
  // A server image started with its own program under a different command line keeps serving.
  const base = cmd.split('/').pop()!;
  if (image.server && !SHELLS.has(cmd) && !SHELLS.has(base) && !APPLETS.has(base)) return { exitCode: 0, logs: [] };
  const r = runCommand(cmd, args, { shell: image.shell, now });
  if (r.notFound && !SHELLS.has(cmd)) {
    return {
      exitCode: 128,
      startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`,
      logs: [],
    };
  }
  if (r.forever) return { exitCode: 0, logs: r.logs, memoryMi: r.memoryMi };
  const waits = r.waitsForHost ? { waitsForHost: r.waitsForHost.host } : {};
  return { exitAfterMs: Math.round(r.seconds * 1000), exitCode: r.exit ?? 0, logs: r.logs, memoryMi: r.memoryMi, ...waits };
}
