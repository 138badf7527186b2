import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileJsonPath,
  findResults,
  formatGoValue,
  JsonPathError,
  relaxedJsonPathExpression,
} from '../../src/printers/jsonpath.ts';

// What `kubectl get pods -o jsonpath=...` hands to the engine for three pods.
const podList = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web', 'app.kubernetes.io/name': 'shop' } },
      spec: { replicas: 3, containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'envoy' }] },
      status: { phase: 'Running', ratio: 0.75 },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'db-1', namespace: 'default', labels: { app: 'db' } },
      spec: { replicas: 1, containers: [{ name: 'postgres', image: 'postgres:16' }] },
      status: { phase: 'Pending', ratio: 1234567.5 },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'job-1', namespace: 'default' },
      spec: { replicas: 0, containers: [] },
      status: { phase: 'Succeeded', note: null },
    },
  ],
};

const run = (template: string, data: unknown = podList) => compileJsonPath(template).execute(data);

describe('compileJsonPath().execute', () => {
  // Expected outputs were produced by kubectl v1.32 on the same data.
  const cases: Array<[string, string]> = [
    ['{.kind}', 'List'],
    ['{.items[*].metadata.name}', 'web-1 db-1 job-1'],
    ['{.items[0].metadata.name}', 'web-1'],
    ['{.items[-1].metadata.name}', 'job-1'],
    ['{.items[1:3].metadata.name}', 'db-1 job-1'],
    ['{.items[-2:].metadata.name}', 'db-1 job-1'],
    ['{.items[::2].metadata.name}', 'web-1 job-1'],
    ['{.items[0,2].metadata.name}', 'web-1 job-1'],
    ['{..image}', 'nginx:1.27 envoy postgres:16'],
    ['{..replicas}', '3 1 0'],
    ['{.items[?(@.status.phase=="Running")].metadata.name}', 'web-1'],
    ["{.items[?(@.status.phase!='Running')].metadata.name}", 'db-1 job-1'],
    ['{.items[?(@.spec.replicas>0)].metadata.name}', 'web-1 db-1'],
    ['{.items[?(@.spec.replicas>=1)].metadata.name}', 'web-1 db-1'],
    ['{.items[?(@.spec.replicas<3)].metadata.name}', 'db-1 job-1'],
    ['{.items[?(@.spec.replicas<=1)].metadata.name}', 'db-1 job-1'],
    ['{.items[?(@.metadata.labels)].metadata.name}', 'web-1 db-1'],
    ['{.items[?(@.metadata.name<"e")].metadata.name}', 'db-1'],
    ['{.items[?(@.spec.containers[*].name)].metadata.name}', 'web-1 db-1'],
    // An existence test whose path fails still sees the values reached before the failure.
    ['{.items[?(@.spec.containers[5])].metadata.name}', 'web-1 db-1 job-1'],
    ['{.items[?(@.a=>1)]}', ''],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'web-1\tRunning\ndb-1\tPending\njob-1\tSucceeded\n'],
    [
      '{range .items[*]}{.metadata.name}:{range .spec.containers[*]}[{.name}]{end}{"\\n"}{end}',
      'web-1:[nginx][sidecar]\ndb-1:[postgres]\njob-1:\n',
    ],
    ['{range .items[?(@.spec.replicas==0)]}{.metadata.name}{end}{.kind}', 'job-1List'],
    ['{range .items[*].status.note}<{@}>{end}', '<<no value>>'],
    ['{.items[0].metadata.labels.*}', 'web shop'],
    ['{.items[*].metadata.labels.*}', 'web shop db'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'shop'],
    // A quoted key is re-read as a dotted path, so dots inside it still split.
    ["{.items[0].metadata.labels['app.kubernetes.io/name']}", ''],
    ["{.items[0]['metadata']['name']}", 'web-1'],
    [
      '{.items[0].spec}',
      '{"containers":[{"image":"nginx:1.27","name":"nginx"},{"image":"envoy","name":"sidecar"}],"replicas":3}',
    ],
    ['{.items[0].spec.containers[*]}', '{"image":"nginx:1.27","name":"nginx"} {"image":"envoy","name":"sidecar"}'],
    ['{.items[2].spec.containers}', '[]'],
    ['{.items[0].metadata.labels}', '{"app":"web","app.kubernetes.io/name":"shop"}'],
    ['{.items[*].spec.replicas}', '3 1 0'],
    ['{.items[*].status.ratio}', '0.75 1.2345675e+06'],
    ['{.items[2].status.note}', 'null'],
    ['{.items[0].metadata.name.*}', '119 101 98 45 49'],
    ['{@.kind} {$.kind}', 'List List'],
    ['x={.kind}', 'x=List'],
    ['.kind', '.kind'],
    ['{"\\"quoted\\"\\t"}{\'single\'}', '"quoted"\tsingle'],
    ['{.nope}{.items[*].nope}|', '|'],
    ['{.items[0].metadata.name.x}', ''],
    ['{1}{2.5}{true}', '12.5true'],
    ['{1000000.0}', '1e+06'],
  ];
  for (const [template, expected] of cases) {
    it(template, () => assert.equal(run(template), expected));
  }

  it('prints numbers, strings and containers as Go does', () => {
    const data = {
      floats: [0.1, 123456.5, 1234567.5, 1e-7, 0.0001, 1e21, -0.5],
      ints: [12345678901234, -7, 0],
      html: '<a&b> "q" \\ \t\n\u2028é',
      nested: { z: [null, true], a: { '': 1e-7 } },
    };
    assert.equal(run('{.floats[*]}', data), '0.1 123456.5 1.2345675e+06 1e-07 0.0001 1e+21 -0.5');
    assert.equal(run('{.floats}', data), '[0.1,123456.5,1234567.5,1e-7,0.0001,1e+21,-0.5]');
    assert.equal(run('{.ints}', data), '[12345678901234,-7,0]');
    assert.equal(run('{.html}', data), data.html);
    assert.equal(run('{.html.x}{.nested}', data), '{"a":{"":1e-7},"z":[null,true]}');
    assert.equal(
      run('{@}', { html: data.html }),
      '{"html":"\\u003ca\\u0026b\\u003e \\"q\\" \\\\ \\t\\n\\u2028é"}',
    );
  });

  it('runs ranges over nested and empty lists, and continues after {end}', () => {
    const data = {
      kind: 'Foo',
      items: [
        { name: 'a', tags: ['x', 'y'] },
        { name: 'b', tags: [] },
        { name: 'c' },
      ],
    };
    assert.equal(run('{range .items[*]}{range .tags[*]}[{@}]{end};{end}AFTER', data), '[x][y];;;AFTER');
    assert.equal(run('{range .nothing[*]}{.name}{end}{.kind}', data), 'Foo');
    // Without {end} the body runs per item, then the rest again on the outer object.
    assert.equal(run('{range .items[*]}{.name}{.kind}', data), 'abcFoo');
    assert.equal(run('{range .items[*]}{.name}{end}{range .items[*]}{.name}{end}', data), 'abcabc');
  });

  it('treats undefined properties as absent, as a JSON round trip would', () => {
    const data = { a: undefined, b: 1, c: { x: undefined, y: [undefined, 2] } };
    assert.equal(run('{@}', data), '{"b":1,"c":{"y":[null,2]}}');
    assert.equal(run('{.a}|{.*}|{.c.y[*]}', data), '|1 {"y":[null,2]}|null 2');
  });

  it('can be executed repeatedly', () => {
    const path = compileJsonPath('{range .items[*]}{.metadata.name},{end}');
    assert.equal(path.execute(podList), 'web-1,db-1,job-1,');
    assert.equal(path.execute(podList), 'web-1,db-1,job-1,');
  });

  it('reports parse errors with client-go messages', () => {
    const cases: Array<[string, string]> = [
      ['{.kind}{.kind', 'unclosed action'],
      ['{.items[0}', 'unterminated array'],
      ['{.items[?(@.a>1}', 'unterminated filter'],
      ['{.items[?(@.a>1)}', 'unclosed array expect ]'],
      ['{"abc}', 'unterminated quoted string'],
      ['{.items[a]}', 'invalid array index a'],
      ['{.items[1-]}', 'invalid array index 1-'],
      ['{.items[x:y]}', 'invalid array index x:y'],
      ['{.items[-]}', 'array index - is not a number'],
      ['{.items["name"]}', 'invalid array index "name"'],
      ['{..*}', "unrecognized character in action: U+002A '*'"],
      ['{.kind,}', "unrecognized character in action: U+002C ','"],
      ['{\t.kind}', 'unrecognized character in action: U+0009'],
      ['{....name}', 'invalid multiple recursive descent'],
      ['{"\\q"}', 'unquote string "\\q" error invalid syntax'],
      ['{1.2.3}', 'cannot parse number 1.2.3'],
    ];
    for (const [template, message] of cases) {
      assert.throws(() => compileJsonPath(template), { name: 'JsonPathError', message }, template);
    }
  });

  it('reports execution errors with client-go messages', () => {
    const cases: Array<[string, string]> = [
      ['{.items[5]}', 'array index out of bounds: index 5, length 3'],
      ['{.items[-4]}', 'array index out of bounds: index -1, length 3'],
      ['{.items[2].spec.containers[0]}', 'array index out of bounds: index 0, length 0'],
      ['{.items[2:1]}', 'starting index 2 is greater than ending index 1'],
      ['{.items[::0]}', 'step must be > 0'],
      ['{.items[0].spec.replicas[0]}', 'int64 is not array or slice'],
      ['{.items[0].status.ratio[0]}', 'float64 is not array or slice'],
      ['{.kind[0]}', 'string is not array or slice'],
      [
        '{.items[0].metadata[?(@.name)]}',
        'map[labels:map[app:web app.kubernetes.io/name:shop] name:web-1 namespace:default] is not array or slice and cannot be filtered',
      ],
      ['{.items[2].status.note[?(@.x)]}', '<nil> is not array or slice and cannot be filtered'],
      ['{.items[?(@.spec.replicas=="3")]}', 'incompatible types for comparison'],
      ['{.items[?(@.spec.replicas==3.0)]}', 'incompatible types for comparison'],
      ['{.items[?(@.status.ratio>1)]}', 'incompatible types for comparison'],
      ['{.items[?(@.metadata==1)]}', 'invalid type for comparison'],
      ['{.items[?(@.spec.containers[*].name=="x")]}', 'can only compare one element at a time'],
      ['{.items[?(@.spec.replicas=1)]}', 'unrecognized filter operator ='],
      ['{foo}', 'unrecognized identifier foo'],
      ['{end}', 'not in range, nothing to end'],
      ['{range .items[*]}{end}{end}', 'not in range, nothing to end'],
    ];
    for (const [template, message] of cases) {
      assert.throws(() => run(template), { name: 'JsonPathError', message }, template);
    }
  });

  it('errors on missing keys when allowMissingKeys is false', () => {
    const strict = compileJsonPath('{.items[*].nope}', { allowMissingKeys: false });
    assert.throws(() => strict.execute(podList), new JsonPathError('nope is not found'));
  });
});

