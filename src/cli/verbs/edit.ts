// kubectl edit TYPE NAME: the object as YAML in $KUBE_EDITOR / $EDITOR; saved changes are applied,
// invalid ones reopen the editor with the errors on top, as kubectl does.
import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, CliError, RawError, formatFieldError, notFound } from '../../api/errors.ts';
import { qualifiedPlural, qualifiedSingular } from '../../api/resources.ts';
import type { KObject } from '../../api/types.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { parseResourceArgs } from '../resource-args.ts';
import { attributesFor, checkAccess } from '../access.ts';
import { resolveTarget, withCluster } from '../../sim/session.ts';
import { toYaml, yamlLib, sortKeys } from '../../printers/serialize.ts';
import { out, err } from '../io.ts';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

function runEditor(file: string): void {
  const editor = process.env.KUBE_EDITOR || process.env.EDITOR || 'vi';
  const r = spawnSync(`${editor} "${file}"`, { shell: true, stdio: 'inherit' });
  if (r.status !== 0) throw new CliError(`there was a problem with the editor "${editor}"`);
}

/** Lets the user edit a text in their editor; undefined when they leave it as it was. */
export function editText(text: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-edit-'));
  const file = join(dir, `${Math.floor(Math.random() * 1e9)}.yaml`);
  writeFileSync(file, HEADER + text);
  runEditor(file);
  const body = stripComments(readFileSync(file, 'utf8'));
  return body.trim() === text.trim() || !body.trim() ? undefined : body;
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

export function registerEdit(program: Command): void {
  program
    .command('edit')
    .summary('Edit a resource on the server')
    .description('Edit a resource from the default editor.\n\nThe edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to \'vi\' for Linux or \'notepad\' for Windows.')
    .usage('(RESOURCE/NAME | -f FILENAME) [options]')
    .argument('[args...]')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name).')
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!args.length) {
        throw new RawError(`error: you must provide one or more resources by argument or filename\nSee '${PROGRAM} edit -h' for help and examples`);
      }
      const [req] = parseResourceArgs(args);
      if (!req.names.length) throw new CliError('resource(s) were provided, but no name was specified');
      const name = req.names[0];
      const target = resolveTarget(o);
      const original = withCluster(target.cluster, (api) => {
        checkAccess(api, target, attributesFor(req.type, 'get', target.namespace, name));
        const obj = api.get(req.type, target.namespace, name);
        if (!obj) throw notFound(req.type, name);
        return obj;
      });
      const dir = mkdtempSync(join(tmpdir(), 'kubectl-edit-'));
      const file = join(dir, `${Math.floor(Math.random() * 1e9)}.yaml`);
      const originalYaml = toYaml(original);
      let text = HEADER + originalYaml;
      let lastError: string[] | undefined;
      for (;;) {
        writeFileSync(file, text);
        runEditor(file);
        const edited = readFileSync(file, 'utf8');
        if (lastError && edited === text) {
          err(lastError[0]);
          err(`A copy of your changes has been stored to "${file}"`);
          throw new CliError('Edit cancelled, no valid changes were saved.');
        }
        const body = stripComments(edited);
        if (!body.trim()) throw new CliError('Edit cancelled, no valid changes were saved.');
        let obj: KObject;
        try {
          obj = yamlLib().parse(body, { version: '1.1' } as any);
        } catch (e: any) {
          lastError = [`error: ${e.message.split('\n')[0]}`];
          text = `${HEADER}# The edited file had a syntax error: ${e.message.split('\n')[0]}\n#\n${body}`;
          continue;
        }
        if (JSON.stringify(sortKeys(obj)) === JSON.stringify(sortKeys(original))) {
          out('Edit cancelled, no changes made.\n');
          return;
        }
        try {
          if (obj.kind !== original.kind || obj.metadata?.name !== name) throw new CliError('At least one of apiVersion, kind and name was changed');
          const ns = original.metadata.namespace;
          const denied = withCluster(target.cluster, (api) => {
            try {
              checkAccess(api, target, attributesFor(req.type, 'patch', ns, name));
            } catch (e) {
              return e as ApiError;
            }
            api.replace({ ...obj, metadata: { ...obj.metadata, namespace: ns } });
          });
          if (denied) {
            err(`error: ${qualifiedPlural(req.type)} "${name}" could not be patched: ${denied.message}`);
            err(`You can run \`${PROGRAM} replace -f ${file}\` to try this update again.`);
            process.exitCode = 1;
            return;
          }
          out(o.output === 'name' ? `${qualifiedSingular(req.type)}/${name}\n` : `${qualifiedSingular(req.type)}/${name} edited\n`);
          return;
        } catch (e) {
          if (!(e instanceof ApiError) || !e.details) throw e;
          const what = `${qualifiedPlural(req.type)} "${name}"`;
          lastError = [`error: ${what} is invalid`];
          const causes = e.details.causes.map((c) => `# * ${formatFieldError(c)}`).join('\n');
          text = `${HEADER}# ${what} was not valid:\n${causes}\n#\n${body.replace(/^\n+/, '')}`;
        }
      }
    });
}
