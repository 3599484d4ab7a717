// A1 addresses: parse and format, as Excel writes them ("Sheet1!A1:C3", "'My sheet'!B2").
import { fail } from './errors';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Rect {
  r0: number;
  c0: number;
  r1: number; // inclusive
  c1: number; // inclusive
}

export function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellName(r: number, c: number): string {
  return `${colLetters(c)}${r + 1}`;
}

export function rectAddress(rect: Rect): string {
  const a = cellName(rect.r0, rect.c0);
  return rect.r0 === rect.r1 && rect.c0 === rect.c1 ? a : `${a}:${cellName(rect.r1, rect.c1)}`;
}

/** Excel quotes sheet names that are not plain words. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function checkRect(rect: Rect): Rect {
  const ok =
    Number.isInteger(rect.r0) &&
    Number.isInteger(rect.c0) &&
    Number.isInteger(rect.r1) &&
    Number.isInteger(rect.c1) &&
    rect.r0 >= 0 &&
    rect.c0 >= 0 &&
    rect.r1 >= rect.r0 &&
    rect.c1 >= rect.c0 &&
    rect.r1 < MAX_ROWS &&
    rect.c1 < MAX_COLS;
  if (!ok) fail('InvalidArgument', `The range is outside the grid (${MAX_ROWS} rows × ${MAX_COLS} columns) or empty.`);
  return rect;
}

/** Splits "Sheet!A1:B2" into its sheet (unquoted) and the local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** Parses a local A1 address: "A1", "A1:C3", "$A$1", "A:C" (whole columns), "2:5" (whole rows). */
export function parseLocal(local: string): Rect {
  const parts = local.replace(/\$/g, '').toUpperCase().split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) fail('InvalidArgument', `Invalid address "${local}".`);
  const one = (p: string) => {
    let m = /^([A-Z]{1,3})([0-9]{1,7})$/.exec(p);
    if (m) return { r: Number(m[2]) - 1, c: colIndex(m[1]), wholeCol: false, wholeRow: false };
    m = /^([A-Z]{1,3})$/.exec(p);
    if (m) return { r: -1, c: colIndex(m[1]), wholeCol: true, wholeRow: false };
    m = /^([0-9]{1,7})$/.exec(p);
    if (m) return { r: Number(m[1]) - 1, c: -1, wholeCol: false, wholeRow: true };
    return fail('InvalidArgument', `Invalid address "${local}".`);
  };
  const a = one(parts[0]);
  const b = parts.length === 2 ? one(parts[1]) : a;
  if (a.wholeCol !== b.wholeCol || a.wholeRow !== b.wholeRow) fail('InvalidArgument', `Invalid address "${local}".`);
  const rect: Rect = a.wholeCol
    ? { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) }
    : a.wholeRow
      ? { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: 0, c1: MAX_COLS - 1 }
      : { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
  return checkRect(rect);
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}
