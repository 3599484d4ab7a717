// ABC classes (docs/engine.md). Customers with orders are ranked by value descending, ties by
// customer id ascending. One rule for both modes: a customer belongs to the first class whose
// cut lies above the share *before* it, so the customer that reaches or crosses a cut still
// belongs to the upper class.
//  customer-share  share = customers ranked above it / N (top 20% → A, next 50% → B, rest C).
//  value-share     share = cumulative positive value of the customers ranked above it / total
//                  (A up to 80% of the value, B up to 95%, rest C).
// Ties at a cut: customers with equal values always share the class of the first of them in
// rank order (so ties move up, never split). Customers without orders get no class (null).
import type { AbcConfig } from '../../config/schema';
import type { CustomerMetrics } from '../metrics';
import { centsRankOrder, nullColumn, rankOrder } from '../stats';
import { scratchI32 } from '../scratch';
import type { Warning } from './rfm';

export const DEFAULT_CUTS = { 'customer-share': [0.2, 0.7], 'value-share': [0.8, 0.95] } as const;

export function abcLabels(cfg: AbcConfig): string[] {
  const cuts = cfg.cuts ?? DEFAULT_CUTS[cfg.mode];
  return cfg.labels ?? Array.from({ length: cuts.length + 1 }, (_, i) => String.fromCharCode(65 + i));
}

/** The cut points ABC used, and the value range each class covers (min/max null when empty). */
export interface AbcCuts {
  basis: AbcConfig['basis'];
  mode: AbcConfig['mode'];
  cuts: number[];
  labels: string[];
  classes: { label: string; customers: number; min: number | null; max: number | null }[];
}

export interface AbcResult {
  abc: (string | null)[];
  labels: string[];
  cuts: AbcCuts;
  warnings: Warning[];
}

/** Tolerance of a share against a cut (a share of exactly 0.8 reaches the 0.8 cut). */
export const ABC_EPS = 1e-9;
const EPS = ABC_EPS;
/** Value-share sums are exact in units of 1/10,000 (4 decimals). */
export const VALUE_SCALE = 10000;

export function classifyAbc(m: CustomerMetrics, cfg: AbcConfig): AbcResult {
  const warnings: Warning[] = [];
  const cuts = [...(cfg.cuts ?? DEFAULT_CUTS[cfg.mode])];
  const labels = abcLabels(cfg);
  let basis = cfg.basis;
  if (basis === 'profit' && !m.profit) {
    warnings.push({ code: 'abc_no_profit' });
    basis = 'revenue';
  }
  const value = basis === 'profit' ? m.profit! : basis === 'orders' ? m.orders : m.revenue;
  // Rank: value descending, ties by index (= customer id order).
  const idx = centsRankOrder(value, m.hasOrders, true) ?? rankOrder(value, m.hasOrders, true);
  const N = idx.length;
  // the class per rank position: a temporary, from a reused buffer
  const cls = scratchI32('abc.class', N);
  if (cfg.mode === 'customer-share') {
    // share of customers ranked above position k (0-based) = k / N
    let c = 0;
    for (let k = 0; k < N; k++) {
      while (c < cuts.length && k / N >= cuts[c] - EPS) c++;
      cls[k] = c;
    }
  } else {
    // Sums in exact ten-thousandths (money has at most 4 decimals), so the cumulative share
    // does not depend on float summation order and a database computes the very same doubles
    // (engine/sql/tiers.ts: SUM of scaled integers, one division).
    const scaled = (v: number) => (v > 0 ? Math.round(v * VALUE_SCALE) : 0);
    let total = 0;
    for (let k = 0; k < N; k++) total += scaled(value[idx[k]]);
    let before = 0;
    let c = 0;
    for (let k = 0; k < N; k++) {
      const share = total > 0 ? before / total : 0;
      while (c < cuts.length && share >= cuts[c] - EPS) c++;
      cls[k] = c;
      before += scaled(value[idx[k]]);
    }
  }
  // Ties share the class of the first of them.
  for (let k = 1; k < N; k++) if (value[idx[k]] === value[idx[k - 1]]) cls[k] = cls[k - 1];

  const abc = nullColumn<string>(m.n);
  // Value range actually covered by each class (for the cut-point report). Typed arrays, not an
  // object per class: objects whose fields change type (NaN, then a value) change their hidden
  // class, and the loop's optimised code was thrown away on every run.
  const count = new Int32Array(labels.length);
  const min = new Float64Array(labels.length).fill(NaN);
  const max = new Float64Array(labels.length).fill(NaN);
  for (let k = 0; k < N; k++) {
    const i = idx[k];
    const c = cls[k];
    abc[i] = labels[c];
    count[c]++;
    if (!(value[i] >= min[c])) min[c] = value[i];
    if (!(value[i] <= max[c])) max[c] = value[i];
  }
  return {
    abc,
    labels,
    cuts: {
      basis,
      mode: cfg.mode,
      cuts,
      labels,
      classes: labels.map((label, j) => ({ label, customers: count[j], min: nanToNull(min[j]), max: nanToNull(max[j]) })),
    },
    warnings,
  };
}

function nanToNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
