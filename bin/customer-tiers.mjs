#!/usr/bin/env node
// The installed command: runs the compiled CLI (dist-cli/, built by `npm run build:cli`, and by
// `npm pack` through prepack). Plain JavaScript, no compiler at run time.
import { existsSync } from 'fs';

// `customer-tiers ... | head` closes the pipe early: stop quietly, as other commands do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const cli = new URL('../dist-cli/customer-tiers.mjs', import.meta.url);

if (existsSync(cli)) {
  await import(cli.href);
} else {
  // Only in a checkout that was never built (an installed package always holds dist-cli).
  process.stderr.write('customer-tiers: the command line is not built yet. Run `npm run build:cli` in the repository first.\n');
  process.exitCode = 1;
}
