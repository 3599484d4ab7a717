// Per-customer facts from orders (or from customer-level input). This is the hot path of
// classification (a million rows in well under a second), so it works over typed arrays:
// customer ids are mapped to integer indexes once, rows are grouped by customer with a
// counting sort, and every aggregate is accumulated into a Float64Array. Arquero stays at
// the edges (classify builds the result table from these arrays).
//
// Determinism: customers are ordered by id (compareIds), and every sum is taken over the
// customer's values in sorted order, so the output does not depend on input row order even
// in the last bit of a floating-point sum.
import { dayToIso, isoToDay } from './calendar';
import { FRESH, scratchF64, scratchI32, scratchU8, type ColumnBuffers } from './scratch';
import { integerOrder, radixOrder, sortRange } from './stats';
import type { CustomerData, OrderData } from './types';

/** Average month length in days (365.25 / 12), used for monthly rates. */
export const DAYS_PER_MONTH = 30.4375;
/** Rates are measured over at least this many days, so a first-week customer is not "daily". */
export const MIN_RATE_WINDOW_DAYS = DAYS_PER_MONTH;

export interface MetricsOptions {
  /** YYYY-MM-DD; default: the latest order date. */
  analysisDate?: string;
  returns: 'net' | 'exclude';
  /** Recent window for the churn rate rule (days). */
  windowDays: number;
  /** Also return the orders kept after the date filter and returns policy (CLV needs them). */
  keepOrders?: boolean;
  /** YYYY-MM-DD: also keep orders after the analysis date up to this day (CLV holdout). */
  keepOrdersUntil?: string;
  /** Where the metric arrays that are not result columns as they are come from (see emptyMetrics); default: new arrays. */
  buffers?: ColumnBuffers;
}

export interface CustomerMetrics {
  n: number;
  /** Customer ids in result order (compareIds). */
  ids: string[];
  /** 1 when the customer has at least one counted order. */
  hasOrders: Uint8Array;
  orders: Float64Array;
  revenue: Float64Array;
  profit: Float64Array | null;
  /** Days since epoch; NaN when unknown. Every metric below is NaN when unknown. */
  firstDay: Float64Array;
  lastDay: Float64Array;
  recencyDays: Float64Array;
  /** Distinct purchase days. */
  activeDays: Float64Array;
  avgOrderValue: Float64Array;
  ordersPerWeek: Float64Array;
  ordersPerMonth: Float64Array;
  monthlySpend: Float64Array;
  /** Gaps in days between consecutive distinct purchase days. */
  meanGap: Float64Array;
  medianGap: Float64Array;
  /** Churn inputs: purchase days inside the recent window, before it, and the span before it. */
  recentPurchaseDays: Float64Array;
  earlierPurchaseDays: Float64Array;
  earlierSpanDays: Float64Array;
}

export interface MetricsRun {
  metrics: CustomerMetrics;
  /** Days since epoch; NaN when no date is known at all (customer-level input with recency only). */
  analysisDay: number;
  analysisDate: string;
  analysisDateSource: 'config' | 'latest-order';
  ordersUsed: number;
  ordersAfterAnalysisDate: number;
  returnRows: number;
  /** Orders kept after the analysis-date filter and the returns policy (only with keepOrders). */
  keptOrders: OrderData | null;
}

// Integers written canonically (no leading zeros, no "-0"): these round-trip through Number.
export const CANONICAL_INT = /^(0|-?[1-9]\d{0,14})$/;

/**
 * CANONICAL_INT.test(s), by a scan of the characters: sortedIdOrder asks it of every id that
 * starts with a digit, and a regex match per id (hex ids: 10 in 16) costs more than the sort.
 */
export function isCanonicalInt(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0; // "-"
  if (n - i < 1 || n - i > 15) return false;
  const first = s.charCodeAt(i);
  if (first === 48) return n === 1; // "0" alone; no "-0", no leading zeros
  if (first < 49 || first > 57) return false;
  for (i++; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Text order by Unicode code point, as SQL databases order text under a binary collation
 * (PostgreSQL COLLATE "C", DuckDB, BigQuery, …). JavaScript's `<` compares UTF-16 code units,
 * which differs only between a surrogate (a character above U+FFFF) and U+E000–U+FFFF: there
 * the code units are remapped so that surrogates sort last, as their code points do.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const fx = x >= 0xd800 ? (x >= 0xe000 ? x - 0x800 : x + 0x2000) : x;
    const fy = y >= 0xd800 ? (y >= 0xe000 ? y - 0x800 : y + 0x2000) : y;
    return fx - fy;
  }
  return a.length - b.length;
}

