// `-o custom-columns` cells and `--sort-by` ordering, following kubectl's
// pkg/cmd/get/customcolumn.go and sorter.go. Table layout is left to the caller.

import {
  compileJsonPath,
  formatGoValue,
  goTypeName,
  relaxedJsonPathExpression,
  type CompiledJsonPath,
} from './jsonpath.ts';

export interface CustomColumn {
  /** Printed as given (kubectl does not upper-case it). */
  readonly header: string;
  /** A full JSONPath template such as `{.metadata.name}`. */
  readonly fieldSpec: string;
}

/** Parses `NAME:.metadata.name,IMAGE:.spec.containers[*].image`. */
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    }
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPathExpression(part.slice(colon + 1)) };
  });
}

// bufio.ScanWords splits on unicode.IsSpace.
const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
const splitOnWhitespace = (line: string) => line.split(goSpace).filter((w) => w !== '');

/**
 * Parses a `-o custom-columns-file` template: a line of headers, then a line of
 * field specs, both whitespace separated.
 */
export function parseCustomColumnsTemplate(text: string): CustomColumn[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [headerLine, specLine] = lines.map((l) => l.replace(/\r$/, ''));
  const format = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (headerLine === undefined) throw new Error(`invalid template, missing header line. ${format}`);
  if (specLine === undefined) throw new Error(`invalid template, missing spec line. ${format}`);
  const headers = splitOnWhitespace(headerLine);
  const specs = splitOnWhitespace(specLine);
  if (headers.length !== specs.length) {
    throw new Error(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPathExpression(specs[i]!) }));
}

/** printers.EscapeTerminal */
const escapeTerminal = (s: string) => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

function cell(path: CompiledJsonPath, obj: unknown): string {
  const results = path.findResults(obj);
  const values: string[] = [];
  if (results.length === 0 || results[0]!.length === 0) values.push('<none>');
  for (const list of results) for (const v of list) values.push(escapeTerminal(formatGoValue(v)));
  return values.join(',');
}

/**
 * The cells kubectl prints for `objects`: a header row (unless `noHeaders`),
 * then one row per object. Missing values show as `<none>`, several values are
 * joined with `,`. Throws JSONPath parse or evaluation errors.
 */
export function customColumnsTable(
  columns: readonly CustomColumn[],
  objects: readonly unknown[],
  options: { noHeaders?: boolean } = {},
): string[][] {
  const paths = columns.map((c) => compileJsonPath(c.fieldSpec));
  const rows = objects.map((obj) => paths.map((path) => cell(path, obj)));
  return options.noHeaders ? rows : [columns.map((c) => c.header), ...rows];
}

// ---------------------------------------------------------------------------
// --sort-by

export interface SortOptions {
  /**
   * Sort the rows of a server-side table (kubectl's default human-readable
   * output) rather than a list: a single row is never sorted or checked, and an
   * expression that is not a relaxed path is tried verbatim. kubectl discards the
   * errors of this mode and prints no rows.
   */
  table?: boolean;
}

/** kubectl exits (klog.Exitf) when the sort field holds values it cannot order. */
export class UnsortableFieldError extends Error {
  override name = 'UnsortableFieldError';
}

/**
 * Orders objects as `kubectl get --sort-by=<expr>` does: by the first value the
 * expression yields, objects without one first, integers and floats
 * numerically, quantity strings ("100m", "1Gi") by amount, other strings
 * byte-wise (so RFC 3339 timestamps sort chronologically). Ties fall where Go's
 * unstable sort.Sort leaves them. Returns a new array.
 */
