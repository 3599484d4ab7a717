// A seeded BG/NBD generator over a calibration and a holdout period, for the holdout and
// interval tests: λ ~ Gamma(r, α) per customer, p ~ Beta(a, b); the first purchase falls
// uniformly in the first cohortWeeks; Exp(λ) weeks between purchases; after each repeat purchase
// the customer leaves with probability p. Spend per purchase: Gamma(6, ν), ν ~ Gamma(4, 60)
// (mean ≈ 20; the spend model is not under test here).
import type { OrderData } from '../../../src/engine/types';
import type { BgNbdParams } from '../../../src/engine/methods/clv';
import { gammaSample, rng } from './simulate';

export interface HoldoutSimulation {
  orders: OrderData;
  ids: string[];
  /** Last day of the calibration period (the analysis date) and of the holdout. */
  calibrationEnd: number;
  holdoutEnd: number;
}

export const SIM_START = Date.UTC(2023, 0, 1) / 86_400_000;

export function simulateWithHoldout(truth: BgNbdParams, customers: number, seed: number, cohortWeeks = 12, calibrationWeeks = 52, holdoutWeeks = 39): HoldoutSimulation {
  const u = rng(seed);
  const calibrationEnd = SIM_START + calibrationWeeks * 7 - 1;
  const holdoutEnd = calibrationEnd + holdoutWeeks * 7;
  const customer: string[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  const ids: string[] = [];
  for (let k = 0; k < customers; k++) {
    const id = `S${k}`;
    ids.push(id);
    const lambda = gammaSample(u, truth.r, truth.alpha);
    const x = gammaSample(u, truth.a, 1);
    const pDrop = x / (x + gammaSample(u, truth.b, 1));
    const nu = gammaSample(u, 4, 60);
    let week = u() * cohortWeeks;
    for (let purchase = 0; ; purchase++) {
      const d = SIM_START + Math.floor(week * 7);
      if (d > holdoutEnd) break;
      customer.push(id);
      day.push(d);
      amount.push(Math.round(gammaSample(u, 6, nu) * 100) / 100);
      if (purchase > 0 && u() < pDrop) break;
      week += -Math.log(1 - u()) / lambda;
    }
  }
  const n = customer.length;
  const orders: OrderData = {
    n,
    customer,
    day: Float64Array.from(day),
    amount: Float64Array.from(amount),
    profit: null,
    orderId: null,
    sourceRow: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
  return { orders, ids, calibrationEnd, holdoutEnd };
}
