// Explicit failures: data the models cannot be fitted to gives ok: false with a code and an
// English message, and every code has an English and a Chinese text.
import { ClvSchema } from '../../../src/config/schema';
import { computeClv, MIN_REPEAT_CUSTOMERS } from '../../../src/engine/methods/clv';
import { minimise, nelderMead } from '../../../src/engine/methods/clv/optimize';
import { messages } from '../../../src/i18n/messages/clv';
import type { OrderData } from '../../../src/engine/types';
import { CDNOW_LIKE, SIM_ANALYSIS_DAY, simulateOrders } from './simulate';

const cfg = ClvSchema.parse({ enabled: true, timeUnit: 'day' });
const END = 20_000;

function orders(rows: [string, number, number][]): OrderData {
  return {
    n: rows.length,
    customer: rows.map(([c]) => c),
    day: Float64Array.from(rows, ([, d]) => d),
    amount: Float64Array.from(rows, ([, , a]) => a),
    profit: null,
    orderId: null,
    sourceRow: Int32Array.from(rows, (_, i) => i + 2),
  };
}
const ids = (n: number) => Array.from({ length: n }, (_, i) => `C${i}`);

/** n customers with one purchase each, `repeaters` of them buying again 10 days later. */
function data(n: number, repeaters: number, repeatAmount = 20): [string, number, number][] {
  const rows: [string, number, number][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([`C${i}`, END - 100 - (i % 50), 30]);
    if (i < repeaters) rows.push([`C${i}`, END - 90 - (i % 50) + (i % 7), repeatAmount]);
  }
  return rows;
}

function failure(o: OrderData, list: string[]) {
  const r = computeClv(o, list, END, cfg);
  if (r.ok) throw new Error('expected a failure');
  return r;
}

describe('CLV failures', () => {
  it('no orders for the listed customers → clv.no_orders', () => {
    expect(failure(orders([['X', END - 5, 10]]), ids(3)).code).toBe('clv.no_orders');
  });

  it('every first purchase on the analysis date → clv.no_time', () => {
    const r = failure(orders(ids(30).map((c) => [c, END, 10])), ids(30));
    expect(r.code).toBe('clv.no_time');
  });

  it('nobody bought on a second day → clv.no_repeat', () => {
    expect(failure(orders(data(200, 0)), ids(200)).code).toBe('clv.no_repeat');
  });

  it(`fewer than ${MIN_REPEAT_CUSTOMERS} repeat customers → clv.too_few_repeat with the counts`, () => {
    const r = failure(orders(data(200, 5)), ids(200));
    expect(r.code).toBe('clv.too_few_repeat');
    expect(r.params).toEqual({ count: 5, min: MIN_REPEAT_CUSTOMERS });
    expect(r.message).toContain('only 5 customers');
  });

  it('repeat purchases all worth 0 → clv.too_few_spenders', () => {
    expect(failure(orders(data(200, 40, 0)), ids(200)).code).toBe('clv.too_few_spenders');
  });

  it('everyone buying exactly twice and then never again → clv.degenerate_fit (a → ∞, b → 0)', () => {
    const r = failure(orders(data(200, 40)), ids(200));
    expect(r.code).toBe('clv.degenerate_fit');
    expect(Number(r.params?.a)).toBeGreaterThan(1e4);
  });

  it('enough data → ok, with customers without orders left empty', () => {
    const o = simulateOrders({ ...CDNOW_LIKE, customers: 300, seed: 11 });
    const list = [...ids(300), 'nobody'];
    const r = computeClv(o, list, SIM_ANALYSIS_DAY, ClvSchema.parse({ enabled: true }));
    if (!r.ok) throw new Error(r.message);
    expect(Number.isNaN((r.columns.clv_value as Float64Array)[300])).toBe(true);
    expect((r.columns.clv_tier as (string | null)[])[300]).toBeNull();
    expect((r.columns.clv_churn as (string | null)[])[300]).toBeNull();
    expect(r.report.customersWithoutOrders).toBe(1);
    expect((r.columns.clv_tier as (string | null)[]).slice(0, 300).every((t) => t !== null)).toBe(true);
  });
});

describe('optimiser convergence status', () => {
  it('reports non-convergence on an unbounded objective and converges on a quadratic', () => {
    expect(nelderMead((x) => -x[0] - x[1], [0, 0], { maxIterations: 200 }).converged).toBe(false);
    expect(minimise((x) => -x[0], [[0]], { maxIterations: 100 }, undefined, 2).converged).toBe(false);
    const m = minimise((x) => (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2, [[0, 0], [10, 10]]);
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(3, 5);
    expect(m.x[1]).toBeCloseTo(-1, 5);
  });
});

describe('CLV messages', () => {
  it('has the same keys in English and Chinese, with the same placeholders', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    const en = messages.en as Record<string, string>;
    const zh = messages.zh as Record<string, string>;
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(en)) expect(holes(zh[k])).toEqual(holes(en[k]));
    for (const code of ['clv.no_orders', 'clv.no_time', 'clv.no_repeat', 'clv.too_few_repeat', 'clv.too_few_spenders', 'clv.not_converged', 'clv.spend_unbounded', 'clv.degenerate_fit']) {
      expect(en[code]).toBeDefined();
    }
  });
});
