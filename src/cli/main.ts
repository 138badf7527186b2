import { Command, CommanderError } from 'commander';
import { renderError } from '../api/errors.ts';
import { PROGRAM, translateCommanderError } from './program.ts';
import { registerVerbs } from './verbs/index.ts';

function buildProgram(): { program: Command; active: { cmd: Command } } {
  const active = { cmd: null as unknown as Command };
  const program = new Command(PROGRAM)
    .description('kubesim controls a simulated Kubernetes cluster, the way kubectl controls a real one.')
    .option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request')
    .option('--context <name>', 'The name of the kubeconfig context to use')
    .option('--no-color', 'Do not colour the output')
    .configureOutput({ writeErr: () => {}, writeOut: (s) => process.stdout.write(s) })
    .exitOverride()
    .helpCommand(false)
    .showSuggestionAfterError(false)
    .allowExcessArguments(false);
  active.cmd = program;
  registerVerbs(program);
  const configure = (c: Command) => {
    c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: (s) => process.stdout.write(s) });
    c.hook('preSubcommand', (_p, sub) => {
      active.cmd = sub;
    });
    c.commands.forEach(configure);
  };
  configure(program);
  return { program, active };
}

async function main(argv: string[]): Promise<number> {
  const { program, active } = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'commander.executeSubCommandAsync') return 0;
      process.stderr.write(translateCommanderError(e, program, active.cmd).message + '\n');
      return 1;
    }
    if (process.env.KUBESIM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.stderr.write(renderError(e) + '\n');
    return (e as { exitCode?: number }).exitCode ?? 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