describe('findResults', () => {
  it('returns the raw values of each top-level node', () => {
    assert.deepEqual(findResults(podList, 'names: {.items[*].metadata.name} {.items[0].spec.replicas}{.nope}'), [
      ['names: '],
      ['web-1', 'db-1', 'job-1'],
      [' '],
      [3],
      [],
    ]);
    assert.deepEqual(findResults(podList, '{.items[1].spec.containers[0]}'), [[{ name: 'postgres', image: 'postgres:16' }]]);
    assert.deepEqual(findResults(podList, '{.items[2].status.note}{2.5}'), [[null], [2.5]]);
    assert.deepEqual(findResults(podList, ''), []);
  });

  it('collects the results of every range iteration', () => {
    assert.deepEqual(findResults(podList, '{range .items[*]}{.metadata.name}{end}'), [['web-1'], ['db-1'], ['job-1']]);
  });
});

describe('relaxedJsonPathExpression', () => {
  it('normalises the accepted spellings to {.path}', () => {
    assert.equal(relaxedJsonPathExpression('metadata.name'), '{.metadata.name}');
    assert.equal(relaxedJsonPathExpression('.metadata.name'), '{.metadata.name}');
    assert.equal(relaxedJsonPathExpression('{metadata.name}'), '{.metadata.name}');
    assert.equal(relaxedJsonPathExpression('{.metadata.name}'), '{.metadata.name}');
    assert.equal(relaxedJsonPathExpression('.spec.containers[*].image'), '{.spec.containers[*].image}');
    assert.equal(relaxedJsonPathExpression(''), '');
  });

  it('rejects templates with several or unbalanced actions', () => {
    const message =
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
    for (const expr of ['{.a}{.b}', '{.a', '.a}', 'a{b}']) {
      assert.throws(() => relaxedJsonPathExpression(expr), { name: 'JsonPathError', message }, expr);
    }
  });
});

describe('formatGoValue', () => {
  it('formats values like fmt.Sprint', () => {
    assert.equal(formatGoValue('text'), 'text');
    assert.equal(formatGoValue(null), '<nil>');
    assert.equal(formatGoValue(true), 'true');
    assert.equal(formatGoValue(42), '42');
    assert.equal(formatGoValue(1e21), '1e+21');
    assert.equal(formatGoValue(0.000012), '1.2e-05');
    assert.equal(formatGoValue([1, 'two', null, { b: 2.5, a: [] }]), '[1 two <nil> map[a:[] b:2.5]]');
    assert.equal(formatGoValue({}), 'map[]');
  });
});
