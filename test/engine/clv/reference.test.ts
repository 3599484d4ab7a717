// Reference results on the CDNOW sample: BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma
// (Fader & Hardie 2013) parameters and log-likelihood as published, and predictions checked
// against the closed forms computed here independently (plain untransformed 2F1 series).
import { ClvSchema } from '../../../src/config/schema';
import { conditionalExpectedPurchases, pAlive } from '../../../src/engine/methods/clv/bgnbd';
import { computeClv, type ClvReport } from '../../../src/engine/methods/clv';
import { CDNOW_CALIBRATION_END, loadCdnowSample, loadPublishedSummary, ordersUpTo } from './cdnow';

/** Published BG/NBD estimates (FHL 2005, to the digits of Hardie's note "Implementing the BG/NBD model"). */
const FHL = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Plain power series of 2F1, for |z| well below 1 (independent of the engine's implementation). */
function naive2F1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 5000; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
  }
  return sum;
}

/** FHL (2005) eq. (10) and P(alive), written out as in the paper. */
function closedForm(p: typeof FHL, t: number, x: number, tx: number, T: number) {
  const { r, alpha, a, b } = p;
  const F = naive2F1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const odds = x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0;
  const expected = (((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * F)) / (1 + odds);
  return { expected, pAlive: 1 / (1 + odds) };
}

describe('CLV on the CDNOW sample (weeks, calibration to 1997-09-30)', () => {
  const published = loadPublishedSummary();
  const ids = published.map((r) => r.id);
  const orders = ordersUpTo(loadCdnowSample(), CDNOW_CALIBRATION_END);
  const cfg = ClvSchema.parse({ enabled: true, timeUnit: 'week' });
  const result = computeClv(orders, ids, CDNOW_CALIBRATION_END, cfg);
  if (!result.ok) throw new Error(`CLV failed: ${result.code} ${result.message}`);
  const report: ClvReport = result.report;

  it('fits BG/NBD to r = 0.243, α = 4.414, a = 0.793, b = 2.426 (2 decimals), LL −9582.4 (0.1)', () => {
    const { r, alpha, a, b, logLikelihood, converged } = report.bgnbd;
    expect(converged).toBe(true);
    expect(Math.abs(r - 0.243)).toBeLessThan(0.005);
    expect(Math.abs(alpha - 4.414)).toBeLessThan(0.005);
    expect(Math.abs(a - 0.793)).toBeLessThan(0.005);
    expect(Math.abs(b - 2.426)).toBeLessThan(0.005);
    expect(Math.abs(logLikelihood - -9582.4)).toBeLessThan(0.1);
  });

  it('fits Gamma-Gamma to p = 6.25, q = 3.74, γ = 15.44 (2 decimals) on the 946 repeat customers', () => {
    const { p, q, gamma, converged, customersUsed } = report.gammaGamma;
    expect(converged).toBe(true);
    expect(customersUsed).toBe(946);
    expect(Math.abs(p - 6.25)).toBeLessThan(0.005);
    expect(Math.abs(q - 3.74)).toBeLessThan(0.005);
    expect(Math.abs(gamma - 15.44)).toBeLessThan(0.005);
  });

  it('reports the data summary: 946 repeat customers, mean spend 35.08, median 27.50, max 299.63', () => {
    expect(report.customersUsed).toBe(2357);
    expect(report.repeatCustomers).toBe(946);
    expect(report.excludedNonPositiveSpend).toBe(0);
    expect(report.repeatSpend.mean).toBeCloseTo(35.08, 2);
    expect(report.repeatSpend.median).toBeCloseTo(27.5, 2);
    expect(report.repeatSpend.max).toBeCloseTo(299.63, 2);
    // Fader & Hardie report a weak frequency–spend correlation (0.11) for this sample.
    expect(Math.abs(report.frequencySpendCorrelation - 0.11)).toBeLessThan(0.01);
  });

  it('predicts 1.226 purchases in 39 weeks for the paper’s customer (x = 2, t_x = 30.43, T = 38.86)', () => {
    const ours = conditionalExpectedPurchases(FHL, 39, 2, 30.43, 38.86);
    expect(ours).toBeCloseTo(closedForm(FHL, 39, 2, 30.43, 38.86).expected, 10);
    expect(ours).toBeCloseTo(1.226, 3);
  });

  it('matches the closed forms for P(alive) and expected purchases across customers and horizons', () => {
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [1, 1.71, 38.86],
      [7, 29.43, 35.14],
      [21, 37.57, 38.29],
      [0, 0, 27.0],
    ]) {
      for (const t of [1, 13, 39, 52]) {
        const ref = closedForm(FHL, t, x, tx, T);
        expect(Math.abs(conditionalExpectedPurchases(FHL, t, x, tx, T) - ref.expected)).toBeLessThan(1e-10 * Math.max(1, ref.expected));
        expect(pAlive(FHL, x, tx, T)).toBeCloseTo(ref.pAlive, 12);
      }
    }
  });

  it('matches 50-digit values (mpmath 1.3.0 hyp2f1) where the plain series does not reach', () => {
    // [r, α, a, b, x, t_x, T, t, E[Y(t)], P(alive)], computed outside this code base.
    const cases = [
      [0.116, 465.37, 0.8628, 0.04615, 0, 0, 15.8, 111.8, 0.0240865265416849, 1], // x = 0, a + b − 1 < 0
      [0.243, 4.414, 0.793, 2.426, 0, 0, 0.5, 200, 2.97308923082059, 1], // z = 0.976
      [0.243, 4.414, 0.793, 2.426, 3, 1, 2, 300, 19.3228341513829, 0.763100963992105], // z = 0.979
      [2.5, 30, 3.2, 7.5, 250, 700, 730, 365, 0.205963368627635, 0.00306333919330233], // large x and T
      [0.3, 5, 1.0000001, 2, 3, 20, 40, 52, 1.01906440200822, 0.365075541635487], // a ≈ 1
      [0.3, 0.05, 1.0000001, 2, 3, 0, 0.01, 60, 22.1048287189244, 0.686677798100925], // a ≈ 1 and z = 0.999 (interpolated)
      [0.5, 5, 50, 4000, 2, 8, 10, 1000, 62.3767863537481, 0.982441877042034], // large a or b
      [0.5, 5, 5000, 1, 3, 8, 10, 100, 0.000363474547039128, 0.000363475960165093], // large a or b
      [0.5, 5, 2000, 2000, 10, 8, 10, 300, 0.366432846635685, 0.182713709262556], // large a or b
    ];
    for (const [r, alpha, a, b, x, tx, T, t, expected, alive] of cases) {
      const p = { r, alpha, a, b };
      expect(Math.abs(conditionalExpectedPurchases(p, t, x, tx, T) / expected - 1)).toBeLessThan(1e-8);
      expect(Math.abs(pAlive(p, x, tx, T) / alive - 1)).toBeLessThan(1e-12);
    }
  });

  it('fills the columns per customer from the fitted parameters', () => {
    const fitted = { r: report.bgnbd.r, alpha: report.bgnbd.alpha, a: report.bgnbd.a, b: report.bgnbd.b };
    const horizon = (12 * 365.25) / 12 / 7; // 12 months in weeks
    const g = report.gammaGamma;
    const c = result.columns;
    for (const i of [0, 1, 2, 17, 1000]) {
      const row = published[i];
      const ref = closedForm(fitted, horizon, row.x, row.tx, row.T);
      // The published t_x and T are rounded; compare at their precision.
      expect((c.clv_p_alive as Float64Array)[i]).toBeCloseTo(ref.pAlive, 3);
      expect((c.clv_expected_purchases as Float64Array)[i]).toBeCloseTo(ref.expected, 3);
      const w = (g.p * row.x) / (g.p * row.x + g.q - 1);
      const spend = (1 - w) * ((g.p * g.gamma) / (g.q - 1)) + w * row.zbar;
      expect((c.clv_expected_spend as Float64Array)[i]).toBeCloseTo(spend, 1);
      expect((c.clv_churn as (string | null)[])[i]).toBe(ref.pAlive < cfg.churnPAlive ? 'warning' : 'ok');
    }
  });

  it('discounts monthly: CLV equals the discounted sum of monthly increments × spend × margin', () => {
    const fitted = { r: report.bgnbd.r, alpha: report.bgnbd.alpha, a: report.bgnbd.a, b: report.bgnbd.b };
    const month = 365.25 / 12 / 7;
    const c = result.columns;
    for (const i of [0, 1, 17]) {
      const row = published[i];
      let clv = 0;
      for (let k = 1; k <= 12; k++) {
        const inc = closedForm(fitted, k * month, row.x, row.tx, row.T).expected - (k > 1 ? closedForm(fitted, (k - 1) * month, row.x, row.tx, row.T).expected : 0);
        clv += inc / 1.01 ** k;
      }
      const spend = (c.clv_expected_spend as Float64Array)[i];
      expect((c.clv_value as Float64Array)[i] / spend).toBeCloseTo(clv, 3);
    }
  });

  it('tiers 20% / 30% / 50% of customers by CLV, higher CLV never in a lower tier', () => {
    const tier = result.columns.clv_tier as (string | null)[];
    const clv = result.columns.clv_value as Float64Array;
    const count = (t: string) => tier.filter((v) => v === t).length;
    // Ties share a tier, so shares are close to, not exactly, the cuts.
    expect(Math.abs(count('top') / 2357 - 0.2)).toBeLessThan(0.02);
    expect(Math.abs((count('top') + count('middle')) / 2357 - 0.5)).toBeLessThan(0.02);
    const rank = { top: 0, middle: 1, low: 2 } as Record<string, number>;
    const order = ids.map((_, i) => i).sort((p, q) => clv[q] - clv[p]);
    for (let k = 1; k < order.length; k++) expect(rank[tier[order[k]]!]).toBeGreaterThanOrEqual(rank[tier[order[k - 1]]!]);
    expect(report.tierCuts.map((t) => t.tier)).toEqual(['top', 'middle', 'low']);
  });

  it('shrinks the parameters with an L2 penalty (penalizer × Σ params²), at some cost in likelihood', () => {
    const pen = computeClv(orders, ids, CDNOW_CALIBRATION_END, { ...cfg, penalizer: 0.01 });
    if (!pen.ok) throw new Error(pen.message);
    const sq = (p: { r: number; alpha: number; a: number; b: number }) => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(sq(pen.report.bgnbd)).toBeLessThan(sq(report.bgnbd) * 0.9);
    expect(pen.report.bgnbd.logLikelihood).toBeLessThan(report.bgnbd.logLikelihood);
    expect(pen.report.penalizer).toBe(0.01);
  });

  it('reports population summaries consistent with the columns', () => {
    const pa = result.columns.clv_p_alive as Float64Array;
    const clv = result.columns.clv_value as Float64Array;
    expect(report.population.meanPAlive).toBeCloseTo(pa.reduce((a, v) => a + v, 0) / pa.length, 12);
    expect(report.population.totalClv).toBeCloseTo(clv.reduce((a, v) => a + v, 0), 6);
    expect(report.population.churnWarnings).toBe((result.columns.clv_churn as (string | null)[]).filter((v) => v === 'warning').length);
    expect(report.notes.map((n) => n.code)).toContain('clv.note.single_purchase');
  });
});
