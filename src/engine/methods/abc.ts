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
  if (cfg.mode === 'customer-share') customerShareClasses(cls, N, cuts);
  else valueShareClasses(cls, idx, value, cuts);
  tiesShareClass(cls, idx, value);
  const abc = nullColumn<string>(m.n);
  // Value range actually covered by each class (for the cut-point report). Typed arrays, not an
  // object per class: objects whose fields change type (NaN, then a value) change their hidden
  // class, and the loop's optimised code was thrown away on every run.
  const count = new Int32Array(labels.length);
  const min = new Float64Array(labels.length).fill(NaN);
  const max = new Float64Array(labels.length).fill(NaN);
  labelRanks(abc, idx, cls, labels, value, count, min, max);
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

// The loops below are leaf functions that end in nothing needing type feedback. Written inside
// classifyAbc, a loop was compiled on the first call by on-stack replacement, before the code
// after it had ever run; every later call entered that same compiled loop and bailed out
// (deoptimised) at the code after it, leaving the rest of the call to the interpreter.

/** Class per rank position, by the share of customers ranked above position k (0-based): k / N. */
function customerShareClasses(cls: Int32Array, N: number, cuts: readonly number[]): void {
  let c = 0;
  for (let k = 0; k < N; k++) {
    while (c < cuts.length && k / N >= cuts[c] - EPS) c++;
    cls[k] = c;
  }
}

/**
 * Class per rank position, by the cumulative positive value ranked above it. Sums in exact
 * ten-thousandths (money has at most 4 decimals), so the cumulative share does not depend on
 * float summation order and a database computes the very same doubles (engine/sql/tiers.ts:
 * SUM of scaled integers, one division).
 */
function valueShareClasses(cls: Int32Array, idx: Int32Array, value: Float64Array, cuts: readonly number[]): void {
  const N = idx.length;
  let total = 0;
  for (let k = 0; k < N; k++) total += scaledValue(value[idx[k]]);
  let before = 0;
  let c = 0;
  for (let k = 0; k < N; k++) {
    const share = total > 0 ? before / total : 0;
    while (c < cuts.length && share >= cuts[c] - EPS) c++;
    cls[k] = c;
    before += scaledValue(value[idx[k]]);
  }
}

function scaledValue(v: number): number {
  return v > 0 ? Math.round(v * VALUE_SCALE) : 0;
}

/** Ties share the class of the first of them (so ties move up, never split). */
function tiesShareClass(cls: Int32Array, idx: Int32Array, value: Float64Array): void {
  const N = idx.length;
  for (let k = 1; k < N; k++) if (value[idx[k]] === value[idx[k - 1]]) cls[k] = cls[k - 1];
}

/** Each ranked customer's label, and the count and value range of every class. */
function labelRanks(abc: (string | null)[], idx: Int32Array, cls: Int32Array, labels: readonly string[], value: Float64Array, count: Int32Array, min: Float64Array, max: Float64Array): void {
  const N = idx.length;
  for (let k = 0; k < N; k++) {
    const i = idx[k];
    const c = cls[k];
    abc[i] = labels[c];
    count[c]++;
    if (!(value[i] >= min[c])) min[c] = value[i];
    if (!(value[i] <= max[c])) max[c] = value[i];
  }
}
