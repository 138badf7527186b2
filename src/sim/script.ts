// The shell of a container's own process (`sh -c '...'` in a pod's command), run symbolically:
// what it prints and when, how long it takes, how it ends. Variables, $((arithmetic)), $(command
// substitution), for/while/until/if, [ tests ]. A loop that never ends but sleeps between rounds
// is kept as a generator (LoopState) whose lines are produced when someone reads the logs.

/** A line the process prints, `s` seconds after it started. */
export interface TimedLine {
  s: number;
  text: string;
}

/** A file `tail -f` prints: from line `fromLine` (`-n +N`), or its last `lastLines` lines when it starts, then what is appended. */
export interface FollowedFile {
  path: string;
  fromLine?: number;
  lastLines: number;
}

/** Something the process does to a file, `s` seconds after it started. */
export interface TimedFileOp {
  s: number;
  op: 'write' | 'append' | 'touch' | 'mkdir' | 'rm';
  path: string;
  content?: string;
}

/** test's operators about files: answered by the container (or what the script itself wrote). */
export const FILE_TESTS = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h']);

/** The file commands whose effects are kept (others only print). */
const FILE_COMMANDS = new Set(['touch', 'mkdir', 'rm']);
/** A bound on the file operations kept for one run (a loop writing a file keeps its first ones). */
const MAX_FILE_OPS = 1000;

/** A loop still going when the process is planned: its rounds are replayed on demand. */
export interface LoopState {
  body: string;
  /** The loop's condition (undefined: always true). */
  cond?: string;
  until?: boolean;
  vars: Record<string, string>;
  /** Seconds after start at which the first replayed round begins. */
  firstAt: number;
  /** Seconds one round takes. */
  period: number;
}

/** Commands the process runs itself rather than through CommandResult (coreutils that matter for logs and timing). */
export const OWN_COMMANDS = new Set(['echo', 'printf', 'sleep', 'date', 'true', 'false', 'seq', 'hostname', 'test', '[', 'exit']);

/** Quotes a word for the shell, so that an argv can be run as a script. */
export const shellQuote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** What a command (other than the shell's own) does, as container-run decides it. */
export interface CommandResult {
  seconds: number;
  lines: string[];
  exit?: number;
  forever?: boolean;
  /** `tail -f FILE`: the process prints what is appended to the file, for ever. */
  follow?: FollowedFile;
  memoryMi?: number;
  /** CPU the command keeps busy while it runs (millicores). */
  cpuMilli?: number;
  notFound?: string;
}

export interface ScriptEnv {
  /** Milliseconds since the epoch when the process starts. */
  now: number;
  vars: Record<string, string>;
  command: (cmd: string, args: string[], atMs: number) => CommandResult;
}

export interface ScriptResult {
  seconds: number;
  lines: TimedLine[];
  exit: number;
  forever: boolean;
  follow?: FollowedFile;
  memoryMi?: number;
  /** A process that never sleeps (a busy loop, stress --cpu) keeps CPUs busy (millicores). */
  cpuMilli?: number;
  loop?: LoopState;
  files?: TimedFileOp[];
}

// ---------------------------------------------------------------------------------------------
// Tokens and syntax

type Token = { word: string; start: number; end: number } | { op: string; start: number; end: number };

const OPS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op && !(op === '(' && src[i - 1] === '$')) {
      out.push({ op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    const start = i;
    let quote: string | null = null;
    let depth = 0;
    while (i < src.length) {
      const c = src[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = null;
        i++;
        continue;
      }
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') {
        quote = c;
        i++;
        continue;
      }
      if (c === '$' && src[i + 1] === '(') {
        depth++;
        i += 2;
        continue;
      }
      if (depth && c === '(') depth++;
      if (depth && c === ')') {
        depth--;
        i++;
        continue;
      }
      if (!depth && (/\s/.test(c) || ';&|()'.includes(c))) break;
      i++;
    }
    out.push({ word: src.slice(start, i), start, end: i });
  }
  return out;
}

