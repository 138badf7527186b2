// Shell completion the way kubectl does it (cobra's "v2" completion): the shell scripts call the hidden
// `kubesim __complete <words...>` command, which prints one candidate per line (`name\tdescription`),
// then `:<directive>`, and on stderr `Completion ended with directive: ...`. `complete()` computes the
// candidates from the commander program and live data the caller supplies; the *Script functions
// generate the bash, zsh and fish scripts that speak this protocol.
//
// Wiring (in main.ts, before commander and normalizeShortFlags see the arguments, because `__complete`
// receives raw words such as `-n`, `-o=` and ''):
//   if (isCompletionRequest(argv)) { const r = completionResponse(program, argv, data); out(r.stdout); err(r.stderr); return 0; }
// and a `completion SHELL` verb printing completionScript(shell, PROGRAM).
import type { Command, Option } from 'commander';
import { RESOURCE_TYPES, lookupResource, type ResourceType } from '../api/resources.ts';

/** Live data from the current cluster and kubeconfig; every method is called only when needed. */
export interface CompletionData {
  /**
   * Names of the objects of `type` (a served plural: `pods`, `deployments`...). `namespace` is the
   * namespace to list; undefined means all namespaces (and is what cluster-scoped types get).
   */
  resourceNames(type: string, namespace: string | undefined): string[];
  namespaces(): string[];
  contexts(): string[];
  /** The namespace of the current context: what names are completed from without -n/-A. */
  currentNamespace: string;
  /** Simulated cluster names; derived from contexts() when absent (`user@cluster` → `cluster`). */
  clusters?(): string[];
}

export interface CompletionResult {
  candidates: string[];
  directive: number;
  /** Why nothing could be completed (cobra prints it on stderr as `[Error] ...`). */
  error?: string;
}

/** cobra's ShellCompDirective bits. */
export const Directive = {
  Default: 0,
  Error: 1,
  NoSpace: 2,
  NoFileComp: 4,
  FilterFileExt: 8,
  FilterDirs: 16,
  KeepOrder: 32,
} as const;

export const COMPLETE_COMMAND = '__complete';
export const COMPLETE_NO_DESC_COMMAND = '__completeNoDesc';
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** `ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp`: how cobra names a directive on stderr. */
export function directiveString(d: number): string {
  if (d >= 64 || d < 0) return `ERROR: unexpected ShellCompDirective value: ${d}`;
  const names = ['Error', 'NoSpace', 'NoFileComp', 'FilterFileExt', 'FilterDirs', 'KeepOrder']
    .filter((_, i) => d & (1 << i))
    .map((n) => `ShellCompDirective${n}`);
  return names.length ? names.join(', ') : 'ShellCompDirectiveDefault';
}

// ---------------------------------------------------------------------------------------------------
// The command line up to the word being completed

interface Walk {
  cmd: Command;
  /** The command's positional arguments before the word being completed. */
  positionals: string[];
  /** Values of the options seen, by option (boolean options map to true). */
  values: Map<Option, string | true>;
  /** Options of `cmd` itself (not inherited) that were used: cobra then stops offering subcommands. */
  usedLocal: boolean;
  /** An option that still waits for its value: the word being completed is that value. */
  pending?: Option;
  afterDashDash: boolean;
  /** Root positional that is no command. */
  unknownCommand?: string;
}

const takesValue = (o: Option) => o.required || o.optional;

function ancestry(cmd: Command): Command[] {
  const chain: Command[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) chain.push(c);
  return chain;
}

/** The option `flag` (`-n`, `--namespace`) means on `cmd`: its own first, then its ancestors' (global). */
function findOption(cmd: Command, flag: string): Option | undefined {
  for (const c of ancestry(cmd)) {
    const o = c.options.find((x) => x.short === flag || x.long === flag);
    if (o) return o;
  }
  return undefined;
}

function findSubcommand(cmd: Command, word: string): Command | undefined {
  return cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
}

function walk(program: Command, words: string[]): Walk {
  const w: Walk = { cmd: program, positionals: [], values: new Map(), usedLocal: false, afterDashDash: false };
  const use = (o: Option, v: string | true) => {
    w.values.set(o, v);
    if (w.cmd.options.includes(o)) w.usedLocal = true;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    w.pending = undefined;
    if (w.afterDashDash) {
      w.positionals.push(word);
      continue;
    }
    if (word === '--') {
      w.afterDashDash = true;
      continue;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const o = findOption(w.cmd, eq < 0 ? word : word.slice(0, eq));
      if (!o) continue;
      if (eq >= 0) use(o, word.slice(eq + 1));
      else if (!takesValue(o)) use(o, true);
      else if (i + 1 < words.length && !(o.optional && words[i + 1].startsWith('-'))) use(o, words[++i]);
      else w.pending = o;
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      // -n ns, -nns, -n=ns, and clusters of boolean shorthands (-Aw).
      for (let j = 1; j < word.length; j++) {
        const o = findOption(w.cmd, `-${word[j]}`);
        if (!o) break;
        if (!takesValue(o)) {
          use(o, true);
          continue;
        }
        const rest = word.slice(j + 1).replace(/^=/, '');
        if (rest) use(o, rest);
        else if (i + 1 < words.length && !(o.optional && words[i + 1].startsWith('-'))) use(o, words[++i]);
        else w.pending = o;
        break;
      }
      continue;
    }
    const sub = w.positionals.length ? undefined : findSubcommand(w.cmd, word);
    if (sub) {
      w.cmd = sub;
      w.usedLocal = false;
      continue;
    }
    if (w.cmd === program && program.commands.length && !w.unknownCommand) w.unknownCommand = word;
    w.positionals.push(word);
  }
  return w;
}

