// The seed examples on real data (rsquaredacademy/rfm orders, 995 customers), checked
// against straightforward JavaScript over the same figures: once on a table built here from
// the CSV, once through the engine's classify (rule columns vs. the engine's own metrics).
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import * as aq from 'arquero';
import { applyRuleSets } from '../../../src/engine/methods/rules';
import { classify } from '../../../src/engine';
import { defaultConfig } from '../../../src/config';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const FILE = path.join(DATA, 'rfm_rsquaredacademy_orders.csv');
const DAY = 86_400_000;
const ANALYSIS = Date.UTC(2006, 11, 31);

interface Customer {
  id: string;
  first_name: string;
  last_name: string;
  orders: number;
  revenue: number;
  first: number; // ms
  last: number; // ms
}

function customersFromCsv(): Customer[] {
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync(FILE, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const byId = new Map<string, Customer>();
  for (const r of rows) {
    const t = Date.parse(`${r.order_date}T00:00:00Z`);
    const c = byId.get(r.customer_id) ?? { id: r.customer_id, first_name: r.first_name, last_name: r.last_name, orders: 0, revenue: 0, first: t, last: t };
    c.orders += 1;
    c.revenue += Number(r.revenue);
    c.first = Math.min(c.first, t);
    c.last = Math.max(c.last, t);
    byId.set(r.customer_id, c);
  }
  return [...byId.values()];
}

const count = (xs: (string | null)[]) => xs.reduce<Record<string, number>>((m, x) => ((m[String(x)] = (m[String(x)] ?? 0) + 1), m), {});

describe('seed rule sets on a table built from the CSV', () => {
  const cs = customersFromCsv();
  // Our own monthly spend for this test: revenue over the months from the first order to the analysis date.
  const monthly = cs.map((c) => c.revenue / ((ANALYSIS - c.first) / DAY + 1) * 30.4375);
  const table = aq.table({
    customer_id: cs.map((c) => c.id),
    first_name: cs.map((c) => c.first_name),
    last_name: cs.map((c) => c.last_name),
    orders: cs.map((c) => c.orders),
    revenue: cs.map((c) => c.revenue),
    monthly_spend: monthly,
    first_order: cs.map((c) => new Date(c.first)),
    last_order: cs.map((c) => new Date(c.last)),
  });
  const result = applyRuleSets(
    table,
    [
      {
        name: 'Ecommerce ABC',
        rules: [
          { tier: 'A', when: 'monthly_spend > 15 and orders >= 6' },
          { tier: 'B', when: 'monthly_spend between 8 and 15' },
        ],
        otherwise: 'C',
      },
      {
        name: 'Recency',
        rules: [
          { tier: 'Active', when: 'days_since(last_order) <= 90' },
          { tier: 'Lapsing', when: "last_order between date '2006-01-01' and date '2006-09-30'" },
        ],
        otherwise: 'Lost',
      },
      {
        name: '姓名',
        rules: [
          { tier: 'S-VIP', when: "last_name starts with 's' 且 revenue >= 500" },
          { tier: 'AN', when: "lower(first_name) contains 'an' 或 非 (orders > 1)" },
        ],
        otherwise: '-',
      },
    ],
    'en-US',
    { analysisDate: new Date(ANALYSIS) },
  );

  test('no errors, one column per set, 995 customers', () => {
    expect(cs).toHaveLength(995);
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.columns)).toEqual(['rule_Ecommerce_ABC', 'rule_Recency', 'rule_姓名']);
  });

  test('Ecommerce ABC equals a direct computation', () => {
    const expected = cs.map((c, i) => (monthly[i] > 15 && c.orders >= 6 ? 'A' : monthly[i] >= 8 && monthly[i] <= 15 ? 'B' : 'C'));
    expect(result.columns.rule_Ecommerce_ABC).toEqual(expected);
    const n = count(expected);
    expect(n.A).toBeGreaterThan(50);
    expect(n.B).toBeGreaterThan(50);
    expect(n.C).toBeGreaterThan(50);
    expect(result.reports[0].rules.map((r) => r.matched)).toEqual([n.A, n.B]);
    expect(result.reports[0].otherwise).toBe(n.C);
    // B never overlaps A (A needs spend > 15), so "if first" equals "matched" for B.
    expect(result.reports[0].rules[1].matchedIfFirst).toBe(n.B);
  });

  test('Recency equals a direct computation on days', () => {
    const lo = Date.UTC(2006, 0, 1);
    const hi = Date.UTC(2006, 8, 30);
    const expected = cs.map((c) => ((ANALYSIS - c.last) / DAY <= 90 ? 'Active' : c.last >= lo && c.last <= hi ? 'Lapsing' : 'Lost'));
    expect(result.columns.rule_Recency).toEqual(expected);
    expect(Object.keys(count(expected)).sort()).toEqual(['Active', 'Lapsing', 'Lost']);
  });

  test('text rules with 中文 keywords equal a direct computation', () => {
    const expected = cs.map((c) =>
      c.last_name.toLowerCase().startsWith('s') && c.revenue >= 500 ? 'S-VIP' : c.first_name.toLowerCase().includes('an') || !(c.orders > 1) ? 'AN' : '-',
    );
    expect(result.columns['rule_姓名']).toEqual(expected);
    expect(Object.keys(count(expected)).sort()).toEqual(['-', 'AN', 'S-VIP']);
  });
});

