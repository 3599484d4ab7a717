// Small helpers shared by the sheet builders: cell conversion and block formatting.
import { dateToExcelSerial } from '../engine/calendar';
import type { CellValue, PlanOp } from './ops';
import { HEADER_FILL, HEADER_FONT, NOTE_FONT, TITLE_FONT } from './labels';

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

  format(row: number, col: number, rows: number, cols: number, f: { fill?: string; fontColor?: string; bold?: boolean; numberFormat?: string }): void {
    if (rows > 0 && cols > 0) this.ops.push({ op: 'format', sheet: this.sheet, row, col, rows, cols, ...f });
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
