// Decimal commas decided per column of a text file. A column whose numbers are written
// "12,50", "7,5" (semicolon CSV from a German or French Excel) writes decimals with a comma,
// so "1,234" there is 1.234 or a thousands-grouped 1234: it is read as 1.234 (the column's
// convention) and reported, never silently taken as 1234.
import type { GridPlace, IssueList } from './issues';
import type { GridCells } from './textColumns';

const COMMA_DECIMAL = /^[-+]?\d+,(?:\d{1,2}|\d{4,})$/; // 12,50  7,5  0,12345 (never a thousands group)
const DOT_GROUPED_COMMA_DECIMAL = /^[-+]?\d{1,3}(?:\.\d{3})+,\d+$/; // 1.234,50
const DOT_DECIMAL = /^[-+]?\d+\.(?:\d{1,2}|\d{4,})$/; // 12.50
const COMMA_GROUPED_DOT_DECIMAL = /^[-+]?\d{1,3}(?:,\d{3})+\.\d+$/; // 1,234.50
const AMBIGUOUS = /^([-+]?\d{1,3}),(\d{3})$/; // 1,234

/** 'comma' when the column's numbers write decimals with a comma and none with a dot. */
export function decimalSeparatorOf(cells: GridCells, col: number): 'comma' | 'dot' | null {
  let comma = 0;
  let dot = 0;
  for (let i = 1; i < cells.rows; i++) {
    const v = cells.cell(i, col);
    if (typeof v !== 'string' || (v.indexOf(',') < 0 && v.indexOf('.') < 0)) continue;
    const s = v.trim();
    if (COMMA_DECIMAL.test(s) || DOT_GROUPED_COMMA_DECIMAL.test(s)) comma++;
    else if (DOT_DECIMAL.test(s) || COMMA_GROUPED_DOT_DECIMAL.test(s)) dot++;
  }
  if (comma > 0 && dot === 0) return 'comma';
  if (dot > 0 && comma === 0) return 'dot';
  return null;
}

/** decimalSeparatorOf(...) === 'comma', stopping at the first dot decimal (the usual column costs a few cells). */
function writesDecimalCommas(cells: GridCells, col: number): boolean {
  let comma = false;
  for (let i = 1; i < cells.rows; i++) {
    const v = cells.cell(i, col);
    if (typeof v !== 'string' || (v.indexOf(',') < 0 && v.indexOf('.') < 0)) continue;
    const s = v.trim();
    if (COMMA_DECIMAL.test(s) || DOT_GROUPED_COMMA_DECIMAL.test(s)) comma = true;
    else if (DOT_DECIMAL.test(s) || COMMA_GROUPED_DOT_DECIMAL.test(s)) return false;
  }
  return comma;
}

/**
 * In a decimal-comma column of a text grid, each "1,234" is rewritten to "1.234" (in place: the
 * grid is the text reader's own) with a 'decimal_comma_ambiguous' warning. Other cells are left
 * to the number parser, which already reads "12,50" and "1.234,50".
 */
export function settleDecimalCommas(cells: GridCells, cols: readonly number[], place: GridPlace, issues: IssueList): void {
  for (const col of cols) {
    if (col < 0 || !writesDecimalCommas(cells, col)) continue;
    for (let i = 1; i < cells.rows; i++) {
      const v = cells.cell(i, col);
      if (typeof v !== 'string' || v.indexOf(',') < 0) continue;
      const m = AMBIGUOUS.exec(v.trim());
      if (!m) continue;
      const asDecimal = `${m[1]}.${m[2]}`;
      issues.cell(place, i, col, v, 'decimal_comma_ambiguous', 'warning', { asDecimal, asThousands: `${m[1]}${m[2]}` });
      cells.set(i, col, asDecimal);
    }
  }
}
