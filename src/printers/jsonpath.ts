// kubectl's JSONPath template engine, following k8s.io/client-go/util/jsonpath
// as shipped with kubectl v1.32 (with missing keys allowed by default, as
// `kubectl get -o jsonpath` does). Map keys are visited in sorted order where
// Go would use its randomised map order.

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

export interface JsonPathOptions {
  /** Missing fields yield no result instead of an error (default true, as in kubectl). */
  allowMissingKeys?: boolean;
}

export interface CompiledJsonPath {
  readonly template: string;
  /** Renders the template the way `kubectl get -o jsonpath=...` prints it. */
  execute(data: unknown): string;
  /** The raw values, one list per top-level template node, as jsonpath.FindResults. */
  findResults(data: unknown): unknown[][];
}

// ---------------------------------------------------------------------------
// Parse tree

interface ParamsEntry {
  value: number;
  known: boolean;
  /** The end of a plain index like [3], derived from its start. */
  derived: boolean;
}

interface ListNode {
  type: 'list';
  nodes: Node[];
}

type Node =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: readonly [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; lists: ListNode[] };

const EOF = '';

const isDigit = (r: string) => /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const isTerminator = (r: string) => r === EOF || ' \t\r\n.,[]$@{}'.includes(r);

/** Go's %#U verb for a rune. */
function formatRune(r: string): string {
  const cp = r.codePointAt(0)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(r) ? `${hex} '${r}'` : hex;
}

function parseGoInt(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? Number(n) : undefined;
}

