// Commands run inside a container (kubectl exec, run --rm -it): a small POSIX-ish shell with the
// tools learners reach for. What the image does not have is "not found", as it would be; what
// kubesim does not simulate says so in one line, never a silent success.
import { randomBytes } from 'node:crypto';
import type { ApiServer } from '../api/server.ts';
import { CliError } from '../api/errors.ts';
import type { Container, Node, Pod } from '../api/types.ts';
import { lookupImage, parseImageRef, type ImageInfo } from './images.ts';
import { containerEnv, containerFiles } from './container-env.ts';
import { curl, nslookup, wget, type ClientContext } from './client-tools.ts';
import { shellWords } from './container-run.ts';
import { arithmetic, runScript, testExpr } from './script.ts';
import { appContext } from './traffic.ts';
import { httpRequest, type CommandOutput } from './apps.ts';
import { rfc1123z } from '../util/time.ts';
import { containerFilesystem, nodeFilesystem, type LayeredFilesystem } from './volume-data.ts';
import { setNodePower } from './node-power.ts';
import { STOPPED } from '../controllers/node-lifecycle.ts';

export interface ShellContext {
  api: ApiServer;
  pod: Pod;
  container: Container;
  tty: boolean;
  /** The shell asked for (`exec -it POD -- sh`): Debian's sh is dash, which words its errors its own way. */
  shell?: string;
}

/** Whose wording a shell's errors have. */
type Dialect = 'busybox' | 'dash' | 'bash';

const COMMON = ['echo', 'env', 'printenv', 'cat', 'ls', 'hostname', 'sleep', 'date', 'ps', 'id', 'whoami', 'uname', 'pwd', 'true', 'false', 'exit', 'head', 'tail', 'grep', 'wc', 'mkdir', 'touch', 'rm', 'sh', 'test', 'export', 'cd'];
const BUSYBOX = [...COMMON, 'wget', 'nslookup', 'ping', 'nc'];

/** The tools an image ships, besides the shell built-ins. */
function toolsOf(image: ImageInfo | undefined): Set<string> {
  if (!image) return new Set();
  const repo = image.repository;
  if (/\/(busybox|alpine)$/.test(repo)) return new Set(BUSYBOX);
  if (/curlimages\/curl|netshoot/.test(repo)) return new Set([...BUSYBOX, 'curl', 'bash', 'dig']);
  if (!image.shell) return new Set();
  const tools = new Set([...COMMON, 'bash']);
  if (/\/(nginx|nginx-slim|httpd|python|node|redis)$/.test(repo)) tools.add('curl');
  return tools;
}

const STANDARD_DIRS = ['bin', 'dev', 'etc', 'home', 'mnt', 'opt', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];

const ok = (stdout = ''): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): CommandOutput => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode });

/** What a shell runs on: a container, or a node reached with `kubesim node ssh`. */
export interface Machine {
  api: ApiServer;
  hostname: string;
  env: Record<string, string>;
  /** Files the machine provides read-only (kubelet-managed files, projected volumes, image files). */
  files: Map<string, string>;
  /** Generated content for a path (a server's default page), consulted before `files`. */
  generated?: (path: string) => string | undefined;
  fs: LayeredFilesystem;
  tools: Set<string>;
  busybox: boolean;
  hasShell: boolean;
  prompt: string;
  /** The command line of PID 1, for ps. */
  mainProcess: string;
  client: ClientContext;
  /** Commands only this machine has (a node's systemctl). */
  commands?: Record<string, (args: string[]) => CommandOutput>;
  dialect: Dialect;
}

