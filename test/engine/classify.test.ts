// classify as a whole: dimensions and cross-tabs, summaries, progress, result shape.
import { classify, classifyIngested } from '../../src/engine';
import { CONFIG_VERSION } from '../../src/config';
import { TieringError } from '../../src/engine/types';
import * as fs from 'fs';
import * as path from 'path';
import { config, customerData, DATA, ingested, orderData, type OrderRow } from './helpers';

const rows: OrderRow[] = [
  { id: 'a', date: '2024-05-01', amount: 500 },
  { id: 'a', date: '2024-06-01', amount: 300 },
  { id: 'b', date: '2024-06-10', amount: 200 },
  { id: 'c', date: '2024-01-10', amount: 100 },
  { id: 'd', date: '2023-06-10', amount: 50 },
];

function withCustomers() {
  return customerData(['a', 'b', 'c', 'd', 'e'], { region: ['North', 'South', 'North', null, 'South'], 行业: ['零售', '制造', '零售', '制造', '零售'] }, ['Ann', 'Bob', 'Cy', 'Di', 'Ed']);
}

describe('classify', () => {
  test('dimensions become columns and are cross-tabulated against every method', () => {
    const res = classifyIngested(ingested(orderData(rows), withCustomers()), config({ analysisDate: '2024-06-30', methods: { dimensions: ['region', '行业', 'missing'] } }));
    const t = res.customers;
    expect(t.array('region')).toEqual(['North', 'South', 'North', null, 'South']);
    expect(t.array('行业')).toEqual(['零售', '制造', '零售', '制造', '零售']);
    expect(t.array('name')).toEqual(['Ann', 'Bob', 'Cy', 'Di', 'Ed']);
    expect(res.warnings).toContainEqual({ code: 'dimension_not_found', params: { dimension: 'missing' } });

    const abcByRegion = res.crosstabs.find((c) => c.method === 'abc' && c.dimension === 'region')!;
    expect(abcByRegion.rowTiers).toEqual(['A', 'B', 'C']);
    expect(abcByRegion.columnValues).toEqual(['North', 'South', '']);
    // 4 customers with orders, shares before them: a 0% → A; b 25%, c 50% → B; d 75% → C
    expect(t.array('abc')).toEqual(['A', 'B', 'B', 'C', null]);
    expect(abcByRegion.counts).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    const activityByRegion = res.crosstabs.find((c) => c.method === 'activity' && c.dimension === 'region')!;
    const potential = activityByRegion.rowTiers.indexOf('potential');
    expect(activityByRegion.counts[potential]).toEqual([0, 1, 0]);
    // one cross-tab per dimension found × method summary
    expect(res.crosstabs).toHaveLength(2 * res.summaries.length);
  });

  test('summaries: customers, shares, revenue, orders and AOV per tier, best first', () => {
    const res = classifyIngested(ingested(orderData(rows), withCustomers()), config({ analysisDate: '2024-06-30' }));
    const abc = res.summaries.find((s) => s.method === 'abc')!;
    expect(abc.tiers.map((x) => x.tier)).toEqual(['A', 'B', 'C']);
    const b = abc.tiers[1];
    expect(b).toEqual({ tier: 'B', customers: 2, share: 0.5, revenue: 300, revenueShare: 300 / 1150, orders: 2, avgOrderValue: 150 });
    expect(abc.tiers[0]).toMatchObject({ customers: 1, revenue: 800, orders: 2 });
    // a tier nobody reached stays in the list, with no average order value
    const freq = res.summaries.find((s) => s.method === 'frequency_tier')!;
    expect(freq.tiers[0]).toEqual({ tier: 'several_per_week', customers: 0, share: 0, revenue: 0, revenueShare: 0, orders: 0, avgOrderValue: null });
    expect(res.stats).toEqual({
      orderRows: 5,
      ordersUsed: 5,
      ordersAfterAnalysisDate: 0,
      returnRows: 0,
      returnsPolicy: 'net',
      customers: 5,
      customersWithOrders: 4,
      potentialCustomers: 1,
      rowsWithIssues: 0,
    });
    expect(Object.keys(res.cuts)).toEqual(['abc', 'rfm', 'activity']);
    expect(res.analysisDate).toBe('2024-06-30');
    expect(res.configVersion).toBe(CONFIG_VERSION);
  });

  test('methods switched off leave no columns; progress is reported in order', () => {
    const stages: string[] = [];
    const res = classifyIngested(
      ingested(orderData(rows)),
      config({ methods: { abc: { enabled: false }, rfm: {}, activity: { enabled: false } } }),
      (p) => stages.push(p.stage),
    );
    expect(res.customers.columnNames()).not.toContain('abc');
    expect(res.customers.columnNames()).not.toContain('activity');
    expect(res.customers.columnNames()).toContain('rfm_segment');
    expect(stages).toEqual(['metrics', 'rfm', 'summaries']);
  });

  test('no usable rows → TieringError', () => {
    expect(() => classifyIngested(ingested(null, null), config())).toThrow(TieringError);
  });

  test('classify ingests Excel-shaped grids (serial dates, numbers)', () => {
    const grid = {
      name: 'Orders',
      values: [
        ['客户ID', '订单日期', '金额'],
        ['A-1', 45292, 100], // 2024-01-01
        ['A-1', 45322, 50],
        ['B-2', 45300, '¥1,200.50'],
      ],
    };
    const res = classify({ orders: grid }, config());
    expect(res.analysisDate).toBe('2024-01-31');
    expect(res.customers.array('customer_id')).toEqual(['A-1', 'B-2']);
    expect(Array.from(res.customers.array('revenue') as ArrayLike<number>)).toEqual([150, 1200.5]);
    expect(Array.from(res.customers.array('orders') as ArrayLike<number>)).toEqual([2, 1]);
  });
});

