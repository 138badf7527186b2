import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  canonicalQuantity,
  formatCpu,
  formatMemory,
  milliValue,
  parseQuantity,
} from '../../src/util/quantity.ts';

const KI = 1024;
const MI = KI * KI;
const GI = MI * KI;
const MAX_INT64 = 2 ** 63;

function table<T, R>(cases: [T, R][], fn: (input: T) => R): void {
  assert.deepEqual(
    cases.map(([input]) => fn(input)),
    cases.map(([, want]) => want),
  );
}

describe('parseQuantity', () => {
  it('parses cpu and memory quantities into base units', () => {
    table(
      [
        ['100m', 0.1],
        ['2', 2],
        ['250m', 0.25],
        ['1.5', 1.5],
        ['4Gi', 4294967296],
        ['128Mi', 134217728],
        ['256Mi', 268435456],
        ['500M', 500_000_000],
        ['1e3', 1000],
        ['4002388Ki', 4098445312],
        ['0', 0],
      ],
      parseQuantity,
    );
  });

  it('matches the apimachinery parse table', () => {
    table(
      [
        ['0n', 0],
        ['0Ki', 0],
        ['0e0', 0],
        ['1Ki', KI],
        ['8Ki', 8 * KI],
        ['7Mi', 7 * MI],
        ['6Gi', 6 * GI],
        ['5Ti', 5 * GI * KI],
        ['4Pi', 4 * GI * MI],
        ['3Ei', 3 * GI * GI],
        ['5n', 5e-9],
        ['4u', 4e-6],
        ['3m', 0.003],
        ['8k', 8000],
        ['7M', 7e6],
        ['6G', 6e9],
        ['5T', 5e12],
        ['2P', 2e15],
        ['1E', 1e18],
        ['1E-3', 0.001],
        ['1E6', 1e6],
        ['1.3E+6', 1.3e6],
        ['1.53E12', 1.53e12],
        ['100.035k', 100035],
        ['0.0005k', 0.5],
        ['10.035M', 10035000],
        ['0.5e-2', 0.005],
        ['6.987654321G', 6987654321],
        ['1.01E', 1.01e18],
        ['-5.5Mi', -5.5 * MI],
        ['+3k', 3000],
        ['100.035Ki', 102435.84],
        ['0.5Mi', 524288],
        ['.001', 0.001],
        ['1.', 1],
        ['1.G', 1e9],
        ['00012', 12],
      ],
      parseQuantity,
    );
  });

  it('rounds finer than nano away from zero and caps binary quantities', () => {
    table(
      [
        ['3.001n', 4e-9],
        ['1.1E-9', 2e-9],
        ['0.0000000001', 1e-9],
        ['0.5e-9', 1e-9],
        ['0.9n', 1e-9],
        ['-0.9n', -1e-9],
        ['0.00000012345', 124e-9],
        ['0.000000000001Ki', 2e-9],
        ['1e-2000000000', 1e-9],
        ['9Ei', MAX_INT64],
        ['9223372036854775807Ki', MAX_INT64],
        ['12E', 12e18],
        ['18446744073709551616', 18446744073709551616],
        ['1e400', Number.POSITIVE_INFINITY],
      ],
      parseQuantity,
    );
  });

  it('accepts the same degenerate inputs as Go', () => {
    table(
      [
        ['.', 0],
        ['-', 0],
        ['+', 0],
        ['-0', 0],
      ],
      (s) => parseQuantity(s) + 0,
    );
  });

  it("rejects malformed input with apimachinery's errors", () => {
    assert.equal(
      QUANTITY_FORMAT_ERROR,
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    const errorOf = (s: string) => {
      try {
        parseQuantity(s);
        return 'no error';
      } catch (err) {
        return (err as Error).message;
      }
    };
    table(
      [
        ['', QUANTITY_FORMAT_ERROR],
        ['abc', QUANTITY_FORMAT_ERROR],
        [' 1', QUANTITY_FORMAT_ERROR],
        ['1 ', QUANTITY_FORMAT_ERROR],
        ['1.5.5', QUANTITY_FORMAT_ERROR],
        ['1Mi ', QUANTITY_FORMAT_ERROR],
        ['1Mb', QUANTITY_FORMAT_ERROR],
        ['1,5', QUANTITY_FORMAT_ERROR],
        ['--1', QUANTITY_SUFFIX_ERROR],
        ['1MiB', QUANTITY_FORMAT_ERROR],
        ['1x', QUANTITY_FORMAT_ERROR],
        ['1e', QUANTITY_SUFFIX_ERROR],
        ['1ki', QUANTITY_SUFFIX_ERROR],
        ['1Mi3', QUANTITY_SUFFIX_ERROR],
        ['1Kii', QUANTITY_SUFFIX_ERROR],
        ['1eE5', QUANTITY_SUFFIX_ERROR],
        ['1e99999999999999999999', QUANTITY_SUFFIX_ERROR],
      ],
      errorOf,
    );
  });
});

describe('milliValue', () => {
  it('returns ceil(q * 1000), rounding away from zero', () => {
    table(
      [
        ['100m', 100],
        ['2', 2000],
        ['0.1', 100],
        ['1.5', 1500],
        ['1n', 1],
        ['1500001n', 2],
        ['-1n', -1],
        ['-1500001n', -2],
        ['128Mi', 134217728000],
        ['0', 0],
      ],
      milliValue,
    );
  });
});

describe('canonicalQuantity', () => {
  it('matches the apimachinery String() table, including alternate spellings', () => {
    table(
      [
        ['1Gi', '1Gi'],
        ['1024Mi', '1Gi'],
        ['300Mi', '300Mi'],
        ['307200Ki', '300Mi'],
        ['6Ki', '6Ki'],
        ['1001Gi', '1001Gi'],
        ['1025024Mi', '1001Gi'],
        ['1024Gi', '1Ti'],
        ['5000m', '5'],
        ['0.5', '500m'],
        ['1G', '1G'],
        ['1000M', '1G'],
        ['0.001T', '1G'],
        ['1000000k', '1G'],
        ['1000000000', '1G'],
        ['1000u', '1m'],
        ['80m', '80m'],
        ['1.08', '1080m'],
        ['1080000000n', '1080m'],
        ['300M', '300M'],
        ['1234567M', '1234567M'],
        ['3k', '3k'],
        ['1025Ki', '1025Ki'],
        ['1e9', '1e9'],
        ['.001e12', '1e9'],
        ['0.001e0', '1e-3'],
        ['1000e-12', '1e-9'],
        ['80e-3', '80e-3'],
        ['300e6', '300e6'],
        ['00', '0'],
        ['0Ki', '0'],
        ['1080n', '1080n'],
        ['108e-8', '1080e-9'],
        ['10800e-12', '11e-9'],
        ['10800e-13', '2e-9'],
        ['80u', '80u'],
        ['1.5Gi', '1536Mi'],
        ['0.5Ki', '512'],
        ['1.5Ki', '1536'],
        ['100.035Ki', '102435840m'],
        ['8Ki', '8Ki'],
        ['8192', '8192'],
        ['-1Ki', '-1Ki'],
        ['-0.5', '-500m'],
        ['+1', '+1'],
        ['1E3', '1E3'],
        ['1000E', '1e21'],
        ['9Ei', '9223372036854775807'],
        ['7Ei', '7Ei'],
        ['8Ei', '9223372036854775807'],
        ['0.000000000001Ki', '2n'],
      ],
      canonicalQuantity,
    );
  });
});

describe('formatCpu', () => {
  it('prints cores the way kubectl prints cpu quantities', () => {
    table(
      [
        [0.1, '100m'],
        [2, '2'],
        [0.25, '250m'],
        [1.5, '1500m'],
        [0, '0'],
        [0.001, '1m'],
        [0.0005, '500u'],
        [1000, '1k'],
        [16, '16'],
        [-0.5, '-500m'],
        [1 / 3, '333333334n'],
      ],
      formatCpu,
    );
  });

  it('rejects non-finite values', () => {
    assert.throws(() => formatCpu(Number.NaN), /formatCpu: not a finite number: NaN/);
  });
});

describe('formatMemory', () => {
  it('prints bytes the way kubectl prints BinarySI quantities', () => {
    table(
      [
        [134217728, '128Mi'],
        [268435456, '256Mi'],
        [4098445312, '4002388Ki'],
        [0, '0'],
        [4 * GI, '4Gi'],
        [1536 * MI, '1536Mi'],
        [1000, '1k'],
        [1023, '1023'],
        [1025, '1025'],
        [8 * KI, '8Ki'],
        [2 ** 80, '1048576Ei'],
      ],
      (bytes) => formatMemory(bytes),
    );
  });

  it('honours a requested format', () => {
    table(
      [
        [[500_000_000, 'DecimalSI'], '500M'],
        [[134217728, 'DecimalSI'], '134217728'],
        [[1e9, 'DecimalExponent'], '1e9'],
        [[1.5, 'BinarySI'], '1500m'],
      ] as const,
      ([bytes, format]) => formatMemory(bytes, format),
    );
  });

  it('round-trips with parseQuantity', () => {
    for (const s of ['128Mi', '4002388Ki', '1Gi', '500M', '1500m']) {
      assert.equal(formatMemory(parseQuantity(s), /i$/.test(s) ? 'BinarySI' : 'DecimalSI'), s);
    }
  });
});