function containerMachine(ctx: ShellContext): Machine {
  const { api, pod, container } = ctx;
  const ref = parseImageRef(container.image);
  const image = ref ? lookupImage(ref).image : undefined;
  const busybox = /\/(busybox|alpine)$/.test(image?.repository ?? '');
  const fs = containerFilesystem(api, pod, container);
  return {
    api,
    hostname: pod.metadata.name,
    env: containerEnv(api, pod, container),
    files: containerFiles(api, pod, container),
    generated: (path) => {
      if (path !== '/usr/share/nginx/html/index.html' || fs.onVolume(path)) return undefined;
      const app = appContext(api, pod, container, {});
      const res = app && httpRequest(app, { method: 'GET', path: '/', port: 80, host: 'localhost', clientIP: '127.0.0.1' });
      return res && 'body' in res ? res.body : undefined;
    },
    fs,
    tools: toolsOf(image),
    busybox,
    hasShell: !!image?.shell,
    prompt: busybox ? '/ # ' : ctx.shell && /(^|\/)sh$/.test(ctx.shell) ? '# ' : `root@${pod.metadata.name}:/# `,
    dialect: busybox ? 'busybox' : ctx.shell && /(^|\/)sh$/.test(ctx.shell) ? 'dash' : 'bash',
    mainProcess: [...(container.command ?? image?.entrypoint ?? []), ...(container.args ?? (container.command ? [] : image?.cmd ?? []))].join(' '),
    client: { namespace: pod.metadata.namespace ?? 'default', clientIP: pod.status?.podIP ?? '', tty: ctx.tty, pod },
  };
}

class Shell {
  private env: Record<string, string>;
  private files: Map<string, string>;
  private fs: LayeredFilesystem;
  private tools: Set<string>;
  private busybox: boolean;
  private dialect: Dialect;
  /** Lines read so far (dash numbers its errors with them). */
  private lineNo = 0;
  /** $? : the exit code of the last command line. */
  private lastCode = 0;
  cwd = '/';

  constructor(private m: Machine, private session?: ShellSession) {
    this.env = session?.env ?? { ...m.env };
    if (session) {
      session.env = this.env;
      this.cwd = session.cwd;
      this.lineNo = session.lineNo ?? 0;
    }
    this.files = m.files;
    this.fs = m.fs;
    this.tools = m.tools;
    this.busybox = m.busybox;
    this.dialect = m.dialect;
  }

  /** The shell's own complaint: `sh: foo: not found` (busybox), `sh: 1: foo: not found` (dash), `bash: foo: ...` (bash). */
  private complain(busybox: string, dash: string, bash: string): string {
    return this.dialect === 'busybox' ? `sh: ${busybox}` : this.dialect === 'dash' ? `sh: ${Math.max(1, this.lineNo)}: ${dash}` : `bash: ${bash}`;
  }

  get hasShell(): boolean {
    return this.m.hasShell;
  }

  get prompt(): string {
    return this.m.prompt;
  }

  private client(): ClientContext {
    return this.m.client;
  }

  private absolute(path: string): string {
    const full = path.startsWith('/') ? path : `${this.cwd.replace(/\/$/, '')}/${path}`;
    return full.replace(/\/{2,}/g, '/');
  }

  private readFile(path: string): string | undefined {
    const full = this.absolute(path);
    const written = this.fs.read(full);
    if (written) return full.endsWith('/') ? undefined : written.content;
    const generated = this.m.generated?.(full);
    if (generated !== undefined) return generated;
    const v = this.files.get(full);
    return v === undefined || full.endsWith('/') ? undefined : v;
  }

  /** Writes through the container's file system; the shell's complaint when the mount is read-only. */
  private writeFile(path: string, content: string, append = false): CommandOutput | undefined {
    if (this.fs.write(this.absolute(path), content, append)) return undefined;
    return fail(this.complain(`can't create ${path}: Read-only file system`, `cannot create ${path}: Read-only file system`, `${path}: Read-only file system`));
  }

  private listDir(path: string): string[] | undefined {
    const dir = `${this.absolute(path).replace(/\/+$/, '')}/`;
    if (dir === '/') return [...new Set([...STANDARD_DIRS, ...this.fs.list('/')])].sort();
    const names = new Set<string>(this.fs.list(dir));
    if (STANDARD_DIRS.includes(dir.slice(1, -1))) return [...names].sort();
    for (const f of this.files.keys()) {
      if (f.startsWith(dir) && f !== dir) names.add(f.slice(dir.length).split('/')[0]);
    }
    return names.size || this.files.has(dir) || this.fs.isDir(dir) || this.fs.onVolume(dir) ? [...names].sort() : undefined;
  }

