// The commander program: global flags, verb registration, and kubectl-shaped parse errors.
import { Command, CommanderError } from 'commander';
import { CliError, RawError } from '../api/errors.ts';
import { parseDuration } from '../util/duration.ts';
import { suggestCommands } from './suggest.ts';

export const PROGRAM = 'kubesim';

export interface GlobalOptions {
  namespace?: string;
  context?: string;
  color?: boolean;
}

/** Options a verb sees: its own merged with the global ones. */
export function allOpts<T = Record<string, any>>(cmd: Command): T & GlobalOptions {
  return cmd.optsWithGlobals() as T & GlobalOptions;
}

export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Turns a commander parse error into the text cobra/kubectl prints for the same mistake. */
/** The deepest command named on the command line (options and their values are skipped). */
export function commandFromArgv(program: Command, argv: string[]): Command {
  let cmd = program;
  for (const arg of argv) {
    if (arg === '--') break;
    if (arg.startsWith('-')) continue;
    const sub = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (sub) cmd = sub;
  }
  return cmd;
}

export function translateCommanderError(e: CommanderError, program: Command, argv: string[]): RawError {
  const active = commandFromArgv(program, argv);
  const see = `See '${commandPath(active)} --help' for usage.`;
  const m = e.message;
  switch (e.code) {
    case 'commander.unknownOption': {
      const flag = /'([^']+)'/.exec(m)?.[1] ?? '';
      if (flag.startsWith('--')) return new RawError(`error: unknown flag: ${flag.split('=')[0]}\n${see}`);
      return new RawError(`error: unknown shorthand flag: '${flag[1]}' in ${flag}\n${see}`);
    }
    case 'commander.optionMissingArgument': {
      const flags = /option '([^']+)'/.exec(m)?.[1] ?? '';
      const long = /--[\w-]+/.exec(flags)?.[0];
      const short = /(^|\s)-(\w)\b/.exec(flags)?.[2];
      const used = [...argv].reverse().find((a) => a === long || (short && a === `-${short}`));
      if (used && short && used === `-${short}`) return new RawError(`error: flag needs an argument: '${short}' in -${short}\n${see}`);
      return new RawError(`error: flag needs an argument: ${long ?? flags}\n${see}`);
    }
    case 'commander.unknownCommand': {
      const typed = /'([^']+)'/.exec(m)?.[1] ?? '';
      const names = program.commands.filter((c) => !(c as any)._hidden).map((c) => c.name());
      const suggestions = suggestCommands(typed, names);
      let text = `error: unknown command "${typed}" for "${PROGRAM}"`;
      if (suggestions.length) text += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n`;
      else text += `\nRun '${PROGRAM} --help' for usage.`;
      return new RawError(text);
    }
    case 'commander.missingMandatoryOptionValue': {
      const long = /--([\w-]+)/.exec(m)?.[1] ?? '';
      return new RawError(`error: required flag(s) "${long}" not set`);
    }
    case 'commander.invalidArgument':
      return new RawError(`error: ${m.replace(/^error: /, '')}\n${see}`);
    case 'commander.missingArgument':
      return new RawError(`error: ${m.replace(/^error: /, '')}\nSee '${commandPath(active)} -h' for help and examples`);
    case 'commander.excessArguments':
      return new RawError(`error: ${m.replace(/^error: /, '')}\n${see}`);
    default:
      return new RawError(m.startsWith('error: ') ? m : `error: ${m}`);
  }
}

/** Parses an integer flag the way pflag does, with its error text. */
export function intFlag(flagSpec: string, verbPath: string) {
  return (value: string): number => {
    if (!/^[+-]?\d+$/.test(value)) {
      throw new RawError(
        `error: invalid argument "${value}" for "${flagSpec}" flag: strconv.ParseInt: parsing "${value}": invalid syntax\nSee '${PROGRAM} ${verbPath} --help' for usage.`,
      );
    }
    return Number(value);
  };
}

/** --request-timeout: "0" (none), a Go duration, or a bare number of seconds. */
export function requestTimeoutMs(v: string | undefined): number {
  if (!v || v === '0') return 0;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  try {
    return parseDuration(v);
  } catch {
    throw new CliError('Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
  }
}
