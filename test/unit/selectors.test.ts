import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  fieldSelectorToString,
  formatLabelSelector,
  labelSelectorFromObject,
  labelSelectorToString,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../../src/api/selectors.ts';

describe('parseLabelSelector', () => {
  it('parses equality and set-based requirements, sorted by key', () => {
    assert.deepEqual(parseLabelSelector('tier notin (fe),env in (qa,prod),app,!debug,a==b,c!=d,e=f'), {
      matchesNothing: false,
      requirements: [
        { key: 'a', operator: '==', values: ['b'] },
        { key: 'app', operator: 'exists', values: [] },
        { key: 'c', operator: '!=', values: ['d'] },
        { key: 'debug', operator: '!', values: [] },
        { key: 'e', operator: '=', values: ['f'] },
        { key: 'env', operator: 'in', values: ['prod', 'qa'] },
        { key: 'tier', operator: 'notin', values: ['fe'] },
      ],
    });
  });

  it('tolerates whitespace around every token', () => {
    assert.deepEqual(parseLabelSelector('  env  in ( prod , qa ) ,\ttier = web\n').requirements, [
      { key: 'env', operator: 'in', values: ['prod', 'qa'] },
      { key: 'tier', operator: '=', values: ['web'] },
    ]);
  });

  it('reads empty entries in value sets and empty exact values as ""', () => {
    assert.deepEqual(parseLabelSelector('a in (,b),c in (),d in (x,,x),e=').requirements, [
      { key: 'a', operator: 'in', values: ['', 'b'] },
      { key: 'c', operator: 'in', values: [''] },
      { key: 'd', operator: 'in', values: ['', 'x'] },
      { key: 'e', operator: '=', values: [''] },
    ]);
  });

  it('treats in/notin as plain words outside the operator position', () => {
    assert.deepEqual(parseLabelSelector('in in (notin,in)').requirements, [
      { key: 'in', operator: 'in', values: ['in', 'notin'] },
    ]);
  });

  it('accepts gt and lt', () => {
    assert.deepEqual(parseLabelSelector('a>1,b<2').requirements, [
      { key: 'a', operator: 'gt', values: ['1'] },
      { key: 'b', operator: 'lt', values: ['2'] },
    ]);
  });

  it('returns an empty selector for an empty string', () => {
    assert.deepEqual(parseLabelSelector('   '), { requirements: [], matchesNothing: false });
  });

  it('fails with the messages of apimachinery', () => {
    const cases: Array<[string, string]> = [
      ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
      ['a=(', "unable to parse requirement: found '(', expected: identifier"],
      ['a in b', "unable to parse requirement: found 'b' expected: '('"],
      ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
      ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
      ['a in (b=c)', "unable to parse requirement: found '=', expected: ',' or ')'"],
      ['a,', "found '', expected: identifier after ','"],
      ['a,,b', "found ',', expected: identifier after ','"],
      [',a', "found ',', expected: !, identifier, or 'end of string'"],
      ['=a', "found '=', expected: !, identifier, or 'end of string'"],
      ['a=b=c', "found '=', expected: ',' or 'end of string'"],
      ['a=b c', "found 'c', expected: ',' or 'end of string'"],
      ['!a=b', "found '=', expected: ',' or 'end of string'"],
      ['a in (b))', "found ')', expected: ',' or 'end of string'"],
      ['!', "unable to parse requirement: found '', expected: identifier"],
      ['!!a', "unable to parse requirement: found '!', expected: identifier"],
      ['a<b', 'unable to parse requirement: values[0]: Invalid value: "b": for \'Gt\', \'Lt\' operators, the value must be an integer'],
      ['a >', 'unable to parse requirement: values[0]: Invalid value: "": for \'Gt\', \'Lt\' operators, the value must be an integer'],
      ['a=b!', "found '!', expected: ',' or 'end of string'"],
      [
        'a=b_!',
        'unable to parse requirement: values[0][a]: Invalid value: "b_": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
      ],
      [
        'a=-b',
        'unable to parse requirement: values[0][a]: Invalid value: "-b": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
      ],
      [
        `a=${'x'.repeat(64)}`,
        `unable to parse requirement: values[0][a]: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
      ],
      [
        `${'x'.repeat(64)}=a`,
        `unable to parse requirement: <nil>: Invalid value: "${'x'.repeat(64)}": name part must be no more than 63 characters`,
      ],
      ['/a=b', 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty'],
      [
        'A/b=c',
        "unable to parse requirement: <nil>: Invalid value: \"A/b\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
      [
        'a/=b',
        "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
      [
        'x/y/z=1',
        "unable to parse requirement: <nil>: Invalid value: \"x/y/z\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ];
    for (const [input, message] of cases) {
      assert.throws(() => parseLabelSelector(input), { message }, input);
    }
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'web', env: 'prod', tier: 'fe', n: '10' };
  const matches = (selector: string) => matchesLabels(parseLabelSelector(selector), labels);

  it('applies every requirement (comma is AND)', () => {
    assert.equal(matches('app=web'), true);
    assert.equal(matches('app==web,env=prod'), true);
    assert.equal(matches('app=web,env=qa'), false);
    assert.equal(matches('app!=db'), true);
    assert.equal(matches('app!=web'), false);
    assert.equal(matches('missing!=x'), true);
    assert.equal(matches('env in (qa,prod)'), true);
    assert.equal(matches('env in (qa)'), false);
    assert.equal(matches('missing in (qa)'), false);
    assert.equal(matches('tier notin (fe)'), false);
    assert.equal(matches('tier notin (be)'), true);
    assert.equal(matches('missing notin (be)'), true);
    assert.equal(matches('app'), true);
    assert.equal(matches('missing'), false);
    assert.equal(matches('!missing'), true);
    assert.equal(matches('!app'), false);
    assert.equal(matches(''), true);
  });

  it('compares gt and lt numerically', () => {
    assert.equal(matches('n>9'), true);
    assert.equal(matches('n>10'), false);
    assert.equal(matches('n<11'), true);
    assert.equal(matches('app>1'), false);
    assert.equal(matches('missing<1'), false);
  });

  it('treats absent labels as an empty set', () => {
    assert.equal(matchesLabels(parseLabelSelector('!app'), undefined), true);
    assert.equal(matchesLabels(parseLabelSelector('app'), undefined), false);
    assert.equal(matchesLabels(parseLabelSelector(''), undefined), true);
  });
});

describe('labelSelectorFromObject', () => {
  it('combines matchLabels and matchExpressions, sorted by key', () => {
    const selector = labelSelectorFromObject({
      matchLabels: { tier: 'fe', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['qa', 'prod'] },
        { key: 'debug', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['a'] },
        { key: 'team', operator: 'Exists', values: [] },
      ],
    });
    assert.deepEqual(selector, {
      matchesNothing: false,
      requirements: [
        { key: 'app', operator: '=', values: ['web'] },
        { key: 'debug', operator: '!', values: [] },
        { key: 'env', operator: 'in', values: ['qa', 'prod'] },
        { key: 'team', operator: 'exists', values: [] },
        { key: 'tier', operator: '=', values: ['fe'] },
        { key: 'zone', operator: 'notin', values: ['a'] },
      ],
    });
    assert.equal(matchesLabels(selector, { app: 'web', tier: 'fe', env: 'qa', team: 'x' }), true);
    assert.equal(matchesLabels(selector, { app: 'web', tier: 'fe', env: 'qa', team: 'x', debug: '1' }), false);
  });

  it('matches nothing for a nil selector and everything for an empty one', () => {
    assert.equal(matchesLabels(labelSelectorFromObject(null), { a: 'b' }), false);
    assert.equal(matchesLabels(labelSelectorFromObject(undefined), {}), false);
    assert.equal(matchesLabels(labelSelectorFromObject({}), { a: 'b' }), true);
    assert.equal(matchesLabels(labelSelectorFromObject({ matchLabels: {}, matchExpressions: [] }), {}), true);
  });

  it('rejects unknown operators and invalid requirements', () => {
    assert.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }), {
      message: '"Gt" is not a valid pod selector operator',
    });
    assert.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), {
      message: "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    });
    assert.throws(
      () => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x', 'y'] }] }),
      { message: 'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist' },
    );
    assert.throws(() => labelSelectorFromObject({ matchLabels: { '-a': 'b' } }), {
      message:
        "key: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    });
    assert.throws(() => labelSelectorFromObject({ matchLabels: { '': 'b c' } }), {
      message:
        "[key: Invalid value: \"\": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values[0][]: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]",
    });
  });
});

describe('formatLabelSelector', () => {
  it('prints selectors as kubectl does', () => {
    assert.equal(formatLabelSelector({ matchLabels: { 'pod-template-hash': 'x', app: 'nginx' } }), 'app=nginx,pod-template-hash=x');
    assert.equal(
      formatLabelSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['qa', 'prod'] },
          { key: 'tier', operator: 'NotIn', values: ['fe'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'Exists' },
        ],
      }),
      'app=web,!canary,env in (prod,qa),tier notin (fe),zone',
    );
  });

  it('prints <none> for empty or missing selectors and <error> for invalid ones', () => {
    assert.equal(formatLabelSelector({}), '<none>');
    assert.equal(formatLabelSelector(null), '<none>');
    assert.equal(formatLabelSelector(undefined), '<none>');
    assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), '<error>');
  });

  it('round-trips parsed selectors through labelSelectorToString', () => {
    assert.equal(
      labelSelectorToString(parseLabelSelector('tier notin (fe), env in (qa,prod), !debug, app, a==b, c!=d, n>1, m<2')),
      'a==b,app,c!=d,!debug,env in (prod,qa),m<2,n>1,tier notin (fe)',
    );
  });
});

describe('field selectors', () => {
  it('parses =, == and != terms, sorted, and skips empty ones', () => {
    assert.deepEqual(parseFieldSelector('status.phase!=Running,metadata.name==a,,spec.nodeName='), {
      requirements: [
        { field: 'metadata.name', operator: '=', value: 'a' },
        { field: 'spec.nodeName', operator: '=', value: '' },
        { field: 'status.phase', operator: '!=', value: 'Running' },
      ],
    });
    assert.deepEqual(parseFieldSelector(''), { requirements: [] });
  });

  it('unescapes values and splits only on unescaped commas', () => {
    const selector = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d');
    assert.deepEqual(selector.requirements, [{ field: 'metadata.name', operator: '=', value: 'a,b=c\\d' }]);
    assert.equal(fieldSelectorToString(selector), 'metadata.name=a\\,b\\=c\\\\d');
  });

  it('fails like fields.ParseSelector', () => {
    assert.throws(() => parseFieldSelector('a=b,nonsense'), {
      message: "invalid selector: 'a=b,nonsense'; can't understand 'nonsense'",
    });
    assert.throws(() => parseFieldSelector('a=b=c'), {
      message: 'invalid field selector: unescaped character in value: 61',
    });
    assert.throws(() => parseFieldSelector('a=b\\x'), {
      message: 'invalid field selector: invalid escape sequence: \\x',
    });
    assert.throws(() => parseFieldSelector('a=b\\'), {
      message: 'invalid field selector: invalid escape sequence: \\',
    });
  });

  it('matches with missing fields reading as the empty string', () => {
    const fields: Record<string, string> = { 'metadata.name': 'web', 'status.phase': 'Running' };
    const get = (path: string) => fields[path];
    assert.equal(matchesFields(parseFieldSelector('metadata.name=web,status.phase!=Pending'), get), true);
    assert.equal(matchesFields(parseFieldSelector('metadata.name=web,status.phase!=Running'), get), false);
    assert.equal(matchesFields(parseFieldSelector('spec.nodeName='), get), true);
    assert.equal(matchesFields(parseFieldSelector('spec.nodeName!=node-1'), get), true);
    assert.equal(matchesFields(parseFieldSelector(''), get), true);
  });
});
