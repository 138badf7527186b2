import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Argument, Command, Option } from 'commander';
import { RESOURCE_TYPES } from '../../src/api/resources.ts';
import {
  bashScript,
  complete,
  completionResponse,
  directiveString,
  fishScript,
  renderCompletion,
  zshScript,
  type CompletionData,
} from '../../src/cli/completion.ts';

function buildProgram(): Command {
  const program = new Command('kubesim')
    .option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request')
    .option('--context <name>', 'The name of the kubeconfig context to use')
    .helpCommand(false);
  program
    .command('get')
    .summary('Display one or many resources')
    .description('Display one or many resources.\n\nPrints a table of the most important information.')
    .argument('[args...]')
    .option('-o, --output <format>', 'Output format')
    .option('-A, --all-namespaces', 'List the requested object(s) across all namespaces')
    .option('-f, --filename <file>', 'Filename identifying the resource to get')
    .option('-w, --watch', 'After listing/getting the requested object, watch for changes');
  program
    .command('describe')
    .description('Show details of a specific resource or group of resources.')
    .argument('[args...]')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces');
  program
    .command('logs')
    .summary('Print the logs for a container in a pod')
    .argument('[args...]')
    .option('-c, --container <name>', 'Print the logs of this container')
    .option('-f, --follow', 'Specify if the logs should be streamed.');
  const rollout = program.command('rollout').summary('Manage the rollout of a resource');
  rollout.command('status').description('Show the status of the rollout.').argument('[args...]').option('-w, --watch <bool>', "Watch the status of the rollout until it's done.", 'true');
  rollout.command('history').description('View previous rollout revisions and configurations.').argument('[args...]');
  rollout.command('restart').description('Restart a resource.').argument('[args...]');
  const config = program.command('config').summary('Modify kubeconfig files');
  config.command('use-context').description('Set the current-context in a kubeconfig file').argument('<name>');
  config.command('view').description('Display merged kubeconfig settings').addOption(new Option('--raw', 'Display raw byte data').hideHelp());
  const cluster = program.command('cluster').summary('Create, list, reset and delete simulated clusters (kubesim)');
  cluster.command('delete').description('Delete a simulated cluster and its context').argument('<name>');
  program.command('completion').summary('Output shell completion code for the specified shell (bash, zsh, fish)').argument('<shell>');
  program.command('version').summary('Print the client and server version information').addArgument(new Argument('[detail]').choices(['client', 'server']));
  program.command('secret-verb', { hidden: true }).description('Hidden');
  program.command('__complete').description('Request shell completion choices');
  return program;
}

const NAMES: Record<string, Record<string, string[]>> = {
  pods: { default: ['web-1', 'web-2', 'db-0'], 'kube-system': ['coredns-abc', 'etcd-controlplane'] },
  deployments: { default: ['web'], 'kube-system': ['coredns'] },
  nodes: { '': ['controlplane', 'node01'] },
};

function fakeData(calls: [string, string | undefined][] = []): CompletionData {
  return {
    resourceNames(type, namespace) {
      calls.push([type, namespace]);
      const byNs = NAMES[type] ?? {};
      return namespace === undefined ? Object.values(byNs).flat() : (byNs[namespace] ?? []);
    },
    namespaces: () => ['default', 'kube-node-lease', 'kube-public', 'kube-system'],
    contexts: () => ['kubernetes-admin@kubernetes', 'lab'],
    currentNamespace: 'default',
  };
}

const program = buildProgram();
const run = (line: string[], data = fakeData()) => complete(program, line, data);
const candidates = (line: string[], data = fakeData()) => run(line, data).candidates;

const ALL_TYPE_WORDS = [...new Set(RESOURCE_TYPES.flatMap((r) => [r.plural, ...r.shortNames]))].sort();

