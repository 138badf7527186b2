import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Command, Option } from 'commander';
import {
  CMD_PLACEHOLDER,
  KUBECTL_GROUPS,
  VERB_HELP,
  formatOption,
  rootHelp,
  verbHelp,
  type HelpOption,
} from '../../src/cli/help.ts';

// The real kubectl, when installed, is the reference: its help goes to stdout when piped.
function kubectlHelp(args: string[]): string | undefined {
  const r = spawnSync('kubectl', [...args, '--help'], { encoding: 'utf8', env: { ...process.env, KUBECTL_KUBERC: 'false' } });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout;
}
const HAVE_KUBECTL = kubectlHelp([]) !== undefined;
const needsKubectl = HAVE_KUBECTL ? {} : { skip: 'kubectl is not installed' };

const ALL_KUBECTL_VERBS = KUBECTL_GROUPS.flatMap((g) => g.commands.map(([name]) => name));

/** The Options section of a kubectl help screen turned back into options (with their exact default text). */
function optionsOf(help: string): HelpOption[] {
  const m = /\nOptions:\n([\s\S]*?)\n\nUsage:\n/.exec(help);
  if (!m) return [];
  return m[1].split('\n\n').map((block) => {
    const [head, ...rest] = block.split('\n');
    const f = /^ {4}(?:-(\S), )?--([\w-]+)=(.*):$/.exec(head);
    assert.ok(f, `unexpected option line ${JSON.stringify(head)}`);
    const flags = f[1] ? `-${f[1]}, --${f[2]}` : `--${f[2]}`;
    return { flags, description: rest.map((l) => l.replace(/^\t/, '')).join('\n'), defaultDisplay: f[3] };
  });
}

/** The subcommand names in the `Available Commands:` list of a kubectl help screen. */
function subcommandsOf(help: string): string[] | undefined {
  const m = /\nAvailable Commands:\n([\s\S]*?)\n\n/.exec(help);
  return m ? m[1].split('\n').map((l) => l.trim().split(/\s+/)[0]) : undefined;
}

const KUBESIM_GROUPS = [
  {
    title: 'Cluster Simulation Commands (kubesim):',
    commands: [
      ['cluster', 'Create, list, switch and delete simulated clusters'],
      ['sim', 'Control the simulation clock and controllers'],
      ['node', 'Add, remove and break simulated nodes'],
      ['curl', 'Send an HTTP request through the simulated cluster network'],
    ] as [string, string][],
  },
  {
    title: 'Practice Commands (kubesim):',
    commands: [
      ['lab', 'Guided labs'],
      ['exam', 'Timed practice exams'],
      ['shell', 'An interactive shell with kubectl aliased'],
      ['env', 'Print environment settings'],
    ] as [string, string][],
  },
];

