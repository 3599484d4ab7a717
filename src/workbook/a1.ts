// A1 addresses ↔ 0-based row/column numbers, shared by both adapters.
export function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function a1(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

export function a1Range(row: number, col: number, rows: number, cols: number): string {
  return `${a1(row, col)}:${a1(row + Math.max(rows, 1) - 1, col + Math.max(cols, 1) - 1)}`;
}

/** "B3" or "$B$3" → 0-based { row, col }. */
export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`not a cell address: ${ref}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "A1:F20" (or a single cell) → top-left and size. */
export function parseRange(ref: string): { row: number; col: number; rows: number; cols: number } {
  const [a, b = a] = ref.split(':');
  const p = parseA1(a);
  const q = parseA1(b);
  return { row: Math.min(p.row, q.row), col: Math.min(p.col, q.col), rows: Math.abs(q.row - p.row) + 1, cols: Math.abs(q.col - p.col) + 1 };
}

/** Sheet name quoted for a formula reference: 'My sheet'!$A$1. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function absRange(sheet: string, row: number, col: number, rows: number, cols = 1): string {
  const abs = (r: number, c: number) => `$${colLetters(c)}$${r + 1}`;
  return `${quoteSheet(sheet)}!${abs(row, col)}:${abs(row + rows - 1, col + cols - 1)}`;
}
