// Small statistics for the CLV report.
import type { ClvReport } from './types';
import type { Predictions } from './value';

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, v) => a + v, 0) / values.length : NaN;
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const v = Float64Array.from(values).sort(); // native numeric sort
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/** Pearson correlation; NaN when either side is constant. */
export function pearson(x: number[], y: number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Population figures over the customers with orders (P(alive) defined) and with a CLV. */
export function populationSummary(pred: Predictions, churn: (string | null)[]): Omit<ClvReport['population'], 'expectedPurchasesNewCustomer' | 'purchaseDistribution'> {
  const clv: number[] = [];
  let used = 0;
  let sumPAlive = 0;
  let sumExpected = 0;
  let warnings = 0;
  for (let i = 0; i < pred.pAlive.length; i++) {
    if (Number.isFinite(pred.pAlive[i])) {
      used++;
      sumPAlive += pred.pAlive[i];
      sumExpected += pred.expectedPurchases[i];
      if (churn[i] === 'warning') warnings++;
    }
    if (Number.isFinite(pred.clv[i])) clv.push(pred.clv[i]);
  }
  const totalClv = clv.reduce((a, v) => a + v, 0);
  return {
    meanPAlive: used ? sumPAlive / used : NaN,
    churnWarnings: warnings,
    expectedPurchases: sumExpected,
    totalClv,
    meanClv: clv.length ? totalClv / clv.length : NaN,
    medianClv: median(clv),
  };
}