  /** One simple command (argv already split). */
  run(argv: string[], stdin = ''): CommandOutput {
    const [cmd, ...args] = argv;
    const name = cmd.split('/').pop()!;
    const builtin = ['echo', 'exit', 'true', 'false', 'pwd', 'cd', 'export', 'test', '[', 'sh', 'bash'].includes(name);
    const own = this.m.commands?.[name];
    if (own) return own(args);
    if (!builtin && !this.tools.has(name)) return fail(this.complain(`${cmd}: not found`, `${cmd}: not found`, `${cmd}: command not found`), 127);
    switch (name) {
      case 'echo': {
        const text = args.filter((a) => a !== '-n').join(' ');
        // dash's echo reads backslash escapes; bash's and busybox's only with -e.
        const escaped = this.dialect === 'dash' ? text.replace(/\\n/g, '\n').replace(/\\t/g, '\t') : text;
        return ok(`${escaped}${args[0] === '-n' ? '' : '\n'}`);
      }
      case 'true':
        return ok();
      case 'false':
        return { stdout: '', stderr: '', exitCode: 1 };
      case 'exit':
        return { stdout: '', stderr: '', exitCode: Number(args[0] ?? 0) || 0 };
      case 'pwd':
        return ok(`${this.cwd}\n`);
      case 'cd': {
        const dir = this.absolute(args[0] ?? '/root').replace(/(.)\/$/, '$1');
        if (!this.listDir(dir)) return fail(this.complain(`cd: can't cd to ${args[0]}: No such file or directory`, `cd: can't cd to ${args[0]}`, `cd: ${args[0]}: No such file or directory`), this.dialect === 'dash' ? 2 : 1);
        this.cwd = dir;
        if (this.session) this.session.cwd = dir;
        return ok();
      }
      case 'sudo': {
        const rest = args.filter((a, i) => !(a.startsWith('-') && args.slice(0, i).every((b) => b.startsWith('-'))));
        return rest.length ? this.run(rest, stdin) : fail('usage: sudo -h | -K | -k | -V');
      }
      case 'export':
        for (const a of args) {
          const i = a.indexOf('=');
          if (i > 0) this.env[a.slice(0, i)] = a.slice(i + 1);
        }
        return ok();
      case 'sh':
      case 'bash': {
        const i = args.indexOf('-c');
        if (i < 0) return ok();
        const outer = [this.dialect, this.lineNo] as const;
        if (!this.busybox) this.dialect = name === 'sh' ? 'dash' : 'bash';
        this.lineNo = 0;
        try {
          const script = args[i + 1] ?? '';
          return /(^|[\s;&|(])(for|while|until|if|case)\s/.test(script) ? this.script(script) : this.line(script);
        } finally {
          [this.dialect, this.lineNo] = outer;
        }
      }
      case 'env':
      case 'printenv':
        if (args.length) return args.every((a) => a in this.env) ? ok(args.map((a) => `${this.env[a]}\n`).join('')) : { stdout: args.filter((a) => a in this.env).map((a) => `${this.env[a]}\n`).join(''), stderr: '', exitCode: 1 };
        return ok(Object.entries(this.env).map(([k, v]) => `${k}=${v}\n`).join(''));
      case 'hostname':
        return ok(`${this.m.hostname}\n`);
      case 'whoami':
        return ok('root\n');
      case 'id':
        return ok('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
      case 'uname':
        return ok(args.includes('-a') ? `Linux ${this.m.hostname} 5.15.0-130-generic #140-Ubuntu SMP x86_64 GNU/Linux\n` : 'Linux\n');
      case 'date':
        return ok(`${rfc1123z(this.m.api.now()).replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) \+0000$/, '$1 $3 $2 $5 UTC $4')}\n`);
      case 'sleep':
        return ok();
      case 'cat': {
        if (!args.length) return ok(stdin);
        let out = '';
        for (const f of args) {
          const content = this.readFile(f);
          if (content === undefined) return { stdout: out, stderr: `cat: ${this.busybox ? `can't open '${f}'` : f}: No such file or directory\n`, exitCode: 1 };
          out += content;
        }
        return ok(out);
      }
      case 'ls': {
        const paths = args.filter((a) => !a.startsWith('-'));
        const target = paths[0] ?? this.cwd;
        const entries = this.listDir(target);
        // Columns on a terminal, one name per line otherwise (and with -1 or -l).
        const perLine = !this.m.client.tty || args.some((a) => a.includes('1') || a.includes('l'));
        if (entries) return ok(entries.length ? `${entries.join(perLine ? '\n' : '  ')}\n` : '');
        if (this.readFile(target) !== undefined) return ok(`${target}\n`);
        return fail(`ls: ${this.busybox ? `${target}: No such file or directory` : `cannot access '${target}': No such file or directory`}`, this.busybox ? 1 : 2);
      }
      case 'ps': {
        const main = this.m.mainProcess;
        return ok(this.busybox ? `PID   USER     TIME  COMMAND\n    1 root      0:00 ${main}\n    7 root      0:00 ps\n` : `    PID TTY          TIME CMD\n      1 ?        00:00:00 ${main.split(' ')[0].split('/').pop()}\n      7 pts/0    00:00:00 ps\n`);
      }
      case 'head':
      case 'tail': {
        const nIdx = args.indexOf('-n');
        const n = nIdx >= 0 ? Number(args[nIdx + 1]) : Number(args.find((a) => /^-\d+$/.test(a))?.slice(1) ?? 10);
        const file = args.filter((a, i) => !a.startsWith('-') && i !== nIdx + 1)[0];
        const text = file ? this.readFile(file) : stdin;
        if (text === undefined) return fail(`${name}: ${file}: No such file or directory`);
        const lines = text.split('\n');
        if (lines.at(-1) === '') lines.pop();
        const picked = name === 'head' ? lines.slice(0, n) : lines.slice(-n);
        return ok(picked.length ? `${picked.join('\n')}\n` : '');
      }
      case 'grep': {
        // -i -v -c -q -n -E -F, combined or not; a basic pattern's \+ \? \| \( \) are the extended ones.
        const flags = new Set(args.filter((a) => /^-[a-zA-Z]+$/.test(a)).flatMap((a) => [...a.slice(1)]));
        const operands = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
        const [pattern, file] = operands;
        const text = file ? this.readFile(file) : stdin;
        if (pattern === undefined) return fail('Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...', 2);
        if (text === undefined) return fail(`grep: ${file}: No such file or directory`, 2);
        const source = flags.has('F')
          ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          : flags.has('E')
            ? pattern
            : pattern.replace(/\\([+?|(){}])|([+?|(){}])/g, (_, escaped, plain) => (escaped ? escaped : `\\${plain}`));
        let re: RegExp;
        try {
          re = new RegExp(source, flags.has('i') ? 'i' : '');
        } catch {
          return fail(`grep: bad regex '${pattern}'`, 2);
        }
        const lines = text.split('\n');
        if (lines.at(-1) === '') lines.pop();
        const hits = lines.map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => re.test(l) !== flags.has('v'));
        const code = hits.length ? 0 : 1;
        if (flags.has('q')) return { stdout: '', stderr: '', exitCode: code };
        if (flags.has('c')) return { stdout: `${hits.length}\n`, stderr: '', exitCode: code };
        const out = hits.map(({ l, n }) => (flags.has('n') ? `${n}:${l}` : l));
        return { stdout: out.length ? `${out.join('\n')}\n` : '', stderr: '', exitCode: code };
      }
      case 'wc': {
        const text = args.filter((a) => !a.startsWith('-'))[0] ? this.readFile(args.filter((a) => !a.startsWith('-'))[0]) ?? '' : stdin;
        const lines = text.split('\n').length - 1;
        return ok(args.includes('-l') ? `${lines}\n` : `${lines} ${text.split(/\s+/).filter(Boolean).length} ${Buffer.byteLength(text)}\n`);
      }
      case 'rm': {
        const force = args.some((a) => /^-\w*f/.test(a));
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          const full = this.absolute(a);
          if (this.readFile(full) === undefined && !this.fs.list(full).length) {
            if (force) continue;
            return fail(this.busybox ? `rm: can't remove '${a}': No such file or directory` : `rm: cannot remove '${a}': No such file or directory`);
          }
          if (!this.fs.remove(full)) return fail(this.busybox ? `rm: can't remove '${a}': Read-only file system` : `rm: cannot remove '${a}': Read-only file system`);
        }
        return ok();
      }
      case 'mkdir':
      case 'touch':
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          const full = this.absolute(a);
          const done = name === 'mkdir' ? this.fs.mkdir(full) : this.readFile(full) !== undefined || this.fs.write(full, '');
          if (!done) {
            const why = 'Read-only file system';
            return fail(name === 'mkdir' ? (this.busybox ? `mkdir: can't create directory '${a}': ${why}` : `mkdir: cannot create directory '${a}': ${why}`) : this.busybox ? `touch: ${a}: ${why}` : `touch: cannot touch '${a}': ${why}`);
          }
        }
        return ok();
      case 'test':
      case '[': {
        const expr = name === '[' ? args.slice(0, -1) : args;
        const file = (op: string, path: string) => {
          const full = this.absolute(path);
          const content = this.readFile(full);
          const dir = this.listDir(full) !== undefined;
          if (op === '-d') return dir;
          if (op === '-f') return content !== undefined;
          if (op === '-s') return !!content;
          return content !== undefined || dir;
        };
        return { stdout: '', stderr: '', exitCode: testExpr(expr, file) ? 0 : 1 };
      }
      case 'curl':
        return curl(this.m.api, this.client(), args);
      case 'wget': {
        const r = wget(this.m.api, this.client(), args);
        if (r.saved) return this.writeFile(r.saved.path, r.saved.content) ?? r;
        return r;
      }
      case 'nslookup':
        return nslookup(this.m.api, this.client(), args);
      default:
        return fail(`kubesim: "${name}" is not simulated inside containers`, 126);
    }
  }

