// Proof that a block of cells is the add-in's own: a hash of its content as written, kept in
// the registry and compared with what the workbook holds before the block is replaced or
// removed. Header text alone proves nothing (a user's columns can carry the same headers); a
// block whose content changed since it was written (edited by hand, or never ours) is left
// alone and reported.
//
// The rows are hashed as a multiset (per-row hashes added up), and blank rows are not counted:
// sorting the customer table (whole rows move) or adding customers at its end (our cells blank
// in the new rows) leaves the proof intact; changing a cell does not.
import type { CellValue } from './ops';

/** The text a cell contributes to the hash: the same for a value as written and as read back. */
function canonical(v: CellValue | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `s${v}`;
}

/** 64-bit FNV-1a (as two 32-bit halves) of one row's canonical text; null for a blank row. */
function rowHash(row: readonly (CellValue | undefined)[]): [number, number] | null {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  let blank = true;
  for (const v of row) {
    const s = canonical(v);
    if (s !== '') blank = false;
    for (let i = 0; i <= s.length; i++) {
      const code = i < s.length ? s.charCodeAt(i) : 0x1f;
      h1 = Math.imul(h1 ^ code, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ code, 0x0100019d) >>> 0;
    }
  }
  return blank ? null : [h1, h2];
}

/** The proof of a block: header row (in order) and data rows (in any order, blanks left out). */
export function blockHash(rows: readonly (readonly (CellValue | undefined)[])[]): string {
  const [head, ...body] = rows;
  const h = rowHash(head ?? []) ?? [0, 0];
  let s1 = h[0];
  let s2 = h[1];
  let n = 0;
  for (const row of body) {
    const r = rowHash(row);
    if (!r) continue;
    s1 = (s1 + r[0]) >>> 0;
    s2 = (s2 + Math.imul(r[1], 0x9e3779b1)) >>> 0;
    n++;
  }
  s1 = (s1 ^ n) >>> 0;
  return s1.toString(16).padStart(8, '0') + s2.toString(16).padStart(8, '0');
}

/** A hash of a text (e.g. a package part as we saved it, to know it is untouched since). */
export function textHash(text: string): string {
  const [a, b] = rowHash([text]) ?? [0, 0];
  return `${a.toString(16)}${b.toString(16)}`;
}
