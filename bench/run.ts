// `npm run bench`: runs every bench/*.bench.ts (each exports `bench()`), writes bench-results.json.
import * as fs from 'fs';
import * as path from 'path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const results: Record<string, unknown> = {};
  let failed = false;
  for (const f of files) {
    const name = f.replace(/\.bench\.ts$/, '');
    try {
      const mod = (await import(path.join(__dirname, f))) as { bench?: () => Promise<Record<string, unknown>> };
      if (typeof mod.bench !== 'function') throw new Error('no exported bench()');
      results[name] = await mod.bench();
    } catch (e) {
      failed = true;
      results[name] = { error: e instanceof Error ? e.message : String(e) };
      console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // The engine figures also sit at the top level: { orders, customers, engine_ms, pandas_ms, ratio }.
  const engine = results.engine as Record<string, unknown> | undefined;
  const out = { ...(engine && !('error' in engine) ? engine : {}), ...results, generatedAt: new Date().toISOString() };
  const file = path.resolve(__dirname, '..', 'bench-results.json');
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  if (failed) process.exitCode = 1;
}

void main();
