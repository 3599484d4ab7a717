// Reference figures of the R package rfm 0.3.0 (rsquaredacademy), as listed in
// ../shared/data/SOURCES.md, reproduced through the whole pipeline (text → ingest → classify).
import * as fs from 'fs';
import * as path from 'path';
import { op } from 'arquero';
import { classify } from '../../src/engine/classify';
import { textToGrid } from '../../src/engine/ingest';
import type { ClassificationResult } from '../../src/engine/types';
import { config, DATA, R_TEST_SEGMENTS } from './helpers';

function grid(file: string) {
  return textToGrid(new Uint8Array(fs.readFileSync(path.join(DATA, file))), file);
}

function counts(values: unknown[]): number[] {
  const out = [0, 0, 0, 0, 0];
  for (const v of values) out[(v as number) - 1]++;
  return out;
}

describe('rfm package reference: rfm_rsquaredacademy_orders.csv, analysis date 2006-12-31', () => {
  let res: ClassificationResult;
  beforeAll(() => {
    res = classify({ orders: grid('rfm_rsquaredacademy_orders.csv') }, config({ analysisDate: '2006-12-31', methods: { rfm: { scoring: 'quantile', segments: R_TEST_SEGMENTS } } }));
  });

  test('total transactions 4906 over 995 customers, no issues', () => {
    expect(res.stats.ordersUsed).toBe(4906);
    expect(res.customers.numRows()).toBe(995);
    expect(res.issues).toEqual([]);
    let total = 0;
    for (const v of res.customers.array('orders')) total += v as number;
    expect(total).toBe(4906);
  });

  test('cut points: recency 115/181/297.4/482, frequency 4/5/6/8, monetary 255.8/382/506.4/666', () => {
    const cuts = res.cuts.rfm!;
    expect(cuts.recency).toEqual([115, 181, 297.4, 482]);
    expect(cuts.frequency).toEqual([4, 5, 6, 8]);
    expect(cuts.monetary).toEqual([255.8, 382, 506.4, 666]);
  });

  test('score counts per bin', () => {
    const t = res.customers;
    expect(counts(t.array('rfm_r') as unknown[])).toEqual([197, 200, 199, 199, 200]);
    expect(counts(t.array('rfm_f') as unknown[])).toEqual([268, 187, 176, 244, 120]);
    expect(counts(t.array('rfm_m') as unknown[])).toEqual([200, 200, 198, 202, 195]);
  });

  test('rfm_score = 100R + 10F + M', () => {
    const o = res.customers.object(0) as Record<string, number>;
    expect(o.rfm_score).toBe(100 * o.rfm_r + 10 * o.rfm_f + o.rfm_m);
  });

  test('test segment table: Champions = 158 customers, 1234 orders, revenue 120178', () => {
    const seg = res.summaries.find((s) => s.method === 'rfm_segment')!;
    const champions = seg.tiers.find((t) => t.tier === 'Champions')!;
    expect([champions.customers, champions.orders, champions.revenue]).toEqual([158, 1234, 120178]);
    // every customer is in exactly one segment (Others included)
    expect(seg.tiers.reduce((s, t) => s + t.customers, 0)).toBe(995);
  });

  test('heat map: the sum over F×R cells of mean revenue, rounded, is 12634', () => {
    const t = res.customers.groupby('rfm_f', 'rfm_r').rollup({ mean: (d: { revenue: number }) => op.mean(d.revenue) });
    let sum = 0;
    for (const v of t.array('mean')) sum += v as number;
    expect(Math.round(sum)).toBe(12634);
  });

  test('segment table warnings name the shadowed segments', () => {
    const shadowed = res.warnings.filter((w) => w.code === 'rfm_segment_shadowed').map((w) => w.params!.segment);
    // New Customers and Promising lie inside Potential Loyalist (R 3–5, F 1–3, M 1–3); Can't Lose Them inside At Risk.
    expect(shadowed).toEqual(['New Customers', 'Promising', "Can't Lose Them"]);
  });
});

describe('rfm package reference: rfm_rsquaredacademy_customers.csv (customer-level input)', () => {
  test('total orders 393223 and every customer scored', () => {
    const res = classify({ customers: grid('rfm_rsquaredacademy_customers.csv') }, config({}));
    expect(res.customers.numRows()).toBe(39999);
    let total = 0;
    for (const v of res.customers.array('orders')) total += v as number;
    expect(total).toBe(393223);
    expect(res.stats.ordersUsed).toBe(393223);
    const r = res.customers.array('rfm_r') as (number | null)[];
    expect(r.every((x) => x !== null && x >= 1 && x <= 5)).toBe(true);
  });
});
