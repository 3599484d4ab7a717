// Cell values across the Excel boundary. Excel reads a string written through `values` the
// way it reads typing: "=…", "+…", "-…", "@…" become formulas, "00123" a number, "TRUE" a
// boolean, "2024-03-05" a date. We prefix every string with an apostrophe, Excel's "this is
// text" mark, which is not part of the value: text stays exactly text, numbers and booleans
// are sent as JSON numbers and booleans and stay numeric, and no cell format is touched
// (a '@' format would also turn numbers written later into text). The text itself arrives
// cleaned and cut to Excel's length (src/output/cells.ts); nothing is decided here.
import type { CellValue } from '../port';

export type ExcelInput = string | number | boolean;

/** What to send for one cell: null and non-finite numbers empty the cell (Excel would keep
 *  the old content for null, and rejects NaN). */
export function toExcelInput(v: CellValue): ExcelInput {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'boolean') return v;
  const s = String(v);
  return s === '' ? '' : `'${s}`;
}

/** A row for `range.values`, padded to `cols` cells. */
export function toExcelRow(row: readonly CellValue[], cols: number): ExcelInput[] {
  const out: ExcelInput[] = new Array(cols);
  for (let j = 0; j < cols; j++) out[j] = toExcelInput(j < row.length ? row[j] : null);
  return out;
}

/** A value as Range.values gives it: "" for an empty cell, like the xlsx adapter (the engine
 *  reads "" and null alike as blank). */
export function fromExcelValue(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}