describe('complete: verbs', () => {
  it('lists the visible verbs, sorted, with their summaries', () => {
    assert.deepEqual(run(['']), {
      candidates: [
        'cluster\tCreate, list, reset and delete simulated clusters (kubesim)',
        'completion\tOutput shell completion code for the specified shell (bash, zsh, fish)',
        'config\tModify kubeconfig files',
        'describe\tShow details of a specific resource or group of resources',
        'get\tDisplay one or many resources',
        'logs\tPrint the logs for a container in a pod',
        'rollout\tManage the rollout of a resource',
        'version\tPrint the client and server version information',
      ],
      directive: 4,
    });
  });

  it('filters verbs by prefix', () => {
    assert.deepEqual(run(['g']), { candidates: ['get\tDisplay one or many resources'], directive: 4 });
    assert.deepEqual(run(['__']), { candidates: [], directive: 4 });
    assert.deepEqual(candidates(['secret']), []);
  });

  it('treats no words at all as an empty word', () => {
    assert.deepEqual(candidates([]), candidates(['']));
  });

  it('completes sub-verbs without commander\'s implicit help command', () => {
    assert.deepEqual(run(['rollout', '']), {
      candidates: [
        'history\tView previous rollout revisions and configurations',
        'restart\tRestart a resource',
        'status\tShow the status of the rollout',
      ],
      directive: 4,
    });
    assert.deepEqual(candidates(['config', '']), ['use-context\tSet the current-context in a kubeconfig file', 'view\tDisplay merged kubeconfig settings']);
    assert.deepEqual(candidates(['-n', 'kube-system', 'rollout', 'h']), ['history\tView previous rollout revisions and configurations']);
  });

  it('reports an unknown verb like cobra: nothing, default directive, an error', () => {
    assert.deepEqual(run(['nope', '']), { candidates: [], directive: 0, error: 'unable to find a command for arguments: [nope]' });
  });
});

describe('complete: flags', () => {
  it('lists global flags, then the verb\'s own, each sorted, long and short forms', () => {
    assert.deepEqual(run(['get', '-']), {
      candidates: [
        '--context\tThe name of the kubeconfig context to use',
        '--namespace\tIf present, the namespace scope for this CLI request',
        '-n\tIf present, the namespace scope for this CLI request',
        '--all-namespaces\tList the requested object(s) across all namespaces',
        '-A\tList the requested object(s) across all namespaces',
        '--filename\tFilename identifying the resource to get',
        '-f\tFilename identifying the resource to get',
        '--help\thelp for get',
        '-h\thelp for get',
        '--output\tOutput format',
        '-o\tOutput format',
        '--watch\tAfter listing/getting the requested object, watch for changes',
        '-w\tAfter listing/getting the requested object, watch for changes',
      ],
      directive: 4,
    });
  });

  it('filters by prefix and leaves out flags already given', () => {
    assert.deepEqual(candidates(['get', '--a']), ['--all-namespaces\tList the requested object(s) across all namespaces']);
    assert.deepEqual(candidates(['get', '-o', 'yaml', '--o']), []);
    assert.deepEqual(candidates(['get', '-A', '--']).filter((c) => c.startsWith('--all')), []);
    assert.deepEqual(candidates(['--']), ['--context\tThe name of the kubeconfig context to use', '--help\thelp for kubesim', '--namespace\tIf present, the namespace scope for this CLI request']);
  });

  it('leaves out hidden flags', () => {
    assert.deepEqual(candidates(['config', 'view', '--r']), []);
  });

  it('does not complete flags after --', () => {
    assert.deepEqual(candidates(['logs', 'web-1', '--', '-']), []);
  });
});

