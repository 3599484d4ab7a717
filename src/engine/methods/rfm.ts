// RFM scores and segments. Scoring conventions (docs/engine.md):
//  quantile            R package rfm 0.3.0: cut points = type-7 quantiles at 1/n..(n-1)/n plus 1,
//                      intervals [lower, upper) → bin = number of cut points ≤ value. Ties share a bin.
//  quantile-inclusive  pandas-style: cut points = type-7 quantiles, bin = number of cut points < value
//                      (a value equal to its cut point stays in the lower bin).
//  rank                exact n-tiles by rank: ascending value, ties by customer id; bin = ⌊pos·n/N⌋.
//  fixed               user thresholds, value ≤ threshold k → bin k (inclusive upper bounds).
// Bin 0 holds the lowest values. Frequency and monetary score = bin + 1; recency is reversed
// (the most recent customers score n). best "low" mirrors every score (n + 1 − score).
import type { RfmConfig, SegmentDef } from '../../config/schema';
import type { CustomerMetrics } from '../metrics';
import { countSet, nullColumn, quantilesOf, rankOrder, tidy } from '../stats';
import { OTHERS } from '../columns';
import type { Params } from '../../i18n';

export type Warning = { code: string; params?: Params };

/**
 * The rfm package's segment table for 5 bins (its documented example), best = high, reordered
 * so every segment can be reached under first-match-wins: in the package's order New Customers
 * and Promising lie inside Potential Loyalist and Can't Lose Them inside At Risk.
 */
