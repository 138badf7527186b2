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
  minifyIdentifiers: true,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
});
