// Cell-level helpers shared by every column parser: blanks, Excel error values, ids, display text.
import type { Cell } from '../types';

/** What Excel puts in a cell whose formula failed (Range.values gives them as strings). */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NUM!',
  '#NAME?',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]);

/** A cell as a reader may give it: ExcelJS also yields Date objects. */
export type AnyCell = Cell | Date;

export function isExcelError(v: unknown): boolean {
  return typeof v === 'string' && v.length > 1 && v.charCodeAt(0) === 35 /* # */ && EXCEL_ERRORS.has(v.trim().toUpperCase());
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x202f;
}

/** Blank: '', null, undefined or whitespace only (Range.values gives '' for empty cells). */
export function isBlank(v: unknown): boolean {
  if (v === '' || v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  for (let i = 0; i < v.length; i++) if (!isSpaceCode(v.charCodeAt(i))) return false;
  return true;
}

/** Trim that returns the same string object when there is nothing to trim (the common case). */
export function fastTrim(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  if (!isSpaceCode(s.charCodeAt(0)) && !isSpaceCode(s.charCodeAt(n - 1))) return s;
  return s.replace(/^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/g, '');
}

/**
 * Normalised id, or '' for a blank/unusable one. Text is trimmed; whole numbers become their
 * decimal string so 1001, 1001.0, "1001" and " 1001 " are one customer; "1001.0" text (pandas
 * exports of float ids) is read as "1001". Leading zeros are kept ("00042" stays text).
 */
export function normalizeId(v: AnyCell): string {
  if (typeof v === 'string') {
    let s = fastTrim(v);
    const n = s.length;
    // "1001.0" / "1001.00": only digits, a dot, then zeros.
    if (n > 2 && s.charCodeAt(n - 1) === 48) {
      const dot = s.indexOf('.');
      if (dot > 0 && /^\d+\.0+$/.test(s)) s = s.slice(0, dot);
    }
    return s;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return '';
}

/** A cell as text for messages (truncated to `max` characters). */
export function cellText(v: unknown, max = 100): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (v instanceof Date) s = Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  else s = String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** 0-based column index → Excel letters (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
