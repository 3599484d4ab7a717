// Per-customer metrics on small hand-made order tables.
import fc from 'fast-check';
import { isoToDay } from '../../src/engine/calendar';
import { compareIds, computeMetrics, DAYS_PER_MONTH, sortedIdOrder } from '../../src/engine/metrics';
import { centsRankOrder, quantileSorted, quantilesOf, rankOrder, sortedFinite } from '../../src/engine/stats';
import { customerData, orderData, type OrderRow } from './helpers';

const opts = { returns: 'net' as const, windowDays: 90 };

function at(ids: string[], id: string): number {
  const i = ids.indexOf(id);
  if (i < 0) throw new Error(`no customer ${id}`);
  return i;
}

describe('metrics', () => {
  test('analysis date defaults to the latest order date; later orders are left out when it is given', () => {
    const rows: OrderRow[] = [
      { id: 'a', date: '2024-01-01', amount: 10 },
      { id: 'a', date: '2024-02-01', amount: 20 },
      { id: 'b', date: '2024-03-05', amount: 5 },
    ];
    const auto = computeMetrics(orderData(rows), null, opts);
    expect(auto.analysisDate).toBe('2024-03-05');
    expect(auto.analysisDateSource).toBe('latest-order');
    expect(auto.ordersAfterAnalysisDate).toBe(0);

    const given = computeMetrics(orderData(rows), null, { ...opts, analysisDate: '2024-01-31', keepOrders: true });
    expect(given.analysisDateSource).toBe('config');
    expect(given.ordersAfterAnalysisDate).toBe(2);
    expect(given.ordersUsed).toBe(1);
    const m = given.metrics;
    expect(m.ids).toEqual(['a', 'b']);
    expect([m.orders[0], m.revenue[0], m.recencyDays[0]]).toEqual([1, 10, 30]);
    // b only ordered after the analysis date: no orders as of that date
    expect([m.hasOrders[1], m.orders[1], m.revenue[1]]).toEqual([0, 0, 0]);
    expect(given.keptOrders!.n).toBe(1);
  });

  test('returns: "net" reduces revenue without counting an order; "exclude" drops the row', () => {
    const rows: OrderRow[] = [
      { id: 'a', date: '2024-01-01', amount: 100 },
      { id: 'a', date: '2024-01-10', amount: 50 },
      { id: 'a', date: '2024-01-20', amount: -30 },
    ];
    const net = computeMetrics(orderData(rows), null, opts);
    expect(net.returnRows).toBe(1);
    expect([net.metrics.orders[0], net.metrics.revenue[0], net.metrics.avgOrderValue[0]]).toEqual([2, 120, 60]);
    // the return is not a purchase: the last order stays 2024-01-10 (recency 10 days to the 20th)
    expect(net.metrics.lastDay[0]).toBe(isoToDay('2024-01-10'));
    expect(net.metrics.recencyDays[0]).toBe(10);

    const excl = computeMetrics(orderData(rows), null, { ...opts, returns: 'exclude' });
    expect(excl.returnRows).toBe(1);
    expect([excl.metrics.orders[0], excl.metrics.revenue[0]]).toEqual([2, 150]);
    expect(excl.ordersUsed).toBe(2);
  });

  test('orders are distinct order ids when mapped (line items); profit is summed', () => {
    const rows: OrderRow[] = [
      { id: 'a', date: '2024-01-01', amount: 10, profit: 2, orderId: 'O1' },
      { id: 'a', date: '2024-01-01', amount: 15, profit: 3, orderId: 'O1' },
      { id: 'a', date: '2024-01-05', amount: 5, profit: 1, orderId: 'O2' },
      { id: 'b', date: '2024-01-05', amount: 7, profit: -1, orderId: 'O3' },
    ];
    const m = computeMetrics(orderData(rows), null, opts).metrics;
    expect(Array.from(m.orders)).toEqual([2, 1]);
    expect(Array.from(m.revenue)).toEqual([30, 7]);
    expect(Array.from(m.profit!)).toEqual([6, -1]);
    expect(m.avgOrderValue[0]).toBe(15);
  });

  test('property: orders per customer = its distinct order ids among the counted rows (ids shared across customers, big and small customers)', () => {
    // Customer "big" gets up to 60 rows, past the pairwise comparison's limit; returns and rows after
    // the analysis date are not counted, and an order id used by two customers counts for each.
    const row = fc.record({
      id: fc.constantFrom('big', 'big', 'big', 'a', 'b', 'c'),
      day: fc.integer({ min: 1, max: 28 }),
      amount: fc.constantFrom(10, 25.5, -4),
      orderId: fc.constantFrom('O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8', 'O9', 'O10', 'O11', 'O12', 'O13', 'O14', 'O15', 'O16', 'O17', 'O18', 'O19', 'O20', 'O21'),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 90 }), (rs) => {
        const rows: OrderRow[] = rs.map((r) => ({ id: r.id, date: `2024-02-${String(r.day).padStart(2, '0')}`, amount: r.amount, orderId: r.orderId }));
        const run = computeMetrics(orderData(rows), null, { returns: 'exclude', windowDays: 90, analysisDate: '2024-02-20' });
        for (const id of new Set(rs.map((r) => r.id))) {
          const want = new Set(rs.filter((r) => r.id === id && r.amount >= 0 && r.day <= 20).map((r) => r.orderId)).size;
          expect(run.metrics.orders[at(run.metrics.ids, id)]).toBe(want);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('gaps are between distinct purchase days; rates over the tenure (at least one month)', () => {
    const rows: OrderRow[] = ['2024-01-01', '2024-01-11', '2024-01-11', '2024-01-31', '2024-02-01'].map((date) => ({ id: 'a', date, amount: 10 }));
    rows.push({ id: 'b', date: '2024-03-30', amount: 40 });
    const m = computeMetrics(orderData(rows), null, { ...opts, analysisDate: '2024-03-31' }).metrics;
    // distinct days 0, 10, 30, 31 → gaps 10, 20, 1
    expect(m.activeDays[0]).toBe(4);
    expect(m.meanGap[0]).toBeCloseTo(31 / 3, 12);
    expect(m.medianGap[0]).toBe(10);
    expect(m.orders[0]).toBe(5);
    // tenure 2024-01-01..2024-03-31 inclusive = 91 days
    expect(m.ordersPerWeek[0]).toBeCloseTo((5 / 91) * 7, 12);
    expect(m.ordersPerMonth[0]).toBeCloseTo((5 / 91) * DAYS_PER_MONTH, 12);
    expect(m.monthlySpend[0]).toBeCloseTo((50 / 91) * DAYS_PER_MONTH, 12);
    // b: one order yesterday → measured over a month, not 2 days
    expect(m.ordersPerMonth[1]).toBeCloseTo(1, 12);
    expect(Number.isNaN(m.medianGap[1])).toBe(true);
  });

  test('potential customers (customer list, no orders) and id order (numbers numerically)', () => {
    const rows: OrderRow[] = [
      { id: '10', date: '2024-01-01', amount: 1 },
      { id: 'b', date: '2024-01-01', amount: 1 },
      { id: '2', date: '2024-01-01', amount: 1 },
    ];
    const run = computeMetrics(orderData(rows), customerData(['a', '10', '2']), opts);
    const m = run.metrics;
    expect(m.ids).toEqual(['2', '10', 'a', 'b']);
    const a = at(m.ids, 'a');
    expect([m.hasOrders[a], m.orders[a], m.revenue[a]]).toEqual([0, 0, 0]);
    expect(Number.isNaN(m.recencyDays[a])).toBe(true);
  });

  test('customer-level facts: recency column used as given, otherwise from the last order', () => {
    const c = customerData(['x', 'y', 'z']);
    c.facts = {
      orders: Float64Array.from([3, 0, NaN]),
      revenue: Float64Array.from([300, 0, 50]),
      profit: null,
      lastDay: Float64Array.from([isoToDay('2024-01-10'), NaN, isoToDay('2024-01-20')]),
      firstDay: null,
      recencyDays: null,
    };
    const run = computeMetrics(null, c, opts);
    expect(run.analysisDate).toBe('2024-01-20');
    const m = run.metrics;
    expect(Array.from(m.orders)).toEqual([3, 0, 1]);
    expect(Array.from(m.hasOrders)).toEqual([1, 0, 1]);
    expect(m.recencyDays[0]).toBe(10);
    expect(run.ordersUsed).toBe(4);
  });
});

describe('metrics: sums', () => {
  test('cent amounts are summed exactly (no float noise) and amounts with many decimals still sum', () => {
    const cents: OrderRow[] = [
      { id: 'a', date: '2024-01-01', amount: 0.1 },
      { id: 'a', date: '2024-01-02', amount: 0.2 },
      { id: 'a', date: '2024-01-03', amount: -0.05 },
    ];
    expect(computeMetrics(orderData(cents), null, opts).metrics.revenue[0]).toBe(0.25);
    expect(0.1 + 0.2 - 0.05).not.toBe(0.25); // what a plain float sum gives
    const thirds: OrderRow[] = [
      { id: 'b', date: '2024-01-01', amount: 1 / 3 },
      { id: 'b', date: '2024-01-02', amount: 2 / 3 },
      { id: 'b', date: '2024-01-03', amount: 1e-7 },
    ];
    expect(computeMetrics(orderData(thirds), null, opts).metrics.revenue[0]).toBeCloseTo(1 + 1e-7, 12);
  });

  test('an absurd date range falls back to sorting per customer', () => {
    const rows: OrderRow[] = [
      { id: 'a', date: '9999-01-01', amount: 1 },
      { id: 'a', date: '1900-01-01', amount: 1 },
      { id: 'a', date: '1950-01-01', amount: 1 },
    ];
    const m = computeMetrics(orderData(rows), null, opts).metrics;
    expect(m.firstDay[0]).toBe(isoToDay('1900-01-01'));
    expect(m.medianGap[0]).toBe((isoToDay('9999-01-01') - isoToDay('1900-01-01')) / 2);
  });
});

describe('customer id order', () => {
  test('integers numerically first, then text by code unit', () => {
    const ids = ['b', '10', '-3', '007', 'A', '2', '-0', 'a', '0'];
    const rows = ids.map((id) => ({ id, date: '2024-01-01', amount: 1 }));
    const m = computeMetrics(orderData(rows), null, opts).metrics;
    expect(m.ids).toEqual(['-3', '0', '2', '10', '-0', '007', 'A', 'a', 'b']);
    expect([...ids].sort(compareIds)).toEqual(m.ids);
  });
});

describe('customer id order (property)', () => {
  test('sortedIdOrder agrees with compareIds on any distinct ids (ASCII, long prefixes, non-ASCII)', () => {
    const id = fc.oneof(
      fc.integer({ min: -1000, max: 100000 }).map(String),
      fc.stringMatching(/^[A-C0-9]{0,9}$/),
      fc.stringMatching(/^C0{8,14}[0-9~ ]{0,4}$/), // long shared prefixes: ties beyond the packed prefix
      fc.string({ maxLength: 12 }),
      fc.constantFrom('C0000001', 'C0000001x', 'C000000', 'Ä1', '客户1', 'a\u0000', 'a', '0042'),
    );
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 60 }), (ids) => {
        const order = Array.from(sortedIdOrder(ids), (i) => ids[i]);
        expect(order).toEqual([...ids].sort(compareIds));
      }),
    );
  });

  test('sortedIdOrder on integer ids across 16-bit digit boundaries and beyond the radix range', () => {
    const within = ['281474976710655', '65536', '65535', '4294967296', '4294967295', '1', '0', '131071', '8', 'B', 'A10', 'A9'];
    const beyond = [...within, '-999999999999999', '999999999999999'];
    for (const ids of [within, beyond]) {
      const order = Array.from(sortedIdOrder(ids), (i) => ids[i]);
      expect(order).toEqual([...ids].sort(compareIds));
    }
  });
});

