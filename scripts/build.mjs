// Bundles the CLI into one CommonJS file: one file to read and compile at start-up keeps
// every command close to the cost of starting Node. `yaml` stays external: it is loaded
// lazily, only by commands that read or write YAML.
import { build } from 'esbuild';

// commander requires child_process (and with it net and streams) for executable subcommands,
// which kubesim does not use: a stub saves several milliseconds on every command.
const stubChildProcess = {
  name: 'stub-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander') ? { path: 'child_process', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

await build({
  plugins: [stubChildProcess],
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/kubesim.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['yaml'],
  sourcemap: false,
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: !process.env.KUBESIM_DEBUG_BUILD,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
});

import { copyFileSync } from 'node:fs';
copyFileSync('src/api/openapi/k8s-schema.json', 'dist/k8s-schema.json');
copyFileSync('src/cli/kubectl-options.json', 'dist/kubectl-options.json');

// Warm V8's code cache (dist/kubesim.cjs.cache, read by bin/kubesim) with one real command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const home = mkdtempSync(join(tmpdir(), 'kubesim-build-'));
try {
  unlinkSync('dist/kubesim.cjs.cache');
} catch {}
spawnSync(process.execPath, ['bin/kubesim', 'get', 'pods', '-A'], { env: { ...process.env, KUBESIM_HOME: home }, stdio: 'ignore' });
rmSync(home, { recursive: true, force: true });