/** `get`, `rollout status`, `config use-context`: the command's path below the program. */
function pathOf(cmd: Command): string {
  return ancestry(cmd)
    .reverse()
    .slice(1)
    .map((c) => c.name())
    .join(' ');
}

function valueOf(w: Walk, long: string): string | true | undefined {
  for (const [o, v] of w.values) if (o.long === long) return v;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Candidates

const firstLine = (s: string | undefined) => (s ?? '').split('\n')[0].trim();
const withDesc = (name: string, desc: string) => (desc ? `${name}\t${desc}` : name);
const uniq = (xs: string[]) => [...new Set(xs)];

function commandDescription(c: Command): string {
  const summary = firstLine(c.summary());
  return summary || firstLine(c.description()).replace(/\.$/, '');
}

function subcommandCandidates(cmd: Command, prefix: string): string[] {
  return cmd
    .createHelp()
    .visibleCommands(cmd)
    // Registered commands only: like cobra below the root, no implicit `help` command.
    .filter((c) => cmd.commands.includes(c) && !c.name().startsWith('__') && c.name().startsWith(prefix))
    .sort((a, b) => (a.name() < b.name() ? -1 : a.name() > b.name() ? 1 : 0))
    .map((c) => withDesc(c.name(), commandDescription(c)));
}

const optionName = (o: Option) => (o.long ?? o.short ?? '').replace(/^-+/, '');
const byName = (a: Option, b: Option) => (optionName(a) < optionName(b) ? -1 : optionName(a) > optionName(b) ? 1 : 0);

/** cobra: inherited flags, then the command's own, each sorted; `--long\tusage` and `-s\tusage`. */
function flagCandidates(w: Walk, prefix: string): string[] {
  const cmd = w.cmd;
  const visible = cmd.createHelp().visibleOptions(cmd);
  const local = visible.filter((o) => !o.hidden);
  const taken = new Set(local.flatMap((o) => [o.long, o.short]).filter(Boolean));
  const inherited: Option[] = [];
  for (const c of ancestry(cmd).slice(1)) {
    for (const o of c.options) {
      if (o.hidden || taken.has(o.long) || taken.has(o.short)) continue;
      inherited.push(o);
      for (const f of [o.long, o.short]) if (f) taken.add(f);
    }
  }
  const repeatable = (o: Option) => o.variadic || Array.isArray(o.defaultValue) || /collect|append|push/i.test((o as any).parseArg?.name ?? '');
  const out: string[] = [];
  for (const o of [...inherited.sort(byName), ...local.sort(byName)]) {
    if (w.values.has(o) && !repeatable(o)) continue;
    const desc = firstLine(!cmd.options.includes(o) && local.includes(o) && o.long === '--help' ? `help for ${cmd.name()}` : o.description);
    if (o.long?.startsWith(prefix)) out.push(withDesc(o.long, desc));
    if (o.short?.startsWith(prefix)) out.push(withDesc(o.short, desc));
  }
  return out;
}

/** What kubesim prints for -o (with `=` where the format needs an argument). */
const SUPPORTED_OUTPUTS = ['json', 'yaml', 'wide', 'name', 'custom-columns=', 'jsonpath=', 'jsonpath-as-json='];

/** The formats an -o option accepts, read from its help text ("One of: (json, yaml, name)"). */
export function outputFormats(option: Option): string[] {
  const desc = option.description ?? '';
  let listed: string[] | undefined;
  const oneOf = /One of:?\s*\(([^)]*)\)/i.exec(desc);
  if (oneOf) listed = oneOf[1].split(/[\s,|]+/).filter(Boolean);
  else if (/'[\w-]+'/.test(desc)) listed = [...desc.matchAll(/'([\w-]+)'/g)].map((m) => m[1]);
  else if (/"-o ([\w-]+)"/.test(desc)) listed = [/"-o ([\w-]+)"/.exec(desc)![1]];
  if (!listed) return [...SUPPORTED_OUTPUTS];
  return SUPPORTED_OUTPUTS.filter((f) => listed!.includes(f.replace(/=$/, '')));
}

function clusterNames(data: CompletionData): string[] {
  if (data.clusters) return data.clusters();
  return uniq(data.contexts().map((c) => (c.includes('@') ? c.slice(c.lastIndexOf('@') + 1) : c)));
}

/** Calls into live data never break completion: a failure completes nothing. */
function safe(fn: () => string[]): string[] {
  try {
    return fn() ?? [];
  } catch {
    return [];
  }
}

const byPrefix = (xs: string[], prefix: string) => xs.filter((x) => x.startsWith(prefix));

interface Ctx {
  w: Walk;
  data: CompletionData;
  toComplete: string;
}

function flagValueCandidates(ctx: Ctx, o: Option, value: string): CompletionResult {
  const { data } = ctx;
  const nofile = Directive.NoFileComp;
  let comps: string[];
  switch (o.long) {
    case '--namespace':
      comps = safe(() => data.namespaces());
      break;
    case '--context':
      comps = safe(() => data.contexts());
      break;
    case '--cluster':
      comps = safe(() => clusterNames(data));
      break;
    case '--output':
      comps = outputFormats(o);
      break;
    case '--dry-run':
      comps = ['none', 'server', 'client'];
      break;
    case '--filename':
    case '--kubeconfig':
      // Let the shell complete file names.
      return { candidates: [], directive: Directive.Default };
    default:
      if (o.argChoices?.length) comps = [...o.argChoices];
      else if (/<bool(ean)?>/.test(o.flags)) comps = ['true', 'false'];
      else comps = [];
  }
  const candidates = byPrefix(comps, value);
  const directive = candidates.length && candidates.every((c) => c.endsWith('=')) ? nofile | Directive.NoSpace : nofile;
  return { candidates, directive };
}

