#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx customer-tiers classify ...` works without a build.
// tsImport loads main.ts (and everything it imports) through tsx; a plain register() + import()
// fails here with ERR_REQUIRE_CYCLE_MODULE because the package is CommonJS.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli/main.ts', import.meta.url);