  /**
   * A script with loops or conditionals: the container-process interpreter runs it, calling this
   * shell for each command; what it writes to files lands when it ends.
   */
  private script(src: string): CommandOutput {
    const r = runScript(src, {
      now: this.m.api.now(),
      vars: { ...this.env },
      command: (cmd, args) => {
        const o = this.run([cmd, ...args], '');
        const text = o.stdout + o.stderr;
        return { seconds: 0, lines: text ? text.replace(/\n$/, '').split('\n') : [], exit: o.exitCode };
      },
    });
    for (const { s: _, ...f } of r.files ?? []) this.fs.apply({ ...f, at: this.m.api.now() });
    const stdout = r.lines.map((l) => `${l.text}\n`).join('');
    return { stdout, stderr: '', exitCode: r.exit };
  }

  /** A command line: `;`, `&&`, `||`, pipes, `$VAR` expansion and `>` redirection. */
  line(text: string): CommandOutput {
    this.lineNo++;
    if (this.session) this.session.lineNo = this.lineNo;
    let stdout = '';
    let stderr = '';
    let code = 0;
    for (const seq of splitTop(text, [';', '\n'])) {
      const chain = splitChain(seq);
      let skip = false;
      for (const { op, cmd } of chain) {
        if (op === '&&' && code !== 0) skip = true;
        else if (op === '||' && code === 0) skip = true;
        else skip = false;
        if (skip || !cmd.trim()) continue;
        const r = this.pipeline(cmd);
        stdout += r.stdout;
        stderr += r.stderr;
        code = r.exitCode;
        this.lastCode = code;
        if (/^\s*exit\b/.test(cmd)) return { stdout, stderr, exitCode: code };
      }
    }
    return { stdout, stderr, exitCode: code };
  }

