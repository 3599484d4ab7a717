// RFM scoring conventions and segment tables on small hand-checked inputs.
import { RfmSchema } from '../../src/config/schema';
import { computeMetrics } from '../../src/engine/metrics';
import { effectiveSegments, scoreRfm, segmentWarnings } from '../../src/engine/methods/rfm';
import type { CustomerData } from '../../src/engine/types';
import { orderData, type OrderRow } from './helpers';

/** One order per customer c1.. with the given amounts, all on one day (recency equal). */
function monetary(amounts: number[], cfg: object) {
  const rows: OrderRow[] = amounts.map((a, i) => ({ id: `c${i + 1}`, date: '2024-03-01', amount: a }));
  const m = computeMetrics(orderData(rows), null, { returns: 'net', windowDays: 90 }).metrics;
  return scoreRfm(m, RfmSchema.parse({ bins: 3, ...cfg }));
}

describe('RFM scoring conventions (3 bins, monetary)', () => {
  test('quantile (R rfm): cut points = type-7 quantiles + 1, intervals [lower, upper)', () => {
    // quantiles of 1..6 at 1/3, 2/3: 2.667, 4.333 → cuts 3.667, 5.333
    const res = monetary([1, 2, 3, 4, 5, 6], { scoring: 'quantile' });
    expect(res.cuts.monetary.map((x) => +x.toFixed(3))).toEqual([3.667, 5.333]);
    expect(Array.from(res.m)).toEqual([1, 1, 1, 2, 2, 3]);
  });

  test('quantile-inclusive (pandas-style): a value equal to its cut point stays in the lower bin', () => {
    const res = monetary([1, 2, 3, 4, 5, 6], { scoring: 'quantile-inclusive' });
    expect(Array.from(res.m)).toEqual([1, 1, 2, 2, 3, 3]);
    // ties: quantiles of [1,2,2,2,3,4] are 2 and 2.333 → the three 2s stay with 1
    expect(Array.from(monetary([1, 2, 2, 2, 3, 4], { scoring: 'quantile-inclusive' }).m)).toEqual([1, 1, 1, 1, 3, 3]);
    // same data under the R rule: cuts 3 and 3.333, 3 ≥ 3 → bin 2
    expect(Array.from(monetary([1, 2, 2, 2, 3, 4], { scoring: 'quantile' }).m)).toEqual([1, 1, 1, 1, 2, 3]);
  });

  test('rank: exact n-tiles, ties broken by customer id', () => {
    const res = monetary([5, 5, 5, 1, 9, 9], { scoring: 'rank' });
    // ascending: c4(1) c1(5) c2(5) | c3(5) c5(9) c6(9) → two per bin
    expect(Array.from(res.m)).toEqual([1, 2, 2, 1, 3, 3]);
  });

  test('fixed thresholds are inclusive upper bounds; recency is reversed', () => {
    const rows: OrderRow[] = [
      { id: 'a', date: '2024-03-31', amount: 2 },
      { id: 'b', date: '2024-03-01', amount: 3 },
      { id: 'c', date: '2023-12-01', amount: 50 },
    ];
    const m = computeMetrics(orderData(rows), null, { analysisDate: '2024-03-31', returns: 'net', windowDays: 90 }).metrics;
    const thresholds = { recency: [30, 90], frequency: [1, 2], monetary: [2, 5] };
    const res = scoreRfm(m, RfmSchema.parse({ bins: 3, scoring: 'fixed', thresholds }));
    // recency 0, 30, 121 days → 3, 3, 1; monetary 2, 3, 50 → 1, 2, 3; one order each → F 1
    expect(Array.from(res.r)).toEqual([3, 3, 1]);
    expect(Array.from(res.m)).toEqual([1, 2, 3]);
    expect(Array.from(res.f)).toEqual([1, 1, 1]);
    expect(Array.from(res.score)).toEqual([311, 312, 113]);
  });

  test('best "low" mirrors every score', () => {
    const high = monetary([1, 2, 3, 4, 5, 6], { scoring: 'quantile' });
    const low = monetary([1, 2, 3, 4, 5, 6], { scoring: 'quantile', best: 'low' });
    expect(low.m).toEqual(high.m.map((s) => 4 - (s as number)));
    expect(low.r).toEqual(high.r.map((s) => 4 - (s as number)));
  });

  test('score columns: typed when every customer is scored, null for a customer without orders', () => {
    const all = monetary([1, 2, 3], { scoring: 'quantile' });
    expect(all.score).toBeInstanceOf(Int32Array);
    const rows: OrderRow[] = [
      { id: 'a', date: '2024-03-01', amount: 2 },
      { id: 'b', date: '2024-03-02', amount: 3 },
    ];
    const customers: CustomerData = { n: 3, customer: ['a', 'b', 'p'], sourceRow: Int32Array.of(2, 3, 4), name: null, attributes: {}, raw: {} };
    const m = computeMetrics(orderData(rows), customers, { returns: 'net', windowDays: 90 }).metrics;
    const res = scoreRfm(m, RfmSchema.parse({ bins: 3 }));
    const p = m.ids.indexOf('p');
    for (const col of [res.r, res.f, res.m, res.score]) {
      expect(Array.isArray(col)).toBe(true);
      expect(col[p]).toBeNull();
      expect(col.filter((x) => x !== null)).toHaveLength(2);
    }
    expect(res.segment[p]).toBeNull();
  });
});

describe('RFM segments', () => {
  test('first match wins and unmatched customers are Others', () => {
    const segments = [
      { name: 'Top', r: [3, 3], f: [1, 3], m: [3, 3] },
      { name: 'Also top', r: [3, 3], f: [2, 3], m: [3, 3] },
      { name: 'Low', r: [1, 3], f: [1, 3], m: [1, 1] },
    ];
    const res = monetary([1, 2, 3, 4, 5, 6], { scoring: 'quantile', segments });
    // all recency equal → R = 3 (everyone in the lowest recency bin)
    expect(res.segment).toEqual(['Low', 'Low', 'Low', 'Others', 'Others', 'Top']);
    expect(res.warnings.map((w) => w.code)).toEqual(['rfm_segment_shadowed']);
    expect(res.warnings[0].params).toEqual({ segment: 'Also top', by: ['Top'] });
  });

  test('a range outside the scores is reported', () => {
    const w = segmentWarnings([{ name: 'Five', r: [5, 5], f: [1, 5], m: [1, 5] }], 3);
    expect(w).toEqual([{ code: 'rfm_segment_out_of_range', params: { segment: 'Five', bins: 3 } }]);
  });

  test('the default table is the rfm package table, every segment reachable, scaled for 3 and 4 bins', () => {
    const five = effectiveSegments(RfmSchema.parse({}));
    expect(five.map((s) => s.name)[0]).toBe('Champions');
    expect(five).toHaveLength(10);
    expect(segmentWarnings(five, 5)).toEqual([]);
    for (const bins of [3, 4]) {
      const table = effectiveSegments(RfmSchema.parse({ bins }));
      expect(table.length).toBeGreaterThan(3);
      expect(segmentWarnings(table, bins)).toEqual([]);
      expect(table[0]).toMatchObject({ name: 'Champions', r: [3, bins], f: [3, bins] });
    }
    const low = effectiveSegments(RfmSchema.parse({ best: 'low' }));
    expect(low[0]).toMatchObject({ name: 'Champions', r: [1, 2], f: [1, 2], m: [1, 2] });
  });
});
