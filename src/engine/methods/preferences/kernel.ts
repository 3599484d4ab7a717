// Per-customer needs and habits from order rows (issue 15): spend per category and channel,
// dominance, breadth, newest category, weekend share of purchase days, time-of-day band, peak
// month and promotion share. Same shape as the metrics kernel: rows are grouped by customer with
// a counting sort, then one loop per customer accumulates into small scratch arrays; nothing is
// allocated per row.
//
// What counts: purchase rows (amount ≥ 0) dated up to the analysis date. Returns (negative
// amounts) are left out of preferences under either returns policy, so every share lies in
// [0, 1] and the category (channel) shares of a customer sum to 1. Spend is taken in whole cents
// (amount rounded to 0.01) and summed as integers: exact, so independent of row order.
// Rows with a blank category (channel) count in the customer's spend but in no category
// (channel) share: shares are of the spend whose category (channel) is known.
//
// Ties (documented in docs/preferences.md): the dominant category or channel is the one with the
// most spend; equal spend → the name first in code-unit order (so the result never depends on
// row order). The newest category is the one first bought latest; equal first days → more spend,
// then name order. The peak month is the calendar month (1–12, all years together) with the most
// spend; equal → the earlier month. The time band is by spend likewise (earlier band first).
import type { OrderData } from '../../types';
import type { CodedColumn, OrderHabits } from '../../ingest/habits';

/** Time-of-day bands, by hour: morning 5–11, midday 11–14, afternoon 14–18, evening 18–23, night 23–5. */
export const TIME_BANDS = ['morning', 'midday', 'afternoon', 'evening', 'night'] as const;
export type TimeBand = (typeof TIME_BANDS)[number];

export function bandOfMinute(minute: number): number {
  const h = Math.floor(minute / 60);
  return h >= 5 && h < 11 ? 0 : h >= 11 && h < 14 ? 1 : h >= 14 && h < 18 ? 2 : h >= 18 && h < 23 ? 3 : 4;
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day % 7) + 7 + 4) % 7) | 0;
}

/** Per-customer entries (customer c: offsets[c]..offsets[c+1]), most spend first, then name order. */
export interface Sparse {
  offsets: Int32Array;
  codes: Int32Array;
  cents: Float64Array;
}

export interface Dimension {
  keys: string[];
  /** Rank of each key in code-unit order (the tie-break). */
  rank: Int32Array;
  entries: Sparse;
  dominant: Int32Array;
  dominantShare: Float64Array;
  count: Float64Array;
}

export interface CustomerPreferences {
  n: number;
  /** Counted spend in cents per customer. */
  spendCents: Float64Array;
  category: Dimension | null;
  channel: Dimension | null;
  /** Category code first bought latest (−1 when fewer than two categories). */
  newestCategory: Int32Array;
  purchaseDays: Float64Array;
  weekendShare: Float64Array;
  /** Index into TIME_BANDS, −1 when unknown; the band's share of the spend with a time. */
  timeBand: Int8Array;
  timeBandShare: Float64Array;
  /** 1–12, 0 when no spend. */
  peakMonth: Int8Array;
  peakMonthShare: Float64Array;
  /** Share of spend bought on promotion; NaN when no promotion or discount column. */
  discountShare: Float64Array;
  /** All customers: distinct customer-days and spend (cents) per weekday, 0 = Sunday. */
  weekdayDays: Float64Array;
  weekdayCents: Float64Array;
}

export interface PreferenceInput {
  orders: OrderData;
  habits: OrderHabits;
  /** Customer ids in result order. */
  ids: readonly string[];
  analysisDay: number;
  level: 'category' | 'subcategory';
}

/** The category column at the configured level (the other level when only one is mapped). */
export function categoryColumn(h: OrderHabits, level: 'category' | 'subcategory'): CodedColumn | null {
  return level === 'subcategory' ? (h.subcategory ?? h.category) : (h.category ?? h.subcategory);
}