type List = { items: { pipeline: Pipeline; next: string }[] };
type Pipeline = { negate: boolean; cmds: Cmd[] };
type Cmd =
  | { kind: 'simple'; words: string[] }
  | { kind: 'for'; name: string; items: string[]; body: List }
  | { kind: 'while'; until: boolean; cond: List; body: List; condSrc: string; bodySrc: string }
  | { kind: 'if'; branches: { cond: List; body: List }[]; otherwise?: List }
  | { kind: 'group'; list: List };

class SyntaxError extends Error {}

class Parser {
  private i = 0;
  constructor(private toks: Token[], private src: string) {}

  private peekWord(): string | undefined {
    const t = this.toks[this.i];
    return t && 'word' in t ? t.word : undefined;
  }

  private skipSeparators(): void {
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if ('op' in t && (t.op === ';' || t.op === '\n')) this.i++;
      else break;
    }
  }

  private expectWord(w: string): void {
    this.skipSeparators();
    if (this.peekWord() !== w) throw new SyntaxError(`syntax error: expected ${w}`);
    this.i++;
  }

  /** A list, up to one of the keywords `until` (left unread) or the end. */
  list(until: string[] = []): List {
    const items: List['items'] = [];
    for (;;) {
      this.skipSeparators();
      if (this.i >= this.toks.length) break;
      const w = this.peekWord();
      if (w !== undefined && until.includes(w)) break;
      const t = this.toks[this.i];
      if ('op' in t && t.op === ')') break;
      const pipeline = this.pipeline();
      let next = ';';
      const n = this.toks[this.i];
      if (n && 'op' in n && ['&&', '||', ';', '\n', '&'].includes(n.op)) {
        next = n.op === '\n' || n.op === '&' ? ';' : n.op;
        this.i++;
      }
      items.push({ pipeline, next });
    }
    return { items };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.peekWord() === '!') {
      negate = true;
      this.i++;
    }
    const cmds = [this.command()];
    for (;;) {
      const t = this.toks[this.i];
      if (t && 'op' in t && t.op === '|') {
        this.i++;
        cmds.push(this.command());
      } else break;
    }
    return { negate, cmds };
  }

  /** The source text from token index `from` up to (not including) token index `to`. */
  private text(from: number, to: number): string {
    if (from >= to) return '';
    return this.src.slice(this.toks[from].start, this.toks[to - 1].end);
  }

  private command(): Cmd {
    const w = this.peekWord();
    const t = this.toks[this.i];
    if (t && 'op' in t && t.op === '(') {
      this.i++;
      const list = this.list();
      this.i++;
      return { kind: 'group', list };
    }
    if (w === '{') {
      this.i++;
      const list = this.list(['}']);
      this.i++;
      return { kind: 'group', list };
    }
    if (w === 'for') {
      this.i++;
      const name = this.peekWord() ?? '';
      this.i++;
      const items: string[] = [];
      if (this.peekWord() === 'in') {
        this.i++;
        while (this.i < this.toks.length && 'word' in this.toks[this.i]) items.push((this.toks[this.i++] as any).word);
      }
      this.expectWord('do');
      const body = this.list(['done']);
      this.expectWord('done');
      return { kind: 'for', name, items, body };
    }
    if (w === 'while' || w === 'until') {
      this.i++;
      const c0 = this.i;
      const cond = this.list(['do']);
      const condSrc = this.text(c0, this.i).replace(/[;\s]+$/, '');
      this.expectWord('do');
      const b0 = this.i;
      const body = this.list(['done']);
      const bodySrc = this.text(b0, this.i);
      this.expectWord('done');
      return { kind: 'while', until: w === 'until', cond, body, condSrc, bodySrc };
    }
    if (w === 'if') {
      this.i++;
      const branches: { cond: List; body: List }[] = [];
      let otherwise: List | undefined;
      for (;;) {
        const cond = this.list(['then']);
        this.expectWord('then');
        const body = this.list(['elif', 'else', 'fi']);
        branches.push({ cond, body });
        this.skipSeparators();
        const k = this.peekWord();
        this.i++;
        if (k === 'elif') continue;
        if (k === 'else') {
          otherwise = this.list(['fi']);
          this.expectWord('fi');
        }
        break;
      }
      return { kind: 'if', branches, otherwise };
    }
    const words: string[] = [];
    while (this.i < this.toks.length) {
      const tok = this.toks[this.i];
      if (!('word' in tok)) break;
      // Redirections are taken, and what they name skipped: output goes to the log only when not redirected.
      words.push(tok.word);
      this.i++;
    }
    if (!words.length) throw new SyntaxError('syntax error');
    return { kind: 'simple', words };
  }
}

