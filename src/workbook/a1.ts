// A1 addresses ↔ 0-based row/column numbers, shared by both adapters.
import { WorkbookError } from './errors';

/** Excel's grid: 1,048,576 rows × 16,384 columns (A..XFD), defined where the plan sizes sheets. */
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS } from '../output/cells';

export const MAX_ROWS = EXCEL_MAX_ROWS;
export const MAX_COLS = EXCEL_MAX_COLS;

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function a1(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

export function a1Range(row: number, col: number, rows: number, cols: number): string {
  return `${a1(row, col)}:${a1(row + Math.max(rows, 1) - 1, col + Math.max(cols, 1) - 1)}`;
}

/** "B3" for one cell, "B3:D9" otherwise: the form Excel reports and both adapters return. */
export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  return rows <= 1 && cols <= 1 ? a1(row, col) : a1Range(row, col, rows, cols);
}

function colNumber(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** "B3" or "$B$3" → 0-based { row, col }; anything else is a WorkbookError 'addressInvalid'. */
export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  const at = m && { row: Number(m[2]) - 1, col: colNumber(m[1]) };
  if (!at || at.row < 0 || at.row >= MAX_ROWS || at.col >= MAX_COLS) throw new WorkbookError('addressInvalid', { address: ref });
  return at;
}

/** "A1:F20" (or a single cell) → top-left and size. */
export function parseRange(ref: string): Area {
  const [a, b = a, ...rest] = ref.split(':');
  if (rest.length) throw new WorkbookError('addressInvalid', { address: ref });
  const p = parseA1(a);
  const q = parseA1(b);
  return { row: Math.min(p.row, q.row), col: Math.min(p.col, q.col), rows: Math.abs(q.row - p.row) + 1, cols: Math.abs(q.col - p.col) + 1 };
}

/** Any address Excel's getRange takes for a block of one sheet: "B3", "A1:F20", whole
 *  columns "A:F" and whole rows "3:10" (with or without $). */
export function parseAddress(ref: string): Area {
  const s = ref.trim().replace(/\$/g, '');
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(s);
  if (cols) {
    const [c0, c1] = [colNumber(cols[1]), colNumber(cols[2])].sort((x, y) => x - y);
    if (c1 >= MAX_COLS) throw new WorkbookError('addressInvalid', { address: ref });
    return { row: 0, col: c0, rows: MAX_ROWS, cols: c1 - c0 + 1 };
  }
  const rows = /^(\d+):(\d+)$/.exec(s);
  if (rows) {
    const [r0, r1] = [Number(rows[1]) - 1, Number(rows[2]) - 1].sort((x, y) => x - y);
    if (r0 < 0 || r1 >= MAX_ROWS) throw new WorkbookError('addressInvalid', { address: ref });
    return { row: r0, col: 0, rows: r1 - r0 + 1, cols: MAX_COLS };
  }
  try {
    return parseRange(s);
  } catch {
    throw new WorkbookError('addressInvalid', { address: ref });
  }
}

/** The cells of both areas, or null when they do not meet. */
export function intersect(a: Area, b: Area): Area | null {
  const r0 = Math.max(a.row, b.row);
  const c0 = Math.max(a.col, b.col);
  const r1 = Math.min(a.row + a.rows, b.row + b.rows);
  const c1 = Math.min(a.col + a.cols, b.col + b.cols);
  return r1 > r0 && c1 > c0 ? { row: r0, col: c0, rows: r1 - r0, cols: c1 - c0 } : null;
}

/** Sheet name quoted for a formula reference: 'My sheet'!$A$1. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function absRange(sheet: string, row: number, col: number, rows: number, cols = 1): string {
  const abs = (r: number, c: number) => `$${colLetters(c)}$${r + 1}`;
  return `${quoteSheet(sheet)}!${abs(row, col)}:${abs(row + rows - 1, col + cols - 1)}`;
}
