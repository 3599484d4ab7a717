// ABC on small tables whose classes can be checked by hand (rules in docs/engine.md).
import { AbcSchema } from '../../src/config/schema';
import { computeMetrics } from '../../src/engine/metrics';
import { classifyAbc } from '../../src/engine/methods/abc';
import { customerData, orderData, type OrderRow } from './helpers';

/** One order per customer c1, c2, ... with the given amounts (plus optional potential customers). */
function metricsOf(amounts: number[], potential: string[] = []) {
  const rows: OrderRow[] = amounts.map((a, i) => ({ id: `c${i + 1}`, date: '2024-01-10', amount: a }));
  const ids = [...rows.map((r) => r.id), ...potential];
  return computeMetrics(orderData(rows), customerData(ids), { returns: 'net', windowDays: 90 }).metrics;
}

function classes(amounts: number[], cfg: object, potential: string[] = []): Record<string, string | null> {
  const m = metricsOf(amounts, potential);
  const res = classifyAbc(m, AbcSchema.parse(cfg));
  return Object.fromEntries(m.ids.map((id, i) => [id, res.abc[i]]));
}

function count(cls: Record<string, string | null>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of Object.values(cls)) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

describe('ABC customer-share', () => {
  test('ten distinct values: top 20% A, next 50% B, last 30% C', () => {
    const cls = classes([100, 90, 80, 70, 60, 50, 40, 30, 20, 10], {});
    expect([cls.c1, cls.c2]).toEqual(['A', 'A']);
    expect([cls.c3, cls.c4, cls.c5, cls.c6, cls.c7]).toEqual(['B', 'B', 'B', 'B', 'B']);
    expect([cls.c8, cls.c9, cls.c10]).toEqual(['C', 'C', 'C']);
  });

  test('a tie across a cut moves up: equal values share the class of the first of them', () => {
    // positions 2 and 3 hold 90: the A cut falls between them, so both are A.
    const cls = classes([100, 90, 90, 70, 60, 50, 40, 40, 20, 10], {});
    expect(count(cls)).toEqual({ A: 3, B: 5, C: 2 });
    expect(cls.c3).toBe('A');
    // 40 sits at positions 7 and 8 (B cut after 7): both B.
    expect([cls.c7, cls.c8]).toEqual(['B', 'B']);
  });

  test('all values equal: everyone shares the class of the first customer', () => {
    expect(count(classes([5, 5, 5, 5, 5], {}))).toEqual({ A: 5 });
    expect(count(classes([7], {}))).toEqual({ A: 1 });
  });

  test('the customer that crosses a cut belongs to the upper class', () => {
    // 4 customers: shares before them 0, 25%, 50%, 75% → the first crosses 20% (A),
    // the third crosses 70% (B), the last starts above 70% (C)
    expect(Object.values(classes([4, 3, 2, 1], {}))).toEqual(['A', 'B', 'B', 'C']);
    // 3 customers: 0, 33%, 67% → A, B, B (nobody starts at or above 70%)
    expect(Object.values(classes([3, 2, 1], {}))).toEqual(['A', 'B', 'B']);
  });

  test('custom cuts with four classes and labels', () => {
    const cls = classes([8, 7, 6, 5, 4, 3, 2, 1], { cuts: [0.25, 0.5, 0.75], labels: ['P', 'Q', 'R', 'S'] });
    expect(Object.values(cls)).toEqual(['P', 'P', 'Q', 'Q', 'R', 'R', 'S', 'S']);
  });

  test('customers without orders get no class', () => {
    const cls = classes([5, 4, 3, 2, 1], {}, ['zz-potential']);
    expect(cls['zz-potential']).toBeNull();
    // the potential customer does not count in N = 5: shares before 0 | 20, 40, 60 | 80%
    expect(count(cls)).toEqual({ A: 1, B: 3, C: 1, null: 1 });
  });

  test('basis orders ranks by order count', () => {
    const rows: OrderRow[] = [
      { id: 'a', date: '2024-01-01', amount: 1 },
      { id: 'a', date: '2024-01-02', amount: 1 },
      { id: 'a', date: '2024-01-03', amount: 1 },
      { id: 'b', date: '2024-01-01', amount: 500 },
      { id: 'c', date: '2024-01-01', amount: 5 },
      { id: 'c', date: '2024-01-02', amount: 5 },
    ];
    const m = computeMetrics(orderData(rows), null, { returns: 'net', windowDays: 90 }).metrics;
    const res = classifyAbc(m, AbcSchema.parse({ basis: 'orders', cuts: [0.3, 0.6] }));
    // ranked a (3 orders), c (2), b (1): shares before 0, 33%, 67%
    expect(res.abc).toEqual(['A', 'C', 'B']); // ids a, b, c
  });
});

describe('ABC value-share', () => {
  test('the customer that crosses a cut belongs to the upper class', () => {
    // cumulative before each: 0, 50%, 90%, 96% → c2 crosses 80% (A), c3 crosses 95% (B).
    const cls = classes([50, 40, 6, 4], { mode: 'value-share' });
    expect(cls).toEqual({ c1: 'A', c2: 'A', c3: 'B', c4: 'C' });
  });

  test('a customer starting exactly at a cut is in the next class', () => {
    // before c3: exactly 80% → B.
    const cls = classes([50, 30, 15, 5], { mode: 'value-share' });
    expect(cls).toEqual({ c1: 'A', c2: 'A', c3: 'B', c4: 'C' });
  });

  test('profit falls back to revenue with a warning when no profit column exists', () => {
    const m = metricsOf([3, 2, 1]);
    const res = classifyAbc(m, AbcSchema.parse({ basis: 'profit', mode: 'value-share' }));
    expect(res.warnings.map((w) => w.code)).toEqual(['abc_no_profit']);
    expect(res.cuts.basis).toBe('revenue');
  });

  test('non-positive values add no share and fall to the last class', () => {
    const rows: OrderRow[] = [
      { id: 'a', date: '2024-01-01', amount: 10, profit: 9 },
      { id: 'b', date: '2024-01-01', amount: 10, profit: 1 },
      { id: 'c', date: '2024-01-01', amount: 10, profit: -4 },
    ];
    const m = computeMetrics(orderData(rows), null, { returns: 'net', windowDays: 90 }).metrics;
    const res = classifyAbc(m, AbcSchema.parse({ basis: 'profit', mode: 'value-share' }));
    // shares of positive profit: a 90% (crosses 80% → A), b before = 90% → B, c before = 100% → C
    expect(res.abc).toEqual(['A', 'B', 'C']);
  });
});
