// One workbook load and one classification per command. `classify --out` has read its inputs
// and classified them already; the refresh that writes the workbook reads its sources again
// (from the port in memory) and would classify again. Here the first result is reused when the
// refresh's inputs are the same cells at the same place: the engine is a pure function of the
// grids and the config, and a grid's name only stamps `issue.sheet` (remapped below).
import type { TieringConfig } from '../config/schema';
import { classify } from '../engine/classify';
import type { ClassificationResult, InputTables, SourceGrid } from '../engine/types';
import type { XlsxPort } from '../workbook/ooxml/port';
import { openWorkbook } from './openWorkbook';

/** Workbooks opened by one command, by file: each file is unzipped and parsed once. */
export class OpenBooks {
  private readonly books = new Map<string, Promise<XlsxPort>>();

  open(file: string): Promise<XlsxPort> {
    let book = this.books.get(file);
    if (!book) {
      // Through openWorkbook: a renamed CSV, a damaged package or an entity bomb is said in words (exit 2).
      book = openWorkbook(file);
      this.books.set(file, book);
      // A failed open is not cached: the error is the caller's, and a retry reads again.
      book.catch(() => this.books.delete(file));
    }
    return book;
  }
}

const same = (a: unknown, b: unknown) => a === b || (a !== a && b !== b);

function sameCells(a: SourceGrid['values'], b: SourceGrid['values']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (!same(x[j], y[j])) return false;
  }
  return true;
}

/** Same cells at the same place (the name may differ: it only labels issues). */
function samePlace(a: SourceGrid | undefined, b: SourceGrid | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    (a.headerRow ?? 1) === (b.headerRow ?? 1) &&
    (a.firstColumn ?? 0) === (b.firstColumn ?? 0) &&
    (a.dateSystem ?? 1900) === (b.dateSystem ?? 1900) &&
    sameCells(a.values, b.values)
  );
}

/** The config without its sources (which the engine does not read: they say where grids come from). */
const withoutSources = (c: TieringConfig) => JSON.stringify({ ...c, sources: undefined });

/** The earlier result with its issues labelled by the new grids' names. */
function relabel(result: ClassificationResult, from: InputTables, to: InputTables): ClassificationResult {
  const rename = (table: string, sheet: string) => {
    const key = table === 'customers' ? 'customers' : 'orders';
    return from[key] && to[key] && sheet === from[key]!.name ? to[key]!.name : sheet;
  };
  if (from.orders?.name === to.orders?.name && from.customers?.name === to.customers?.name) return result;
  return { ...result, issues: result.issues.map((i) => (i.sheet ? { ...i, sheet: rename(i.table, i.sheet) } : i)) };
}

/**
 * A classifier for refreshWorkbook that returns `done` (computed from `inputs` and `config`)
 * when it is asked about the same cells under the same settings, and classifies otherwise.
 */
export function reuseClassification(done: ClassificationResult, inputs: InputTables, config: TieringConfig) {
  return (next: InputTables, nextConfig: TieringConfig): ClassificationResult => {
    const reusable = samePlace(inputs.orders, next.orders) && samePlace(inputs.customers, next.customers) && withoutSources(config) === withoutSources(nextConfig);
    return reusable ? relabel(done, inputs, next) : classify(next, nextConfig);
  };
}
