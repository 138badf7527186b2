// apply / create -f / replace / delete -f / patch / edit-free declarative workflows, field validation
// and kubectl's exact errors for bad manifests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Sandbox, ROOT } from '../helpers/cli.ts';

const SHOP = join(ROOT, 'fixtures', 'manifests', 'shop.yaml');
const dir = mkdtempSync(join(tmpdir(), 'kubesim-manifests-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const CM = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n${extra}`;

test('apply a multi-document file: created, unchanged, configured (a removed field goes), delete -f', () => {
  const k = Sandbox.paused();
  try {
    const created = k.ok(['apply', '-f', SHOP]);
    assert.equal(created, 'namespace/shop created\nconfigmap/shop-config created\nsecret/shop-db created\ndeployment.apps/shop created\nservice/shop created\n');
    assert.equal(k.ok(['apply', '-f', SHOP]), created.replace(/created/g, 'unchanged'));
    k.ok('sim advance 30s');
    assert.equal(k.ok('exec -n shop deploy/shop -- printenv MODE DB_PASSWORD'), 'production\ns3cr3t\n');
    // Drop the GREETING key and the memory limit, and scale to 3: apply removes what the file no longer says.
    const edited = file('shop-v2.yaml', readFileSync(SHOP, 'utf8').replace('  GREETING: hello\n', '').replace('          limits:\n            memory: 128Mi\n', '').replace('replicas: 2', 'replicas: 3'));
    assert.equal(k.ok(['apply', '-f', edited]), 'namespace/shop unchanged\nconfigmap/shop-config configured\nsecret/shop-db unchanged\ndeployment.apps/shop configured\nservice/shop unchanged\n');
    assert.equal(k.ok('get cm shop-config -n shop -o jsonpath={.data}'), '{"MODE":"production"}');
    assert.equal(k.ok('get deploy shop -n shop -o jsonpath={.spec.replicas}/{.spec.template.spec.containers[0].resources}'), '3/{"requests":{"cpu":"100m","memory":"64Mi"}}');
    const lastApplied = JSON.parse(k.ok(['get', 'cm', 'shop-config', '-n', 'shop', '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}']));
    assert.deepEqual(lastApplied, { apiVersion: 'v1', data: { MODE: 'production' }, kind: 'ConfigMap', metadata: { annotations: {}, name: 'shop-config', namespace: 'shop' } });
    // A field set by someone else (scale) is kept by apply: it was never in the file.
    k.ok('label deploy shop -n shop tier=web');
    assert.match(k.ok(['apply', '-f', edited]), /deployment\.apps\/shop unchanged/);
    assert.equal(k.ok('get deploy shop -n shop -o jsonpath={.metadata.labels.tier}'), 'web');
    assert.deepEqual(k.run(['delete', '-f', edited, '--wait=false']), {
      stdout: 'namespace "shop" deleted\nconfigmap "shop-config" deleted\nsecret "shop-db" deleted\ndeployment.apps "shop" deleted\nservice "shop" deleted\n',
      stderr: '',
      code: 0,
    });
    const again = k.run(['delete', '-f', edited]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`^Error from server \\(NotFound\\): error when deleting "${edited}": configmaps "shop-config" not found\n`));
  } finally {
    k.cleanup();
  }
});

test('create --save-config, then apply; apply on an object made imperatively warns and patches the annotation', () => {
  const k = Sandbox.paused();
  try {
    const f = file('cm.yaml', CM('plain'));
    assert.equal(k.ok(['create', '-f', f]), 'configmap/plain created\n');
    const r = k.run(['apply', '-f', f]);
    assert.deepEqual(r, {
      stdout: 'configmap/plain configured\n',
      stderr:
        'Warning: resource configmaps/plain is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubesim apply. kubesim apply should only be used on resources created declaratively by either kubesim create --save-config or kubesim apply. The missing annotation will be patched automatically.\n',
      code: 0,
    });
    assert.equal(k.ok(['apply', '-f', f]), 'configmap/plain unchanged\n');
    const g = file('cm2.yaml', CM('saved'));
    assert.equal(k.ok(['create', '--save-config', '-f', g]), 'configmap/saved created\n');
    assert.equal(k.ok(['apply', '-f', g]), 'configmap/saved unchanged\n');
    assert.deepEqual(k.run(['create', '-f', g]), { stdout: '', stderr: `Error from server (AlreadyExists): error when creating "${g}": configmaps "saved" already exists\n`, code: 1 });
    assert.equal(k.ok(['apply', '-f', g, '--dry-run=client']), 'configmap/saved unchanged (dry run)\n');
    assert.equal(k.ok(['apply', '-f', file('cm3.yaml', CM('fresh')), '--dry-run=server']), 'configmap/fresh created (server dry run)\n');
    assert.equal(k.run('get cm fresh').code, 1, 'a dry run creates nothing');
  } finally {
    k.cleanup();
  }
});

test('validation: each bad document gets the API server\'s error, kubectl\'s framing, exit 1, nothing half-applied', () => {
  const k = Sandbox.paused();
  try {
    const unknown = file('unknown.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  foo: bar\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        imagee: nginx\n');
    assert.deepEqual(k.run(['apply', '-f', unknown]), {
      stdout: '',
      stderr: `Error from server (BadRequest): error when creating "${unknown}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo", unknown field "spec.template.spec.containers[0].imagee"\n`,
      code: 1,
    });
    assert.equal(k.run('get deploy web').code, 1);
    // --validate=warn drops the unknown fields with a warning; ignore drops them silently.
    assert.deepEqual(k.run(['create', '-f', unknown, '--validate=warn', '--dry-run=server']), {
      stdout: 'deployment.apps/web created (server dry run)\n',
      stderr: 'Warning: unknown field "spec.foo"\nWarning: unknown field "spec.template.spec.containers[0].imagee"\n',
      code: 0,
    });
    assert.deepEqual(k.run(['create', '-f', unknown, '--validate=bogus']), { stdout: '', stderr: 'error: invalid - validate option "bogus"; must be one of: strict (or true), warn, ignore (or false)\n', code: 1 });

    const mistyped = file('mistyped.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n');
    assert.equal(k.run(['apply', '-f', mistyped]).stderr, `Error from server (BadRequest): error when creating "${mistyped}": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n`);

    const invalid = file('invalid.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: empty\nspec:\n  template:\n    spec:\n      containers: []\n');
    assert.equal(k.run(['apply', '-f', invalid]).stderr, 'The Deployment "empty" is invalid: \n* spec.selector: Required value\n* spec.template.spec.containers: Required value\n');

    // One stream: an Invalid document and an unknown kind are skipped; the others go.
    const mixed = file('mixed.yaml', `${CM('m1')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: c\n    image: nginx\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\n${CM('m3')}`);
    assert.deepEqual(k.run(['apply', '-f', mixed]), {
      stdout: 'configmap/m1 created\nconfigmap/m3 created\n',
      stderr:
        'The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n' +
        `error: resource mapping not found for name: "w" namespace: "" from "${mixed}": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n`,
      code: 1,
    });
    // A document without kind, or a YAML syntax error, stops the stream there.
    const noKind = file('nokind.yaml', `${CM('v1a')}---\nmetadata:\n  name: nokind\n---\n${CM('v1c')}`);
    assert.deepEqual(k.run(['apply', '-f', noKind]), {
      stdout: 'configmap/v1a created\n',
      stderr: `error: error validating "${noKind}": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n`,
      code: 1,
    });
    const badYaml = file('bad.yaml', `${CM('ya')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yb\n  labels: {a: b\n---\n${CM('yc')}`);
    assert.deepEqual(k.run(['apply', '-f', badYaml]), {
      stdout: 'configmap/ya created\n',
      stderr: `error: error parsing ${badYaml}: error converting YAML to JSON: yaml: line 5: did not find expected ',' or '}'\n`,
      code: 1,
    });
    assert.equal(k.run('get cm yc').code, 1);
    assert.deepEqual(k.run(['apply', '-f', join(dir, 'missing.yaml')]), { stdout: '', stderr: `error: the path "${join(dir, 'missing.yaml')}" does not exist\n`, code: 1 });
    assert.deepEqual(k.run('apply'), { stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 1 });

    // An existing object patched with an unknown field: the patch itself is in the error.
    const web = file('web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n');
    k.ok(['apply', '-f', web]);
    const webBad = file('web-bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\nfoo: bar\n');
    assert.equal(
      k.run(['apply', '-f', webBad]).stderr,
      'The request is invalid: patch: Invalid value: "map[foo:bar metadata:map[annotations:map[kubectl.kubernetes.io/last-applied-configuration:{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"a\\":\\"1\\"},\\"foo\\":\\"bar\\",\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"web\\",\\"namespace\\":\\"default\\"}}\\n]]]": strict decoding error: unknown field "foo"\n',
    );
    assert.equal(k.ok('get cm web -o jsonpath={.metadata.resourceVersion}'), k.ok('get cm web -o jsonpath={.metadata.resourceVersion}'));
  } finally {
    k.cleanup();
  }
});

test('namespaces: the file\'s namespace must agree with -n', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create ns dev');
    const f = file('ns.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: prod\n');
    assert.deepEqual(k.run(['apply', '-f', f, '-n', 'dev']), {
      stdout: '',
      stderr: 'error: the namespace from the provided object "prod" does not match the namespace "dev". You must pass \'--namespace=prod\' to perform this operation.\n',
      code: 1,
    });
    assert.deepEqual(k.run(['apply', '-f', f]), { stdout: '', stderr: `Error from server (NotFound): error when creating "${f}": namespaces "prod" not found\n`, code: 1 });
    assert.equal(k.ok(['apply', '-f', file('nsless.yaml', CM('cfg')), '-n', 'dev']), 'configmap/cfg created\n');
    assert.equal(k.ok('get cm cfg -n dev -o name'), 'configmap/cfg\n');
    // YAML 1.1, as kubectl reads it: an unquoted `y` is a boolean.
    const yes = file('yes.yaml', CM('y'));
    assert.equal(k.run(['apply', '-f', yes]).stderr, `Error from server (BadRequest): error when creating "${yes}": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string\n`);
  } finally {
    k.cleanup();
  }
});

