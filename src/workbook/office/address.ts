// A1 addresses for the Excel API, on top of the shared helpers.
import { a1, colLetters, quoteSheet, rangeAddress } from '../a1';

export { colLetters, rangeAddress };
export const cellAddress = a1;

/** "'My sheet'!A1:C3" → "A1:C3". */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang < 0 ? address : address.slice(bang + 1);
}

/** A reference to a cell of a sheet for a hyperlink: always quoted, quotes doubled. */
export function sheetReference(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${cell}`;
}
