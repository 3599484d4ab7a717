// lifetimes-compatible options on the CDNOW sample: the penalizer on rescaled time (figures of
// issue 14 from lifetimes 0.11, and independence of the time unit), the Gamma-Gamma penalizer,
// horizons with a unit, the month length, and the purchase-count probabilities.
import { ClvSchema } from '../../../src/config/schema';
import { computeClv, type ClvReport } from '../../../src/engine/methods/clv';
import { conditionalExpectedPurchases, pAlive } from '../../../src/engine/methods/clv/bgnbd';
import { groupSpend, fitGammaGamma } from '../../../src/engine/methods/clv/gammagamma';
import { summarise } from '../../../src/engine/methods/clv/summary';
import { resolveHorizon } from '../../../src/engine/methods/clv/horizon';
import { pmfConditional, pmfNew, pNoPurchase, populationExpected } from '../../../src/engine/methods/clv/probability';
import { CDNOW_CALIBRATION_END, loadCdnowSample, loadPublishedSummary, ordersUpTo } from './cdnow';

const published = loadPublishedSummary();
const ids = published.map((r) => r.id);
const orders = ordersUpTo(loadCdnowSample(), CDNOW_CALIBRATION_END);

function run(extra: Record<string, unknown>) {
  const res = computeClv(orders, ids, CDNOW_CALIBRATION_END, ClvSchema.parse({ enabled: true, ...extra }));
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return res;
}

