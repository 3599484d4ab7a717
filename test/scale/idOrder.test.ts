// Ids are ordered by Unicode code point (as SQL databases under a binary collation order
// them), not by UTF-16 code unit: U+E000–U+FFFF sort before characters above U+FFFF.
import fc from 'fast-check';
import { compareCodePoints, compareIds, sortedIdOrder } from '../../src/engine/metrics';

/** Independent oracle: compare the arrays of code points. */
function byCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

const sign = (n: number) => Math.sign(n);

describe('id order by code point', () => {
  test('a character above U+FFFF sorts after U+E000–U+FFFF (code units would put it first)', () => {
    expect('\u{1F600}' < '\uE000').toBe(true); // what code-unit order says
    expect(compareIds('\u{1F600}', '\uE000')).toBeGreaterThan(0);
    expect(compareIds('\uFFFD', '\u{10000}')).toBeLessThan(0);
    expect(compareIds('a\u{1F600}', 'a\uFF01')).toBeGreaterThan(0);
    const ids = ['\u{1F600}x', '\uE000y', 'b', '10', '2', '\uD7FF', '客户'];
    expect(Array.from(sortedIdOrder(ids), (i) => ids[i])).toEqual(['2', '10', 'b', '客户', '\uD7FF', '\uE000y', '\u{1F600}x']);
  });

  test('compareCodePoints agrees with a code-point oracle on any strings (full Unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(sign(compareCodePoints(a, b))).toBe(sign(byCodePoints(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  test('sortedIdOrder agrees with compareIds on distinct ids mixing BMP and non-BMP text', () => {
    const char = fc.constantFrom('a', 'Z', '0', '\uE000', '\uFFFD', '\u{1F600}', '\u{10000}', '客', 'é');
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(char, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('')), { maxLength: 40 }), (ids) => {
        const got = Array.from(sortedIdOrder(ids), (i) => ids[i]);
        expect(got).toEqual([...ids].sort((a, b) => (/^(0|[1-9]\d*)$/.test(a) || /^(0|[1-9]\d*)$/.test(b) ? compareIds(a, b) : byCodePoints(a, b))));
      }),
    );
  });

  test('DuckDB orders text the same way (ORDER BY on VARCHAR)', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const ids = ['\u{1F600}x', '\uE000y', 'b', 'B', '\uD7FF', '客户', '\u{10000}', '\uFFFD'];
    const values = ids.map((_, i) => `($${i + 1})`).join(', ');
    const rows = (await conn.runAndReadAll(`SELECT id FROM (VALUES ${values}) v(id) ORDER BY id`, ids)).getRowObjectsJS();
    conn.closeSync();
    inst.closeSync();
    expect(rows.map((r) => r.id)).toEqual(Array.from(sortedIdOrder(ids), (i) => ids[i]));
  });
});
