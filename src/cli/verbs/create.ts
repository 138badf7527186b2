// kubectl create <generator> ...: the typed generators (namespace for now).
import type { Command } from 'commander';
import { allOpts, PROGRAM } from '../program.ts';
import { UsageError } from '../../api/errors.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { out } from '../io.ts';
import { printCreated, dryRunMode, addDryRunOptions } from './mutation-output.ts';
import type { KObject } from '../../api/types.ts';

export function registerCreate(program: Command): void {
  const create = program
    .command('create')
    .summary('Create a resource from a file or from stdin')
    .description('Create a resource from a file or from stdin.');
  const ns = create
    .command('namespace')
    .alias('ns')
    .summary('Create a namespace with the specified name')
    .description('Create a namespace with the specified name.')
    .usage('NAME [--dry-run=server|client|none] [options]')
    .argument('[name...]');
  addDryRunOptions(ns).action((names: string[], _o, cmd: Command) => {
    const opts = allOpts<any>(cmd);
    if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, `${PROGRAM} create namespace`);
    const [name] = names;
    const dryRun = dryRunMode(opts.dryRun);
    if (dryRun === 'client') {
      const obj: KObject = { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null as any }, spec: {}, status: {} };
      out(printCreated(obj, 'created', opts.output, dryRun));
      return;
    }
    const target = resolveTarget(opts);
    const created = withCluster(target.cluster, (api) =>
      api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { dryRun: dryRun === 'server' }),
    );
    out(printCreated(created, 'created', opts.output, dryRun));
  });
}
