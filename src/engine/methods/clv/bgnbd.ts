// BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
// log-likelihood over weighted groups of identical (x, t_x, T), maximum-likelihood fit and
// the per-customer predictions P(alive) and E[Y(t) | x, t_x, T].
import type { BgNbdParams } from './types';
import { minimise, walled, type Minimum } from './optimize';
import { hyp2f1MinusOne, hyp2f1MinusOneSeries, lgamma, usesReflection } from './special';

/**
 * Customers collapsed to distinct (x, t_x, T) with weights. The likelihood factorises except
 * for one log-sum-exp per repeat group, so the evaluation takes one log per distinct t_x and T,
 * lgamma per distinct x, and one exp + log1p per distinct (x, t_x, T) with x > 0.
 */
export interface BgNbdGroups {
  /** Distinct values of x, t_x and T (ascending). */
  xValues: Float64Array;
  txValues: Float64Array;
  TValues: Float64Array;
  /** Customers per distinct x. */
  xWeight: Float64Array;
  /** Per distinct T: customers, and Σ x over them (for the −(r+x) ln(α+T) term). */
  TWeight: Float64Array;
  TWeightX: Float64Array;
  /** Per distinct T: customers with x = 0 (they need no group of their own). */
  TWeightZero: Float64Array;
  /** Groups with x > 0: weight, x, and indices into the distinct-value arrays. */
  size: number;
  weight: Float64Array;
  x: Float64Array;
  xIndex: Int32Array;
  txIndex: Int32Array;
  TIndex: Int32Array;
  /** Number of distinct (x, t_x, T), all x. */
  groups: number;
  totalWeight: number;
}

function distinct(values: ArrayLike<number>, keep: (i: number) => boolean): { values: Float64Array; index: Map<number, number> } {
  const set = new Set<number>();
  for (let i = 0; i < values.length; i++) if (keep(i)) set.add(values[i]);
  const sorted = Float64Array.from(set).sort();
  return { values: sorted, index: new Map(Array.from(sorted, (v, i) => [v, i])) };
}

/** Groups the customers with finite x, t_x, T (the others have no orders). */
export function groupCustomers(x: Float64Array, tx: Float64Array, T: Float64Array): BgNbdGroups {
  const keep = (i: number) => Number.isFinite(x[i]) && Number.isFinite(tx[i]) && Number.isFinite(T[i]);
  const xs = distinct(x, keep);
  const txs = distinct(tx, keep);
  const Ts = distinct(T, keep);
  const xWeight = new Float64Array(xs.values.length);
  const TWeight = new Float64Array(Ts.values.length);
  const TWeightX = new Float64Array(Ts.values.length);
  const TWeightZero = new Float64Array(Ts.values.length);
  // Numeric key of (x, t_x, T) from the distinct-value indices: exact and faster than strings.
  const keyToGroup = new Map<number, number>();
  const gw: number[] = [];
  const gxi: number[] = [];
  const gtxi: number[] = [];
  const gTi: number[] = [];
  let groups = 0;
  let total = 0;
  const nTx = txs.values.length;
  const nT = Ts.values.length;
  for (let i = 0; i < x.length; i++) {
    if (!keep(i)) continue;
    const xi = xs.index.get(x[i])!;
    const Ti = Ts.index.get(T[i])!;
    total++;
    xWeight[xi]++;
    TWeight[Ti]++;
    TWeightX[Ti] += x[i];
    if (x[i] === 0) TWeightZero[Ti]++;
    const txi = txs.index.get(tx[i])!;
    const key = (xi * nTx + txi) * nT + Ti;
    const g = keyToGroup.get(key);
    if (g !== undefined) {
      if (g >= 0) gw[g]++;
      continue;
    }
    groups++;
    if (x[i] > 0) {
      keyToGroup.set(key, gw.length);
      gw.push(1);
      gxi.push(xi);
      gtxi.push(txi);
      gTi.push(Ti);
    } else {
      keyToGroup.set(key, -1);
    }
  }
  return {
    xValues: xs.values,
    txValues: txs.values,
    TValues: Ts.values,
    xWeight,
    TWeight,
    TWeightX,
    TWeightZero,
    size: gw.length,
    weight: Float64Array.from(gw),
    x: Float64Array.from(gxi, (k) => xs.values[k]),
    xIndex: Int32Array.from(gxi),
    txIndex: Int32Array.from(gtxi),
    TIndex: Int32Array.from(gTi),
    groups,
    totalWeight: total,
  };
}

