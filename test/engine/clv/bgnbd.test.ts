// The grouped BG/NBD log-likelihood against a per-customer evaluation of the paper's formula.
import { bgNbdLogLikelihood, groupCustomers, thinGroups } from '../../../src/engine/methods/clv/bgnbd';
import { lgamma } from '../../../src/engine/methods/clv/special';
import { rng } from './simulate';

/** FHL (2005) eq. (6) for one customer, L = B(a,b+x)/B(a,b) · Γ(r+x)α^r/Γ(r) · [(α+T)^-(r+x) + δ a/(b+x−1) (α+t_x)^-(r+x)]. */
function direct(p: { r: number; alpha: number; a: number; b: number }, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const logBeta = (u: number, v: number) => lgamma(u) + lgamma(v) - lgamma(u + v);
  const head = logBeta(a, b + x) - logBeta(a, b) + lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const alive = (α: number) => Math.pow(α, -(r + x));
  const bracket = alive(alpha + T) + (x > 0 ? (a / (b + x - 1)) * alive(alpha + tx) : 0);
  return head + Math.log(bracket);
}

describe('BG/NBD log-likelihood', () => {
  const u = rng(5);
  const n = 3000;
  // Whole weeks so that many customers share (x, t_x, T).
  const T = Float64Array.from({ length: n }, () => 1 + Math.floor(u() * 30));
  const x = Float64Array.from({ length: n }, () => (u() < 0.6 ? 0 : 1 + Math.floor(u() * 6)));
  const tx = Float64Array.from({ length: n }, (_, i) => (x[i] > 0 ? Math.floor(u() * T[i]) + 1 : 0));
  const params = { r: 0.4, alpha: 3.1, a: 0.7, b: 2.2 };

  it('equals the sum of the per-customer formula, with far fewer groups than customers', () => {
    const g = groupCustomers(x, tx, T);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += direct(params, x[i], tx[i], T[i]);
    expect(bgNbdLogLikelihood(params, g)).toBeCloseTo(sum, 8);
    expect(g.groups).toBeLessThan(n / 3);
    expect(g.totalWeight).toBe(n);
  });

  it('skips customers without orders (NaN)', () => {
    const withGaps = groupCustomers(Float64Array.from([...x, NaN]), Float64Array.from([...tx, NaN]), Float64Array.from([...T, NaN]));
    expect(withGaps.totalWeight).toBe(n);
  });

  it('stays finite for large x and T, where the per-customer powers underflow', () => {
    const big = groupCustomers(Float64Array.from([3000, 0]), Float64Array.from([90_000, 0]), Float64Array.from([100_000, 100_000]));
    expect(Math.pow(params.alpha + 100_000, -(params.r + 3000))).toBe(0);
    expect(Number.isFinite(bgNbdLogLikelihood(params, big))).toBe(true);
  });

  it('thins to a smaller likelihood of the same scale, unchanged when already small', () => {
    const g = groupCustomers(x, tx, T);
    expect(thinGroups(g, g.size)).toBe(g);
    const thin = thinGroups(g, Math.ceil(g.size / 4));
    expect(thin.size).toBeLessThan(g.size / 3);
    expect(thin.totalWeight).toBeGreaterThan(n * 0.9);
    const full = bgNbdLogLikelihood(params, g) / g.totalWeight;
    expect(Math.abs(bgNbdLogLikelihood(params, thin) / thin.totalWeight - full)).toBeLessThan(0.05 * Math.abs(full));
  });
});
