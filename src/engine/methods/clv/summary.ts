// Repeat-purchase summary per customer, the input of BG/NBD and Gamma-Gamma.
// Definitions follow lifetimes' summary_data_from_transaction_data (and the CDNOW summary
// files): purchases are counted on distinct days; same-day spend is summed.
import type { OrderData } from '../../types';
import { sortRange } from '../../stats';
import { decimalScale } from '../../metrics';

export type TimeUnit = 'day' | 'week' | 'month';

/** Length of a time unit in days (month = 365.25 / 12 days). */
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

/** Days in one month, the step of the CLV sum. */
export const MONTH_DAYS = 365.25 / 12;

export interface RfmSummary {
  /** Row count = customerIds.length. Customers without orders have NaN everywhere. */
  n: number;
  /** Repeat purchases: distinct purchase days − 1. */
  x: Float64Array;
  /** Time of the last purchase since the first, in units. */
  tx: Float64Array;
  /** Time from the first purchase to the analysis date, in units. */
  T: Float64Array;
  /** Mean spend per repeat purchase day (first day excluded); 0 when x = 0. */
  meanSpend: Float64Array;
  /** Orders whose customer is not in customerIds, or dated after the analysis day. */
  ordersIgnored: number;
}

/**
 * Builds the summary in O(orders + customers · d log d) with d the orders of one customer:
 * orders are bucketed by customer (counting sort), then each bucket's days are sorted.
 * Every order row counts, whatever its amount (a zero-value row on a new day is a purchase day).
 */
export function summarise(orders: OrderData, customerIds: string[], analysisDay: number, unit: TimeUnit): RfmSummary {
  const n = customerIds.length;
  const index = new Map<string, number>();
  customerIds.forEach((id, i) => {
    if (!index.has(id)) index.set(id, i);
  });

  const rowOf = new Int32Array(orders.n);
  const count = new Int32Array(n + 1);
  let ordersIgnored = 0;
  for (let k = 0; k < orders.n; k++) {
    const i = index.get(orders.customer[k]);
    const ok = i !== undefined && orders.day[k] <= analysisDay && Number.isFinite(orders.day[k]) && Number.isFinite(orders.amount[k]);
    rowOf[k] = ok ? i : -1;
    if (ok) count[i + 1]++;
    else ordersIgnored++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + count[i + 1];
  const fill = start.slice(0, n);
  const orderIdx = new Int32Array(start[n]);
  for (let k = 0; k < orders.n; k++) if (rowOf[k] >= 0) orderIdx[fill[rowOf[k]]++] = k;

  const x = new Float64Array(n).fill(NaN);
  const tx = new Float64Array(n).fill(NaN);
  const T = new Float64Array(n).fill(NaN);
  const meanSpend = new Float64Array(n).fill(NaN);
  const unitDays = UNIT_DAYS[unit];
  // Spend is summed as exact scaled integers when every amount has at most 4 decimals (as the
  // per-customer revenue is): the same value whatever the row order, and equal to the exact
  // decimal sum a database computes from customer facts (engine/facts.ts).
  const scale = decimalScale(orders.amount);
  // Days of all orders laid out by customer; each customer's slice is sorted in place (numeric
  // typed-array sort). Spend needs no co-sorting: repeat spend = total − spend on the first day.
  const days = new Float64Array(orderIdx.length);
  for (let j = 0; j < orderIdx.length; j++) days[j] = orders.day[orderIdx[j]];
  for (let i = 0; i < n; i++) {
    const lo = start[i];
    const hi = start[i + 1];
    if (hi === lo) continue;
    sortRange(days, lo, hi);
    const first = days[lo];
    let distinct = 1;
    for (let j = lo + 1; j < hi; j++) if (days[j] !== days[j - 1]) distinct++;
    let repeat = 0;
    for (let j = lo; j < hi; j++) {
      const k = orderIdx[j];
      if (orders.day[k] !== first) repeat += scale > 0 ? Math.round(orders.amount[k] * scale) : orders.amount[k];
    }
    if (scale > 0) repeat /= scale;
    x[i] = distinct - 1;
    tx[i] = (days[hi - 1] - first) / unitDays;
    T[i] = (analysisDay - first) / unitDays;
    meanSpend[i] = distinct > 1 ? repeat / (distinct - 1) : 0;
  }
  return { n, x, tx, T, meanSpend, ordersIgnored };
}