test('replace and replace --force', () => {
  const k = Sandbox.paused();
  try {
    const f = file('r.yaml', CM('r'));
    assert.deepEqual(k.run(['replace', '-f', f]), { stdout: '', stderr: `Error from server (NotFound): error when replacing "${f}": configmaps "r" not found\n`, code: 1 });
    assert.equal(k.ok(['replace', '--force', '-f', f]), 'configmap/r replaced\n');
    const uid = k.ok('get cm r -o jsonpath={.metadata.uid}');
    assert.equal(k.ok(['replace', '-f', file('r2.yaml', CM('r').replace('"1"', '"2"'))]), 'configmap/r replaced\n');
    assert.equal(k.ok('get cm r -o jsonpath={.data.a}/{.metadata.uid}'), `2/${uid}`);
    assert.equal(k.ok(['replace', '--force', '-f', f]), 'configmap "r" deleted\nconfigmap/r replaced\n');
    assert.notEqual(k.ok('get cm r -o jsonpath={.metadata.uid}'), uid);
    // A stale resourceVersion in the file is a conflict.
    const stale = file('stale.yaml', CM('r').replace('  name: r\n', '  name: r\n  resourceVersion: "1"\n'));
    assert.equal(k.run(['replace', '-f', stale]).stderr, `Error from server (Conflict): error when replacing "${stale}": Operation cannot be fulfilled on configmaps "r": the object has been modified; please apply your changes to the latest version and try again\n`);
    assert.deepEqual(k.run('replace'), { stdout: '', stderr: "error: must specify --filename to replace\nSee 'kubesim replace -h' for help and examples\n", code: 1 });
  } finally {
    k.cleanup();
  }
});

