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