  private pipeline(text: string): CommandOutput {
    let input = '';
    let last: CommandOutput = ok();
    let stderr = '';
    for (const stage of splitTop(text, ['|'])) {
      let words = shellWords(this.expand(stage.trim()));
      let redirect: string | undefined;
      let append = false;
      let dropStderr = false;
      // `> f`, `>f`, `>> f`, `1>f`; `2>...` and `2>&1` only move stderr (to nowhere the log sees, or stdout).
      const kept: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const m = /^(\d?)(>>?)(.*)$/.exec(words[i]);
        if (!m || m[3].startsWith('&')) {
          if (words[i] !== '2>&1' && words[i] !== '>&2') kept.push(words[i]);
          continue;
        }
        const target = m[3] || words[++i] || '';
        if (m[1] === '2') dropStderr ||= target === '/dev/null';
        else {
          redirect = target;
          append = m[2] === '>>';
        }
      }
      words = kept;
      // NAME=value words first: alone they set shell variables; before a command, its environment.
      const assignments: [string, string][] = [];
      while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
        const w = words.shift()!;
        assignments.push([w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
      }
      if (!words.length) {
        for (const [k, v] of assignments) this.env[k] = v;
        last = ok();
        continue;
      }
      const saved = assignments.map(([k]) => [k, this.env[k]] as const);
      for (const [k, v] of assignments) this.env[k] = v;
      try {
        last = this.run(words, input);
      } finally {
        for (const [k, v] of saved) if (v === undefined) delete this.env[k];
        else this.env[k] = v;
      }
      if (dropStderr) last = { ...last, stderr: '' };
      stderr += last.stderr;
      if (redirect) {
        const refused = redirect === '/dev/null' ? undefined : this.writeFile(redirect, last.stdout, append);
        last = refused ? { ...refused, stderr: '' } : { ...last, stdout: '' };
        if (refused) stderr += refused.stderr;
      }
      input = last.stdout;
    }
    return { stdout: last.stdout, stderr, exitCode: last.exitCode };
  }

