// `npm run bench`: runs every bench/*.bench.ts (each exports `bench()`); `npx tsx bench/run.ts
// kernel cli` runs those whose names start so. bench-results.json keeps the figures of the
// benches not run (bench/results.ts).
import * as fs from 'fs';
import * as path from 'path';
import { mergeResults, type Entry, type Results } from './results';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const all = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const files = all.filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
  const results: Record<string, Entry> = {};
  const failed = new Set<string>();
  for (const f of files) {
    const name = f.replace(/\.bench\.ts$/, '');
    try {
      const mod = (await import(path.join(__dirname, f))) as { bench?: () => Promise<Record<string, unknown>> };
      if (typeof mod.bench !== 'function') throw new Error('no exported bench()');
      results[name] = await mod.bench();
    } catch (e) {
      failed.add(name);
      results[name] = { error: e instanceof Error ? e.message : String(e) };
      console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const file = path.resolve(__dirname, '..', 'bench-results.json');
  let previous: Results | null = null;
  try {
    previous = JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  } catch {
    // No file yet, or not JSON (then it is written afresh).
  }
  const out = mergeResults(previous, results, failed, all.map((f) => f.replace(/\.bench\.ts$/, '')), new Date().toISOString());
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  const kept = Object.keys(out).filter((k) => !(k in results) && typeof out[k] === 'object' && out[k] !== null && 'generatedAt' in (out[k] as object));
  console.log(`wrote ${path.relative(process.cwd(), file)} (${Object.keys(results).join(', ') || 'nothing'} now${kept.length ? `; kept ${kept.join(', ')}` : ''})`);
  if (failed.size) process.exitCode = 1;
}

void main();
