// Proof that a block of cells is the add-in's own: a hash of its content as written, kept in
// the registry and compared with what the workbook holds before the block is replaced or
// removed. Header text alone proves nothing (a user's columns can carry the same headers); a
// block whose content changed since it was written (edited by hand, or never ours) is left
// alone and reported.
//
// The rows are hashed as a multiset (per-row hashes added up), and blank rows are not counted:
// sorting the customer table (whole rows move) or adding customers at its end (our cells blank
// in the new rows) leaves the proof intact; changing a cell does not.
import type { CellValue, PlanOp } from './ops';
import type { Registry } from './registry';
import { sheetKey } from './sheetNames';
import { csvNumber } from './csv';

/** The text a cell contributes to the hash: the same for a value as written and as read back. */
// Text is hashed as "s" + the text (so the number 1 and the text "1" differ), numbers as their
// 15-digit text (csvNumber: a value read back from Excel hashes as written).
function canonical(v: CellValue | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return csvNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `s${v}`;
}

/** 64-bit FNV-1a (as two 32-bit halves) of one row's canonical text; null for a blank row. */
function rowHash(row: readonly (CellValue | undefined)[], width = row.length): [number, number] | null {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  let blank = true;
  for (let j = 0; j < width; j++) {
    const v = row[j];
    // Text is fed as "s" then its characters without building that string (the common case).
    const text = typeof v === 'string' && v !== '';
    const s = text ? v : canonical(v);
    if (s !== '') blank = false;
    if (text) {
      h1 = Math.imul(h1 ^ 0x73, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ 0x73, 0x0100019d) >>> 0;
    }
    for (let i = 0; i <= s.length; i++) {
      const code = i < s.length ? s.charCodeAt(i) : 0x1f;
      h1 = Math.imul(h1 ^ code, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ code, 0x0100019d) >>> 0;
    }
  }
  return blank ? null : [h1, h2];
}

/** Row hashes added up as a multiset (order-free), from a seed, with the count of rows mixed in. */
function multisetHash(rows: Iterable<[number, number] | null>, seed: [number, number] = [0, 0]): string {
  let [s1, s2] = seed;
  let n = 0;
  for (const r of rows) {
    if (!r) continue;
    s1 = (s1 + r[0]) >>> 0;
    s2 = (s2 + Math.imul(r[1], 0x9e3779b1)) >>> 0;
    n++;
  }
  s1 = (s1 ^ n) >>> 0;
  return s1.toString(16).padStart(8, '0') + s2.toString(16).padStart(8, '0');
}

/** The proof of a block: header row (in order) and data rows (in any order, blanks left out). */
export function blockHash(rows: readonly (readonly (CellValue | undefined)[])[]): string {
  const [head, ...body] = rows;
  return multisetHash(
    body.map((row) => rowHash(row)),
    rowHash(head ?? []) ?? [0, 0],
  );
}

/** A hash of a text (e.g. a package part as we saved it, to know it is untouched since). */
export function textHash(text: string): string {
  const [a, b] = rowHash([text]) ?? [0, 0];
  return `${a.toString(16)}${b.toString(16)}`;
}

/** The row's length without its trailing blank cells (a sheet read back can be wider than written). */
function trimmedWidth(row: readonly (CellValue | undefined)[]): number {
  let w = row.length;
  while (w > 0 && isBlank(row[w - 1])) w--;
  return w;
}

/** canonical(v) === '' without building the text (the number's is built again by rowHash). */
function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v));
}

/**
 * The proof of a whole sheet: every non-blank row, its cells counted from column A, as a
 * multiset. Sorting or filtering the sheet's table (whole rows move or hide) and reading it back
 * wider or from another adapter leave it the same; a changed, added or removed value does not.
 * `firstCol` is the sheet column of each row's first cell (a used range may start right of A).
 */
export function sheetHash(rows: readonly (readonly (CellValue | undefined)[] | undefined)[], firstCol = 0): string {
  const pad: null[] = Array.from({ length: firstCol }, () => null);
  return multisetHash(
    rows.map((raw) => {
      if (!raw) return null;
      const row = firstCol ? [...pad, ...raw] : raw;
      return rowHash(row, trimmedWidth(row));
    }),
  );
}

type Grid = CellValue[][];

/** Carries one op's cell values into the grids of the sheets being followed. */
function applyToGrid(grids: Map<string, Grid>, op: PlanOp): void {
  if (op.op === 'addSheet' || op.op === 'deleteSheet') {
    if (grids.has(sheetKey(op.name))) grids.set(sheetKey(op.name), []);
    return;
  }
  if (op.op !== 'values' && op.op !== 'link' && op.op !== 'clear') return;
  const grid = grids.get(sheetKey(op.sheet));
  if (!grid) return;
  const put = (r: number, c: number, v: CellValue) => ((grid[r] ??= [])[c] = v);
  if (op.op === 'values') op.values.forEach((line, i) => line.forEach((v, j) => put(op.row + i, op.col + j, v)));
  else if (op.op === 'link') put(op.row, op.col, op.text);
  else for (let r = op.row; r < op.row + op.rows && r < grid.length; r++) for (let c = op.col; c < op.col + op.cols; c++) if (grid[r]) grid[r][c] = null;
}

/**
 * The registry with each sheet's proof: the hash of the cells the ops leave on it (from its
 * last addSheet on), computed exactly as sheetHash reads the sheet back afterwards.
 */
export function withSheetProof(registry: Registry, ops: readonly PlanOp[]): Registry {
  const grids = new Map<string, Grid>(registry.sheets.map((s) => [sheetKey(s.name), []]));
  for (const op of ops) applyToGrid(grids, op);
  return { ...registry, sheets: registry.sheets.map((s) => ({ ...s, hash: sheetHash(grids.get(sheetKey(s.name)) ?? []) })) };
}
