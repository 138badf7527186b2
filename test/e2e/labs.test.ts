// Every lab, as CI must see it: start → check fails → the reference solution → check passes; and
// for labs that carry one, a plausible wrong solution fails the checks it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/cli.ts';
import { loadLabs } from '../../src/labs/definition.ts';

/** Runs a script the way a learner would (bash), with kubesim on the sandbox's state. */
function runScript(k: Sandbox, script: string): { code: number; output: string } {
  const file = join(k.home, 'solution.sh');
  writeFileSync(file, script);
  const r = spawnSync('bash', [file], { encoding: 'utf8', cwd: k.home, env: { PATH: process.env.PATH ?? '', HOME: k.home, KUBESIM_HOME: k.home, NO_COLOR: '1', ...k.env } });
  return { code: r.status ?? -1, output: r.stdout + r.stderr };
}

function failing(checkOutput: string): string[] {
  return [...checkOutput.matchAll(/^ {2}✗ (.+)$/gm)].map((m) => m[1]);
}

for (const lab of loadLabs()) {
  test(`lab ${lab.id}`, () => {
    const k = new Sandbox();
    try {
      const started = k.run(['lab', 'start', lab.id]);
      assert.equal(started.code, 0, started.stderr);
      assert.match(started.stdout, new RegExp(`^Lab ${lab.id}: `));
      k.ok('sim pause');
      const before = k.run('lab check');
      assert.equal(before.code, 1, `the lab starts unsolved:\n${before.stdout}`);
      assert.ok(failing(before.stdout).length > 0);

      if (lab.wrong) {
        const answers = (text: string) => text.split('{{answers}}').join(join(k.home, 'answers'));
        const script = k.ok(['lab', 'solution', lab.id]);
        assert.ok(script.includes(answers(lab.solution)));
        const wrongScript = script.replace(answers(lab.solution), answers(lab.wrong.solution.trimEnd()));
        const w = runScript(k, wrongScript);
        assert.equal(w.code, 0, `the wrong solution runs:\n${w.output}`);
        k.ok('sim advance 3m');
        const after = k.run('lab check');
        assert.equal(after.code, 1, `a wrong solution does not pass:\n${after.stdout}`);
        for (const name of lab.wrong.fails) assert.ok(failing(after.stdout).includes(name), `"${name}" fails for the wrong solution:\n${after.stdout}`);
        k.ok('lab reset');
        k.ok('sim pause');
      }

      const s = runScript(k, k.ok('lab solution'));
      assert.equal(s.code, 0, `the reference solution runs:\n${s.output}`);
      k.ok('sim advance 3m');
      const after = k.run('lab check');
      assert.equal(after.code, 0, `the reference solution passes:\n${after.stdout}${after.stderr}`);
      assert.match(after.stdout, new RegExp(`Score: ${lab.checks.length}/${lab.checks.length} \\(100%\\), passed in `));
      assert.match(k.ok('lab list'), new RegExp(`\\n${lab.id} .* yes +1 +`));
      k.ok('lab stop');
      assert.equal(k.ok('config current-context'), 'kubernetes-admin@kubernetes\n');
    } finally {
      k.cleanup();
    }
  });
}
