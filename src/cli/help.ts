// kubectl v1.32's help screens: `kubesim --help` (and `kubesim` alone), and `kubesim <verb> --help`.
//
// The texts (summaries, descriptions, examples, usage lines, aliases) are kubectl's own, taken from
// `kubectl <path> --help` with the program name replaced by CMD_PLACEHOLDER, which the renderers
// substitute (URLs and the `kubectl.kubernetes.io/...` annotation domain keep their `kubectl`).
// The layout follows kubectl's templates (k8s.io/kubectl/pkg/util/templates) as printed to a pipe
// or file, i.e. without terminal word wrapping:
//   - command lists: `  ` + rpad(name, padding) + `   ` + summary, where padding is cobra's
//     NamePadding(): the longest sibling name, at least 11;
//   - options: sorted by long name, `    -A, --all-namespaces=false:` then the description on the
//     next line after a tab, a blank line between options; string defaults are quoted (`--output=''`).
// Both renderers return the whole screen, ending with a newline, ready for process.stdout.write.

/** Stands for the program name in VERB_HELP and KUBECTL_GROUPS texts. */
export const CMD_PLACEHOLDER = '%CMD%';

export interface VerbHelpEntry {
  /** The one-line summary shown in the parent's command list (cobra's Short). */
  summary: string;
  /** The description paragraphs, exactly as kubectl prints them (cobra's Long, trimmed). */
  description: string;
  /** The Examples block without its header ('' when kubectl shows none). */
  examples: string;
  /** What follows `<name> <path>` on the Usage line (e.g. `[flags] [options]`). */
  usage: string;
  /** Other names of the command (kubectl prints `Aliases:` then `name, alias...`). */
  aliases?: string[];
}

export interface HelpGroup {
  title: string;
  commands: readonly (readonly [string, string])[];
}

/**
 * One option of a verb. A commander `Option` fits this shape as is (flags, description, defaultValue,
 * required/optional/variadic, negate, hidden), so `cmd.options` can be passed straight through.
 */
export interface HelpOption {
  /** Commander-style flags: `-A, --all-namespaces`, `-o, --output <format>`, `--since <duration>`. */
  flags: string;
  description: string;
  /** The flag's default; how it is shown depends on the type (see `type`). */
  defaultValue?: unknown;
  /** Whether the flag takes a value; inferred from required/optional/`<arg>`/`[arg]` when absent. */
  takesValue?: boolean;
  /**
   * pflag's value type, which decides the default's display: bool `false`, string `''` (quoted),
   * int/float `500`, stringSlice/stringArray `[]` or `[a,b]`, duration `0s`/`5m0s` (a number
   * defaultValue counts seconds), map `[]`. Inferred when absent: no value → bool; a boolean
   * default → bool; an array default or a variadic arg → stringSlice; a number → int/float;
   * anything else → string.
   */
  type?: 'bool' | 'string' | 'int' | 'float' | 'stringSlice' | 'stringArray' | 'duration' | 'map';
  /** The exact text to show after `=` (overrides everything above), e.g. `-1` or `'kubectl-create'`. */
  defaultDisplay?: string;
  required?: boolean;
  optional?: boolean;
  variadic?: boolean;
  hidden?: boolean;
}

const MIN_NAME_PADDING = 11; // cobra's minNamePadding

function subst(text: string, name: string): string {
  return text.split(CMD_PLACEHOLDER).join(name);
}

function commandLines(commands: readonly (readonly [string, string])[], padding: number): string[] {
  return commands.map(([cmd, summary]) => `  ${cmd.padEnd(padding)}   ${summary}`);
}

function namePadding(names: string[]): number {
  return Math.max(MIN_NAME_PADDING, ...names.map((n) => n.length));
}

/**
 * kubectl's root help: the intro, kubectl's command groups (only the verbs in `available`, in kubectl's
 * order; a group left empty is dropped, except the plugins group, which kubectl always prints), the
 * `extraGroups` after `Other Commands:`, then the Usage line and the two hints.
 */
export function rootHelp(name: string, available: readonly string[], extraGroups: readonly HelpGroup[]): string {
  const have = new Set(available);
  const groups: { title: string; commands: (readonly [string, string])[] }[] = [];
  for (const g of KUBECTL_GROUPS) {
    const commands = g.commands.filter(([cmd]) => have.has(cmd)).map(([cmd, s]) => [cmd, subst(s, name)] as const);
    if (commands.length || g.title === PLUGINS_GROUP) groups.push({ title: g.title, commands });
  }
  for (const g of extraGroups) groups.push({ title: g.title, commands: [...g.commands] });
  const padding = namePadding(groups.flatMap((g) => g.commands.map(([cmd]) => cmd)));
  const body = groups.map((g) => [g.title, ...commandLines(g.commands, padding)].join('\n')).join('\n\n');
  return (
    `${subst(ROOT_INTRO, name)}\n\n${body}\n\n` +
    `Usage:\n  ${name} [flags] [options]\n\n` +
    `Use "${name} <command> --help" for more information about a given command.\n` +
    `Use "${name} options" for a list of global command-line options (applies to all commands).\n`
  );
}

/** Formats a number of seconds the way Go's time.Duration prints (0s, 30s, 5m0s, 1h0m0s, 1.5s). */
function goDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  rest -= m * 60;
  const s = `${Number(rest.toFixed(9))}s`;
  if (h) return `${sign}${h}h${m}m${s}`;
  if (m) return `${sign}${m}m${s}`;
  return `${sign}${s}`;
}