/** Id order: integers numerically (so "2" < "10"), then everything else by code point. */
export function compareIds(a: string, b: string): number {
  const ai = CANONICAL_INT.test(a);
  const bi = CANONICAL_INT.test(b);
  if (ai && bi) return Number(a) - Number(b);
  if (ai !== bi) return ai ? -1 : 1;
  return compareCodePoints(a, b);
}

/**
 * Indexes of `ids` (distinct) in compareIds order, without a comparator per comparison:
 * integers by an exact integer argsort of their values; ASCII text by an argsort of a number
 * packing its first L characters in base (alphabet size + 1) — order-preserving, with L as
 * large as fits in 46 bits — and ties on that prefix settled by a string comparison; other
 * text by a comparator sort (code point order, see compareCodePoints).
 */
export function sortedIdOrder(ids: readonly string[]): Int32Array {
  const n = ids.length;
  // scratch: only read where the masks are set
  const intMask = scratchU8('ids.int', n, true);
  const textMask = scratchU8('ids.text', n, true);
  const intValue = scratchF64('ids.value', n);
  let lo = 127;
  let hi = 0;
  let maxLen = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const c0 = id.charCodeAt(0);
    // only ids starting with a digit or "-" can be integers: skip the regex for the rest
    if (((c0 >= 48 && c0 <= 57) || c0 === 45) && isCanonicalInt(id)) {
      intMask[i] = 1;
      intValue[i] = Number(id);
      continue;
    }
    textMask[i] = 1;
    if (id.length > maxLen) maxLen = id.length;
    for (let j = 0; j < id.length && j < 46; j++) {
      const ch = id.charCodeAt(j);
      if (ch < lo) lo = ch;
      if (ch > hi) hi = ch;
    }
  }
  const ints = integerOrder(intValue, intMask);
  const byString = (a: number, b: number) => compareCodePoints(ids[a], ids[b]);
  if (hi > 127) {
    const texts: number[] = [];
    for (let i = 0; i < n; i++) if (textMask[i]) texts.push(i);
    texts.sort(byString);
    const out = new Int32Array(n);
    out.set(ints);
    out.set(texts, ints.length);
    return out;
  }
  // Digit 0 = end of string; characters map to 1..base−1. [lo, hi] spans the first 46
  // characters of every id, which covers any prefix length (base ≥ 2 → len ≤ 46). No longer
  // than the longest id: short ids (C000123) then pack into fewer bits, hence fewer radix passes.
  const base = Math.max(hi - lo + 2, 2);
  const len = Math.max(1, Math.min(Math.floor(46 / Math.log2(base)), maxLen));
  const prefix = scratchF64('ids.prefix', n);
  for (let i = 0; i < n; i++) {
    if (!textMask[i]) continue;
    const id = ids[i];
    let key = 0;
    for (let j = 0; j < len; j++) key = key * base + (j < id.length ? id.charCodeAt(j) - lo + 1 : 0);
    prefix[i] = key;
  }
  // prefix < base^len ≤ 2^46: within radixOrder's range
  const texts = radixOrder(prefix, textMask, base ** len - 1);
  for (let s = 0; s < texts.length; ) {
    let e = s + 1;
    while (e < texts.length && prefix[texts[e]] === prefix[texts[s]]) e++;
    if (e - s > 1) texts.subarray(s, e).sort(byString);
    s = e;
  }
  const out = new Int32Array(n);
  out.set(ints);
  out.set(texts, ints.length);
  return out;
}

/** A column of NaN: "no value" for customers without orders (shared with facts.ts). */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

/** `buffers.f64(slot, n)` filled with NaN. */
function nanColumn(buffers: ColumnBuffers, slot: string, n: number): Float64Array {
  return buffers.f64(slot, n).fill(NaN);
}

