// What a container does once started: run until stopped, or exit after some time with a code,
// worked out from its image and its command/args (sleep, echo, sh -c scripts, ...).
import type { Container } from '../api/types.ts';
import type { ImageInfo } from './images.ts';
import { formatDate, OWN_COMMANDS, parseSeconds, runScript as interpret, shellQuote, type CommandResult, type FollowedFile, type LoopState, type ScriptResult, type TimedFileOp } from './script.ts';

export interface RunPlan {
  /** Milliseconds after start at which the process exits; undefined = runs until stopped. */
  exitAfterMs?: number;
  exitCode: number;
  /** The container cannot start at all (executable not found): StartError. */
  startError?: string;
  /** Lines the process writes to its log, each some milliseconds after it starts. */
  logs: { afterMs: number; line: string }[];
  /** An endless loop whose rounds print on: replayed when the logs are read. */
  loop?: LoopState;
  /** Resident memory the process grows to (MiB): above the memory limit, the OOM killer ends it. */
  memoryMi: number;
  /** CPU it keeps busy beyond its image's idle use (millicores; a busy loop, stress --cpu). */
  cpuMilli?: number;
  /** The process loops until this host name resolves, then goes on for exitAfterMs. */
  waitsForHost?: string;
  /** What it does to files (touch, rm, mkdir, `> file`), each some milliseconds after it starts. */
  files?: FileOp[];
  /** `tail -f FILE`: its log is what the file holds and gains. */
  follow?: FollowedFile;
}

export interface FileOp extends Omit<TimedFileOp, 's'> {
  afterMs: number;
}

const FOREVER_COMMANDS = new Set(['nginx', 'httpd', 'httpd-foreground', 'redis-server', 'node', 'python', 'python3', 'ping', 'top', 'watch', 'yes', 'nc', 'http-server', 'memcached', 'mysqld', 'postgres', 'etcd']);
const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash', 'zsh']);
const APPLETS = new Set([
  'echo', 'sleep', 'cat', 'ls', 'date', 'env', 'printenv', 'hostname', 'wget', 'nslookup', 'ping', 'true', 'false', 'touch', 'mkdir',
  'rm', 'cp', 'mv', 'tail', 'head', 'grep', 'ps', 'id', 'whoami', 'uname', 'df', 'free', 'nc', 'sh', 'exit', 'curl', 'test', '[',
  'while', 'for', 'do', 'done', 'if', 'then', 'fi', 'printf', 'export', 'cd', 'pwd', 'seq', 'wc', 'sort', 'dd', 'yes', 'top', 'watch',
]);

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

/** Where a process runs: whether the image has a shell and its applets, and its environment. */
interface RunEnv {
  shell: boolean;
  now: number;
  vars: Record<string, string>;
  /** Runs one of the image's tools against the container as it is at the start; undefined when the image lacks it. */
  tool?: ContainerTool;
}

export type ContainerTool = (argv: string[]) => { stdout: string; stderr: string; exitCode: number } | undefined;

/** The commands of a replayed loop, run with the container's own tools (what printenv or cat print). */
export function loopCommands(tool: ContainerTool): (cmd: string, args: string[], atMs: number) => CommandResult {
  return (cmd, args, atMs) => runCommand(cmd, args, { shell: true, now: atMs, vars: {}, tool });
}

/** Whether a loop's body calls one of the container's tools (otherwise it can replay without the container). */
export const usesContainerTools = (body: string) => shellWords(body.replace(/[;|&()]/g, ' ')).some((w) => CONTAINER_TOOLS.has(w.split('/').pop()!));

/** Tools whose output the process's log shows, run against the container itself (its files, its environment). */
const CONTAINER_TOOLS = new Set(['cat', 'ls', 'env', 'printenv', 'uname', 'id', 'whoami', 'wc', 'head', 'grep', 'wget', 'curl', 'nslookup', 'df', 'ps', 'pwd', 'test']);

interface Outcome extends ScriptResult {
  waitsForHost?: string;
  notFound?: string;
}

