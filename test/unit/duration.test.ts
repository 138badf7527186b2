import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, humanDuration, parseDuration } from '../../src/util/duration.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('humanDuration', () => {
  it('matches the apimachinery test table', () => {
    const cases: [number, string][] = [
      [SECOND, '1s'],
      [70 * SECOND, '70s'],
      [190 * SECOND, '3m10s'],
      [70 * MINUTE, '70m'],
      [47 * HOUR, '47h'],
      [49 * HOUR, '2d1h'],
      [8 * DAY + 2 * HOUR, '8d'],
      [367 * DAY + 2 * HOUR, '367d'],
      [(365 * 2 * 24 + 25) * HOUR, '2y1d'],
      [(365 * 8 * 24 + 2) * HOUR, '8y'],
    ];
    assert.deepEqual(
      cases.map(([ms]) => humanDuration(ms)),
      cases.map(([, want]) => want),
    );
  });

  it('handles every boundary', () => {
    const cases: [number, string][] = [
      [-2 * SECOND, '<invalid>'],
      [-1999, '0s'],
      [-1 * SECOND, '0s'],
      [-1, '0s'],
      [0, '0s'],
      [999, '0s'],
      [119 * SECOND + 999, '119s'],
      [2 * MINUTE, '2m'],
      [3 * MINUTE + 24 * SECOND, '3m24s'],
      [9 * MINUTE + 59 * SECOND, '9m59s'],
      [10 * MINUTE + 59 * SECOND, '10m'],
      [179 * MINUTE + 59 * SECOND, '179m'],
      [3 * HOUR, '3h'],
      [3 * HOUR + 5 * MINUTE + 59 * SECOND, '3h5m'],
      [7 * HOUR + 59 * MINUTE, '7h59m'],
      [8 * HOUR + 59 * MINUTE, '8h'],
      [47 * HOUR + 59 * MINUTE, '47h'],
      [2 * DAY, '2d'],
      [3 * DAY + 23 * HOUR + 59 * MINUTE, '3d23h'],
      [7 * DAY + 23 * HOUR, '7d23h'],
      [8 * DAY, '8d'],
      [729 * DAY + 23 * HOUR, '729d'],
      [730 * DAY, '2y'],
      [(3 * 365 + 100) * DAY, '3y100d'],
      [(8 * 365 - 1) * DAY + 23 * HOUR, '7y364d'],
      [8 * 365 * DAY, '8y'],
      [100 * 365 * DAY + 364 * DAY, '100y'],
      [Number.NaN, '<invalid>'],
    ];
    assert.deepEqual(
      cases.map(([ms]) => humanDuration(ms)),
      cases.map(([, want]) => want),
    );
  });

  it('matches AGE values in real kubectl output', () => {
    assert.equal(humanDuration(30 * MINUTE + 59 * SECOND), '30m');
    assert.equal(humanDuration(84 * SECOND), '84s');
    assert.equal(humanDuration(3 * DAY + 5 * HOUR), '3d5h');
  });
});

