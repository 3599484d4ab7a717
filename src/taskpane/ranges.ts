// Range references as people type them and as the pane shows them.
import type { RangeRef } from '../config';

const A1 = /^\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?$/;
const COLS = /^\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}$/;

/**
 * "Orders!A1:F200", "'My data'!B2:D9", "Orders" (a whole sheet) or a table/name known to the
 * workbook → a RangeRef. Returns null when the text cannot be a reference.
 */
export function parseRangeInput(text: string, known: { sheets: string[]; tables: string[] }): RangeRef | null {
  const s = text.trim();
  if (!s) return null;
  const bang = s.lastIndexOf('!');
  if (bang > 0) {
    let sheet = s.slice(0, bang).trim();
    const address = s.slice(bang + 1).trim().replace(/\$/g, '').toUpperCase();
    if (/^'.*'$/.test(sheet)) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    if (!sheet || sheet.length > 31 || !(A1.test(address) || COLS.test(address))) return null;
    return { kind: 'sheet', sheet, address };
  }
  const lower = s.toLowerCase();
  const table = known.tables.find((n) => n.toLowerCase() === lower);
  if (table) return { kind: 'table', table };
  const sheet = known.sheets.find((n) => n.toLowerCase() === lower);
  if (sheet) return { kind: 'sheet', sheet };
  return null;
}

/** A reference as the user would type it. */
export function refLabel(ref: RangeRef): string {
  switch (ref.kind) {
    case 'table':
      return ref.table;
    case 'name':
      return ref.name;
    case 'sheet': {
      const sheet = /^[\p{L}\p{N}_]+$/u.test(ref.sheet) ? ref.sheet : `'${ref.sheet.replace(/'/g, "''")}'`;
      return ref.address ? `${sheet}!${ref.address}` : sheet;
    }
  }
}

/** 0-based column → letters (0 → A, 27 → AB). */
export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 1-based sheet row and 0-based column → "C12". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}
