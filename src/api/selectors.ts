// Label and field selectors with the semantics and error texts of
// k8s.io/apimachinery (pkg/labels, pkg/fields, metav1 selector helpers).

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Values as given; sorted and de-duplicated when parsed from a string. */
  readonly values: readonly string[];
}

export interface LabelSelector {
  /** Requirements ANDed together, sorted by key. */
  readonly requirements: readonly LabelRequirement[];
  /** True for the selector of a nil API object, which matches nothing. */
  readonly matchesNothing: boolean;
}

/** The API object form of a label selector (metav1.LabelSelector). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: ReadonlyArray<{
    key: string;
    operator: string;
    values?: readonly string[] | null;
  }> | null;
}

export type FieldOperator = '=' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

export const everythingSelector: LabelSelector = { requirements: [], matchesNothing: false };
const nothingSelector: LabelSelector = { requirements: [], matchesNothing: true };

// ---------------------------------------------------------------------------
// Validation messages (k8s.io/apimachinery/pkg/util/validation)

const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);
const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueRe = new RegExp(`^${labelValueFmt}$`);
const dns1123SubdomainFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

const maxLenError = (n: number) => `must be no more than ${n} characters`;
/** Go measures these limits in bytes. */
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function labelKeyErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      if (byteLength(prefix) > 253) errs.push(`prefix part ${maxLenError(253)}`);
      if (!dns1123SubdomainRe.test(prefix)) {
        errs.push(
          'prefix part ' +
            regexError(
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
              dns1123SubdomainFmt,
              'example.com',
            ),
        );
      }
    }
  } else {
    return [
      'a qualified name ' +
        regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedNameRe.test(name)) {
    errs.push('name part ' + regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc'));
  }
  return errs;
}

function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** Go's strconv.Quote, as used by %q in field.Error messages. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x80) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

const goStringSlice = (vals: readonly string[]) =>
  vals.length === 0 ? '[]string{}' : `[]string{${vals.map(goQuote).join(', ')}}`;

const invalid = (path: string, shownValue: string, detail: string) =>
  `${path}: Invalid value: ${shownValue}: ${detail}`;

/** utilerrors.NewAggregate(...).Error(): one message, or "[a, b]" for several distinct ones. */
function aggregate(messages: string[]): string {
  const distinct = [...new Set(messages)];
  return distinct.length === 1 ? distinct[0]! : `[${distinct.join(', ')}]`;
}

const goIntRe = /^[+-]?\d+$/;
const isGoInt64 = (s: string) =>
  goIntRe.test(s) && BigInt(s) >= -(2n ** 63n) && BigInt(s) < 2n ** 63n;

/** labels.NewRequirement with a nil field path; throws the aggregated validation error. */
function newRequirement(key: string, operator: LabelOperator, values: readonly string[]): LabelRequirement {
  const errs: string[] = [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length > 0) errs.push(invalid('key', goQuote(key), keyErrs.join('; ')));
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) {
        errs.push(invalid('values', goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) {
        errs.push(invalid('values', goStringSlice(values), 'exact-match compatibility requires one single value'));
      }
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) {
        errs.push(invalid('values', goStringSlice(values), 'values set must be empty for exists and does not exist'));
      }
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) {
        errs.push(invalid('values', goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      values.forEach((v, i) => {
        if (!isGoInt64(v)) {
          errs.push(invalid(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length > 0) errs.push(invalid(`values[${i}][${key}]`, goQuote(v), valueErrs.join('; ')));
  });
  if (errs.length > 0) throw new Error(aggregate(errs));
  return { key, operator, values: [...values] };
}

const byKey = (a: LabelRequirement, b: LabelRequirement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

// ---------------------------------------------------------------------------
// Label selector string parser (labels.Parse)

type TokenKind =
  | 'eos'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'identifier'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

interface Token {
  kind: TokenKind;
  literal: string;
}

const literalTokens: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['in', 'in'],
  ['<', '<'],
  ['!=', '!='],
  ['notin', 'notin'],
  ['(', '('],
]);

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch);

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input[pos]!)) pos++;
    if (pos >= input.length) {
      tokens.push({ kind: 'eos', literal: '' });
      return tokens;
    }
    const start = pos;
    if (isSpecialSymbol(input[pos]!)) {
      // Longest run of special symbols that still forms a known operator.
      let best: Token | undefined;
      while (pos < input.length && isSpecialSymbol(input[pos]!)) {
        const kind = literalTokens.get(input.slice(start, pos + 1));
        if (kind === undefined && best) break;
        if (kind !== undefined) best = { kind, literal: input.slice(start, pos + 1) };
        pos++;
      }
      pos = start + best!.literal.length;
      tokens.push(best!);
    } else {
      while (pos < input.length && !isSpecialSymbol(input[pos]!) && !isWhitespace(input[pos]!)) pos++;
      const word = input.slice(start, pos);
      tokens.push({ kind: literalTokens.get(word) ?? 'identifier', literal: word });
    }
  }
}