function parseGoFloat(s: string): number | undefined {
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

class Parser {
  private readonly chars: string[];
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(input: string) {
    this.chars = Array.from(input);
  }

  static parse(text: string): ListNode {
    return new Parser(text).parseTemplate();
  }

  /** Parses `text` as the inside of a single action, e.g. a filter operand. */
  static parseAction(text: string): ListNode {
    return Parser.parse(`{${text}}`).nodes[0] as ListNode;
  }

  private next(): string {
    if (this.pos >= this.chars.length) {
      this.width = 0;
      return EOF;
    }
    this.width = 1;
    return this.chars[this.pos++]!;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private consume(): string {
    const text = this.chars.slice(this.start, this.pos).join('');
    this.start = this.pos;
    return text;
  }

  private startsWith(prefix: string): boolean {
    return [...prefix].every((c, i) => this.chars[this.pos + i] === c);
  }

  private parseTemplate(): ListNode {
    const root: ListNode = { type: 'list', nodes: [] };
    for (;;) {
      const brace = this.chars.indexOf('{', this.pos);
      this.pos = brace < 0 ? this.chars.length : brace;
      if (this.pos > this.start) root.nodes.push({ type: 'text', text: this.consume() });
      if (brace < 0) return root;
      this.pos++;
      this.consume();
      const action: ListNode = { type: 'list', nodes: [] };
      root.nodes.push(action);
      this.parseInsideAction(action);
    }
  }

  /** Parses one `{...}` action, consuming its closing brace. */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      if (this.startsWith('}')) {
        this.pos++;
        this.consume();
        return;
      }
      if (this.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (this.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || r === '\r' || r === '\n') throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consume();
      } else if (r === '[') {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === '.') {
        this.parseField(cur);
      } else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JsonPathError(`unrecognized character in action: ${formatRune(r)}`);
      }
    }
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.type === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const sign = this.peek();
    if (sign === '+' || sign === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    const int = parseGoInt(value);
    if (int !== undefined) {
      cur.nodes.push({ type: 'int', value: int });
      return;
    }
    const float = parseGoFloat(value);
    if (float === undefined) throw new JsonPathError(`cannot parse number ${value}`);
    cur.nodes.push({ type: 'float', value: float });
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      const lists = parts.map((part) => Parser.parseAction(`[${part.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ type: 'union', lists });
      return;
    }

    // ['key'] is shorthand for .key, so dots inside the key still split it.
    const dictKey = /^'([^']*)'$/.exec(text);
    if (dictKey) {
      cur.nodes.push(...Parser.parseAction(`.${dictKey[1]}`).nodes);
      return;
    }

    const slice = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!slice) throw new JsonPathError(`invalid array index ${text}`);
    const params: ParamsEntry[] = [];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      if (part === '') {
        params.push(
          i === 1
            ? { value: params[0]!.value + 1, known: true, derived: true }
            : { value: 0, known: false, derived: false },
        );
        continue;
      }
      if (i > 0) part = part.slice(1);
      if (i > 0 && part === '') {
        params.push({ value: 0, known: false, derived: false });
        continue;
      }
      const value = parseGoInt(part);
      if (value === undefined) throw new JsonPathError(`array index ${part} is not a number`);
      params.push({ value, known: true, derived: false });
    }
    cur.nodes.push({ type: 'array', params: [params[0]!, params[1]!, params[2]!] });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let inQuote = false;
    let quoteClosed = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!inQuote) {
          inQuote = true;
          pair = r;
          continue;
        }
        if (this.chars[this.pos - 2] !== '\\' && r === pair) quoteClosed = true;
      } else if (r === ')' && inQuote === quoteClosed) {
        break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const comparison = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!comparison) {
      cur.nodes.push({
        type: 'filter',
        left: Parser.parseAction(text),
        right: { type: 'list', nodes: [] },
        operator: 'exists',
      });
      return;
    }
    cur.nodes.push({
      type: 'filter',
      left: Parser.parseAction(comparison[1]!),
      right: Parser.parseAction(comparison[3]!),
      operator: comparison[2]!,
    });
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === end && this.chars[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    let text: string;
    try {
      text = unquoteExtend(value);
    } catch {
      throw new JsonPathError(`unquote string ${value} error invalid syntax`);
    }
    cur.nodes.push({ type: 'text', text });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        this.next();
      } else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replaceAll('\\', '') });
  }
}

const simpleEscapes: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** strconv.Unquote extended to single-quoted strings; throws on invalid syntax. */
function unquoteExtend(s: string): string {
  const quote = s[0];
  if (s.length < 2 || s.at(-1) !== quote || (quote !== '"' && quote !== "'")) throw new Error('invalid syntax');
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === quote) throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) throw new Error('invalid syntax');
    i += 2;
    if (simpleEscapes[e] !== undefined) {
      out += simpleEscapes[e];
    } else if (e === "'" || e === '"') {
      if (e !== quote) throw new Error('invalid syntax');
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const digits = body.slice(i, i + (e === 'x' ? 2 : e === 'u' ? 4 : 8));
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length < (e === 'x' ? 2 : e === 'u' ? 4 : 8)) {
        throw new Error('invalid syntax');
      }
      const cp = parseInt(digits, 16);
      if (e !== 'x' && (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))) throw new Error('invalid syntax');
      out += String.fromCodePoint(cp);
      i += digits.length;
    } else if (e >= '0' && e <= '7') {
      const digits = e + body.slice(i, i + 2);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) throw new Error('invalid syntax');
      out += String.fromCharCode(parseInt(digits, 8));
      i += 2;
    } else {
      throw new Error('invalid syntax');
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Go value semantics for JSON data

/** A float literal in the template; Go keeps it distinct from integers when comparing. */
class GoFloat {
  constructor(readonly value: number) {}
}

type JsonMap = Record<string, unknown>;

const isMap = (v: unknown): v is JsonMap =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);

/** JSON integers decode to int64 in kubectl; everything else numeric is a float64. */
const isGoInt = (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 63;

function compareGoStrings(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Keys in Go's sorted order; undefined values count as absent, as after a JSON round trip. */
const sortedKeys = (m: JsonMap) =>
  Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareGoStrings);

/** Go's %v for a float64. */
function formatGoFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

function formatGoNumber(n: number): string {
  return isGoInt(n) ? String(n) : formatGoFloat(n);
}

/** fmt.Sprint of a decoded JSON value: `map[k:v]`, `[a b]`, `<nil>`. */
export function formatGoValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof GoFloat) return formatGoFloat(v.value);
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(formatGoValue).join(' ')}]`;
  if (isMap(v)) return `map[${sortedKeys(v).map((k) => `${k}:${formatGoValue(v[k])}`).join(' ')}]`;
  return String(v);
}

/** The Go type a decoded JSON value has in kubectl, as named in error messages. */
export function goTypeName(v: unknown): string {
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) < 0xe000) {
      out += ch + s[++i];
    } else if (c >= 0xd800 && c < 0xe000) {
      out += '\\ufffd';
    } else {
      out += ch;
    }
  }
  return out + '"';
}

function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new JsonPathError(`json: unsupported value: ${formatGoFloat(n)}`);
  // JavaScript switches to exponents at the same magnitudes as encoding/json.
  return String(n);
}

