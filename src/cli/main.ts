import { Command, CommanderError } from 'commander';
import { out, err } from './io.ts';
import { renderError } from '../api/errors.ts';
import { PROGRAM, translateCommanderError } from './program.ts';
import { registerVerbs } from './verbs/index.ts';

function buildProgram(): Command {
  const program = new Command(PROGRAM)
    .description('kubesim controls a simulated Kubernetes cluster, the way kubectl controls a real one.')
    .option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request')
    .option('--context <name>', 'The name of the kubeconfig context to use')
    .option('--no-color', 'Do not colour the output')
    .option('--request-timeout <duration>', 'The length of time to wait before giving up on a single server request (ends a watch).', '0')
    .helpCommand(false)
    .showSuggestionAfterError(false)
    .allowExcessArguments(false);
  registerVerbs(program);
  const configure = (c: Command) => {
    c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: (s) => out(s) });
    c.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** pflag accepts `-o=wide`; commander would take `=wide` as the value. */
function normalizeShortFlags(argv: string[]): string[] {
  const dd = argv.indexOf('--');
  return argv.flatMap((a, i) => ((dd < 0 || i < dd) && /^-[a-zA-Z]=/.test(a) ? [a.slice(0, 2), a.slice(3)] : [a]));
}

async function main(rawArgv: string[]): Promise<number> {
  const argv = normalizeShortFlags(rawArgv);
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code)) return 0;
      err(translateCommanderError(e, program, argv).message + '\n');
      return 1;
    }
    if (process.env.KUBESIM_DEBUG && e instanceof Error) err(`${e.stack}\n`);
    err(renderError(e) + '\n');
    return (e as { exitCode?: number }).exitCode ?? 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