test('patch: strategic, merge and json patches; no change; warnings and errors as kubectl shows them', () => {
  const k = Sandbox.paused();
  try {
    k.ok('create deployment web --image=nginx:1.27 --replicas=2');
    assert.equal(k.ok(['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":3}}']), 'deployment.apps/web patched\n');
    assert.equal(k.ok(['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":3}}']), 'deployment.apps/web patched (no change)\n');
    assert.equal(k.ok(['patch', 'deployment/web', '-p', 'spec:\n  replicas: 4']), 'deployment.apps/web patched\n');
    // Strategic merge keeps the other containers' fields; a merge patch replaces the list.
    k.ok(['patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}']);
    assert.equal(k.ok('get deploy web -o jsonpath={.spec.template.spec.containers[0].image}/{.spec.template.spec.containers[0].imagePullPolicy}'), 'nginx:1.28/IfNotPresent');
    k.ok(['patch', 'deploy', 'web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":1},{"op":"add","path":"/metadata/labels/tier","value":"web"}]']);
    assert.equal(k.ok('get deploy web -o jsonpath={.spec.replicas}/{.metadata.labels.tier}'), '1/web');
    k.ok(['patch', 'deploy', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"tier":null}}}']);
    assert.equal(k.ok('get deploy web -o jsonpath={.metadata.labels}'), '{"app":"web"}');
    assert.equal(k.ok(['patch', 'deploy', 'web', '--dry-run=server', '-p', '{"spec":{"replicas":5}}']), 'deployment.apps/web patched\n');
    assert.equal(k.ok('get deploy web -o jsonpath={.spec.replicas}'), '1');
    assert.deepEqual(k.run(['patch', 'deploy', 'web', '-p', '{"spec":{"foo":1}}']), { stdout: 'deployment.apps/web patched (no change)\n', stderr: 'Warning: unknown field "spec.foo"\n', code: 0 });
    const errors: [string[], string][] = [
      [['patch', 'deploy', 'web'], "error: must specify --patch or --patch-file containing the contents of the patch\nSee 'kubesim patch -h' for help and examples\n"],
      [['patch', 'deploy', 'web', '--type', 'foo', '-p', '{}'], "error: --type must be one of [json merge strategic], not \"foo\"\nSee 'kubesim patch -h' for help and examples\n"],
      [['patch', 'deploy', 'web', '-p', 'a: b: c'], 'error: unable to parse "a: b: c": yaml: mapping values are not allowed in this context\n'],
      [['patch', 'deploy', 'web', '-p', '{bad'], "Error from server (BadRequest): invalid character 'b' looking for beginning of object key string\n"],
      [['patch', 'deploy', 'web', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/nope"}]'], 'The request is invalid: the server rejected our request due to an error in our request\n'],
      [['patch', 'deploy', 'web', '--type', 'json', '-p', '{"a":1}'], 'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n'],
      [['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":-1}}'], 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'],
      [['patch', 'deploy', 'nope', '-p', '{}'], 'Error from server (NotFound): deployments.apps "nope" not found\n'],
      [['patch', 'deploy', '-p', '{}'], 'error: resource(s) were provided, but no name was specified\n'],
    ];
    for (const [args, stderr] of errors) assert.deepEqual(k.run(args), { stdout: '', stderr, code: 1 }, args.join(' '));
    assert.equal(k.ok('get deploy web -o jsonpath={.spec.replicas}'), '1', 'failed patches change nothing');
    // --local patches a file without the server.
    const f = file('local.yaml', CM('loc'));
    assert.equal(k.ok(['patch', '--local', '-f', f, '-p', '{"data":{"a":"2"}}', '-o', 'jsonpath={.data.a}']), '2');
  } finally {
    k.cleanup();
  }
});

test('an empty manifest: apply and create refuse it, delete finds nothing', () => {
  const k = Sandbox.paused();
  try {
    assert.deepEqual(k.run(['apply', '-f', '-'], ''), { stdout: '', stderr: 'error: no objects passed to apply\n', code: 1 });
    assert.deepEqual(k.run(['create', '-f', '-'], '# nothing\n'), { stdout: '', stderr: 'error: no objects passed to create\n', code: 1 });
    assert.deepEqual(k.run(['delete', '-f', '-'], ''), { stdout: '', stderr: 'No resources found\n', code: 0 });
  } finally {
    k.cleanup();
  }
});
