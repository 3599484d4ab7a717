// Builds the command line into dist-cli/ (ES modules for Node), so the installed command runs
// plain JavaScript: no TypeScript compiler at run time, arquero (ESM-only) bundled.
// Split by command: main.ts imports each command when it runs, so `--help` loads the entry and
// the messages only (about 150 kB), not the 1.7 MB of engine and workbook code.
// esbuild rather than webpack: about a second instead of fifteen, so `npm run demo` can build
// first in a fresh clone. @duckdb/node-api and pg stay outside the bundle (native code, drivers
// few users need): the code that uses them loads them with `await import(...)`.
import { build } from 'esbuild';
import { rmSync } from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { NODE_BUNDLE } from './esbuild-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-cli');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'customer-tiers': path.join(root, 'src/cli/main.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  ...NODE_BUNDLE,
  splitting: true,
  external: ['@duckdb/node-api', 'pg'],
  // Readable stack traces in bug reports matter more than a few hundred kB.
  minify: false,
  legalComments: 'eof',
  logLevel: 'warning',
});
