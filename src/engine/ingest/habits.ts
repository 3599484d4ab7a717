// Needs-and-habits columns of an order table (issue 15): category (one or two levels), product,
// channel, promotion flag or discount amount, and the time of day the order date carries. Read
// after ingestOrders, for the rows it kept, into interned codes aligned with OrderData's rows, so
// the preferences kernel works on Int32Arrays. Nothing here leaves a row out: a blank category
// or channel is code -1 (not counted in that share), an unreadable flag is "no promotion".
import type { OrderData, SourceGrid } from '../types';
import { isBlank, normalizeId, type AnyCell } from './cells';
import { cellToNumber } from './numbers';
import { cellsOf, type GridCells } from './textColumns';

/** Codes per kept row (−1 = blank) and the distinct texts they stand for (first-seen order). */
export interface CodedColumn {
  codes: Int32Array;
  keys: string[];
}

export interface OrderHabits {
  category: CodedColumn | null;
  /** "category › subcategory" when both columns are mapped, else the subcategory alone. */
  subcategory: CodedColumn | null;
  product: CodedColumn | null;
  channel: CodedColumn | null;
  /** 1 when the row was bought on promotion (flag set, or a discount amount > 0). Null when neither column is mapped. */
  promoted: Uint8Array | null;
  /** Minute of the day (0–1439) per row; NaN where the cell carries no time. Null when the date column never carries one. */
  minute: Float64Array | null;
}

/** Separator of the two category levels in a subcategory key. */
export const LEVEL_SEPARATOR = ' › ';

/** Texts read as "not on promotion" (any other non-blank text is a promotion's name or a yes). */
const NO_WORDS = new Set(['0', 'false', 'no', 'n', 'none', '否', '无', '不是', '非促销', '无促销', '正价', '原价', '-', 'fullprice', 'regular']);

const HABIT_KEYS = ['category', 'subcategory', 'product', 'channel', 'promotion', 'discount'];

/** Rows sampled before deciding that a date column carries no time of day. */
const TIME_SAMPLE = 2000;

/** Reads the habit columns of the kept rows; null when none is mapped. */
export function readHabits(grid: SourceGrid, cols: Record<string, number>, data: OrderData, headerRow: number): OrderHabits | null {
  // Time of day alone is no habit to tier on: without a habit column nothing is read (and the
  // ingest of a plain order table costs nothing more).
  if (!HABIT_KEYS.some((k) => cols[k] !== undefined)) return null;
  const n = data.n;
  const gridRow = new Int32Array(n);
  const src = data.sourceRow;
  for (let k = 0; k < n; k++) gridRow[k] = src[k] - headerRow;
  const cells = cellsOf(grid);
  const column = (key: string) => (cols[key] === undefined ? null : coded(cells, gridRow, cols[key]));
  const category = column('category');
  let subcategory = column('subcategory');
  if (category && subcategory) subcategory = joinLevels(category, subcategory);
  const promoted = cols.promotion !== undefined || cols.discount !== undefined ? promotionFlags(cells, gridRow, cols.promotion, cols.discount) : null;
  const minute = timesOfDay(cells, gridRow, cols.orderDate, grid.dateSystem ?? 1900);
  const habits: OrderHabits = { category, subcategory, product: column('product'), channel: column('channel'), promoted, minute };
  return category || subcategory || habits.product || habits.channel || promoted || minute ? habits : null;
}

function coded(cells: GridCells, gridRow: Int32Array, col: number): CodedColumn {
  const codes = new Int32Array(gridRow.length);
  const keys: string[] = [];
  const index = new Map<string, number>();
  for (let k = 0; k < gridRow.length; k++) {
    const v = cells.cell(gridRow[k], col) as AnyCell;
    const s = isBlank(v) ? '' : normalizeId(v);
    if (s === '') {
      codes[k] = -1;
      continue;
    }
    let c = index.get(s);
    if (c === undefined) {
      c = keys.length;
      index.set(s, c);
      keys.push(s);
    }
    codes[k] = c;
  }
  return { codes, keys };
}

