// The numeric helpers against naive reference implementations.
import fc from 'fast-check';
import { quantileSorted, rankOrder, sortedFinite } from '../../src/engine/stats';

const values = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), { maxLength: 80 });

describe('stats helpers', () => {
  test('sortedFinite = the masked finite values sorted (integer counting path and typed sort)', () => {
    fc.assert(
      fc.property(values, fc.boolean(), (xs, ints) => {
        const v = Float64Array.from(xs, (x) => (ints && Number.isFinite(x) ? Math.round(x) : x));
        const mask = Uint8Array.from(xs, (_, i) => (i % 5 === 4 ? 0 : 1));
        const expected = Array.from(v)
          .filter((x, i) => mask[i] && Number.isFinite(x))
          .sort((a, b) => a - b);
        // -0 and 0 are the same value here (the counting path writes 0)
        expect(Array.from(sortedFinite(v, mask), (x) => x + 0)).toEqual(expected.map((x) => x + 0));
      }),
    );
  });

  test('rankOrder = indexes by value then index (ties, negatives, values a few ulps apart)', () => {
    const nearby = fc.integer({ min: -3, max: 3 }).map((k) => 1000 + k * 1e-12);
    const mixed = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), nearby, fc.constant(NaN), fc.constant(-0)), { maxLength: 80 });
    fc.assert(
      fc.property(mixed, fc.boolean(), fc.boolean(), (xs, desc, coarse) => {
        const v = Float64Array.from(xs, (x) => (coarse && Number.isFinite(x) ? Math.round(x / 10) : x)); // coarse: many ties
        const mask = Uint8Array.from(xs, (_, i) => (i % 7 === 3 ? 0 : 1));
        const expected = [...v.keys()]
          .filter((i) => mask[i] && Number.isFinite(v[i]))
          .sort((a, b) => (desc ? v[b] - v[a] : v[a] - v[b]) || a - b);
        expect(Array.from(rankOrder(v, mask, desc))).toEqual(expected);
      }),
    );
  });

  test('quantileSorted is R type 7', () => {
    // R: quantile(c(1, 2, 4, 8), c(0.2, 0.5, 0.9)) = 1.6, 3.0, 6.8
    const s = Float64Array.from([1, 2, 4, 8]);
    expect([0.2, 0.5, 0.9].map((p) => +quantileSorted(s, p).toFixed(10))).toEqual([1.6, 3, 6.8]);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});