/**
 * Total log-likelihood Σ ln L(r, α, a, b | x, t_x, T), with
 *   ln L = A1 + A2 + ln(e^A3 + [x>0] e^A4),
 *   A1 = lnΓ(r+x) − lnΓ(r) + r ln α,   A2 = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x),
 *   A3 = −(r+x) ln(α+T),                A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * ln(e^A3 + e^A4) = A3 + softplus(A4 − A3), summed as log-sum-exp so neither term overflows for
 * large x and T; the A1, A2 and A3 parts are summed per distinct x and T.
 */
export function bgNbdLogLikelihood(p: BgNbdParams, g: BgNbdGroups): number {
  const { r, alpha, a, b } = p;
  const nx = g.xValues.length;
  const logA = Math.log(a);
  const common = -lgamma(r) + r * Math.log(alpha) + lgamma(a + b) - lgamma(b);
  const dropConst = new Float64Array(nx);
  let ll = 0;
  for (let k = 0; k < nx; k++) {
    const x = g.xValues[k];
    ll += g.xWeight[k] * (common + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x));
    dropConst[k] = x > 0 ? logA - Math.log(b + x - 1) : 0;
  }
  const logAlphaT = new Float64Array(g.TValues.length);
  for (let k = 0; k < logAlphaT.length; k++) {
    logAlphaT[k] = Math.log(alpha + g.TValues[k]);
    ll -= logAlphaT[k] * (r * g.TWeight[k] + g.TWeightX[k]);
  }
  const logAlphaTx = new Float64Array(g.txValues.length);
  for (let k = 0; k < logAlphaTx.length; k++) logAlphaTx[k] = Math.log(alpha + g.txValues[k]);
  const { weight, x, xIndex, txIndex, TIndex } = g;
  let soft = 0;
  for (let i = 0; i < g.size; i++) {
    // A4 − A3 = ln a − ln(b+x−1) + (r+x)·ln((α+T)/(α+t_x)); softplus(d) = ln(1 + e^d)
    // = max(d, 0) + ln(1 + e^−|d|). Math.log(1 + ·) instead of log1p: absolute error ≤ 1e-16
    // per term, irrelevant in the sum, and faster.
    const d = dropConst[xIndex[i]] + (r + x[i]) * (logAlphaT[TIndex[i]] - logAlphaTx[txIndex[i]]);
    soft += weight[i] * (d > 0 ? d + Math.log(1 + Math.exp(-d)) : Math.log(1 + Math.exp(d)));
  }
  return ll + soft;
}

/**
 * A cheaper stand-in for screening optimiser starts: the x = 0 customers and every k-th repeat
 * group (deterministic stride) with its weight × k, the x and T sums rebuilt from those, so the
 * thinned likelihood is itself a BG/NBD likelihood.
 */