describe('complete: flag values', () => {
  it('-n/--namespace: namespaces', () => {
    assert.deepEqual(run(['get', '-n', '']), { candidates: ['default', 'kube-node-lease', 'kube-public', 'kube-system'], directive: 4 });
    assert.deepEqual(candidates(['get', '--namespace', 'kube-s']), ['kube-system']);
    assert.deepEqual(candidates(['-n', 'kube-p']), ['kube-public']);
    assert.deepEqual(candidates(['get', '-n=kube-s']), ['kube-system']);
    assert.deepEqual(candidates(['get', '--namespace=kube-n']), ['kube-node-lease']);
  });

  it('--context: contexts', () => {
    assert.deepEqual(run(['--context', '']), { candidates: ['kubernetes-admin@kubernetes', 'lab'], directive: 4 });
    assert.deepEqual(candidates(['get', '--context=l']), ['lab']);
  });

  it('-o/--output: the formats, no space after those that take an argument', () => {
    assert.deepEqual(run(['get', '-o', '']), {
      candidates: ['json', 'yaml', 'wide', 'name', 'custom-columns=', 'jsonpath=', 'jsonpath-as-json='],
      directive: 4,
    });
    assert.deepEqual(run(['get', '-o', 'cu']), { candidates: ['custom-columns='], directive: 6 });
    assert.deepEqual(run(['get', '--output=js']), { candidates: ['json', 'jsonpath=', 'jsonpath-as-json='], directive: 4 });
    assert.deepEqual(run(['get', '--output=jsonp']), { candidates: ['jsonpath=', 'jsonpath-as-json='], directive: 6 });
  });

  it('-f/--filename: left to the shell\'s file completion', () => {
    assert.deepEqual(run(['get', '-f', '']), { candidates: [], directive: 0 });
    assert.deepEqual(run(['get', '--filename=ma']), { candidates: [], directive: 0 });
  });

  it('a <bool> value: true and false', () => {
    assert.deepEqual(candidates(['rollout', 'status', '-w', '']), ['true', 'false']);
  });

  it('values without a completion: nothing, no file names', () => {
    assert.deepEqual(run(['logs', '-c', '']), { candidates: [], directive: 4 });
  });

  it('a boolean flag takes no value: the next word is a positional', () => {
    assert.deepEqual(candidates(['get', '-w', 'po', '']), ['web-1', 'web-2', 'db-0']);
    assert.deepEqual(candidates(['logs', '-f', '']).slice(0, 3), ['web-1', 'web-2', 'db-0']);
  });
});

describe('complete: resource types and names', () => {
  it('first argument: the served plurals and short names', () => {
    assert.deepEqual(run(['get', '']), { candidates: ALL_TYPE_WORDS, directive: 4 });
    for (const t of ['pods', 'po', 'deployments', 'deploy', 'nodes', 'no', 'svc']) assert.ok(ALL_TYPE_WORDS.includes(t), t);
    assert.deepEqual(candidates(['describe', 'deploy']), ['deploy', 'deployments']);
  });

  it('completes the last of a comma-separated list of types', () => {
    assert.deepEqual(candidates(['get', 'po,deploy']), ['po,deploy', 'po,deployments']);
  });

  it('names of the type in the current namespace, without those already given', () => {
    const calls: [string, string | undefined][] = [];
    assert.deepEqual(run(['get', 'po', ''], fakeData(calls)), { candidates: ['web-1', 'web-2', 'db-0'], directive: 4 });
    assert.deepEqual(calls, [['pods', 'default']]);
    assert.deepEqual(candidates(['get', 'pods', 'web-1', '']), ['web-2', 'db-0']);
    assert.deepEqual(candidates(['describe', 'deployment', 'w']), ['web']);
    assert.deepEqual(candidates(['get', 'po,deploy', 'w']), ['web-1', 'web-2', 'web']);
  });

  it('names in the namespace of -n/--namespace, or all namespaces with -A', () => {
    const calls: [string, string | undefined][] = [];
    const data = fakeData(calls);
    assert.deepEqual(candidates(['get', 'pods', '-n', 'kube-system', ''], data), ['coredns-abc', 'etcd-controlplane']);
    assert.deepEqual(candidates(['-n', 'kube-system', 'get', 'pods', ''], data), ['coredns-abc', 'etcd-controlplane']);
    assert.deepEqual(candidates(['get', '-nkube-system', 'pods', 'e'], data), ['etcd-controlplane']);
    assert.deepEqual(candidates(['get', '--namespace=kube-system', 'deploy', ''], data), ['coredns']);
    assert.deepEqual(candidates(['get', '-A', 'deploy', ''], data), ['web', 'coredns']);
    assert.deepEqual(candidates(['describe', '--all-namespaces', 'po', 'c'], data), ['coredns-abc']);
    assert.deepEqual(calls, [
      ['pods', 'kube-system'],
      ['pods', 'kube-system'],
      ['pods', 'kube-system'],
      ['deployments', 'kube-system'],
      ['deployments', undefined],
      ['pods', undefined],
    ]);
  });

  it('cluster-scoped types are listed without a namespace', () => {
    const calls: [string, string | undefined][] = [];
    assert.deepEqual(candidates(['get', '-n', 'kube-system', 'nodes', ''], fakeData(calls)), ['controlplane', 'node01']);
    assert.deepEqual(calls, [['nodes', undefined]]);
  });

  it('TYPE/NAME: names after the slash, and TYPE/ for the next arguments', () => {
    assert.deepEqual(run(['get', 'pods/']), { candidates: ['pods/web-1', 'pods/web-2', 'pods/db-0'], directive: 4 });
    assert.deepEqual(candidates(['get', 'po/w']), ['po/web-1', 'po/web-2']);
    assert.deepEqual(candidates(['get', 'pods/web-1', 'pods/']), ['pods/web-2', 'pods/db-0']);
    assert.deepEqual(run(['get', 'pods/web-1', 'dep']), { candidates: ['deploy/', 'deployments/'], directive: 6 });
  });

  it('unknown types and failing data complete nothing', () => {
    assert.deepEqual(run(['get', 'widgets', '']), { candidates: [], directive: 4 });
    const broken: CompletionData = {
      resourceNames: () => {
        throw new Error('cluster unreadable');
      },
      namespaces: () => {
        throw new Error('cluster unreadable');
      },
      contexts: () => [],
      currentNamespace: 'default',
    };
    assert.deepEqual(run(['get', 'pods', ''], broken), { candidates: [], directive: 4 });
    assert.deepEqual(run(['get', '-n', ''], broken), { candidates: [], directive: 4 });
  });
});

