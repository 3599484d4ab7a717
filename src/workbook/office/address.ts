// A1 addresses for the Excel API, on top of the shared helpers.
import { a1, colLetters, quoteSheet } from '../a1';

export { colLetters };
export const cellAddress = a1;

/** "B3" for one cell, "B3:D9" otherwise (Excel's own form). */
export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  const a = a1(row, col);
  return rows === 1 && cols === 1 ? a : `${a}:${a1(row + rows - 1, col + cols - 1)}`;
}

/** "'My sheet'!A1:C3" → "A1:C3". */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang < 0 ? address : address.slice(bang + 1);
}

/** A reference to a cell of a sheet for a hyperlink: always quoted, quotes doubled. */
export function sheetReference(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${cell}`;
}
