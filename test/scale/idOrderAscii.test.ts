// sortedIdOrder's ASCII path packs an id's first characters into a number, no more of them than
// the longest id has, and radixOrder skips passes whose digit is the same for every key.
// Both are checked here against plain comparison sorts.
import fc from 'fast-check';
import { CANONICAL_INT, compareIds, isCanonicalInt, sortedIdOrder } from '../../src/engine/metrics';
import { radixOrder } from '../../src/engine/stats';

describe('ASCII id order and radix order', () => {
  test('sortedIdOrder agrees with compareIds on wide and narrow alphabets, shared prefixes, short and long ids', () => {
    const char = fc.constantFrom('0', '1', '9', 'a', 'f', 'C', '-', '~', ' ');
    const id = fc.oneof(
      fc.array(char, { minLength: 1, maxLength: 3 }).map((cs) => cs.join('')),
      fc.array(char, { minLength: 1, maxLength: 60 }).map((cs) => 'C00' + cs.join('')),
      fc.integer({ min: -1000, max: 100000 }).map(String),
    );
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 60 }), (ids) => {
        expect(Array.from(sortedIdOrder(ids), (i) => ids[i])).toEqual([...ids].sort(compareIds));
      }),
      { numRuns: 500 },
    );
  });

  test('radixOrder orders masked keys as a stable sort does, over one, two and three 16-bit digits', () => {
    const maxKey = fc.constantFrom(1, 255, 2 ** 16 - 1, 2 ** 20, 2 ** 32 + 5, 2 ** 48 - 1);
    fc.assert(
      fc.property(maxKey, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { maxLength: 80 }), fc.boolean(), (max, rows, shared) => {
        // shared: every key the same above the low digit, so the upper passes are skipped
        const key = Float64Array.from(rows, ([x]) => (shared ? max - (Math.floor(x * max) % 7) : Math.floor(x * max)));
        const mask = Uint8Array.from(rows, ([, m]) => (m ? 1 : 0));
        const want = rows.map((_, i) => i).filter((i) => mask[i]).sort((a, b) => key[a] - key[b] || a - b);
        expect(Array.from(radixOrder(key, mask, max))).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});

describe('isCanonicalInt', () => {
  test('agrees with CANONICAL_INT on digit strings, signs, leading zeros and lengths around 15 digits', () => {
    const text = fc.oneof(
      fc.array(fc.constantFrom('0', '1', '5', '9', '-', 'a', ' ', '+', '.'), { maxLength: 18 }).map((cs) => cs.join('')),
      fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map(String),
      fc.string(),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(isCanonicalInt(s)).toBe(CANONICAL_INT.test(s));
      }),
      { numRuns: 3000 },
    );
    for (const s of ['0', '-0', '00', '-', '', '1', '-1', '999999999999999', '1000000000000000', '-999999999999999', '01']) expect(isCanonicalInt(s)).toBe(CANONICAL_INT.test(s));
  });
});
