import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../helpers/cli.ts';
import { expectGolden } from '../helpers/golden.ts';

let k: Sandbox;
before(() => {
  k = Sandbox.paused();
});
after(() => k.cleanup());

const GOLDEN_GETS: [string, string | string[]][] = [
  ['get-nodes', 'get nodes'],
  ['get-nodes-wide', 'get nodes -o wide'],
  ['get-no-show-labels', 'get no --show-labels'],
  ['get-ns', 'get ns'],
  ['get-pods-all-namespaces', 'get pods -A'],
  ['get-pods-kube-system-wide', 'get po -n kube-system -o wide'],
  ['get-svc-all-namespaces-wide', 'get svc -A -o wide'],
  ['get-svc', 'get services'],
  ['get-all-kube-system', 'get all -n kube-system'],
  ['get-po-svc-kube-system', 'get po,svc -n kube-system'],
  ['get-type-slash-name', 'get node/node01 ns/default'],
  ['get-selector', 'get pods -A -l k8s-app=kube-dns'],
  ['get-set-selector', 'get pods -n kube-system -l "k8s-app in (kube-proxy,canal)" --no-headers'],
  ['get-field-selector', 'get pods -A --field-selector spec.nodeName=node01'],
  ['get-label-columns', 'get pods -n kube-system -L k8s-app,component'],
  ['get-name', 'get pods -n kube-system -o name'],
  ['get-ns-yaml', 'get ns default -o yaml'],
  ['get-ns-json', 'get namespace kube-public -o json'],
  ['get-nodes-list-yaml', 'get nodes -o yaml'],
  ['get-jsonpath', 'get nodes -o jsonpath={.items[*].metadata.name}'],
  ['get-jsonpath-range', ['get', 'pods', '-n', 'kube-system', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}']],
  ['get-custom-columns', 'get pods -A -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image'],
  ['get-sort-by', 'get pods -n kube-system --sort-by=.status.podIP'],
  ['get-endpoints', 'get ep -A'],
  ['get-cm-sa', 'get cm,sa'],
  ['get-deploy-rs-wide', 'get deploy,rs -n kube-system -o wide'],
  ['get-ds', 'get ds -n kube-system'],
];

for (const [name, cmd] of GOLDEN_GETS) {
  test(`kubesim ${typeof cmd === 'string' ? cmd : cmd.join(' ')}`, () => {
    const r = k.run(cmd);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    expectGolden(name, r.stdout);
  });
}

test('an empty namespace says so on stderr and exits 0', () => {
  const r = k.run('get pods');
  assert.deepEqual(r, { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  assert.deepEqual(k.run('get pods -n nope'), { stdout: '', stderr: 'No resources found in nope namespace.\n', code: 0 });
  assert.deepEqual(k.run('get pods -A -l app=none'), { stdout: '', stderr: 'No resources found\n', code: 0 });
});

test('named objects that do not exist: found ones print, each missing one errors, exit 1', () => {
  assert.deepEqual(k.run('get nodes x'), { stdout: '', stderr: 'Error from server (NotFound): nodes "x" not found\n', code: 1 });
  const r = k.run('get ns default nope');
  assert.equal(r.stdout, 'NAME      STATUS   AGE\ndefault   Active   10m\n');
  assert.equal(r.stderr, 'Error from server (NotFound): namespaces "nope" not found\n');
  assert.equal(r.code, 1);
  assert.deepEqual(k.run('get pod nope --ignore-not-found'), { stdout: '', stderr: '', code: 0 });
});

test('kubectl get errors, word for word', () => {
  const cases: [string, string][] = [
    ['get podz', 'error: the server doesn\'t have a resource type "podz"\n'],
    ['get pods -o foo', 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'],
    ['get pods --show-labels -o yaml', 'error: --show-labels option cannot be used with yaml printer\n'],
    ['get pod/x pod y', "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"],
    ['get a/b/c', 'error: arguments in resource/name form may not have more than one slash\n'],
    ['get pods x -l a=b', 'error: name cannot be provided when a selector is specified\n'],
    ['get pods x -A', 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['get --foo', "error: unknown flag: --foo\nSee 'kubesim get --help' for usage.\n"],
    ['get -z', "error: unknown shorthand flag: 'z' in -z\nSee 'kubesim get --help' for usage.\n"],
    ['get pods -n', "error: flag needs an argument: 'n' in -n\nSee 'kubesim get --help' for usage.\n"],
    ['get pods --field-selector foo=bar', 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n'],
    ['get po,svc -w', 'error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n'],
    [
      'get',
      'You must specify the type of resource to get. Use "kubesim api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubesim explain <resource>" for a detailed description of that resource (e.g. kubesim explain pods).\nSee \'kubesim get -h\' for help and examples\n',
    ],
  ];
  for (const [cmd, stderr] of cases) {
    assert.deepEqual(k.run(cmd), { stdout: '', stderr, code: 1 }, cmd);
  }
});

test('get -w on a paused clock prints the current state and returns', () => {
  const r = k.run('get nodes -w');
  assert.equal(r.code, 0);
  expectGolden('get-nodes', r.stdout);
});
