// lgamma and 2F1 against exact identities and closed forms (no values copied from our own output).
import { gammaSign, hyp2f1, hyp2f1MinusOne, hyp2f1MinusOneSeries, lgamma, lgammaRatio } from '../../../src/engine/methods/clv/special';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('lgamma', () => {
  it('equals ln((n−1)!) at integers', () => {
    let logFact = 0;
    for (let n = 1; n <= 170; n++) {
      expect(Math.abs(lgamma(n) - logFact)).toBeLessThan(1e-13 * Math.max(1, logFact));
      logFact += Math.log(n);
    }
  });

  it('equals ln(√π (2n)! / (4ⁿ n!)) at half-integers', () => {
    for (let n = 0; n <= 60; n++) {
      let v = 0.5 * Math.log(Math.PI);
      for (let k = n + 1; k <= 2 * n; k++) v += Math.log(k);
      v -= n * Math.log(4);
      expect(Math.abs(lgamma(n + 0.5) - v)).toBeLessThan(1e-13 * Math.max(1, Math.abs(v)));
    }
  });

  it('satisfies Γ(x+1) = xΓ(x) from tiny to large arguments', () => {
    for (const x of [1e-8, 1e-3, 0.1, 0.37, 0.5, 0.99, 1.5, 2.7, 9.3, 33.3, 150.5, 1e4, 1e7]) {
      expect(Math.abs(lgamma(x + 1) - (lgamma(x) + Math.log(x)))).toBeLessThan(1e-12 * Math.max(1, Math.abs(lgamma(x))));
    }
  });

  it('gives ln|Γ| and the sign on the negative axis', () => {
    // Γ(−1/2) = −2√π, Γ(−3/2) = 4√π/3.
    expect(lgamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(lgamma(-1.5)).toBeCloseTo(Math.log((4 * Math.sqrt(Math.PI)) / 3), 13);
    expect(gammaSign(-1.5)).toBe(1);
    expect(lgamma(-2)).toBe(Infinity);
  });
});

describe('lgammaRatio', () => {
  it('equals Σ ln(z + k), k < q, for integer q, from small to huge z', () => {
    for (const z of [0.3, 7.5, 99.5, 100.5, 1e4 + 0.5, 1e6 + 0.25, 3e9]) {
      for (const q of [1, 2, 5]) {
        let exact = 0;
        for (let k = 0; k < q; k++) exact += Math.log(z + k);
        expect(Math.abs(lgammaRatio(z, q) - exact)).toBeLessThan(1e-12 * Math.max(1, exact));
      }
    }
  });

  it('is continuous across the switch to Stirling’s series (non-integer q)', () => {
    expect(Math.abs(lgammaRatio(99.999_999, 2.7) - lgammaRatio(100.000_001, 2.7))).toBeLessThan(1e-7);
    expect(lgammaRatio(50, 0.5)).toBeCloseTo(lgamma(50.5) - lgamma(50), 12);
  });
});

describe('hyp2f1', () => {
  const zs = [0, 0.1, 0.5, 0.85, 0.9, 0.91, 0.95, 0.99, 0.999, 0.999999];

  it('2F1(1, 1; 2; z) = −ln(1 − z)/z (integer c − a − b: perturbed branch)', () => {
    for (const z of zs.slice(1)) expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-9);
  });

  it('2F1(a, b; b; z) = (1 − z)^(−a)', () => {
    for (const z of zs) for (const a of [0.3, 2.2, -0.7]) expect(rel(hyp2f1(a, 1.7, 1.7, z), (1 - z) ** -a)).toBeLessThan(1e-9);
  });

  it('2F1(½, ½; 3/2; z²) = asin(z)/z and 2F1(½, 1; 3/2; z²) = atanh(z)/z', () => {
    for (const z of zs.slice(1)) {
      const w = Math.sqrt(z);
      expect(rel(hyp2f1(0.5, 0.5, 1.5, z), Math.asin(w) / w)).toBeLessThan(1e-9);
      expect(rel(hyp2f1(0.5, 1, 1.5, z), Math.atanh(w) / w)).toBeLessThan(1e-9);
    }
  });

  it('agrees between the series and the 1 − z transformation where both converge', () => {
    for (const [a, b, c] of [
      [1.976, -0.207, 4.219],
      [0.3, 2.4, 1.1],
      [2.243, 4.426, 7.7],
      [0.05, 0.8, 3.3],
    ]) {
      for (const z of [0.92, 0.95, 0.97]) {
        expect(rel(hyp2f1MinusOne(a, b, c, z), hyp2f1MinusOneSeries(a, b, c, z))).toBeLessThan(1e-9);
      }
    }
  });

  it('keeps full relative precision of 2F1 − 1 for tiny z', () => {
    // 2F1 − 1 = ab z / c + O(z²).
    expect(rel(hyp2f1MinusOne(2, 3, 4, 1e-12), (6 / 4) * 1e-12)).toBeLessThan(1e-9);
  });
});