describe('rule sets through the engine (classify)', () => {
  const rows = Papa.parse<string[]>(fs.readFileSync(FILE, 'utf8'), { skipEmptyLines: true }).data;
  const config = defaultConfig({
    analysisDate: '2006-12-31',
    methods: {
      dimensions: [],
      rules: [
        {
          name: 'Ecommerce ABC',
          rules: [
            { tier: 'A', when: 'monthly_spend > 15 and orders >= 6' },
            { tier: 'B', when: 'monthly_spend between 8 and 15' },
          ],
          otherwise: 'C',
        },
        {
          name: 'Key accounts',
          rules: [
            { tier: 'Key', when: "abc = 'A' and rfm_segment in ('Champions', 'Loyal Customers')" },
            { tier: 'Watch', when: "recency_days > 365 or last_order < date '2006-01-01'" },
          ],
          otherwise: 'Normal',
        },
      ],
    },
  });
  const res = classify({ orders: { name: 'orders.csv', values: rows, fromText: true } }, config);
  const t = res.customers;
  const col = <T>(name: string) => t.array(name) as T[];

  test('the engine metrics agree with the CSV for orders and revenue', () => {
    const mine = new Map(customersFromCsv().map((c) => [c.id, c]));
    const ids = col<string>('customer_id');
    expect(ids).toHaveLength(995);
    ids.forEach((id, i) => {
      expect(col<number>('orders')[i]).toBe(mine.get(id)!.orders);
      expect(col<number>('revenue')[i]).toBeCloseTo(mine.get(id)!.revenue, 6);
    });
  });

  test('rule columns equal a direct computation on the engine columns; coverage is in the report', () => {
    const spend = col<number | null>('monthly_spend');
    const orders = col<number>('orders');
    const expected = spend.map((s, i) => (s !== null && s > 15 && orders[i] >= 6 ? 'A' : s !== null && s >= 8 && s <= 15 ? 'B' : 'C'));
    expect(col('rule_Ecommerce_ABC')).toEqual(expected);

    const abc = col<string>('abc');
    const seg = col<string>('rfm_segment');
    const rec = col<number>('recency_days');
    const last = col<string>('last_order');
    const key = abc.map((a, i) =>
      a === 'A' && ['champions', 'loyal customers'].includes(seg[i].toLowerCase()) ? 'Key' : rec[i] > 365 || last[i] < '2006-01-01' ? 'Watch' : 'Normal',
    );
    expect(col('rule_Key_accounts')).toEqual(key);
    expect(Object.keys(count(key)).sort()).toEqual(['Key', 'Normal', 'Watch']);

    const reports = res.reports.rules as { name: string; rules: { matched: number }[]; otherwise: number; total: number }[];
    const n = count(expected);
    expect(reports[0]).toMatchObject({ name: 'Ecommerce ABC', otherwise: n.C, total: 995 });
    expect(reports[0].rules.map((r) => r.matched)).toEqual([n.A, n.B]);
    expect(res.warnings.filter((w) => w.code === 'rule_error')).toEqual([]);
  });
});