/**
 * Per-customer metrics with nothing filled in yet; metrics.ts and facts.ts fill them. Orders,
 * revenue and profit are result columns as they are: always new arrays. The others come from
 * `buffers`: the result shows copies of them (classify's metricColumns) or nothing at all.
 */
export function emptyMetrics(ids: string[], withProfit: boolean, buffers: ColumnBuffers = FRESH): CustomerMetrics {
  const n = ids.length;
  return {
    n,
    ids,
    hasOrders: new Uint8Array(n),
    orders: new Float64Array(n),
    revenue: new Float64Array(n),
    profit: withProfit ? new Float64Array(n) : null,
    firstDay: nanColumn(buffers, 'm.firstDay', n),
    lastDay: nanColumn(buffers, 'm.lastDay', n),
    recencyDays: nanColumn(buffers, 'm.recencyDays', n),
    activeDays: nanColumn(buffers, 'm.activeDays', n),
    avgOrderValue: nanColumn(buffers, 'm.avgOrderValue', n),
    ordersPerWeek: nanColumn(buffers, 'm.ordersPerWeek', n),
    ordersPerMonth: nanColumn(buffers, 'm.ordersPerMonth', n),
    monthlySpend: nanColumn(buffers, 'm.monthlySpend', n),
    meanGap: nanColumn(buffers, 'm.meanGap', n),
    medianGap: nanColumn(buffers, 'm.medianGap', n),
    recentPurchaseDays: nanColumn(buffers, 'm.recentDays', n),
    earlierPurchaseDays: nanColumn(buffers, 'm.earlierDays', n),
    earlierSpanDays: nanColumn(buffers, 'm.earlierSpan', n),
  };
}

/** Sum of a small typed slice in ascending order (order-independent result). */
function sortedSum(a: Float64Array, s: number, e: number): number {
  if (e - s > 1) a.subarray(s, e).sort();
  let t = 0;
  for (let i = s; i < e; i++) t += a[i];
  return t;
}

const SCALES = [1, 10, 100, 1000, 10000];

/** Largest decimal scale the exact sums use (4 decimals); SQL sources read money as DECIMAL(18,4). */
export const MAX_DECIMALS = SCALES.length - 1;

/**
 * Smallest decimal scale 10^k (k ≤ 4) at which every value is a whole number, or 0 when none
 * fits or the scaled sum could leave the exact-integer range. Sums of the scaled integers are
 * exact, hence independent of row order, and free of float noise (0.1 + 0.2 = 0.3).
 */
export function decimalScale(a: ArrayLike<number>): number {
  let k = 0;
  let scale = 1;
  let sumAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    while (Math.round(v * scale) / scale !== v) {
      if (++k === SCALES.length) return 0;
      scale = SCALES[k];
    }
    sumAbs += v < 0 ? -v : v;
  }
  return sumAbs * scale < 2 ** 52 ? scale : 0;
}

/** Median of g[0..n) (reorders them). */
function medianInPlace(g: Float64Array | Int32Array, n: number): number {
  sortRange(g, 0, n);
  const h = n >> 1;
  return n % 2 ? g[h] : (g[h - 1] + g[h]) / 2;
}

/**
 * Purchase rates over the customer's tenure: from the first order to the analysis date,
 * inclusive, but never less than MIN_RATE_WINDOW_DAYS. orders_per_week = orders / window × 7,
 * orders_per_month = orders / window × DAYS_PER_MONTH, monthly_spend likewise with revenue.
 */
function fillRates(m: CustomerMetrics, i: number, analysisDay: number): void {
  const first = m.firstDay[i];
  if (Number.isNaN(first) || Number.isNaN(analysisDay)) return;
  const window = Math.max(analysisDay - first + 1, MIN_RATE_WINDOW_DAYS);
  m.ordersPerWeek[i] = (m.orders[i] / window) * 7;
  m.ordersPerMonth[i] = (m.orders[i] / window) * DAYS_PER_MONTH;
  m.monthlySpend[i] = (m.revenue[i] / window) * DAYS_PER_MONTH;
}

/** Customer ids of the customer list, first occurrence wins (duplicates are ingest's issue). */
function customerIndex(customers: CustomerData | null): Map<string, number> {
  const map = new Map<string, number>();
  if (customers) for (let i = 0; i < customers.n; i++) if (!map.has(customers.customer[i])) map.set(customers.customer[i], i);
  return map;
}

