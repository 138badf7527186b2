// kubectl label / kubectl annotate: KEY=VAL to set, KEY- to remove, --overwrite to change.
import type { Command } from 'commander';
import { CliError, RawError, renderError } from '../../api/errors.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { qualifiedSingular } from '../../api/resources.ts';
import { parseLabelSelector } from '../../api/selectors.ts';
import { validateLabelKey, isValidLabelValue, MSG_LABEL_VALUE } from '../../api/validation.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { parseResourceArgs, selectObjects } from '../resource-args.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { out, err } from '../io.ts';

type Field = 'labels' | 'annotations';

interface Changes {
  set: Record<string, string>;
  remove: string[];
}

function splitArgs(args: string[], field: Field): { resources: string[]; changes: Changes } {
  const changes: Changes = { set: {}, remove: [] };
  const resources: string[] = [];
  for (const a of args) {
    if (a.includes('=')) {
      const i = a.indexOf('=');
      const k = a.slice(0, i);
      const v = a.slice(i + 1);
      const keyErrs = validateLabelKey(k);
      if (keyErrs.length) throw new CliError(`invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${a}, ${keyErrs.join('; ')}`);
      if (field === 'labels' && !isValidLabelValue(v)) throw new CliError(`invalid label value: "${a}": ${MSG_LABEL_VALUE}`);
      changes.set[k] = v;
    } else if (a.endsWith('-') && resources.length) {
      changes.remove.push(a.slice(0, -1));
    } else resources.push(a);
  }
  for (const k of changes.remove) {
    if (k in changes.set) throw new CliError(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  }
  return { resources, changes };
}

function register(program: Command, verb: 'label' | 'annotate', field: Field): void {
  const noun = field === 'labels' ? 'label' : 'annotation';
  program
    .command(verb)
    .summary(verb === 'label' ? 'Update the labels on a resource' : 'Update the annotations on a resource')
    .description(verb === 'label' ? 'Update the labels on a resource.' : 'Update the annotations on one or more resources.')
    .usage(`[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]`)
    .argument('[args...]')
    .option('--overwrite', `If true, allow ${field} to be overwritten, otherwise reject ${noun} updates that overwrite existing ${field}.`)
    .option('--all', 'Select all resources, in the namespace of the specified resource types')
    .option('-A, --all-namespaces', 'If true, check the specified action in all namespaces.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--list', `If true, display the ${field} for a given resource.`)
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name).')
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const { resources, changes } = splitArgs(args, field);
      if (!resources.length) {
        throw new RawError(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee '${PROGRAM} ${verb} -h' for help and examples`);
      }
      if (!o.list && !Object.keys(changes.set).length && !changes.remove.length) {
        throw new RawError(`error: at least one ${noun} update is required\nSee '${PROGRAM} ${verb} -h' for help and examples`);
      }
      const requests = parseResourceArgs(resources);
      const named = requests.some((r) => r.names.length);
      if (!named && !o.all && o.selector === undefined) throw new CliError('resource(s) were provided, but no name was specified');
      const target = resolveTarget(o);
      const sel = o.selector !== undefined ? parseLabelSelector(o.selector) : undefined;
      const { lines, errors } = withCluster(target.cluster, (api) => {
        const lines: string[] = [];
        const errors: string[] = [];
        for (const req of requests) {
          const objs = selectObjects(api, req, target.namespace, { selector: sel, allNamespaces: o.allNamespaces, target }, errors);
          for (const obj of objs) {
            const ref = `${qualifiedSingular(req.type)}/${obj.metadata.name}`;
            const current = obj.metadata[field] ?? {};
            if (o.list) {
              for (const [k, v] of Object.entries(current)) lines.push(`${k}=${v}`);
              continue;
            }
            try {
              checkAccess(api, target, attributesFor(req.type, 'patch', obj.metadata.namespace, obj.metadata.name));
            } catch (e) {
              // kubectl's visitor stops at the first failed request.
              errors.push(renderError(e));
              return { lines, errors };
            }
            if (!o.overwrite) {
              for (const [k, v] of Object.entries(changes.set)) {
                if (k in current && current[k] !== v) {
                  throw new CliError(
                    field === 'labels'
                      ? `'${k}' already has a value (${current[k]}), and --overwrite is false`
                      : `--overwrite is false but found the following declared annotation(s): '${k}' already has a value (${current[k]})`,
                  );
                }
              }
            }
            const next = { ...current, ...changes.set };
            for (const k of changes.remove) {
              if (!(k in next) && field === 'labels') lines.push(`label "${k}" not found.`);
              delete next[k];
            }
            const changed = JSON.stringify(next) !== JSON.stringify(current);
            if (changed) {
              const copy = structuredClone(obj);
              if (Object.keys(next).length) copy.metadata[field] = next;
              else delete copy.metadata[field];
              api.update(copy);
            }
            let op = field === 'annotations' ? 'annotated' : !changed ? 'not labeled' : Object.keys(changes.set).length ? 'labeled' : 'unlabeled';
            if (o.output === 'name') op = '';
            lines.push(op ? `${ref} ${op}` : ref);
          }
        }
        return { lines, errors };
      });
      for (const l of lines) out(`${l}\n`);
      for (const e of errors) err(e);
      if (errors.length) process.exitCode = 1;
    });
}

export function registerLabel(program: Command): void {
  register(program, 'label', 'labels');
  register(program, 'annotate', 'annotations');
}