export function parseScript(src: string): List {
  const p = new Parser(tokenize(src), src);
  return p.list();
}

// ---------------------------------------------------------------------------------------------
// Arithmetic: $(( ... ))

export function arithmetic(expr: string, vars: Record<string, string>): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|<=|>=|==|!=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const value = (t: string) => Number.parseInt(vars[t.replace(/^\$/, '')] ?? '0', 10) || 0;
  const primary = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (t === undefined) return 0;
    return /^\d+$/.test(t) ? Number(t) : value(t);
  };
  const binary = (next: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
    let v = next();
    while (toks[i] !== undefined && ops[toks[i]]) {
      const op = ops[toks[i++]];
      v = op(v, next());
    }
    return v;
  };
  const mul = binary(primary, { '*': (a, b) => a * b, '/': (a, b) => (b ? Math.trunc(a / b) : 0), '%': (a, b) => (b ? a % b : 0) });
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const cmp = binary(add, { '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) });
  const eq = binary(cmp, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
  const and = binary(eq, { '&&': (a, b) => +(!!a && !!b) });
  const or = binary(and, { '||': (a, b) => +(!!a || !!b) });
  return or();
}

// ---------------------------------------------------------------------------------------------
// Running

class Exit extends Error {
  constructor(public code: number) {
    super('exit');
  }
}

class Forever extends Error {}

const MAX_EAGER_ROUNDS = 2000;
const MAX_EAGER_SECONDS = 7 * 86400;
const ALWAYS = new Set(['true', ':', '[ 1 ]', '[ true ]', '((1))']);

export class Process {
  t = 0;
  lines: TimedLine[] = [];
  code = 0;
  memoryMi?: number;
  cpuMilli?: number;
  loop?: LoopState;
  /** What it did to files, in order. */
  files: TimedFileOp[] = [];
  follow?: FollowedFile;
  /** Output captured by a command substitution instead of going to the log. */
  private capture?: string[];

  constructor(private env: ScriptEnv, public vars: Record<string, string>) {}

  /** A file as this process's own writes left it; undefined when it has not written it (or removed it). */
  private ownFile(path: string): string | undefined {
    const full = path.startsWith('/') ? path : `/${path}`;
    let content: string | undefined;
    for (const f of this.files) {
      if (f.path !== full) continue;
      if (f.op === 'write') content = f.content ?? '';
      else if (f.op === 'append') content = (content ?? '') + (f.content ?? '');
      else if (f.op === 'touch') content ??= '';
      else if (f.op === 'rm') content = undefined;
    }
    return content;
  }

  private fileOp(op: TimedFileOp['op'], path: string, content?: string): void {
    if (this.files.length >= MAX_FILE_OPS || !path) return;
    const full = path.startsWith('/') ? path : `/${path}`;
    this.files.push({ s: this.t, op, path: full, ...(content !== undefined ? { content } : {}) });
  }

  private print(text: string): void {
    if (this.capture) this.capture.push(text);
    else this.lines.push({ s: this.t, text });
  }

  runList(list: List): number {
    let skip = false;
    for (const { pipeline, next } of list.items) {
      if (!skip) this.code = this.runPipeline(pipeline);
      skip = (next === '&&' && this.code !== 0) || (next === '||' && this.code === 0);
    }
    return this.code;
  }

  private runPipeline(p: Pipeline): number {
    let code = 0;
    p.cmds.forEach((c, i) => {
      // Only the last command of a pipeline writes to the log.
      if (i < p.cmds.length - 1) {
        const saved = this.capture;
        this.capture = [];
        this.runCmd(c);
        this.capture = saved;
      } else code = this.runCmd(c);
    });
    return p.negate ? (code ? 0 : 1) : code;
  }

  private runCmd(c: Cmd): number {
    switch (c.kind) {
      case 'simple':
        return this.runSimple(c.words);
      case 'group':
        return this.runList(c.list);
      case 'if':
        for (const b of c.branches) if (this.runList(b.cond) === 0) return this.runList(b.body);
        return c.otherwise ? this.runList(c.otherwise) : 0;
      case 'for': {
        const items = c.items.length ? c.items.flatMap((w) => this.expand(w, true)) : [];
        for (const item of items) {
          this.vars[c.name] = item;
          this.runList(c.body);
        }
        return this.code;
      }
      case 'while':
        return this.runWhile(c);
    }
  }

  private condHolds(c: { until: boolean; cond: List }): boolean {
    const saved = this.capture;
    const code = this.runList(c.cond);
    this.capture = saved;
    return c.until ? code !== 0 : code === 0;
  }

  private runWhile(c: Extract<Cmd, { kind: 'while' }>): number {
    const always = !c.until && ALWAYS.has(c.condSrc.replace(/\s+/g, ' ').trim());
    for (let round = 0; ; round++) {
      if (!always && !this.condHolds(c)) return 0;
      const before = this.t;
      const printed = this.lines.length;
      const wrote = this.files.length;
      const vars = { ...this.vars };
      if (always || round >= MAX_EAGER_ROUNDS || this.t > MAX_EAGER_SECONDS) {
        // Replayed on demand from here: measure one round, keep the state it starts from.
        this.runList(c.body);
        const period = this.t - before;
        if (period > 0) {
          this.lines = this.lines.slice(0, printed);
          this.files = this.files.slice(0, wrote);
          this.t = before;
          this.loop = { body: c.bodySrc, ...(always ? {} : { cond: c.condSrc, until: c.until }), vars, firstAt: before, period };
        } else this.cpuMilli = Math.max(this.cpuMilli ?? 0, 1000);
        throw new Forever();
      }
      this.runList(c.body);
    }
  }

  private runSimple(raw: string[]): number {
    // Redirections: `> file` and `2>&1` send output elsewhere than the log.
    let toLog = true;
    let toFile: { path: string; append: boolean } | undefined;
    const words: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const w = raw[i];
      const m = /^(\d?)(>>?|<)(.*)$/.exec(w);
      if (m && !w.startsWith('>&') && w !== '2>&1') {
        const target = m[3] || raw[++i] || '';
        if ((m[1] === '' || m[1] === '1') && m[2] !== '<' && !['/dev/stdout', '/proc/1/fd/1'].includes(target)) {
          toLog = false;
          const path = this.expand(target, false).join(' ');
          if (!/^\/(dev|proc)\//.test(path)) toFile = { path, append: m[2] === '>>' };
        }
        continue;
      }
      if (w === '2>&1' || w === '>&2' || w === '1>&2') continue;
      words.push(w);
    }
    const assignments: [string, string][] = [];
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
      const w = words.shift()!;
      const eq = w.indexOf('=');
      assignments.push([w.slice(0, eq), this.expand(w.slice(eq + 1), false).join(' ')]);
    }
    if (!words.length) {
      for (const [k, v] of assignments) this.vars[k] = v;
      return 0;
    }
    const argv = words.flatMap((w) => this.expand(w, true));
    if (!argv.length) return 0;
    const saved = this.capture;
    if (!toLog) this.capture = [];
    const captured = this.capture;
    try {
      return this.builtin(argv);
    } finally {
      this.capture = saved;
      if (toFile && captured) this.fileOp(toFile.append ? 'append' : 'write', toFile.path, captured.map((l) => `${l}\n`).join(''));
    }
  }

  private builtin(argv: string[]): number {
    const [cmd, ...args] = argv;
    const base = cmd.split('/').pop()!;
    switch (base) {
      case 'exit':
        throw new Exit(Number(args[0] ?? this.code) || 0);
      case 'export':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.vars[a.slice(0, eq)] = a.slice(eq + 1);
        }
        return 0;
      case 'true':
      case ':':
      case 'cd':
      case 'set':
      case 'trap':
      case 'wait':
        return 0;
      case 'false':
        return 1;
      case 'echo': {
        let rest = args;
        let newline = true;
        let escapes = false;
        while (rest[0] && /^-[neE]+$/.test(rest[0])) {
          if (rest[0].includes('n')) newline = false;
          if (rest[0].includes('e')) escapes = true;
          rest = rest.slice(1);
        }
        let text = rest.join(' ');
        if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        this.printText(newline ? `${text}\n` : text);
        return 0;
      }
      case 'printf':
        this.printText(printf(args[0] ?? '', args.slice(1)));
        return 0;
      case '[':
      case 'test': {
        const expr = base === '[' ? args.slice(0, -1) : args;
        // File tests: what the script wrote itself, else the container's answer (exit code of `test`).
        const file = (op: string, path: string) => {
          const own = this.ownFile(path);
          if (own !== undefined && op !== '-d') return op !== '-s' || own !== '';
          return this.env.command('test', [op, path], this.env.now + this.t * 1000).exit === 0;
        };
        return testExpr(expr, file) ? 0 : 1;
      }
      case 'seq': {
        const nums = args.map(Number);
        const [first, step, last] = nums.length >= 3 ? nums : nums.length === 2 ? [nums[0], 1, nums[1]] : [1, 1, nums[0]];
        const out: string[] = [];
        for (let n = first; step > 0 ? n <= last : n >= last; n += step) if (out.length < 100_000) out.push(String(n));
        this.printText(out.length ? `${out.join('\n')}\n` : '');
        return 0;
      }
      case 'sleep': {
        const secs = parseSeconds(args[0]);
        if (secs === undefined) {
          this.print(`sleep: invalid number '${args[0]}'`);
          return 1;
        }
        if (secs === Infinity) throw new Forever();
        this.t += secs;
        return 0;
      }
      case 'date':
        this.print(formatDate(this.env.now + this.t * 1000, args.find((a) => a.startsWith('+'))));
        return 0;
      case 'hostname':
        this.print(this.vars.HOSTNAME ?? 'localhost');
        return 0;
    }
    if (FILE_COMMANDS.has(base)) for (const a of args) if (!a.startsWith('-')) this.fileOp(base as TimedFileOp['op'], a);
    // Reading back what the script itself wrote (the container's files only get it as time passes).
    if (base === 'cat' && args.length && args.every((a) => this.ownFile(a) !== undefined)) {
      this.printText(args.map((a) => this.ownFile(a)).join(''));
      return 0;
    }
    const r = this.env.command(cmd, args, this.env.now + this.t * 1000);
    for (const l of r.lines) this.print(l);
    this.t += r.seconds;
    if (r.memoryMi) this.memoryMi = Math.max(this.memoryMi ?? 0, r.memoryMi);
    if (r.cpuMilli) this.cpuMilli = Math.max(this.cpuMilli ?? 0, r.cpuMilli);
    if (r.notFound) {
      this.print(`sh: ${r.notFound}: not found`);
      return 127;
    }
    if (r.follow) this.follow = r.follow;
    if (r.forever) throw new Forever();
    return r.exit ?? 0;
  }

  /** Text with newlines: each complete line to the log, an unfinished one too (it is flushed at exit). */
  private printText(text: string): void {
    const parts = text.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    for (const p of parts) this.print(p);
  }

  /** Expands one word: quotes, $VAR, ${VAR}, $((...)), $(...); unquoted expansions split into fields when `split`. */
  expand(word: string, split: boolean): string[] {
    const fields: string[] = [''];
    let quoted = false;
    const add = (s: string, fromExpansion: boolean) => {
      if (split && fromExpansion && !quoted) {
        const parts = s.split(/\s+/);
        fields[fields.length - 1] += parts[0];
        for (const p of parts.slice(1)) fields.push(p);
      } else fields[fields.length - 1] += s;
    };
    let sawQuote = false;
    for (let i = 0; i < word.length; i++) {
      const c = word[i];
      if (c === "'" && !quoted) {
        const end = word.indexOf("'", i + 1);
        add(word.slice(i + 1, end < 0 ? undefined : end), false);
        sawQuote = true;
        i = end < 0 ? word.length : end;
        continue;
      }
      if (c === '"') {
        quoted = !quoted;
        sawQuote = true;
        continue;
      }
      if (c === '\\' && i + 1 < word.length) {
        // Inside double quotes a backslash escapes only $ ` " and itself.
        if (quoted && !'$`"\\'.includes(word[i + 1])) add(c, false);
        else add(word[++i], false);
        continue;
      }
      if (c === '`') {
        const end = word.indexOf('`', i + 1);
        add(this.substitute(word.slice(i + 1, end < 0 ? undefined : end)), true);
        i = end < 0 ? word.length : end;
        continue;
      }
      if (c === '$') {
        const rest = word.slice(i);
        if (rest.startsWith('$((')) {
          const end = matching(word, i + 1);
          add(String(arithmetic(this.expand(word.slice(i + 3, end - 1), false).join(' '), this.vars)), true);
          i = end;
          continue;
        }
        if (rest.startsWith('$(')) {
          const end = matching(word, i + 1);
          add(this.substitute(word.slice(i + 2, end)), true);
          i = end;
          continue;
        }
        const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/.exec(rest);
        if (braced) {
          const v = this.vars[braced[1]];
          add(v === undefined || v === '' ? braced[2] ?? '' : v, true);
          i += braced[0].length - 1;
          continue;
        }
        const plain = /^\$([A-Za-z_][A-Za-z0-9_]*|\?|\$|#)/.exec(rest);
        if (plain) {
          const name = plain[1];
          add(name === '?' ? String(this.code) : name === '$' ? '1' : name === '#' ? '0' : this.vars[name] ?? '', true);
          i += plain[0].length - 1;
          continue;
        }
      }
      add(c, false);
    }
    if (split && fields.length === 1 && fields[0] === '' && !sawQuote) return [];
    return split ? fields.filter((f, i) => f !== '' || sawQuote || i === 0) : [fields.join(' ')];
  }

  private substitute(script: string): string {
    const saved = this.capture;
    this.capture = [];
    try {
      this.runList(parseScript(script));
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
    }
    const out = this.capture.join('\n');
    this.capture = saved;
    return out;
  }
}

/** The index of the `)` closing the `(` at `open`. */
function matching(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return s.length;
}

export function testExpr(args: string[], file?: (op: string, path: string) => boolean): boolean {
  if (file && args.length === 2 && FILE_TESTS.has(args[0])) return file(args[0], args[1]);
  if (args[0] === '!') return !testExpr(args.slice(1), file);
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    if (args[0] === '-z') return args[1] === '';
    if (args[0] === '-n') return args[1] !== '';
    return false;
  }
  const [a, op, b] = args;
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '-eq':
      return x === y;
    case '-ne':
      return x !== y;
    case '-lt':
      return x < y;
    case '-le':
      return x <= y;
    case '-gt':
      return x > y;
    case '-ge':
      return x >= y;
  }
  return false;
}