describe('centsRankOrder (radix ranking of money)', () => {
  test('property: same order as rankOrder on whole cents, with ties, negatives, masks and NaN', () => {
    const cents = fc.oneof(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.constant(0));
    const entry = fc.tuple(fc.oneof(cents.map((c) => c / 100), fc.constant(NaN)), fc.boolean());
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 80 }), fc.boolean(), (rows, descending) => {
        const values = Float64Array.from(rows, ([v]) => v);
        const mask = Uint8Array.from(rows, ([, m]) => (m ? 1 : 0));
        const got = centsRankOrder(values, mask, descending);
        expect(got).not.toBeNull();
        expect(Array.from(got!)).toEqual(Array.from(rankOrder(values, mask, descending)));
      }),
    );
  });

  test('declines values that are not whole cents', () => {
    expect(centsRankOrder(Float64Array.from([1.005, 2]), Uint8Array.from([1, 1]), true)).toBeNull();
  });
});

describe('quantilesOf (selection instead of a sort)', () => {
  test('property: equals quantileSorted over sortedFinite, with duplicates, NaN, infinities and masks', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity, 0, -0));
    const ps = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.2, 0.25, 0.5, 0.75, 0.8, 1)), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.boolean()), { maxLength: 120 }), ps, (rows, qs) => {
        const values = Float64Array.from(rows, ([v]) => v);
        const mask = Uint8Array.from(rows, ([, m]) => (m ? 1 : 0));
        const sorted = sortedFinite(values, mask);
        expect(quantilesOf(values, mask, qs)).toEqual(qs.map((p) => quantileSorted(sorted, p)));
      }),
      { numRuns: 300 },
    );
  });

  test('property: the same for whole numbers in a small range (read from a histogram), -0 and masks included', () => {
    const value = fc.oneof(fc.integer({ min: -40, max: 400 }), fc.constantFrom(NaN, Infinity, -0, 0));
    const ps = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.boolean()), { minLength: 1, maxLength: 300 }), ps, (rows, qs) => {
        const values = Float64Array.from(rows, ([v]) => v);
        const mask = Uint8Array.from(rows, ([, m]) => (m ? 1 : 0));
        const sorted = sortedFinite(values, mask);
        expect(quantilesOf(values, mask, qs)).toEqual(qs.map((p) => quantileSorted(sorted, p)));
      }),
      { numRuns: 500 },
    );
  });
});


describe('scratch buffers reused across calls', () => {
  test('a run after a larger one gives the same metrics as before it (no state carried over)', () => {
    const small: OrderRow[] = [
      { id: 'b', date: '2024-01-03', amount: 5.5 },
      { id: 'a', date: '2024-01-01', amount: 10 },
      { id: 'b', date: '2024-01-01', amount: 2.25 },
      { id: 'a', date: '2024-01-09', amount: 1 },
    ];
    const large: OrderRow[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `C${String((i * 7919) % 997).padStart(4, '0')}`,
      date: `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      amount: ((i * 37) % 1000) / 4,
    }));
    const snapshot = (rows: OrderRow[]) => {
      const m = computeMetrics(orderData(rows), null, opts).metrics;
      return JSON.stringify([m.ids, m.orders, m.revenue, m.firstDay, m.lastDay, m.activeDays, m.medianGap, m.meanGap]);
    };
    const before = snapshot(small);
    const largeFirst = snapshot(large);
    expect(snapshot(small)).toBe(before);
    expect(snapshot(large)).toBe(largeFirst);
    expect(JSON.parse(before)[0]).toEqual(['a', 'b']);
    expect(JSON.parse(before)[2]).toEqual({ 0: 11, 1: 7.75 });
  });
});
