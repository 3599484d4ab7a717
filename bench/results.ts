// bench-results.json keeps every bench's latest figures: a run of some benches (`npx tsx
// bench/run.ts kernel`) replaces their entries and keeps the others as they were, each entry
// stamped with its own generatedAt (so a kept figure says how old it is).

export type Entry = Record<string, unknown>;
export type Results = Record<string, unknown>;

const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The bench entries of a results file (the top level also repeats the engine's figures and holds generatedAt). */
export function benchEntries(file: Results | null, names: readonly string[]): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  if (!file) return out;
  const fileAt = typeof file.generatedAt === 'string' ? file.generatedAt : undefined;
  for (const name of names) {
    const e = file[name];
    if (!isEntry(e)) continue;
    // Entries from before per-entry stamps are as old as the file.
    out[name] = e.generatedAt === undefined && fileAt ? { ...e, generatedAt: fileAt } : e;
  }
  return out;
}

/**
 * The file after a run: each bench run now has its new entry (stamped `at`); a bench that failed
 * now keeps its last good figures with the error beside them (a failure never erases a figure);
 * the benches not run keep theirs. The engine's figures are repeated at the top level, as before.
 */
export function mergeResults(previous: Results | null, now: Record<string, Entry>, failed: ReadonlySet<string>, known: readonly string[], at: string): Results {
  const names = [...new Set([...known, ...Object.keys(now)])];
  const merged = benchEntries(previous, names);
  for (const [name, entry] of Object.entries(now)) {
    const old = merged[name];
    const oldFigures = old !== undefined && !('error' in old);
    merged[name] = failed.has(name) && oldFigures ? { ...old, last_error: entry.error, last_error_at: at } : { ...entry, generatedAt: at };
  }
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  const engine = merged.engine;
  const top = engine && !('error' in engine) ? Object.fromEntries(Object.entries(engine).filter(([k]) => k !== 'generatedAt')) : {};
  return { ...top, ...sorted, generatedAt: at };
}
