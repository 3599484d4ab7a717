// CSV text, one definition for every CSV the product writes (the CLI's per-customer CSV, the
// campaign list): numbers without float noise, text formula-guarded (csvGuard.ts) unless raw,
// quoted when it holds a quote, delimiter or line break or starts or ends with white space.
// UTF-8 BOM (Excel opens Chinese names correctly) and CRLF line ends.
import { guardFormula } from '../engine/csvGuard';

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/**
 * Whether x is the double nearest a decimal of at most two places and 15 significant digits
 * (amounts, shares): its shortest text then has at most 15 digits, and 15 digits round-trip, so
 * rounding it to 15 significant digits gives x back (x.toPrecision(15) names x exactly).
 */
export function isShortDecimal(x: number): boolean {
  return x < 1e13 && x > -1e13 && Math.round(x * 100) / 100 === x;
}

/**
 * A number as the CSV shows it: rounded to 15 significant digits, so 0.1 + 0.2 reads 0.3.
 * Equal to String(Number(x.toPrecision(15))) at a quarter of its time: whole numbers are their
 * own text, and a 15-digit decimal without exponent needs only its trailing zeros cut (the
 * shortest text of the double nearest it is that decimal: 15 digits always round-trip).
 */
export function csvNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (Number.isInteger(x) && x < 1e15 && x > -1e15) return String(x);
  if (isShortDecimal(x)) return String(x);
  const p = x.toPrecision(15);
  if (p.includes('e')) return String(Number(p));
  if (!p.includes('.')) return p;
  let end = p.length;
  while (p.charCodeAt(end - 1) === 48) end--;
  if (p.charCodeAt(end - 1) === 46) end--;
  return p.slice(0, end);
}

function isQuoteSpace(c: number): boolean {
  // what /\s/ matches
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function needsQuotes(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  if (isQuoteSpace(s.charCodeAt(0)) || isQuoteSpace(s.charCodeAt(n - 1))) return true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return true;
  }
  return false;
}

/** Text as a CSV field: guarded against formulas unless `raw`, quoted when needed. */
export function csvText(v: string, raw: boolean): string {
  const s = raw ? v : guardFormula(v);
  return needsQuotes(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Any cell value as a CSV field: blank for null/undefined and non-finite numbers. */
export function csvField(v: unknown, raw = true): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return csvNumber(v);
  return csvText(String(v), raw);
}

/** A whole CSV of a header and rows (small tables; large ones go through a writer chunk by chunk). */
export function csvDocument(headers: readonly unknown[], rows: readonly (readonly unknown[])[], raw = true): string {
  const lines = [headers, ...rows].map((r) => r.map((v) => csvField(v, raw)).join(','));
  return `${CSV_BOM}${lines.join(CSV_EOL)}${CSV_EOL}`;
}