// Resource types and names ------------------------------------------------------------------------

/** Served types as the user may type them: plurals and short names, sorted. */
function typeWords(allowed?: string[]): string[] {
  const words = allowed
    ? allowed.flatMap((p) => {
        const r = RESOURCE_TYPES.find((x) => x.plural === p);
        return r ? [r.plural, ...r.shortNames] : [p];
      })
    : RESOURCE_TYPES.flatMap((r) => [r.plural, ...r.shortNames]);
  return uniq(words).sort();
}

function names(ctx: Ctx, typeWord: string, prefix: string): string[] {
  const types = typeWord
    .split(',')
    .filter(Boolean)
    .map((t) => lookupResource(t))
    .filter((r): r is ResourceType => !!r);
  const out: string[] = [];
  for (const r of uniq(types.map((t) => t.plural)).map((p) => RESOURCE_TYPES.find((x) => x.plural === p)!)) {
    out.push(...safe(() => ctx.data.resourceNames(r.plural, namespaceFor(ctx.w, r, ctx.data))));
  }
  return uniq(byPrefix(out, prefix));
}

function namespaceFor(w: Walk, r: ResourceType, data: CompletionData): string | undefined {
  if (!r.namespaced) return undefined;
  if (valueOf(w, '--all-namespaces') === true) return undefined;
  const ns = valueOf(w, '--namespace');
  return typeof ns === 'string' && ns ? ns : data.currentNamespace;
}

const minus = (xs: string[], taken: string[]) => xs.filter((x) => !taken.includes(x));

/** kubectl's resourceTypeAndNameCompletionFunc: `TYPE NAME...` or `TYPE/NAME...`. */
function typeAndName(allowed: string[] | undefined, allowRepeat: boolean) {
  return (ctx: Ctx): CompletionResult => {
    const args = ctx.w.positionals;
    const tc = ctx.toComplete;
    let candidates: string[] = [];
    let directive: number = Directive.NoFileComp;
    if (args.length && !args[0].includes('/')) {
      if (allowRepeat || args.length === 1) candidates = minus(names(ctx, args[0], tc), args.slice(1));
    } else if (!tc.includes('/')) {
      if (!args.length) {
        // TYPE, or the last of TYPE1,TYPE2,...
        const cut = tc.lastIndexOf(',') + 1;
        candidates = byPrefix(typeWords(allowed), tc.slice(cut)).map((t) => tc.slice(0, cut) + t);
      } else if (allowRepeat) {
        candidates = byPrefix(typeWords(allowed), tc).map((t) => `${t}/`);
        directive |= Directive.NoSpace;
      }
    } else if (allowRepeat || !args.length) {
      const type = tc.slice(0, tc.indexOf('/'));
      candidates = minus(
        names(ctx, type, tc.slice(type.length + 1)).map((n) => `${type}/${n}`),
        args,
      );
    }
    return { candidates, directive };
  };
}

/** Served kinds that own or select pods, for `logs|exec|port-forward TYPE/NAME`. */
const RESOURCES_WITH_PODS = ['daemonsets', 'deployments', 'pods', 'replicasets', 'services'];

/** kubectl's doPodResourceCompletion: pod names, or `TYPE/` then `TYPE/NAME`; first argument only. */
function podOrTypeName(ctx: Ctx): CompletionResult {
  if (ctx.w.positionals.length) return { candidates: [], directive: Directive.NoFileComp };
  const tc = ctx.toComplete;
  if (tc.includes('/')) {
    const type = tc.slice(0, tc.indexOf('/'));
    return { candidates: names(ctx, type, tc.slice(type.length + 1)).map((n) => `${type}/${n}`), directive: Directive.NoFileComp };
  }
  const pods = names(ctx, 'pods', tc);
  const types = byPrefix(RESOURCES_WITH_PODS, tc).map((t) => `${t}/`);
  return { candidates: [...pods, ...types], directive: Directive.NoFileComp | (pods.length ? 0 : Directive.NoSpace) };
}

/** Only the first positional, from a fixed or live list. */
function firstArg(list: (ctx: Ctx) => string[]) {
  return (ctx: Ctx): CompletionResult => ({
    candidates: ctx.w.positionals.length ? [] : byPrefix(list(ctx), ctx.toComplete),
    directive: Directive.NoFileComp,
  });
}

const nodeNames = firstArg((ctx) => names(ctx, 'nodes', ''));
const contextNames = firstArg((ctx) => safe(() => ctx.data.contexts()));
const clusters = firstArg((ctx) => safe(() => clusterNames(ctx.data)));

/** Positional completion, by command path (kubectl's ValidArgsFunction of each command). */
const POSITIONAL: Record<string, (ctx: Ctx) => CompletionResult> = {
  get: typeAndName(undefined, true),
  describe: typeAndName(undefined, true),
  delete: typeAndName(undefined, true),
  edit: typeAndName(undefined, true),
  label: typeAndName(undefined, true),
  annotate: typeAndName(undefined, true),
  'set image': typeAndName(undefined, true),
  'set env': typeAndName(undefined, true),
  'set resources': typeAndName(undefined, true),
  scale: typeAndName(['deployments', 'replicasets', 'statefulsets'], true),
  expose: typeAndName(['pods', 'services', 'deployments', 'replicasets'], false),
  taint: typeAndName(['nodes'], true),
  'rollout status': typeAndName(['deployments'], false),
  'rollout history': typeAndName(['deployments'], false),
  'rollout undo': typeAndName(['deployments'], true),
  'rollout restart': typeAndName(['deployments'], true),
  'rollout pause': typeAndName(['deployments'], true),
  'rollout resume': typeAndName(['deployments'], true),
  logs: podOrTypeName,
  attach: podOrTypeName,
  exec: podOrTypeName,
  'port-forward': podOrTypeName,
  cordon: nodeNames,
  uncordon: nodeNames,
  drain: nodeNames,
  'config use-context': contextNames,
  'config delete-context': contextNames,
  'config rename-context': contextNames,
  'config set-context': contextNames,
  'config get-contexts': contextNames,
  'cluster delete': clusters,
  'cluster reset': clusters,
  completion: firstArg(() => [...COMPLETION_SHELLS]),
};

