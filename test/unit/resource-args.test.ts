import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResourceArgs } from '../../src/cli/resource-args.ts';

const simple = (args: string[]) => parseResourceArgs(args).map((r) => [r.type.plural, r.names]);

test('TYPE NAME..., short names, groups and comma lists', () => {
  assert.deepEqual(simple(['po', 'a', 'b']), [['pods', ['a', 'b']]]);
  assert.deepEqual(simple(['deployments.apps']), [['deployments', []]]);
  assert.deepEqual(simple(['po,svc']), [['pods', []], ['services', []]]);
  assert.deepEqual(simple(['Node']), [['nodes', []]]);
  assert.deepEqual(simple(['all']), [['pods', []], ['services', []], ['daemonsets', []], ['deployments', []], ['replicasets', []], ['statefulsets', []], ['cronjobs', []], ['jobs', []]]);
  assert.deepEqual(simple(['cj,sts,job.batch']), [['cronjobs', []], ['statefulsets', []], ['jobs', []]]);
});

test('TYPE/NAME groups by type in order of first appearance', () => {
  assert.deepEqual(simple(['po/a', 'svc/b', 'pod/c']), [['pods', ['a', 'c']], ['services', ['b']]]);
});

test('errors', () => {
  assert.throws(() => parseResourceArgs(['podz']), { message: 'the server doesn\'t have a resource type "podz"' });
  assert.throws(() => parseResourceArgs(['a/b/c']), { message: 'arguments in resource/name form may not have more than one slash' });
  assert.throws(() => parseResourceArgs(['pods', 'po/x']), /there is no need to specify a resource type/);
});
