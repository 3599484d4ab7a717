// Gamma-Gamma likelihood (rewritten form) against the textbook form, and its fit's edge cases.
import { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood, groupSpend } from '../../../src/engine/methods/clv/gammagamma';
import { lgamma } from '../../../src/engine/methods/clv/special';
import { summarise } from '../../../src/engine/methods/clv/summary';
import { CDNOW_LIKE, gammaSample, rng, SIM_ANALYSIS_DAY, simulateOrders } from './simulate';

/** Fader & Hardie (2013) eq. (3) as lifetimes writes it, one customer at a time. */
function textbook(p: number, q: number, v: number, x: number, m: number): number {
  return lgamma(p * x + q) - lgamma(p * x) - lgamma(q) + q * Math.log(v) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(x * m + v);
}

describe('Gamma-Gamma', () => {
  const u = rng(8);
  const x = Array.from({ length: 500 }, () => 1 + Math.floor(u() * 12));
  const m = x.map(() => Math.round(gammaSample(u, 4, 0.1) * 100) / 100 + 0.01);

  it('groups duplicates and equals the textbook log-likelihood', () => {
    const xs = [...x, ...x.slice(0, 50)];
    const ms = [...m, ...m.slice(0, 50)];
    const g = groupSpend(xs, ms);
    expect(g.size).toBeLessThanOrEqual(500);
    expect(g.totalWeight).toBe(550);
    for (const [p, q, v] of [
      [6.25, 3.74, 15.44],
      [0.5, 1.2, 300],
      [40, 20, 2],
    ]) {
      const ref = xs.reduce((s, xi, i) => s + textbook(p, q, v, xi, ms[i]), 0);
      expect(gammaGammaLogLikelihood({ p, q, gamma: v }, g)).toBeCloseTo(ref, 7);
    }
  });

  it('stops at p = 1e6 with a converged fit when the likelihood rises forever along p → ∞', () => {
    // A simulated world (found by the end-to-end property test) whose few spenders' mean spends
    // spread no more for small x than for large x: the maximum likelihood is at p = ∞.
    const world = { customers: 298, seed: 21, r: 0.05, alpha: 0.5, a: 1, b: 1, cohortWeeks: 4.3537785764870645 };
    const o = simulateOrders({ ...CDNOW_LIKE, ...world });
    const s = summarise(o, Array.from({ length: world.customers }, (_, k) => `C${k}`), SIM_ANALYSIS_DAY, 'week');
    const xs: number[] = [];
    const ms: number[] = [];
    for (let i = 0; i < s.n; i++) {
      if (s.x[i] > 0 && s.meanSpend[i] > 0) {
        xs.push(s.x[i]);
        ms.push(s.meanSpend[i]);
      }
    }
    const fit = fitGammaGamma(groupSpend(xs, ms));
    expect(fit.minimum.converged).toBe(true);
    expect(fit.params.p).toBeGreaterThan(1e5);
    // At that limit the expected spend of a repeat customer is their own mean.
    expect(conditionalExpectedSpend(fit.params, 3, 42)).toBeCloseTo(42, 3);
  });
});
