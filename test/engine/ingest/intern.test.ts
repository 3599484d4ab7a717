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

  test('property: structured ids (prefix + digits, any width, leading zeros) get one code per string', () => {
    // Such ids take the direct-table path once the first one has fixed prefix and width; widths,
    // leading zeros, other prefixes and large numbers must still keep strings apart.
    const id = fc
      .tuple(fc.constantFrom('', 'C', 'c', 'CU-', 'C0'), fc.stringMatching(/^[0-9]{1,12}$/), fc.constantFrom('', '', '', 'x'))
      .map(([p, d, s]) => p + d + s);
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 300 }), (words) => {
        const it = new StringInterner(4);
        const first = new Map<string, number>();
        for (const w of words) {
          const c = it.intern(w);
          if (!first.has(w)) first.set(w, first.size);
          expect(c).toBe(first.get(w));
        }
        expect(it.keys).toEqual([...first.keys()]);
      }),
      { numRuns: 300 },
    );
  });

  test('property: hash-like ids (lowercase hex, one length) get one code per string, beside every other shape', () => {
    // The first lowercase hex id of 9–32 characters fixes the hex length; ids of that length take
    // the hex table, upper case, other lengths, non-hex letters and numbered ids the other paths.
    const hex = fc.stringMatching(/^[0-9a-f]{16}$/);
    const id = fc.oneof(
      hex,
      hex.map((h) => h.toUpperCase()),
      hex.map((h) => h.slice(0, 12)),
      hex.map((h) => `${h.slice(0, 15)}g`),
      fc.stringMatching(/^[0-9]{9,16}$/),
      fc.stringMatching(/^[0-9a-f]{32}$/),
      fc.constantFrom('C000123', 'C123', '0123456789abcdef', '0123456789abcdef', '0123456789abcdee'),
    );
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 300 }), (words) => {
        const it = new StringInterner(4);
        const first = new Map<string, number>();
        for (const w of words) {
          const c = it.intern(w);
          if (!first.has(w)) first.set(w, first.size);
          expect(c).toBe(first.get(w));
        }
        expect(it.keys).toEqual([...first.keys()]);
      }),
      { numRuns: 300 },
    );
  });

  test('property: hex ids of every length 9–32, odd ones too, one bad character anywhere', () => {
    // The hex path reads two characters a step; an odd length ends in a lone character, and a
    // non-hex character (upper case, g, a space, a non-ASCII letter) in any place, lone or paired,
    // sends the id to the other paths.
    // Each word is one of a few hex ids, or one of them with one character replaced (by another
    // hex digit: a near twin that must get its own code; or by a non-hex one) or one cut off.
    const shaped = fc.integer({ min: 9, max: 32 }).chain((len) => {
      const hex = fc.stringMatching(new RegExp(`^[0-9a-f]{${len}}$`));
      const change = fc.tuple(fc.nat({ max: len - 1 }), fc.constantFrom('0', 'f', '9', 'a', 'A', 'g', ' ', 'é', '０', 'Ｆ', ''));
      const word = fc.tuple(fc.nat(), fc.option(change, { freq: 2 }));
      return fc.tuple(fc.array(hex, { minLength: 1, maxLength: 8 }), fc.array(word, { minLength: 1, maxLength: 200 })).map(([bases, ws]) =>
        ws.map(([k, ch]) => {
          const h = bases[k % bases.length];
          return ch === null ? h : h.slice(0, ch[0]) + ch[1] + h.slice(ch[0] + 1);
        }),
      );
    });
    fc.assert(
      fc.property(shaped, (words) => {
        const it = new StringInterner(4);
        const first = new Map<string, number>();
        for (const w of [...words, ...words]) {
          const c = it.intern(w);
          if (!first.has(w)) first.set(w, first.size);
          expect(c).toBe(first.get(w));
        }
        expect(it.keys).toEqual([...first.keys()]);
      }),
      { numRuns: 300 },
    );
  });

  test('a hundred thousand 16-hex ids across hex-table growth', () => {
    const it = new StringInterner(4);
    const hex = (n: number) => (Math.imul(n + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0') + (Math.imul(n ^ 0x5bd1e995, 0x85ebca6b) >>> 0).toString(16).padStart(8, '0');
    const wrong: number[] = [];
    for (let n = 0; n < 100_000; n++) if (it.intern(hex(n)) !== n) wrong.push(n);
    for (let n = 0; n < 100_000; n += 7) if (it.intern(hex(n)) !== n) wrong.push(n);
    expect(wrong).toEqual([]);
    expect(it.size).toBe(100_000);
    expect(it.intern('ffffffffffffffff')).toBe(100_000);
  });

  test('numbered ids of mixed width and padding stay distinct', () => {
    const it = new StringInterner();
    const ws = ['C000123', 'C123', 'C0123', 'C000124', 'C1230', 'C0', 'C00', 'C000000', '123', '0123', 'C2097152', 'C2097152', 'C000123', 'D000123'];
    const codes = ws.map((w) => it.intern(w));
    expect(codes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 0, 11]);
    expect(it.keys).toEqual([...new Set(ws)]);
  });
});