/**
 * Completes the last of `args` (the words after the program name; '' when the cursor follows a space),
 * the way `kubectl __complete` does.
 */
export function complete(program: Command, args: string[], data: CompletionData): CompletionResult {
  const words = args.length ? args : [''];
  const toComplete = words[words.length - 1];
  const w = walk(program, words.slice(0, -1));
  const ctx: Ctx = { w, data, toComplete };

  if (w.unknownCommand !== undefined) {
    return { candidates: [], directive: Directive.Default, error: `unable to find a command for arguments: [${w.positionals.join(' ')}]` };
  }

  if (!w.afterDashDash) {
    // --flag=value / -f=value
    if (toComplete.startsWith('-') && toComplete.includes('=')) {
      const eq = toComplete.indexOf('=');
      const flag = toComplete.startsWith('--') ? toComplete.slice(0, eq) : `-${toComplete[eq - 1]}`;
      const o = findOption(w.cmd, flag);
      if (!o) return { candidates: [], directive: Directive.Default, error: `Subcommand '${w.cmd.name()}' does not support flag '${flag.replace(/^-+/, '')}'` };
      if (takesValue(o)) return flagValueCandidates(ctx, o, toComplete.slice(eq + 1));
      return { candidates: [], directive: Directive.NoFileComp };
    }
    // --flag value
    if (w.pending && !(w.pending.optional && toComplete.startsWith('-'))) return flagValueCandidates(ctx, w.pending, toComplete);
    if (toComplete.startsWith('-')) return { candidates: flagCandidates(w, toComplete), directive: Directive.NoFileComp };
  }

  const candidates: string[] = [];
  let directive: number = Directive.NoFileComp;
  // cobra offers subcommands before any argument, and not once the verb's own flags were used.
  const subs = !w.positionals.length && !w.usedLocal ? subcommandCandidates(w.cmd, toComplete) : [];
  candidates.push(...subs);

  const positional = POSITIONAL[pathOf(w.cmd)];
  if (positional) {
    const r = positional(ctx);
    // A verb may take its argument as a subcommand (`completion bash`): list it once.
    const subNames = subs.map((c) => c.split('\t')[0]);
    candidates.push(...r.candidates.filter((c) => !subNames.includes(c)));
    directive = r.directive;
  } else {
    // Otherwise the choices commander knows for the argument (Argument.choices()), if any.
    const registered = w.cmd.registeredArguments;
    const last = registered[registered.length - 1];
    const arg = registered[w.positionals.length] ?? (last?.variadic ? last : undefined);
    if (arg?.argChoices?.length) candidates.push(...byPrefix(arg.argChoices, toComplete));
  }
  return { candidates, directive };
}

/**
 * The --context and -n/--namespace given on the command line being completed (the words after the
 * program name), so that the caller builds CompletionData for the cluster the user is addressing.
 */
export function completionScope(program: Command, args: string[]): { context?: string; namespace?: string } {
  const w = walk(program, args.slice(0, -1));
  const str = (v: string | true | undefined) => (typeof v === 'string' && v ? v : undefined);
  return { context: str(valueOf(w, '--context')), namespace: str(valueOf(w, '--namespace')) };
}

// ---------------------------------------------------------------------------------------------------
// The hidden __complete command

export function isCompletionRequest(argv: string[]): boolean {
  return argv[0] === COMPLETE_COMMAND || argv[0] === COMPLETE_NO_DESC_COMMAND;
}

/** `KUBESIM_COMPLETION_DESCRIPTIONS` (or `COBRA_COMPLETION_DESCRIPTIONS`), as cobra reads it. */
function descriptionsWanted(program: Command, env: NodeJS.ProcessEnv): boolean | undefined {
  const v = env[`${program.name().toUpperCase().replace(/[^A-Z0-9_]/g, '_')}_COMPLETION_DESCRIPTIONS`] || env.COBRA_COMPLETION_DESCRIPTIONS;
  if (v === undefined || v === '') return undefined;
  if (/^(1|t|true)$/i.test(v)) return true;
  if (/^(0|f|false)$/i.test(v)) return false;
  return undefined;
}

/** What `__complete` prints: candidates, `:<directive>` on stdout; the directive's name on stderr. */
export function renderCompletion(result: CompletionResult, noDescriptions = false): { stdout: string; stderr: string } {
  const lines = result.candidates.map((c) => (noDescriptions ? c.split('\t')[0] : c).split('\n')[0].trim());
  return {
    stdout: lines.map((l) => `${l}\n`).join('') + `:${result.directive}\n`,
    stderr: (result.error ? `[Error] ${result.error}\n` : '') + `Completion ended with directive: ${directiveString(result.directive)}\n`,
  };
}