describe('rootHelp', () => {
  it('is byte for byte `kubectl --help` when every kubectl verb is available', needsKubectl, () => {
    assert.equal(rootHelp('kubectl', ALL_KUBECTL_VERBS, []), kubectlHelp([]));
  });

  it('lists only the available verbs, in kubectl order and groups, then the extra groups', () => {
    const available = ['get', 'create', 'run', 'delete', 'scale', 'rollout', 'top', 'logs', 'apply', 'label', 'version', 'api-resources', 'config'];
    const text = rootHelp('kubesim', available, KUBESIM_GROUPS);
    const lines = text.split('\n');
    assert.equal(lines[0], 'kubesim controls the Kubernetes cluster manager.');
    assert.equal(lines[2], ' Find more information at: https://kubernetes.io/docs/reference/kubectl/');
    const headers = lines.filter((l) => /^\S.*:$/.test(l));
    assert.deepEqual(headers, [
      'Basic Commands (Beginner):',
      'Basic Commands (Intermediate):',
      'Deploy Commands:',
      'Cluster Management Commands:',
      'Troubleshooting and Debugging Commands:',
      'Advanced Commands:',
      'Settings Commands:',
      'Subcommands provided by plugins:',
      'Other Commands:',
      'Cluster Simulation Commands (kubesim):',
      'Practice Commands (kubesim):',
      'Usage:',
    ]);
    const listed = lines.filter((l) => /^ {2}\S+ {3,}\S/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    assert.deepEqual(listed, [
      'create', 'run', 'get', 'delete', 'rollout', 'scale', 'top', 'logs', 'apply', 'label',
      'api-resources', 'config', 'version',
      'cluster', 'sim', 'node', 'curl', 'lab', 'exam', 'shell', 'env',
    ]);
    assert.ok(!text.includes('  explain '));
    // cobra pads to the longest name (api-resources: 13), then 3 spaces.
    assert.ok(text.includes('\n  get             Display one or many resources\n'));
    assert.ok(text.includes('\n  curl            Send an HTTP request through the simulated cluster network\n'));
    assert.ok(text.endsWith(
      '\n\nUsage:\n  kubesim [flags] [options]\n\n' +
        'Use "kubesim <command> --help" for more information about a given command.\n' +
        'Use "kubesim options" for a list of global command-line options (applies to all commands).\n',
    ));
  });

  it('pads names to at least 11 characters, like cobra', () => {
    const text = rootHelp('kubesim', ['get', 'run'], []);
    assert.ok(text.includes('\n  get           Display one or many resources\n'));
    assert.ok(text.includes('\nDeploy Commands:') === false);
  });
});

describe('VERB_HELP', () => {
  const expected = [
    'get', 'describe', 'create', 'create deployment', 'create namespace', 'create service',
    'create service clusterip', 'create service nodeport', 'create service loadbalancer', 'create service externalname',
    'create configmap', 'create secret', 'create secret generic', 'create job', 'create cronjob', 'create serviceaccount',
    'run', 'expose', 'delete', 'edit', 'apply', 'patch', 'replace', 'scale',
    'rollout', 'rollout status', 'rollout history', 'rollout undo', 'rollout restart', 'rollout pause', 'rollout resume',
    'set', 'set image', 'set env', 'set resources', 'label', 'annotate', 'logs', 'exec', 'port-forward',
    'cordon', 'uncordon', 'drain', 'taint', 'top', 'top node', 'top pod', 'explain', 'cluster-info', 'api-resources',
    'config', 'config get-contexts', 'config current-context', 'config use-context', 'config set-context', 'config view',
    'version', 'completion', 'wait',
  ];

  it('has every verb kubesim implements', () => {
    for (const path of expected) assert.ok(VERB_HELP[path], `missing ${path}`);
  });

  it('uses the placeholder instead of kubectl, except in URLs and annotation keys', () => {
    for (const [path, h] of Object.entries(VERB_HELP)) {
      for (const text of [h.description, h.examples, h.usage, h.summary]) {
        for (const m of text.matchAll(/\S*kubectl\S*/g)) {
          assert.ok(/https?:\/\/|kubectl\.kubernetes\.io/.test(m[0]), `${path}: ${m[0]}`);
        }
      }
    }
    assert.ok(VERB_HELP.get.examples.startsWith(`  # List all pods in ps output format\n  ${CMD_PLACEHOLDER} get pods\n`));
  });

  for (const path of expected) {
    it(`renders \`kubectl ${path} --help\` byte for byte`, needsKubectl, () => {
      const real = kubectlHelp(path.split(' '));
      assert.ok(real !== undefined);
      assert.equal(verbHelp('kubectl', path, optionsOf(real), subcommandsOf(real)), real);
    });
  }
});

describe('verbHelp', () => {
  // A handful of `kubectl get` options, declared the way a commander program would.
  const getOptions: HelpOption[] = [
    { flags: '-w, --watch', description: 'After listing/getting the requested object, watch for changes.' },
    {
      flags: '-A, --all-namespaces',
      description: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
    },
    { flags: '--chunk-size <size>', defaultValue: 500, description: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    {
      flags: '-o, --output <format>',
      description:
        'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].',
    },
    { flags: '-f, --filename <file...>', description: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    { flags: '--no-headers', description: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { flags: '--server-print [bool]', defaultValue: true, description: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.' },
    { flags: '-L, --label-columns <labels>', type: 'stringSlice', description: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { flags: '-h, --help', description: 'help for get' },
  ];

  it('renders `kubesim get --help` like kubectl (exact text for the options given)', needsKubectl, () => {
    const real = kubectlHelp(['get'])!;
    const ours = verbHelp('kubesim', 'get', getOptions);
    const blocks = /\nOptions:\n([\s\S]*?)\n\nUsage:\n/.exec(ours)![1].split('\n\n');
    assert.equal(blocks.length, 8, 'help is not listed');
    const realBlocks = /\nOptions:\n([\s\S]*?)\n\nUsage:\n/.exec(real)![1].split('\n\n');
    for (const b of blocks) assert.ok(realBlocks.includes(b), `not in kubectl get --help:\n${b}`);
    // Same order as kubectl (pflag sorts by long name).
    assert.deepEqual(blocks, realBlocks.filter((b) => blocks.includes(b)));
    // Everything outside Options is kubectl's text with the program name substituted.
    const strip = (s: string) => s.replace(/\nOptions:\n[\s\S]*?\n\nUsage:\n/, '\nUsage:\n');
    const expected = strip(real).replace(/(^|[^/\w-])kubectl(?=[ "\n])/g, '$1kubesim');
    assert.equal(strip(ours), expected);
  });

  it('formats options the way kubectl prints them', () => {
    assert.equal(formatOption(getOptions[1]), `    -A, --all-namespaces=false:\n\t${getOptions[1].description}`);
    assert.equal(formatOption(getOptions[2]), `    --chunk-size=500:\n\t${getOptions[2].description}`);
    assert.equal(formatOption(getOptions[3]).split('\n')[0], "    -o, --output='':");
    assert.equal(formatOption(getOptions[4]).split('\n')[0], '    -f, --filename=[]:');
    assert.equal(formatOption(getOptions[5]).split('\n')[0], '    --no-headers=false:');
    assert.equal(formatOption(getOptions[6]).split('\n')[0], '    --server-print=true:');
    assert.equal(formatOption({ flags: '--timeout <duration>', type: 'duration', defaultValue: 30, description: 'x' }), '    --timeout=30s:\n\tx');
    assert.equal(formatOption({ flags: '--since <duration>', type: 'duration', defaultValue: 300, description: 'x' }).split('\n')[0], '    --since=5m0s:');
    assert.equal(formatOption({ flags: '--tail <n>', defaultValue: -1, description: 'x' }).split('\n')[0], '    --tail=-1:');
    assert.equal(formatOption({ flags: '--field-manager <name>', defaultValue: 'kubectl-create', description: 'x' }).split('\n')[0], "    --field-manager='kubectl-create':");
    assert.equal(formatOption({ flags: '--env <kv>', defaultValue: ['A=1', 'B=2'], description: 'x' }).split('\n')[0], '    --env=[A=1,B=2]:');
    assert.equal(formatOption({ flags: '--replicas <n>', defaultDisplay: '1', description: 'x' }).split('\n')[0], '    --replicas=1:');
    assert.equal(formatOption({ flags: '--a', description: 'line one\nline two' }), '    --a=false:\n\tline one\n\tline two');
  });

  it('takes commander Option objects as they are', () => {
    const cmd = new Command('get')
      .addOption(new Option('-A, --all-namespaces', 'all'))
      .addOption(new Option('--chunk-size <size>', 'chunks').default(500))
      .addOption(new Option('-o, --output <format>', 'format'))
      .addOption(new Option('-f, --filename <file...>', 'files'))
      .addOption(new Option('--no-headers', 'no headers'))
      .addOption(new Option('--secret <x>', 'hidden').hideHelp());
    const text = verbHelp('kubesim', 'get', cmd.options);
    const options = /\nOptions:\n([\s\S]*?)\n\nUsage:\n/.exec(text)![1];
    assert.equal(
      options,
      [
        '    -A, --all-namespaces=false:\n\tall',
        '    --chunk-size=500:\n\tchunks',
        '    -f, --filename=[]:\n\tfiles',
        '    --no-headers=false:\n\tno headers',
        "    -o, --output='':\n\tformat",
      ].join('\n\n'),
    );
  });

  it('lists the subcommands kubesim has, with kubectl summaries and padding', () => {
    const text = verbHelp('kubesim', 'rollout', []);
    assert.ok(text.includes(
      'Available Commands:\n' +
        '  history       View rollout history\n' +
        '  pause         Mark the provided resource as paused\n' +
        '  restart       Restart a resource\n' +
        '  resume        Resume a paused resource\n' +
        '  status        Show the status of the rollout\n' +
        '  undo          Undo a previous rollout\n\n' +
        'Usage:\n  kubesim rollout SUBCOMMAND [options]\n\n' +
        'Use "kubesim rollout <command> --help" for more information about a given command.\n' +
        'Use "kubesim options" for a list of global command-line options (applies to all commands).\n',
    ));
    assert.ok(!text.includes('Options:'));
    const create = verbHelp('kubesim', 'create', [], ['deployment', 'namespace', 'secret', 'service', 'serviceaccount', 'ingress']);
    assert.ok(create.includes('\n  ingress          Create an ingress with the specified name\n'));
    assert.ok(create.includes('\n  serviceaccount   Create a service account with the specified name\n'));
  });

  it('prints aliases and substitutes the program name outside URLs', () => {
    const dep = verbHelp('kubesim', 'create deployment', []);
    assert.ok(dep.startsWith('Create a deployment with the specified name.\n\nAliases:\ndeployment, deploy\n\nExamples:\n'));
    assert.ok(dep.includes('  kubesim create deployment my-dep --image=busybox\n'));
    const comp = verbHelp('kubesim', 'completion', []);
    assert.ok(comp.includes('https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/#enable-shell-autocompletion'));
    assert.ok(comp.includes('  source <(kubesim completion bash)\n'));
    assert.ok(comp.includes('completions/kubesim.fish'));
    assert.ok(!/(?<![/-])kubectl(?![-/.])/.test(comp.replace(/https?:\S+/g, '')), 'a kubectl left over');
  });
});
