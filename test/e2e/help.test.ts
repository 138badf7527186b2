// --help of the core verbs against real kubectl v1.32's (stored in test/golden/kubectl/help-*.txt):
// everything outside the Options list is kubectl's text with the program name substituted, and
// every flag kubesim lists is listed by kubectl with the same default and description.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, ROOT } from '../helpers/cli.ts';

const VERBS = ['get', 'describe', 'create', 'apply', 'delete', 'run', 'expose', 'logs', 'exec', 'scale', 'rollout', 'label', 'edit', 'patch', 'replace', 'explain', 'set image', 'create deployment', 'create configmap', 'cordon', 'drain', 'taint', 'rollout status', 'rollout undo', 'wait', 'create role', 'create clusterrole', 'create rolebinding', 'create clusterrolebinding', 'auth can-i', 'auth whoami', 'top node', 'top pod', 'create ingress', 'diff'];

const optionsOf = (help: string) => /\nOptions:\n([\s\S]*?)\n\nUsage:\n/.exec(help)?.[1].split('\n\n') ?? [];
const withoutOptions = (help: string) => help.replace(/\nOptions:\n[\s\S]*?\n\nUsage:\n/, '\nUsage:\n').replace(/\nAvailable Commands:\n[\s\S]*?\n\n/, '\n');
/** The subcommands listed, as `name summary` (padding aside). */
const subcommandsOf = (help: string) => (/\nAvailable Commands:\n([\s\S]*?)\n\n/.exec(help)?.[1].split('\n') ?? []).map((l) => l.trim().replace(/ {2,}/, ' '));
/** kubectl's text with kubesim's name, except in URLs and the kubectl.kubernetes.io annotations. */
const asKubesim = (text: string) => text.replace(/(^|[^/\w.-])kubectl(?=[ "'\n])/g, '$1kubesim');

test('the core verbs\' help is kubectl\'s', () => {
  const k = new Sandbox();
  try {
    for (const verb of VERBS) {
      const real = readFileSync(join(ROOT, 'test', 'golden', 'kubectl', `help-${verb.replace(/ /g, '-')}.txt`), 'utf8');
      const ours = k.ok([...verb.split(' '), '--help']);
      assert.equal(withoutOptions(ours), asKubesim(withoutOptions(real)), `kubesim ${verb} --help`);
      for (const sub of subcommandsOf(ours)) assert.ok(subcommandsOf(real).includes(sub), `kubesim ${verb} --help: ${sub} is not kubectl's`);
      const theirs = optionsOf(real);
      const mine = optionsOf(ours);
      assert.ok(mine.length > 0 || theirs.length === 0, `${verb}: options are listed`);
      for (const block of mine) assert.ok(theirs.includes(block), `kubesim ${verb} --help lists a flag as kubectl does not:\n${block}`);
      assert.deepEqual(mine, theirs.filter((b) => mine.includes(b)), `${verb}: options in kubectl's order`);
    }
  } finally {
    k.cleanup();
  }
});