/** Runs a shell script symbolically: time it takes, lines it prints, how it ends. */
function runScript(script: string, env: RunEnv): Outcome {
  // `until nslookup HOST; do ...; done` (and `while ! nslookup`): the script waits for a name;
  // the kubelet lets it go on once the name resolves.
  const wait = /\b(?:until|while\s+!)\s+([^;]+?)\s*;\s*do\b([\s\S]*?)\bdone\b\s*;?/.exec(script);
  if (wait) {
    const [cmd, host, , key] = shellWords(wait[1]);
    if (cmd === 'nslookup' || cmd === 'host' || cmd === 'getent') {
      const before = runScript(script.slice(0, wait.index), env);
      if (before.forever || before.exit) return before;
      const looped = runScript(wait[2], { ...env, now: env.now + before.seconds * 1000 });
      const after = runScript(script.slice(wait.index + wait[0].length), env);
      const shifted = looped.lines.map((l) => ({ s: l.s + before.seconds, text: l.text }));
      // (What it does to files after the wait happens at a time not known yet: only what comes before is kept.)
      const { files: _, ...rest } = after;
      return { ...rest, ...(before.files ? { files: before.files } : {}), seconds: before.seconds + after.seconds, lines: [...before.lines, ...shifted], waitsForHost: cmd === 'getent' ? key ?? host : host };
    }
  }
  return interpret(script, { now: env.now, vars: env.vars, command: (cmd, args, atMs) => runCommand(cmd, args, { ...env, now: atMs }) });
}

function runCommand(cmd: string, args: string[], env: RunEnv): CommandResult {
  const base = cmd.split('/').pop()!;
  if (SHELLS.has(cmd) || SHELLS.has(base)) {
    const c = args.indexOf('-c');
    // A shell with no script and no terminal reads EOF and exits at once.
    if (c < 0) return { seconds: 0, exit: 0, lines: [] };
    const r = runScript(args[c + 1] ?? '', env);
    return { seconds: r.seconds, lines: r.lines.map((l) => l.text), exit: r.exit, forever: r.forever, follow: r.follow, memoryMi: r.memoryMi, cpuMilli: r.cpuMilli };
  }
  switch (base) {
    case 'tail': {
      const follow = tailFollow(args);
      return follow ? { seconds: 0, forever: true, lines: [], follow } : { seconds: 0, exit: 0, lines: [] };
    }
    case 'stress':
      return runStress(args);
  }
  if (env.tool && CONTAINER_TOOLS.has(base)) {
    const r = env.tool([cmd, ...args]);
    if (r) {
      const text = r.stdout + r.stderr;
      const lines = text ? text.replace(/\n$/, '').split('\n') : [];
      return { seconds: 0, exit: r.exitCode, lines };
    }
  }
  const script = interpreterScript(base, args);
  if (script !== undefined) return { seconds: INTERPRETER_SECONDS, exit: 0, lines: printedBy(script) };
  if (FOREVER_COMMANDS.has(base)) return { seconds: 0, forever: true, lines: [] };
  if (env.shell && APPLETS.has(base)) return { seconds: 0, exit: 0, lines: [] };
  return { seconds: 0, lines: [], notFound: cmd };
}

/** `tail -f|-F [-n N|-n +N|-nN] FILE` as a process: the file it follows; undefined without -f. */
function tailFollow(args: string[]): FollowedFile | undefined {
  let follow = false;
  let count = '10';
  let path: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--lines') count = args[++i] ?? count;
    else if (a.startsWith('--lines=')) count = a.slice(8);
    else if (/^-[fF]*n/.test(a)) {
      follow ||= /[fF]/.test(a.slice(0, a.indexOf('n')));
      count = a.slice(a.indexOf('n') + 1) || (args[++i] ?? count);
    } else if (/^-[fFq]+$/.test(a) || a === '--follow' || a.startsWith('--follow=') || a === '--retry') follow ||= a !== '--retry';
    else if (!a.startsWith('-')) path = a;
  }
  if (!follow || !path) return undefined;
  const full = path.startsWith('/') ? path : `/${path}`;
  return count.startsWith('+') ? { path: full, fromLine: Math.max(1, Number(count.slice(1)) || 1), lastLines: 0 } : { path: full, lastLines: Number(count) || 0 };
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
/** `date` as busybox prints it in a container (UTC): `Tue Dec  1 16:31:02 UTC 2026`. */
export const busyboxDate = (ms: number): string => formatDate(ms);