/** Answers `kubesim __complete|__completeNoDesc <words...>` (argv without the program name). */
export function completionResponse(program: Command, argv: string[], data: CompletionData, env: NodeJS.ProcessEnv = process.env): { stdout: string; stderr: string } {
  const words = argv.slice(1);
  if (!words.length) {
    return { stdout: '', stderr: `Error: requires at least 1 arg(s), only received 0\n` };
  }
  let noDesc = argv[0] === COMPLETE_NO_DESC_COMMAND;
  if (!noDesc && descriptionsWanted(program, env) === false) noDesc = true;
  return renderCompletion(complete(program, words, data), noDesc);
}

// ---------------------------------------------------------------------------------------------------
// Shell scripts

/** Shell-function-safe form of the program name (`kubesim`, `kubectl`, `my-k8s` → `my_k8s`). */
const ident = (name: string) => name.replace(/[^A-Za-z0-9_]/g, '_');

export function completionScript(shell: CompletionShell, name: string): string {
  switch (shell) {
    case 'bash':
      return bashScript(name);
    case 'zsh':
      return zshScript(name);
    case 'fish':
      return fishScript(name);
  }
}

/**
 * bash: cobra's v2 protocol. Works with the bash-completion package (uses its _get_comp_words_by_ref)
 * and without it (a built-in equivalent re-joins words bash split at `=` and `:`).
 */
