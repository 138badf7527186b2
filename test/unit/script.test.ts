// The container process's shell: what a script prints and when, how it ends, and endless loops
// replayed when their logs are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayLoop, replayLoopFiles, runScript, type ScriptEnv } from '../../src/sim/script.ts';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const env = (vars: Record<string, string> = {}): ScriptEnv => ({ now: T0, vars, command: (cmd) => ({ seconds: 0, lines: [], notFound: cmd }) });
const run = (src: string, vars?: Record<string, string>) => runScript(src, env(vars));
const texts = (src: string) => run(src).lines.map((l) => l.text);

test('variables, quoting, arithmetic and command substitution', () => {
  assert.deepEqual(texts('x=5; y=$((x * 2 + 1)); echo "$x and $y"; echo \'$x\' "${z:-none}"'), ['5 and 11', '$x none']);
  assert.deepEqual(texts('echo "today is $(date +%F)"; n=$(seq 3 | tail -n 1); echo $HOSTNAME'), ['today is 2026-11-22', '']);
  assert.deepEqual(run('echo $HOSTNAME', { HOSTNAME: 'web-1' }).lines.map((l) => l.text), ['web-1']);
  assert.deepEqual(texts('echo -n a; echo b; printf "%s=%d\\n" k 7'), ['a', 'b', 'k=7']);
  assert.deepEqual(texts('echo hidden > /tmp/x; echo shown 2>/dev/null'), ['shown']);
});

test('for, while with a test, if/elif/else, && and ||, exit codes', () => {
  const r = run('for i in 1 2 3; do echo "round $i"; sleep 2; done; echo bye');
  assert.deepEqual(r.lines, [
    { s: 0, text: 'round 1' },
    { s: 2, text: 'round 2' },
    { s: 4, text: 'round 3' },
    { s: 6, text: 'bye' },
  ]);
  assert.deepEqual([r.seconds, r.exit, r.forever], [6, 0, false]);
  assert.deepEqual(texts('for n in $(seq 2 4); do echo $n; done'), ['2', '3', '4']);
  assert.deepEqual(texts('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done'), ['0', '1', '2']);
  assert.deepEqual(texts('i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i'), ['2']);
  assert.deepEqual(texts('if [ "a" = "b" ]; then echo one; elif [ 1 -eq 1 ]; then echo two; else echo three; fi'), ['two']);
  assert.deepEqual(texts('false && echo no || echo yes'), ['yes']);
  assert.deepEqual([run('echo x; exit 3; echo never').exit, run('false').exit], [3, 1]);
  const missing = run('nosuch --flag');
  assert.deepEqual([missing.exit, missing.lines.map((l) => l.text)], [127, ['sh: nosuch: not found']]);
});

test('an endless loop that sleeps becomes a replayable loop; one that does not is just endless', () => {
  const r = run('i=0; echo start; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done');
  assert.equal(r.forever, true);
  assert.deepEqual(r.lines, [{ s: 0, text: 'start' }]);
  assert.deepEqual(r.loop, { body: 'echo "$i: $(date)"; i=$((i+1)); sleep 1;', vars: { i: '0' }, firstAt: 0, period: 1 });
  const lines = replayLoop(r.loop!, T0, T0 + 3500, { command: () => ({ seconds: 0, lines: [] }) }, 100);
  assert.deepEqual(lines, [
    { t: T0, line: '0: Sun Nov 22 10:00:00 UTC 2026' },
    { t: T0 + 1000, line: '1: Sun Nov 22 10:00:01 UTC 2026' },
    { t: T0 + 2000, line: '2: Sun Nov 22 10:00:02 UTC 2026' },
    { t: T0 + 3000, line: '3: Sun Nov 22 10:00:03 UTC 2026' },
  ]);
  // A day later: only the latest lines are made, the counter carried forward.
  const late = replayLoop(r.loop!, T0, T0 + 86_400_000, { command: () => ({ seconds: 0, lines: [] }) }, 2);
  assert.deepEqual(late, [
    { t: T0 + 86_399_000, line: '86399: Mon Nov 23 09:59:59 UTC 2026' },
    { t: T0 + 86_400_000, line: '86400: Mon Nov 23 10:00:00 UTC 2026' },
  ]);
  const spin = run('while :; do x=1; done');
  assert.deepEqual([spin.forever, spin.loop], [true, undefined]);
  assert.equal(run('sleep infinity').forever, true);
});

test('what a script does to files, at its own times; a loop writing files replays its rounds', () => {
  const applets: ScriptEnv = { now: T0, vars: {}, command: () => ({ seconds: 0, lines: [] }) };
  const r = runScript('mkdir -p /data; echo one > /data/a; echo two >> /data/a; touch /data/b; sleep 20; rm -f /data/b; x=/tmp; date > $x/now', applets);
  assert.deepEqual(
    r.files?.map(({ s, op, path, content }) => [s, op, path, content]),
    [
      [0, 'mkdir', '/data', undefined],
      [0, 'write', '/data/a', 'one\n'],
      [0, 'append', '/data/a', 'two\n'],
      [0, 'touch', '/data/b', undefined],
      [20, 'rm', '/data/b', undefined],
      [20, 'write', '/tmp/now', 'Sun Nov 22 10:00:20 UTC 2026\n'],
    ],
  );
  assert.equal(runScript('echo to the log; echo x > /dev/null; echo y 2>/dev/null', applets).files, undefined, 'no files touched');
  const loop = runScript('i=0; while true; do echo "$i" >> /log; i=$((i+1)); sleep 5; done', applets);
  assert.equal(loop.files, undefined, 'the measured round is replayed, not kept');
  const start = T0;
  const ops = replayLoopFiles(loop.loop!, start, start - 1, start + 12_000, 1000);
  assert.deepEqual(ops.map((o) => [o.at - start, o.content]), [[0, '0\n'], [5000, '1\n'], [10_000, '2\n']]);
  assert.deepEqual(replayLoopFiles(loop.loop!, start, start + 5000, start + 12_000, 1000).map((o) => o.content), ['2\n'], 'only the rounds after the last look');
});