function runStress(args: string[]): CommandResult {
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const workers = Number(flag('--vm') ?? flag('-m') ?? 0) || 0;
  const cpus = Number(flag('--cpu') ?? flag('-c') ?? 0) || 0;
  const size = /^(\d+)([bBkKmMgG]?)$/.exec(flag('--vm-bytes') ?? '256M');
  const mi = size ? Number(size[1]) * SIZE_UNITS[size[2].toLowerCase()] : 256;
  const timeout = flag('--timeout') ?? flag('-t');
  const lines = [`stress: info: [1] dispatching hogs: ${cpus} cpu, 0 io, ${workers} vm, 0 hdd`];
  const seconds = timeout ? parseSeconds(timeout) : undefined;
  // Each worker spins a CPU (--vm workers touch memory in a loop, busy too).
  const base = { lines, memoryMi: workers * mi, cpuMilli: (cpus + workers) * 1000 };
  return seconds !== undefined && Number.isFinite(seconds) ? { ...base, seconds, exit: 0 } : { ...base, seconds: 0, forever: true };
}

/** The argv a container runs: command replaces ENTRYPOINT, args replace CMD. */
export function effectiveArgv(image: ImageInfo, c: Container): string[] {
  const entry = c.command ?? image.entrypoint;
  const args = c.args ?? (c.command ? [] : image.cmd);
  return [...entry, ...args];
}

const NAMESPACE_FILE = /\$\(cat \/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\)/g;

/**
 * What the container's process will do. `namespace` is what it reads from its service-account
 * mount, `now` what `date` says, `vars` its environment (the kubelet also expands $(VAR) in the
 * command and args with it, as Kubernetes does).
 */
export function planRun(image: ImageInfo, c: Container, namespace = 'default', now = 0, vars: Record<string, string> = {}, tool?: ContainerTool): RunPlan {
  const expand = (xs?: string[]) =>
    xs?.map((x) => x.replace(NAMESPACE_FILE, namespace).replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name) => (m === '$$' ? '$' : vars[name] ?? m)));
  const plan = planProcess(image, { ...c, command: expand(c.command), args: expand(c.args) }, { shell: image.shell, now, vars, tool });
  return { ...plan, memoryMi: image.memoryMi + (plan.memoryMi ?? 0) };
}

function planProcess(image: ImageInfo, c: Container, env: RunEnv): Omit<RunPlan, 'memoryMi'> & { memoryMi?: number } {
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
  const shell = SHELLS.has(cmd) || SHELLS.has(base);
  const scriptAt = args.indexOf('-c');
  // The process itself: a shell script keeps its lines' times; another command prints at once.
  const r: Outcome =
    shell && scriptAt >= 0
      ? runScript(args[scriptAt + 1] ?? '', env)
      : OWN_COMMANDS.has(base)
        ? runScript(argv.map(shellQuote).join(' '), env)
        : (() => {
          const x = shell ? { seconds: 0, exit: 0, lines: [] } : runCommand(cmd, args, env);
          return { seconds: x.seconds, lines: x.lines.map((text) => ({ s: 0, text })), exit: x.exit ?? 0, forever: !!x.forever, follow: x.follow, memoryMi: x.memoryMi, cpuMilli: x.cpuMilli, notFound: x.notFound };
        })();
  if (r.notFound && !shell) {
    return {
      exitCode: 128,
      startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`,
      logs: [],
    };
  }
  const logs = r.lines.map((l) => ({ afterMs: Math.round(l.s * 1000), line: l.text }));
  const cpu = r.cpuMilli ? { cpuMilli: r.cpuMilli } : {};
  const files = r.files?.length ? { files: r.files.map(({ s, ...op }) => ({ ...op, afterMs: Math.round(s * 1000) })) } : {};
  if (r.forever) return { exitCode: 0, logs, memoryMi: r.memoryMi, ...cpu, ...files, ...(r.loop ? { loop: r.loop } : {}), ...(r.follow ? { follow: r.follow } : {}) };
  const waits = r.waitsForHost ? { waitsForHost: r.waitsForHost } : {};
  return { exitAfterMs: Math.round(r.seconds * 1000), exitCode: r.exit, logs, memoryMi: r.memoryMi, ...cpu, ...waits, ...files };
}
