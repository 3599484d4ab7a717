// Per-customer predictions over the horizon: expected purchases, CLV and CLV tiers.
import type { BgNbdParams, GammaGammaParams } from './types';
import { expectedDenominator, expectedNumerator, type PurchaseModel } from './bgnbd';
import { conditionalExpectedSpend } from './gammagamma';
import type { RfmSummary } from './summary';
import { clvTierKeys } from '../../columns';

export interface ValueOptions {
  /**
   * End of each step of the CLV sum in model time units (months, the last one possibly partial),
   * ascending; the last is the horizon.
   */
  stepEnds: Float64Array;
  /** Discount exponent of each step: its end in months (k for whole months). */
  stepMonths: Float64Array;
  /** Monthly discount rate. */
  discountRate: number;
  margin: number;
  /** Known spend per purchase per customer (NaN: use the Gamma-Gamma expectation); optional. */
  knownSpend?: Float64Array;
  /** Purchase model (default BG/NBD). */
  model?: PurchaseModel;
}

export interface Predictions {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
}

/**
 * CLV as lifetimes' `customer_lifetime_value`: for steps k = 1..H ending at e_k (k·f, f the units
 * in a month; a horizon that is not whole months ends with a partial step),
 *   CLV = Σ_k [E(e_k) − E(e_{k−1})] · spend · margin / (1 + d)^(e_k / f),
 * with E(t) the conditional expected purchases in t units, spend the Gamma-Gamma expected
 * average spend and d the monthly discount rate. The part of E that depends on (x, T) only
 * is computed once per distinct (x, T) and month.
 * `spendOk[i]` false (repeat customer with non-positive mean spend) leaves the spend and CLV of
 * i NaN; single-purchase customers (x = 0, m̄ = 0) get the population mean spend.
 */
export function predict(s: RfmSummary, bg: BgNbdParams, gg: GammaGammaParams, spendOk: Uint8Array, o: ValueOptions): Predictions {
  const n = s.n;
  const H = o.stepEnds.length;
  const discount = Float64Array.from({ length: H + 1 }, (_, k) => (k === 0 ? 1 : 1 / (1 + o.discountRate) ** o.stepMonths[k - 1]));
  // Keyed by (x, T) as the number x·(distinct T) + T's index: exact and cheaper than strings.
  const TIndex = new Map<number, number>();
  for (let i = 0; i < n; i++) if (Number.isFinite(s.T[i]) && !TIndex.has(s.T[i])) TIndex.set(s.T[i], TIndex.size);
  const numerators = new Map<number, Float64Array>();
  const out: Predictions = {
    pAlive: new Float64Array(n).fill(NaN),
    expectedPurchases: new Float64Array(n).fill(NaN),
    expectedSpend: new Float64Array(n).fill(NaN),
    clv: new Float64Array(n).fill(NaN),
  };
  for (let i = 0; i < n; i++) {
    const x = s.x[i];
    if (!Number.isFinite(x)) continue;
    const key = x * TIndex.size + TIndex.get(s.T[i])!;
    let num = numerators.get(key);
    if (!num) {
      num = new Float64Array(H + 1);
      for (let k = 1; k <= H; k++) num[k] = expectedNumerator(bg, o.stepEnds[k - 1], x, s.T[i], o.model);
      numerators.set(key, num);
    }
    const den = expectedDenominator(bg, x, s.tx[i], s.T[i], o.model);
    out.pAlive[i] = 1 / den;
    out.expectedPurchases[i] = num[H] / den;
    if (!spendOk[i]) continue;
    const known = o.knownSpend ? o.knownSpend[i] : NaN;
    const spend = Number.isFinite(known) ? known : conditionalExpectedSpend(gg, x, s.meanSpend[i]);
    out.expectedSpend[i] = spend;
    let value = 0;
    for (let k = 1; k <= H; k++) value += ((num[k] - num[k - 1]) / den) * discount[k];
    out.clv[i] = value * spend * o.margin;
  }
  return out;
}


export interface Tiering {
  tier: (string | null)[];
  cuts: { tier: string; share: number; minClv: number | null; customers: number }[];
}

/**
 * Tiers by CLV rank: customers sorted by CLV (highest first); rank i (0-based) of n falls in the
 * first tier k with i < round(cuts[k]·n). Equal CLVs share the tier of the best-ranked one, so
 * the result does not depend on row order: a customer is in tier ≤ k exactly when their CLV is
 * at least the value at rank round(cuts[k]·n) − 1. Customers without CLV get null.
 */
export function tierByClv(clv: Float64Array, cuts: number[]): Tiering {
  const names = clvTierKeys(cuts.length + 1);
  const finite = clv.filter(Number.isFinite).sort().reverse(); // native numeric sort, descending
  const m = finite.length;
  // Lowest CLV admitted to tiers 0..k (+∞: nobody, when the boundary is at rank 0).
  const admit = cuts.map((c) => {
    const b = Math.round(c * m);
    return b > 0 ? finite[b - 1] : Infinity;
  });
  const tier: (string | null)[] = new Array(clv.length).fill(null);
  const count = new Array<number>(names.length).fill(0);
  const minClv: (number | null)[] = new Array(names.length).fill(null);
  for (let i = 0; i < clv.length; i++) {
    const v = clv[i];
    if (!Number.isFinite(v)) continue;
    let k = 0;
    while (k < admit.length && v < admit[k]) k++;
    tier[i] = names[k];
    count[k]++;
    if (minClv[k] === null || v < minClv[k]!) minClv[k] = v;
  }
  return {
    tier,
    cuts: names.map((t, j) => ({ tier: t, share: m ? count[j] / m : 0, minClv: minClv[j], customers: count[j] })),
  };
}