export function computeMetrics(orders: OrderData | null, customers: CustomerData | null, opts: MetricsOptions): MetricsRun {
  if (orders && orders.n > 0) return fromOrders(orders, customers, opts);
  return fromCustomerFacts(customers, opts);
}

function fromOrders(o: OrderData, customers: CustomerData | null, opts: MetricsOptions): MetricsRun {
  const nRows = o.n;
  // Analysis date: given, else the latest order date (any row, returns included).
  let analysisDay: number;
  let source: 'config' | 'latest-order';
  if (opts.analysisDate) {
    analysisDay = isoToDay(opts.analysisDate);
    source = 'config';
  } else {
    let max = -Infinity;
    const days = o.day;
    for (let r = 0; r < nRows; r++) if (days[r] > max) max = days[r];
    analysisDay = max;
    source = 'latest-order';
  }

  // The steps 1–5 below; each function's comment says what it does.
  const net = opts.returns === 'net';
  const provisional = provisionalIds(o, customers);
  const ix = finalIdOrder(provisional);
  const tally = tallyRows(o, ix, analysisDay, net);
  const m = emptyMetrics(ix.ids, !!o.profit, opts.buffers);
  const totals = customerTotals(o, ix, tally, analysisDay, net, m);
  const grouped = groupOrderRows(o, ix, tally, totals.counts, analysisDay);
  m.revenue = totals.revenue;
  if (m.profit) m.profit = totals.profit;
  aggregateCustomers(m, totals.counts, grouped, analysisDay, opts.windowDays);

  const keepUntil = opts.keepOrdersUntil ? Math.max(analysisDay, isoToDay(opts.keepOrdersUntil)) : analysisDay;
  const kept = opts.keepOrders ? keptOrders(o, keepUntil, net) : null;
  const { after, returnRows } = tally;
  return {
    metrics: m,
    analysisDay,
    analysisDate: dayToIso(analysisDay),
    analysisDateSource: source,
    ordersUsed: nRows - after - (opts.returns === 'net' ? 0 : returnRows),
    ordersAfterAnalysisDate: after,
    returnRows,
    keptOrders: kept,
  };
}

// fromOrders' steps. Each is a plain function over typed arrays; the row loops are the same
// loops as when they were one function (locals hoisted, no closure or allocation per row).

/** Customer ids by provisional index, and each row's provisional index. */
interface ProvisionalIds {
  ids: string[];
  rowIndex: Int32Array;
}

/** Provisional and final customer indexes of the rows. */
interface IdIndex {
  /** Number of customers. */
  nc: number;
  /** Customer ids in final (compareIds) order. */
  ids: string[];
  /** Row → provisional index. */
  rowIndex: Int32Array;
  /** Final → provisional index. */
  order: Int32Array;
  /** Provisional → final index (scratch). */
  perm: Int32Array;
}

/** What one pass over the rows counted, by provisional index. */
interface RowTally {
  /** Order rows per customer (scratch; reused as the grouping cursor). */
  count: Int32Array;
  /** Money in whole cents per customer (scratch); valid only when `exactCents`. */
  revenueCents: Float64Array;
  profitCents: Float64Array | null;
  /** Every amount (and profit) was a whole number of cents, and their sum is exact. */
  exactCents: boolean;
  /** Every counted row's day is a whole number. */
  intDays: boolean;
  /** Rows dated after the analysis date (left out). */
  after: number;
  /** Rows with a negative amount (netted or dropped by the returns policy). */
  returnRows: number;
}

/** Per final customer: where its rows are in the grouped arrays, and its money. */
interface CustomerTotals {
  counts: Int32Array;
  revenue: Float64Array;
  profit: Float64Array | null;
}

/** Order rows grouped by final customer: their days, and their order ids as integers. */
interface GroupedRows {
  /** Whole days (what ingest gives) are grouped as Int32: half the memory traffic. */
  day: Int32Array | Float64Array;
  /** The row of each grouped order (to read its order id), when the orders have ids. */
  orderRow: Int32Array | null;
  orderId: string[] | null;
}

/**
 * 1. ids → provisional index in first-seen order (orders first, then the customer list).
 * Ingest may have interned the ids already (customerCode/customerKeys): reuse them.
 */
