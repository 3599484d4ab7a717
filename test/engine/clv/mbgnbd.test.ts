// MBG/NBD (Batislam, Denizel & Filiztekin 2007) as a second purchase model: its likelihood
// against the closed form written out here, its predictions' consistency, and model "best".
import { ClvSchema } from '../../../src/config/schema';
import { computeClv } from '../../../src/engine/methods/clv';
import { conditionalExpectedPurchases, groupCustomers, modelLogLikelihood, pAlive } from '../../../src/engine/methods/clv/bgnbd';
import { pmfConditional, populationExpected } from '../../../src/engine/methods/clv/probability';
import { CDNOW_CALIBRATION_END, loadCdnowSample, loadPublishedSummary } from './cdnow';

const published = loadPublishedSummary();
const ids = published.map((r) => r.id);
const orders = loadCdnowSample();

/** lnΓ by Stirling with 8 shifts (independent of the engine's lgamma; ~1e-13 for z > 0). */
function lnGamma(z: number): number {
  let shift = 0;
  while (z < 8) shift -= Math.log(z++);
  return shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3) + 1 / (1260 * z ** 5);
}

/** MBG/NBD likelihood as Batislam et al. write it: B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / Γ(r) · [(α+T)^−(r+x) + a/(b+x) (α+t_x)^−(r+x)]. */
function mbgLogLik(p: { r: number; alpha: number; a: number; b: number }, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const lnB = (u: number, v: number) => lnGamma(u) + lnGamma(v) - lnGamma(u + v);
  const head = lnB(a, b + x + 1) - lnB(a, b) + lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  return head + Math.log((alpha + T) ** -(r + x) + (a / (b + x)) * (alpha + tx) ** -(r + x));
}

describe('MBG/NBD', () => {
  it('log-likelihood equals the closed form summed over customers (1e-9 relative)', () => {
    const x = Float64Array.from(published, (c) => c.x);
    const tx = Float64Array.from(published, (c) => c.tx);
    const T = Float64Array.from(published, (c) => c.T);
    const g = groupCustomers(x, tx, T);
    for (const p of [{ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, { r: 1.3, alpha: 12, a: 2.5, b: 0.6 }]) {
      const direct = published.reduce((acc, c) => acc + mbgLogLik(p, c.x, c.tx, c.T), 0);
      expect(Math.abs(modelLogLikelihood(p, g, 'mbgnbd') / direct - 1)).toBeLessThan(1e-9);
    }
  });

  it('P(alive) is below 1 for single-purchase customers, and the count distribution has eq. (10)-type mean', () => {
    const p = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    expect(pAlive(p, 0, 0, 30, 'mbgnbd')).toBeLessThan(1);
    expect(pAlive(p, 0, 0, 30, 'bgnbd')).toBe(1);
    for (const c of published.slice(0, 10)) {
      let sum = 0;
      let mean = 0;
      for (let n = 0; n < 400; n++) {
        const v = pmfConditional(p, n, 39, c.x, c.tx, c.T, 'mbgnbd');
        sum += v;
        mean += n * v;
      }
      expect(sum).toBeCloseTo(1, 9);
      expect(mean).toBeCloseTo(conditionalExpectedPurchases(p, 39, c.x, c.tx, c.T, 'mbgnbd'), 6);
    }
    // A new customer is a customer with x = t_x = T = 0.
    expect(populationExpected(p, 39, 'mbgnbd')).toBeCloseTo(conditionalExpectedPurchases(p, 39, 0, 0, 0, 'mbgnbd'), 12);
  });

  it('model "best" fits both on CDNOW, reports each holdout error and uses the lower MAE', () => {
    const res = computeClv(orders, ids, CDNOW_CALIBRATION_END, ClvSchema.parse({ enabled: true, timeUnit: 'week', model: 'best', holdout: { end: '1998-06-30' } }));
    if (!res.ok) throw new Error(res.message);
    const h = res.report.holdout!;
    expect(h.candidates!.map((c) => c.model)).toEqual(['bgnbd', 'mbgnbd']);
    const best = h.candidates!.reduce((a, c) => (c.mae < a.mae ? c : a));
    expect(res.report.model).toBe(best.model);
    expect(h.model).toBe(best.model);
    expect(h.mae).toBe(best.mae);
  });

  it('"best" without a holdout is refused with a message', () => {
    const res = computeClv(orders, ids, CDNOW_CALIBRATION_END, ClvSchema.parse({ enabled: true, model: 'best' }));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.code).toBe('clv.best_needs_holdout');
  });
});