describe('complete: verbs with their own arguments', () => {
  it('rollout: deployments, then one name', () => {
    assert.deepEqual(run(['rollout', 'status', '']), { candidates: ['deploy', 'deployments'], directive: 4 });
    assert.deepEqual(candidates(['rollout', 'status', 'deployments', '']), ['web']);
    assert.deepEqual(candidates(['rollout', 'history', 'deployment/']), ['deployment/web']);
    assert.deepEqual(candidates(['rollout', 'history', '-n', 'kube-system', 'deploy/']), ['deploy/coredns']);
    assert.deepEqual(candidates(['rollout', 'status', 'deploy', 'web', '']), []);
    assert.deepEqual(candidates(['rollout', 'status', 'deploy/web', '']), []);
    assert.deepEqual(run(['rollout', 'restart', 'deploy/web', '']), { candidates: ['deploy/', 'deployments/'], directive: 6 });
  });

  it('logs: pod names and TYPE/ for kinds with pods, first argument only', () => {
    assert.deepEqual(run(['logs', '']), {
      candidates: ['web-1', 'web-2', 'db-0', 'daemonsets/', 'deployments/', 'pods/', 'replicasets/', 'services/'],
      directive: 4,
    });
    assert.deepEqual(run(['logs', 'de']), { candidates: ['deployments/'], directive: 6 });
    assert.deepEqual(run(['logs', 'deployments/']), { candidates: ['deployments/web'], directive: 4 });
    assert.deepEqual(run(['logs', '-n', 'kube-system', 'e']), { candidates: ['etcd-controlplane'], directive: 4 });
    assert.deepEqual(run(['logs', 'web-1', '']), { candidates: [], directive: 4 });
  });

  it('config use-context: context names', () => {
    assert.deepEqual(run(['config', 'use-context', '']), { candidates: ['kubernetes-admin@kubernetes', 'lab'], directive: 4 });
    assert.deepEqual(candidates(['config', 'use-context', 'l']), ['lab']);
    assert.deepEqual(candidates(['config', 'use-context', 'lab', '']), []);
  });

  it('cluster delete: the clusters of the contexts', () => {
    assert.deepEqual(run(['cluster', 'delete', '']), { candidates: ['kubernetes', 'lab'], directive: 4 });
    assert.deepEqual(candidates(['cluster', 'delete', ''], { ...fakeData(), clusters: () => ['a', 'b'] }), ['a', 'b']);
  });

  it('completion: the shells', () => {
    assert.deepEqual(run(['completion', '']), { candidates: ['bash', 'zsh', 'fish'], directive: 4 });
    assert.deepEqual(candidates(['completion', 'bash', '']), []);
  });

  it('otherwise the choices commander knows for the argument', () => {
    assert.deepEqual(run(['version', 's']), { candidates: ['server'], directive: 4 });
  });

  it('a verb without argument completion: nothing, no file names', () => {
    assert.deepEqual(run(['config', 'view', '']), { candidates: [], directive: 4 });
  });
});