export function thinGroups(g: BgNbdGroups, maxGroups: number): BgNbdGroups {
  const k = Math.ceil(g.size / maxGroups);
  if (k <= 1) return g;
  const keep = Array.from({ length: Math.ceil(g.size / k) }, (_, j) => j * k);
  const weight = Float64Array.from(keep, (i) => g.weight[i] * k);
  const x = Float64Array.from(keep, (i) => g.x[i]);
  const xIndex = Int32Array.from(keep, (i) => g.xIndex[i]);
  const TIndex = Int32Array.from(keep, (i) => g.TIndex[i]);
  const TWeight = g.TWeightZero.slice();
  const TWeightX = new Float64Array(TWeight.length);
  const xWeight = new Float64Array(g.xValues.length);
  let totalWeight = 0;
  TWeight.forEach((w) => (totalWeight += w));
  if (g.xValues[0] === 0) xWeight[0] = totalWeight;
  for (let j = 0; j < keep.length; j++) {
    xWeight[xIndex[j]] += weight[j];
    TWeight[TIndex[j]] += weight[j];
    TWeightX[TIndex[j]] += weight[j] * x[j];
    totalWeight += weight[j];
  }
  return {
    ...g,
    xWeight,
    TWeight,
    TWeightX,
    size: keep.length,
    weight,
    x,
    xIndex,
    txIndex: Int32Array.from(keep, (i) => g.txIndex[i]),
    TIndex,
    totalWeight,
  };
}

/** Repeat groups used when screening starts. */
const SCREEN_GROUPS = 4000;

export const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });

/**
 * Fitted parameters outside these bounds mean the data pushed the model to a limit (e.g. a → ∞,
 * b → 0: everyone leaves right after a repeat purchase) where it says nothing useful and 2F1's
 * series would need ~a terms. α is in time units, so its range is wider.
 */
export const BGNBD_BOUNDS = { shape: [1e-5, 1e4], alpha: [1e-5, 1e7] } as const;

export function isDegenerate(p: BgNbdParams): boolean {
  const [lo, hi] = BGNBD_BOUNDS.shape;
  const inShape = [p.r, p.a, p.b].every((v) => v >= lo && v <= hi);
  return !inShape || !(p.alpha >= BGNBD_BOUNDS.alpha[0] && p.alpha <= BGNBD_BOUNDS.alpha[1]);
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  minimum: Minimum;
  /** Time scale of the fit (1 / largest T); minimum.x holds ln α·scale. */
  scale: number;
  model: PurchaseModel;
}

/** The groups with t_x and T multiplied by `s` (x and the weights unchanged). */
export function scaleGroups(g: BgNbdGroups, s: number): BgNbdGroups {
  return { ...g, txValues: g.txValues.map((v) => v * s), TValues: g.TValues.map((v) => v * s) };
}

/** lifetimes' `_scale_time`: 1 / the largest T, so the oldest customer's age is 1. */
export function timeScale(g: BgNbdGroups): number {
  const maxT = g.TValues.length ? g.TValues[g.TValues.length - 1] : 0;
  return maxT > 0 ? 1 / maxT : 1;
}

/**
 * The objective lifetimes' BetaGeoFitter minimises, on log-parameters v over groups whose times
 * are already multiplied by s = 1/max T (so α here is α·s, dimensionless):
 *   −(1/N) Σ ln L(r, α·s, a, b | x, s·t_x, s·T) + penalizer · (r² + (α·s)² + a² + b²).
 * The scaled log-likelihood differs from the unscaled one by the constant −Σx·ln s, so the
 * unpenalised optimum is the same in any unit and the penalty no longer depends on it.
 */
export function bgNbdObjective(scaled: BgNbdGroups, penalizer: number, model: PurchaseModel = 'bgnbd'): (v: number[]) => number {
  return (v: number[]) => {
    const p = toParams(v);
    const pen = penalizer > 0 ? penalizer * (p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2) : 0;
    return -modelLogLikelihood(p, scaled, model) / scaled.totalWeight + pen;
  };
}

/**
 * Maximum likelihood on log-parameters, as lifetimes' BetaGeoFitter.fit: times divided by the
 * largest T, objective `bgNbdObjective`, α divided back by the scale. Starts: all ones
 * (lifetimes' default) and two with α at the data's time scale. Starts are screened on a
 * thinned copy of the groups, the best is polished on all of them.
 */
