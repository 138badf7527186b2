// Commands run inside a container (kubectl exec, run --rm -it): a small POSIX-ish shell with the
// tools learners reach for. What the image does not have is "not found", as it would be; what
// kubesim does not simulate says so in one line, never a silent success.
import type { ApiServer } from '../api/server.ts';
import type { Container, Pod } from '../api/types.ts';
import { lookupImage, parseImageRef, type ImageInfo } from './images.ts';
import { containerEnv, containerFiles } from './container-env.ts';
import { curl, nslookup, wget, type ClientContext } from './client-tools.ts';
import { shellWords } from './container-run.ts';
import { appContext } from './traffic.ts';
import { httpRequest, type CommandOutput } from './apps.ts';
import { rfc1123z } from '../util/time.ts';

export interface ShellContext {
  api: ApiServer;
  pod: Pod;
  container: Container;
  tty: boolean;
}

const COMMON = ['echo', 'env', 'printenv', 'cat', 'ls', 'hostname', 'sleep', 'date', 'ps', 'id', 'whoami', 'uname', 'pwd', 'true', 'false', 'exit', 'head', 'tail', 'grep', 'wc', 'mkdir', 'touch', 'sh', 'test', 'export', 'cd'];
const BUSYBOX = [...COMMON, 'wget', 'nslookup', 'ping', 'nc'];

/** The tools an image ships, besides the shell built-ins. */
function toolsOf(image: ImageInfo | undefined): Set<string> {
  if (!image) return new Set();
  const repo = image.repository;
  if (/\/(busybox|alpine)$/.test(repo)) return new Set(BUSYBOX);
  if (/curlimages\/curl|netshoot/.test(repo)) return new Set([...BUSYBOX, 'curl', 'bash', 'dig']);
  if (!image.shell) return new Set();
  const tools = new Set([...COMMON, 'bash']);
  if (/\/(nginx|httpd|python|node|redis)$/.test(repo)) tools.add('curl');
  return tools;
}

const ok = (stdout = ''): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): CommandOutput => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode });

class Shell {
  private env: Record<string, string>;
  private files: Map<string, string>;
  private image: ImageInfo | undefined;
  private tools: Set<string>;
  private busybox: boolean;
  cwd = '/';

  constructor(private ctx: ShellContext) {
    this.env = containerEnv(ctx.api, ctx.pod, ctx.container);
    this.files = containerFiles(ctx.api, ctx.pod, ctx.container);
    const ref = parseImageRef(ctx.container.image);
    this.image = ref ? lookupImage(ref).image : undefined;
    this.tools = toolsOf(this.image);
    this.busybox = /\/(busybox|alpine)$/.test(this.image?.repository ?? '');
  }

  get hasShell(): boolean {
    return !!this.image?.shell;
  }

  get prompt(): string {
    return this.busybox ? '/ # ' : `root@${this.ctx.pod.metadata.name}:/# `;
  }

  private client(): ClientContext {
    return { namespace: this.ctx.pod.metadata.namespace ?? 'default', clientIP: this.ctx.pod.status?.podIP ?? '', tty: this.ctx.tty };
  }

  private readFile(path: string): string | undefined {
    const full = path.startsWith('/') ? path : `${this.cwd.replace(/\/$/, '')}/${path}`;
    if (full === '/usr/share/nginx/html/index.html') {
      const ctx = appContext(this.ctx.api, this.ctx.pod, this.ctx.container, {});
      if (ctx) {
        const res = httpRequest(ctx, { method: 'GET', path: '/', port: 80, host: 'localhost', clientIP: '127.0.0.1' });
        if ('body' in res) return res.body;
      }
    }
    const v = this.files.get(full);
    return v === undefined || full.endsWith('/') ? undefined : v;
  }