/**
 * The purchase lines (up to the analysis date) grouped by customer in result order: customer c's
 * lines are offsets[c]..offsets[c + 1] of every array. The values are gathered in the scatter
 * pass, so the per-customer loop reads them sequentially: reading the original columns through
 * a row index grouped by customer misses the cache on nearly every line (4x slower at a million).
 */
export interface GroupedLines {
  offsets: Int32Array;
  cents: Float64Array;
  /** Whole days since 1970-01-01, relative to `lo`. */
  day: Int32Array;
  lo: number;
  hi: number;
  cat: Int32Array | null;
  chan: Int32Array | null;
  promo: Uint8Array | null;
  /** Time band per line, −1 when the line has no time; null when the dates carry none. */
  band: Int8Array | null;
}

export function groupLines(o: OrderData, h: OrderHabits, cat: CodedColumn | null, ids: readonly string[], analysisDay: number): GroupedLines {
  const nc = ids.length;
  const rowCustomer = customerIndexOfRows(o, ids);
  const offsets = new Int32Array(nc + 1);
  const { day, amount } = o;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < o.n; r++) {
    const d = day[r];
    if (d <= analysisDay && amount[r] >= 0 && rowCustomer[r] >= 0) {
      offsets[rowCustomer[r] + 1]++;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    } else rowCustomer[r] = -1;
  }
  for (let c = 0; c < nc; c++) offsets[c + 1] += offsets[c];
  const n = offsets[nc];
  lo = n ? Math.floor(lo) : 0;
  const g: GroupedLines = {
    offsets,
    cents: new Float64Array(n),
    day: new Int32Array(n),
    lo,
    hi: n ? Math.floor(hi) : -1,
    cat: cat ? new Int32Array(n) : null,
    chan: h.channel ? new Int32Array(n) : null,
    promo: h.promoted ? new Uint8Array(n) : null,
    band: h.minute ? new Int8Array(n) : null,
  };
  scatter(o, h, cat, rowCustomer, offsets.slice(0, nc), g);
  return g;
}

function scatter(o: OrderData, h: OrderHabits, cat: CodedColumn | null, rowCustomer: Int32Array, pos: Int32Array, g: GroupedLines): void {
  const catIn = cat ? cat.codes : null;
  const chanIn = h.channel ? h.channel.codes : null;
  const promoIn = h.promoted;
  const minute = h.minute;
  const { cents, day, lo } = g;
  for (let r = 0; r < o.n; r++) {
    const c = rowCustomer[r];
    if (c < 0) continue;
    const i = pos[c]++;
    cents[i] = Math.round(o.amount[r] * 100);
    day[i] = Math.floor(o.day[r]) - lo;
    if (catIn) g.cat![i] = catIn[r];
    if (chanIn) g.chan![i] = chanIn[r];
    if (promoIn) g.promo![i] = promoIn[r];
    if (minute) {
      const m = minute[r];
      g.band![i] = m === m ? bandOfMinute(m) : -1;
    }
  }
}

/** Result-order customer index of each row (−1 for an id not in `ids`). */
function customerIndexOfRows(o: OrderData, ids: readonly string[]): Int32Array {
  const at = new Map<string, number>();
  ids.forEach((id, i) => at.set(id, i));
  const out = new Int32Array(o.n);
  if (o.customerCode && o.customerKeys) {
    const byCode = Int32Array.from(o.customerKeys, (k) => at.get(k) ?? -1);
    const code = o.customerCode;
    for (let r = 0; r < o.n; r++) out[r] = byCode[code[r]];
  } else {
    for (let r = 0; r < o.n; r++) out[r] = at.get(o.customer[r]) ?? -1;
  }
  return out;
}

export function codeUnitRank(keys: readonly string[]): Int32Array {
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  const rank = new Int32Array(keys.length);
  order.forEach((k, i) => (rank[k] = i));
  return rank;
}