function printf(format: string, args: string[]): string {
  let i = 0;
  const out = format.replace(/%(-?\d*)([sdif%])/g, (_, width: string, conv: string) => {
    if (conv === '%') return '%';
    const v = args[i++] ?? '';
    const s = conv === 's' ? v : String(Number.parseInt(v, 10) || 0);
    const w = Number(width);
    return w ? (w < 0 ? s.padEnd(-w) : s.padStart(w)) : s;
  });
  return out.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

export function parseSeconds(s: string | undefined): number | undefined {
  if (s === undefined) return 1;
  if (s === 'infinity' || s === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Number(m[1]) * mult;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `date` in a container (UTC), with the common +FORMAT conversions. */
export function formatDate(ms: number, format?: string): string {
  const d = new Date(ms);
  if (!format) {
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
  }
  const conv: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    m: () => two(d.getUTCMonth() + 1),
    d: () => two(d.getUTCDate()),
    H: () => two(d.getUTCHours()),
    M: () => two(d.getUTCMinutes()),
    S: () => two(d.getUTCSeconds()),
    s: () => String(Math.floor(ms / 1000)),
    T: () => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    F: () => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
    Z: () => 'UTC',
    a: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()],
    '%': () => '%',
  };
  return format.slice(1).replace(/%(.)/g, (m, c: string) => conv[c]?.() ?? m);
}

/** Runs a script from the start of the process. */
export function runScript(src: string, env: ScriptEnv): ScriptResult {
  const p = new Process(env, { ...env.vars });
  let forever = false;
  try {
    p.runList(parseScript(src));
  } catch (e) {
    if (e instanceof Exit) p.code = e.code;
    else if (e instanceof Forever) forever = true;
    else if (e instanceof SyntaxError) {
      p.lines.push({ s: p.t, text: `sh: ${e.message}` });
      p.code = 2;
    } else throw e;
  }
  return { seconds: p.t, lines: p.lines, exit: p.code, forever, ...(p.files.length ? { files: p.files } : {}), ...(p.follow ? { follow: p.follow } : {}), ...(p.memoryMi ? { memoryMi: p.memoryMi } : {}), ...(p.cpuMilli ? { cpuMilli: p.cpuMilli } : {}), ...(p.loop ? { loop: p.loop } : {}) };
}

/**
 * The rounds of a replayed loop that began by `endMs` (the process started at `startMs`), at most
 * the last `max` of them: each round's process (what it printed and wrote) and when it began.
 */
function* loopRounds(loop: LoopState, startMs: number, endMs: number, env: Omit<ScriptEnv, 'now' | 'vars'>, max: number): Generator<{ p: Process; roundStart: number }> {
  const elapsed = (endMs - startMs) / 1000 - loop.firstAt;
  if (elapsed < 0) return;
  const rounds = Math.floor(elapsed / loop.period) + 1;
  const body = parseScript(loop.body);
  const cond = loop.cond !== undefined ? parseScript(loop.cond) : undefined;
  let vars = { ...loop.vars };
  let first = 0;
  // Far more rounds than can be shown: start near the end, numbers advanced as one round advances them.
  const probe = (from: Record<string, string>) => {
    const p = new Process({ ...env, now: startMs, vars: {} }, { ...from });
    try {
      p.runList(body);
    } catch {
      // exits end the round
    }
    return p.vars;
  };
  if (rounds > max) {
    const next = probe(vars);
    first = rounds - max;
    const advanced: Record<string, string> = { ...vars };
    for (const [k, v] of Object.entries(next)) {
      const a = Number(vars[k]);
      const b = Number(v);
      if (/^-?\d+$/.test(vars[k] ?? '') && /^-?\d+$/.test(v)) advanced[k] = String(a + (b - a) * first);
    }
    vars = advanced;
  }
  for (let r = first; r < rounds; r++) {
    const roundStart = startMs + (loop.firstAt + r * loop.period) * 1000;
    const p = new Process({ ...env, now: roundStart, vars: {} }, vars);
    if (cond) {
      const holds = (() => {
        try {
          const code = p.runList(cond);
          return loop.until ? code !== 0 : code === 0;
        } catch {
          return false;
        }
      })();
      if (!holds) return;
    }
    try {
      p.runList(body);
    } catch {
      // an exit or an endless command ends the round
    }
    yield { p, roundStart };
    vars = p.vars;
  }
}

/**
 * The lines a replayed loop printed from `startMs` (when the process started) up to `endMs`,
 * at most `max` of them (the latest).
 */
export function replayLoop(loop: LoopState, startMs: number, endMs: number, env: Omit<ScriptEnv, 'now' | 'vars'>, max: number): { t: number; line: string }[] {
  const out: { t: number; line: string }[] = [];
  for (const { p, roundStart } of loopRounds(loop, startMs, endMs, env, max)) {
    for (const l of p.lines) {
      const t = roundStart + l.s * 1000;
      if (t <= endMs) out.push({ t, line: l.text });
    }
  }
  return out.slice(Math.max(0, out.length - max));
}

/** What a replayed loop did to files after `fromMs` and up to `endMs`, with absolute times; from its last `max` rounds at most. */
export function replayLoopFiles(loop: LoopState, startMs: number, fromMs: number, endMs: number, max: number): (Omit<TimedFileOp, 's'> & { at: number })[] {
  const out: (Omit<TimedFileOp, 's'> & { at: number })[] = [];
  const env = { command: () => ({ seconds: 0, lines: [] }) };
  for (const { p, roundStart } of loopRounds(loop, startMs, endMs, env, max)) {
    for (const { s, ...op } of p.files) {
      const at = roundStart + s * 1000;
      if (at > fromMs && at <= endMs) out.push({ ...op, at });
    }
  }
  return out;
}