function provisionalIds(o: OrderData, customers: CustomerData | null): ProvisionalIds {
  const nRows = o.n;
  let tmpIds: string[];
  let rowTmp: Int32Array;
  let tmpIndex: Map<string, number> | null = null;
  if (o.customerCode && o.customerKeys) {
    // copied only when the customer list adds ids below
    tmpIds = customers && customers.n > 0 ? o.customerKeys.slice() : o.customerKeys;
    rowTmp = o.customerCode;
  } else {
    tmpIndex = new Map<string, number>();
    tmpIds = [];
    rowTmp = new Int32Array(nRows);
    for (let r = 0; r < nRows; r++) {
      const id = o.customer[r];
      let k = tmpIndex.get(id);
      if (k === undefined) {
        k = tmpIds.length;
        tmpIndex.set(id, k);
        tmpIds.push(id);
      }
      rowTmp[r] = k;
    }
  }
  if (customers && customers.n > 0) {
    const known = tmpIndex ?? new Set(tmpIds);
    for (let i = 0; i < customers.n; i++) {
      const id = customers.customer[i];
      if (!known.has(id)) {
        if (known instanceof Set) known.add(id);
        else known.set(id, tmpIds.length);
        tmpIds.push(id);
      }
    }
  }
  return { ids: tmpIds, rowIndex: rowTmp };
}

/** 2. final order by id; perm maps provisional → final index. */
function finalIdOrder({ ids: tmpIds, rowIndex }: ProvisionalIds): IdIndex {
  const nc = tmpIds.length;
  const order = sortedIdOrder(tmpIds);
  const perm = scratchI32('m.perm', nc);
  const ids = new Array<string>(nc);
  for (let f = 0; f < nc; f++) {
    perm[order[f]] = f;
    ids[f] = tmpIds[order[f]];
  }
  return { nc, ids, rowIndex, order, perm };
}

/**
 * 3. one pass over the rows: left out after the analysis date; negative amounts are returns
 * (netted into the sums or dropped); order rows counted per customer. Money is summed as exact
 * integers of cents when every value is a whole number of cents (the usual case, checked on the
 * way); other data is summed again (customerTotals). Rows are tallied by provisional index (no
 * perm lookup per row) and the per-customer totals permuted afterwards.
 *
 * A row is an order row when dated up to the analysis date with amount ≥ 0; a return when the
 * amount is negative (kept under "net"); else it is left out. Recomputed where needed rather
 * than stored: two million-element arrays less to allocate.
 */
function tallyRows(o: OrderData, ix: IdIndex, analysisDay: number, net: boolean): RowTally {
  const { nc, rowIndex: rowTmp } = ix;
  const nRows = o.n;
  const day = o.day;
  const amount = o.amount;
  const profitIn = o.profit;
  const revTmp = scratchF64('m.rev', nc, true);
  const profTmp: Float64Array | null = profitIn ? scratchF64('m.profit', nc, true) : null;
  const countTmp = scratchI32('m.count', nc, true);
  let after = 0;
  let returnRows = 0;
  let cents = true;
  // a float64 slot, not a local: a local number summed in the loop is boxed on every row
  const abs = new Float64Array(1);
  let intDays = true;
  for (let r = 0; r < nRows; r++) {
    const c = rowTmp[r];
    const d = day[r];
    if (d > analysisDay) {
      after++;
      continue;
    }
    if ((d | 0) !== d) intDays = false;
    const a = amount[r];
    if (a < 0) {
      returnRows++;
      if (!net) continue;
    } else {
      countTmp[c]++;
    }
    const x = Math.round(a * 100);
    if (x / 100 !== a) cents = false;
    revTmp[c] += x;
    abs[0] += x < 0 ? -x : x;
    if (profTmp) {
      const pv = profitIn![r];
      const y = Math.round(pv * 100);
      if (y / 100 !== pv) cents = false;
      profTmp[c] += y;
      abs[0] += y < 0 ? -y : y;
    }
  }
  const exactCents = cents && abs[0] < 2 ** 52;
  return { count: countTmp, revenueCents: revTmp, profitCents: profTmp, exactCents, intDays, after, returnRows };
}