/** encoding/json.Marshal: compact, sorted keys, HTML-safe escaping. */
function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoFloat) return jsonNumber(v.value);
  if (typeof v === 'number') return jsonNumber(v);
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (isMap(v)) return `{${sortedKeys(v).map((k) => `${jsonString(k)}:${goJson(v[k])}`).join(',')}}`;
  return 'null';
}

/** How PrintResults renders one value: containers as JSON, scalars as text. */
function printValue(v: unknown): string {
  if (Array.isArray(v) || isMap(v)) return goJson(v);
  if (v === null) return 'null';
  if (v === undefined) return '<no value>';
  return formatGoValue(v);
}

const unwrap = (v: unknown) => (v instanceof GoFloat ? v.value : v);

// ---------------------------------------------------------------------------
// Evaluation

/** An evaluation error plus the values Go's walker returns alongside it. */
class EvalError extends JsonPathError {
  constructor(
    message: string,
    readonly partial: unknown[],
  ) {
    super(message);
  }
}

interface RangeState {
  beginRange: number;
  inRange: number;
  endRange: number;
  /** Index of the most recent {end} that closed a range body. */
  lastEnd: number | undefined;
}

/**
 * Stands in for Go's zero reflect.Value: the data a range body is walked with
 * when the range has no items (the output is discarded, but errors still surface).
 */
const NO_VALUE = undefined;

type Kind = 'bool' | 'int' | 'float' | 'string';

function basicKind(v: unknown): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return isGoInt(v) ? 'int' : 'float';
  throw new JsonPathError('invalid type for comparison');
}

function goEqual(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new JsonPathError('incompatible types for comparison');
  return unwrap(a) === unwrap(b);
}

function goLess(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new JsonPathError('incompatible types for comparison');
  if (ka === 'bool') throw new JsonPathError('invalid type for comparison');
  if (ka === 'string') return compareGoStrings(a as string, b as string) < 0;
  return (unwrap(a) as number) < (unwrap(b) as number);
}

function compare(operator: string, a: unknown, b: unknown): boolean {
  switch (operator) {
    case '<':
      return goLess(a, b);
    case '>':
      return !(goLess(a, b) || goEqual(a, b));
    case '==':
      return goEqual(a, b);
    case '!=':
      return !goEqual(a, b);
    case '<=':
      return goLess(a, b) || goEqual(a, b);
    case '>=':
      return !goLess(a, b);
    default:
      throw new JsonPathError(`unrecognized filter operator ${operator}`);
  }
}

/** Elements visited by `*` and `..`: array items, map values by key, string bytes. */
function childrenOf(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v.map((item: unknown) => item ?? null);
  if (isMap(v)) return sortedKeys(v).map((k) => v[k]);
  if (typeof v === 'string') return [...Buffer.from(v, 'utf8')];
  return undefined;
}

class Evaluator {
  private readonly state: RangeState = { beginRange: 0, inRange: 0, endRange: 0, lastEnd: undefined };

  constructor(
    private readonly root: ListNode,
    private readonly allowMissingKeys: boolean,
  ) {}

  run(data: unknown): unknown[][] {
    const out: unknown[][] = [];
    try {
      this.runFrom(0, data, out);
    } catch (err) {
      if (err instanceof EvalError) throw new JsonPathError(err.message);
      throw err;
    }
    return out;
  }