describe('the __complete protocol', () => {
  it('prints candidates, then :directive; the directive\'s name on stderr', () => {
    assert.deepEqual(renderCompletion({ candidates: ['get\tDisplay one or many resources', 'pods'], directive: 4 }), {
      stdout: 'get\tDisplay one or many resources\npods\n:4\n',
      stderr: 'Completion ended with directive: ShellCompDirectiveNoFileComp\n',
    });
    assert.deepEqual(renderCompletion({ candidates: ['get\tDisplay one or many resources'], directive: 6 }, true), {
      stdout: 'get\n:6\n',
      stderr: 'Completion ended with directive: ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp\n',
    });
    assert.deepEqual(renderCompletion({ candidates: [], directive: 0, error: 'unable to find a command for arguments: [x]' }), {
      stdout: ':0\n',
      stderr: '[Error] unable to find a command for arguments: [x]\nCompletion ended with directive: ShellCompDirectiveDefault\n',
    });
  });

  it('names directives like cobra', () => {
    assert.equal(directiveString(0), 'ShellCompDirectiveDefault');
    assert.equal(directiveString(1), 'ShellCompDirectiveError');
    assert.equal(directiveString(36), 'ShellCompDirectiveNoFileComp, ShellCompDirectiveKeepOrder');
    assert.equal(directiveString(24), 'ShellCompDirectiveFilterFileExt, ShellCompDirectiveFilterDirs');
    assert.equal(directiveString(64), 'ERROR: unexpected ShellCompDirective value: 64');
  });

  it('answers __complete and __completeNoDesc', () => {
    const data = fakeData();
    assert.equal(completionResponse(program, ['__complete', 'g'], data, {}).stdout, 'get\tDisplay one or many resources\n:4\n');
    assert.equal(completionResponse(program, ['__completeNoDesc', 'g'], data, {}).stdout, 'get\n:4\n');
    assert.equal(completionResponse(program, ['__complete', 'g'], data, { KUBESIM_COMPLETION_DESCRIPTIONS: 'false' }).stdout, 'get\n:4\n');
    assert.equal(completionResponse(program, ['__complete', 'get', '-n', ''], data, {}).stdout, 'default\nkube-node-lease\nkube-public\nkube-system\n:4\n');
  });
});

describe('completion scripts', () => {
  it('bash: calls NAME __complete, registers __start_NAME, documents the k alias', () => {
    for (const name of ['kubesim', 'kubectl']) {
      const s = bashScript(name);
      assert.match(s, new RegExp(`^__start_${name}\\(\\)$`, 'm'));
      assert.match(s, /requestComp="\$\{prog\} __complete \$\{args\[\*\]\}"/);
      assert.match(s, new RegExp(`complete -o default -F __start_${name} ${name}\\n`));
      assert.match(s, new RegExp(`#\\s+complete -o default -F __start_${name} k\\n`));
      // The program name is substituted everywhere; kubectl is named only in the comment about `k`.
      const other = name === 'kubesim' ? 'kubectl' : 'kubesim';
      assert.deepEqual(s.split('\n').filter((l) => l.includes(other) && !l.startsWith('#')), []);
    }
  });

  it('bash: the script is valid bash', { skip: spawnSync('bash', ['--version']).status !== 0 && 'bash is not installed' }, () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-n'], { input: bashScript('kubesim'), encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('zsh and fish: call NAME __complete and register for NAME', () => {
    const z = zshScript('kubectl');
    assert.match(z, /^#compdef kubectl\ncompdef _kubectl kubectl\n/);
    assert.match(z, /requestComp="\$\{words\[1\]\} __complete \$\{words\[2,-1\]\}"/);
    const f = fishScript('kubesim');
    assert.match(f, /set -l requestComp "\$args\[1\] __complete \$args\[2\.\.-1\] \$lastArg"/);
    assert.match(f, /^complete -c kubesim -n 'not __kubesim_requires_order_preservation && __kubesim_prepare_completions' -f -a '\$__kubesim_comp_results'$/m);
    assert.doesNotMatch(f, /kubectl/);
  });
});