/** Subcategory codes as "category › subcategory" pairs (one subcategory name can sit under two categories). */
function joinLevels(cat: CodedColumn, sub: CodedColumn): CodedColumn {
  const codes = new Int32Array(cat.codes.length);
  const keys: string[] = [];
  const index = new Map<number, number>();
  const width = sub.keys.length + 1;
  for (let k = 0; k < codes.length; k++) {
    const a = cat.codes[k];
    const b = sub.codes[k];
    if (b < 0) {
      codes[k] = -1;
      continue;
    }
    const pair = (a + 1) * width + b;
    let c = index.get(pair);
    if (c === undefined) {
      c = keys.length;
      index.set(pair, c);
      keys.push(a < 0 ? sub.keys[b] : `${cat.keys[a]}${LEVEL_SEPARATOR}${sub.keys[b]}`);
    }
    codes[k] = c;
  }
  return { codes, keys };
}

/** Promotion flag: a yes-like or named promotion; or a discount amount above zero. */
function promotionFlags(cells: GridCells, gridRow: Int32Array, flagCol: number | undefined, discountCol: number | undefined): Uint8Array {
  const out = new Uint8Array(gridRow.length);
  for (let k = 0; k < gridRow.length; k++) {
    const r = gridRow[k];
    if (flagCol !== undefined && isPromotion(cells.cell(r, flagCol) as AnyCell)) out[k] = 1;
    else if (discountCol !== undefined) {
      const x = cellToNumber(cells.cell(r, discountCol) as AnyCell);
      if (x === x && x !== 0) out[k] = 1;
    }
  }
  return out;
}

export function isPromotion(v: AnyCell): boolean {
  if (isBlank(v)) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return !NO_WORDS.has(v.trim().toLowerCase().replace(/\s+/g, ''));
  return false;
}

/**
 * Minute of the day of each row's order date: the fraction of an Excel serial, a Date's UTC
 * clock (readers give date-only cells as midnight UTC), or "hh:mm[:ss]" (with am/pm, 上午/下午)
 * after the date in text. A column whose first TIME_SAMPLE rows all sit at midnight or carry no
 * time is taken to have no time of day (null): midnight is then "no time", not "00:00".
 */
export function timesOfDay(cells: GridCells, gridRow: Int32Array, col: number, system: 1900 | 1904): Float64Array | null {
  void system; // the fraction of a serial is the time in both date systems
  const n = gridRow.length;
  let carries = false;
  for (let k = 0; k < n && k < TIME_SAMPLE && !carries; k++) {
    const m = minuteOf(cells.cell(gridRow[k], col) as AnyCell);
    if (m === m && m !== 0) carries = true;
  }
  if (!carries) return null;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = minuteOf(cells.cell(gridRow[k], col) as AnyCell);
  return out;
}

/** "hh:mm[:ss]" after the date part (a space, "T" or 日), with am/pm or 上午/下午/晚上. */
const TEXT_TIME = /[T\s日](?:\s*(上午|下午|晚上))?\s*(\d{1,2})[:：](\d{2})(?:[:：]\d{2}(?:\.\d+)?)?\s*(am|pm)?/i;

/** Minute of the day (0–1439) of a date cell, NaN when it carries no time. */
export function minuteOf(v: AnyCell): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return NaN;
    const frac = v - Math.floor(v);
    return Math.min(1439, Math.floor(frac * 1440 + 1e-6));
  }
  if (v instanceof Date) {
    const t = v.getTime();
    return t === t ? v.getUTCHours() * 60 + v.getUTCMinutes() : NaN;
  }
  if (typeof v !== 'string' || v.length < 8) return NaN;
  const m = TEXT_TIME.exec(v);
  if (!m) return NaN;
  let h = Number(m[2]);
  const min = Number(m[3]);
  const half = m[1] ?? m[4];
  if (half) {
    const pm = /pm|下午|晚上/i.test(half);
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  return h < 24 && min < 60 ? h * 60 + min : NaN;
}