export function sortByJsonPath<T>(objects: readonly T[], sortBy: string, options: SortOptions = {}): T[] {
  const table = options.table ?? false;
  if (sortBy === '' || objects.length === 0 || (table && objects.length === 1)) return [...objects];

  let field: string;
  let path: CompiledJsonPath;
  if (table) {
    try {
      field = relaxedJsonPathExpression(sortBy);
    } catch {
      field = sortBy;
    }
    try {
      path = compileJsonPath(field);
    } catch (err) {
      throw new Error(`sorting error: ${(err as Error).message}`);
    }
  } else {
    field = relaxedJsonPathExpression(sortBy);
    path = compileJsonPath(field);
  }

  const entries = objects.map((obj) => ({ obj, values: path.findResults(obj) }));
  if (!entries.some((e) => e.values.length > 0 && e.values[0]!.length > 0)) {
    throw new Error(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  }

  const origin = table ? '[][][]reflect.Value' : '*unstructured.Unstructured';
  goSort({
    length: entries.length,
    less(i, j) {
      const a = entries[i]!.values;
      const b = entries[j]!.values;
      if (a.length === 0 || a[0]!.length === 0) return true;
      if (b.length === 0 || b[0]!.length === 0) return false;
      try {
        return isLess(a[0]![0], b[0]![0]);
      } catch (err) {
        throw new UnsortableFieldError(
          `Field ${field} in ${origin} is an unsortable type: interface, err: ${(err as Error).message}`,
        );
      }
    },
    swap(i, j) {
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    },
  });
  return entries.map((e) => e.obj);
}

const isGoInt = (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 63;

/** sorter.go isLess for values held in interface{} (every value of a decoded object). */
function isLess(a: unknown, b: unknown): boolean {
  const aNil = a === null || a === undefined;
  const bNil = b === null || b === undefined;
  if (aNil || bNil) return aNil && !bNil;
  if (typeof a === 'number') {
    if (typeof b === 'number' && isGoInt(a) === isGoInt(b)) return a < b;
    throw new Error('unsortable interface: interface');
  }
  if (typeof a === 'string') {
    if (typeof b !== 'string') throw new Error('unsortable interface: interface');
    const qa = parseQuantity(a);
    const qb = qa && parseQuantity(b);
    return qa && qb ? compareDecimals(qa, qb) < 0 : goStringLess(a, b);
  }
  throw new Error(`unsortable type: ${goTypeName(a)}`);
}

/** Go's string `<`: byte-wise on UTF-8. */
const goStringLess = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;

// ---------------------------------------------------------------------------
// resource.Quantity, just enough to tell which strings parse and compare them

interface Decimal {
  negative: boolean;
  /** value = ±digits × 10^exponent */
  digits: bigint;
  exponent: number;
}

const decimalSuffixes: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const binarySuffixes: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const maxInt64 = 2n ** 63n - 1n;

/** resource.ParseQuantity's value, or undefined where it returns an error. */
export function parseQuantity(str: string): Decimal | undefined {
  const zero: Decimal = { negative: false, digits: 0n, exponent: 0 };
  if (str.length === 0) return undefined;
  const m = /^([+-]?)0*([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(str)!;
  const [, sign, intDigits, fraction = '', suffix] = m as unknown as [string, string, string, string | undefined, string];
  if (!/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suffix)) return undefined;

  let exponent10: number;
  let exponent2 = 0;
  let binary = false;
  if (suffix in decimalSuffixes) {
    exponent10 = decimalSuffixes[suffix]!;
  } else if (suffix in binarySuffixes) {
    exponent10 = 0;
    exponent2 = binarySuffixes[suffix]!;
    binary = true;
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1));
    if (parsed < -(2n ** 63n) || parsed > maxInt64) return undefined;
    exponent10 = Number(BigInt.asIntN(32, parsed));
  } else {
    return undefined;
  }

  let digits = BigInt((intDigits || '0') + fraction) * 2n ** BigInt(exponent2);
  let exponent = exponent10 - fraction.length;
  if (digits === 0n) return zero;
  // Anything finer than a nano-unit is rounded up (away from zero).
  if (exponent < -9) {
    const shift = -9 - exponent;
    const length = digits.toString().length;
    const divisor = shift > length ? undefined : 10n ** BigInt(shift);
    const quotient = divisor === undefined ? 0n : digits / divisor;
    const exact = divisor !== undefined && digits % divisor === 0n;
    digits = exact ? quotient : quotient + 1n;
    exponent = -9;
  }
  if (binary && compareMagnitudes({ digits, exponent }, { digits: maxInt64, exponent: 0 }) > 0) {
    digits = maxInt64;
    exponent = 0;
  }
  return { negative: sign === '-', digits, exponent };
}

function compareMagnitudes(a: Omit<Decimal, 'negative'>, b: Omit<Decimal, 'negative'>): number {
  if (a.digits === 0n || b.digits === 0n) return a.digits === b.digits ? 0 : a.digits === 0n ? -1 : 1;
  const orderA = a.digits.toString().length + a.exponent;
  const orderB = b.digits.toString().length + b.exponent;
  if (orderA !== orderB) return orderA < orderB ? -1 : 1;
  // Same order of magnitude, so the exponent gap is bounded by the digit counts.
  const x = a.exponent > b.exponent ? a.digits * 10n ** BigInt(a.exponent - b.exponent) : a.digits;
  const y = b.exponent > a.exponent ? b.digits * 10n ** BigInt(b.exponent - a.exponent) : b.digits;
  return x === y ? 0 : x < y ? -1 : 1;
}

function compareDecimals(a: Decimal, b: Decimal): number {
  const signA = a.digits === 0n ? 0 : a.negative ? -1 : 1;
  const signB = b.digits === 0n ? 0 : b.negative ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  const magnitude = compareMagnitudes(a, b);
  return signA < 0 ? -magnitude : magnitude;
}

// ---------------------------------------------------------------------------
// Go's sort.Sort (pattern-defeating quicksort, Go 1.23), so that elements the
// comparator cannot tell apart end up in the same order as under kubectl.

interface SortData {
  readonly length: number;
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

const bitsLen = (x: number) => (x === 0 ? 0 : 32 - Math.clz32(x));

function goSort(data: SortData): void {
  if (data.length <= 1) return;
  pdqsort(data, 0, data.length, bitsLen(data.length));
}

function insertionSort(data: SortData, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1);
  }
}

