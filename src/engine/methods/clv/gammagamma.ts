// Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"),
// in lifetimes' parametrisation (p, q, v = γ): fitted on customers with repeat purchases and
// positive mean spend; conditional expected average spend per customer.
import type { GammaGammaParams } from './types';
import { minimise, walled, type Minimum } from './optimize';
import { lgamma, lgammaRatio } from './special';

/** Repeat customers collapsed to distinct (x, m̄) with weights; x-only terms indexed by distinct x. */
export interface SpendGroups {
  size: number;
  weight: Float64Array;
  x: Float64Array;
  m: Float64Array;
  xIndex: Int32Array;
  xValues: Float64Array;
  /** Σ weights per distinct x. */
  xWeight: Float64Array;
  /** 1/(x m̄) per group. */
  invXM: Float64Array;
  /** Σ w·ln m̄ and Σ w·ln(x m̄): the parameter-free parts of the likelihood. */
  sumLogM: number;
  sumLogXM: number;
  totalWeight: number;
}

/** The parameter-dependent arrays given, the sums over them. */
function withSums(g: Omit<SpendGroups, 'xWeight' | 'invXM' | 'sumLogM' | 'sumLogXM' | 'totalWeight'>): SpendGroups {
  const xWeight = new Float64Array(g.xValues.length);
  const invXM = new Float64Array(g.size);
  let sumLogM = 0;
  let sumLogXM = 0;
  let totalWeight = 0;
  for (let i = 0; i < g.size; i++) {
    const w = g.weight[i];
    xWeight[g.xIndex[i]] += w;
    invXM[i] = 1 / (g.x[i] * g.m[i]);
    sumLogM += w * Math.log(g.m[i]);
    sumLogXM += w * Math.log(g.x[i] * g.m[i]);
    totalWeight += w;
  }
  return { ...g, xWeight, invXM, sumLogM, sumLogXM, totalWeight };
}

/** Groups customers with x > 0 and m̄ > 0 (callers exclude the others). */
export function groupSpend(x: ArrayLike<number>, m: ArrayLike<number>): SpendGroups {
  // Sort by (x, m̄) and merge runs: cheaper than hashing tens of thousands of float pairs.
  const order = Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[i] - x[j] || m[i] - m[j]);
  const gx: number[] = [];
  const gm: number[] = [];
  const gw: number[] = [];
  for (const i of order) {
    const last = gx.length - 1;
    if (last >= 0 && gx[last] === x[i] && gm[last] === m[i]) gw[last]++;
    else {
      gx.push(x[i]);
      gm.push(m[i]);
      gw.push(1);
    }
  }
  const xValues = Float64Array.from(new Set(gx)); // gx is sorted
  const xPos = new Map(Array.from(xValues, (v, i) => [v, i]));
  return withSums({
    size: gx.length,
    weight: Float64Array.from(gw),
    x: Float64Array.from(gx),
    m: Float64Array.from(gm),
    xIndex: Int32Array.from(gx, (v) => xPos.get(v)!),
    xValues,
  });
}

/**
 * Σ w·ln L(p, q, v | x, m̄) with
 *   ln L = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ + v)
 *        = [lnΓ(px+q) − lnΓ(px)] − lnΓ(q) + q ln v − ln m̄ − q ln(x m̄) − (px+q) ln(1 + v/(x m̄)):
 * the second form has no cancellation between px·ln(x m̄) and px·ln(x m̄ + v) when px is large,
 * and costs one log1p per group per evaluation.
 */
export function gammaGammaLogLikelihood(par: GammaGammaParams, g: SpendGroups): number {
  const { p, q, gamma: v } = par;
  let ll = g.totalWeight * (q * Math.log(v) - lgamma(q)) - g.sumLogM - q * g.sumLogXM;
  for (let k = 0; k < g.xValues.length; k++) ll += g.xWeight[k] * lgammaRatio(p * g.xValues[k], q);
  const { weight, x, invXM } = g;
  for (let i = 0; i < g.size; i++) ll -= weight[i] * (p * x[i] + q) * Math.log1p(v * invXM[i]);
  return ll;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  minimum: Minimum;
}

