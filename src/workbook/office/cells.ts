// Cell values across the Excel boundary. Excel reads a string written through `values` the
// way it reads typing: "=…", "+…", "-…", "@…" become formulas, "00123" a number, "TRUE" a
// boolean, "2024-03-05" a date. We prefix every string with an apostrophe, Excel's "this is
// text" mark, which is not part of the value: text stays exactly text, numbers and booleans
// are sent as JSON numbers and booleans and stay numeric, and no cell format is touched
// (a '@' format would also turn numbers written later into text).
import type { CellValue } from '../port';

export type ExcelInput = string | number | boolean;

/** Excel's limit of characters in a cell, less the apostrophe. */
export const MAX_TEXT = 32766;
// Characters XML 1.0 cannot carry (the file is XML): C0 controls but tab, LF and CR; U+FFFE/F.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function cleanText(s: string): string {
  let out = s.replace(INVALID_XML, '');
  if (out.length > MAX_TEXT) {
    out = out.slice(0, MAX_TEXT);
    // Do not leave half of a surrogate pair at the end.
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  }
  return out;
}

/** What to send for one cell: null and non-finite numbers empty the cell (Excel would keep
 *  the old content for null, and rejects NaN). */
export function toExcelInput(v: CellValue): ExcelInput {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'boolean') return v;
  const s = cleanText(String(v));
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