describe('classify with the optional methods', () => {
  test('rule sets add rule_<name> columns, a summary in rule order and a report', () => {
    const res = classifyIngested(
      ingested(orderData(rows)),
      config({
        analysisDate: '2024-06-30',
        methods: { rules: [{ name: 'big', rules: [{ tier: 'Key', when: 'revenue >= 200' }, { tier: 'Small', when: 'revenue < 100' }], otherwise: 'Mid' }] },
      }),
    );
    expect(res.customers.array('rule_big')).toEqual(['Key', 'Key', 'Mid', 'Small']);
    const s = res.summaries.find((x) => x.method === 'rule_big')!;
    expect(s.tiers.map((x) => [x.tier, x.customers])).toEqual([
      ['Key', 2],
      ['Small', 1],
      ['Mid', 1],
    ]);
    expect(res.reports.rules).toHaveLength(1);
  });

  test('a rule set that does not compile becomes a warning; the other methods still run', () => {
    const res = classifyIngested(
      ingested(orderData(rows)),
      config({ methods: { rules: [{ name: 'broken', rules: [{ tier: 'X', when: 'revenue >>> 3' }] }] } }),
    );
    expect(res.warnings.some((w) => w.code === 'rule_error' && w.params!.ruleSet === 'broken')).toBe(true);
    expect(res.customers.columnNames()).toContain('abc');
  });

  test('CLV adds its columns when enabled (CDNOW sample), on the orders kept as of the analysis date', () => {
    const text = fs.readFileSync(path.join(DATA, 'lifetimes_CDNOW_sample.txt'), 'utf8');
    const cdnow: OrderRow[] = text
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l) => {
        const [, id, ymd, , dollars] = l.trim().split(/\s+/);
        return { id, date: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`, amount: Number(dollars) };
      });
    const res = classifyIngested(ingested(orderData(cdnow)), config({ analysisDate: '1997-09-30', methods: { clv: { enabled: true } } }));
    expect(res.warnings.filter((w) => w.code.startsWith('clv'))).toEqual([]);
    expect(res.customers.columnNames()).toEqual(expect.arrayContaining(['clv_p_alive', 'clv_expected_purchases', 'clv_value', 'clv_tier']));
    // default tierCuts [0.2, 0.5] → three tiers, best first
    expect(res.summaries.find((x) => x.method === 'clv_tier')!.tiers.map((x) => x.tier)).toEqual(['top', 'middle', 'low']);
    // fitted on the 2,357 sample customers as of the calibration end (orders after it left out)
    expect((res.reports.clv as { customersUsed: number }).customersUsed).toBe(2357);
    expect(res.stats.ordersAfterAnalysisDate).toBeGreaterThan(0);
  });

  test('a CLV fit that fails becomes a warning and the other methods still run', () => {
    const few: OrderRow[] = [];
    for (let c = 0; c < 40; c++) for (let k = 0; k <= c % 6; k++) few.push({ id: `c${c}`, date: `2024-0${1 + ((c + k * 2) % 6)}-1${k}`, amount: 10 + c + k });
    const res = classifyIngested(ingested(orderData(few)), config({ analysisDate: '2024-06-30', methods: { clv: { enabled: true } } }));
    expect(res.warnings.map((w) => w.code)).toContain('clv_failed');
    expect(res.customers.columnNames()).not.toContain('clv_value');
    expect(res.customers.columnNames()).toContain('rfm_segment');
  });
});

describe('classify with data issues', () => {
  test('rows left out are counted once each; the rest is classified', () => {
    const grid = {
      name: 'Orders',
      values: [
        ['customer_id', 'order_date', 'amount'],
        ['a', '2024-01-01', 10],
        ['a', 'not a date', 'abc'], // two problems, one row
        ['', '2024-01-02', 5],
        ['b', '2024-01-03', '#N/A'],
        ['b', '2024-01-04', 7],
      ],
    };
    const res = classify({ orders: grid }, config());
    expect(res.stats.orderRows).toBe(5);
    expect(res.stats.ordersUsed).toBe(2);
    expect(res.stats.rowsWithIssues).toBe(3);
    expect(res.customers.array('customer_id')).toEqual(['a', 'b']);
    expect(new Set(res.issues.filter((i) => i.severity === 'error').map((i) => i.row))).toEqual(new Set([3, 4, 5]));
  });
});

describe('classify reuses buffers between runs', () => {
  // Range.values-shaped grids: classify reads these with reused order and metric buffers.
  const grid = (n: number, customers: number, seed: number) => {
    const values: (string | number)[][] = [['customer_id', 'order_date', 'amount']];
    for (let i = 0; i < n; i++) values.push([`K${(i * seed) % customers}`, 45292 + ((i * 31 + seed) % 400), ((i * 37 + seed) % 1000) / 4 + 1]);
    return { name: 'Orders', values };
  };
  const everything = (res: ReturnType<typeof classify>) =>
    JSON.stringify([res.customers.columnNames().map((c) => [c, Array.from(res.customers.array(c) as ArrayLike<unknown>)]), res.summaries, res.cuts, res.stats, res.analysisDate]);

  test('a result is unchanged by a later, larger run, and the same input gives the same result again', () => {
    const cfg = config({});
    const small = grid(40, 7, 3);
    // a large run first, so the small one is read into the same (already large enough) buffers
    expect(classify({ orders: grid(5000, 900, 7) }, cfg).customers.numRows()).toBe(900);
    const first = classify({ orders: small }, cfg);
    const before = everything(first);
    const large = classify({ orders: grid(6000, 950, 11) }, cfg);
    expect(large.customers.numRows()).toBe(950);
    expect(everything(first)).toBe(before);
    expect(everything(classify({ orders: small }, cfg))).toBe(before);
    expect(first.customers.numRows()).toBe(7);
    // K0 has the rows i = 0, 7, …, 35: 6 orders
    expect(first.customers.array('orders')[0]).toBe(6);
  });
});