export function bashScript(name: string): string {
  const f = ident(name);
  return `# bash completion for ${name}                                   -*- shell-script -*-
#
# Load it into the current shell:
#     source <(${name} completion bash)
# or for every new shell:
#     ${name} completion bash > ~/.local/share/bash-completion/completions/${name}
#
# To complete an alias too, register the same function for it. kubectl's documentation does this
# for 'k' (complete -o default -F __start_kubectl k); here:
#     alias k=${name}
#     complete -o default -F __start_${f} k
#
# Completions come from the hidden command '${name} ${COMPLETE_COMMAND} <words...>': one candidate per
# line (an optional description after a tab), then ':<directive>', a bit field:
# 1 error, 2 no space, 4 no file completion, 8 filter file extensions, 16 directories only,
# 32 keep order. Set BASH_COMP_DEBUG_FILE to a file name to trace what happens.

__${f}_debug()
{
    if [[ -n \${BASH_COMP_DEBUG_FILE-} ]]; then
        echo "$*" >> "\${BASH_COMP_DEBUG_FILE}"
    fi
}

# Sets cur, prev, words and cword. With the bash-completion package, its _get_comp_words_by_ref
# does it; without, the same is done here: words bash split at '=' or ':' (COMP_WORDBREAKS) are
# joined again, so that '-o=json' and 'pod:port' reach ${name} as one word.
__${f}_init_completion()
{
    COMPREPLY=()
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref -n "=:" cur prev words cword
        return
    fi
    local line=\${COMP_LINE-} i w rest glued trackLine=1
    [[ -n \${COMP_POINT-} ]] && line=\${line:0:COMP_POINT}
    [[ -z \${COMP_LINE-} ]] && trackLine=0
    words=()
    cword=0
    for ((i = 0; i <= COMP_CWORD && i < \${#COMP_WORDS[@]}; i++)); do
        w=\${COMP_WORDS[i]}
        glued=0
        if ((trackLine)); then
            rest=\${line#"\${line%%[![:space:]]*}"}
            if ((i > 0 && \${#rest} == \${#line})); then
                glued=1
            fi
            if [[ \$rest == "\$w"* ]]; then
                line=\${rest:\${#w}}
            else
                trackLine=0
                glued=0
            fi
        fi
        if ((glued && \${#words[@]} > 0)) && [[ \$w == [=:]* || \${words[\${#words[@]}-1]} == *[=:] ]]; then
            words[\${#words[@]}-1]+=\$w
        else
            words+=("\$w")
        fi
        if ((i == COMP_CWORD)); then
            cword=$((\${#words[@]} - 1))
        fi
    done
    cur=\${words[cword]-}
    prev=\${words[cword-1]-}
}

# Runs '${name} ${COMPLETE_COMMAND} ...' on the words up to the cursor; sets 'out' and 'directive'.
__${f}_get_completion_results()
{
    local prog requestComp lastParam lastChar args aliasWords
    args=("\${words[@]:1}")
    # Ask the program the user typed: a path, or an alias such as 'k' (expanded here: aliases
    # are not expanded in non-interactive shells, and an alias may carry flags of its own).
    prog=\${words[0]}
    if [[ -n \${BASH_ALIASES[\$prog]+set} ]]; then
        read -ra aliasWords <<< "\${BASH_ALIASES[\$prog]}"
        prog=\${aliasWords[0]}
        args=("\${aliasWords[@]:1}" "\${args[@]}")
    elif [[ \$prog != */* && -z $(type -t "\$prog" 2>/dev/null) ]]; then
        # Registered for a name that is not a command (complete -F __start_${f} k, no alias).
        prog=${name}
    fi
    requestComp="\${prog} ${COMPLETE_COMMAND} \${args[*]}"

    lastParam=\${words[\${#words[@]}-1]}
    lastChar=\${lastParam:\$((\${#lastParam}-1)):1}
    __${f}_debug "lastParam \${lastParam}, lastChar \${lastChar}"

    if [[ -z \${cur} && \${lastChar} != "=" ]]; then
        # The last word is complete (a space follows it): ask for the next one.
        __${f}_debug "Adding extra empty parameter"
        requestComp="\${requestComp} ''"
    fi

    # For --flag=<TAB>, bash replaces only what follows the '='.
    if [[ \${cur} == -*=* ]]; then
        cur=\${cur#*=}
    fi

    __${f}_debug "Calling \${requestComp}"
    # eval, so that quotes and variables on the command line are honoured.
    out=$(eval "\${requestComp}" 2>/dev/null)

    directive=\${out##*:}
    out=\${out%:*}
    if [[ \${directive} == "\${out}" || ! \${directive} =~ ^[0-9]+$ ]]; then
        directive=0
    fi
    __${f}_debug "The completion directive is: \${directive}"
    __${f}_debug "The completions are: \${out}"
}

__${f}_process_completion_results()
{
    local shellCompDirectiveError=1
    local shellCompDirectiveNoSpace=2
    local shellCompDirectiveNoFileComp=4
    local shellCompDirectiveFilterFileExt=8
    local shellCompDirectiveFilterDirs=16

    if (((directive & shellCompDirectiveError) != 0)); then
        __${f}_debug "Received an error: no completion"
        return
    fi
    if (((directive & shellCompDirectiveNoSpace) != 0)); then
        __${f}_debug "Activating no space"
        compopt -o nospace 2>/dev/null
    fi
    if (((directive & shellCompDirectiveNoFileComp) != 0)); then
        __${f}_debug "Activating no file completion"
        compopt +o default 2>/dev/null
    fi

    local completions=() comp
    while IFS='' read -r comp; do
        [[ -n \$comp ]] && completions+=("\$comp")
    done < <(printf "%s\\n" "\${out}")

    if (((directive & shellCompDirectiveFilterFileExt) != 0)); then
        local filter fullFilter=""
        for filter in "\${completions[@]}"; do
            fullFilter+="\$filter|"
        done
        if declare -F _filedir >/dev/null 2>&1; then
            _filedir "\$fullFilter"
        else
            COMPREPLY=($(compgen -f -- "\$cur"))
        fi
    elif (((directive & shellCompDirectiveFilterDirs) != 0)); then
        local subdir=\${completions[0]-}
        if declare -F _filedir >/dev/null 2>&1; then
            if [[ -n \$subdir ]]; then
                pushd "\$subdir" >/dev/null 2>&1 && _filedir -d && popd >/dev/null 2>&1 || return
            else
                _filedir -d
            fi
        else
            COMPREPLY=($(compgen -d -- "\$cur"))
        fi
    else
        __${f}_handle_completion_types
    fi

    __${f}_handle_special_char "\$cur" :
    __${f}_handle_special_char "\$cur" =
}

__${f}_handle_completion_types()
{
    local tab=$'\\t' comp
    case \${COMP_TYPE-} in
    37|42)
        # menu-complete and insert-completions insert the words themselves: no descriptions.
        for comp in "\${completions[@]}"; do
            comp=\${comp%%\$tab*}
            [[ \$comp == "\$cur"* ]] && COMPREPLY+=("\$comp")
        done
        ;;
    *)
        __${f}_handle_standard_completion_case
        ;;
    esac
}

__${f}_handle_standard_completion_case()
{
    local tab=$'\\t' comp compline longest=0
    for compline in "\${completions[@]}"; do
        comp=\${compline%%\$tab*}
        [[ \$comp == "\$cur"* ]] || continue
        COMPREPLY+=("\$compline")
        if ((\${#comp} > longest)); then
            longest=\${#comp}
        fi
    done

    if ((\${#COMPREPLY[@]} == 1)); then
        # A single candidate is inserted: drop its description.
        COMPREPLY[0]=\${COMPREPLY[0]%%\$tab*}
    else
        __${f}_format_comp_descriptions \$longest
    fi
}

# With several candidates bash lists them: show 'name  (description)', aligned, cut to the screen.
__${f}_format_comp_descriptions()
{
    local tab=$'\\t' longest=$1 columns=\${COLUMNS:-80} ci i comp desc maxdesclength
    for ci in \${!COMPREPLY[*]}; do
        comp=\${COMPREPLY[ci]}
        [[ \$comp == *\$tab* ]] || continue
        desc=\${comp#*\$tab}
        comp=\${comp%%\$tab*}
        maxdesclength=$((columns - longest - 4))
        if ((maxdesclength > 8)); then
            for ((i = \${#comp}; i < longest; i++)); do
                comp+=" "
            done
        else
            maxdesclength=$((columns - \${#comp} - 4))
        fi
        if ((maxdesclength > 0)); then
            if ((\${#desc} > maxdesclength)); then
                desc=\${desc:0:\$((maxdesclength - 1))}…
            fi
            comp+="  (\$desc)"
        fi
        COMPREPLY[ci]=\$comp
    done
}

# bash replaces only the part of the word after the last COMP_WORDBREAKS character (':' or '=').
__${f}_handle_special_char()
{
    local comp=$1 char=$2
    if [[ \$comp == *\${char}* && \${COMP_WORDBREAKS-} == *\${char}* ]]; then
        local word=\${comp%"\${comp##*\${char}}"}
        local idx=\${#COMPREPLY[*]}
        while ((--idx >= 0)); do
            COMPREPLY[idx]=\${COMPREPLY[idx]#"\$word"}
        done
    fi
}

__start_${f}()
{
    local cur prev words cword split

    COMPREPLY=()
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion -n "=:" || return
    else
        __${f}_init_completion || return
    fi

    __${f}_debug
    __${f}_debug "========= starting completion logic =========="
    __${f}_debug "cur is \${cur}, words[*] is \${words[*]}, #words[@] is \${#words[@]}, cword is \$cword"

    # The cursor may be in the middle of the line: complete the word under it.
    words=("\${words[@]:0:\$cword+1}")

    local out directive
    __${f}_get_completion_results
    __${f}_process_completion_results
}

if [[ $(type -t compopt) = "builtin" ]]; then
    complete -o default -F __start_${f} ${name}
else
    complete -o default -o nospace -F __start_${f} ${name}
fi

# ex: ts=4 sw=4 et filetype=sh
`;
}

