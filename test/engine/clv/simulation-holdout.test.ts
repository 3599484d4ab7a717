// On simulated BG/NBD data with known parameters: the holdout report recovers them (fit within
// sampling error, predicted holdout purchases ≈ actual, no poor-fit warning) and the 90 %
// delta-method intervals cover the true values at about their nominal rate.
import { ClvSchema } from '../../../src/config/schema';
import { computeClv } from '../../../src/engine/methods/clv';
import { conditionalExpectedPurchases } from '../../../src/engine/methods/clv/bgnbd';
import { dayToIso } from '../../../src/engine/calendar';
import { summarise } from '../../../src/engine/methods/clv/summary';
import { normalQuantile } from '../../../src/engine/methods/clv/uncertainty';
import { monthSteps } from '../../../src/engine/methods/clv/horizon';
import { predict } from '../../../src/engine/methods/clv/value';
import { simulateWithHoldout } from './simulateHoldout';

const TRUTH = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG_TRUTH = { p: 6, q: 4, gamma: 60 };
const KEYS = ['r', 'alpha', 'a', 'b'] as const;

function fit(sim: ReturnType<typeof simulateWithHoldout>, extra: Record<string, unknown>) {
  const cfg = ClvSchema.parse({ enabled: true, timeUnit: 'week', holdout: { end: dayToIso(sim.holdoutEnd) }, interval: { level: 0.9 }, ...extra });
  const res = computeClv(sim.orders, sim.ids, sim.calibrationEnd, cfg);
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return res;
}

describe('holdout report on 5,000 simulated customers (seed 7)', () => {
  const sim = simulateWithHoldout(TRUTH, 5000, 7);
  const res = fit(sim, { horizonMonths: 1 });
  const rep = res.report;

  it('recovers r, α, a, b within 3 standard errors', () => {
    for (const k of KEYS) {
      const se = rep.interval!.bgnbdSe[k];
      expect([k, Math.abs(rep.bgnbd[k] - TRUTH[k]) < 3 * se]).toEqual([k, true]);
    }
  });

  it('predicts the holdout total within 7 % and each populated bin within 25 %, with no poor-fit warning', () => {
    const h = rep.holdout!;
    expect(Math.abs(h.ratio - 1)).toBeLessThan(0.07);
    for (const b of h.bins.filter((b) => b.customers >= 50)) expect([b.bin, Math.abs(b.predicted / b.actual - 1) < 0.25]).toEqual([b.bin, true]);
    expect(h.poor).toBe(false);
  });

  it('flags a poor fit when the model is wrong: the same data fitted with a heavy penalizer', () => {
    const bad = fit(sim, { horizonMonths: 1, penalizer: 5 });
    expect(bad.report.holdout!.poor).toBe(true);
    expect(bad.report.holdout!.verdict.code).toBe('clv.holdout.verdict_poor');
    expect(bad.report.notes.some((n) => n.code === 'clv.holdout.verdict_poor')).toBe(true);
  });
});

describe('90 % intervals cover the truth at about 90 % (30 samples of 1,000 customers)', () => {
  const REPS = 30;
  const z = normalQuantile(0.95);
  let paramHits = 0;
  let paramTrials = 0;
  let customerHits = 0;
  let customerTrials = 0;
  let clvHits = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const sim = simulateWithHoldout(TRUTH, 1000, 1000 + rep);
    const res = fit(sim, { horizonMonths: 1 });
    const iv = res.report.interval!;
    for (const k of KEYS) {
      // Wald interval on the log scale, as the optimiser's coordinates: est · exp(±z · se/est).
      const est = res.report.bgnbd[k];
      const seLog = iv.bgnbdSe[k] / est;
      paramHits += Math.abs(Math.log(TRUTH[k] / est)) <= z * seLog ? 1 : 0;
      paramTrials++;
    }
    // Every 10th customer: does [low, high] hold E[Y(1 month) | history] under the true parameters?
    const s = summarise(sim.orders, sim.ids, sim.calibrationEnd, 'week');
    const low = res.columns.clv_expected_purchases_low as Float64Array;
    const high = res.columns.clv_expected_purchases_high as Float64Array;
    // CLV under the true parameters of both models (spend: Gamma(6, ν), ν ~ Gamma(4, 60)).
    const ok = Uint8Array.from({ length: s.n }, (_, i) => (Number.isFinite(s.x[i]) ? 1 : 0));
    const trueClv = predict(s, TRUTH, GG_TRUTH, ok, { ...monthSteps(1, 365.25 / 12 / 7), discountRate: 0.01, margin: 1 }).clv;
    const clvLow = res.columns.clv_low as Float64Array;
    const clvHigh = res.columns.clv_high as Float64Array;
    for (let i = 0; i < s.n; i += 10) {
      if (!Number.isFinite(s.x[i])) continue;
      const truth = conditionalExpectedPurchases(TRUTH, res.report.horizon.units, s.x[i], s.tx[i], s.T[i]);
      customerHits += truth >= low[i] && truth <= high[i] ? 1 : 0;
      clvHits += trueClv[i] >= clvLow[i] && trueClv[i] <= clvHigh[i] ? 1 : 0;
      customerTrials++;
    }
  }

  // Tolerance: 120 intervals would give a binomial sd of 0.027 at 0.9, but the four parameters
  // of one sample are correlated (a and b strongly), so the effective count is nearer 60
  // (sd ≈ 0.04); [0.80, 0.99] is about ±2.3 sd.
  it('parameters: 120 intervals, coverage in [0.80, 0.99]', () => {
    const rate = paramHits / paramTrials;
    expect(rate).toBeGreaterThanOrEqual(0.8);
    expect(rate).toBeLessThanOrEqual(0.99);
  });

  it('customers’ CLV: coverage in [0.80, 0.97]', () => {
    const rate = clvHits / customerTrials;
    expect(rate).toBeGreaterThanOrEqual(0.8);
    expect(rate).toBeLessThanOrEqual(0.97);
  });

  it('customers’ expected purchases: coverage in [0.80, 0.97] (customers of one sample share its error)', () => {
    const rate = customerHits / customerTrials;
    expect(rate).toBeGreaterThanOrEqual(0.8);
    expect(rate).toBeLessThanOrEqual(0.97);
  });

  afterAll(() => {
    // The measured rates, for the report.
    console.log(`coverage: parameters ${paramHits}/${paramTrials}, expected purchases ${customerHits}/${customerTrials}, CLV ${clvHits}/${customerTrials}`);
  });
});