/**
 * Per final customer: row offsets (counts[f]..counts[f + 1] are customer f's rows in the
 * grouped arrays) and money totals — the tally's exact cents (into m's revenue and profit
 * arrays), else summed again by sumMoney.
 */
function customerTotals(o: OrderData, ix: IdIndex, t: RowTally, analysisDay: number, net: boolean, m: CustomerMetrics): CustomerTotals {
  const { nc, order, perm, rowIndex: rowTmp } = ix;
  const { count: countTmp, revenueCents: revTmp, profitCents: profTmp } = t;
  let revSum: Float64Array = m.revenue;
  let profSum: Float64Array | null = profTmp ? m.profit : null;
  const counts = scratchI32('m.counts', nc + 1);
  counts[0] = 0;
  for (let f = 0; f < nc; f++) {
    const k = order[f];
    counts[f + 1] = counts[f] + countTmp[k];
    revSum[f] = revTmp[k];
    if (profSum) profSum[f] = profTmp![k];
  }
  if (t.exactCents) {
    for (let c = 0; c < nc; c++) revSum[c] /= 100;
    if (profSum) for (let c = 0; c < nc; c++) profSum[c] /= 100;
  } else {
    const day = o.day;
    const amount = o.amount;
    const money = sumMoney(o, (r) => (day[r] > analysisDay || (!net && amount[r] < 0) ? -1 : perm[rowTmp[r]]), nc);
    revSum = money.revenue;
    profSum = money.profit;
  }
  return { counts, revenue: revSum, profit: profSum };
}

/** 4. group the order rows by customer (counting sort); each group's days are sorted later. */
function groupOrderRows(o: OrderData, ix: IdIndex, t: RowTally, counts: Int32Array, analysisDay: number): GroupedRows {
  const { nc, perm, rowIndex: rowTmp } = ix;
  const nRows = o.n;
  const day = o.day;
  const amount = o.amount;
  const nOrd = counts[nc];
  const dayG: Int32Array | Float64Array = t.intDays ? scratchI32('m.dayInt', nOrd) : scratchF64('m.day', nOrd);
  const oidIn = o.orderId;
  // the row of each grouped order, for its order id: ids are compared within a customer only
  const ordG = oidIn ? new Int32Array(nOrd) : null;
  // next free slot per provisional index (the tally's counts are spent)
  const pos = t.count;
  for (let k = 0; k < nc; k++) pos[k] = counts[perm[k]];
  for (let r = 0; r < nRows; r++) {
    if (day[r] > analysisDay || amount[r] < 0) continue;
    const p = pos[rowTmp[r]]++;
    dayG[p] = day[r];
    if (ordG) ordG[p] = r;
  }
  return { day: dayG, orderRow: ordG, orderId: oidIn ?? null };
}

/** 5. per-customer aggregates over the grouped days (arrays hoisted into locals: hot loop). */
function aggregateCustomers(m: CustomerMetrics, counts: Int32Array, g: GroupedRows, analysisDay: number, windowDays: number): void {
  const { hasOrders, orders, firstDay, lastDay, recencyDays, avgOrderValue, revenue: revSum, ordersPerWeek, ordersPerMonth, monthlySpend } = m;
  const { day: dayG, orderRow: ordG, orderId } = g;
  const windowStart = analysisDay - windowDays; // recent window = (windowStart, analysisDay]
  const seen = new Set<string>();
  // Gaps share dayG's element type, so the sorting helpers see one array type per run.
  const intDays = dayG instanceof Int32Array;
  const gapArray = (n: number) => (intDays ? new Int32Array(n) : new Float64Array(n));
  let gaps = gapArray(64);
  for (let c = 0; c < m.n; c++) {
    const s = counts[c];
    const e = counts[c + 1];
    if (e === s) continue;
    sortRange(dayG, s, e);
    hasOrders[c] = 1;
    const nOrders = ordG ? distinctOrders(ordG, s, e, orderId!, seen) : e - s;
    orders[c] = nOrders;
    const first = dayG[s];
    const last = dayG[e - 1];
    firstDay[c] = first;
    lastDay[c] = last;
    recencyDays[c] = analysisDay - last;
    const revenue = revSum[c];
    avgOrderValue[c] = revenue / nOrders;
    if (gaps.length < e - s) gaps = gapArray((e - s) * 2);
    fillPurchaseDays(m, c, dayG, s, e, gaps, windowStart);
    // Rates (see fillRates): over max(tenure, one month).
    const window = Math.max(analysisDay - first + 1, MIN_RATE_WINDOW_DAYS);
    ordersPerWeek[c] = (nOrders / window) * 7;
    ordersPerMonth[c] = (nOrders / window) * DAYS_PER_MONTH;
    monthlySpend[c] = (revenue / window) * DAYS_PER_MONTH;
  }
}