  /** FindResults over root.nodes[start:], where ranges recurse into their bodies. */
  private runFrom(start: number, data: unknown, out: unknown[][]): void {
    const nodes = this.root.nodes;
    const state = this.state;
    // Go re-wraps each item with reflect.ValueOf, which turns a nil into the zero Value.
    const cur = [data === null ? NO_VALUE : data];
    for (let i = start; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]!);
      if (state.endRange > 0 && state.endRange <= state.inRange) {
        state.endRange--;
        state.lastEnd = i;
        return;
      }
      if (state.beginRange > 0) {
        state.beginRange--;
        state.inRange++;
        if (results.length > 0) {
          for (const item of results) this.runFrom(i + 1, item, out);
        } else {
          this.runFrom(i + 1, NO_VALUE, []);
        }
        state.inRange--;
        // Resume after the {end} that closed this range; without one, carry on after {range}.
        if (state.lastEnd !== undefined && state.lastEnd > i) i = state.lastEnd;
        continue;
      }
      out.push(results);
    }
  }

  private walk(input: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'wildcard':
        return input.flatMap((v) => (v === null ? [] : (childrenOf(v) ?? [])));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return this.evalUnion(input, node.lists);
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: unknown[], list: ListNode): unknown[] {
    let cur = input;
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.state.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.state.inRange === 0) throw new EvalError('not in range, nothing to end', []);
      this.state.endRange++;
      return [];
    }
    throw new EvalError(`unrecognized identifier ${name}`, input);
  }

  private evalField(input: unknown[], name: string): unknown[] {
    const results: unknown[] = [];
    for (const v of input) {
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && input.length > 0 && !this.allowMissingKeys) {
      throw new EvalError(`${name} is not found`, results);
    }
    return results;
  }

  private evalArray(input: unknown[], params: readonly [ParamsEntry, ParamsEntry, ParamsEntry]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null) continue;
      if (value === NO_VALUE) throw new EvalError('reflect: call of reflect.Value.Type on zero Value', input);
      if (!Array.isArray(value)) throw new EvalError(`${goTypeName(value)} is not array or slice`, input);
      const length = value.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += length;
      let end = params[1].known ? params[1].value : length;
      if (end < 0 || (end === 0 && params[1].derived)) end += length;
      // Go returns straight away on an empty selection, skipping any further inputs.
      if (end === start) return result;
      if (start >= length || start < 0) {
        throw new EvalError(`array index out of bounds: index ${start}, length ${length}`, input);
      }
      if (end > length || end < 0) {
        throw new EvalError(`array index out of bounds: index ${end - 1}, length ${length}`, input);
      }
      if (start > end) throw new EvalError(`starting index ${start} is greater than ending index ${end}`, input);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new EvalError('step must be > 0', input);
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) result.push(value[i] ?? null);
    }
    return result;
  }

  private evalFilter(input: unknown[], node: Extract<Node, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        const shown = value === NO_VALUE ? '<invalid reflect.Value>' : formatGoValue(value);
        throw new EvalError(`${shown} is not array or slice and cannot be filtered`, input);
      }
      for (const item of value) {
        let lefts: unknown[];
        try {
          lefts = this.evalList([item], node.left);
        } catch (err) {
          if (!(err instanceof EvalError) || node.operator !== 'exists') throw rebase(err, input);
          lefts = err.partial;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalError('can only compare one element at a time', input);
        let rights: unknown[];
        try {
          rights = this.evalList([item], node.right);
        } catch (err) {
          throw rebase(err, input);
        }
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalError('can only compare one element at a time', input);
        let pass: boolean;
        try {
          pass = compare(node.operator, lefts[0], rights[0]);
        } catch (err) {
          throw rebase(err, results);
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null) continue;
      const children = childrenOf(value);
      if (children === undefined || children.length === 0) continue;
      result.push(value, ...this.evalRecursive(children));
    }
    return result;
  }

  private evalUnion(input: unknown[], lists: ListNode[]): unknown[] {
    const result: unknown[] = [];
    for (const list of lists) {
      try {
        result.push(...this.evalList(input, list));
      } catch (err) {
        throw rebase(err, input);
      }
    }
    return result;
  }
}

function rebase(err: unknown, partial: unknown[]): unknown {
  return err instanceof JsonPathError ? new EvalError(err.message, partial) : err;
}

// ---------------------------------------------------------------------------
// Public API

export function compileJsonPath(template: string, options: JsonPathOptions = {}): CompiledJsonPath {
  const root = Parser.parse(template);
  const allowMissingKeys = options.allowMissingKeys ?? true;
  const evaluate = (data: unknown) => new Evaluator(root, allowMissingKeys).run(data);
  return {
    template,
    findResults: (data) => evaluate(data).map((values) => values.map(unwrap)),
    execute: (data) =>
      evaluate(data)
        .map((values) => values.map(printValue).join(' '))
        .join(''),
  };
}

/** Evaluates `template` against `data`, returning the raw values of each top-level node. */
export function findResults(data: unknown, template: string, options?: JsonPathOptions): unknown[][] {
  return compileJsonPath(template, options).findResults(data);
}

const relaxedJsonRegexp = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * RelaxedJSONPathExpression, used by custom-columns and --sort-by: accepts
 * `a.b`, `.a.b`, `{a.b}` or `{.a.b}` and returns `{.a.b}`.
 */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const match = relaxedJsonRegexp.exec(expr);
  if (!match) {
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${match[1] || match[2]}}`;
}
