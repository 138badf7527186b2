// Everything `-o` can mean, applied to the objects a verb fetched, grouped by resource type.
import type { KObject } from '../api/types.ts';
import type { ResourceType } from '../api/resources.ts';
import { qualifiedSingular } from '../api/resources.ts';
import { CliError } from '../api/errors.ts';
import { formatTable, TABLE_OPTS } from './tabwriter.ts';
import { printerFor } from './kinds/index.ts';
import type { PrintContext } from './kinds/kind-printer.ts';
import { asList, toJson, toYaml } from './serialize.ts';
import { present } from './present.ts';
import { compileJsonPath } from './jsonpath.ts';
import { customColumnsTable, parseCustomColumnsSpec } from './custom-columns.ts';
import { paintTable } from './colour-table.ts';

export interface Group {
  type: ResourceType;
  objects: KObject[];
}

export interface OutputOptions {
  output?: string;
  noHeaders?: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  allNamespaces?: boolean;
  showKind?: boolean;
  /** The request named exactly one object: -o yaml/json print it bare, not as a List. */
  single?: boolean;
  /** Paint statuses (a terminal is watching). */
  colour?: boolean;
}

const GENERIC_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];
export const GET_FORMATS = ['custom-columns', 'custom-columns-file', ...GENERIC_FORMATS, 'wide'].sort();

export function checkOutputFormat(output: string | undefined, allowed = GET_FORMATS): void {
  if (!output) return;
  const format = output.split('=')[0];
  if (!allowed.includes(format) || (format === 'wide' && output !== 'wide')) {
    throw new CliError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed.join(',')}`,
    );
  }
  if (['go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath-file', 'custom-columns-file'].includes(format)) {
    throw new CliError(`the output format "${format}" is not supported by kubesim`);
  }
}

function labelsCell(o: KObject): string {
  const entries = Object.entries(o.metadata.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

export function tableRows(group: Group, opts: OutputOptions, ctx: PrintContext, kindPrefix: boolean): string[][] {
  const wide = opts.output === 'wide';
  const printer = printerFor(group.type.plural, wide);
  const keep = printer.columns.map((c) => wide || !c.wide);
  const header = printer.columns.filter((_, i) => keep[i]).map((c) => c.name);
  const nsColumn = opts.allNamespaces && group.type.namespaced;
  const labelKeys = opts.labelColumns ?? [];
  const rows: string[][] = [];
  if (!opts.noHeaders) {
    rows.push([
      ...(nsColumn ? ['NAMESPACE'] : []),
      ...header,
      ...labelKeys.map((k) => k.split('/').pop()!.toUpperCase()),
      ...(opts.showLabels ? ['LABELS'] : []),
    ]);
  }
  for (const obj of group.objects) {
    const cells = printer.cells(obj, ctx).filter((_, i) => keep[i]);
    if (kindPrefix) cells[0] = `${qualifiedSingular(group.type)}/${cells[0]}`;
    rows.push([
      ...(nsColumn ? [obj.metadata.namespace ?? ''] : []),
      ...cells.map(cleanCell),
      ...labelKeys.map((k) => obj.metadata.labels?.[k] ?? ''),
      ...(opts.showLabels ? [labelsCell(obj)] : []),
    ]);
  }
  return rows;
}

/** kubectl cuts a cell at its first line break and marks the cut. */
function cleanCell(s: string): string {
  const i = s.search(/[\f\n\r]/);
  return i < 0 ? s : `${s.slice(0, i)}...`;
}

export function renderTables(groups: Group[], opts: OutputOptions, ctx: PrintContext): string {
  const kindPrefix = opts.showKind || groups.length > 1;
  const parts = groups
    .filter((g) => g.objects.length)
    .map((g) => {
      const rows = tableRows(g, opts, ctx, kindPrefix);
      const text = formatTable(rows, TABLE_OPTS);
      return opts.colour ? paintTable(text, rows, headerOf(g, opts), !opts.noHeaders) : text;
    });
  return parts.join('\n');
}

/** The column names of a group's table, as tableRows lays them out. */
function headerOf(group: Group, opts: OutputOptions): string[] {
  const wide = opts.output === 'wide';
  const printer = printerFor(group.type.plural, wide);
  return [...(opts.allNamespaces && group.type.namespaced ? ['NAMESPACE'] : []), ...printer.columns.filter((c) => wide || !c.wide).map((c) => c.name)];
}

export function render(groups: Group[], opts: OutputOptions, ctx: PrintContext): string {
  const output = opts.output ?? '';
  const format = output.split('=')[0];
  if (format === '' || format === 'wide') return renderTables(groups, opts, ctx);
  const objects = groups.flatMap((g) => g.objects.map((o) => present(o, ctx.now)));
  if (format === 'name') return groups.flatMap((g) => g.objects.map((o) => `${qualifiedSingular(g.type)}/${o.metadata.name}\n`)).join('');
  const data = opts.single && objects.length === 1 ? objects[0] : asList(objects);
  if (format === 'json') return toJson(data);
  if (format === 'yaml') return toYaml(data);
  const arg = output.slice(format.length + 1);
  if (format === 'jsonpath' || format === 'jsonpath-as-json') {
    if (!arg) throw new CliError('template format specified but no template given');
    let path;
    try {
      path = compileJsonPath(arg);
    } catch (e: any) {
      throw new CliError(`error parsing jsonpath ${arg}, ${e.message}`);
    }
    if (format === 'jsonpath') {
      try {
        return path.execute(data);
      } catch (e: any) {
        throw new CliError(`error executing jsonpath ${JSON.stringify(arg)}: Error executing template: ${e.message}.`);
      }
    }
    return toJson(path.findResults(data).flat());
  }
  if (format === 'custom-columns') {
    const columns = parseCustomColumnsSpec(arg);
    return formatTable(customColumnsTable(columns, objects, { noHeaders: opts.noHeaders }), TABLE_OPTS);
  }
  throw new CliError(`the output format "${format}" is not supported by kubesim`);
}