export function fitBgNbd(groups: BgNbdGroups, penalizer: number, model: PurchaseModel = 'bgnbd'): BgNbdFit {
  const s = timeScale(groups);
  const g = scaleGroups(groups, s);
  let sumT = 0;
  let sumX = 0;
  for (let k = 0; k < g.TValues.length; k++) {
    sumT += g.TWeight[k] * g.TValues[k];
    sumX += g.TWeightX[k];
  }
  // Mean time per purchase, a rough α/r.
  const scale = Math.max(sumT / (sumX + g.totalWeight), 1e-6);
  const starts = [
    [0, 0, 0, 0],
    [Math.log(0.5), Math.log(0.5 * scale), Math.log(0.8), Math.log(2.5)],
    [0, Math.log(scale), Math.log(2), Math.log(2)],
  ];
  const objective = (gr: BgNbdGroups) => walled(bgNbdObjective(gr, penalizer, model));
  const opts = { xTol: 1e-5, fTol: 1e-10, maxIterations: 3000 };
  const minimum = minimise(objective(g), starts, opts, objective(thinGroups(g, SCREEN_GROUPS)));
  const fitted = toParams(minimum.x);
  const params = { ...fitted, alpha: fitted.alpha / s };
  return { params, logLikelihood: modelLogLikelihood(params, groups, model), minimum, scale: s, model };
}

/**
 * The purchase model: BG/NBD (Fader, Hardie & Lee 2005) or MBG/NBD (Batislam, Denizel & Filiztekin
 * 2007), where a customer may also drop out right after the first purchase. MBG/NBD's formulas
 * are BG/NBD's with b + 1 in the posterior parts: E[Y(t) | …]'s numerator is BG/NBD's at b + 1,
 * the drop-out odds are a/(b+x) · ((α+T)/(α+t_x))^(r+x) for every x (x = 0 included), and its
 * likelihood is BG/NBD's at b + 1 plus N·ln(b/(a+b)) plus the x = 0 customers' odds term.
 */
export type PurchaseModel = 'bgnbd' | 'mbgnbd';

/** ln of the odds of having dropped out; BG/NBD: ln(a/(b+x−1)) + (r+x) ln((α+T)/(α+t_x)), −∞ for x = 0. */
function logDropoutOdds(p: BgNbdParams, x: number, tx: number, T: number, model: PurchaseModel = 'bgnbd'): number {
  if (model === 'bgnbd' && x <= 0) return -Infinity;
  const bx = model === 'mbgnbd' ? p.b + x : p.b + x - 1;
  return Math.log(p.a / bx) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/** P(alive | x, t_x, T) = 1 / (1 + odds); BG/NBD: 1 for customers without repeat purchases. */
export function pAlive(p: BgNbdParams, x: number, tx: number, T: number, model: PurchaseModel = 'bgnbd'): number {
  return 1 / (1 + Math.exp(logDropoutOdds(p, x, tx, T, model)));
}

/** The model's log-likelihood over the groups (MBG/NBD from BG/NBD's, see PurchaseModel). */
export function modelLogLikelihood(p: BgNbdParams, g: BgNbdGroups, model: PurchaseModel): number {
  if (model === 'bgnbd') return bgNbdLogLikelihood(p, g);
  let ll = bgNbdLogLikelihood({ ...p, b: p.b + 1 }, g) + g.totalWeight * Math.log(p.b / (p.a + p.b));
  // x = 0 customers (t_x = 0): + softplus(ln(a/b) + r·ln((α+T)/α)) each.
  const base = Math.log(p.a / p.b);
  for (let k = 0; k < g.TValues.length; k++) {
    if (!g.TWeightZero[k]) continue;
    const d = base + p.r * (Math.log(p.alpha + g.TValues[k]) - Math.log(p.alpha));
    ll += g.TWeightZero[k] * (d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d)));
  }
  return ll;
}

