// The result's first_order/last_order columns: whole days in a short range are formatted through
// an array cache, anything else through a Map; both must give dayToIso of every day, null for NaN.
import fc from 'fast-check';
import { dayToIso } from '../../src/engine/calendar';
import { isoColumn } from '../../src/engine/classify';

describe('isoColumn', () => {
  test('every day formatted as dayToIso, NaN as null, for narrow, wide and fractional day ranges', () => {
    const day = fc.oneof(
      fc.integer({ min: 18000, max: 18400 }),
      fc.integer({ min: -800000, max: 2900000 }),
      fc.double({ min: 0, max: 30000, noNaN: true }),
      fc.constant(NaN),
    );
    fc.assert(
      fc.property(fc.array(day, { maxLength: 50 }), (xs) => {
        const days = Float64Array.from(xs);
        expect(isoColumn(days)).toEqual(Array.from(days, (d) => (Number.isNaN(d) ? null : dayToIso(d))));
      }),
      { numRuns: 1000 },
    );
  });
});