/** The parts of commander-style flags: `-A, --all-namespaces` → { short: 'A', long: 'all-namespaces' }. */
function parseFlags(flags: string): { short?: string; long?: string } {
  const short = /(?:^|[\s,|])-([A-Za-z0-9?])(?=$|[\s,|=<[])/.exec(flags)?.[1];
  const long = /(?:^|[\s,|])--([A-Za-z0-9][\w-]*)/.exec(flags)?.[1];
  return { short, long };
}

function defaultDisplay(opt: HelpOption): string {
  if (opt.defaultDisplay !== undefined) return opt.defaultDisplay;
  const d = opt.defaultValue;
  const takesValue = opt.takesValue ?? (opt.required || opt.optional || /[<[]/.test(opt.flags));
  let type = opt.type;
  if (!type) {
    if (!takesValue || typeof d === 'boolean') type = 'bool';
    else if (Array.isArray(d) || opt.variadic || /\.\.\.[>\]]/.test(opt.flags)) type = 'stringSlice';
    else if (typeof d === 'number') type = Number.isInteger(d) ? 'int' : 'float';
    else type = 'string';
  }
  switch (type) {
    case 'bool':
      return String(d === true || d === 'true');
    case 'string':
      return `'${d === undefined || d === null ? '' : String(d)}'`;
    case 'int':
    case 'float':
      return d === undefined || d === null || d === '' ? '0' : String(d);
    case 'stringSlice':
    case 'stringArray':
      if (Array.isArray(d)) return `[${d.map(String).join(',')}]`;
      return d === undefined || d === null || d === '' ? '[]' : `[${String(d)}]`;
    case 'duration':
      if (typeof d === 'number') return goDuration(d);
      return d === undefined || d === null || d === '' ? '0s' : String(d);
    case 'map':
      if (d && typeof d === 'object' && !Array.isArray(d)) {
        const entries = Object.entries(d as Record<string, unknown>);
        return `[${entries.map(([k, v]) => `${k}=${String(v)}`).join(',')}]`;
      }
      return '[]';
  }
}

/** One option as kubectl's help prints it (no trailing newline): the flag line, then `\t` + description. */
export function formatOption(opt: HelpOption): string {
  const { short, long } = parseFlags(opt.flags);
  const flag = long ? `--${long}` : `-${short ?? ''}`;
  const head = short && long ? `    -${short}, ${flag}` : `    ${flag}`;
  return `${head}=${defaultDisplay(opt)}:\n${opt.description}`.replace(/\n/g, '\n\t');
}

function optionSortKey(opt: HelpOption): string {
  const { short, long } = parseFlags(opt.flags);
  return long ?? short ?? opt.flags;
}

/**
 * A verb's help the way kubectl prints it: description, Aliases, Examples, the subcommands (for
 * parents: `subcommands` names the ones to list, by default every child of `path` in VERB_HELP),
 * Options (`options` as given, minus hidden ones and --help, sorted like pflag), Usage, and the
 * hints. `path` is the command path without the program name: 'get', 'create deployment'.
 */
export function verbHelp(
  name: string,
  path: string,
  options: readonly HelpOption[],
  subcommands?: readonly string[],
): string {
  const entry = VERB_HELP[path];
  const sections: string[] = [];
  const description = entry ? entry.description : '';
  const leaf = path.split(' ').at(-1) ?? path;
  if (entry?.aliases?.length) sections.push(`Aliases:\n${[leaf, ...entry.aliases].join(', ')}`);
  if (entry?.examples) sections.push(`Examples:\n${entry.examples.trimEnd()}`);

  const prefix = `${path} `;
  const subs = [
    ...(subcommands ??
      Object.keys(VERB_HELP)
        .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes(' '))
        .map((k) => k.slice(prefix.length))),
  ].sort();
  if (subs.length) {
    const rows = subs.map((s) => [s, VERB_HELP[prefix + s]?.summary ?? SUB_SUMMARIES[prefix + s] ?? ''] as const);
    sections.push(['Available Commands:', ...commandLines(rows, namePadding(subs))].join('\n'));
  }

  const visible = options
    .filter((o) => !o.hidden && parseFlags(o.flags).long !== 'help')
    .map((o) => ({ key: optionSortKey(o), text: formatOption(o) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (visible.length) sections.push(`Options:\n${visible.map((o) => o.text).join('\n\n').trimEnd()}`);

  const usage = entry?.usage ? `${name} ${path} ${entry.usage}` : `${name} ${path} [flags] [options]`;
  sections.push(`Usage:\n  ${usage}`);

  let out = `${subst(description, name)}\n\n${subst(sections.join('\n\n'), name)}\n\n`;
  if (subs.length) out += `Use "${name} ${path} <command> --help" for more information about a given command.\n`;
  out += `Use "${name} options" for a list of global command-line options (applies to all commands).\n`;
  return out;
}

const PLUGINS_GROUP = 'Subcommands provided by plugins:';

// ---------------------------------------------------------------------------------------------------
// kubectl v1.32's texts (from `kubectl --help` and `kubectl <path> --help`).

const ROOT_INTRO = [
  '%CMD% controls the Kubernetes cluster manager.',
  '',
  ' Find more information at: https://kubernetes.io/docs/reference/kubectl/',
].join('\n');

/** kubectl v1.32's root command groups, in its order (summaries as `kubectl --help` prints them). */
export const KUBECTL_GROUPS: readonly { title: string; commands: readonly (readonly [string, string])[] }[] = [
  {
    title: 'Basic Commands (Beginner):',
    commands: [
      ['create', 'Create a resource from a file or from stdin'],
      ['expose', 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service'],
      ['run', 'Run a particular image on the cluster'],
      ['set', 'Set specific features on objects'],
    ],
  },
  {
    title: 'Basic Commands (Intermediate):',
    commands: [
      ['explain', 'Get documentation for a resource'],
      ['get', 'Display one or many resources'],
      ['edit', 'Edit a resource on the server'],
      ['delete', 'Delete resources by file names, stdin, resources and names, or by resources and label selector'],
    ],
  },
  {
    title: 'Deploy Commands:',
    commands: [
      ['rollout', 'Manage the rollout of a resource'],
      ['scale', 'Set a new size for a deployment, replica set, or replication controller'],
      ['autoscale', 'Auto-scale a deployment, replica set, stateful set, or replication controller'],
    ],
  },
  {
    title: 'Cluster Management Commands:',
    commands: [
      ['certificate', 'Modify certificate resources'],
      ['cluster-info', 'Display cluster information'],
      ['top', 'Display resource (CPU/memory) usage'],
      ['cordon', 'Mark node as unschedulable'],
      ['uncordon', 'Mark node as schedulable'],
      ['drain', 'Drain node in preparation for maintenance'],
      ['taint', 'Update the taints on one or more nodes'],
    ],
  },
  {
    title: 'Troubleshooting and Debugging Commands:',
    commands: [
      ['describe', 'Show details of a specific resource or group of resources'],
      ['logs', 'Print the logs for a container in a pod'],
      ['attach', 'Attach to a running container'],
      ['exec', 'Execute a command in a container'],
      ['port-forward', 'Forward one or more local ports to a pod'],
      ['proxy', 'Run a proxy to the Kubernetes API server'],
      ['cp', 'Copy files and directories to and from containers'],
      ['auth', 'Inspect authorization'],
      ['debug', 'Create debugging sessions for troubleshooting workloads and nodes'],
      ['events', 'List events'],
    ],
  },
  {
    title: 'Advanced Commands:',
    commands: [
      ['diff', 'Diff the live version against a would-be applied version'],
      ['apply', 'Apply a configuration to a resource by file name or stdin'],
      ['patch', 'Update fields of a resource'],
      ['replace', 'Replace a resource by file name or stdin'],
      ['wait', 'Experimental: Wait for a specific condition on one or many resources'],
      ['kustomize', 'Build a kustomization target from a directory or URL'],
    ],
  },
  {
    title: 'Settings Commands:',
    commands: [
      ['label', 'Update the labels on a resource'],
      ['annotate', 'Update the annotations on a resource'],
      ['completion', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'],
    ],
  },
  {
    title: 'Subcommands provided by plugins:',
    commands: [
    ],
  },
  {
    title: 'Other Commands:',
    commands: [
      ['api-resources', 'Print the supported API resources on the server'],
      ['api-versions', 'Print the supported API versions on the server, in the form of "group/version"'],
      ['config', 'Modify kubeconfig files'],
      ['plugin', 'Provides utilities for interacting with plugins'],
      ['version', 'Print the client and server version information'],
    ],
  },
];

/** One-line summaries of kubectl's subcommands under the parents kubesim has (as their `Available Commands:` list them). */
const SUB_SUMMARIES: Record<string, string> = {
  'create clusterrole': 'Create a cluster role',
  'create clusterrolebinding': 'Create a cluster role binding for a particular cluster role',
  'create configmap': 'Create a config map from a local file, directory or literal value',
  'create cronjob': 'Create a cron job with the specified name',
  'create deployment': 'Create a deployment with the specified name',
  'create ingress': 'Create an ingress with the specified name',
  'create job': 'Create a job with the specified name',
  'create namespace': 'Create a namespace with the specified name',
  'create poddisruptionbudget': 'Create a pod disruption budget with the specified name',
  'create priorityclass': 'Create a priority class with the specified name',
  'create quota': 'Create a quota with the specified name',
  'create role': 'Create a role with single rule',
  'create rolebinding': 'Create a role binding for a particular role or cluster role',
  'create secret': 'Create a secret using a specified subcommand',
  'create service': 'Create a service using a specified subcommand',
  'create serviceaccount': 'Create a service account with the specified name',
  'create token': 'Request a service account token',
  'create service clusterip': 'Create a ClusterIP service',
  'create service externalname': 'Create an ExternalName service',
  'create service loadbalancer': 'Create a LoadBalancer service',
  'create service nodeport': 'Create a NodePort service',
  'create secret docker-registry': 'Create a secret for use with a Docker registry',
  'create secret generic': 'Create a secret from a local file, directory, or literal value',
  'create secret tls': 'Create a TLS secret',
  'apply edit-last-applied': 'Edit latest last-applied-configuration annotations of a resource/object',
  'apply set-last-applied': 'Set the last-applied-configuration annotation on a live object to match the contents of a file',
  'apply view-last-applied': 'View the latest last-applied-configuration annotations of a resource/object',
  'rollout history': 'View rollout history',
  'rollout pause': 'Mark the provided resource as paused',
  'rollout restart': 'Restart a resource',
  'rollout resume': 'Resume a paused resource',
  'rollout status': 'Show the status of the rollout',
  'rollout undo': 'Undo a previous rollout',
  'set env': 'Update environment variables on a pod template',
  'set image': 'Update the image of a pod template',
  'set resources': 'Update resource requests/limits on objects with pod templates',
  'set selector': 'Set the selector on a resource',
  'set serviceaccount': 'Update the service account of a resource',
  'set subject': 'Update the user, group, or service account in a role binding or cluster role binding',
  'top node': 'Display resource (CPU/memory) usage of nodes',
  'top pod': 'Display resource (CPU/memory) usage of pods',
  'cluster-info dump': 'Dump relevant information for debugging and diagnosis',
  'config current-context': 'Display the current-context',
  'config delete-cluster': 'Delete the specified cluster from the kubeconfig',
  'config delete-context': 'Delete the specified context from the kubeconfig',
  'config delete-user': 'Delete the specified user from the kubeconfig',
  'config get-clusters': 'Display clusters defined in the kubeconfig',
  'config get-contexts': 'Describe one or many contexts',
  'config get-users': 'Display users defined in the kubeconfig',
  'config rename-context': 'Rename a context from the kubeconfig file',
  'config set': 'Set an individual value in a kubeconfig file',
  'config set-cluster': 'Set a cluster entry in kubeconfig',
  'config set-context': 'Set a context entry in kubeconfig',
  'config set-credentials': 'Set a user entry in kubeconfig',
  'config unset': 'Unset an individual value in a kubeconfig file',
  'config use-context': 'Set the current-context in a kubeconfig file',
  'config view': 'Display merged kubeconfig settings or a specified kubeconfig file',
};

export const VERB_HELP: Record<string, VerbHelpEntry> = {
  'get': {
    summary: 'Display one or many resources',
    description: [
      'Display one or many resources.',
      '',
      ' Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don\'t specify any namespace.',
      '',
      ' By specifying the output as \'template\' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.',
      '',
      'Use "%CMD% api-resources" for a complete list of supported resources.',
    ].join('\n'),
    examples: [
      '  # List all pods in ps output format',
      '  %CMD% get pods',
      '  ',
      '  # List all pods in ps output format with more information (such as node name)',
      '  %CMD% get pods -o wide',
      '  ',
      '  # List a single replication controller with specified NAME in ps output format',
      '  %CMD% get replicationcontroller web',
      '  ',
      '  # List deployments in JSON output format, in the "v1" version of the "apps" API group',
      '  %CMD% get deployments.v1.apps -o json',
      '  ',
      '  # List a single pod in JSON output format',
      '  %CMD% get -o json pod web-pod-13je7',
      '  ',
      '  # List a pod identified by type and name specified in "pod.yaml" in JSON output format',
      '  %CMD% get -f pod.yaml -o json',
      '  ',
      '  # List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml',
      '  %CMD% get -k dir/',
      '  ',
      '  # Return only the phase value of the specified pod',
      '  %CMD% get -o template pod/web-pod-13je7 --template={{.status.phase}}',
      '  ',
      '  # List resource information in custom columns',
      '  %CMD% get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image',
      '  ',
      '  # List all replication controllers and services together in ps output format',
      '  %CMD% get rc,services',
      '  ',
      '  # List one or more resources by their type and names',
      '  %CMD% get rc/web service/frontend pods/web-pod-13je7',
      '  ',
      '  # List the \'status\' subresource for a single pod',
      '  %CMD% get pod web-pod-13je7 --subresource status',
      '  ',
      '  # List all deployments in namespace \'backend\'',
      '  %CMD% get deployments.apps --namespace backend',
      '  ',
      '  # List all pods existing in all namespaces',
      '  %CMD% get pods --all-namespaces',
    ].join('\n'),
    usage: '[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  },
  'describe': {
    summary: 'Show details of a specific resource or group of resources',
    description: [
      'Show details of a specific resource or group of resources.',
      '',
      ' Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:',
      '',
      '        $ %CMD% describe TYPE NAME_PREFIX',
      '        ',
      ' will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.',
      '',
      'Use "%CMD% api-resources" for a complete list of supported resources.',
    ].join('\n'),
    examples: [
      '  # Describe a node',
      '  %CMD% describe nodes kubernetes-node-emt8.c.myproject.internal',
      '  ',
      '  # Describe a pod',
      '  %CMD% describe pods/nginx',
      '  ',
      '  # Describe a pod identified by type and name in "pod.json"',
      '  %CMD% describe -f pod.json',
      '  ',
      '  # Describe all pods',
      '  %CMD% describe pods',
      '  ',
      '  # Describe pods by label name=myLabel',
      '  %CMD% describe pods -l name=myLabel',
      '  ',
      '  # Describe all pods managed by the \'frontend\' replication controller',
      '  # (rc-created pods get the name of the rc as a prefix in the pod name)',
      '  %CMD% describe pods frontend',
    ].join('\n'),
    usage: '(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  },
  'create': {
    summary: 'Create a resource from a file or from stdin',
    description: [
      'Create a resource from a file or from stdin.',
      '',
      ' JSON and YAML formats are accepted.',
    ].join('\n'),
    examples: [
      '  # Create a pod using the data in pod.json',
      '  %CMD% create -f ./pod.json',
      '  ',
      '  # Create a pod based on the JSON passed into stdin',
      '  cat pod.json | %CMD% create -f -',
      '  ',
      '  # Edit the data in registry.yaml in JSON then create the resource using the edited data',
      '  %CMD% create -f registry.yaml --edit -o json',
    ].join('\n'),
    usage: '-f FILENAME [options]',
  },
  'create deployment': {
    summary: 'Create a deployment with the specified name',
    description: 'Create a deployment with the specified name.',
    examples: [
      '  # Create a deployment named my-dep that runs the busybox image',
      '  %CMD% create deployment my-dep --image=busybox',
      '  ',
      '  # Create a deployment with a command',
      '  %CMD% create deployment my-dep --image=busybox -- date',
      '  ',
      '  # Create a deployment named my-dep that runs the nginx image with 3 replicas',
      '  %CMD% create deployment my-dep --image=nginx --replicas=3',
      '  ',
      '  # Create a deployment named my-dep that runs the busybox image and expose port 5701',
      '  %CMD% create deployment my-dep --image=busybox --port=5701',
      '  ',
      '  # Create a deployment named my-dep that runs multiple containers',
      '  %CMD% create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx',
    ].join('\n'),
    usage: 'NAME --image=image -- [COMMAND] [args...] [options]',
    aliases: ['deploy'],
  },
  'create namespace': {
    summary: 'Create a namespace with the specified name',
    description: 'Create a namespace with the specified name.',
    examples: [
      '  # Create a new namespace named my-namespace',
      '  %CMD% create namespace my-namespace',
    ].join('\n'),
    usage: 'NAME [--dry-run=server|client|none] [options]',
    aliases: ['ns'],
  },
  'create service': {
    summary: 'Create a service using a specified subcommand',
    description: 'Create a service using a specified subcommand.',
    examples: '',
    usage: '[flags] [options]',
    aliases: ['svc'],
  },
  'create service clusterip': {
    summary: 'Create a ClusterIP service',
    description: 'Create a ClusterIP service with the specified name.',
    examples: [
      '  # Create a new ClusterIP service named my-cs',
      '  %CMD% create service clusterip my-cs --tcp=5678:8080',
      '  ',
      '  # Create a new ClusterIP service named my-cs (in headless mode)',
      '  %CMD% create service clusterip my-cs --clusterip="None"',
    ].join('\n'),
    usage: 'NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]',
  },
  'create service nodeport': {
    summary: 'Create a NodePort service',
    description: 'Create a NodePort service with the specified name.',
    examples: [
      '  # Create a new NodePort service named my-ns',
      '  %CMD% create service nodeport my-ns --tcp=5678:8080',
    ].join('\n'),
    usage: 'NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
  },
  'create service loadbalancer': {
    summary: 'Create a LoadBalancer service',
    description: 'Create a LoadBalancer service with the specified name.',
    examples: [
      '  # Create a new LoadBalancer service named my-lbs',
      '  %CMD% create service loadbalancer my-lbs --tcp=5678:8080',
    ].join('\n'),
    usage: 'NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
  },
  'create service externalname': {
    summary: 'Create an ExternalName service',
    description: [
      'Create an ExternalName service with the specified name.',
      '',
      ' ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.',
    ].join('\n'),
    examples: [
      '  # Create a new ExternalName service named my-ns',
      '  %CMD% create service externalname my-ns --external-name bar.com',
    ].join('\n'),
    usage: 'NAME --external-name external.name [--dry-run=server|client|none] [options]',
  },
  'create configmap': {
    summary: 'Create a config map from a local file, directory or literal value',
    description: [
      'Create a config map based on a file, directory, or specified literal value.',
      '',
      ' A single config map may package one or more key/value pairs.',
      '',
      ' When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.',
      '',
      ' When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
    ].join('\n'),
    examples: [
      '  # Create a new config map named my-config based on folder bar',
      '  %CMD% create configmap my-config --from-file=path/to/bar',
      '  ',
      '  # Create a new config map named my-config with specified keys instead of file basenames on disk',
      '  %CMD% create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt',
      '  ',
      '  # Create a new config map named my-config with key1=config1 and key2=config2',
      '  %CMD% create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2',
      '  ',
      '  # Create a new config map named my-config from the key=value pairs in the file',
      '  %CMD% create configmap my-config --from-file=path/to/bar',
      '  ',
      '  # Create a new config map named my-config from an env file',
      '  %CMD% create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
    ].join('\n'),
    usage: 'NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
    aliases: ['cm'],
  },
  'create secret': {
    summary: 'Create a secret using a specified subcommand',
    description: [
      'Create a secret with specified type.',
      '',
      ' A docker-registry type secret is for accessing a container registry.',
      '',
      ' A generic type secret indicate an Opaque secret type.',
      '',
      ' A tls type secret holds TLS certificate and its associated key.',
    ].join('\n'),
    examples: '',
    usage: '(docker-registry | generic | tls) [options]',
  },
  'create secret generic': {
    summary: 'Create a secret from a local file, directory, or literal value',
    description: [
      'Create a secret based on a file, directory, or specified literal value.',
      '',
      ' A single secret may package one or more key/value pairs.',
      '',
      ' When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.',
      '',
      ' When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
    ].join('\n'),
    examples: [
      '  # Create a new secret named my-secret with keys for each file in folder bar',
      '  %CMD% create secret generic my-secret --from-file=path/to/bar',
      '  ',
      '  # Create a new secret named my-secret with specified keys instead of names on disk',
      '  %CMD% create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub',
      '  ',
      '  # Create a new secret named my-secret with key1=supersecret and key2=topsecret',
      '  %CMD% create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret',
      '  ',
      '  # Create a new secret named my-secret using a combination of a file and a literal',
      '  %CMD% create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret',
      '  ',
      '  # Create a new secret named my-secret from env files',
      '  %CMD% create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
    ].join('\n'),
    usage: 'NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  },
  'create job': {
    summary: 'Create a job with the specified name',
    description: 'Create a job with the specified name.',
    examples: [
      '  # Create a job',
      '  %CMD% create job my-job --image=busybox',
      '  ',
      '  # Create a job with a command',
      '  %CMD% create job my-job --image=busybox -- date',
      '  ',
      '  # Create a job from a cron job named "a-cronjob"',
      '  %CMD% create job test-job --from=cronjob/a-cronjob',
    ].join('\n'),
    usage: 'NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  },
  'create cronjob': {
    summary: 'Create a cron job with the specified name',
    description: 'Create a cron job with the specified name.',
    examples: [
      '  # Create a cron job',
      '  %CMD% create cronjob my-job --image=busybox --schedule="*/1 * * * *"',
      '  ',
      '  # Create a cron job with a command',
      '  %CMD% create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date',
    ].join('\n'),
    usage: 'NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...] [flags] [options]',
    aliases: ['cj'],
  },
  'create serviceaccount': {
    summary: 'Create a service account with the specified name',
    description: 'Create a service account with the specified name.',
    examples: [
      '  # Create a new service account named my-service-account',
      '  %CMD% create serviceaccount my-service-account',
    ].join('\n'),
    usage: 'NAME [--dry-run=server|client|none] [options]',
    aliases: ['sa'],
  },
  'run': {
    summary: 'Run a particular image on the cluster',
    description: 'Create and run a particular image in a pod.',
    examples: [
      '  # Start a nginx pod',
      '  %CMD% run nginx --image=nginx',
      '  ',
      '  # Start a hazelcast pod and let the container expose port 5701',
      '  %CMD% run hazelcast --image=hazelcast/hazelcast --port=5701',
      '  ',
      '  # Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container',
      '  %CMD% run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"',
      '  ',
      '  # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container',
      '  %CMD% run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"',
      '  ',
      '  # Dry run; print the corresponding API objects without creating them',
      '  %CMD% run nginx --image=nginx --dry-run=client',
      '  ',
      '  # Start a nginx pod, but overload the spec with a partial set of values parsed from JSON',
      '  %CMD% run nginx --image=nginx --overrides=\'{ "apiVersion": "v1", "spec": { ... } }\'',
      '  ',
      '  # Start a busybox pod and keep it in the foreground, don\'t restart it if it exits',
      '  %CMD% run -i -t busybox --image=busybox --restart=Never',
      '  ',
      '  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command',
      '  %CMD% run nginx --image=nginx -- <arg1> <arg2> ... <argN>',
      '  ',
      '  # Start the nginx pod using a different command and custom arguments',
      '  %CMD% run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>',
    ].join('\n'),
    usage: 'NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  },
  'expose': {
    summary: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    description: [
      'Expose a resource as a new Kubernetes service.',
      '',
      ' Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.',
      '',
      ' Possible resources include (case insensitive):',
      '',
      ' pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)',
    ].join('\n'),
    examples: [
      '  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000',
      '  %CMD% expose rc nginx --port=80 --target-port=8000',
      '  ',
      '  # Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000',
      '  %CMD% expose -f nginx-controller.yaml --port=80 --target-port=8000',
      '  ',
      '  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"',
      '  %CMD% expose pod valid-pod --port=444 --name=frontend',
      '  ',
      '  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"',
      '  %CMD% expose service nginx --port=443 --target-port=8443 --name=nginx-https',
      '  ',
      '  # Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named \'video-stream\'.',
      '  %CMD% expose rc streamer --port=4100 --protocol=UDP --name=video-stream',
      '  ',
      '  # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000',
      '  %CMD% expose rs nginx --port=80 --target-port=8000',
      '  ',
      '  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000',
      '  %CMD% expose deployment nginx --port=80 --target-port=8000',
    ].join('\n'),
    usage: '(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  },
  'delete': {
    summary: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    description: [
      'Delete resources by file names, stdin, resources and names, or by resources and label selector.',
      '',
      ' JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.',
      '',
      ' Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.',
      '',
      ' IMPORTANT: Force deleting pods does not wait for confirmation that the pod\'s processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.',
      '',
      ' Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.',
      '',
      ' After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don\'t want to wait, you might want to run "%CMD% api-resources" to refresh the discovery cache.',
    ].join('\n'),
    examples: [
      '  # Delete a pod using the type and name specified in pod.json',
      '  %CMD% delete -f ./pod.json',
      '  ',
      '  # Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml',
      '  %CMD% delete -k dir',
      '  ',
      '  # Delete resources from all files that end with \'.json\'',
      '  %CMD% delete -f \'*.json\'',
      '  ',
      '  # Delete a pod based on the type and name in the JSON passed into stdin',
      '  cat pod.json | %CMD% delete -f -',
      '  ',
      '  # Delete pods and services with same names "baz" and "foo"',
      '  %CMD% delete pod,service baz foo',
      '  ',
      '  # Delete pods and services with label name=myLabel',
      '  %CMD% delete pods,services -l name=myLabel',
      '  ',
      '  # Delete a pod with minimal delay',
      '  %CMD% delete pod foo --now',
      '  ',
      '  # Force delete a pod on a dead node',
      '  %CMD% delete pod foo --force',
      '  ',
      '  # Delete all pods',
      '  %CMD% delete pods --all',
      '  ',
      '  # Delete all pods only if the user confirms the deletion',
      '  %CMD% delete pods --all --interactive',
    ].join('\n'),
    usage: '([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  },
  'edit': {
    summary: 'Edit a resource on the server',
    description: [
      'Edit a resource from the default editor.',
      '',
      ' The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to \'vi\' for Linux or \'notepad\' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the \'SHELL\' environment variable. If this is not defined, the default shell will be used, which is \'/bin/bash\' for Linux or \'cmd\' for Windows.',
      '',
      ' You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.',
      '',
      ' Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.',
      '',
      ' The default format is YAML. To edit in JSON, specify "-o json".',
      '',
      ' The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.',
      '',
      ' In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.',
    ].join('\n'),
    examples: [
      '  # Edit the service named \'registry\'',
      '  %CMD% edit svc/registry',
      '  ',
      '  # Use an alternative editor',
      '  KUBE_EDITOR="nano" %CMD% edit svc/registry',
      '  ',
      '  # Edit the job \'myjob\' in JSON using the v1 API format',
      '  %CMD% edit job.v1.batch/myjob -o json',
      '  ',
      '  # Edit the deployment \'mydeployment\' in YAML and save the modified config in its annotation',
      '  %CMD% edit deployment/mydeployment -o yaml --save-config',
      '  ',
      '  # Edit the \'status\' subresource for the \'mydeployment\' deployment',
      '  %CMD% edit deployment mydeployment --subresource=\'status\'',
    ].join('\n'),
    usage: '(RESOURCE/NAME | -f FILENAME) [options]',
  },
  'apply': {
    summary: 'Apply a configuration to a resource by file name or stdin',
    description: [
      'Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn\'t exist yet. To use \'apply\', always create the resource initially with either \'apply\' or \'create --save-config\'.',
      '',
      ' JSON and YAML formats are accepted.',
      '',
      ' Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.',
    ].join('\n'),
    examples: [
      '  # Apply the configuration in pod.json to a pod',
      '  %CMD% apply -f ./pod.json',
      '  ',
      '  # Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml',
      '  %CMD% apply -k dir/',
      '  ',
      '  # Apply the JSON passed into stdin to a pod',
      '  cat pod.json | %CMD% apply -f -',
      '  ',
      '  # Apply the configuration from all files that end with \'.json\'',
      '  %CMD% apply -f \'*.json\'',
      '  ',
      '  # Note: --prune is still in Alpha',
      '  # Apply the configuration in manifest.yaml that matches label app=nginx and delete all other resources that are not in the file and match label app=nginx',
      '  %CMD% apply --prune -f manifest.yaml -l app=nginx',
      '  ',
      '  # Apply the configuration in manifest.yaml and delete all the other config maps that are not in the file',
      '  %CMD% apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap',
    ].join('\n'),
    usage: '(-f FILENAME | -k DIRECTORY) [options]',
  },
  'patch': {
    summary: 'Update fields of a resource',
    description: [
      'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.',
      '',
      ' JSON and YAML formats are accepted.',
      '',
      ' Note: Strategic merge patch is not supported for custom resources.',
    ].join('\n'),
    examples: [
      '  # Partially update a node using a strategic merge patch, specifying the patch as JSON',
      '  %CMD% patch node k8s-node-1 -p \'{"spec":{"unschedulable":true}}\'',
      '  ',
      '  # Partially update a node using a strategic merge patch, specifying the patch as YAML',
      '  %CMD% patch node k8s-node-1 -p $\'spec:\\n unschedulable: true\'',
      '  ',
      '  # Partially update a node identified by the type and name specified in "node.json" using strategic merge patch',
      '  %CMD% patch -f node.json -p \'{"spec":{"unschedulable":true}}\'',
      '  ',
      '  # Update a container\'s image; spec.containers[*].name is required because it\'s a merge key',
      '  %CMD% patch pod valid-pod -p \'{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}\'',
      '  ',
      '  # Update a container\'s image using a JSON patch with positional arrays',
      '  %CMD% patch pod valid-pod --type=\'json\' -p=\'[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]\'',
      '  ',
      '  # Update a deployment\'s replicas through the \'scale\' subresource using a merge patch',
      '  %CMD% patch deployment nginx-deployment --subresource=\'scale\' --type=\'merge\' -p \'{"spec":{"replicas":2}}\'',
    ].join('\n'),
    usage: '(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  },
  'replace': {
    summary: 'Replace a resource by file name or stdin',
    description: [
      'Replace a resource by file name or stdin.',
      '',
      ' JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by',
      '',
      '        $ %CMD% get TYPE NAME -o yaml',
    ].join('\n'),
    examples: [
      '  # Replace a pod using the data in pod.json',
      '  %CMD% replace -f ./pod.json',
      '  ',
      '  # Replace a pod based on the JSON passed into stdin',
      '  cat pod.json | %CMD% replace -f -',
      '  ',
      '  # Update a single-container pod\'s image version (tag) to v4',
      '  %CMD% get pod mypod -o yaml | sed \'s/\\(image: myimage\\):.*$/\\1:v4/\' | %CMD% replace -f -',
      '  ',
      '  # Force replace, delete and then re-create the resource',
      '  %CMD% replace --force -f ./pod.json',
    ].join('\n'),
    usage: '-f FILENAME [options]',
  },
  'scale': {
    summary: 'Set a new size for a deployment, replica set, or replication controller',
    description: [
      'Set a new size for a deployment, replica set, replication controller, or stateful set.',
      '',
      ' Scale also allows users to specify one or more preconditions for the scale action.',
      '',
      ' If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.',
    ].join('\n'),
    examples: [
      '  # Scale a replica set named \'foo\' to 3',
      '  %CMD% scale --replicas=3 rs/foo',
      '  ',
      '  # Scale a resource identified by type and name specified in "foo.yaml" to 3',
      '  %CMD% scale --replicas=3 -f foo.yaml',
      '  ',
      '  # If the deployment named mysql\'s current size is 2, scale mysql to 3',
      '  %CMD% scale --current-replicas=2 --replicas=3 deployment/mysql',
      '  ',
      '  # Scale multiple replication controllers',
      '  %CMD% scale --replicas=5 rc/example1 rc/example2 rc/example3',
      '  ',
      '  # Scale stateful set named \'web\' to 3',
      '  %CMD% scale --replicas=3 statefulset/web',
    ].join('\n'),
    usage: '[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  },
  'rollout': {
    summary: 'Manage the rollout of a resource',
    description: [
      'Manage the rollout of one or many resources.',
      '        ',
      ' Valid resource types include:',
      '',
      '  *  deployments',
      '  *  daemonsets',
      '  *  statefulsets',
    ].join('\n'),
    examples: [
      '  # Rollback to the previous deployment',
      '  %CMD% rollout undo deployment/abc',
      '  ',
      '  # Check the rollout status of a daemonset',
      '  %CMD% rollout status daemonset/foo',
      '  ',
      '  # Restart a deployment',
      '  %CMD% rollout restart deployment/abc',
      '  ',
      '  # Restart deployments with the \'app=nginx\' label',
      '  %CMD% rollout restart deployment --selector=app=nginx',
    ].join('\n'),
    usage: 'SUBCOMMAND [options]',
  },
  'rollout status': {
    summary: 'Show the status of the rollout',
    description: [
      'Show the status of the rollout.',
      '',
      ' By default \'rollout status\' will watch the status of the latest rollout until it\'s done. If you don\'t want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then \'rollout status\' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.',
    ].join('\n'),
    examples: [
      '  # Watch the rollout status of a deployment',
      '  %CMD% rollout status deployment/nginx',
    ].join('\n'),
    usage: '(TYPE NAME | TYPE/NAME) [flags] [options]',
  },
  'rollout history': {
    summary: 'View rollout history',
    description: 'View previous rollout revisions and configurations.',
    examples: [
      '  # View the rollout history of a deployment',
      '  %CMD% rollout history deployment/abc',
      '  ',
      '  # View the details of daemonset revision 3',
      '  %CMD% rollout history daemonset/abc --revision=3',
    ].join('\n'),
    usage: '(TYPE NAME | TYPE/NAME) [flags] [options]',
  },
  'rollout undo': {
    summary: 'Undo a previous rollout',
    description: 'Roll back to a previous rollout.',
    examples: [
      '  # Roll back to the previous deployment',
      '  %CMD% rollout undo deployment/abc',
      '  ',
      '  # Roll back to daemonset revision 3',
      '  %CMD% rollout undo daemonset/abc --to-revision=3',
      '  ',
      '  # Roll back to the previous deployment with dry-run',
      '  %CMD% rollout undo --dry-run=server deployment/abc',
    ].join('\n'),
    usage: '(TYPE NAME | TYPE/NAME) [flags] [options]',
  },
  'rollout restart': {
    summary: 'Restart a resource',
    description: [
      'Restart a resource.',
      '',
      '        Resource rollout will be restarted.',
    ].join('\n'),
    examples: [
      '  # Restart all deployments in the test-namespace namespace',
      '  %CMD% rollout restart deployment -n test-namespace',
      '  ',
      '  # Restart a deployment',
      '  %CMD% rollout restart deployment/nginx',
      '  ',
      '  # Restart a daemon set',
      '  %CMD% rollout restart daemonset/abc',
      '  ',
      '  # Restart deployments with the app=nginx label',
      '  %CMD% rollout restart deployment --selector=app=nginx',
    ].join('\n'),
    usage: 'RESOURCE [options]',
  },
  'rollout pause': {
    summary: 'Mark the provided resource as paused',
    description: [
      'Mark the provided resource as paused.',
      '',
      ' Paused resources will not be reconciled by a controller. Use "%CMD% rollout resume" to resume a paused resource. Currently only deployments support being paused.',
    ].join('\n'),
    examples: [
      '  # Mark the nginx deployment as paused',
      '  # Any current state of the deployment will continue its function; new updates',
      '  # to the deployment will not have an effect as long as the deployment is paused',
      '  %CMD% rollout pause deployment/nginx',
    ].join('\n'),
    usage: 'RESOURCE [options]',
  },
  'rollout resume': {
    summary: 'Resume a paused resource',
    description: [
      'Resume a paused resource.',
      '',
      ' Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.',
    ].join('\n'),
    examples: [
      '  # Resume an already paused deployment',
      '  %CMD% rollout resume deployment/nginx',
    ].join('\n'),
    usage: 'RESOURCE [options]',
  },
  'set': {
    summary: 'Set specific features on objects',
    description: [
      'Configure application resources.',
      '',
      ' These commands help you make changes to existing application resources.',
    ].join('\n'),
    examples: '',
    usage: 'SUBCOMMAND [options]',
  },
  'set image': {
    summary: 'Update the image of a pod template',
    description: [
      'Update existing container image(s) of resources.',
      '',
      ' Possible resources include (case insensitive):',
      '',
      '        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
    ].join('\n'),
    examples: [
      '  # Set a deployment\'s nginx container image to \'nginx:1.9.1\', and its busybox container image to \'busybox\'',
      '  %CMD% set image deployment/nginx busybox=busybox nginx=nginx:1.9.1',
      '  ',
      '  # Update all deployments\' and rc\'s nginx container\'s image to \'nginx:1.9.1\'',
      '  %CMD% set image deployments,rc nginx=nginx:1.9.1 --all',
      '  ',
      '  # Update image of all containers of daemonset abc to \'nginx:1.9.1\'',
      '  %CMD% set image daemonset abc *=nginx:1.9.1',
      '  ',
      '  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server',
      '  %CMD% set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml',
    ].join('\n'),
    usage: '(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  },
  'set env': {
    summary: 'Update environment variables on a pod template',
    description: [
      'Update environment variables on a pod template.',
      '',
      ' List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.',
      '',
      ' If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.',
      '',
      ' Possible resources include (case insensitive):',
      '',
      '        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
    ].join('\n'),
    examples: [
      '  # Update deployment \'registry\' with a new environment variable',
      '  %CMD% set env deployment/registry STORAGE_DIR=/local',
      '  ',
      '  # List the environment variables defined on a deployments \'sample-build\'',
      '  %CMD% set env deployment/sample-build --list',
      '  ',
      '  # List the environment variables defined on all pods',
      '  %CMD% set env pods --all --list',
      '  ',
      '  # Output modified deployment in YAML, and does not alter the object on the server',
      '  %CMD% set env deployment/sample-build STORAGE_DIR=/data -o yaml',
      '  ',
      '  # Update all containers in all replication controllers in the project to have ENV=prod',
      '  %CMD% set env rc --all ENV=prod',
      '  ',
      '  # Import environment from a secret',
      '  %CMD% set env --from=secret/mysecret deployment/myapp',
      '  ',
      '  # Import environment from a config map with a prefix',
      '  %CMD% set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp',
      '  ',
      '  # Import specific keys from a config map',
      '  %CMD% set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp',
      '  ',
      '  # Remove the environment variable ENV from container \'c1\' in all deployment configs',
      '  %CMD% set env deployments --all --containers="c1" ENV-',
      '  ',
      '  # Remove the environment variable ENV from a deployment definition on disk and',
      '  # update the deployment config on the server',
      '  %CMD% set env -f deploy.json ENV-',
      '  ',
      '  # Set some of the local shell environment into a deployment config on the server',
      '  env | grep RAILS_ | %CMD% set env -e - deployment/registry',
    ].join('\n'),
    usage: 'RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  },
  'set resources': {
    summary: 'Update resource requests/limits on objects with pod templates',
    description: [
      'Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.',
      '',
      ' For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.',
      '',
      ' Possible resources include (case insensitive): Use "%CMD% api-resources" for a complete list of supported resources..',
    ].join('\n'),
    examples: [
      '  # Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"',
      '  %CMD% set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi',
      '  ',
      '  # Set the resource request and limits for all containers in nginx',
      '  %CMD% set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi',
      '  ',
      '  # Remove the resource requests for resources on containers in nginx',
      '  %CMD% set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0',
      '  ',
      '  # Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server',
      '  %CMD% set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml',
    ].join('\n'),
    usage: '(-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  },
  'label': {
    summary: 'Update the labels on a resource',
    description: [
      'Update the labels on a resource.',
      '',
      '  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.',
      '  *  Optionally, the key can begin with a DNS subdomain prefix and a single \'/\', like example.com/my-app.',
      '  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.',
      '  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.',
    ].join('\n'),
    examples: [
      '  # Update pod \'foo\' with the label \'unhealthy\' and the value \'true\'',
      '  %CMD% label pods foo unhealthy=true',
      '  ',
      '  # Update pod \'foo\' with the label \'status\' and the value \'unhealthy\', overwriting any existing value',
      '  %CMD% label --overwrite pods foo status=unhealthy',
      '  ',
      '  # Update all pods in the namespace',
      '  %CMD% label pods --all status=unhealthy',
      '  ',
      '  # Update a pod identified by the type and name in "pod.json"',
      '  %CMD% label -f pod.json status=unhealthy',
      '  ',
      '  # Update pod \'foo\' only if the resource is unchanged from version 1',
      '  %CMD% label pods foo status=unhealthy --resource-version=1',
      '  ',
      '  # Update pod \'foo\' by removing a label named \'bar\' if it exists',
      '  # Does not require the --overwrite flag',
      '  %CMD% label pods foo bar-',
    ].join('\n'),
    usage: '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  },
  'annotate': {
    summary: 'Update the annotations on a resource',
    description: [
      'Update the annotations on one or more resources.',
      '',
      ' All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.',
      '',
      ' Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.',
      '',
      'Use "%CMD% api-resources" for a complete list of supported resources.',
    ].join('\n'),
    examples: [
      '  # Update pod \'foo\' with the annotation \'description\' and the value \'my frontend\'',
      '  # If the same annotation is set multiple times, only the last value will be applied',
      '  %CMD% annotate pods foo description=\'my frontend\'',
      '  ',
      '  # Update a pod identified by type and name in "pod.json"',
      '  %CMD% annotate -f pod.json description=\'my frontend\'',
      '  ',
      '  # Update pod \'foo\' with the annotation \'description\' and the value \'my frontend running nginx\', overwriting any existing value',
      '  %CMD% annotate --overwrite pods foo description=\'my frontend running nginx\'',
      '  ',
      '  # Update all pods in the namespace',
      '  %CMD% annotate pods --all description=\'my frontend running nginx\'',
      '  ',
      '  # Update pod \'foo\' only if the resource is unchanged from version 1',
      '  %CMD% annotate pods foo description=\'my frontend running nginx\' --resource-version=1',
      '  ',
      '  # Update pod \'foo\' by removing an annotation named \'description\' if it exists',
      '  # Does not require the --overwrite flag',
      '  %CMD% annotate pods foo description-',
    ].join('\n'),
    usage: '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  },
  'logs': {
    summary: 'Print the logs for a container in a pod',
    description: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
    examples: [
      '  # Return snapshot logs from pod nginx with only one container',
      '  %CMD% logs nginx',
      '  ',
      '  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name',
      '  %CMD% logs nginx --prefix',
      '  ',
      '  # Return snapshot logs from pod nginx, limiting output to 500 bytes',
      '  %CMD% logs nginx --limit-bytes=500',
      '  ',
      '  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.',
      '  %CMD% logs nginx --pod-running-timeout=20s',
      '  ',
      '  # Return snapshot logs from pod nginx with multi containers',
      '  %CMD% logs nginx --all-containers=true',
      '  ',
      '  # Return snapshot logs from all pods in the deployment nginx',
      '  %CMD% logs deployment/nginx --all-pods=true',
      '  ',
      '  # Return snapshot logs from all containers in pods defined by label app=nginx',
      '  %CMD% logs -l app=nginx --all-containers=true',
      '  ',
      '  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods',
      '  %CMD% logs -l app=nginx --max-log-requests=10',
      '  ',
      '  # Return snapshot of previous terminated ruby container logs from pod web-1',
      '  %CMD% logs -p -c ruby web-1',
      '  ',
      '  # Begin streaming the logs from pod nginx, continuing even if errors occur',
      '  %CMD% logs nginx -f --ignore-errors=true',
      '  ',
      '  # Begin streaming the logs of the ruby container in pod web-1',
      '  %CMD% logs -f -c ruby web-1',
      '  ',
      '  # Begin streaming the logs from all containers in pods defined by label app=nginx',
      '  %CMD% logs -f -l app=nginx --all-containers=true',
      '  ',
      '  # Display only the most recent 20 lines of output in pod nginx',
      '  %CMD% logs --tail=20 nginx',
      '  ',
      '  # Show all logs from pod nginx written in the last hour',
      '  %CMD% logs --since=1h nginx',
      '  ',
      '  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC',
      '  %CMD% logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true',
      '  ',
      '  # Show logs from a kubelet with an expired serving certificate',
      '  %CMD% logs --insecure-skip-tls-verify-backend nginx',
      '  ',
      '  # Return snapshot logs from first container of a job named hello',
      '  %CMD% logs job/hello',
      '  ',
      '  # Return snapshot logs from container nginx-1 of a deployment named nginx',
      '  %CMD% logs deployment/nginx -c nginx-1',
    ].join('\n'),
    usage: '[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  },
  'exec': {
    summary: 'Execute a command in a container',
    description: 'Execute a command in a container.',
    examples: [
      '  # Get output from running the \'date\' command from pod mypod, using the first container by default',
      '  %CMD% exec mypod -- date',
      '  ',
      '  # Get output from running the \'date\' command in ruby-container from pod mypod',
      '  %CMD% exec mypod -c ruby-container -- date',
      '  ',
      '  # Switch to raw terminal mode; sends stdin to \'bash\' in ruby-container from pod mypod',
      '  # and sends stdout/stderr from \'bash\' back to the client',
      '  %CMD% exec mypod -c ruby-container -i -t -- bash -il',
      '  ',
      '  # List contents of /usr from the first container of pod mypod and sort by modification time',
      '  # If the command you want to execute in the pod has any flags in common (e.g. -i),',
      '  # you must use two dashes (--) to separate your command\'s flags/arguments',
      '  # Also note, do not surround your command and its flags/arguments with quotes',
      '  # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")',
      '  %CMD% exec mypod -i -t -- ls -t /usr',
      '  ',
      '  # Get output from running \'date\' command from the first pod of the deployment mydeployment, using the first container by default',
      '  %CMD% exec deploy/mydeployment -- date',
      '  ',
      '  # Get output from running \'date\' command from the first pod of the service myservice, using the first container by default',
      '  %CMD% exec svc/myservice -- date',
    ].join('\n'),
    usage: '(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  },
  'port-forward': {
    summary: 'Forward one or more local ports to a pod',
    description: [
      'Forward one or more local ports to a pod.',
      '',
      ' Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to \'pod\' if omitted.',
      '',
      ' If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.',
    ].join('\n'),
    examples: [
      '  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod',
      '  %CMD% port-forward pod/mypod 5000 6000',
      '  ',
      '  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment',
      '  %CMD% port-forward deployment/mydeployment 5000 6000',
      '  ',
      '  # Listen on port 8443 locally, forwarding to the targetPort of the service\'s port named "https" in a pod selected by the service',
      '  %CMD% port-forward service/myservice 8443:https',
      '  ',
      '  # Listen on port 8888 locally, forwarding to 5000 in the pod',
      '  %CMD% port-forward pod/mypod 8888:5000',
      '  ',
      '  # Listen on port 8888 on all addresses, forwarding to 5000 in the pod',
      '  %CMD% port-forward --address 0.0.0.0 pod/mypod 8888:5000',
      '  ',
      '  # Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod',
      '  %CMD% port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000',
      '  ',
      '  # Listen on a random port locally, forwarding to 5000 in the pod',
      '  %CMD% port-forward pod/mypod :5000',
    ].join('\n'),
    usage: 'TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  },
  'cordon': {
    summary: 'Mark node as unschedulable',
    description: 'Mark node as unschedulable.',
    examples: [
      '  # Mark node "foo" as unschedulable',
      '  %CMD% cordon foo',
    ].join('\n'),
    usage: 'NODE [options]',
  },
  'uncordon': {
    summary: 'Mark node as schedulable',
    description: 'Mark node as schedulable.',
    examples: [
      '  # Mark node "foo" as schedulable',
      '  %CMD% uncordon foo',
    ].join('\n'),
    usage: 'NODE [options]',
  },
  'drain': {
    summary: 'Drain node in preparation for maintenance',
    description: [
      'Drain node in preparation for maintenance.',
      '',
      ' The given node will be marked unschedulable to prevent new pods from arriving. \'drain\' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The \'drain\' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.',
      '',
      ' \'drain\' waits for graceful termination. You should not operate on the machine until the command completes.',
      '',
      ' When you are ready to put the node back into service, use %CMD% uncordon, which will make the node schedulable again.',
      '',
      'https://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg',
    ].join('\n'),
    examples: [
      '  # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it',
      '  %CMD% drain foo --force',
      '  ',
      '  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes',
      '  %CMD% drain foo --grace-period=900',
    ].join('\n'),
    usage: 'NODE [options]',
  },
  'taint': {
    summary: 'Update the taints on one or more nodes',
    description: [
      'Update the taints on one or more nodes.',
      '',
      '  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.',
      '  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.',
      '  *  Optionally, the key can begin with a DNS subdomain prefix and a single \'/\', like example.com/my-app.',
      '  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.',
      '  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.',
      '  *  Currently taint can only apply to node.',
    ].join('\n'),
    examples: [
      '  # Update node \'foo\' with a taint with key \'dedicated\' and value \'special-user\' and effect \'NoSchedule\'',
      '  # If a taint with that key and effect already exists, its value is replaced as specified',
      '  %CMD% taint nodes foo dedicated=special-user:NoSchedule',
      '  ',
      '  # Remove from node \'foo\' the taint with key \'dedicated\' and effect \'NoSchedule\' if one exists',
      '  %CMD% taint nodes foo dedicated:NoSchedule-',
      '  ',
      '  # Remove from node \'foo\' all the taints with key \'dedicated\'',
      '  %CMD% taint nodes foo dedicated-',
      '  ',
      '  # Add a taint with key \'dedicated\' on nodes having label myLabel=X',
      '  %CMD% taint node -l myLabel=X  dedicated=foo:PreferNoSchedule',
      '  ',
      '  # Add to node \'foo\' a taint with key \'bar\' and no value',
      '  %CMD% taint nodes foo bar:NoSchedule',
    ].join('\n'),
    usage: 'NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  },
  'top': {
    summary: 'Display resource (CPU/memory) usage',
    description: [
      'Display resource (CPU/memory) usage.',
      '',
      ' The top command allows you to see the resource consumption for nodes or pods.',
      '',
      ' This command requires Metrics Server to be correctly configured and working on the server.',
    ].join('\n'),
    examples: '',
    usage: '[flags] [options]',
  },
  'top node': {
    summary: 'Display resource (CPU/memory) usage of nodes',
    description: [
      'Display resource (CPU/memory) usage of nodes.',
      '',
      ' The top-node command allows you to see the resource consumption of nodes.',
    ].join('\n'),
    examples: [
      '  # Show metrics for all nodes',
      '  %CMD% top node',
      '  ',
      '  # Show metrics for a given node',
      '  %CMD% top node NODE_NAME',
    ].join('\n'),
    usage: '[NAME | -l label] [options]',
    aliases: ['nodes', 'no'],
  },
  'top pod': {
    summary: 'Display resource (CPU/memory) usage of pods',
    description: [
      'Display resource (CPU/memory) usage of pods.',
      '',
      ' The \'top pod\' command allows you to see the resource consumption of pods.',
      '',
      ' Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.',
    ].join('\n'),
    examples: [
      '  # Show metrics for all pods in the default namespace',
      '  %CMD% top pod',
      '  ',
      '  # Show metrics for all pods in the given namespace',
      '  %CMD% top pod --namespace=NAMESPACE',
      '  ',
      '  # Show metrics for a given pod and its containers',
      '  %CMD% top pod POD_NAME --containers',
      '  ',
      '  # Show metrics for the pods defined by label name=myLabel',
      '  %CMD% top pod -l name=myLabel',
    ].join('\n'),
    usage: '[NAME | -l label] [options]',
    aliases: ['pods', 'po'],
  },
  'explain': {
    summary: 'Get documentation for a resource',
    description: [
      'Describe fields and structure of various resources.',
      '',
      ' This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:',
      '',
      '        <type>.<fieldName>[.<fieldName>]',
      '        ',
      ' Information about each field is retrieved from the server in OpenAPI format.',
      '',
      'Use "%CMD% api-resources" for a complete list of supported resources.',
    ].join('\n'),
    examples: [
      '  # Get the documentation of the resource and its fields',
      '  %CMD% explain pods',
      '  ',
      '  # Get all the fields in the resource',
      '  %CMD% explain pods --recursive',
      '  ',
      '  # Get the explanation for deployment in supported api versions',
      '  %CMD% explain deployments --api-version=apps/v1',
      '  ',
      '  # Get the documentation of a specific field of a resource',
      '  %CMD% explain pods.spec.containers',
      '  ',
      '  # Get the documentation of resources in different format',
      '  %CMD% explain deployment --output=plaintext-openapiv2',
    ].join('\n'),
    usage: 'TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  },
  'cluster-info': {
    summary: 'Display cluster information',
    description: 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use \'%CMD% cluster-info dump\'.',
    examples: [
      '  # Print the address of the control plane and cluster services',
      '  %CMD% cluster-info',
    ].join('\n'),
    usage: '[flags] [options]',
  },
  'api-resources': {
    summary: 'Print the supported API resources on the server',
    description: 'Print the supported API resources on the server.',
    examples: [
      '  # Print the supported API resources',
      '  %CMD% api-resources',
      '  ',
      '  # Print the supported API resources with more information',
      '  %CMD% api-resources -o wide',
      '  ',
      '  # Print the supported API resources sorted by a column',
      '  %CMD% api-resources --sort-by=name',
      '  ',
      '  # Print the supported namespaced resources',
      '  %CMD% api-resources --namespaced=true',
      '  ',
      '  # Print the supported non-namespaced resources',
      '  %CMD% api-resources --namespaced=false',
      '  ',
      '  # Print the supported API resources with a specific APIGroup',
      '  %CMD% api-resources --api-group=rbac.authorization.k8s.io',
    ].join('\n'),
    usage: '[flags] [options]',
  },
  'config': {
    summary: 'Modify kubeconfig files',
    description: [
      'Modify kubeconfig files using subcommands like "%CMD% config set current-context my-context".',
      '',
      ' The loading order follows these rules:',
      '',
      '  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.',
      '  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.',
      '  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.',
    ].join('\n'),
    examples: '',
    usage: 'SUBCOMMAND [options]',
  },
  'config get-contexts': {
    summary: 'Describe one or many contexts',
    description: 'Display one or many contexts from the kubeconfig file.',
    examples: [
      '  # List all the contexts in your kubeconfig file',
      '  %CMD% config get-contexts',
      '  ',
      '  # Describe one context in your kubeconfig file',
      '  %CMD% config get-contexts my-context',
    ].join('\n'),
    usage: '[(-o|--output=)name)] [options]',
  },
  'config current-context': {
    summary: 'Display the current-context',
    description: 'Display the current-context.',
    examples: [
      '  # Display the current-context',
      '  %CMD% config current-context',
    ].join('\n'),
    usage: '[flags] [options]',
  },
  'config use-context': {
    summary: 'Set the current-context in a kubeconfig file',
    description: 'Set the current-context in a kubeconfig file.',
    examples: [
      '  # Use the context for the minikube cluster',
      '  %CMD% config use-context minikube',
    ].join('\n'),
    usage: 'CONTEXT_NAME [options]',
    aliases: ['use'],
  },
  'config set-context': {
    summary: 'Set a context entry in kubeconfig',
    description: [
      'Set a context entry in kubeconfig.',
      '',
      ' Specifying a name that already exists will merge new fields on top of existing values for those fields.',
    ].join('\n'),
    examples: [
      '  # Set the user field on the gce context entry without touching other values',
      '  %CMD% config set-context gce --user=cluster-admin',
    ].join('\n'),
    usage: '[NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  },
  'config view': {
    summary: 'Display merged kubeconfig settings or a specified kubeconfig file',
    description: [
      'Display merged kubeconfig settings or a specified kubeconfig file.',
      '',
      ' You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
    ].join('\n'),
    examples: [
      '  # Show merged kubeconfig settings',
      '  %CMD% config view',
      '  ',
      '  # Show merged kubeconfig settings, raw certificate data, and exposed secrets',
      '  %CMD% config view --raw',
      '  ',
      '  # Get the password for the e2e user',
      '  %CMD% config view -o jsonpath=\'{.users[?(@.name == "e2e")].user.password}\'',
    ].join('\n'),
    usage: '[flags] [options]',
  },
  'version': {
    summary: 'Print the client and server version information',
    description: 'Print the client and server version information for the current context.',
    examples: [
      '  # Print the client and server versions for the current context',
      '  %CMD% version',
    ].join('\n'),
    usage: '[flags] [options]',
  },
  'completion': {
    summary: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)',
    description: [
      'Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of %CMD% commands.  This can be done by sourcing it from the .bash_profile.',
      '',
      ' Detailed instructions on how to do this are available here:',
      '',
      '        for macOS:',
      '        https://kubernetes.io/docs/tasks/tools/install-kubectl-macos/#enable-shell-autocompletion',
      '        ',
      '        for linux:',
      '        https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/#enable-shell-autocompletion',
      '        ',
      '        for windows:',
      '        https://kubernetes.io/docs/tasks/tools/install-kubectl-windows/#enable-shell-autocompletion',
      '        ',
      ' Note for zsh users: [1] zsh completions are only supported in versions of zsh >= 5.2.',
    ].join('\n'),
    examples: [
      '  # Installing bash completion on macOS using homebrew',
      '  ## If running Bash 3.2 included with macOS',
      '  brew install bash-completion',
      '  ## or, if running Bash 4.1+',
      '  brew install bash-completion@2',
      '  ## If %CMD% is installed via homebrew, this should start working immediately',
      '  ## If you\'ve installed via other means, you may need add the completion to your completion directory',
      '  %CMD% completion bash > $(brew --prefix)/etc/bash_completion.d/%CMD%',
      '  ',
      '  ',
      '  # Installing bash completion on Linux',
      '  ## If bash-completion is not installed on Linux, install the \'bash-completion\' package',
      '  ## via your distribution\'s package manager.',
      '  ## Load the %CMD% completion code for bash into the current shell',
      '  source <(%CMD% completion bash)',
      '  ## Write bash completion code to a file and source it from .bash_profile',
      '  %CMD% completion bash > ~/.kube/completion.bash.inc',
      '  printf "',
      '  # %CMD% shell completion',
      '  source \'$HOME/.kube/completion.bash.inc\'',
      '  " >> $HOME/.bash_profile',
      '  source $HOME/.bash_profile',
      '  ',
      '  # Load the %CMD% completion code for zsh[1] into the current shell',
      '  source <(%CMD% completion zsh)',
      '  # Set the %CMD% completion code for zsh[1] to autoload on startup',
      '  %CMD% completion zsh > "${fpath[1]}/_%CMD%"',
      '  ',
      '  ',
      '  # Load the %CMD% completion code for fish[2] into the current shell',
      '  %CMD% completion fish | source',
      '  # To load completions for each session, execute once:',
      '  %CMD% completion fish > ~/.config/fish/completions/%CMD%.fish',
      '  ',
      '  # Load the %CMD% completion code for powershell into the current shell',
      '  %CMD% completion powershell | Out-String | Invoke-Expression',
      '  # Set %CMD% completion code for powershell to run on startup',
      '  ## Save completion code to a script and execute in the profile',
      '  %CMD% completion powershell > $HOME\\.kube\\completion.ps1',
      '  Add-Content $PROFILE "$HOME\\.kube\\completion.ps1"',
      '  ## Execute completion code in the profile',
      '  Add-Content $PROFILE "if (Get-Command %CMD% -ErrorAction SilentlyContinue) {',
      '  %CMD% completion powershell | Out-String | Invoke-Expression',
      '  }"',
      '  ## Add completion code directly to the $PROFILE script',
      '  %CMD% completion powershell >> $PROFILE',
    ].join('\n'),
    usage: 'SHELL [options]',
  },
  'create role': {
    summary: 'Create a role with single rule',
    description: [
      'Create a role with single rule.',
    ].join('\n'),
    examples: [
      '  # Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods',
      '  %CMD% create role pod-reader --verb=get --verb=list --verb=watch --resource=pods',
      '  ',
      '  # Create a role named "pod-reader" with ResourceName specified',
      '  %CMD% create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod',
      '  ',
      '  # Create a role named "foo" with API Group specified',
      '  %CMD% create role foo --verb=get,list,watch --resource=rs.apps',
      '  ',
      '  # Create a role named "foo" with SubResource specified',
      '  %CMD% create role foo --verb=get,list,watch --resource=pods,pods/status',
    ].join('\n'),
    usage: 'NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
  },
  'create clusterrole': {
    summary: 'Create a cluster role',
    description: [
      'Create a cluster role.',
    ].join('\n'),
    examples: [
      '  # Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods',
      '  %CMD% create clusterrole pod-reader --verb=get,list,watch --resource=pods',
      '  ',
      '  # Create a cluster role named "pod-reader" with ResourceName specified',
      '  %CMD% create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod',
      '  ',
      '  # Create a cluster role named "foo" with API Group specified',
      '  %CMD% create clusterrole foo --verb=get,list,watch --resource=rs.apps',
      '  ',
      '  # Create a cluster role named "foo" with SubResource specified',
      '  %CMD% create clusterrole foo --verb=get,list,watch --resource=pods,pods/status',
      '  ',
      '  # Create a cluster role name "foo" with NonResourceURL specified',
      '  %CMD% create clusterrole "foo" --verb=get --non-resource-url=/logs/*',
      '  ',
      '  # Create a cluster role name "monitoring" with AggregationRule specified',
      '  %CMD% create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"',
    ].join('\n'),
    usage: 'NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
  },
  'create rolebinding': {
    summary: 'Create a role binding for a particular role or cluster role',
    description: [
      'Create a role binding for a particular role or cluster role.',
    ].join('\n'),
    examples: [
      '  # Create a role binding for user1, user2, and group1 using the admin cluster role',
      '  %CMD% create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1',
      '  ',
      '  # Create a role binding for service account monitoring:sa-dev using the admin role',
      '  %CMD% create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev',
    ].join('\n'),
    usage: 'NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  },
  'create clusterrolebinding': {
    summary: 'Create a cluster role binding for a particular cluster role',
    description: [
      'Create a cluster role binding for a particular cluster role.',
    ].join('\n'),
    examples: [
      '  # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role',
      '  %CMD% create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1',
    ].join('\n'),
    usage: 'NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  },
  'auth': {
    summary: 'Inspect authorization',
    description: [
      'Inspect authorization.',
    ].join('\n'),
    examples: [
    ].join('\n'),
    usage: '[flags] [options]',
  },
  'auth can-i': {
    summary: 'Check whether an action is allowed',
    description: [
      'Check whether an action is allowed.',
      '',
      ' VERB is a logical Kubernetes API verb like \'get\', \'list\', \'watch\', \'delete\', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.',
    ].join('\n'),
    examples: [
      '  # Check to see if I can create pods in any namespace',
      '  %CMD% auth can-i create pods --all-namespaces',
      '  ',
      '  # Check to see if I can list deployments in my current namespace',
      '  %CMD% auth can-i list deployments.apps',
      '  ',
      '  # Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"',
      '  # You must be allowed to use impersonation for the global option "--as"',
      '  %CMD% auth can-i list pods --as=system:serviceaccount:dev:foo -n prod',
      '  ',
      '  # Check to see if I can do everything in my current namespace ("*" means all)',
      '  %CMD% auth can-i \'*\' \'*\'',
      '  ',
      '  # Check to see if I can get the job named "bar" in namespace "foo"',
      '  %CMD% auth can-i list jobs.batch/bar -n foo',
      '  ',
      '  # Check to see if I can read pod logs',
      '  %CMD% auth can-i get pods --subresource=log',
      '  ',
      '  # Check to see if I can access the URL /logs/',
      '  %CMD% auth can-i get /logs/',
      '  ',
      '  # Check to see if I can approve certificates.k8s.io',
      '  %CMD% auth can-i approve certificates.k8s.io',
      '  ',
      '  # List all allowed actions in namespace "foo"',
      '  %CMD% auth can-i --list --namespace=foo',
    ].join('\n'),
    usage: 'VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  },
  'auth whoami': {
    summary: 'Experimental: Check self subject attributes',
    description: [
      'Experimental: Check who you are and your attributes (groups, extra).',
      '',
      '        This command is helpful to get yourself aware of the current user attributes,',
      '        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,',
      '        is enabled in the Kubernetes cluster.',
    ].join('\n'),
    examples: [
      '  # Get your subject attributes',
      '  %CMD% auth whoami',
      '  ',
      '  # Get your subject attributes in JSON format',
      '  %CMD% auth whoami -o json',
    ].join('\n'),
    usage: '[options]',
  },

  'create ingress': {
    summary: 'Create an ingress with the specified name',
    description: [
      'Create an ingress with the specified name.',
    ].join('\n'),
    examples: [
      '  # Create a single ingress called \'simple\' that directs requests to foo.com/bar to svc',
      '  # svc1:8080 with a TLS secret "my-cert"',
      '  %CMD% create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"',
      '  ',
      '  # Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"',
      '  %CMD% create ingress catch-all --class=otheringress --rule="/path=svc:port"',
      '  ',
      '  # Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2',
      '  %CMD% create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\',
      '  --annotation ingress.annotation1=foo \\',
      '  --annotation ingress.annotation2=bla',
      '  ',
      '  # Create an ingress with the same host and multiple paths',
      '  %CMD% create ingress multipath --class=default \\',
      '  --rule="foo.com/=svc:port" \\',
      '  --rule="foo.com/admin/=svcadmin:portadmin"',
      '  ',
      '  # Create an ingress with multiple hosts and the pathType as Prefix',
      '  %CMD% create ingress ingress1 --class=default \\',
      '  --rule="foo.com/path*=svc:8080" \\',
      '  --rule="bar.com/admin*=svc2:http"',
      '  ',
      '  # Create an ingress with TLS enabled using the default ingress certificate and different path types',
      '  %CMD% create ingress ingtls --class=default \\',
      '  --rule="foo.com/=svc:https,tls" \\',
      '  --rule="foo.com/path/subpath*=othersvc:8080"',
      '  ',
      '  # Create an ingress with TLS enabled using a specific secret and pathType as Prefix',
      '  %CMD% create ingress ingsecret --class=default \\',
      '  --rule="foo.com/*=svc:8080,tls=secret1"',
      '  ',
      '  # Create an ingress with a default backend',
      '  %CMD% create ingress ingdefault --class=default \\',
      '  --default-backend=defaultsvc:http \\',
      '  --rule="foo.com/*=svc:8080,tls=secret1"',
    ].join('\n'),
    usage: 'NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
    aliases: ['ing'],
  },

  'diff': {
    summary: 'Diff the live version against a would-be applied version',
    description: [
      'Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.',
      '',
      ' The output is always YAML.',
      '',
      ' KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF="colordiff -N -u"',
      '',
      ' By default, the "diff" command available in your path will be run with the "-u" (unified diff) and "-N" (treat absent files as empty) options.',
      '',
      ' Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.',
      '',
      ' Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.',
    ].join('\n'),
    examples: [
      '  # Diff resources included in pod.json',
      '  %CMD% diff -f pod.json',
      '  ',
      '  # Diff file read from stdin',
      '  cat service.yaml | %CMD% diff -f -',
    ].join('\n'),
    usage: '-f FILENAME [options]',
  },

  'wait': {
    summary: 'Experimental: Wait for a specific condition on one or many resources',
    description: [
      'Experimental: Wait for a specific condition on one or many resources.',
      '',
      ' The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.',
      '',
      ' Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.',
      '',
      ' A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.',
    ].join('\n'),
    examples: [
      '  # Wait for the pod "busybox1" to contain the status condition of type "Ready"',
      '  %CMD% wait --for=condition=Ready pod/busybox1',
      '  ',
      '  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)',
      '  %CMD% wait --for=condition=Ready=false pod/busybox1',
      '  ',
      '  # Wait for the pod "busybox1" to contain the status phase to be "Running"',
      '  %CMD% wait --for=jsonpath=\'{.status.phase}\'=Running pod/busybox1',
      '  ',
      '  # Wait for pod "busybox1" to be Ready',
      '  %CMD% wait --for=\'jsonpath={.status.conditions[?(@.type=="Ready")].status}=True\' pod/busybox1',
      '  ',
      '  # Wait for the service "loadbalancer" to have ingress',
      '  %CMD% wait --for=jsonpath=\'{.status.loadBalancer.ingress}\' service/loadbalancer',
      '  ',
      '  # Wait for the secret "busybox1" to be created, with a timeout of 30s',
      '  %CMD% create secret generic busybox1',
      '  %CMD% wait --for=create secret/busybox1 --timeout=30s',
      '  ',
      '  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command',
      '  %CMD% delete pod/busybox1',
      '  %CMD% wait --for=delete pod/busybox1 --timeout=60s',
    ].join('\n'),
    usage: '([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  },
};