  private expand(s: string): string {
    if (s.trimStart().startsWith("'")) return s;
    // One pass, as the shell does: what $((...)), $(cmd), `cmd` and $VAR produce is not expanded again.
    return s.replace(
      /\$\(\(((?:[^()]|\([^()]*\))*)\)\)|\$\(([^()]*)\)|`([^`]*)`|\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|\$\?/g,
      (m, arith, sub, tick, v) => {
        if (arith !== undefined) return String(arithmetic(arith, this.env));
        if (sub !== undefined || tick !== undefined) return this.line(sub ?? tick).stdout.replace(/\n+$/, '');
        if (m === '$?') return String(this.lastCode);
        return this.env[v] ?? '';
      },
    );
  }
}

function splitTop(text: string, seps: string[]): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (seps.includes(ch) && !(ch === '|' && text[i + 1] === '|') && !(ch === '|' && text[i - 1] === '|')) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function splitChain(text: string): { op: string; cmd: string }[] {
  const parts: { op: string; cmd: string }[] = [];
  let op = '';
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const two = text.slice(i, i + 2);
    if (quote) {
      if (ch === quote) quote = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (two === '&&' || two === '||') {
      parts.push({ op, cmd: cur });
      op = two;
      cur = '';
      i++;
    } else cur += ch;
  }
  parts.push({ op, cmd: cur });
  return parts;
}

/** A node's shell (`kubesim node ssh`): its own disk, the host tools, sudo. */
export function nodeMachine(api: ApiServer, node: Node): Machine {
  const name = node.metadata.name;
  const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  const files = new Map<string, string>([
    ['/etc/hostname', `${name}\n`],
    ['/etc/hosts', `127.0.0.1 localhost\n${ip} ${name}\n`],
    ['/etc/os-release', 'PRETTY_NAME="Ubuntu 22.04.5 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\n'],
    ['/mnt/', ''],
    ['/tmp/', ''],
    ['/root/', ''],
  ]);
  return {
    api,
    hostname: name,
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', HOSTNAME: name, USER: 'root' },
    files,
    fs: nodeFilesystem(api, name),
    tools: new Set([...COMMON, 'bash', 'curl', 'sudo', 'systemctl']),
    busybox: false,
    hasShell: true,
    prompt: `root@${name}:/# `,
    mainProcess: '/sbin/init',
    client: { namespace: 'default', clientIP: ip, tty: true },
    commands: { systemctl: (args) => systemctl(api, name, args) },
    dialect: 'bash',
  };
}

const UNITS: Record<string, { description: string; exec: string; dropIn?: string }> = {
  kubelet: { description: 'kubelet: The Kubernetes Node Agent', exec: '/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS', dropIn: '10-kubeadm.conf' },
  containerd: { description: 'containerd container runtime', exec: '/usr/bin/containerd' },
};

