// A1 addresses for the Excel API.

export function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellAddress(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  const a = cellAddress(row, col);
  return rows === 1 && cols === 1 ? a : `${a}:${cellAddress(row + rows - 1, col + cols - 1)}`;
}

/** "'My sheet'!A1:C3" → "A1:C3". */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang < 0 ? address : address.slice(bang + 1);
}

/** A reference to a cell of a sheet for a hyperlink: always quoted, quotes doubled. */
export function sheetReference(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}