class LabelParser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  /** In a values context the keywords `in` and `notin` are plain identifiers. */
  private peek(valuesContext = true): Token {
    return this.asContext(this.tokens[this.position]!, valuesContext);
  }

  private next(valuesContext = true): Token {
    return this.asContext(this.tokens[this.position++]!, valuesContext);
  }

  private asContext(token: Token, valuesContext: boolean): Token {
    if (valuesContext && (token.kind === 'in' || token.kind === 'notin')) {
      return { kind: 'identifier', literal: token.literal };
    }
    return token;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eos') return requirements;
      if (token.kind !== 'identifier' && token.kind !== '!') {
        throw new Error(`found '${token.literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.parseRequirement());
      } catch (err) {
        throw new Error(`unable to parse requirement: ${(err as Error).message}`);
      }
      const after = this.next();
      if (after.kind === 'eos') return requirements;
      if (after.kind !== ',') {
        throw new Error(`found '${after.literal}', expected: ',' or 'end of string'`);
      }
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== '!') {
        throw new Error(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    let token = this.next();
    let unary: LabelOperator | undefined;
    if (token.kind === '!') {
      unary = '!';
      token = this.next();
    }
    if (token.kind !== 'identifier') throw new Error(`found '${token.literal}', expected: identifier`);
    const key = token.literal;
    const keyErrs = labelKeyErrors(key);
    if (keyErrs.length > 0) throw new Error(invalid('<nil>', goQuote(key), keyErrs.join('; ')));
    const following = this.peek().kind;
    if (unary === undefined && (following === 'eos' || following === ',')) unary = 'exists';
    // "!key" is complete even when more tokens follow; the caller reports them.
    if (unary !== undefined) return newRequirement(key, unary, []);

    const operator = this.parseOperator();
    const values =
      operator === 'in' || operator === 'notin' ? this.parseValueSet() : this.parseExactValue();
    return newRequirement(key, operator, [...values].sort(byCodeUnits));
  }

  private parseOperator(): LabelOperator {
    const token = this.next(false);
    switch (token.kind) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        return token.kind;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new Error(`found '${token.literal}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private parseValueSet(): Set<string> {
    const open = this.next();
    if (open.kind !== '(') throw new Error(`found '${open.literal}' expected: '('`);
    const first = this.peek();
    if (first.kind === ')') {
      this.next();
      return new Set(['']);
    }
    if (first.kind !== 'identifier' && first.kind !== ',') {
      throw new Error(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    const values = this.parseIdentifiersList();
    this.next(); // the closing parenthesis, guaranteed by parseIdentifiersList
    return values;
  }

  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const token = this.next();
      if (token.kind === 'identifier') {
        values.add(token.literal);
        const following = this.peek();
        if (following.kind === ',') continue;
        if (following.kind === ')') return values;
        throw new Error(`found '${following.literal}', expected: ',' or ')'`);
      }
      if (token.kind !== ',') throw new Error(`found '${token.literal}', expected: ',', or identifier`);
      // Empty entries such as "(,a" "a,,b" "a,)" stand for the empty value.
      if (values.size === 0) values.add('');
      const following = this.peek().kind;
      if (following === ')') {
        values.add('');
        return values;
      }
      if (following === ',') values.add('');
    }
  }

  private parseExactValue(): Set<string> {
    const following = this.peek().kind;
    if (following === 'eos' || following === ',') return new Set(['']);
    const token = this.next();
    if (token.kind === 'identifier') return new Set([token.literal]);
    throw new Error(`found '${token.literal}', expected: identifier`);
  }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Parses a label selector string as `kubectl -l` / labels.Parse does.
 * Requirements are returned sorted by key; errors carry apimachinery's messages.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  const requirements = new LabelParser(lex(selector)).parse();
  return { requirements: requirements.sort(byKey), matchesNothing: false };
}

/** metav1.LabelSelectorAsSelector: null/undefined matches nothing, an empty object everything. */
export function labelSelectorFromObject(obj: LabelSelectorObject | null | undefined): LabelSelector {
  if (obj === null || obj === undefined) return nothingSelector;
  const matchLabels = Object.entries(obj.matchLabels ?? {});
  const expressions = obj.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return everythingSelector;
  const requirements = matchLabels.map(([k, v]) => newRequirement(k, '=', [v]));
  for (const expr of expressions) {
    const operator = selectorOperators[expr.operator];
    if (operator === undefined) throw new Error(`${goQuote(expr.operator)} is not a valid pod selector operator`);
    requirements.push(newRequirement(expr.key, operator, [...(expr.values ?? [])]));
  }
  return { requirements: requirements.sort(byKey), matchesNothing: false };
}

const selectorOperators: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined | null): boolean {
  if (selector.matchesNothing) return false;
  return selector.requirements.every((r) => requirementMatches(r, labels ?? {}));
}