/** zsh: the same protocol, through _describe. */
export function zshScript(name: string): string {
  const f = ident(name);
  return `#compdef ${name}
compdef _${f} ${name}

# zsh completion for ${name}                                    -*- shell-script -*-
#
# Load it into the current shell (after 'autoload -U compinit; compinit'):
#     source <(${name} completion zsh)
# or for every new shell:
#     ${name} completion zsh > "\${fpath[1]}/_${name}"
# An alias such as 'k' is completed like ${name} with:  compdef k=${name}
#
# Candidates come from '${name} ${COMPLETE_COMMAND} <words...>' (see '${name} completion bash' for the
# protocol). Set BASH_COMP_DEBUG_FILE to a file name to trace what happens.

__${f}_debug()
{
    local file="$BASH_COMP_DEBUG_FILE"
    if [[ -n \${file} ]]; then
        echo "$*" >> "\${file}"
    fi
}

_${f}()
{
    local shellCompDirectiveError=1
    local shellCompDirectiveNoSpace=2
    local shellCompDirectiveNoFileComp=4
    local shellCompDirectiveFilterFileExt=8
    local shellCompDirectiveFilterDirs=16
    local shellCompDirectiveKeepOrder=32

    local lastParam lastChar flagPrefix requestComp out directive comp lastLine noSpace keepOrder
    local -a completions

    __${f}_debug "\\n========= starting completion logic =========="
    __${f}_debug "CURRENT: \${CURRENT}, words[*]: \${words[*]}"

    # Complete the word under the cursor: drop what follows it.
    words=( "\${=words[1,CURRENT]}" )
    lastParam=\${words[-1]}
    lastChar=\${lastParam[-1]}

    # For --flag=<TAB>, the candidates must carry the '--flag=' prefix.
    setopt local_options BASH_REMATCH
    if [[ "\${lastParam}" =~ '-.*=' ]]; then
        flagPrefix="-P \${BASH_REMATCH}"
    fi

    requestComp="\${words[1]} ${COMPLETE_COMMAND} \${words[2,-1]}"
    if [ "\${lastChar}" = "" ]; then
        # The last word is complete (a space follows it): ask for the next one.
        requestComp="\${requestComp} \\"\\""
    fi
    __${f}_debug "About to call: eval \${requestComp}"
    out=$(eval \${requestComp} 2>/dev/null)
    __${f}_debug "completion output: \${out}"

    # The last line is ':<directive>'.
    while IFS='\\n' read -r line; do
        lastLine=\${line}
    done < <(printf "%s\\n" "\${out[@]}")
    if [ "\${lastLine[1]}" = : ]; then
        directive=\${lastLine[2,-1]}
        local suffix
        (( suffix=\${#lastLine}+2 ))
        out=\${out[1,-\$suffix]}
    else
        directive=0
    fi
    __${f}_debug "directive: \${directive}"

    if [ $((directive & shellCompDirectiveError)) -ne 0 ]; then
        __${f}_debug "Completion received error. Ignoring completions."
        return
    fi

    local tab=$(printf '\\t')
    while IFS='\\n' read -r comp; do
        if [ -n "$comp" ]; then
            # _describe separates a word from its description with ':'; escape the word's own.
            comp=\${comp//:/\\\\:}
            comp=\${comp//$tab/:}
            completions+=\${comp}
        fi
    done < <(printf "%s\\n" "\${out[@]}")

    if [ $((directive & shellCompDirectiveNoSpace)) -ne 0 ]; then
        noSpace="-S ''"
    fi
    if [ $((directive & shellCompDirectiveKeepOrder)) -ne 0 ]; then
        keepOrder="-V"
    fi

    if [ $((directive & shellCompDirectiveFilterFileExt)) -ne 0 ]; then
        local filteringCmd='_files' filter
        for filter in \${completions[@]}; do
            if [ \${filter[1]} != '*' ]; then
                filter="\\*.$filter"
            fi
            filteringCmd+=" -g $filter"
        done
        filteringCmd+=" \${flagPrefix}"
        _arguments '*:filename:'"$filteringCmd"
    elif [ $((directive & shellCompDirectiveFilterDirs)) -ne 0 ]; then
        local subdir result
        subdir="\${completions[1]}"
        if [ -n "$subdir" ]; then
            pushd "\${subdir}" >/dev/null 2>&1
        fi
        _arguments '*:dirname:_files -/'" \${flagPrefix}"
        result=$?
        if [ -n "$subdir" ]; then
            popd >/dev/null 2>&1
        fi
        return $result
    else
        if eval _describe $keepOrder "completions" completions $flagPrefix $noSpace; then
            return 0
        fi
        if [ $((directive & shellCompDirectiveNoFileComp)) -ne 0 ]; then
            # No candidates, and no file names either: let zsh try its other matchers.
            return 1
        fi
        _arguments '*:filename:_files'" \${flagPrefix}"
    fi
}

# Run when autoloaded from fpath, not when sourced.
if [ "$funcstack[1]" = "_${f}" ]; then
    _${f} "$@"
fi
`;
}

