// Date columns. Excel serials and Date objects are read directly; text dates are tokenised once
// per cell (no regex) and the day/month order of "a/b/yy" text is decided once per column.
//
// Two-digit years: 00–69 → 2000–2069, 70–99 → 1970–1999 (the POSIX strptime pivot; Excel's own
// pivot is 29/30, so spell the year out when it matters).
import { dateToDay, daysFromCivil, excelSerialToDay, isCivilDate } from '../calendar';
import { isBlank, isExcelError, type AnyCell } from './cells';
import type { GridCells } from './textColumns';
import type { SourceGrid } from '../types';
import { FRESH, type ColumnBuffers } from '../scratch';

// Module-level aliases: under tsx (the benchmarks) every read of an imported binding is a
// getter call, and these run once per order row.
const serialDay = excelSerialToDay;
const civilDays = daysFromCivil;
const isCivil = isCivilDate;

export type DateOrder = 'auto' | 'mdy' | 'dmy';

export interface DateColumnOptions {
  dateSystem: 1900 | 1904;
  order: DateOrder;
  /** Where `days` and `errors` come from (default: new arrays). */
  buffers?: ColumnBuffers;
}

/** Per-row status in `DateColumn.errors`. */
export const DATE_OK = 0;
export const DATE_BLANK = 1;
export const DATE_INVALID = 2;
export const DATE_EXCEL_ERROR = 3;

export interface DateColumn {
  /** Whole days since 1970-01-01 UTC; NaN where errors[i] !== DATE_OK. */
  days: Float64Array;
  /** Shapes seen: serial, date, ymd, yyyymmdd, mdy, dmy, month-name, joined by "+"; "none" when nothing parsed. */
  format: string;
  /** a/b/y text whose order could not be told from the data and was read with the fallback. */
  ambiguous: boolean;
  /** Both d/m and m/d evidence in one column (the larger side wins; the other rows are invalid). */
  conflict: boolean;
  /** Order used for a/b/y text ('mdy' or 'dmy'), or null when the column has none. */
  order: 'mdy' | 'dmy' | null;
  /** First a/b/y value that reads differently in the two orders (for the ambiguity message). */
  ambiguousExample: string;
  /** DATE_OK, DATE_BLANK, DATE_INVALID or DATE_EXCEL_ERROR per row. */
  errors: Uint8Array;
}

// Text shapes (index into SHAPE_NAMES).
const S_NONE = 0;
const S_YMD = 1; // 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (optional time after)
const S_YMD8 = 2; // 20240305
const S_ABY = 3; // 3/5/2024, 05.03.24: month/day order decided per column
const S_MONTH = 6; // 5-Mar-2024, Mar 5, 2024, 2024-Mar-05 (English month names: never ambiguous)
const SHAPE_NAMES = ['none', 'ymd', 'yyyymmdd', 'aby', 'serial', 'date', 'month-name'];

/** y-m-d → days when it is a real day with a year 1–9999 (year 0 is no order date), else NaN. */
function ymdDays(y: number, m: number, d: number): number {
  return y >= 1 && isCivil(y, m, d) ? civilDays(y, m, d) : NaN;
}

/**
 * Excel serial → days since epoch (time of day dropped), see calendar's excelSerialToDay
 * (serial 60 in the 1900 system is Lotus's fictitious 1900-02-29: invalid here). Whole numbers
 * 10000101..99991231 beyond the serial range are read as yyyymmdd.
 */