export const DEFAULT_SEGMENTS_5: SegmentDef[] = [
  { name: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { name: 'Loyal Customers', r: [2, 5], f: [3, 5], m: [3, 5] },
  { name: 'New Customers', r: [4, 5], f: [1, 1], m: [1, 1] },
  { name: 'Promising', r: [3, 4], f: [1, 1], m: [1, 1] },
  { name: 'Potential Loyalist', r: [3, 5], f: [1, 3], m: [1, 3] },
  { name: 'Need Attention', r: [2, 3], f: [2, 3], m: [2, 3] },
  { name: 'About To Sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
  { name: "Can't Lose Them", r: [1, 1], f: [4, 5], m: [4, 5] },
  { name: 'At Risk', r: [1, 2], f: [2, 5], m: [2, 5] },
  { name: 'Lost', r: [1, 2], f: [1, 2], m: [1, 2] },
];
export { OTHERS };

type Range = [number, number];

/** Maps a 1..5 score to 1..bins (rounding half up), for scaling the default table. */
function scaleScore(s: number, bins: number): number {
  return Math.floor(1 + ((s - 1) * (bins - 1)) / 4 + 0.5);
}

function mirror([lo, hi]: Range, bins: number): Range {
  return [bins + 1 - hi, bins + 1 - lo];
}

/** Whether segment k can be matched by nobody because earlier segments take all its cells. */
function coverage(segments: SegmentDef[], bins: number): { outOfRange: boolean[]; shadowedBy: (string[] | null)[] } {
  const taken = new Array<string | null>(bins * bins * bins).fill(null);
  const outOfRange: boolean[] = [];
  const shadowedBy: (string[] | null)[] = [];
  for (const seg of segments) {
    const clip = (r: Range): Range => [Math.max(r[0], 1), Math.min(r[1], bins)];
    const [r, f, m] = [clip(seg.r), clip(seg.f), clip(seg.m)];
    const empty = r[0] > r[1] || f[0] > f[1] || m[0] > m[1];
    outOfRange.push(empty);
    if (empty) {
      shadowedBy.push(null);
      continue;
    }
    let free = 0;
    const by = new Set<string>();
    for (let a = r[0]; a <= r[1]; a++)
      for (let b = f[0]; b <= f[1]; b++)
        for (let c = m[0]; c <= m[1]; c++) {
          const k = ((a - 1) * bins + (b - 1)) * bins + (c - 1);
          const owner = taken[k];
          if (owner === null) {
            free++;
            taken[k] = seg.name;
          } else by.add(owner);
        }
    shadowedBy.push(free === 0 ? [...by] : null);
  }
  return { outOfRange, shadowedBy };
}

/** The segment table in effect: the configured one, or the default scaled to bins/best. */
export function effectiveSegments(cfg: RfmConfig): SegmentDef[] {
  if (cfg.segments) return cfg.segments;
  const bins = cfg.bins;
  let table = DEFAULT_SEGMENTS_5.map((s) => {
    const sc = (r: Range): Range => [scaleScore(r[0], bins), scaleScore(r[1], bins)];
    let seg = { name: s.name, r: sc(s.r), f: sc(s.f), m: sc(s.m) };
    if (cfg.best === 'low') seg = { name: s.name, r: mirror(seg.r, bins), f: mirror(seg.f, bins), m: mirror(seg.m, bins) };
    return seg;
  });
  // Scaling to 3 or 4 bins makes some default segments unreachable: drop them quietly.
  const { shadowedBy } = coverage(table, bins);
  table = table.filter((_, i) => shadowedBy[i] === null);
  return table;
}

/** Warnings about a segment table: segments nobody can fall into. */
export function segmentWarnings(segments: SegmentDef[], bins: number): Warning[] {
  const { outOfRange, shadowedBy } = coverage(segments, bins);
  const out: Warning[] = [];
  segments.forEach((s, i) => {
    if (outOfRange[i]) out.push({ code: 'rfm_segment_out_of_range', params: { segment: s.name, bins } });
    else if (shadowedBy[i]) out.push({ code: 'rfm_segment_shadowed', params: { segment: s.name, by: shadowedBy[i]! } });
  });
  return out;
}

/** Scores of every customer: an Int32Array when all are scored, else an array with null for the unscored. */
export type ScoreColumn = Int32Array | (number | null)[];

export interface RfmResult {
  r: ScoreColumn;
  f: ScoreColumn;
  m: ScoreColumn;
  score: ScoreColumn;
  segment: (string | null)[];
  segments: SegmentDef[];
  cuts: RfmCuts;
  warnings: Warning[];
}

/** The scoring convention and cut points RFM used (cut lists: bins − 1 values each). */
export interface RfmCuts {
  scoring: RfmConfig['scoring'];
  bins: number;
  best: RfmConfig['best'];
  monetaryBasis: string;
  intervals: '[lower, upper)' | 'rank' | '(lower, upper]';
  recency: number[];
  frequency: number[];
  monetary: number[];
  segments: SegmentDef[];
}

/**
 * Cut points of a quantile or fixed scoring, from the type-7 quantiles of the measure (given as
 * a function, so the warehouse SQL path can read them from a value histogram or from the values
 * at the positions type-7 reads); `inclusive`: a value equal to a cut stays in the lower bin.
 */
export function rfmCutPoints(cfg: RfmConfig, fixed: number[] | undefined, quantiles: (ps: number[]) => number[]): { cuts: number[]; inclusive: boolean } {
  if (cfg.scoring === 'fixed') return { cuts: fixed ?? [], inclusive: true };
  const ps: number[] = [];
  for (let k = 1; k < cfg.bins; k++) ps.push(k / cfg.bins);
  return { cuts: quantiles(ps).map((q) => q + (cfg.scoring === 'quantile' ? 1 : 0)), inclusive: cfg.scoring === 'quantile-inclusive' };
}

/** Bin (0-based) of every scored customer, and the cut points used. */
function binMeasure(values: ArrayLike<number>, mask: Uint8Array, cfg: RfmConfig, fixed: number[] | undefined): { bin: Int8Array; cuts: number[] } {
  const n = values.length;
  const bins = cfg.bins;
  const bin = new Int8Array(n).fill(-1);
  if (cfg.scoring === 'rank') {
    // Index order is customer-id order, so ties fall back to the id.
    const idx = rankOrder(values, mask, false);
    const cuts: number[] = [];
    const N = idx.length;
    for (let p = 0; p < N; p++) bin[idx[p]] = Math.floor((p * bins) / N);
    // Reported cut points: the largest value of each bin but the last.
    for (let b = 0; b < bins - 1; b++) {
      const lastPos = Math.ceil(((b + 1) * N) / bins) - 1;
      cuts.push(lastPos >= 0 && lastPos < N ? values[idx[lastPos]] : NaN);
    }
    return { bin, cuts };
  }
  const { cuts, inclusive } = rfmCutPoints(cfg, fixed, (ps) => quantilesOf(values, mask, ps));
  for (let i = 0; i < n; i++) {
    if (!mask[i] || !Number.isFinite(values[i])) continue;
    const v = values[i];
    let b = 0;
    if (inclusive) while (b < cuts.length && cuts[b] < v) b++;
    else while (b < cuts.length && cuts[b] <= v) b++;
    bin[i] = b;
  }
  return { bin, cuts };
}

export function scoreRfm(m: CustomerMetrics, cfg: RfmConfig): RfmResult {
  const warnings: Warning[] = [];
  const bins = cfg.bins;
  let monetaryBasis = cfg.monetary;
  if (monetaryBasis === 'profit' && !m.profit) {
    warnings.push({ code: 'rfm_no_profit' });
    monetaryBasis = 'revenue';
  }
  const money = monetaryBasis === 'profit' ? m.profit! : m.revenue;
  const mask = m.hasOrders;
  const R = binMeasure(m.recencyDays, mask, cfg, cfg.thresholds?.recency);
  const F = binMeasure(m.orders, mask, cfg, cfg.thresholds?.frequency);
  const M = binMeasure(money, mask, cfg, cfg.thresholds?.monetary);

  const segments = effectiveSegments(cfg);
  warnings.push(...segmentWarnings(segments, bins));
  // Lookup table: score cell → segment name (first match wins).
  const cell = new Array<string>(bins * bins * bins).fill(OTHERS);
  for (let a = bins; a >= 1; a--)
    for (let b = bins; b >= 1; b--)
      for (let c = bins; c >= 1; c--) {
        const seg = segments.find((s) => a >= s.r[0] && a <= s.r[1] && b >= s.f[0] && b <= s.f[1] && c >= s.m[0] && c <= s.m[1]);
        if (seg) cell[((a - 1) * bins + (b - 1)) * bins + (c - 1)] = seg.name;
      }

  const n = m.n;
  // Scores start at 1, so 0 marks a customer without a score until the columns are finished.
  // Typed columns: four million-slot JS arrays per run were a third of what the engine allocated
  // in V8's young generation, and each run paid a scavenge for them.
  const cols: ScoreColumns = { r: new Int32Array(n), f: new Int32Array(n), m: new Int32Array(n), score: new Int32Array(n), segment: nullColumn<string>(n) };
  const unscored = scoreCustomers(mask, [R.bin, F.bin, M.bin], bins, cfg.best === 'low', cell, cols);
  const missing = n - countSet(mask);
  if (unscored > 0) warnings.push({ code: 'rfm_unscored', params: { count: unscored } });
  const finished = (a: Int32Array): ScoreColumn => (missing + unscored === 0 ? a : Array.from(a, (x) => (x === 0 ? null : x)));
  return {
    r: finished(cols.r),
    f: finished(cols.f),
    m: finished(cols.m),
    score: finished(cols.score),
    segment: cols.segment,
    segments,
    cuts: {
      scoring: cfg.scoring,
      bins,
      best: cfg.best,
      monetaryBasis,
      intervals: cfg.scoring === 'quantile' ? '[lower, upper)' : cfg.scoring === 'rank' ? 'rank' : '(lower, upper]',
      recency: R.cuts.map(tidy),
      frequency: F.cuts.map(tidy),
      monetary: M.cuts.map(tidy),
      segments,
    },
    warnings,
  };
}

interface ScoreColumns {
  r: Int32Array;
  f: Int32Array;
  m: Int32Array;
  score: Int32Array;
  segment: (string | null)[];
}

/**
 * Scores and segment of every customer with orders and a bin on all three measures; returns how
 * many with orders had none. A leaf loop (see methods/abc.ts for why).
 */
function scoreCustomers(mask: Uint8Array, [rBin, fBin, mBin]: Int8Array[], bins: number, low: boolean, cell: readonly string[], out: ScoreColumns): number {
  const { r, f, m, score, segment } = out;
  let unscored = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    if (rBin[i] < 0 || fBin[i] < 0 || mBin[i] < 0) {
      unscored++;
      continue;
    }
    let rs = bins - rBin[i];
    let fs = fBin[i] + 1;
    let ms = mBin[i] + 1;
    if (low) {
      rs = bins + 1 - rs;
      fs = bins + 1 - fs;
      ms = bins + 1 - ms;
    }
    r[i] = rs;
    f[i] = fs;
    m[i] = ms;
    score[i] = 100 * rs + 10 * fs + ms;
    segment[i] = cell[((rs - 1) * bins + (fs - 1)) * bins + (ms - 1)];
  }
  return unscored;
}