/** |a − 1| below which (F′ − 1)/(a − 1) is not taken from the 1 − z transformation (cancellation). */
const A_NEAR_ONE = 1e-3;

/**
 * The part of E[Y(t) | x, t_x, T] that does not depend on t_x:
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)],  z = t/(α+T+t).
 * Euler's transformation turns the bracket into 1 − (1−z)^(a−1) F′ with
 * F′ = 2F1(a+b−1−r, a−1; a+b+x−1; z), whose parameters do not grow with x (no overflow), and
 *   [1 − (1−z)^(a−1) F′]/(a−1) = −expm1((a−1) ln(1−z))/(a−1) − (1−z)^(a−1) (F′−1)/(a−1),
 * where the power series of F′−1 carries the factor (a−1) in every term, so a near 1 is no 0/0.
 * Where 2F1 takes the 1 − z transformation (z > 0.9, moderate parameters) and a is within 1e-3
 * of 1, F′ − 1 would be lost to cancellation; the value is then interpolated (cubic, error
 * ~1e-9) from a = 1 ± 2e-3 and 1 ± 4e-3, where it is accurate: the function is smooth in a.
 */
export function expectedNumerator(p: BgNbdParams, t: number, x: number, T: number, model: PurchaseModel = 'bgnbd'): number {
  return model === 'mbgnbd' ? bgNumerator({ ...p, b: p.b + 1 }, t, x, T) : bgNumerator(p, t, x, T);
}

function bgNumerator(p: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const z = t / (p.alpha + T + t);
  if (Math.abs(p.a - 1) < A_NEAR_ONE && usesReflection(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1, z)) {
    const h = 2 * A_NEAR_ONE;
    const nodes = [1 - 2 * h, 1 - h, 1 + h, 1 + 2 * h];
    const values = nodes.map((a) => numeratorAt({ ...p, a }, t, x, T));
    let sum = 0;
    for (let i = 0; i < 4; i++) {
      let w = 1;
      for (let j = 0; j < 4; j++) if (j !== i) w *= (p.a - nodes[j]) / (nodes[i] - nodes[j]);
      sum += w * values[i];
    }
    return sum;
  }
  return numeratorAt(p, t, x, T);
}

function numeratorAt(p: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha } = p;
  // At exactly a = 1 the (a−1) factor cannot be divided out of a computed series: step off it.
  const a = p.a === 1 ? 1 + 1e-10 : p.a;
  // For x = 0 and a + b < 1, c = a + b − 1 is negative (fine) but must not be 0, 2F1's pole;
  // the product c·2F1 is finite there, so stepping off by 1e-9 changes the result by ~1e-9.
  const b = x === 0 && Math.abs(a + p.b - 1) < 1e-9 ? p.b + 2e-9 : p.b;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const am1 = a - 1;
  const log1mz = Math.log1p(-z);
  const first = -Math.expm1(am1 * log1mz) / am1;
  // (1−z)^(a−1) · (F′ − 1), the prefactor passed in as a log scale so huge F′ cannot overflow.
  const scaled =
    Math.abs(am1) < A_NEAR_ONE ? hyp2f1MinusOneSeries(a + b - 1 - r, am1, c, z, am1 * log1mz) : hyp2f1MinusOne(a + b - 1 - r, am1, c, z, am1 * log1mz);
  return c * (first - scaled / am1);
}

/** Denominator of E[Y(t) | …]: 1 + drop-out odds (BG/NBD: [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)). */
export function expectedDenominator(p: BgNbdParams, x: number, tx: number, T: number, model: PurchaseModel = 'bgnbd'): number {
  return 1 + Math.exp(logDropoutOdds(p, x, tx, T, model));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units. */
export function conditionalExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number, model: PurchaseModel = 'bgnbd'): number {
  return expectedNumerator(p, t, x, T, model) / expectedDenominator(p, x, tx, T, model);
}
