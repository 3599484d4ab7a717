// The fit recovers the parameters of simulated data, and the time unit changes only α's scale.
import { ClvSchema } from '../../../src/config/schema';
import { computeClv } from '../../../src/engine/methods/clv';
import { CDNOW_LIKE, SIM_ANALYSIS_DAY, simulateOrders } from './simulate';

const N = 20_000;
const orders = simulateOrders({ ...CDNOW_LIKE, customers: N, seed: 2024 });
const ids = Array.from({ length: N }, (_, k) => `C${k}`);

function run(timeUnit: 'day' | 'week' | 'month') {
  const r = computeClv(orders, ids, SIM_ANALYSIS_DAY, ClvSchema.parse({ enabled: true, timeUnit }));
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
}

describe('parameter recovery on 20,000 simulated customers (weeks)', () => {
  const week = run('week');

  it('recovers BG/NBD and Gamma-Gamma parameters within sampling error', () => {
    const within = (est: number, truth: number, tol: number) => Math.abs(Math.log(est / truth)) < tol;
    const bg = week.report.bgnbd;
    // BG/NBD standard errors at this size are a few per cent.
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect([k, within(bg[k], CDNOW_LIKE[k], 0.12)]).toEqual([k, true]);
    // p, q and γ are strongly correlated, so each alone is loose; their population mean pγ/(q−1) is tight.
    const gg = week.report.gammaGamma;
    for (const k of ['p', 'q', 'gamma'] as const) expect([k, within(gg[k], CDNOW_LIKE[k], 0.25)]).toEqual([k, true]);
    const mean = (v: { p: number; q: number; gamma: number }) => (v.p * v.gamma) / (v.q - 1);
    expect(within(mean(gg), mean(CDNOW_LIKE), 0.03)).toBe(true);
    // Frequency and spend are independent by construction.
    expect(Math.abs(week.report.frequencySpendCorrelation)).toBeLessThan(0.05);
  });

  it('collapses customers into far fewer likelihood groups', () => {
    expect(week.report.likelihoodGroups).toBeLessThan(N / 2);
    expect(week.report.customersUsed).toBe(N);
  });

});

describe('time unit', () => {
  // A smaller sample: this checks arithmetic, not statistics.
  const n = 5_000;
  const small = simulateOrders({ ...CDNOW_LIKE, customers: n, seed: 99 });
  const list = ids.slice(0, n);
  const fit = (timeUnit: 'day' | 'week') => {
    const r = computeClv(small, list, SIM_ANALYSIS_DAY, ClvSchema.parse({ enabled: true, timeUnit }));
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return r;
  };

  it('gives the same predictions in days as in weeks: only α scales (×7)', () => {
    const week = fit('week');
    const day = fit('day');
    const w = week.report.bgnbd;
    const d = day.report.bgnbd;
    expect(d.r).toBeCloseTo(w.r, 3);
    expect(d.a).toBeCloseTo(w.a, 3);
    expect(d.b).toBeCloseTo(w.b, 3);
    expect(d.alpha / 7).toBeCloseTo(w.alpha, 2);
    const pw = week.columns.clv_p_alive as Float64Array;
    const pd = day.columns.clv_p_alive as Float64Array;
    const cw = week.columns.clv_value as Float64Array;
    const cd = day.columns.clv_value as Float64Array;
    for (let i = 0; i < n; i += 37) {
      expect(pd[i]).toBeCloseTo(pw[i], 3);
      expect(Math.abs(cd[i] - cw[i])).toBeLessThan(1e-3 * Math.max(1, cw[i]));
    }
  });
});