describe('parseDuration', () => {
  it('parses the kubectl flag forms', () => {
    const cases: [string, number][] = [
      ['30s', 30 * SECOND],
      ['5m', 5 * MINUTE],
      ['2h', 2 * HOUR],
      ['1h30m', 90 * MINUTE],
      ['1.5h', 90 * MINUTE],
      ['500ms', 500],
      ['0', 0],
      ['0s', 0],
    ];
    assert.deepEqual(
      cases.map(([s]) => parseDuration(s)),
      cases.map(([, ms]) => ms),
    );
  });

  it('matches the Go time package test table', () => {
    const cases: [string, number][] = [
      ['5s', 5 * SECOND],
      ['1478s', 1478 * SECOND],
      ['-5s', -5 * SECOND],
      ['+5s', 5 * SECOND],
      ['-0', 0],
      ['+0', 0],
      ['5.0s', 5 * SECOND],
      ['5.6s', 5600],
      ['5.s', 5 * SECOND],
      ['.5s', 500],
      ['1.004s', 1004],
      ['1.0040s', 1004],
      ['100.00100s', 100_001],
      ['10ns', 0.00001],
      ['11us', 0.011],
      ['12\u00b5s', 0.012],
      ['12\u03bcs', 0.012],
      ['13ms', 13],
      ['15m', 15 * MINUTE],
      ['16h', 16 * HOUR],
      ['3h30m', 3.5 * HOUR],
      ['10.5s4m', 4 * MINUTE + 10_500],
      ['-2m3.4s', -(2 * MINUTE + 3400)],
      ['1h2m3s4ms5us6ns', HOUR + 2 * MINUTE + 3004 + 0.005006],
      ['39h9m14.425s', 39 * HOUR + 9 * MINUTE + 14_425],
      ['52763797000ns', 52763.797],
      ['0.3333333333333333333h', 20 * MINUTE],
      ['9007199254740993ns', 9007199254 + 0.740993],
      ['9223372036854775807ns', 9223372036854 + 0.775807],
      ['-9223372036854775808ns', -(9223372036854 + 0.775808)],
      ['-2562047h47m16.854775808s', -(9223372036854 + 0.775808)],
      ['0.100000000000000000000h', 6 * MINUTE],
      ['0.830103483285477580700h', 49 * MINUTE + 48 * SECOND + 372 + 0.539827],
    ];
    assert.deepEqual(
      cases.map(([s]) => parseDuration(s)),
      cases.map(([, ms]) => ms),
    );
  });

  it("rejects bad input with Go's messages", () => {
    const cases: [string, string][] = [
      ['', 'time: invalid duration ""'],
      ['-', 'time: invalid duration "-"'],
      ['s', 'time: invalid duration "s"'],
      ['.', 'time: invalid duration "."'],
      ['-.', 'time: invalid duration "-."'],
      ['.s', 'time: invalid duration ".s"'],
      ['+.s', 'time: invalid duration "+.s"'],
      [' 5s', 'time: invalid duration " 5s"'],
      ['abc', 'time: invalid duration "abc"'],
      ['3', 'time: missing unit in duration "3"'],
      ['1h5', 'time: missing unit in duration "1h5"'],
      ['1d', 'time: unknown unit "d" in duration "1d"'],
      ['5 s', 'time: unknown unit " s" in duration "5 s"'],
      ['1toString', 'time: unknown unit "toString" in duration "1toString"'],
      ['1\u00e9', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
      ['\ufffd', 'time: invalid duration "\\xef\\xbf\\xbd"'],
      ['"\\', 'time: invalid duration "\\"\\\\"'],
      ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
      ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
      ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
      ['9223372036854776us', 'time: invalid duration "9223372036854776us"'],
      ['3000000h', 'time: invalid duration "3000000h"'],
      ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
      ['9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
    ];
    const messages = cases.map(([s]) => {
      try {
        parseDuration(s);
        return 'no error';
      } catch (err) {
        return (err as Error).message;
      }
    });
    assert.deepEqual(
      messages,
      cases.map(([, msg]) => msg),
    );
  });
});

describe('formatGoDuration', () => {
  it("matches Go's Duration.String", () => {
    const cases: [number, string][] = [
      [0, '0s'],
      [0.000001, '1ns'],
      [0.0011, '1.1µs'],
      [2.2, '2.2ms'],
      [500, '500ms'],
      [1500, '1.5s'],
      [30 * SECOND, '30s'],
      [5 * MINUTE, '5m0s'],
      [90 * MINUTE, '1h30m0s'],
      [4 * MINUTE + 10_500, '4m10.5s'],
      [HOUR + 2 * MINUTE + 3004 + 0.005006, '1h2m3.004005006s'],
      [-(2 * MINUTE + 3400), '-2m3.4s'],
      [-0.5, '-500µs'],
      [49 * HOUR, '49h0m0s'],
      [2562047 * HOUR + 47 * MINUTE + 16_854, '2562047h47m16.854s'],
    ];
    assert.deepEqual(
      cases.map(([ms]) => formatGoDuration(ms)),
      cases.map(([, want]) => want),
    );
  });

  it('round-trips with parseDuration', () => {
    for (const s of ['1h30m0s', '5m0s', '30s', '1.5s', '500ms', '2h0m0s', '-1m1s']) {
      assert.equal(formatGoDuration(parseDuration(s)), s);
    }
  });

  it('rejects non-finite input', () => {
    assert.throws(() => formatGoDuration(Number.POSITIVE_INFINITY), /not a finite duration/);
  });
});