/** Up to this many rows a customer's order ids are compared pairwise (no hashing); above, a Set. */
const PAIRWISE_ORDERS = 16;

/**
 * Distinct order ids among one customer's grouped rows s..e. Only ids within a customer are
 * compared: a million ids in one Map (what this was) cost more than all the other metrics.
 */
function distinctOrders(ordG: Int32Array, s: number, e: number, orderId: readonly string[], seen: Set<string>): number {
  if (e - s > PAIRWISE_ORDERS) {
    seen.clear();
    for (let p = s; p < e; p++) seen.add(orderId[ordG[p]]);
    return seen.size;
  }
  let n = 0;
  for (let p = s; p < e; p++) {
    const id = orderId[ordG[p]];
    let q = s;
    while (q < p && orderId[ordG[q]] !== id) q++;
    if (q === p) n++;
  }
  return n;
}

/**
 * Customer c's distinct purchase days (days s..e of dayG, sorted), the gaps between them, and
 * the churn window counts. `gaps` has room for e − s values.
 */
function fillPurchaseDays(m: CustomerMetrics, c: number, dayG: Int32Array | Float64Array, s: number, e: number, gaps: Int32Array | Float64Array, windowStart: number): void {
  const first = dayG[s];
  let distinct = 1;
  let recent = first > windowStart ? 1 : 0;
  let prev = first;
  for (let p = s + 1; p < e; p++) {
    const d = dayG[p];
    if (d !== prev) {
      gaps[distinct - 1] = d - prev;
      distinct++;
      if (d > windowStart) recent++;
      prev = d;
    }
  }
  m.activeDays[c] = distinct;
  m.recentPurchaseDays[c] = recent;
  m.earlierPurchaseDays[c] = distinct - recent;
  m.earlierSpanDays[c] = Math.max(windowStart - first, 0);
  if (distinct > 1) {
    m.meanGap[c] = (dayG[e - 1] - first) / (distinct - 1);
    m.medianGap[c] = medianInPlace(gaps, distinct - 1);
  }
}

/** The orders up to `analysisDay` (or a later holdout end) kept under the returns policy (CLV needs them). */
function keptOrders(o: OrderData, analysisDay: number, net: boolean): OrderData {
  const { n: nRows, day, amount } = o;
  const rows: number[] = [];
  for (let r = 0; r < nRows; r++) if (day[r] <= analysisDay && (net || amount[r] >= 0)) rows.push(r);
  return rows.length === nRows ? o : subsetOrders(o, rows);
}

/**
 * Money per customer when not every value is whole cents: exact scaled integers at the smallest
 * decimal scale that fits (up to 4 decimals), else each customer's values summed in sorted order.
 * `customerOf(r)` is the row's customer, or −1 for rows that add no money.
 */
function sumMoney(o: OrderData, customerOf: (r: number) => number, nc: number): { revenue: Float64Array; profit: Float64Array | null } {
  const revenue = new Float64Array(nc);
  const profit = o.profit ? new Float64Array(nc) : null;
  const scale = decimalScale(o.amount);
  const pScale = o.profit ? decimalScale(o.profit) : 1;
  if (scale > 0 && pScale > 0) {
    for (let r = 0; r < o.n; r++) {
      const c = customerOf(r);
      if (c < 0) continue;
      revenue[c] += Math.round(o.amount[r] * scale);
      if (profit) profit[c] += Math.round(o.profit![r] * pScale);
    }
    for (let c = 0; c < nc; c++) {
      revenue[c] /= scale;
      if (profit) profit[c] /= pScale;
    }
    return { revenue, profit };
  }
  const counts = new Int32Array(nc + 1);
  for (let r = 0; r < o.n; r++) {
    const c = customerOf(r);
    if (c >= 0) counts[c + 1]++;
  }
  for (let c = 0; c < nc; c++) counts[c + 1] += counts[c];
  const n = counts[nc];
  const amt = new Float64Array(n);
  const pr = profit ? new Float64Array(n) : null;
  const pos = counts.slice(0, nc);
  for (let r = 0; r < o.n; r++) {
    const c = customerOf(r);
    if (c < 0) continue;
    const p = pos[c]++;
    amt[p] = o.amount[r];
    if (pr) pr[p] = o.profit![r];
  }
  for (let c = 0; c < nc; c++) {
    revenue[c] = sortedSum(amt, counts[c], counts[c + 1]);
    if (profit) profit[c] = sortedSum(pr!, counts[c], counts[c + 1]);
  }
  return { revenue, profit };
}

