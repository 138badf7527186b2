import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  customColumnsTable,
  parseCustomColumnsSpec,
  parseCustomColumnsTemplate,
  sortByJsonPath,
  UnsortableFieldError,
} from '../../src/printers/custom-columns.ts';

const pods = [
  {
    metadata: { name: 'p1', labels: { app: 'a', 'app.kubernetes.io/name': 'x' } },
    spec: {
      containers: [
        { name: 'c1', image: 'nginx', ports: [{ containerPort: 80 }] },
        { name: 'c2', image: 'busybox' },
      ],
      x: null,
      m: { b: [1, 'two', null, { z: 2.5 }], a: true },
      f: 1234567.5,
      s: 'a\u001bb\rc',
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'Init', status: 'False' }] },
  },
  { metadata: { name: 'p2' }, spec: { containers: [] }, status: {} },
];

describe('parseCustomColumnsSpec', () => {
  it('keeps headers as given and relaxes the paths', () => {
    assert.deepEqual(parseCustomColumnsSpec('NAME:metadata.name,x y:{.kind}, Z:{kind},Img:.spec.containers[*].image,E:'), [
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'x y', fieldSpec: '{.kind}' },
      { header: ' Z', fieldSpec: '{.kind}' },
      { header: 'Img', fieldSpec: '{.spec.containers[*].image}' },
      { header: 'E', fieldSpec: '' },
    ]);
    assert.deepEqual(parseCustomColumnsSpec('A:b:c'), [{ header: 'A', fieldSpec: '{.b:c}' }]);
  });

  it('fails like kubectl', () => {
    assert.throws(() => parseCustomColumnsSpec(''), {
      message: 'custom-columns format specified but no custom columns given',
    });
    assert.throws(() => parseCustomColumnsSpec('NAME'), {
      message: 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>',
    });
    assert.throws(() => parseCustomColumnsSpec('NAME:.metadata.name,'), {
      message: 'unexpected custom-columns spec: , expected <header>:<json-path-expr>',
    });
    assert.throws(() => parseCustomColumnsSpec('X:{.a}{.b}'), {
      message:
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    });
  });
});

describe('parseCustomColumnsTemplate', () => {
  it('reads a header line and a spec line', () => {
    assert.deepEqual(parseCustomColumnsTemplate('NAME   IMAGE\r\n{metadata.name}\t.spec.containers[*].image\n'), [
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'IMAGE', fieldSpec: '{.spec.containers[*].image}' },
    ]);
  });

  it('fails on missing lines or mismatched counts', () => {
    const format = 'Expected format is one line of space separated headers, one line of space separated column specs.';
    assert.throws(() => parseCustomColumnsTemplate(''), { message: `invalid template, missing header line. ${format}` });
    assert.throws(() => parseCustomColumnsTemplate('NAME\n'), { message: `invalid template, missing spec line. ${format}` });
    assert.throws(() => parseCustomColumnsTemplate('NAME IMAGE\n.metadata.name\n'), {
      message: "number of headers (2) and field specifications (1) don't match",
    });
  });
});