/** lnΓ by Lanczos (g = 7), written here independently of the engine's lgamma. */
function lnGamma(z: number): number {
  const c = [0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6158217630235, 12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
  z -= 1;
  let x = c[0];
  for (let i = 1; i < 9; i++) x += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}

/**
 * lifetimes' BetaGeoFitter objective as its source writes it (fit: recency and T times
 * s = 1/max T; _negative_log_likelihood: −Σ ll / N + penalizer·Σ params²), on the published
 * CDNOW summary in weeks, at parameters (r, α, a, b) with α in weeks.
 */
function lifetimesObjective(p: { r: number; alpha: number; a: number; b: number }, penalizer: number): number {
  const s = 1 / Math.max(...published.map((c) => c.T));
  const alpha = p.alpha * s;
  const { r, a, b } = p;
  let ll = 0;
  for (const c of published) {
    const f = c.x;
    const A1 = lnGamma(r + f) - lnGamma(r) + r * Math.log(alpha);
    const A2 = lnGamma(a + b) + lnGamma(b + f) - lnGamma(b) - lnGamma(a + b + f);
    const A3 = -(r + f) * Math.log(alpha + c.T * s);
    const A4 = Math.log(a) - Math.log(b + Math.max(f, 1) - 1) - (r + f) * Math.log(c.tx * s + alpha);
    const m = Math.max(A3, A4);
    ll += A1 + A2 + Math.log(Math.exp(A3 - m) + (f > 0 ? Math.exp(A4 - m) : 0)) + m;
  }
  return -ll / published.length + penalizer * (r * r + alpha * alpha + a * a + b * b);
}

describe('BG/NBD penalizer on rescaled time (lifetimes)', () => {
  const fits: Record<string, ClvReport> = {};
  for (const unit of ['week', 'day'] as const) for (const pen of [0.001, 0.1]) fits[`${unit}${pen}`] = run({ timeUnit: unit, penalizer: pen }).report;

  it('reproduces lifetimes on CDNOW with penalizer 0.001 in weeks: r = 0.2428, α = 4.405 (issue 14, to the digits given)', () => {
    const bg = fits['week0.001'].bgnbd;
    expect(Math.abs(bg.r - 0.2428)).toBeLessThan(5e-5);
    expect(Math.abs(bg.alpha - 4.405)).toBeLessThan(5e-4);
  });

  it.each([0.001, 0.1])('gives the same fit in days and weeks for penalizer %p (α × 7, CLV equal)', (pen) => {
    const w = fits[`week${pen}`];
    const d = fits[`day${pen}`];
    for (const k of ['r', 'a', 'b'] as const) expect(Math.abs(d.bgnbd[k] / w.bgnbd[k] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(d.bgnbd.alpha / 7 / w.bgnbd.alpha - 1)).toBeLessThan(1e-6);
    expect(Math.abs(d.population.totalClv / w.population.totalClv - 1)).toBeLessThan(1e-6);
  });

  it.each([0, 0.001, 0.1])('minimises lifetimes’ objective (written out above) for penalizer %p', (pen) => {
    const bg = fits[`week${pen}`]?.bgnbd ?? run({ timeUnit: 'week', penalizer: pen }).report.bgnbd;
    const p = { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b };
    const f0 = lifetimesObjective(p, pen);
    // The published summary is rounded to 0.01 week, so the minimum moves by ~1e-4 relative:
    // every 1 % step in any parameter must raise the objective.
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      for (const step of [1.01, 0.99]) expect([k, step, lifetimesObjective({ ...p, [k]: p[k] * step }, pen) > f0]).toEqual([k, step, true]);
    }
  });

  it('shrinks the parameters more as the penalizer grows', () => {
    expect(fits['week0.1'].bgnbd.a).toBeLessThan(fits['week0.001'].bgnbd.a);
    expect(fits['week0.1'].bgnbd.b).toBeLessThan(fits['week0.001'].bgnbd.b);
  });
});

describe('Gamma-Gamma penalizer', () => {
  const spenders = published.filter((c) => c.x > 0 && c.zbar > 0);
  const g = groupSpend(spenders.map((c) => c.x), spenders.map((c) => c.zbar));
  /** lifetimes' GammaGammaFitter objective: −mean ll + penalizer (p² + q² + v²). */
  const objective = (p: number, q: number, v: number, pen: number) => {
    let ll = 0;
    for (const c of spenders) {
      const x = c.x;
      const m = c.zbar;
      ll += lnGamma(p * x + q) - lnGamma(p * x) - lnGamma(q) + q * Math.log(v) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(x * m + v);
    }
    return -ll / spenders.length + pen * (p * p + q * q + v * v);
  };

  it.each([0, 0.001, 0.01])('minimises lifetimes’ Gamma-Gamma objective for penalizer %p', (pen) => {
    const fit = fitGammaGamma(g, pen).params;
    const f0 = objective(fit.p, fit.q, fit.gamma, pen);
    for (const [dp, dq, dv] of [[1.01, 1, 1], [0.99, 1, 1], [1, 1.01, 1], [1, 0.99, 1], [1, 1, 1.01], [1, 1, 0.99]]) {
      expect(objective(fit.p * dp, fit.q * dq, fit.gamma * dv, pen)).toBeGreaterThan(f0);
    }
  });

  it('is taken from methods.clv.spendPenalizer', () => {
    const plain = run({ timeUnit: 'week' }).report.gammaGamma;
    const pen = run({ timeUnit: 'week', spendPenalizer: 1e-4 }).report.gammaGamma;
    expect(pen.gamma).toBeLessThan(plain.gamma);
  });
});

describe('horizon with a unit and the month length', () => {
  const c = published.find((r) => r.x === 2 && r.T > 30)!;
  // Exact t_x and T (the published summary is rounded to 0.01 week).
  const exact = summarise(orders, ids, CDNOW_CALIBRATION_END, 'week');

  it('horizonMonths keeps working and equals horizon { value, unit: month }', () => {
    const a = run({ timeUnit: 'week', horizonMonths: 12 });
    const b = run({ timeUnit: 'week', horizon: { value: 12, unit: 'month' } });
    expect(b.report.population.totalClv).toBe(a.report.population.totalClv);
  });

  it('a 39-week horizon predicts E[Y(39) | x, t_x, T] (FHL eq. 10)', () => {
    const res = run({ timeUnit: 'week', horizon: { value: 39, unit: 'week' } });
    const i = ids.indexOf(c.id);
    const bg = res.report.bgnbd;
    const e = res.columns.clv_expected_purchases as Float64Array;
    expect(e[i]).toBeCloseTo(conditionalExpectedPurchases(bg, 39, 2, exact.tx[i], exact.T[i]), 12);
    expect(res.report.horizon.units).toBe(39);
  });

  it('steps whole months then the rest: 39 weeks = 8 months of 30.44 days + 29.5 days', () => {
    const h = resolveHorizon({ horizon: { value: 39, unit: 'week' }, horizonMonths: 12, monthLength: 'calendar', timeUnit: 'day' });
    expect(h.stepEnds.length).toBe(9);
    expect(h.stepEnds[8]).toBeCloseTo(273, 10);
    expect(h.stepMonths[8]).toBeCloseTo(273 / (365.25 / 12), 10);
  });

  it('monthLength 30days makes one month 30 days (lifetimes), 1.4 % fewer purchases than the calendar month', () => {
    const thirty = run({ timeUnit: 'day', horizonMonths: 1, monthLength: '30days' });
    const cal = run({ timeUnit: 'day', horizonMonths: 1 });
    const i = ids.indexOf(c.id);
    const bg = thirty.report.bgnbd;
    expect((thirty.columns.clv_expected_purchases as Float64Array)[i]).toBeCloseTo(conditionalExpectedPurchases(bg, 30, 2, exact.tx[i] * 7, exact.T[i] * 7), 12);
    const ratio = thirty.report.population.expectedPurchases / cal.report.population.expectedPurchases;
    expect(ratio).toBeGreaterThan(0.98);
    expect(ratio).toBeLessThan(0.99);
  });
});

describe('purchase-count probabilities', () => {
  const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('P(X(t) = n) for a new customer sums to 1 and its mean is E[X(t)] (FHL eq. 9)', () => {
    for (const t of [1, 39, 78]) {
      let sum = 0;
      let mean = 0;
      for (let n = 0; n < 400; n++) {
        const v = pmfNew(p, n, t);
        sum += v;
        mean += n * v;
      }
      expect(sum).toBeCloseTo(1, 9);
      expect(mean).toBeCloseTo(populationExpected(p, t), 6);
    }
  });

  it('P(Y(t) = n | history) sums to 1, has the conditional expectation as mean, and P(0) = P(no purchase)', () => {
    for (const c of published.slice(0, 60)) {
      let sum = 0;
      let mean = 0;
      for (let n = 0; n < 400; n++) {
        const v = pmfConditional(p, n, 39, c.x, c.tx, c.T);
        sum += v;
        mean += n * v;
      }
      expect(sum).toBeCloseTo(1, 9);
      expect(mean).toBeCloseTo(conditionalExpectedPurchases(p, 39, c.x, c.tx, c.T), 6);
      expect(pNoPurchase(p, 39, c.x, c.tx, c.T)).toBeCloseTo(pmfConditional(p, 0, 39, c.x, c.tx, c.T), 12);
      expect(pNoPurchase(p, 39, c.x, c.tx, c.T)).toBeGreaterThanOrEqual(1 - pAlive(p, c.x, c.tx, c.T));
    }
  });

  it('reports P(no purchase) per customer and the expected count distribution over the horizon', () => {
    const res = run({ timeUnit: 'week', horizon: { value: 39, unit: 'week' } });
    const dist = res.report.population.purchaseDistribution;
    expect(dist.map((d) => d.purchases)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(dist.reduce((a, d) => a + d.customers, 0)).toBeCloseTo(published.length, 6);
    const pNo = res.columns.clv_p_no_purchase as Float64Array;
    expect(pNo.reduce((a, v) => a + v, 0)).toBeCloseTo(dist[0].customers, 6);
  });
});

describe('horizon limits', () => {
  it('accepts up to 10 years in any unit and refuses more with a message', () => {
    expect(ClvSchema.safeParse({ horizon: { value: 521, unit: 'week' } }).success).toBe(true);
    expect(ClvSchema.safeParse({ horizon: { value: 120, unit: 'month' } }).success).toBe(true);
    const bad = ClvSchema.safeParse({ horizon: { value: 600, unit: 'week' } });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0].message).toMatch(/10 years/);
  });
});
