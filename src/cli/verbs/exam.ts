// kubesim exam [--labs N] [--minutes M] [--seed S] | status | check | stop: a mock exam of several
// labs, each in a context of its own (as the real exam switches contexts), one timer, a weighted
// score and the pass mark of 66%.
import type { Command } from 'commander';
import { CliError } from '../../api/errors.ts';
import { allOpts, intFlag } from '../program.ts';
import { out } from '../io.ts';
import { colours } from '../colour.ts';
import { wallNow } from '../../sim/clock.ts';
import { formatGoDuration } from '../../util/duration.ts';
import { readConfig } from '../../store/config.ts';
import { Rng } from '../../util/rand.ts';
import { DOMAINS, findLab, loadLabs, type LabDefinition } from '../../labs/definition.ts';
import { readPractice, updatePractice, type ActiveExam } from '../../labs/progress.ts';
import { createLabCluster, fill, gradeLab, removeCluster } from '../../labs/runner.ts';
import { formatResults } from './lab.ts';

export const PASS_MARK = 66;

/** N labs, shuffled by the seed, taken round-robin across the domains so every domain appears. */
export function pickLabs(count: number, seed: number): LabDefinition[] {
  const rng = new Rng(seed);
  const byDomain = DOMAINS.map((d) => loadLabs().filter((l) => l.domain === d));
  for (const list of byDomain) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
  }
  const picked: LabDefinition[] = [];
  for (let round = 0; picked.length < count && byDomain.some((l) => l.length > round); round++) {
    for (const list of byDomain) if (list[round] && picked.length < count) picked.push(list[round]);
  }
  return picked;
}

function activeExam(): ActiveExam {
  const exam = readPractice().exam;
  if (!exam) throw new CliError("no exam in progress; start one with 'kubesim exam'");
  return exam;
}

function timeLeft(exam: ActiveExam): string {
  const left = exam.startedAt + exam.minutes * 60_000 - wallNow();
  return left > 0 ? `${formatGoDuration(Math.ceil(left / 60_000) * 60_000)} left` : 'time is up';
}

function sheet(exam: ActiveExam): string {
  const total = exam.tasks.reduce((s, t) => s + findLab(t.lab).weight, 0);
  const parts = exam.tasks.map((t, i) => {
    const lab = findLab(t.lab);
    const pct = Math.round((lab.weight * 100) / total);
    return `Task ${i + 1} (${pct}%): ${lab.title}\nUse context: kubectl config use-context ${t.context}\n\n${fill(lab.task)}\n`;
  });
  return `${parts.join('\n')}\n`;
}

export function registerExam(program: Command): void {
  const exam = program
    .command('exam')
    .summary('A timed mock exam of several labs, graded with a pass mark (kubesim)')
    .description('A mock CKA exam: several labs, each in its own context, one timer, a weighted score, pass mark 66%.');

  exam
    .command('start', { isDefault: true })
    .description('Start a mock exam (the default when no subcommand is given)')
    .option('--labs <n>', 'How many tasks', intFlag('--labs', 'exam'), 8)
    .option('--minutes <n>', 'Time allowed', intFlag('--minutes', 'exam'), 120)
    .option('--seed <n>', 'Which tasks (the same seed picks the same ones)', intFlag('--seed', 'exam'))
    .action((_o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const practice = readPractice();
      if (practice.exam) throw new CliError("an exam is already in progress: 'kubesim exam status' shows it, 'kubesim exam stop' ends it");
      if (practice.active) throw new CliError("a lab is in progress; stop it first with 'kubesim lab stop'");
      if (o.labs < 1) throw new CliError('--labs must be at least 1');
      if (o.minutes < 1) throw new CliError('--minutes must be at least 1');
      const labs = pickLabs(o.labs, o.seed ?? wallNow() % 1_000_000);
      const previousContext = readConfig().currentContext;
      const tasks = labs.map((lab, i) => {
        const cluster = `exam-${i + 1}`;
        createLabCluster(lab, cluster);
        return { lab: lab.id, context: cluster };
      });
      const state: ActiveExam = { tasks, previousContext, startedAt: wallNow(), minutes: o.minutes };
      updatePractice((s) => {
        s.exam = state;
      });
      out(`Mock exam: ${tasks.length} tasks, ${o.minutes} minutes, pass mark ${PASS_MARK}%. Grade with 'kubesim exam check'.\n\n${sheet(state)}`);
    });

  exam
    .command('status')
    .description('Show the exam in progress and the time left')
    .action(() => {
      const e = activeExam();
      out(`Mock exam: ${e.tasks.length} tasks, ${timeLeft(e)}.\n\n${sheet(e)}`);
    });

  exam
    .command('check')
    .description('Grade every task: partial credit per requirement, weighted; exit 0 only on a pass')
    .action(() => {
      const e = activeExam();
      const c = colours();
      let earned = 0;
      let total = 0;
      const parts: string[] = [];
      e.tasks.forEach((t, i) => {
        const lab = findLab(t.lab);
        const results = gradeLab(lab, t.context);
        const ok = results.filter((r) => r.ok).length;
        earned += (lab.weight * ok) / results.length;
        total += lab.weight;
        parts.push(`Task ${i + 1}: ${lab.title} (${ok}/${results.length})\n${formatResults(results)}`);
      });
      const pct = Math.floor((earned * 100) / total);
      const passed = pct >= PASS_MARK;
      out(`${parts.join('')}\nScore: ${pct}% (pass mark ${PASS_MARK}%): ${passed ? c.green('PASS') : c.red('FAIL')}; ${timeLeft(e)}\n`);
      if (!passed) process.exitCode = 1;
    });

  exam
    .command('stop')
    .description('End the exam: its clusters go, the previous context comes back')
    .action(() => {
      const e = activeExam();
      for (const t of e.tasks) removeCluster(t.context, e.previousContext);
      updatePractice((s) => {
        delete s.exam;
      });
      out(`Exam stopped; context is ${readConfig().currentContext} again.\n`);
    });
}
