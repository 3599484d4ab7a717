// Properties of classify over random order tables (fast-check): one class per method for every
// customer with orders, totals preserved, and output independent of input row order.
import fc from 'fast-check';
import { classifyIngested } from '../../src/engine/classify';
import { config, customerData, ingested, orderData, type OrderRow } from './helpers';

const row = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', '7', '12', '003'),
  day: fc.integer({ min: 0, max: 400 }),
  // cents, some negative (returns)
  cents: fc.integer({ min: -5000, max: 100000 }),
  profitCents: fc.integer({ min: -2000, max: 20000 }),
});
const table = fc.array(row, { minLength: 1, maxLength: 60 });

/** Amounts in cents (exact scaled-integer sums) or in sevenths (the sorted-sum fallback). */
function toRows(xs: { id: string; day: number; cents: number; profitCents: number }[], sevenths = false): OrderRow[] {
  const d = sevenths ? 7 : 100;
  return xs.map((x) => ({
    id: x.id,
    date: new Date(Date.UTC(2023, 0, 1) + x.day * 86400000).toISOString().slice(0, 10),
    amount: x.cents / d,
    profit: x.profitCents / d,
  }));
}

const METHOD_CFGS = [
  { abc: {}, rfm: {}, activity: {} },
  { abc: { mode: 'value-share', basis: 'profit' }, rfm: { scoring: 'rank', bins: 4 }, activity: {} },
  { abc: { basis: 'orders', cuts: [0.1, 0.3, 0.6] }, rfm: { scoring: 'quantile-inclusive', bins: 3, best: 'low', monetary: 'profit' }, activity: {} },
] as const;

function classifyRows(rows: OrderRow[], k: number, extra: string[] = []) {
  const ids = [...new Set(rows.map((r) => r.id)), ...extra];
  return classifyIngested(ingested(orderData(rows), customerData(ids)), config({ methods: { ...(METHOD_CFGS[k] as object), dimensions: [] } }));
}

describe('classify properties', () => {
  test('every customer with orders gets exactly one tier per method; totals are preserved', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 0, max: 2 }), fc.boolean(), (xs, k, sevenths) => {
        const rows = toRows(xs, sevenths);
        const res = classifyRows(rows, k, ['zz-prospect']);
        const t = res.customers;
        const orders = t.array('orders') as ArrayLike<number>;
        let totalRevenue = 0;
        for (const r of rows) totalRevenue += r.amount;
        for (const s of res.summaries) {
          const col = t.array(s.column) as (string | null)[];
          const listed = new Set(s.tiers.map((x) => x.tier));
          for (let i = 0; i < t.numRows(); i++) {
            const has = orders[i] > 0;
            // activity also classifies customers without orders (potential)
            if (has || s.method === 'activity') expect(listed.has(col[i] as string)).toBe(true);
            else expect(col[i]).toBeNull();
          }
          const withTier = col.filter((v) => v !== null).length;
          expect(s.tiers.reduce((a, x) => a + x.customers, 0)).toBe(withTier);
        }
        // revenue of all customers = revenue of all rows (returns netted)
        const revenue = t.array('revenue') as ArrayLike<number>;
        let sum = 0;
        for (let i = 0; i < revenue.length; i++) sum += revenue[i];
        expect(sum).toBeCloseTo(totalRevenue, 6);
        const activity = res.summaries.find((s) => s.method === 'activity')!;
        expect(activity.tiers.reduce((a, x) => a + x.revenue, 0)).toBeCloseTo(totalRevenue, 6);
        expect(activity.tiers.reduce((a, x) => a + x.customers, 0)).toBe(t.numRows());
        expect(res.stats.ordersUsed).toBe(rows.length);
      }),
      { numRuns: 150 },
    );
  });

  test('output is independent of input row order (byte for byte)', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.infiniteStream(fc.nat()), (xs, k, sevenths, rand) => {
        const rows = toRows(xs, sevenths);
        const shuffled = rows.slice();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = rand.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = classifyRows(rows, k);
        const b = classifyRows(shuffled, k);
        expect(JSON.stringify(b.customers.objects())).toBe(JSON.stringify(a.customers.objects()));
        expect(JSON.stringify({ ...b, customers: null })).toBe(JSON.stringify({ ...a, customers: null }));
      }),
      { numRuns: 150 },
    );
  });
});