/** A cheaper stand-in for screening starts: every k-th group (weight × k) with its own sums. */
function thinSpend(g: SpendGroups, maxGroups: number): SpendGroups {
  const k = Math.ceil(g.size / maxGroups);
  if (k <= 1) return g;
  const keep = Array.from({ length: Math.ceil(g.size / k) }, (_, j) => j * k);
  return withSums({
    size: keep.length,
    weight: Float64Array.from(keep, (i) => g.weight[i] * k),
    x: Float64Array.from(keep, (i) => g.x[i]),
    m: Float64Array.from(keep, (i) => g.m[i]),
    xIndex: Int32Array.from(keep, (i) => g.xIndex[i]),
    xValues: g.xValues,
  });
}

/**
 * Optimised over (ln p, ln q, ln pγ): pγ sets the spend scale, so the ridge below runs along one
 * axis, which Nelder–Mead follows in a few expansions instead of crawling along a diagonal.
 */
export const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2] - v[0]) });

/**
 * With few repeat purchases per customer the likelihood often rises forever along p → ∞,
 * γ → 0 (pγ fixed): no spread of spend within a customer (about 1 sample in 20 of a few hundred
 * spenders, in simulations). p and q stop at 1e6, where the predictions have reached their
 * limit (w → 1: each customer's own mean); callers note the degenerate fit.
 */
export const LOG_SHAPE_BOUND = Math.log(1e6);

/**
 * The objective lifetimes' GammaGammaFitter minimises (no time involved, so no rescaling):
 *   −(1/N) Σ ln L(p, q, γ | x, m̄) + penalizer · (p² + q² + γ²), γ in currency units,
 * here over v = (ln p, ln q, ln pγ).
 */
export function gammaGammaObjective(g: SpendGroups, penalizer: number): (v: number[]) => number {
  return (v: number[]) => {
    const par = toParams(v);
    const pen = penalizer > 0 ? penalizer * (par.p ** 2 + par.q ** 2 + par.gamma ** 2) : 0;
    return -gammaGammaLogLikelihood(par, g) / g.totalWeight + pen;
  };
}

/** Maximum likelihood on log-parameters (`gammaGammaObjective`); starts screened on a thinned copy. */
export function fitGammaGamma(g: SpendGroups, penalizer = 0): GammaGammaFit {
  let sumM = 0;
  for (let i = 0; i < g.size; i++) sumM += g.weight[i] * g.m[i];
  const meanM = sumM / g.totalWeight;
  // (ln p, ln q, ln pγ): lifetimes' default start (all ones), then two whose population mean
  // pγ/(q − 1) is the data's mean spend.
  const starts = [
    [0, 0, 0],
    [Math.log(2), Math.log(3), Math.log(2 * meanM)],
    [Math.log(5), Math.log(5), Math.log(4 * meanM)],
  ];
  const objective = (groups: SpendGroups) =>
    walled(gammaGammaObjective(groups, penalizer), [LOG_SHAPE_BOUND, LOG_SHAPE_BOUND]);
  const opts = { xTol: 1e-5, fTol: 1e-10, maxIterations: 3000 };
  const minimum = minimise(objective(g), starts, opts, objective(thinSpend(g, 4000)));
  const params = toParams(minimum.x);
  return { params, logLikelihood: gammaGammaLogLikelihood(params, g), minimum };
}

/**
 * E[M | x, m̄] = (1 − w)·pγ/(q−1) + w·m̄ with w = px/(px + q − 1): the population mean pγ/(q−1)
 * shrunk toward the customer's own mean by the weight of their x purchases (finite for q > 1).
 */
export function conditionalExpectedSpend(par: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma: v } = par;
  const w = (p * x) / (p * x + q - 1);
  return (1 - w) * ((p * v) / (q - 1)) + w * m;
}