/** fish: the same protocol; results are computed once per <TAB> and handed to `complete -a`. */
export function fishScript(name: string): string {
  const f = ident(name);
  return `# fish completion for ${name}                                   -*- shell-script -*-
#
# Load it into the current shell:
#     ${name} completion fish | source
# or for every new shell:
#     ${name} completion fish > ~/.config/fish/completions/${name}.fish
# An alias such as 'k' is completed like ${name} with:  complete -c k -w ${name}
#
# Candidates come from '${name} ${COMPLETE_COMMAND} <words...>' (see '${name} completion bash' for the
# protocol). Set BASH_COMP_DEBUG_FILE to a file name to trace what happens.

function __${f}_debug
    set -l file "$BASH_COMP_DEBUG_FILE"
    if test -n "$file"
        echo "$argv" >> $file
    end
end

function __${f}_perform_completion
    # The words before the cursor, and the (escaped) word under it.
    set -l args (commandline -opc)
    set -l lastArg (string escape -- (commandline -ct))
    __${f}_debug "args: $args"
    __${f}_debug "last arg: $lastArg"

    set -l requestComp "$args[1] ${COMPLETE_COMMAND} $args[2..-1] $lastArg"
    __${f}_debug "Calling $requestComp"
    set -l results (eval $requestComp 2> /dev/null)

    # Ignore empty lines after the directive.
    for line in $results[-1..1]
        if test (string trim -- $line) = ""
            set results $results[1..-2]
        else
            break
        end
    end

    set -l comps $results[1..-2]
    set -l directiveLine $results[-1]

    # For --flag=<TAB>, the candidates must carry the '--flag=' prefix.
    set -l flagPrefix (string match -r -- '-.*=' "$lastArg")

    for comp in $comps
        printf "%s%s\\n" "$flagPrefix" "$comp"
    end
    printf "%s\\n" "$directiveLine"
end

# Asks ${name} once per completion; the result is kept in $__${f}_perform_completion_once_result.
function __${f}_perform_completion_once
    if test -n "$__${f}_perform_completion_once_result"
        return 0
    end
    set --global __${f}_perform_completion_once_result (__${f}_perform_completion)
    if test -z "$__${f}_perform_completion_once_result"
        __${f}_debug "No completions, probably due to a failure"
        return 1
    end
    return 0
end

function __${f}_clear_perform_completion_once_result
    __${f}_debug "========= clearing the cached completion result =========="
    set --erase __${f}_perform_completion_once_result
end

function __${f}_requires_order_preservation
    __${f}_perform_completion_once
    or return 1
    set -l directive (string sub --start 2 $__${f}_perform_completion_once_result[-1])
    set -l shellCompDirectiveKeepOrder 32
    set -l keeporder (math (math --scale 0 $directive / $shellCompDirectiveKeepOrder) % 2)
    test $keeporder -ne 0
end

# Puts the candidates in $__${f}_comp_results; fails when fish should complete file names instead.
function __${f}_prepare_completions
    __${f}_debug ""
    __${f}_debug "========= starting completion logic =========="
    set --erase __${f}_comp_results

    __${f}_perform_completion_once
    or return 1

    set -l directive (string sub --start 2 $__${f}_perform_completion_once_result[-1])
    set --global __${f}_comp_results $__${f}_perform_completion_once_result[1..-2]
    __${f}_debug "Completions are: $__${f}_comp_results"
    __${f}_debug "Directive is: $directive"

    set -l shellCompDirectiveError 1
    set -l shellCompDirectiveNoSpace 2
    set -l shellCompDirectiveNoFileComp 4
    set -l shellCompDirectiveFilterFileExt 8
    set -l shellCompDirectiveFilterDirs 16
    if test -z "$directive"
        set directive 0
    end

    set -l compErr (math (math --scale 0 $directive / $shellCompDirectiveError) % 2)
    if test $compErr -eq 1
        return 1
    end
    set -l filefilter (math (math --scale 0 $directive / $shellCompDirectiveFilterFileExt) % 2)
    set -l dirfilter (math (math --scale 0 $directive / $shellCompDirectiveFilterDirs) % 2)
    if test $filefilter -eq 1; or test $dirfilter -eq 1
        # Not supported by fish: complete any file name.
        return 1
    end

    set -l nospace (math (math --scale 0 $directive / $shellCompDirectiveNoSpace) % 2)
    set -l nofiles (math (math --scale 0 $directive / $shellCompDirectiveNoFileComp) % 2)

    if test $nospace -ne 0; or test $nofiles -eq 0
        # Count the candidates that match what is typed.
        set -l prefix (commandline -t | string escape --style=regex)
        set --global __${f}_comp_results (string match -r -- "^$prefix.*" $__${f}_comp_results)
        set -l numComps (count $__${f}_comp_results)

        if test $numComps -eq 1; and test $nospace -ne 0
            # fish adds no space after @=/:., ; otherwise offer a second, longer candidate so it can't.
            set -l split (string split --max 1 \\t $__${f}_comp_results[1])
            set -l lastChar (string sub -s -1 -- $split)
            if not string match -r -q "[@=/:.,]" -- "$lastChar"
                set --global __${f}_comp_results $split[1] $split[1].
            end
        end

        if test $numComps -eq 0; and test $nofiles -eq 0
            # Like bash and zsh: file names only when there is nothing else.
            return 1
        end
    end
    return 0
end

# Load any completions fish already has for ${name} now, so that they can be replaced.
if type -q "${name}"
    complete --do-complete "${name} " > /dev/null 2>&1
end
complete -c ${name} -e

# Runs last (complete evaluates conditions in order): forget this <TAB>'s cached result.
complete -c ${name} -n '__${f}_clear_perform_completion_once_result'
complete -c ${name} -n 'not __${f}_requires_order_preservation && __${f}_prepare_completions' -f -a '$__${f}_comp_results'
complete -k -c ${name} -n '__${f}_requires_order_preservation && __${f}_prepare_completions' -f -a '$__${f}_comp_results'
`;
}
