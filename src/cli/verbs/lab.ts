// kubesim lab list | start ID | check | hint | solution [ID] | reset | status | stop: practice
// exercises that set themselves up in a cluster of their own and grade themselves.
import type { Command } from 'commander';
import { CliError } from '../../api/errors.ts';
import { allOpts } from '../program.ts';
import { out } from '../io.ts';
import { colours } from '../colour.ts';
import { formatTable, TABLE_OPTS } from '../../printers/tabwriter.ts';
import { formatGoDuration, humanDuration } from '../../util/duration.ts';
import { wallNow } from '../../sim/clock.ts';
import { contextNameForCluster, readConfig } from '../../store/config.ts';
import { findLab, loadLabs, type LabDefinition } from '../../labs/definition.ts';
import { readPractice, updatePractice, type ActiveLab } from '../../labs/progress.ts';
import { createLabCluster, fill, gradeLab, removeCluster, solutionScript, useContext } from '../../labs/runner.ts';
import type { CheckResult } from '../../labs/checks.ts';

const clusterFor = (id: string) => `lab-${id}`;

function activeLab(): { active: ActiveLab; lab: LabDefinition } {
  const active = readPractice().active;
  if (!active) throw new CliError("no lab in progress; start one with 'kubesim lab start ID' (see 'kubesim lab list')");
  return { active, lab: findLab(active.id) };
}

/** ✓/✗ lines, the reasons under the failures, and a score line. */
export function formatResults(results: CheckResult[], indent = '  '): string {
  const c = colours();
  const lines = results.map((r) => (r.ok ? `${indent}${c.green('✓')} ${r.name}` : `${indent}${c.red('✗')} ${r.name}\n${indent}    ${r.reason}`));
  return `${lines.join('\n')}\n`;
}

const scoreOf = (results: CheckResult[]) => results.filter((r) => r.ok).length;

function intro(lab: LabDefinition, context: string): string {
  return [
    `Lab ${lab.id}: ${lab.title} (${lab.domain}, ${lab.difficulty}, about ${lab.minutes} min)`,
    `Context: ${context} (switched to it; your other clusters are untouched)`,
    '',
    fill(lab.task),
    '',
    "Check your work with 'kubesim lab check'; 'kubesim lab hint' gives a hint, 'kubesim lab solution' the answer.",
    '',
  ].join('\n');
}

function startLab(id: string): string {
  const lab = findLab(id);
  const practice = readPractice();
  if (practice.exam) throw new CliError("an exam is in progress; finish it with 'kubesim exam stop' first");
  let previous = readConfig().currentContext;
  if (practice.active) {
    previous = practice.active.previousContext;
    removeCluster(practice.active.cluster, previous);
  }
  const cluster = clusterFor(lab.id);
  createLabCluster(lab, cluster);
  useContext(contextNameForCluster(cluster));
  updatePractice((s) => {
    s.active = { id: lab.id, cluster, previousContext: previous, startedAt: wallNow(), hintsShown: 0 };
    const rec = (s.labs[lab.id] ??= { attempts: 0, passed: false });
    rec.attempts++;
  });
  return intro(lab, contextNameForCluster(cluster));
}

