// Purchase counts over the horizon: each customer's P(no purchase), the expected number of
// customers with 0 … 7+ purchases, and E[X(t)] for a customer acquired today.
import type { OrderData } from '../../types';
import type { BgNbdParams } from './types';
import type { PurchaseModel } from './bgnbd';
import { pmfConditional, pNoPurchase, populationExpected } from './probability';
import type { RfmSummary } from './summary';

/** Counts 0 … OUTLOOK_COUNTS − 2 and "OUTLOOK_COUNTS − 1 or more". */
export const OUTLOOK_COUNTS = 8;

export interface Outlook {
  pNoPurchase: Float64Array;
  population: {
    /** E[X(horizon)] for a customer acquired at the analysis date (FHL eq. 9). */
    expectedPurchasesNewCustomer: number;
    /** Σ over customers of P(n purchases in the horizon | history), n = 0 … 6, then 7+. */
    purchaseDistribution: { purchases: string; customers: number }[];
  };
}

/** Per customer P(no purchase in t), and the population's expected count distribution over t. */
export function purchaseOutlook(s: RfmSummary, bg: BgNbdParams, t: number, model: PurchaseModel = 'bgnbd'): Outlook {
  const pNo = new Float64Array(s.n).fill(NaN);
  const dist = new Float64Array(OUTLOOK_COUNTS);
  // Customers with the same (x, t_x, T) share every probability.
  const memo = new Map<string, Float64Array>();
  for (let i = 0; i < s.n; i++) {
    const x = s.x[i];
    if (!Number.isFinite(x)) continue;
    pNo[i] = pNoPurchase(bg, t, x, s.tx[i], s.T[i], model);
    const key = `${x}|${s.tx[i]}|${s.T[i]}`;
    let pmf = memo.get(key);
    if (!pmf) {
      pmf = new Float64Array(OUTLOOK_COUNTS);
      let head = 0;
      for (let n = 0; n < OUTLOOK_COUNTS - 1; n++) head += pmf[n] = pmfConditional(bg, n, t, x, s.tx[i], s.T[i], model);
      pmf[OUTLOOK_COUNTS - 1] = Math.max(0, 1 - head);
      memo.set(key, pmf);
    }
    for (let n = 0; n < OUTLOOK_COUNTS; n++) dist[n] += pmf[n];
  }
  return {
    pNoPurchase: pNo,
    population: {
      expectedPurchasesNewCustomer: populationExpected(bg, t, model),
      purchaseDistribution: Array.from(dist, (customers, n) => ({ purchases: n === OUTLOOK_COUNTS - 1 ? `${n}+` : String(n), customers })),
    },
  };
}

/** Orders dated in (fromDay, toDay]. */
export function countOrdersIn(o: OrderData, fromDay: number, toDay: number): number {
  let c = 0;
  for (let k = 0; k < o.n; k++) if (o.day[k] > fromDay && o.day[k] <= toDay) c++;
  return c;
}