function requirementMatches(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key]! : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || !isGoInt64(value) || r.values.length !== 1 || !isGoInt64(r.values[0]!)) return false;
      const actual = BigInt(value);
      const bound = BigInt(r.values[0]!);
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

function requirementToString(r: LabelRequirement): string {
  const prefix = r.operator === '!' ? '!' : '';
  const values = r.values.length === 1 ? r.values[0]! : [...r.values].sort(byCodeUnits).join(',');
  switch (r.operator) {
    case 'exists':
    case '!':
      return prefix + r.key;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
    default:
      return `${r.key}${r.operator}${values}`;
  }
}

/** Selector.String(): requirements joined with ",", e.g. `app=nginx,tier in (a,b)`. */
export function labelSelectorToString(selector: LabelSelector): string {
  return selector.requirements.map(requirementToString).join(',');
}

/** metav1.FormatLabelSelector: `<none>` when empty or nil, `<error>` when invalid. */
export function formatLabelSelector(obj: LabelSelectorObject | null | undefined): string {
  let selector: LabelSelector;
  try {
    selector = labelSelectorFromObject(obj);
  } catch {
    return '<error>';
  }
  return labelSelectorToString(selector) || '<none>';
}

// ---------------------------------------------------------------------------
// Field selectors (fields.ParseSelector)

/** Splits on commas that are not backslash-escaped, keeping the escapes. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const termOperators = ['!=', '==', '='] as const;

function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescapeFieldValue(s: string): string {
  let out = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (escaped) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Parses `a=b,c!=d` (also `==`, and `\,` `\=` `\\` escapes in values); terms are sorted. */
export function parseFieldSelector(selector: string): FieldSelector {
  const terms = splitTerms(selector).sort(byCodeUnits);
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw new Error(`invalid selector: '${selector}'; can't understand '${term}'`);
    requirements.push({
      field: parts.lhs,
      operator: parts.op === '!=' ? '!=' : '=',
      value: unescapeFieldValue(parts.rhs),
    });
  }
  return { requirements };
}

/** A missing field reads as the empty string, as with fields.Set. */
export function matchesFields(selector: FieldSelector, getField: (path: string) => string | undefined): boolean {
  return selector.requirements.every((r) => {
    const actual = getField(r.field) ?? '';
    return r.operator === '=' ? actual === r.value : actual !== r.value;
  });
}

export function fieldSelectorToString(selector: FieldSelector): string {
  const escape = (v: string) => v.replace(/[\\,=]/g, (c) => '\\' + c);
  return selector.requirements.map((r) => `${r.field}${r.operator}${escape(r.value)}`).join(',');
}
