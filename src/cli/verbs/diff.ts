// kubectl diff -f FILE: what apply would change. As kubectl does, the live objects and what a
// dry-run apply makes of them are written as YAML into LIVE-* and MERGED-* directories, and
// `diff -u -N` (or $KUBECTL_EXTERNAL_DIFF) compares them; its exit code is the answer (0 same,
// 1 different) and any error of kubectl's own exits 2.
import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, RawError, renderError } from '../../api/errors.ts';
import type { KObject } from '../../api/types.ts';
import { resourceForKind } from '../../api/resources.ts';
import { toYaml } from '../../printers/serialize.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { fieldValidation, LAST_APPLIED, prepareManifest, readManifests, readStdin, decodeManifest } from '../manifests.ts';
import { threeWayMerge } from '../../api/patch.ts';
import { out, err } from '../io.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Secret values never reach the screen: *** (and which side, when they differ). */
function maskSecrets(live: KObject | undefined, merged: KObject | undefined): void {
  if ((live ?? merged)?.kind !== 'Secret') return;
  const a: Record<string, string> = (live as any)?.data ?? {};
  const b: Record<string, string> = (merged as any)?.data ?? {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const changed = k in a && k in b && a[k] !== b[k];
    if (k in a) a[k] = changed ? '*** (before)' : '***';
    if (k in b) b[k] = changed ? '*** (after)' : '***';
  }
}

const fileName = (o: KObject) => {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  return `${group ? `${group}.` : ''}${version}.${o.kind}.${o.metadata.namespace ?? ''}.${o.metadata.name}`;
};

/** The diff program and its arguments: $KUBECTL_EXTERNAL_DIFF (safe words only), or diff -u -N. */
function diffCommand(): [string, string[]] {
  const external = process.env.KUBECTL_EXTERNAL_DIFF;
  if (!external) return ['diff', ['-u', '-N']];
  const [cmd, ...args] = external.split(' ');
  return [cmd, args.filter((a) => /^[a-zA-Z0-9-=]+$/.test(a))];
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .summary('Diff the live version against a would-be applied version')
    .description('Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.')
    .usage('-f FILENAME [options]')
    .argument('[args...]')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files contains the configuration to diff', collect)
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--server-side', 'If true, apply runs in the server instead of the client.')
    .option('--force-conflicts', 'If true, server-side apply will force the changes against conflicts.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.')
    .option('--show-managed-fields', 'If true, include managed fields in the diff.')
    .action((args: string[], _o, cmd: Command) => {
      // Every error of kubectl diff's own exits 2: 1 means "there are differences".
      try {
        runDiff(allOpts<any>(cmd), args);
      } catch (e) {
        err(renderError(e));
        process.exitCode = 2;
      }
    });
}

function runDiff(o: any, args: string[]): void {
  if (args.length) throw new RawError(`error: Unexpected args: [${args.join(' ')}]\nSee '${PROGRAM} diff -h' for help and examples`);
  if (!o.filename?.length) throw new CliError('must specify one of -f and -k');
  if (o.forceConflicts && !o.serverSide) throw new CliError('--force-conflicts only works with --server-side');
  const manifests = readManifests(o.filename, !!o.recursive, readStdin);
  const bad = manifests.find((m) => m.error);
  if (bad) throw bad.error;
  const target = resolveTarget(o);
  const mode = fieldValidation(undefined);
  const pairs = withCluster(target.cluster, (api) =>
    manifests.map((m) => {
      const obj = prepareManifest(m, o.namespace, target.namespace);
      const rt = resourceForKind(obj.kind);
      const live = api.get(rt, obj.metadata.namespace, obj.metadata.name);
      decodeManifest(obj, mode, []);
      let merged: KObject;
      if (!live) merged = api.create(obj, { dryRun: true });
      else {
        const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
        // diff does not rewrite the last-applied configuration: what apply would store there is not shown.
        if (lastApplied) obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: lastApplied };
        merged = api.replace(threeWayMerge(lastApplied ? JSON.parse(lastApplied) : undefined, obj, live) as KObject, { dryRun: true });
      }
      const copies = [live ? structuredClone(live) : undefined, structuredClone(merged)] as const;
      maskSecrets(copies[0], copies[1]);
      return { name: fileName(merged), live: copies[0], merged: copies[1] };
    }),
  );
  const liveDir = mkdtempSync(join(tmpdir(), 'LIVE-'));
  const mergedDir = mkdtempSync(join(tmpdir(), 'MERGED-'));
  try {
    for (const p of pairs) {
      if (p.live) writeFileSync(join(liveDir, p.name), toYaml(p.live));
      writeFileSync(join(mergedDir, p.name), toYaml(p.merged));
    }
    const [cmd, extra] = diffCommand();
    const r = spawnSync(cmd, [...extra, liveDir, mergedDir], { encoding: 'utf8' });
    if (r.error) throw new CliError(`failed to run "${cmd}": executable file not found in $PATH`);
    out(r.stdout);
    if (r.stderr) err(r.stderr);
    if ((r.status ?? 2) > 1) throw new CliError(`exit status ${r.status}`);
    process.exitCode = r.status ?? 0;
  } finally {
    rmSync(liveDir, { recursive: true, force: true });
    rmSync(mergedDir, { recursive: true, force: true });
  }
}

