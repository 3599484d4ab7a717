// The repeat-purchase summary against lifetimes' published CDNOW summary, and its definitions.
import { summarise } from '../../../src/engine/methods/clv/summary';
import type { OrderData } from '../../../src/engine/types';
import { CDNOW_CALIBRATION_END, loadCdnowSample, loadPublishedSummary } from './cdnow';

function orders(rows: [string, string, number][]): OrderData {
  const day = rows.map(([, d]) => Date.parse(`${d}T00:00:00Z`) / 86_400_000);
  return {
    n: rows.length,
    customer: rows.map(([c]) => c),
    day: Float64Array.from(day),
    amount: Float64Array.from(rows.map(([, , a]) => a)),
    profit: null,
    orderId: null,
    sourceRow: Int32Array.from(rows, (_, i) => i + 2),
  };
}
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('CDNOW summary (weeks, calibration to 1997-09-30)', () => {
  const published = loadPublishedSummary();
  // Orders after the calibration end are in the file: summarise must leave them out itself.
  const all = loadCdnowSample();
  const ids = published.map((r) => r.id);
  const s = summarise(all, ids, CDNOW_CALIBRATION_END, 'week');

  it('covers the 2,357 customers of the sample', () => {
    expect(published).toHaveLength(2357);
    expect(new Set(all.customer).size).toBe(2357);
    expect(Array.from(s.x).every(Number.isFinite)).toBe(true);
  });

  it('matches x exactly and t_x, T, zbar to the file’s 2 decimals for every customer', () => {
    const mismatches: string[] = [];
    const close = (ours: number, theirs: number) => Math.abs(ours - theirs) <= 0.005 + 1e-9;
    published.forEach((p, i) => {
      if (s.x[i] !== p.x || !close(s.tx[i], p.tx) || !close(s.T[i], p.T) || !close(s.meanSpend[i], p.zbar)) {
        mismatches.push(`${p.id}: ${s.x[i]} ${s.tx[i]} ${s.T[i]} ${s.meanSpend[i]} vs ${p.x} ${p.tx} ${p.T} ${p.zbar}`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  it('counts the orders after the calibration end as ignored', () => {
    let after = 0;
    for (let i = 0; i < all.n; i++) if (all.day[i] > CDNOW_CALIBRATION_END) after++;
    expect(after).toBeGreaterThan(0);
    expect(s.ordersIgnored).toBe(after);
  });

  it('has 946 repeat customers with mean repeat spend 35.08, median 27.50, max 299.63', () => {
    const spend = published.map((_, i) => i).filter((i) => s.x[i] > 0).map((i) => s.meanSpend[i]).sort((p, q) => p - q);
    expect(spend).toHaveLength(946);
    const mean = spend.reduce((a, v) => a + v, 0) / spend.length;
    const median = (spend[472] + spend[473]) / 2;
    expect(mean).toBeCloseTo(35.08, 2);
    expect(median).toBeCloseTo(27.5, 2);
    expect(spend[spend.length - 1]).toBeCloseTo(299.63, 2);
  });
});

describe('summary definitions', () => {
  const o = orders([
    ['A', '2024-01-01', 10],
    ['A', '2024-01-01', 5], // same day as the first: not a repeat, not repeat spend
    ['A', '2024-01-15', 20],
    ['A', '2024-01-15', 4], // same day: one purchase of 24
    ['A', '2024-01-29', 30],
    ['B', '2024-01-20', 7],
    ['Z', '2024-01-02', 99], // not in the customer list
    ['B', '2024-03-01', 50], // after the analysis date
  ]);
  const analysis = day('2024-02-12');

  it('counts repeat purchase days and averages same-day-summed repeat spend', () => {
    const s = summarise(o, ['A', 'B', 'C'], analysis, 'day');
    expect(Array.from(s.x.subarray(0, 2))).toEqual([2, 0]);
    expect(Array.from(s.tx.subarray(0, 2))).toEqual([28, 0]);
    expect(Array.from(s.T.subarray(0, 2))).toEqual([42, 23]);
    expect(s.meanSpend[0]).toBeCloseTo((24 + 30) / 2, 12);
    expect(s.meanSpend[1]).toBe(0);
    expect(s.ordersIgnored).toBe(2);
  });

  it('gives customers without orders NaN', () => {
    const s = summarise(o, ['A', 'B', 'C'], analysis, 'day');
    expect([s.x[2], s.tx[2], s.T[2], s.meanSpend[2]].every(Number.isNaN)).toBe(true);
  });

  it('converts days to weeks (7) and months (365.25/12)', () => {
    const w = summarise(o, ['A'], analysis, 'week');
    const m = summarise(o, ['A'], analysis, 'month');
    expect(w.tx[0]).toBe(4);
    expect(w.T[0]).toBe(6);
    expect(m.T[0]).toBeCloseTo(42 / (365.25 / 12), 12);
    expect(m.x[0]).toBe(2);
  });

  it('does not depend on the order of the rows', () => {
    const rows: [string, string, number][] = [
      ['A', '2024-01-29', 30],
      ['A', '2024-01-15', 4],
      ['B', '2024-01-20', 7],
      ['A', '2024-01-01', 5],
      ['A', '2024-01-15', 20],
      ['A', '2024-01-01', 10],
    ];
    const a = summarise(orders(rows), ['A', 'B'], analysis, 'day');
    const b = summarise(orders(rows.slice().reverse()), ['A', 'B'], analysis, 'day');
    expect(a).toEqual(b);
    expect(a.meanSpend[0]).toBeCloseTo(27, 12);
  });
});
