// Column widths fitted to what a sheet's tables hold: Excel's width unit is about one Latin
// character of the default font; a CJK character takes about two. Titles and notes are left out
// on purpose (they run over the empty cells to their right).
import type { CellValue } from './ops';

/** Width of a text in Excel's character units (CJK and full-width forms count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

// Made once: toLocaleString with options builds a formatter on every call (a third of the
// summary's time with thousands of rows measured).
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 0 });
const FRACTION = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const PLAIN = /^[\x20-\x7e]*$/;

/** Width of a cell as shown: numbers with separators and up to 2 decimals. */
export function cellWidth(v: CellValue): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return (Number.isInteger(v) ? WHOLE : FRACTION).format(v).length;
  const s = String(v);
  return PLAIN.test(s) ? s.length : displayWidth(s);
}

/** Widest cell per column, plus padding, within [min, max]. */
export function fitWidths(widest: ReadonlyMap<number, number>, min = 8, max = 40): Map<number, number> {
  const out = new Map<number, number>();
  for (const [col, w] of widest) out.set(col, Math.min(max, Math.max(min, Math.ceil(w + 2))));
  return out;
}

type WidthOp = { op: 'columnWidth'; sheet: string; col: number; cols: number; width: number };

/** One op per run of neighbouring columns of equal width (a history of many dates has thousands of columns). */
export function widthRuns(sheet: string, col: number, widths: readonly number[]): WidthOp[] {
  const ops: WidthOp[] = [];
  for (let j = 0; j < widths.length; j++) {
    const last = ops[ops.length - 1];
    if (last && last.width === widths[j] && last.col + last.cols === col + j) last.cols++;
    else ops.push({ op: 'columnWidth', sheet, col: col + j, cols: 1, width: widths[j] });
  }
  return ops;
}

/** Column-width ops fitting each header of a table (plus room for the filter button) within [min, max]. */
export function headerWidthOps(sheet: string, col: number, headers: readonly string[], min: number, max = 30): WidthOp[] {
  return widthRuns(
    sheet,
    col,
    headers.map((h) => Math.min(max, Math.max(min, displayWidth(h) + 4))),
  );
}

/** The widest a tier-block column gets: an action sentence is read whole, like the issues sheet's (60). */
export const BLOCK_MAX_WIDTH = 60;

/**
 * Widths fitting columns the add-in writes beside the user's data (the tier block): each header
 * with room for a table's filter button, and every value as shown, within [min, max]. A column
 * holds few distinct values (tiers, actions), so each is measured once.
 */
export function blockWidths(headers: readonly string[], body: readonly (readonly CellValue[])[], min = 8, max = BLOCK_MAX_WIDTH): number[] {
  const widest = new Map<number, number>();
  headers.forEach((h, j) => {
    const seen = new Set<CellValue>();
    let w = displayWidth(h) + 2;
    for (const row of body) {
      const v = row[j];
      if (seen.has(v)) continue;
      seen.add(v);
      w = Math.max(w, cellWidth(v));
    }
    widest.set(j, w);
  });
  const fitted = fitWidths(widest, min, max);
  return headers.map((_, j) => fitted.get(j)!);
}
