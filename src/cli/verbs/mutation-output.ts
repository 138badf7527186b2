// How mutating verbs report: `kind[.group]/name <operation>` or the object with -o.
import { Option, type Command } from 'commander';
import type { KObject } from '../../api/types.ts';
import { qualifiedSingular, resourceForKind } from '../../api/resources.ts';
import { CliError } from '../../api/errors.ts';
import { checkOutputFormat, render } from '../../printers/output.ts';
import { toJson, toYaml } from '../../printers/serialize.ts';

export type DryRun = 'none' | 'client' | 'server';

export function addDryRunOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--dry-run [strategy]', 'Must be "none", "server", or "client"').preset('client'))
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).');
}

export function dryRunMode(v: string | boolean | undefined): DryRun {
  if (v === undefined || v === false || v === 'none') return 'none';
  if (v === true || v === 'client') return 'client';
  if (v === 'server') return 'server';
  throw new CliError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

const GENERIC = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

/** What kubectl's printer appends to an operation under --dry-run. */
export const dryRunSuffix = (dryRun: DryRun) => ({ none: '', client: ' (dry run)', server: ' (server dry run)' })[dryRun];

export function printCreated(obj: KObject, operation: string, output: string | undefined, dryRun: DryRun): string {
  checkOutputFormat(output, GENERIC);
  const ref = `${qualifiedSingular(resourceForKind(obj.kind))}/${obj.metadata.name}`;
  if (output === 'name') return `${ref}\n`;
  if (output === 'yaml') return toYaml(obj);
  if (output === 'json') return toJson(obj, dryRun !== 'client');
  if (output?.startsWith('jsonpath')) return render([{ type: resourceForKind(obj.kind), objects: [obj] }], { output, single: true }, { now: Date.now() } as any);
  return `${ref} ${operation}${dryRunSuffix(dryRun)}\n`;
}
