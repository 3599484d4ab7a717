// CLV tiers by rank and the monthly CLV sum.
import { monthSteps } from '../../../src/engine/methods/clv/horizon';
import { predict, tierByClv } from '../../../src/engine/methods/clv/value';
import { clvTierKeys as tierNames } from '../../../src/engine/columns';
import { conditionalExpectedPurchases } from '../../../src/engine/methods/clv/bgnbd';
import type { RfmSummary } from '../../../src/engine/methods/clv/summary';

describe('tierByClv', () => {
  it('splits ten distinct values 2 / 3 / 5 with cuts 0.2, 0.5', () => {
    const clv = Float64Array.from([3, 10, 1, 8, 5, 9, 2, 7, 6, 4]);
    const { tier, cuts } = tierByClv(clv, [0.2, 0.5]);
    expect(tier).toEqual(['low', 'top', 'low', 'middle', 'low', 'top', 'low', 'middle', 'middle', 'low']);
    expect(cuts).toEqual([
      { tier: 'top', share: 0.2, minClv: 9, customers: 2 },
      { tier: 'middle', share: 0.3, minClv: 6, customers: 3 },
      { tier: 'low', share: 0.5, minClv: 1, customers: 5 },
    ]);
  });

  it('puts equal values in one tier (the better one) and leaves NaN out', () => {
    const { tier } = tierByClv(Float64Array.from([5, 1, NaN, 5, 5]), [0.5]);
    expect(tier).toEqual(['top', 'low', null, 'top', 'top']);
  });

  it('names 2 to 5 tiers best first', () => {
    expect(tierNames(2)).toEqual(['top', 'low']);
    expect(tierNames(3)).toEqual(['top', 'middle', 'low']);
    expect(tierNames(5)).toEqual(['top', 'high', 'middle', 'low', 'bottom']);
  });
});

describe('predict', () => {
  const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
  const s: RfmSummary = {
    n: 3,
    x: Float64Array.from([2, 0, 5]),
    tx: Float64Array.from([30.43, 0, 20]),
    T: Float64Array.from([38.86, 38.86, 38.86]),
    meanSpend: Float64Array.from([22.35, 0, -3]),
    ordersIgnored: 0,
  };
  const month = 365.25 / 12 / 7;

  it('without discount, CLV = expected purchases over the horizon × expected spend × margin', () => {
    const out = predict(s, bg, gg, Uint8Array.from([1, 1, 0]), { ...monthSteps(6, month), discountRate: 0, margin: 0.3 });
    for (const i of [0, 1]) {
      const e = conditionalExpectedPurchases(bg, 6 * month, s.x[i], s.tx[i], s.T[i]);
      expect(out.expectedPurchases[i]).toBeCloseTo(e, 12);
      expect(out.clv[i]).toBeCloseTo(e * out.expectedSpend[i] * 0.3, 10);
    }
    // x = 0: the population mean spend pγ/(q − 1).
    expect(out.expectedSpend[1]).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    // Excluded (non-positive repeat spend): purchases predicted, spend and CLV empty.
    expect(Number.isFinite(out.expectedPurchases[2])).toBe(true);
    expect(Number.isNaN(out.expectedSpend[2]) && Number.isNaN(out.clv[2])).toBe(true);
  });

  it('discounting lowers CLV and a longer horizon raises it', () => {
    const ok = Uint8Array.from([1, 1, 0]);
    const base = { ...monthSteps(12, month), discountRate: 0, margin: 1 };
    const flat = predict(s, bg, gg, ok, base).clv[0];
    const disc = predict(s, bg, gg, ok, { ...base, discountRate: 0.05 }).clv[0];
    const longer = predict(s, bg, gg, ok, { ...base, ...monthSteps(24, month), discountRate: 0.05 }).clv[0];
    expect(disc).toBeLessThan(flat);
    expect(longer).toBeGreaterThan(disc);
  });
});