describe('customColumnsTable', () => {
  it('computes the cells kubectl prints', () => {
    const columns = parseCustomColumnsSpec(
      [
        'NAME:.metadata.name',
        'IMAGES:.spec.containers[*].image',
        'PORTS:.spec.containers[*].ports[*].containerPort',
        'LABELS:.metadata.labels',
        'APP:.metadata.labels.app\\.kubernetes\\.io/name',
        'X:.spec.x',
        'M:.spec.m',
        'F:.spec.f',
        'S:.spec.s',
        'READY:.status.conditions[?(@.type=="Ready")].status',
        'TYPES:.status.conditions[*].type',
        'EMPTY:.spec.containers[*]',
        'NOPE:.nope',
        'BLANK:',
      ].join(','),
    );
    assert.deepEqual(customColumnsTable(columns, pods), [
      ['NAME', 'IMAGES', 'PORTS', 'LABELS', 'APP', 'X', 'M', 'F', 'S', 'READY', 'TYPES', 'EMPTY', 'NOPE', 'BLANK'],
      [
        'p1',
        'nginx,busybox',
        '80',
        'map[app:a app.kubernetes.io/name:x]',
        'x',
        '<nil>',
        'map[a:true b:[1 two <nil> map[z:2.5]]]',
        '1.2345675e+06',
        'a^[b\\rc',
        'True',
        'Ready,Init',
        'map[image:nginx name:c1 ports:[map[containerPort:80]]],map[image:busybox name:c2]',
        '<none>',
        '<none>',
      ],
      ['p2', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>'],
    ]);
  });

  it('omits the header row with noHeaders', () => {
    assert.deepEqual(customColumnsTable(parseCustomColumnsSpec('N:.metadata.name'), pods, { noHeaders: true }), [['p1'], ['p2']]);
  });

  it('surfaces JSONPath parse and evaluation errors', () => {
    assert.throws(() => customColumnsTable(parseCustomColumnsSpec('X:.spec.containers['), pods), {
      message: 'unterminated array',
    });
    assert.throws(() => customColumnsTable(parseCustomColumnsSpec('X:.spec.containers[1].name'), pods), {
      message: 'array index out of bounds: index 1, length 0',
    });
  });
});

describe('sortByJsonPath', () => {
  const named = (values: Array<unknown>, at: (v: unknown) => object = (v) => ({ v })) =>
    values.map((v, i) => ({ metadata: { name: `p${i}` }, spec: v === undefined ? {} : at(v) }));
  const order = (objects: Array<{ metadata: { name: string } }>) => objects.map((o) => o.metadata.name).join(' ');

  it('orders integers and floats numerically', () => {
    assert.equal(order(sortByJsonPath(named([10, 9, -1, 100, 0]), '.spec.v')), 'p2 p4 p1 p0 p3');
    assert.equal(order(sortByJsonPath(named([2.5, -0.5, 1.5]), '{.spec.v}')), 'p1 p2 p0');
  });

  it('orders plain strings byte-wise and quantity strings by amount', () => {
    assert.equal(order(sortByJsonPath(named(['a2', 'a10', 'B', 'a']), 'spec.v')), 'p2 p3 p1 p0');
    assert.equal(order(sortByJsonPath(named(['1Ki', '1e3', '100m', '0.1', '1', 'M', '-5']), '.spec.v')), 'p6 p5 p2 p3 p4 p1 p0');
    assert.equal(order(sortByJsonPath(named(['9Ei', '8Ei', '9223372036854775807', '9223372036854775806']), '.spec.v')), 'p3 p0 p1 p2');
    assert.equal(order(sortByJsonPath(named(['1n', '0.5n', '1e-20', '0']), '.spec.v')), 'p3 p0 p1 p2');
  });

  it('orders RFC 3339 timestamps chronologically', () => {
    const objs = ['2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z', '2023-12-31T23:59:59Z'].map((t, i) => ({
      metadata: { name: `p${i}`, creationTimestamp: t },
    }));
    assert.equal(order(sortByJsonPath(objs, '.metadata.creationTimestamp')), 'p2 p1 p0');
  });

  it('puts objects without a value first, in the order Go leaves them', () => {
    assert.equal(order(sortByJsonPath(named([0, undefined, 2, undefined, 4]), '.spec.v')), 'p3 p1 p0 p2 p4');
    assert.equal(order(sortByJsonPath(named([null, 1, undefined]), '.spec.v')), 'p2 p0 p1');
  });

  it('leaves ties where kubectl does', () => {
    const phases = ['Running', 'Pending', 'Failed', undefined];
    const objs = Array.from({ length: 30 }, (_, i) => ({
      metadata: { name: `p${String(i).padStart(2, '0')}` },
      status: phases[(i * 7) % 4] ? { phase: phases[(i * 7) % 4] } : {},
    }));
    assert.equal(
      order(sortByJsonPath(objs, '.status.phase')),
      'p13 p17 p05 p21 p25 p29 p01 p09 p14 p18 p10 p22 p02 p06 p26 p15 p27 p07 p11 p19 p03 p23 p00 p04 p24 p20 p16 p08 p28 p12',
    );
  });

  it('sorts on the first value of multi-valued paths and returns a new array', () => {
    const objs = named(['b', 'a'], (v) => ({ containers: [{ image: v }, { image: 'z' }] }));
    const sorted = sortByJsonPath(objs, '.spec.containers[*].image');
    assert.equal(order(sorted), 'p1 p0');
    assert.equal(order(objs), 'p0 p1');
  });

  it('leaves objects alone without a sort field or with nothing to sort', () => {
    assert.equal(order(sortByJsonPath(named([2, 1]), '')), 'p0 p1');
    assert.deepEqual(sortByJsonPath([], '.spec.v'), []);
  });

  it('fails when no object has the field or the path is invalid', () => {
    assert.throws(() => sortByJsonPath(named([1]), '.spec.nope'), {
      message: 'couldn\'t find any field with path "{.spec.nope}" in the list of objects',
    });
    assert.throws(() => sortByJsonPath(named([1, 2]), '{.a}{.b}'), {
      message:
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    });
    assert.throws(() => sortByJsonPath(named([1, 2]), '.spec.v['), { message: 'unterminated array' });
    assert.throws(() => sortByJsonPath(named([[1], [2, 3]]), '.spec.v[1]'), {
      message: 'array index out of bounds: index 1, length 1',
    });
  });

  it('raises UnsortableFieldError for values kubectl cannot order', () => {
    const cases: Array<[unknown[], string]> = [
      [[true, false], 'unsortable type: bool'],
      [[1, 1.5], 'unsortable interface: interface'],
      [['a', 1], 'unsortable interface: interface'],
      [[1, {}], 'unsortable type: map[string]interface {}'],
      [[[1], [2]], 'unsortable type: []interface {}'],
    ];
    for (const [values, cause] of cases) {
      assert.throws(
        () => sortByJsonPath(named(values), '.spec.v'),
        new UnsortableFieldError(
          `Field {.spec.v} in *unstructured.Unstructured is an unsortable type: interface, err: ${cause}`,
        ),
      );
    }
  });

  describe('in table mode', () => {
    it('never sorts or checks a single row', () => {
      assert.equal(order(sortByJsonPath(named([1]), '.spec.nope', { table: true })), 'p0');
    });

    it('tries an expression that is not a relaxed path verbatim', () => {
      assert.equal(order(sortByJsonPath(named([2, 1]), '{.spec.v}{.spec.v}', { table: true })), 'p1 p0');
      assert.throws(() => sortByJsonPath(named([2, 1]), '.spec.v[', { table: true }), {
        message: 'sorting error: unterminated array',
      });
    });

    it('names the table rows in unsortable errors', () => {
      assert.throws(
        () => sortByJsonPath(named([true, false]), '.spec.v', { table: true }),
        new UnsortableFieldError(
          'Field {.spec.v} in [][][]reflect.Value is an unsortable type: interface, err: unsortable type: bool',
        ),
      );
    });
  });
});
