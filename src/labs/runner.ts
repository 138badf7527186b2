// Running a lab: a fresh cluster and context of its own (the learner's clusters are untouched),
// its setup played through kubesim's own commands, and the texts with their placeholders filled.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { CliError } from '../api/errors.ts';
import { openClusterStore } from '../store/store.ts';
import { readConfig, updateConfig, contextNameForCluster, DEFAULT_CONTEXT } from '../store/config.ts';
import { buildCluster } from '../cli/verbs/cluster.ts';
import { DEFAULT_CLUSTER_SHAPE, withCluster } from '../sim/session.ts';
import { shellWords } from '../sim/container-run.ts';
import { runCheck, type CheckResult } from './checks.ts';
import { answersDir } from './progress.ts';
import type { LabDefinition } from './definition.ts';

/** The kubesim program itself, for setup steps and solution scripts. */
export const selfPath = () => process.argv[1];

/** `{{answers}}` in lab texts: the directory answers are written to. */
export function fill(text: string): string {
  return text.split('{{answers}}').join(answersDir());
}

/** Runs one kubesim command against a context, as a separate process (exactly what the learner's would do). */
function kubesim(args: string[], context: string, input?: string): { code: number; stderr: string } {
  const r = spawnSync(process.execPath, [selfPath(), ...args, '--context', context], { input, encoding: 'utf8', env: process.env });
  return { code: r.status ?? 1, stderr: r.stderr ?? '' };
}

/** A new cluster with its context, set up as the lab says; the clock runs once setup is done. */
export function createLabCluster(lab: LabDefinition, cluster: string): void {
  if (openClusterStore(cluster).exists()) openClusterStore(cluster).remove();
  buildCluster(cluster, DEFAULT_CLUSTER_SHAPE, 1);
  const context = contextNameForCluster(cluster);
  updateConfig((c) => {
    c.contexts[context] = { cluster, user: cluster };
  });
  mkdirSync(answersDir(), { recursive: true });
  const steps: { args: string[]; input?: string; label: string }[] = [
    { args: ['sim', 'pause'], label: 'sim pause' },
    ...lab.setup.map((s) => ('apply' in s ? { args: ['apply', '-f', '-'], input: fill(s.apply), label: 'apply' } : { args: shellWords(fill(s.run)), label: s.run })),
    { args: ['sim', 'resume'], label: 'sim resume' },
  ];
  for (const step of steps) {
    const r = kubesim(step.args, context, step.input);
    if (r.code !== 0) throw new CliError(`lab ${lab.id}: setup step "${step.label}" failed: ${r.stderr.trim()}`);
  }
}

export function removeCluster(cluster: string, restoreContext: string): void {
  const store = openClusterStore(cluster);
  if (store.exists()) store.locked(() => store.remove());
  updateConfig((c) => {
    for (const [ctx, entry] of Object.entries(c.contexts)) if (entry.cluster === cluster) delete c.contexts[ctx];
    c.currentContext = c.contexts[restoreContext] ? restoreContext : c.contexts[c.currentContext] ? c.currentContext : DEFAULT_CONTEXT;
  });
}

export function useContext(context: string): string {
  const previous = readConfig().currentContext;
  updateConfig((c) => {
    c.currentContext = context;
  });
  return previous;
}

/** Grades a lab against its cluster (caught up to now first, as any command is). */
export function gradeLab(lab: LabDefinition, cluster: string): CheckResult[] {
  return withCluster(cluster, (api) => lab.checks.map((c) => runCheck(api, c, answersDir())));
}

/** The reference solution as a runnable script in which `kubectl` is kubesim. */
export function solutionScript(lab: LabDefinition, solution = lab.solution): string {
  return [
    '#!/usr/bin/env bash',
    `# kubesim lab ${lab.id}: ${lab.title} (reference solution)`,
    '# `kubectl` here means kubesim, on the current context (the lab\'s).',
    'set -euo pipefail',
    `kubectl() { "\${KUBESIM:-${selfPath()}}" "$@"; }`,
    'kubesim() { kubectl "$@"; }',
    '',
    fill(solution),
    '',
  ].join('\n');
}