  private listDir(path: string): string[] | undefined {
    const dir = `${(path.startsWith('/') ? path : `${this.cwd}/${path}`).replace(/\/+$/, '')}/`;
    if (dir === '/') return ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];
    const names = new Set<string>();
    for (const f of this.files.keys()) {
      if (f.startsWith(dir) && f !== dir) names.add(f.slice(dir.length).split('/')[0]);
    }
    return names.size || this.files.has(dir) ? [...names].sort() : undefined;
  }

  /** One simple command (argv already split). */
  run(argv: string[], stdin = ''): CommandOutput {
    const [cmd, ...args] = argv;
    const name = cmd.split('/').pop()!;
    const builtin = ['echo', 'exit', 'true', 'false', 'pwd', 'cd', 'export', 'test', 'sh', 'bash'].includes(name);
    if (!builtin && !this.tools.has(name)) return fail(`${this.busybox ? 'sh' : 'bash'}: ${cmd}: ${this.busybox ? 'not found' : 'command not found'}`, 127);
    switch (name) {
      case 'echo':
        return ok(`${args.filter((a) => a !== '-n').join(' ')}${args[0] === '-n' ? '' : '\n'}`);
      case 'true':
        return ok();
      case 'false':
        return { stdout: '', stderr: '', exitCode: 1 };
      case 'exit':
        return { stdout: '', stderr: '', exitCode: Number(args[0] ?? 0) || 0 };
      case 'pwd':
        return ok(`${this.cwd}\n`);
      case 'cd':
        this.cwd = args[0] ?? '/root';
        return ok();
      case 'export':
        for (const a of args) {
          const i = a.indexOf('=');
          if (i > 0) this.env[a.slice(0, i)] = a.slice(i + 1);
        }
        return ok();
      case 'sh':
      case 'bash': {
        const i = args.indexOf('-c');
        if (i >= 0) return this.line(args[i + 1] ?? '');
        return ok();
      }
      case 'env':
      case 'printenv':
        if (args.length) return args.every((a) => a in this.env) ? ok(args.map((a) => `${this.env[a]}\n`).join('')) : { stdout: args.filter((a) => a in this.env).map((a) => `${this.env[a]}\n`).join(''), stderr: '', exitCode: 1 };
        return ok(Object.entries(this.env).map(([k, v]) => `${k}=${v}\n`).join(''));
      case 'hostname':
        return ok(`${this.ctx.pod.metadata.name}\n`);
      case 'whoami':
        return ok('root\n');
      case 'id':
        return ok('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
      case 'uname':
        return ok(args.includes('-a') ? `Linux ${this.ctx.pod.metadata.name} 5.15.0-130-generic #140-Ubuntu SMP x86_64 GNU/Linux\n` : 'Linux\n');
      case 'date':
        return ok(`${rfc1123z(this.ctx.api.now()).replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) \+0000$/, '$1 $3 $2 $5 UTC $4')}\n`);
      case 'sleep':
        return ok();
      case 'cat': {
        if (!args.length) return ok(stdin);
        let out = '';
        for (const f of args) {
          const content = this.readFile(f);
          if (content === undefined) return { stdout: out, stderr: `cat: ${f}: No such file or directory\n`, exitCode: 1 };
          out += content;
        }
        return ok(out);
      }
      case 'ls': {
        const paths = args.filter((a) => !a.startsWith('-'));
        const target = paths[0] ?? this.cwd;
        const entries = this.listDir(target);
        if (entries) return ok(entries.length ? `${entries.join(args.some((a) => a.includes('1') || a.includes('l')) ? '\n' : '  ')}\n` : '');
        if (this.readFile(target) !== undefined) return ok(`${target}\n`);
        return fail(`ls: ${this.busybox ? `${target}: No such file or directory` : `cannot access '${target}': No such file or directory`}`, this.busybox ? 1 : 2);
      }
      case 'ps': {
        const main = [...(this.ctx.container.command ?? this.image?.entrypoint ?? []), ...(this.ctx.container.args ?? (this.ctx.container.command ? [] : this.image?.cmd ?? []))].join(' ');
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
        const pattern = args.find((a) => !a.startsWith('-'));
        const file = args.filter((a) => !a.startsWith('-'))[1];
        const text = file ? this.readFile(file) : stdin;
        if (!pattern || text === undefined) return fail(`grep: ${file}: No such file or directory`, 2);
        const ci = args.includes('-i');
        const hits = text.split('\n').filter((l) => (ci ? l.toLowerCase().includes(pattern.toLowerCase()) : l.includes(pattern)));
        return hits.length ? ok(`${hits.join('\n')}\n`) : { stdout: '', stderr: '', exitCode: 1 };
      }
      case 'wc': {
        const text = args.filter((a) => !a.startsWith('-'))[0] ? this.readFile(args.filter((a) => !a.startsWith('-'))[0]) ?? '' : stdin;
        const lines = text.split('\n').length - 1;
        return ok(args.includes('-l') ? `${lines}\n` : `${lines} ${text.split(/\s+/).filter(Boolean).length} ${Buffer.byteLength(text)}\n`);
      }
      case 'mkdir':
      case 'touch':
        for (const a of args.filter((x) => !x.startsWith('-'))) this.files.set(name === 'mkdir' ? `${a.replace(/\/$/, '')}/` : a, '');
        return ok();
      case 'test':
        return { stdout: '', stderr: '', exitCode: 0 };
      case 'curl':
        return curl(this.ctx.api, this.client(), args);
      case 'wget': {
        const r = wget(this.ctx.api, this.client(), args);
        if (r.saved) this.files.set(r.saved.path.startsWith('/') ? r.saved.path : `${this.cwd.replace(/\/$/, '')}/${r.saved.path}`, r.saved.content);
        return r;
      }
      case 'nslookup':
        return nslookup(this.ctx.api, this.client(), args);
      default:
        return fail(`kubesim: "${name}" is not simulated inside containers`, 126);
    }
  }

  /** A command line: `;`, `&&`, `||`, pipes, `$VAR` expansion and `>` redirection. */
  line(text: string): CommandOutput {
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
      const r = words.findIndex((w) => w === '>' || w === '>>');
      if (r >= 0) {
        redirect = words[r + 1];
        words = words.slice(0, r);
      }
      if (!words.length) continue;
      last = this.run(words, input);
      stderr += last.stderr;
      if (redirect) {
        if (redirect !== '/dev/null') this.files.set(redirect, last.stdout);
        last = { ...last, stdout: '' };
      }
      input = last.stdout;
    }
    return { stdout: last.stdout, stderr, exitCode: last.exitCode };
  }

  private expand(s: string): string {
    if (s.trimStart().startsWith("'")) return s;
    return s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|\$\?/g, (m, v) => (m === '$?' ? '0' : this.env[v] ?? ''));
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

/** Runs `argv` in the container, as `kubectl exec POD -- argv` would. */
export function execInContainer(ctx: ShellContext, argv: string[]): CommandOutput {
  const shell = new Shell(ctx);
  const [cmd] = argv;
  if (!shell.hasShell && ['sh', '/bin/sh', 'bash', '/bin/bash'].includes(cmd)) {
    return fail(`error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${Math.random().toString(16).slice(2)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`, 1);
  }
  return shell.run(argv);
}

/** An interactive shell: runs each input line, prints the prompt, stops at exit or end of input. */
export function interactiveShell(ctx: ShellContext, lines: string[], echoPrompt: boolean): { output: string; exitCode: number } {
  const shell = new Shell(ctx);
  let output = echoPrompt ? shell.prompt : '';
  let code = 0;
  for (const l of lines) {
    const r = shell.line(l);
    output += r.stdout + r.stderr;
    code = r.exitCode;
    if (/^\s*exit\b/.test(l)) return { output, exitCode: code };
    if (echoPrompt) output += shell.prompt;
  }
  return { output, exitCode: code };
}
