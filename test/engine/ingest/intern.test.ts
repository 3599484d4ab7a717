import fc from 'fast-check';
import { StringInterner } from '../../../src/engine/ingest/intern';

describe('StringInterner', () => {
  test('same text → same code, in first-seen order, across table growth', () => {
    const it = new StringInterner(2);
    // Short keys live in the table slots, long ones (> 10 UTF-16 units) in the arena: mix both.
    const words = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `k${i % 1700}` : `customer-${i % 1700}`));
    const codes = words.map((w) => it.intern(w));
    expect(it.size).toBe(new Set(words).size);
    expect(it.keys.slice(0, 3)).toEqual(['customer-0', 'k1', 'customer-2']);
    words.forEach((w, i) => expect(it.keys[codes[i]]).toBe(w));
  });

  test('property: codes are equal exactly when the strings are equal', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 300 }), (words) => {
        const it = new StringInterner(4);
        const first = new Map<string, number>();
        for (const w of words) {
          const c = it.intern(w);
          if (!first.has(w)) first.set(w, first.size);
          expect(c).toBe(first.get(w));
        }
        expect(it.keys).toEqual([...first.keys()]);
      }),
      { numRuns: 200 },
    );
  });

  test('strings that differ only in one UTF-16 unit or in length', () => {
    const it = new StringInterner();
    const ws = ['', 'a', 'aa', 'ab', 'ba', '客户', '客戶', 'é', 'e\u0301', 'abcdefghij', 'abcdefghijk', 'abcdefghijl', 'a\u0000', '\u0000'];
    expect(ws.map((w) => it.intern(w))).toEqual(ws.map((_, i) => i));
  });
});
