// Number cells: numbers pass as they are; text is read leniently (currency signs, thousands
// separators, accounting negatives, full-width digits) but never guessed at.
import { isBlank, isExcelError, type AnyCell } from './cells';

export type NumberFailure = 'blank' | 'excel_error' | 'not_number' | 'out_of_range';

/** Beyond this a value is a typo or a pasted id, not an amount: sums of it lose every cent or overflow to Infinity. */
export const NUMBER_LIMIT = 1e15;

/**
 * The value of a number cell, or NaN when it has none. Fast path first: Range.values gives
 * numbers as numbers, so most cells never reach string handling. Call `numberFailure` on NaN.
 */
export function cellToNumber(v: AnyCell): number {
  if (typeof v === 'number') return v <= NUMBER_LIMIT && v >= -NUMBER_LIMIT ? v : NaN;
  if (typeof v === 'string') return parseNumberString(v);
  return NaN;
}

/** Why `cellToNumber` gave NaN (slow path, bad cells only). */
export function numberFailure(v: AnyCell): NumberFailure {
  if (isBlank(v)) return 'blank';
  if (isExcelError(v)) return 'excel_error';
  if (typeof v === 'number' && !Number.isNaN(v)) return 'out_of_range';
  if (typeof v === 'string' && !Number.isNaN(parseUnbounded(v))) return 'out_of_range';
  return 'not_number';
}

/**
 * Public form: a number, null for a blank cell, or { error } with 'excel_error' / 'not_number'.
 */
export function parseNumberCell(v: AnyCell): number | null | { error: string } {
  const x = cellToNumber(v);
  if (!Number.isNaN(x)) return x;
  const why = numberFailure(v);
  return why === 'blank' ? null : { error: why };
}

/** Text → number; NaN when the text is not a number or beyond ±NUMBER_LIMIT (numberFailure tells which). */
export function parseNumberString(s: string): number {
  const x = parseUnbounded(s);
  return x <= NUMBER_LIMIT && x >= -NUMBER_LIMIT ? x : NaN;
}

/** Exact powers of ten: m / POW10[k] is correctly rounded for integers m < 2^53 (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Text → number, ±Infinity for a number too long for a double ("1e400", 400 digits); NaN for text. */
function parseUnbounded(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  // "-123.45": up to 15 digits are an exact integer over an exact power of ten, one correctly
  // rounded division: the same double as Number(s), without its string machinery.
  let m = 0;
  let digits = 0;
  let dot = -1;
  const neg = s.charCodeAt(0) === 45;
  for (let i = neg ? 1 : 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && dot < 0) dot = i;
    else return parseOther(s);
  }
  if (digits === 0 || digits > 15) return Number(s);
  const x = dot < 0 ? m : m / POW10[n - 1 - dot];
  return neg ? -x : x;
}

/** Digits, dots and a leading minus only ("1.2.3"): Number() decides; anything else is read loosely. */
function parseOther(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || (c === 45 && i === 0))) return parseLoose(s);
  }
  return Number(s);
}

const CURRENCY_PREFIX = /^(?:[¥$€£]|US\$|HK\$|RMB|CNY|USD|EUR|GBP)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:[元¥$€£]|RMB|CNY|USD|EUR|GBP)$/i;
const GROUPED_COMMA = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/; // 1,234,567.89
const GROUPED_DOT = /^\d{1,3}(?:\.\d{3})+,\d*$/; // 1.234.567,89 (European)
const GROUPED_SPACE = /^\d{1,3}(?:[ \u00a0\u202f\u2009']\d{3})+(?:[.,]\d*)?$/; // 1 234 567,89 / 1'234.50
const DECIMAL_COMMA = /^\d+,\d+$/; // 12,5 (not a group of three: that is read as thousands)
const PLAIN = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function parseLoose(input: string): number {
  // NFKC folds full-width digits, signs and ￥ into their ASCII/half-width forms.
  let t = input.normalize('NFKC').trim();
  if (t === '') return NaN;
  let neg = false;
  if (t.charCodeAt(0) === 40 /* ( */ && t.charCodeAt(t.length - 1) === 41 /* ) */) {
    neg = true;
    t = t.slice(1, -1).trim();
  }
  t = stripSign(t, () => (neg = !neg));
  const beforeCurrency = t;
  t = t.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
  if (t !== beforeCurrency) t = stripSign(t.trim(), () => (neg = !neg)); // "¥-12", "$ -3"
  if (t === '') return NaN;
  let body: string;
  if (PLAIN.test(t)) body = t;
  else if (GROUPED_COMMA.test(t)) body = t.replace(/,/g, '');
  else if (GROUPED_DOT.test(t)) body = t.replace(/\./g, '').replace(',', '.');
  else if (GROUPED_SPACE.test(t)) body = t.replace(/[ \u00a0\u202f\u2009']/g, '').replace(',', '.');
  else if (DECIMAL_COMMA.test(t)) body = t.replace(',', '.');
  else return NaN;
  const x = Number(body);
  return neg ? -x : x;
}

function stripSign(t: string, flip: () => void): string {
  const c = t.charCodeAt(0);
  if (c === 45 /* - */ || c === 0x2212 /* − */) {
    flip();
    return t.slice(1).trim();
  }
  if (c === 43 /* + */) return t.slice(1).trim();
  return t;
}
