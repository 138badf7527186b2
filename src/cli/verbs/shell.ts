// kubesim env | shell: `kubectl` and `k` reaching kubesim, without touching a real kubectl
// elsewhere on the machine. Both put a `kubectl` shim ($KUBESIM_HOME/bin/kubectl) first on the
// PATH of one shell only, alias k, and load completion for kubesim, kubectl and k.
import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CliError } from '../../api/errors.ts';
import { kubesimHome } from '../../store/store.ts';
import { allOpts } from '../program.ts';
import { out } from '../io.ts';
import { formatOption } from '../help.ts';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

function pickShell(flag: string | undefined): Shell {
  const name = flag ?? basename(process.env.SHELL ?? 'bash');
  if (!SHELLS.includes(name as Shell)) {
    if (flag) throw new CliError(`unsupported shell "${flag}": use bash, zsh or fish`);
    return 'bash';
  }
  return name as Shell;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Writes the `kubectl` shim (node running this very kubesim) and returns its directory. */
export function writeShim(): string {
  const dir = join(kubesimHome(), 'bin');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kubectl');
  writeFileSync(file, `#!/bin/sh\n# kubectl is kubesim here (written by 'kubesim env' / 'kubesim shell').\nexec ${quote(process.execPath)} ${quote(process.argv[1])} "$@"\n`);
  chmodSync(file, 0o755);
  return dir;
}

/** Shell code that makes `kubectl` and `k` mean kubesim, with completion for all three names. */
export function envScript(shell: Shell, shimDir: string): string {
  const lines = ['# kubesim: `kubectl` and `k` mean kubesim in this shell.'];
  const home = process.env.KUBESIM_HOME ? [shell === 'fish' ? `set -gx KUBESIM_HOME ${quote(process.env.KUBESIM_HOME)}` : `export KUBESIM_HOME=${quote(process.env.KUBESIM_HOME)}`] : [];
  switch (shell) {
    case 'bash':
      lines.push(...home, `export PATH=${quote(shimDir)}:"$PATH"`, 'alias k=kubectl', 'source <(kubectl completion bash)', 'complete -o default -F __start_kubesim kubectl k');
      break;
    case 'zsh':
      lines.push(...home, `export PATH=${quote(shimDir)}:"$PATH"`, 'alias k=kubectl', 'autoload -Uz compinit && compinit -i', 'source <(kubectl completion zsh)', 'compdef _kubesim kubectl k');
      break;
    case 'fish':
      lines.push(...home, `set -gx PATH ${quote(shimDir)} $PATH`, 'alias k kubectl', 'kubectl completion fish | source', 'complete -c kubectl -w kubesim', 'complete -c k -w kubesim');
      break;
  }
  return `${lines.join('\n')}\n`;
}

/** The prompt shows the context, read straight from the config (no process per prompt). */
const CONTEXT_OF = `c=$(sed -n 's/.*"currentContext": *"\\([^"]*\\)".*/\\1/p' "\${KUBESIM_HOME:-$HOME/.kubesim}/config.json" 2>/dev/null); echo "\${c:-kubernetes-admin@kubernetes}"`;

function runShell(shell: Shell, shimDir: string): number {
  const dir = join(kubesimHome(), 'shell');
  mkdirSync(dir, { recursive: true });
  const env = envScript(shell, shimDir);
  const banner = "echo \"kubesim shell: kubectl and k mean kubesim here ('exit' to leave).\" >&2";
  let r;
  if (shell === 'bash' && !process.stdin.isTTY) {
    // Commands piped in: a plain non-interactive bash reads them (no prompt, no job control).
    const rc = join(dir, 'bash_env');
    writeFileSync(rc, `shopt -s expand_aliases\n${env}`);
    r = spawnSync('bash', ['-s'], { stdio: 'inherit', env: { ...process.env, BASH_ENV: rc } });
  } else if (shell === 'bash') {
    const rc = join(dir, 'bashrc');
    writeFileSync(rc, `[ -f ~/.bashrc ] && . ~/.bashrc\n${env}PS1='(kubesim:$(${CONTEXT_OF.replace(/'/g, `'\\''`)})) \\w\\$ '\n${banner}\n`);
    r = spawnSync('bash', ['--rcfile', rc, '-i'], { stdio: 'inherit' });
  } else if (shell === 'zsh') {
    writeFileSync(join(dir, '.zshrc'), `[ -f ~/.zshrc ] && . ~/.zshrc\n${env}setopt PROMPT_SUBST\nPROMPT='(kubesim:$(${CONTEXT_OF.replace(/'/g, `'\\''`)})) %~%# '\n${banner}\n`);
    r = spawnSync('zsh', ['-i'], { stdio: 'inherit', env: { ...process.env, ZDOTDIR: dir } });
  } else {
    r = spawnSync('fish', ['--init-command', `${env}function fish_prompt; echo -n "(kubesim:"(${CONTEXT_OF})") "(prompt_pwd)'> '; end\n${banner}`], { stdio: 'inherit' });
  }
  if (r.error) throw new CliError(`cannot start ${shell}: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : r.error.message}`);
  return r.status ?? 0;
}

export function registerShellVerbs(program: Command): void {
  program
    .command('env')
    .summary('Print shell code making kubectl and k mean kubesim: eval "$(kubesim env)" (kubesim)')
    .description('Print shell code that puts a kubectl shim for kubesim first on PATH, aliases k, and loads completion. Use: eval "$(kubesim env)" (bash, zsh) or kubesim env --shell fish | source.')
    .option('--shell <name>', 'bash, zsh or fish (default: from $SHELL)')
    .action((_o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const shell = pickShell(o.shell);
      out(envScript(shell, writeShim()));
    });

  program
    .command('shell')
    .summary('A sub-shell where kubectl and k mean kubesim, with completion (kubesim)')
    .description('Start a sub-shell (your $SHELL: bash, zsh or fish) in which kubectl and k mean kubesim, completion is loaded and the prompt shows the current context. exit leaves it.')
    .option('--shell <name>', 'bash, zsh or fish (default: from $SHELL)')
    .action((_o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      const code = runShell(pickShell(o.shell), writeShim());
      if (code) process.exitCode = code;
    });
}

/** kubectl options: the flags every command takes. */
export function registerOptions(program: Command): void {
  program
    .command('options')
    .description('Print the list of flags inherited by all commands')
    .action(() => {
      // Sorted by flag name, as pflag lists them.
      const opts = [...program.options]
        .sort((a, b) => ((a.long ?? '') < (b.long ?? '') ? -1 : 1))
        .map((o) =>
          formatOption({ ...o, description: GLOBAL_DESCRIPTIONS[o.long ?? ''] ?? o.description, defaultDisplay: o.long === '--no-color' ? 'false' : o.long === '--request-timeout' ? "'0'" : o.long === '--as-group' ? '[]' : "''" }),
        );
      out(`The following options can be passed to any command:\n\n${opts.join('\n\n')}\n`);
    });
}

const GLOBAL_DESCRIPTIONS: Record<string, string> = {
  '--request-timeout': "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.",
  '--no-color': 'Do not colour the output, even on a terminal (kubesim; NO_COLOR does the same)',
};