/** systemctl on a node: the kubelet's unit is the node's power switch in kubesim. */
function systemctl(api: ApiServer, nodeName: string, args: string[]): CommandOutput {
  const [verb, unitArg] = args.filter((a) => !a.startsWith('-'));
  const unit = (unitArg ?? '').replace(/\.service$/, '');
  if (!verb) return fail('systemctl: missing command; try status, start, stop, restart');
  if (!unitArg) return fail(`Too few arguments.`);
  const def = UNITS[unit];
  if (!def) return fail(`Unit ${unit}.service could not be found.`, verb === 'status' ? 4 : 5);
  const node = api.get<Node>('nodes', undefined, nodeName)!;
  const stoppedAt = unit === 'kubelet' ? node.metadata.annotations?.[STOPPED] : undefined;
  switch (verb) {
    case 'start':
    case 'restart':
      if (unit === 'kubelet') setNodePower(api, nodeName, false);
      return ok();
    case 'stop':
      if (unit === 'kubelet') setNodePower(api, nodeName, true);
      return ok();
    case 'enable':
    case 'daemon-reload':
      return ok();
    case 'is-active':
      return stoppedAt ? { stdout: 'inactive\n', stderr: '', exitCode: 3 } : ok('active\n');
    case 'status': {
      const since = stoppedAt ?? (unit === 'kubelet' ? api.state.alloc.kubeletStarted?.[nodeName] : undefined) ?? node.metadata.creationTimestamp ?? api.timestamp();
      const when = `${rfc1123z(Date.parse(since)).replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) \+0000$/, (_, d, day, mon, y, t) => `${d} ${y}-${String(MONTHS.indexOf(mon) + 1).padStart(2, '0')}-${day.padStart(2, '0')} ${t} UTC`)}; ${humanAgo(api.now() - Date.parse(since))} ago`;
      const lines = [
        `${stoppedAt ? '○' : '●'} ${unit}.service - ${def.description}`,
        `     Loaded: loaded (/lib/systemd/system/${unit}.service; enabled; vendor preset: enabled)`,
        ...(def.dropIn ? [`    Drop-In: /usr/lib/systemd/system/${unit}.service.d`, `             └─${def.dropIn}`] : []),
        stoppedAt ? `     Active: inactive (dead) since ${when}` : `     Active: active (running) since ${when}`,
        ...(unit === 'kubelet' ? ['       Docs: https://kubernetes.io/docs/'] : []),
        stoppedAt ? `    Process: 1024 ExecStart=${def.exec} (code=exited, status=0/SUCCESS)` : `   Main PID: 1024 (${unit})`,
        ...(stoppedAt ? ['   Main PID: 1024 (code=exited, status=0/SUCCESS)'] : []),
      ];
      return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: stoppedAt ? 3 : 0 };
    }
    default:
      return fail(`Unknown command verb ${verb}.`);
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** systemd's "2min ago", "1h 5min ago", "3 days ago". */
function humanAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}min`;
  const d = Math.floor(h / 24);
  return `${d} day${d === 1 ? '' : 's'} ${h % 24}h`;
}

/** Where an interactive session stands between lines typed on a terminal. */
export interface ShellSession {
  cwd: string;
  env?: Record<string, string>;
  lineNo?: number;
}

/**
 * Runs one of the image's tools (cat, ls, env, wget, ...) as part of the container's own process;
 * undefined when the image does not have it.
 */
export function runToolInContainer(ctx: ShellContext, argv: string[]): CommandOutput | undefined {
  const machine = containerMachine(ctx);
  const name = argv[0].split('/').pop()!;
  if (['sh', 'bash'].includes(name) || !machine.tools.has(name)) return undefined;
  return new Shell(machine).run(argv);
}

/** Runs `argv` in the container, as `kubectl exec POD -- argv` would. */
export function execInContainer(ctx: ShellContext, argv: string[]): CommandOutput {
  const machine = containerMachine(ctx);
  const shell = new Shell(machine);
  const [cmd] = argv;
  const name = cmd.split('/').pop()!;
  const missing = ['sh', 'bash'].includes(name) ? !shell.hasShell || (name === 'bash' && machine.busybox) : !machine.tools.has(name) && !['echo', 'true', 'false', 'test', 'pwd'].includes(name);
  if (missing) {
    // The runtime cannot start the process: an API error, not an exit code.
    throw new CliError(`Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${randomBytes(32).toString('hex')}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`);
  }
  return shell.run(argv);
}

/** Runs one command line on a machine. */
export function runOn(machine: Machine, argv: string[]): CommandOutput {
  return new Shell(machine).run(argv);
}

export function containerMachineOf(ctx: ShellContext): Machine {
  return containerMachine(ctx);
}

/** An interactive shell: runs each input line, prints the prompt, stops at exit or end of input. */
export function interactiveShell(target: ShellContext | Machine, lines: string[], echoPrompt: boolean, session?: ShellSession): { output: string; exitCode: number; exited: boolean } {
  const shell = new Shell('fs' in target ? target : containerMachine(target), session);
  let output = echoPrompt ? shell.prompt : '';
  let code = 0;
  for (const l of lines) {
    const r = shell.line(l);
    output += r.stdout + r.stderr;
    code = r.exitCode;
    if (/^\s*exit\b/.test(l)) return { output, exitCode: code, exited: true };
    if (echoPrompt) output += shell.prompt;
  }
  return { output, exitCode: code, exited: false };
}
