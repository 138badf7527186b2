// Generates src/cli/kubectl-options.json — each verb's flags as real kubectl prints them in
// --help (the default shown after `=` and the description) — from the kubectl installed here.
// `kubesim VERB --help` then describes the flags kubesim has in kubectl's own words.
//   node --import tsx scripts/gen-kubectl-options.mjs [path/to/kubectl]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const { VERB_HELP } = await import('../src/cli/help.ts');
const kubectl = process.argv[2] ?? 'kubectl';

const out = {};
for (const path of Object.keys(VERB_HELP)) {
  const r = spawnSync(kubectl, [...path.split(' '), '--help'], { encoding: 'utf8', env: { ...process.env, KUBECTL_KUBERC: 'false' } });
  if (r.status !== 0) continue;
  const m = /\nOptions:\n([\s\S]*?)\n\nUsage:\n/.exec(r.stdout);
  if (!m) continue;
  const flags = {};
  for (const block of m[1].split('\n\n')) {
    const [head, ...rest] = block.split('\n');
    const f = /^ {4}(?:-(\S), )?--([\w-]+)=(.*):$/.exec(head);
    if (!f) continue;
    flags[f[2]] = { default: f[3], description: rest.map((l) => l.replace(/^\t/, '')).join('\n') };
  }
  out[path] = flags;
}
writeFileSync('src/cli/kubectl-options.json', `${JSON.stringify(out)}\n`);
console.log(`${Object.keys(out).length} verbs`);
