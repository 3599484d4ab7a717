// Small helpers shared by the sheet builders: cell conversion, text clean-up and block
// formatting. Cell text is data (DESIGN 7): what may go into a cell is decided here, once,
// for every adapter; the adapters write what the ops say.
import { dateToExcelSerial } from '../engine/calendar';
import type { CellValue, PlanOp } from './ops';
import { HEADER_FILL, HEADER_FONT, NOTE_FONT, TITLE_FONT } from './labels';

/** Excel's grid: 1,048,576 rows × 16,384 columns (A..XFD). The plan sizes sheets by it; the
 *  adapters check addresses against it (workbook/a1.ts). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLS = 16_384;
/** Excel's limit of characters in a cell (UTF-16 code units, as Excel and JavaScript count). */
export const MAX_CELL_TEXT = 32_767;
/** Hyperlinks look like Excel's Hyperlink cell style: blue, underlined. */
export const LINK_FONT = '#0563C1';
// Characters XML 1.0 cannot carry (an .xlsx is XML, and Excel stores what the API writes the
// same way): C0 controls but tab, LF and CR; U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as a cell can hold it: line breaks as Excel keeps them (LF: an .xlsx reads a bare CR
 *  back as LF), characters XML cannot carry dropped, cut to Excel's length, never leaving
 *  half of a surrogate pair at the end. */
export function cleanText(s: string): string {
  let out = s.replace(/\r\n?/g, '\n').replace(INVALID_XML, '');
  if (out.length > MAX_CELL_TEXT) {
    out = out.slice(0, MAX_CELL_TEXT);
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  }
  return out;
}

/** A cell value as it may be written: text cleaned, non-finite numbers blank. */
export function cleanCell(v: CellValue): CellValue {
  if (typeof v === 'string') return cleanText(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

const cleanRows = (rows: readonly (readonly CellValue[])[]): CellValue[][] => rows.map((r) => r.map(cleanCell));

/** The ops with every text that lands in a cell cleaned (values, table column headers and
 *  values, link text). Names of sheets and tables are made legal where they are chosen
 *  (sheetNames.ts). */
export function cleanOps(ops: readonly PlanOp[]): PlanOp[] {
  return ops.map((op) => {
    switch (op.op) {
      case 'values':
        return { ...op, values: cleanRows(op.values) };
      case 'addTableColumns':
        return { ...op, headers: op.headers.map(cleanText), values: cleanRows(op.values) };
      case 'link':
        return { ...op, text: cleanText(op.text) };
      default:
        return op;
    }
  });
}

/** Any value from the result table → a cell value (dates as serials, non-finite numbers blank). */
export function toCell(v: unknown, dateSystem: 1900 | 1904): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToExcelSerial(v, dateSystem);
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** Collects the ops of one sheet with a moving row cursor. */
export class SheetBuilder {
  readonly ops: PlanOp[] = [];
  row = 0;
  constructor(readonly sheet: string) {}

  values(row: number, col: number, values: CellValue[][]): void {
    if (values.length && values[0].length) this.ops.push({ op: 'values', sheet: this.sheet, row, col, values });
  }

  format(row: number, col: number, rows: number, cols: number, f: { fill?: string; fontColor?: string; bold?: boolean; underline?: boolean; numberFormat?: string; align?: 'left' | 'center' | 'right'; indent?: number }): void {
    if (rows > 0 && cols > 0) this.ops.push({ op: 'format', sheet: this.sheet, row, col, rows, cols, ...f });
  }

  /** A link to a cell of the workbook, looking like one. */
  link(row: number, col: number, text: string, targetSheet: string, targetCell: string): void {
    this.ops.push({ op: 'link', sheet: this.sheet, row, col, text, targetSheet, targetCell });
    this.format(row, col, 1, 1, { fontColor: LINK_FONT, underline: true });
  }

  title(text: string): void {
    this.values(this.row, 0, [[text]]);
    this.format(this.row, 0, 1, 1, { bold: true, fontColor: TITLE_FONT });
    this.row++;
  }

  note(text: string): void {
    this.values(this.row, 0, [[text]]);
    this.format(this.row, 0, 1, 1, { fontColor: NOTE_FONT });
    this.row++;
  }

  /** The marker row (its text is written with the sheet itself): grey, then move on. */
  markerRow(): void {
    this.format(this.row, 0, 1, 1, { fontColor: NOTE_FONT });
    this.row++;
  }

  header(row: number, col: number, headers: CellValue[]): void {
    this.values(row, col, [headers]);
    this.format(row, col, 1, headers.length, { bold: true, fill: HEADER_FILL, fontColor: HEADER_FONT });
  }

  /** Header + rows at the cursor; returns the block's position. Moves the cursor past it and one blank row. */
  block(headers: CellValue[], rows: CellValue[][], col = 0): { row: number; col: number; rows: number; cols: number } {
    const at = { row: this.row, col, rows: rows.length, cols: headers.length };
    this.header(this.row, col, headers);
    this.values(this.row + 1, col, rows);
    this.row += rows.length + 2;
    return at;
  }

  /** A block whose headers over numbers are right-aligned like them, so a header never looks a column off. */
  alignedBlock(headers: CellValue[], rows: CellValue[][], col = 0): { row: number; col: number; rows: number; cols: number } {
    const at = this.block(headers, rows, col);
    headers.forEach((_, j) => {
      if (j > 0 && rows.some((r) => typeof r[j] === 'number')) this.format(at.row, col + j, 1, 1, { align: 'right' });
    });
    return at;
  }
}

/** Runs of equal keys in a column → one fill op per run (formats per block, not per cell). */
export function fillRuns(
  sheet: string,
  row: number,
  col: number,
  keys: readonly (string | null)[],
  fillOf: (key: string) => string,
): PlanOp[] {
  const ops: PlanOp[] = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i === keys.length || keys[i] !== keys[start]) {
      const k = keys[start];
      if (k !== null) ops.push({ op: 'format', sheet, row: row + start, col, rows: i - start, cols: 1, fill: fillOf(k) });
      start = i;
    }
  }
  return ops;
}

/** Makes header texts unique (Excel tables need it), against `taken` (lower-cased). */
export function uniqueHeaders(headers: string[], taken: Set<string> = new Set()): string[] {
  return headers.map((h) => {
    let name = h;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${h} (${i})`;
    taken.add(name.toLowerCase());
    return name;
  });
}
