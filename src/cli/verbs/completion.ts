// kubectl completion bash|zsh|fish
import type { Command } from 'commander';
import { RawError } from '../../api/errors.ts';
import { PROGRAM } from '../program.ts';
import { completionScript, COMPLETION_SHELLS, type CompletionShell } from '../completion.ts';
import { out } from '../io.ts';

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .summary('Output shell completion code for the specified shell (bash, zsh, fish)')
    .description(
      `Output shell completion code for the specified shell (bash, zsh, fish).\n\nExamples:\n  # Load completion into the current bash shell\n  source <(${PROGRAM} completion bash)\n\n  # The same for an alias\n  alias k=${PROGRAM}\n  complete -o default -F __start_${PROGRAM} k`,
    )
    .usage('SHELL [options]')
    .argument('[shell]')
    .action((shell: string | undefined) => {
      if (!shell) throw new RawError(`error: Shell not specified.\nSee '${PROGRAM} completion -h' for help and examples`);
      if (!COMPLETION_SHELLS.includes(shell as CompletionShell)) {
        throw new RawError(`error: Unsupported shell type "${shell}".\nSee '${PROGRAM} completion -h' for help and examples`);
      }
      out(completionScript(shell as CompletionShell, process.env.KUBESIM_PROGRAM_NAME || PROGRAM));
    });
}
