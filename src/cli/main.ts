import { Command, CommanderError, type Option } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HelpOption } from './help.ts';
import { out, err } from './io.ts';
import { completionResponse, completionScope, isCompletionRequest, type CompletionData } from './completion.ts';
import { resolveTarget, withCluster, type Target } from '../sim/session.ts';
import { readConfig } from '../store/config.ts';
import { listClusterNames } from '../store/store.ts';
import { RawError, renderError } from '../api/errors.ts';
import { PROGRAM, commandPath, translateCommanderError } from './program.ts';
import { rootHelp, verbHelp, VERB_HELP } from './help.ts';
import { registerVerbs } from './verbs/index.ts';

function buildProgram(): Command {
  const program = new Command(PROGRAM)
    .description('kubesim controls a simulated Kubernetes cluster, the way kubectl controls a real one.')
    .option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request')
    .option('--as <user>', 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.')
    .option('--as-group <group>', 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.', (v: string, prev: string[] = []) => [...prev, v])
    .option('--as-uid <uid>', 'UID to impersonate for the operation.')
    .option('--context <name>', 'The name of the kubeconfig context to use')
    .option('--no-color', 'Do not colour the output')
    .option('--request-timeout <duration>', 'The length of time to wait before giving up on a single server request (ends a watch).', '0')
    .helpCommand(false)
    .showSuggestionAfterError(false)
    .allowExcessArguments(false);
  registerVerbs(program);
  const configure = (c: Command) => {
    c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: (s) => out(s) });
    c.configureHelp({ formatHelp: (cmd) => helpFor(program, cmd) });
    if (c !== program && c.commands.length && !(c as any)._actionHandler) answerBareGroup(c);
    c.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** kubectl rollout prints its help to stdout; every other command group to stderr. */
const GROUPS_HELPING_ON_STDOUT = new Set(['rollout']);

/** A command group typed without a subcommand prints its help and fails; an unknown one is named. */
function answerBareGroup(group: Command): void {
  const usage = group.usage();
  group.argument('[command...]').usage(usage).action((words: string[], _o, cmd: Command) => {
    if (words.length) {
      throw new RawError(`error: unknown command "${words.join(' ')}"\nSee '${commandPath(cmd)} -h' for help and examples`);
    }
    (GROUPS_HELPING_ON_STDOUT.has(cmd.name()) ? out : err)(cmd.helpInformation());
    process.exitCode = 1;
  });
}

const KUBESIM_GROUPS = [
  { title: 'Cluster Simulation Commands (kubesim):', verbs: ['cluster', 'sim', 'node', 'addon', 'curl'] },
  { title: 'Practice Commands (kubesim):', verbs: ['lab', 'exam', 'shell', 'env'] },
];

/** kubectl's help screens (src/cli/help.ts), with kubesim's own commands in groups of their own. */
function helpFor(program: Command, cmd: Command): string {
  const names = program.commands.map((c) => c.name());
  if (cmd === program) {
    const extra = KUBESIM_GROUPS.map((g) => ({
      title: g.title,
      commands: g.verbs.filter((v) => names.includes(v)).map((v) => [v, program.commands.find((c) => c.name() === v)!.summary()] as [string, string]),
    })).filter((g) => g.commands.length);
    return rootHelp(PROGRAM, names, extra);
  }
  const path = commandPath(cmd).split(' ').slice(1).join(' ');
  if (VERB_HELP[path]) return verbHelp(PROGRAM, path, inKubectlWords(path, cmd.options), cmd.commands.map((c) => c.name()));
  return `${cmd.description()}\n\nUsage:\n  ${PROGRAM} ${path} ${cmd.usage()}\n${cmd.commands.length ? `\nAvailable Commands:\n${cmd.commands.map((c) => `  ${c.name().padEnd(12)} ${c.summary() || c.description().split('\n')[0]}`).join('\n')}\n` : ''}${cmd.options.length ? `\nOptions:\n${cmd.options.map((o) => `  ${o.flags.padEnd(28)} ${o.description}`).join('\n')}\n` : ''}`;
}

/** The flags kubectl also has, described (and their defaults shown) as kubectl's --help does. */
function inKubectlWords(path: string, options: readonly Option[]): HelpOption[] {
  let table: Record<string, Record<string, { default: string; description: string }>> = {};
  try {
    table = JSON.parse(readFileSync(fileURLToPath(new URL('./kubectl-options.json', import.meta.url)), 'utf8'));
  } catch {
    // Without the table, kubesim's own descriptions stand.
  }
  const theirs = table[path] ?? {};
  return options.map((o) => {
    const long = (o.long ?? '').replace(/^--/, '');
    const known = theirs[long] ?? theirs[long.replace(/^no-/, '')];
    return known ? { ...(o as any), description: known.description, defaultDisplay: known.default } : (o as any);
  });
}

/** pflag accepts `-o=wide`; commander would take `=wide` as the value. */
function normalizeShortFlags(argv: string[]): string[] {
  const dd = argv.indexOf('--');
  return argv.flatMap((a, i) => ((dd < 0 || i < dd) && /^-[a-zA-Z]=/.test(a) ? [a.slice(0, 2), a.slice(3)] : [a]));
}

/** The hidden `__complete` entry the shell completion scripts call (cobra's protocol). */
function answerCompletion(rawArgv: string[]): number {
  const program = buildProgram();
  const scope = completionScope(program, rawArgv.slice(1));
  let target: Target | undefined;
  const t = () => (target ??= resolveTarget({ context: scope.context }));
  const data: CompletionData = {
    resourceNames: (type, ns) => withCluster(t().cluster, (api) => api.list(type, ns).map((o) => o.metadata.name)),
    namespaces: () => withCluster(t().cluster, (api) => api.list('namespaces').map((o) => o.metadata.name)),
    contexts: () => Object.keys(readConfig().contexts).sort(),
    clusters: () => listClusterNames(),
    get currentNamespace() {
      return t().namespace;
    },
  };
  const r = completionResponse(program, rawArgv, data);
  out(r.stdout);
  err(r.stderr);
  return 0;
}

async function main(rawArgv: string[]): Promise<number> {
  if (isCompletionRequest(rawArgv)) return answerCompletion(rawArgv);
  if (!rawArgv.length || (rawArgv.length === 1 && ['help', '--help', '-h'].includes(rawArgv[0]))) {
    const program = buildProgram();
    out(helpFor(program, program));
    return 0;
  }
  const argv = normalizeShortFlags(rawArgv);
  let program: Command | undefined;
  try {
    program = buildProgram();
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code)) return 0;
      err(`${translateCommanderError(e, program!, argv).message}\n`);
      return 1;
    }
    if (process.env.KUBESIM_DEBUG && e instanceof Error) err(`${e.stack}`);
    err(renderError(e));
    return (e as { exitCode?: number }).exitCode ?? 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
