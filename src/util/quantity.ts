// Port of k8s.io/apimachinery/pkg/api/resource.Quantity parsing and canonical formatting.
// Values are kept exact as `unscaled * 10^exp` (bigint mantissa) and only converted to
// floating point at the API boundary.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

interface Decimal {
  unscaled: bigint;
  exp: number;
}

interface Quantity extends Decimal {
  format: QuantityFormat;
  // The original string, when Go's ParseQuantity recognises it as already canonical.
  str?: string;
}

const NANO = -9;
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_INT64_FACTORS = 18;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_EXP = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

// Port of parseQuantityString, including its leniency ("1.", ".", "-" are accepted).
function scan(str: string): Scanned {
  const end = str.length;
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };

  let i = pos;
  while (isDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  pos = i;

  let denom = '';
  if (str[pos] === '.') {
    i = ++pos;
    while (isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }

  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < end) throw new Error(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1));
    // Go parses the exponent as int64 and then truncates it to int32.
    if (parsed >= -MAX_INT64 - 1n && parsed <= MAX_INT64) {
      return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
    }
  }
  throw new Error(QUANTITY_SUFFIX_ERROR);
}

// Rounds away from zero to nano precision, as ParseQuantity does.
function roundToNano(d: Decimal): Decimal {
  if (d.exp >= NANO || d.unscaled === 0n) return d;
  const sign = d.unscaled < 0n ? -1n : 1n;
  const k = NANO - d.exp;
  const magnitude = abs(d.unscaled);
  if (magnitude.toString().length <= k) return { unscaled: sign, exp: NANO };
  const divisor = 10n ** BigInt(k);
  let q = magnitude / divisor;
  if (q * divisor !== magnitude) q++;
  return { unscaled: sign * q, exp: NANO };
}

function normalize(d: Decimal): Decimal {
  let { unscaled, exp } = d;
  if (unscaled === 0n) return { unscaled, exp: 0 };
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    exp++;
  }
  return { unscaled, exp };
}

function compareMagnitude(d: Decimal, n: bigint): number {
  const m = abs(d.unscaled);
  const [lhs, rhs] = d.exp >= 0 ? [m * 10n ** BigInt(d.exp), n] : [m, n * 10n ** BigInt(-d.exp)];
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

function isCanonicalInput(s: Scanned, exponent: number, format: QuantityFormat): boolean {
  const shifted = s.num + s.denom;
  if (format === 'BinarySI') {
    if (s.denom.length > 0) return false;
    const precision = 15 - s.num.length - Math.trunc((exponent * 3) / 10) - 1;
    if (precision < 0) return false;
    const value = BigInt(s.num);
    return value << BigInt(exponent) <= MAX_INT64 && (value & 7n) !== 0n;
  }
  const precision = MAX_INT64_FACTORS - shifted.length;
  const scale = exponent - s.denom.length;
  return precision >= 0 && scale >= NANO && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

function parse(str: string): Quantity {
  if (str.length === 0) throw new Error(QUANTITY_FORMAT_ERROR);
  if (str === '0') return { unscaled: 0n, exp: 0, format: 'DecimalSI', str };

  const s = scan(str);
  const { base, exponent, format } = interpretSuffix(s.suffix);
  const digits = BigInt(s.num + s.denom);
  let d: Decimal =
    base === 10
      ? { unscaled: digits, exp: exponent - s.denom.length }
      : { unscaled: digits << BigInt(exponent), exp: -s.denom.length };
  if (!s.positive) d.unscaled = -d.unscaled;
  d = roundToNano(d);
  if (format === 'BinarySI' && compareMagnitude(d, MAX_INT64) > 0) {
    d = { unscaled: d.unscaled < 0n ? -MAX_INT64 : MAX_INT64, exp: 0 };
  }
  return { ...normalize(d), format, str: isCanonicalInput(s, exponent, format) ? str : undefined };
}

function fromNumber(n: number, what: string): Decimal {
  if (!Number.isFinite(n)) throw new RangeError(`${what}: not a finite number: ${n}`);
  if (Number.isInteger(n)) return normalize({ unscaled: BigInt(n), exp: 0 });
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n))!;
  const [, sign, int, frac = '', e = '0'] = m;
  const unscaled = BigInt(sign + int + frac);
  return normalize(roundToNano({ unscaled, exp: Number(e) - frac.length }));
}

function toNumber(d: Decimal): number {
  return Number(`${d.unscaled}e${d.exp}`);
}

function removeFactors(value: bigint, base: bigint, maxTimes = Infinity): [bigint, number] {
  let result = abs(value);
  let times = 0;
  while (times < maxTimes && result >= base && result % base === 0n) {
    result /= base;
    times++;
  }
  return [value < 0n ? -result : result, times];
}

// Port of Quantity.CanonicalizeBytes.
function canonicalize(d: Decimal, requested: QuantityFormat): string {
  const { unscaled, exp } = normalize(d);
  if (unscaled === 0n) return '0';

  let format = requested;
  if (format === 'BinarySI' && (compareMagnitude(d, 1024n) < 0 || exp < 0)) format = 'DecimalSI';

  if (format === 'BinarySI') {
    const [amount, times] = removeFactors(unscaled * 10n ** BigInt(exp), 1024n, 6);
    return `${amount}${BINARY_SUFFIX_BY_EXP.get(times * 10) ?? ''}`;
  }

  const shift = ((exp % 3) + 3) % 3;
  const amount = unscaled * 10n ** BigInt(shift);
  const exponent = exp - shift;
  const suffix = format === 'DecimalSI' ? DECIMAL_SUFFIX_BY_EXP.get(exponent) : undefined;
  return `${amount}${suffix ?? (exponent === 0 ? '' : `e${exponent}`)}`;
}

// Value in base units (cores, bytes): "100m" → 0.1, "4Gi" → 4294967296.
export function parseQuantity(s: string): number {
  return toNumber(parse(s));
}

// Quantity.String(): the canonical form kubectl prints ("0.1" → "100m", "1024Mi" → "1Gi").
export function canonicalQuantity(s: string): string {
  const q = parse(s);
  return q.str ?? canonicalize(q, q.format);
}

// Quantity.MilliValue(): ceil(q * 1000), rounding away from zero.
export function milliValue(s: string): number {
  const q = parse(s);
  const exp = q.exp + 3;
  if (exp >= 0) return toNumber({ unscaled: q.unscaled, exp });
  const divisor = 10n ** BigInt(-exp);
  let m = abs(q.unscaled) / divisor;
  if (m * divisor !== abs(q.unscaled)) m++;
  return Number(q.unscaled < 0n ? -m : m);
}

// A CPU amount in cores as kubectl prints it: 0.1 → "100m", 2 → "2", 1.5 → "1500m".
export function formatCpu(cores: number): string {
  return canonicalize(fromNumber(cores, 'formatCpu'), 'DecimalSI');
}

// A byte amount as kubectl prints it: 134217728 → "128Mi", 4098445312 → "4002388Ki".
export function formatMemory(bytes: number, format: QuantityFormat = 'BinarySI'): string {
  return canonicalize(fromNumber(bytes, 'formatMemory'), format);
}