export function serialToDays(v: number, system: 1900 | 1904): number {
  const day = serialDay(v, system);
  if (day === day) return day;
  if (v === Math.floor(v) && v >= 10000101 && v <= 99991231) return ymdDays(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
  return NaN;
}

// Scratch output of tokenize() (module-level so parsing a cell allocates nothing).
let tokA = 0;
let tokB = 0;
let tokC = 0;
let tokCDigits = 0;

function isDateSep(c: number): boolean {
  // - / . and 年 月 (日 ends the date)
  return c === 45 || c === 47 || c === 46 || c === 0x5e74 || c === 0x6708;
}

/** Reads the date part of `s` into tok*; returns its shape (S_NONE when not a date). */
function tokenize(s: string): number {
  const n = s.length;
  let i = 0;
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  // Up to three digit groups p0 p1 p2 with d0 d1 d2 digits each (locals: no allocation).
  let p0 = 0, p1 = 0, p2 = 0;
  let d0 = 0, d1 = 0, d2 = 0;
  let k = 0;
  let sep = -1;
  for (;;) {
    let v = 0;
    let nd = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      nd++;
      i++;
    }
    if (nd === 0 || nd > 8) return S_NONE;
    if (k === 0) {
      p0 = v;
      d0 = nd;
    } else if (k === 1) {
      p1 = v;
      d1 = nd;
    } else {
      p2 = v;
      d2 = nd;
    }
    if (k === 2 || i >= n) break;
    const c = s.charCodeAt(i);
    if (!isDateSep(c)) break;
    // "-", "/", "." must repeat ("2024-3/5" is not a date); 年 is followed by 月.
    if (sep === -1) sep = c;
    else if (!(c === sep || (sep === 0x5e74 && c === 0x6708))) return S_NONE;
    i++;
    k++;
  }
  // Rest: end, 日, or a time part after a space or "T".
  if (i < n) {
    let c = s.charCodeAt(i);
    if (c === 0x65e5 /* 日 */) {
      i++;
      c = i < n ? s.charCodeAt(i) : 32;
    }
    if (i < n && !(c === 32 || c === 9 || c === 84 /* T */ || c === 116)) return S_NONE;
  }
  if (k === 0) {
    if (d0 !== 8) return S_NONE;
    tokA = Math.floor(p0 / 10000);
    tokB = Math.floor(p0 / 100) % 100;
    tokC = p0 % 100;
    return S_YMD8;
  }
  if (k !== 2) return S_NONE;
  tokA = p0;
  tokB = p1;
  tokC = p2;
  tokCDigits = d2;
  if (d0 === 4 && d1 <= 2 && d2 <= 2) return S_YMD;
  if (sep === 0x5e74) return S_NONE;
  if (d0 <= 2 && d1 <= 2 && (d2 === 2 || d2 === 4)) return S_ABY;
  return S_NONE;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
// Slow path, only for text the tokenizer rejected. A time part may follow.
const DAY_MON_YEAR = /^\s*(\d{1,2})[-\s./]+([a-z]{3,9})\.?[-\s./,]+(\d{4}|\d{2})(?=$|[\sT])/i;
const MON_DAY_YEAR = /^\s*(?:[a-z]{3,9},?\s+)??([a-z]{3,9})\.?[-\s./]+(\d{1,2})(?:st|nd|rd|th)?,?[-\s./]+(\d{4}|\d{2})(?=$|[\sT])/i;
const YEAR_MON_DAY = /^\s*(\d{4})[-\s./]+([a-z]{3,9})\.?[-\s./]+(\d{1,2})(?=$|[\sT])/i;

/** "5-Mar-2024", "Mar 5, 2024", "Tue Mar 5 2024", "2024-Mar-05" → days, or NaN. */
function monthNameDays(s: string): number {
  let m = DAY_MON_YEAR.exec(s);
  if (m) return namedDays(m[3], m[2], m[1]);
  m = MON_DAY_YEAR.exec(s);
  if (m) return namedDays(m[3], m[1], m[2]);
  m = YEAR_MON_DAY.exec(s);
  if (m) return namedDays(m[1], m[2], m[3]);
  return NaN;
}

function namedDays(year: string, month: string, dayText: string): number {
  const mo = MONTHS[month.toLowerCase()];
  if (!mo) return NaN;
  return ymdDays(fullYear(Number(year), year.length), mo, Number(dayText));
}

function fullYear(y: number, nd: number): number {
  if (nd === 4) return y;
  return y < 70 ? 2000 + y : 1900 + y;
}

/**
 * Parses one date column. Fast path: numbers (serials) and Date objects need no text work;
 * text is tokenised once into scratch arrays, then the a/b order is decided for the column.
 */
export function parseDateColumn(values: ArrayLike<AnyCell>, opts: DateColumnOptions): DateColumn {
  return parseDates(values.length, (i) => values[i], opts, undefined, 0);
}

/** parseDateColumn over column `col` of grid rows 1..n (no column copy for a million rows). */
export function parseDateGridColumn(cells: GridCells, col: number, opts: DateColumnOptions): DateColumn {
  return parseDates(Math.max(cells.rows - 1, 0), (i) => cells.cell(i + 1, col) as AnyCell, opts, cells.sheetRows, col);
}

/** Cell i is cellAt(i), or row i + 1's cell `col` of `sheetRows` when given (read directly: no call per cell). */
function parseDates(n: number, cellAt: (i: number) => AnyCell, opts: DateColumnOptions, sheetRows: SourceGrid['values'] | undefined, col: number): DateColumn {
  const buffers = opts.buffers ?? FRESH;
  const days = buffers.f64('dates.days', n);
  const errors = buffers.u8('dates.errors', n);
  const seen = new Uint32Array(7); // counts per shape: 0 none,1 ymd,2 ymd8,3 aby,4 serial,5 date object,6 month name
  // a/b/y cells are parsed in a second step once the order is known.
  let abyRows: Int32Array | null = null;
  let abyA: Int32Array | null = null;
  let abyB: Int32Array | null = null;
  let abyY: Int32Array | null = null;
  let abyCount = 0;
  let dmyEvidence = 0;
  let mdyEvidence = 0;
  let ambiguousExample = '';
  const system = opts.dateSystem;
  for (let i = 0; i < n; i++) {
    const v = sheetRows !== undefined ? (sheetRows[i + 1]?.[col] as AnyCell) : cellAt(i);
    if (typeof v === 'number') {
      const d = serialToDays(v, system);
      days[i] = d;
      if (d !== d) errors[i] = DATE_INVALID;
      else seen[4]++;
      continue;
    }
    if (typeof v === 'string') {
      const shape = tokenize(v);
      if (shape === S_YMD || shape === S_YMD8) {
        const d = ymdDays(tokA, tokB, tokC);
        days[i] = d;
        if (d !== d) errors[i] = DATE_INVALID;
        else seen[shape]++;
        continue;
      }
      if (shape === S_ABY) {
        if (abyRows === null) {
          abyRows = new Int32Array(n - i);
          abyA = new Int32Array(n - i);
          abyB = new Int32Array(n - i);
          abyY = new Int32Array(n - i);
        }
        abyRows[abyCount] = i;
        abyA![abyCount] = tokA;
        abyB![abyCount] = tokB;
        abyY![abyCount] = fullYear(tokC, tokCDigits);
        abyCount++;
        if (tokA > 12 && tokB <= 12) dmyEvidence++;
        else if (tokB > 12 && tokA <= 12) mdyEvidence++;
        else if (tokA !== tokB && ambiguousExample === '') ambiguousExample = v.trim();
        continue;
      }
      const named = monthNameDays(v);
      days[i] = named;
      if (named === named) seen[S_MONTH]++;
      else errors[i] = isBlank(v) ? DATE_BLANK : isExcelError(v) ? DATE_EXCEL_ERROR : DATE_INVALID;
      continue;
    }
    if (v instanceof Date) {
      const d = dateToDay(v);
      days[i] = d;
      if (d !== d) errors[i] = DATE_INVALID;
      else seen[5]++;
      continue;
    }
    days[i] = NaN;
    errors[i] = v === null || v === undefined ? DATE_BLANK : DATE_INVALID;
  }

  const aby = { rows: abyRows, a: abyA, b: abyB, y: abyY, count: abyCount };
  const { order, ambiguous, conflict } = decideOrder(opts.order, dmyEvidence, mdyEvidence, ambiguousExample, abyCount);
  if (order) seen[3] = resolveAby(aby, order, days, errors);
  return { days, format: formatName(seen, order), ambiguous, conflict, order, ambiguousExample, errors };
}

/** The day/month order of a/b/y cells: configured, or from the evidence (d > 12 or m > 12). */
export function decideOrder(given: DateColumnOptions['order'], dmyEvidence: number, mdyEvidence: number, ambiguousExample: string, abyCount: number): { order: 'mdy' | 'dmy' | null; ambiguous: boolean; conflict: boolean } {
  if (abyCount === 0) return { order: null, ambiguous: false, conflict: false };
  if (given !== 'auto') return { order: given, ambiguous: false, conflict: false };
  if (dmyEvidence > 0 && mdyEvidence > 0) return { order: dmyEvidence > mdyEvidence ? 'dmy' : 'mdy', ambiguous: false, conflict: true };
  if (dmyEvidence > 0) return { order: 'dmy', ambiguous: false, conflict: false };
  if (mdyEvidence > 0) return { order: 'mdy', ambiguous: false, conflict: false };
  return { order: 'mdy', ambiguous: ambiguousExample !== '', conflict: false };
}

/** Second step for a/b/y cells once the order is known; returns how many were real dates. */
function resolveAby(aby: { rows: Int32Array | null; a: Int32Array | null; b: Int32Array | null; y: Int32Array | null; count: number }, order: 'mdy' | 'dmy', days: Float64Array, errors: Uint8Array): number {
  const dmy = order === 'dmy';
  let ok = 0;
  for (let j = 0; j < aby.count; j++) {
    const i = aby.rows![j];
    const a = aby.a![j];
    const b = aby.b![j];
    const d = dmy ? ymdDays(aby.y![j], b, a) : ymdDays(aby.y![j], a, b);
    days[i] = d;
    if (d !== d) errors[i] = DATE_INVALID;
    else ok++;
  }
  return ok;
}

/** How the column's dates were written, e.g. "serial", "ymd+dmy" (shape counts per kind). */
export function formatName(seen: Uint32Array, order: 'mdy' | 'dmy' | null): string {
  const names: string[] = [];
  if (seen[4] > 0) names.push('serial');
  if (seen[5] > 0) names.push('date');
  for (const s of [S_YMD, S_YMD8]) if (seen[s] > 0) names.push(SHAPE_NAMES[s]);
  if (seen[3] > 0 && order) names.push(order);
  if (seen[S_MONTH] > 0) names.push(SHAPE_NAMES[S_MONTH]);
  return names.length ? names.join('+') : 'none';
}

/** One text or serial date → days (NaN when not a date). a/b/y text uses `order` ('auto' → mdy). */
export function parseDateCell(v: AnyCell, opts: DateColumnOptions): number {
  return parseDateColumn([v], { ...opts, order: opts.order === 'auto' ? 'mdy' : opts.order }).days[0];
}
