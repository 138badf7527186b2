// kubectl config get-contexts | current-context | use-context | set-context | view
import type { Command } from 'commander';
import { CliError } from '../../api/errors.ts';
import { allOpts } from '../program.ts';
import { readConfig, updateConfig } from '../../store/config.ts';
import { formatTable, TABLE_OPTS } from '../../printers/tabwriter.ts';
import { toYaml } from '../../printers/serialize.ts';
import { out } from '../io.ts';

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .summary('Modify kubeconfig files')
    .description('Modify kubeconfig files using subcommands like "kubesim config set current-context my-context".');

  config
    .command('get-contexts')
    .description('Describe one or many contexts')
    .argument('[name]')
    .option('--no-headers', "When using the default or custom-column output format, don't print headers")
    .option('-o, --output <format>', 'Output format. One of: (name).')
    .action((name: string | undefined, _o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      const c = readConfig();
      let names = Object.keys(c.contexts).sort();
      if (name) {
        if (!c.contexts[name]) throw new CliError(`context ${name} not found`);
        names = [name];
      }
      if (opts.output === 'name') {
        out(names.map((n) => `${n}\n`).join(''));
        return;
      }
      if (opts.output) throw new CliError(`output must be one of '' or 'name': ${opts.output}`);
      const rows = opts.headers === false ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
      for (const n of names) {
        const e = c.contexts[n];
        rows.push([n === c.currentContext ? '*' : '', n, e.cluster, e.user, e.namespace ?? '']);
      }
      out(formatTable(rows, TABLE_OPTS));
    });

  config
    .command('current-context')
    .description('Display the current-context')
    .action(() => {
      const c = readConfig();
      if (!c.currentContext) throw new CliError('current-context is not set');
      out(`${c.currentContext}\n`);
    });

  config
    .command('use-context')
    .alias('use')
    .description('Set the current-context in a kubeconfig file')
    .argument('<name>')
    .action((name: string) => {
      updateConfig((c) => {
        if (!c.contexts[name]) throw new CliError(`no context exists with the name: "${name}"`);
        c.currentContext = name;
      });
      out(`Switched to context "${name}".\n`);
    });

  config
    .command('set-context')
    .description('Set a context entry in kubeconfig')
    .argument('[name]')
    .option('--current', 'Modify the current context')
    .option('--cluster <cluster>', 'cluster for the context entry in kubeconfig')
    .option('--user <user>', 'user for the context entry in kubeconfig')
    .action((name: string | undefined, _o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      if (opts.current && name) throw new CliError('you cannot specify a context name and --current');
      const message = updateConfig((c) => {
        const ctx = opts.current ? c.currentContext : name;
        if (!ctx) throw new CliError('you must specify a non-empty context name or --current');
        const exists = !!c.contexts[ctx];
        const entry = (c.contexts[ctx] ??= { cluster: opts.cluster ?? '', user: opts.user ?? '' });
        if (opts.namespace !== undefined) entry.namespace = opts.namespace;
        if (opts.cluster) entry.cluster = opts.cluster;
        if (opts.user) entry.user = opts.user;
        return `Context "${ctx}" ${exists ? 'modified' : 'created'}.`;
      });
      out(`${message}\n`);
    });

  config
    .command('view')
    .description('Display merged kubeconfig settings')
    .option('--minify', 'Remove all information not used by current-context from the output')
    .action((_o, cmd: Command) => {
      const opts = allOpts<any>(cmd);
      const c = readConfig();
      const names = Object.keys(c.contexts)
        .sort()
        .filter((n) => !opts.minify || n === c.currentContext);
      const clusters = [...new Set(names.map((n) => c.contexts[n].cluster))];
      const users = [...new Set(names.map((n) => c.contexts[n].user))];
      out(
        toYaml(
          {
            apiVersion: 'v1',
            clusters: clusters.map((name) => ({ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: 'https://172.30.1.2:6443' }, name })),
            contexts: names.map((name) => ({ context: { ...c.contexts[name] }, name })),
            'current-context': c.currentContext,
            kind: 'Config',
            preferences: {},
            users: users.map((name) => ({ name, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } })),
          },
          false,
        ),
      );
    });
}