export function registerLab(program: Command): void {
  const labCmd = program
    .command('lab')
    .summary('Practice labs that set themselves up and grade themselves (kubesim)')
    .description('CKA-style practice: each lab sets up a cluster of its own (often something broken), states a task, and checks the result.');

  labCmd
    .command('list')
    .description('List the labs, with your progress')
    .option('-o, --output <format>', 'Output format: json')
    .action((_o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const labs = loadLabs();
      const practice = readPractice();
      if (o.output === 'json') {
        out(`${JSON.stringify(labs.map((l) => ({ id: l.id, title: l.title, domain: l.domain, difficulty: l.difficulty, minutes: l.minutes, weight: l.weight, progress: practice.labs[l.id] ?? { attempts: 0, passed: false } })), null, 2)}\n`);
        return;
      }
      if (o.output) throw new CliError(`unknown output format "${o.output}": use json`);
      const rows = [['ID', 'TITLE', 'DOMAIN', 'DIFFICULTY', 'MINUTES', 'PASSED', 'ATTEMPTS', 'BEST']];
      for (const l of labs) {
        const rec = practice.labs[l.id];
        rows.push([l.id, l.title, l.domain, l.difficulty, String(l.minutes), rec?.passed ? 'yes' : rec?.attempts ? 'no' : '-', String(rec?.attempts ?? 0), rec?.bestSeconds !== undefined ? humanDuration(rec.bestSeconds * 1000) : '-']);
      }
      out(formatTable(rows, TABLE_OPTS));
    });

  labCmd
    .command('start')
    .description('Start a lab: a fresh cluster and context for it, set up, and its task')
    .argument('<id>')
    .action((id: string) => out(startLab(id)));

  labCmd
    .command('check')
    .description('Grade the lab in progress: one line per requirement; exit 0 only when all pass')
    .action(() => {
      const { active, lab } = activeLab();
      const results = gradeLab(lab, active.cluster);
      const score = scoreOf(results);
      const passed = score === results.length;
      const elapsed = Math.max(0, Math.round((wallNow() - active.startedAt) / 1000));
      updatePractice((s) => {
        const rec = (s.labs[lab.id] ??= { attempts: 1, passed: false });
        rec.lastScore = `${score}/${results.length}`;
        if (passed) {
          rec.passed = true;
          if (rec.bestSeconds === undefined || elapsed < rec.bestSeconds) rec.bestSeconds = elapsed;
          if (s.active) s.active.passedAt ??= wallNow();
        }
      });
      const c = colours();
      const verdict = passed ? c.green(`passed in ${formatGoDuration(elapsed * 1000)}`) : c.red('not yet');
      out(`Lab ${lab.id}: ${lab.title}\n${formatResults(results)}Score: ${score}/${results.length} (${Math.floor((score * 100) / results.length)}%), ${verdict}\n`);
      if (!passed) process.exitCode = 1;
    });

  labCmd
    .command('hint')
    .description('Show the next hint for the lab in progress')
    .action(() => {
      const { active, lab } = activeLab();
      if (!lab.hints.length) {
        out("This lab has no hints; 'kubesim lab solution' shows the answer.\n");
        return;
      }
      const n = Math.min(active.hintsShown + 1, lab.hints.length);
      updatePractice((s) => {
        if (s.active) s.active.hintsShown = n;
      });
      const more = n < lab.hints.length ? "run 'kubesim lab hint' again for the next" : "that was the last; 'kubesim lab solution' shows the answer";
      out(`Hint ${n}/${lab.hints.length}: ${fill(lab.hints[n - 1])}\n(${more})\n`);
    });

  labCmd
    .command('solution')
    .description('Print a lab\'s reference solution as a shell script (kubectl in it means kubesim)')
    .argument('[id]')
    .action((id: string | undefined) => {
      const lab = id ? findLab(id) : activeLab().lab;
      out(solutionScript(lab));
    });

  labCmd
    .command('reset')
    .description('Set the lab in progress up again from scratch')
    .action(() => {
      const { active, lab } = activeLab();
      createLabCluster(lab, active.cluster);
      updatePractice((s) => {
        if (s.active) {
          s.active.startedAt = wallNow();
          s.active.hintsShown = 0;
          delete s.active.passedAt;
        }
      });
      out(`Lab ${lab.id} reset: the cluster is as it was at the start.\n`);
    });

  labCmd
    .command('status')
    .description('Show the lab in progress')
    .action(() => {
      const practice = readPractice();
      if (!practice.active) {
        out("No lab in progress. 'kubesim lab list' shows the labs, 'kubesim lab start ID' starts one.\n");
        return;
      }
      const { active, lab } = activeLab();
      const elapsed = humanDuration(Math.max(0, wallNow() - active.startedAt));
      out(
        [
          `Lab ${lab.id}: ${lab.title}`,
          `Context: ${contextNameForCluster(active.cluster)}${readConfig().currentContext === contextNameForCluster(active.cluster) ? ' (current)' : ` (current context is ${readConfig().currentContext})`}`,
          `Started ${elapsed} ago; hints shown: ${active.hintsShown}/${lab.hints.length}; ${active.passedAt ? 'passed' : 'not passed yet'}`,
          '',
          fill(lab.task),
          '',
        ].join('\n'),
      );
    });

  labCmd
    .command('stop')
    .description('End the lab in progress: its cluster goes, the previous context comes back')
    .action(() => {
      const practice = readPractice();
      if (!practice.active) throw new CliError('no lab in progress');
      removeCluster(practice.active.cluster, practice.active.previousContext);
      updatePractice((s) => {
        delete s.active;
      });
      out(`Lab ${practice.active.id} stopped; context is ${readConfig().currentContext} again.\n`);
    });

}
