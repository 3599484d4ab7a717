// Probabilities of purchase counts under BG/NBD (Fader, Hardie & Lee 2005): for a customer just
// acquired (eq. 8), conditional on a customer's history, and the population expectation E[X(t)].
import type { BgNbdParams } from './types';
import { expectedDenominator, expectedNumerator, pAlive, type PurchaseModel } from './bgnbd';
import { lgamma } from './special';

const lbeta = (x: number, y: number) => lgamma(x) + lgamma(y) - lgamma(x + y);

/**
 * P(X(t) = n) for a customer acquired at time 0 (FHL eq. 8):
 *   B(a, b+n)/B(a, b) · NB(n) + [n>0] B(a+1, b+n−1)/B(a, b) · (1 − Σ_{j<n} NB(j)),
 * NB(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j, the negative binomial count of an
 * always-alive customer. The tail 1 − Σ is summed from the head (it is ≥ 1e-16 accurate absolutely).
 */
export function pmfNew(p: BgNbdParams, n: number, t: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return n === 0 ? 1 : 0;
  const lq = Math.log(alpha / (alpha + t));
  const lz = Math.log(t / (alpha + t));
  const logNB = (j: number) => lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * lq + j * lz;
  let value = Math.exp(lbeta(a, b + n) - lbeta(a, b) + logNB(n));
  if (n > 0) {
    let head = 0;
    for (let j = 0; j < n; j++) head += Math.exp(logNB(j));
    value += Math.exp(lbeta(a + 1, b + n - 1) - lbeta(a, b)) * Math.max(0, 1 - head);
  }
  return value;
}

/**
 * The parameters of the customer's future if alive at T: λ ~ Gamma(r+x, α+T) and
 * p ~ Beta(a, b+x) (the posterior given x purchases in T while alive), and the Poisson
 * process and drop-out after purchases restart unchanged (both are memoryless).
 */
export function posteriorIfAlive(p: BgNbdParams, x: number, T: number, model: PurchaseModel = 'bgnbd'): BgNbdParams {
  // MBG/NBD: the customer also survived the drop-out chance at the first purchase.
  return { r: p.r + x, alpha: p.alpha + T, a: p.a, b: p.b + x + (model === 'mbgnbd' ? 1 : 0) };
}

/**
 * P(Y(t) = n | x, t_x, T): a dead customer buys nothing, an alive one buys as a new customer
 * with the posterior parameters: (1 − P(alive))·[n = 0] + P(alive)·pmfNew(posterior, n, t).
 * Its mean is FHL eq. (10).
 */
export function pmfConditional(p: BgNbdParams, n: number, t: number, x: number, tx: number, T: number, model: PurchaseModel = 'bgnbd'): number {
  const alive = pAlive(p, x, tx, T, model);
  return (n === 0 ? 1 - alive : 0) + alive * pmfNew(posteriorIfAlive(p, x, T, model), n, t);
}

/**
 * P(no purchase in the next t | x, t_x, T) = 1 − P(alive) + P(alive)·((α+T)/(α+T+t))^(r+x):
 * an alive customer cannot drop out without buying, so only the Poisson part matters.
 */
export function pNoPurchase(p: BgNbdParams, t: number, x: number, tx: number, T: number, model: PurchaseModel = 'bgnbd'): number {
  const alive = pAlive(p, x, tx, T, model);
  return 1 - alive + alive * Math.exp((p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + T + t)));
}

/**
 * E[X(t)] for a customer acquired at time 0 (FHL eq. 9): eq. (10) at x = t_x = T = 0 (for
 * BG/NBD its denominator is 1; MBG/NBD's is 1 + a/b, the chance of leaving at once).
 */
export function populationExpected(p: BgNbdParams, t: number, model: PurchaseModel = 'bgnbd'): number {
  return expectedNumerator(p, t, 0, 0, model) / expectedDenominator(p, 0, 0, 0, model);
}