function siftDown(data: SortData, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++;
    if (!data.less(first + root, first + child)) return;
    data.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(data: SortData, a: number, b: number): void {
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(data, i, hi, a);
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(a, a + i);
    siftDown(data, 0, i, a);
  }
}

enum Hint {
  Unknown,
  Increasing,
  Decreasing,
}

function pdqsort(data: SortData, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(data, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(data, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(data, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(data, a, b);
    if (hint === Hint.Decreasing) {
      reverseRange(data, a, b);
      pivot = b - 1 - (pivot - a);
      hint = Hint.Increasing;
    }
    if (wasBalanced && wasPartitioned && hint === Hint.Increasing && partialInsertionSort(data, a, b)) return;
    if (a > 0 && !data.less(a - 1, pivot)) {
      a = partitionEqual(data, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(data, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(data, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(data, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(data: SortData, a: number, b: number, pivot: number): [number, boolean] {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && data.less(i, a)) i++;
  while (i <= j && !data.less(j, a)) j--;
  if (i > j) {
    data.swap(j, a);
    return [j, true];
  }
  data.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && data.less(i, a)) i++;
    while (i <= j && !data.less(j, a)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  data.swap(j, a);
  return [j, false];
}

function partitionEqual(data: SortData, a: number, b: number, pivot: number): number {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !data.less(a, i)) i++;
    while (i <= j && data.less(a, j)) j--;
    if (i > j) return i;
    data.swap(i, j);
    i++;
    j--;
  }
}

function partialInsertionSort(data: SortData, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !data.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    data.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
  }
  return false;
}

function breakPatterns(data: SortData, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let random = BigInt(length);
  const next = () => {
    random = BigInt.asUintN(64, random ^ (random << 13n));
    random ^= random >> 17n;
    random = BigInt.asUintN(64, random ^ (random << 5n));
    return random;
  };
  const mask = BigInt((1 << bitsLen(length)) - 1);
  const middle = a + Math.trunc(length / 4) * 2;
  for (let idx = middle - 1; idx <= middle + 1; idx++) {
    let other = Number(next() & mask);
    if (other >= length) other -= length;
    data.swap(idx, a + other);
  }
}

function choosePivot(data: SortData, a: number, b: number): [number, Hint] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  let swaps = 0;
  const order2 = (x: number, y: number): [number, number] => {
    if (data.less(y, x)) {
      swaps++;
      return [y, x];
    }
    return [x, y];
  };
  const median = (x: number, y: number, z: number) => {
    [x, y] = order2(x, y);
    [y, z] = order2(y, z);
    [x, y] = order2(x, y);
    return y;
  };
  const medianAdjacent = (x: number) => median(x - 1, x, x + 1);

  const quarter = Math.trunc(l / 4);
  let i = a + quarter;
  let j = a + quarter * 2;
  let k = a + quarter * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = medianAdjacent(i);
      j = medianAdjacent(j);
      k = medianAdjacent(k);
    }
    j = median(i, j, k);
  }
  if (swaps === 0) return [j, Hint.Increasing];
  if (swaps === maxSwaps) return [j, Hint.Decreasing];
  return [j, Hint.Unknown];
}

function reverseRange(data: SortData, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) data.swap(i, j);
}
