// Request size estimates: Excel counts the request as JSON, so we count UTF-8 bytes of JSON.

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Share of the limit a request may fill: leaves room for Excel's own envelope. */
export const PAYLOAD_BUDGET = 0.9;
/** A generous cost for one queued command (object path, method, ids). */
export const COMMAND_BYTES = 200;

export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : utf8Bytes(JSON.stringify(value));
}

/** UTF-8 bytes of a string as a JSON string literal (quotes and escapes included), without
 *  building it: JSON.stringify escapes `"` `\\` and C0 controls, and lone surrogates as \\uXXXX. */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) n += c === 0x22 || c === 0x5c ? 2 : 1;
    else if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** JSON bytes of one cell value as Excel's values arrays carry it (exact, nothing serialised). */
export function cellJsonBytes(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).length : 4;
  if (typeof v === 'string') return jsonStringBytes(v);
  if (v === null || v === undefined) return 4;
  if (typeof v === 'boolean') return v ? 4 : 5;
  return jsonBytes(v);
}

/** JSON bytes of one row of cells: `[a,b,c]` (exact). */
export function rowJsonBytes(row: readonly unknown[]): number {
  if (row.length === 0) return 2;
  let n = 1 + row.length;
  for (let j = 0; j < row.length; j++) n += cellJsonBytes(row[j]);
  return n;
}

/** Rows measured exactly by the byte model; beyond that many, a sample of them. */
const SAMPLE_ROWS = 512;

/**
 * JSON bytes of a block of rows (a values array), from a per-column byte model: each column's
 * mean bytes per cell over evenly spaced sample rows (every row of a small block), times the
 * rows. Exact up to SAMPLE_ROWS rows; an estimate beyond (checked against JSON.stringify in
 * test/workbook/office/payload.test.ts). A read sizes its next chunk by it, so it replaces
 * serialising every chunk it receives only to count it.
 */
export function gridJsonBytes(rows: readonly (readonly unknown[])[]): number {
  const n = rows.length;
  if (n === 0) return 2;
  const step = n <= SAMPLE_ROWS ? 1 : n / SAMPLE_ROWS;
  const cols = rows[0].length;
  const perColumn = new Float64Array(cols);
  let sampled = 0;
  let extra = 0;
  for (let k = 0; k < n; k = Math.floor(sampled * step)) {
    const row = rows[k];
    sampled++;
    for (let j = 0; j < cols; j++) perColumn[j] += cellJsonBytes(row[j]);
    // A ragged row (never from Excel, which returns rectangles): measured whole.
    if (row.length !== cols) extra += rowJsonBytes(row) - rowJsonBytes(row.slice(0, cols));
    if (step === 1 && sampled >= n) break;
  }
  let cells = extra;
  for (let j = 0; j < cols; j++) cells += perColumn[j];
  // `[` + rows joined by `,` + `]`; each row `[` + cells joined by `,` + `]`.
  return Math.round(1 + n + n * (cols === 0 ? 2 : 1 + cols) + (cells * n) / sampled);
}

/** Splits rows into consecutive runs of at most `budget` bytes each (at least one row). The
 *  first run may be given less room, to fill up a request that already holds commands; if
 *  not even one row fits there, it gets a full budget (and a request of its own). */
export function chunkRows(rowBytes: readonly number[], budget: number, firstBudget = budget): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let size = 0;
  let limit = Math.min(firstBudget, budget);
  for (let i = 0; i < rowBytes.length; i++) {
    if (size + rowBytes[i] > limit) {
      if (i > start) {
        out.push([start, i]);
        start = i;
        size = 0;
      }
      limit = budget;
    }
    size += rowBytes[i];
  }
  if (start < rowBytes.length) out.push([start, rowBytes.length]);
  return out;
}
