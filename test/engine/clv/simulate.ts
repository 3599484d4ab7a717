// Seeded simulation of orders from the BG/NBD + Gamma-Gamma generative story, for parameter
// recovery tests and the benchmark: each customer has a purchase rate λ ~ Gamma(r, α) and a
// dropout probability p ~ Beta(a, b); after each repeat purchase they leave with probability p
// (not after the first, which is why BG/NBD's P(alive) is 1 for x = 0);
// between purchases Exp(λ) time passes. Spend per purchase ~ Gamma(p_s, ν), ν ~ Gamma(q, γ).
import type { OrderData } from '../../../src/engine/types';
import { rng } from '../../../src/cli/random';
export { rng };

export interface SimulationParams {
  customers: number;
  seed: number;
  /** BG/NBD parameters in weeks. */
  r: number;
  alpha: number;
  a: number;
  b: number;
  /** Gamma-Gamma parameters. */
  p: number;
  q: number;
  gamma: number;
  /** First purchases are spread uniformly over this many weeks before the analysis date. */
  cohortWeeks: number;
}

export const CDNOW_LIKE: Omit<SimulationParams, 'customers' | 'seed'> = {
  r: 0.243,
  alpha: 4.414,
  a: 0.793,
  b: 2.426,
  p: 6.25,
  q: 3.74,
  gamma: 15.44,
  cohortWeeks: 12,
};

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, rate) by Marsaglia–Tsang (shape < 1 boosted by U^(1/shape)). */
export function gammaSample(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaSample(u, shape + 1, rate) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

function betaSample(u: () => number, a: number, b: number): number {
  const x = gammaSample(u, a, 1);
  return x / (x + gammaSample(u, b, 1));
}

export const SIM_ANALYSIS_DAY = Date.UTC(2024, 11, 31) / 86_400_000;
/** Calibration length: 52 weeks after the start of the cohort. */
export const SIM_CALIBRATION_WEEKS = 52;

/**
 * Orders (whole days) up to SIM_ANALYSIS_DAY. Customer k has id `C<k>`; the first purchase falls
 * in the first cohortWeeks of a 52-week calibration period, as in CDNOW's 12-week cohort.
 */
export function simulateOrders(sp: SimulationParams): OrderData {
  const u = rng(sp.seed);
  const customer: string[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  const start = SIM_ANALYSIS_DAY - SIM_CALIBRATION_WEEKS * 7;
  for (let k = 0; k < sp.customers; k++) {
    const id = `C${k}`;
    const lambda = gammaSample(u, sp.r, sp.alpha);
    const pDrop = betaSample(u, sp.a, sp.b);
    const nu = gammaSample(u, sp.q, sp.gamma);
    let tWeek = u() * sp.cohortWeeks;
    for (let purchase = 0; ; purchase++) {
      const d = Math.floor(start + tWeek * 7);
      if (d > SIM_ANALYSIS_DAY) break;
      customer.push(id);
      day.push(d);
      amount.push(Math.round(gammaSample(u, sp.p, nu) * 100) / 100);
      if (purchase > 0 && u() < pDrop) break;
      tWeek += -Math.log(1 - u()) / lambda;
    }
  }
  const n = customer.length;
  return {
    n,
    customer,
    day: Float64Array.from(day),
    amount: Float64Array.from(amount),
    profit: null,
    orderId: null,
    sourceRow: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
}