function subsetOrders(o: OrderData, rows: number[]): OrderData {
  const n = rows.length;
  const day = new Float64Array(n);
  const amount = new Float64Array(n);
  const profit = o.profit ? new Float64Array(n) : null;
  const sourceRow = new Int32Array(n);
  const customer = new Array<string>(n);
  const orderId = o.orderId ? new Array<string>(n) : null;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    day[i] = o.day[r];
    amount[i] = o.amount[r];
    if (profit) profit[i] = o.profit![r];
    sourceRow[i] = o.sourceRow[r];
    customer[i] = o.customer[r];
    if (orderId) orderId[i] = o.orderId![r];
  }
  return { n, customer, day, amount, profit, orderId, sourceRow };
}

/**
 * Customer-level input (facts already aggregated per customer, no order rows). Recency is the
 * recency column when given, else analysis date − last order. The analysis date defaults to
 * the latest last-order date. A customer with no (or zero) orders is a potential customer.
 */
function fromCustomerFacts(customers: CustomerData | null, opts: MetricsOptions): MetricsRun {
  const index = customerIndex(customers);
  const keys = [...index.keys()];
  const ids = Array.from(sortedIdOrder(keys), (i) => keys[i]);
  const facts = customers?.facts;
  const m = emptyMetrics(ids, !!facts?.profit, opts.buffers);
  let analysisDay = NaN;
  let source: 'config' | 'latest-order' = 'latest-order';
  if (opts.analysisDate) {
    analysisDay = isoToDay(opts.analysisDate);
    source = 'config';
  } else if (facts?.lastDay) {
    let max = -Infinity;
    for (const d of facts.lastDay) if (d > max) max = d;
    if (Number.isFinite(max)) analysisDay = max;
  }
  let used = 0;
  if (facts) {
    for (let c = 0; c < ids.length; c++) {
      const r = index.get(ids[c])!;
      const orders = facts.orders ? facts.orders[r] : NaN;
      const revenue = facts.revenue ? facts.revenue[r] : NaN;
      m.revenue[c] = Number.isFinite(revenue) ? revenue : 0;
      if (m.profit) m.profit[c] = Number.isFinite(facts.profit![r]) ? facts.profit![r] : 0;
      // Without an order count, a customer with revenue or a last order counts as one order.
      const lastDay = facts.lastDay ? facts.lastDay[r] : NaN;
      const rec = facts.recencyDays ? facts.recencyDays[r] : NaN;
      let n = Number.isFinite(orders) ? orders : Number.isFinite(revenue) || Number.isFinite(lastDay) || Number.isFinite(rec) ? 1 : 0;
      if (n < 0) n = 0;
      m.orders[c] = n;
      if (n === 0) continue;
      used += n;
      m.hasOrders[c] = 1;
      m.lastDay[c] = lastDay;
      m.firstDay[c] = facts.firstDay ? facts.firstDay[r] : NaN;
      m.recencyDays[c] = Number.isFinite(rec) ? rec : analysisDay - lastDay;
      m.avgOrderValue[c] = m.revenue[c] / n;
      fillRates(m, c, analysisDay);
    }
  }
  return {
    metrics: m,
    analysisDay,
    analysisDate: Number.isFinite(analysisDay) ? dayToIso(analysisDay) : '',
    analysisDateSource: source,
    ordersUsed: used,
    ordersAfterAnalysisDate: 0,
    returnRows: 0,
    keptOrders: null,
  };
}
