import fc from 'fast-check';
import { campaignCsv } from '../../src/output/campaign';
import { csvDocument, csvField, csvNumber, isShortDecimal } from '../../src/output/csv';

describe('one CSV writer', () => {
  test('numbers: exactly String(Number(x.toPrecision(15))), the rule the CSV always had', () => {
    const rule = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(15))) : '');
    fc.assert(fc.property(fc.double(), (x) => expect(csvNumber(x)).toBe(rule(x))), { numRuns: 30000 });
    for (const x of [347046690271189.5, 0.1 + 0.2, -0, 1e-7, 123456789012345.6, 1e15, 1e20, 1.5e21, 999999999999999.9, 68.88075208913649, NaN, Infinity]) expect(csvNumber(x)).toBe(rule(x));
    expect(csvNumber(0.1 + 0.2)).toBe('0.3');
  });

  test('numbers: amounts and shares of up to two decimals (the fast path) give the same text as the rule', () => {
    const rule = (x: number) => String(Number(x.toPrecision(15)));
    const cents = fc.oneof(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), fc.integer({ min: -100_000_000, max: 100_000_000 }));
    fc.assert(fc.property(cents, (k) => expect(csvNumber(k / 100)).toBe(rule(k / 100))), { numRuns: 30000 });
    // Near the bound (1e13) and sums that are not the nearest double to a two-place decimal.
    for (const x of [9999999999999.99, 10000000000000.01, -9999999999999.99, 0.1 + 0.2, 1.005 * 3, 2.675, 1e13 - 0.01, 0.01 + 0.02 + 0.04]) expect(csvNumber(x)).toBe(rule(x));
    expect(isShortDecimal(1344.68)).toBe(true);
    expect(isShortDecimal(0.1 + 0.2)).toBe(false);
  });

  test('text: quoted when it holds a quote, comma or line break or has white space at an end; formulas guarded unless raw', () => {
    expect(['a', 'a,b', 'say "hi"', 'x\ny', ' lead', 'trail\u3000', '客户'].map((v) => csvField(v))).toEqual(['a', '"a,b"', '"say ""hi"""', '"x\ny"', '" lead"', '"trail\u3000"', '客户']);
    expect(csvField('=1+1', false)).toBe("'=1+1");
    expect(csvField('=1+1', true)).toBe('=1+1');
    expect(csvField('-12.5', false)).toBe('-12.5');
    expect([null, undefined, 3, true].map((v) => csvField(v))).toEqual(['', '', '3', 'true']);
  });

  test('the campaign list is the same document with formulas guarded', () => {
    const list = { headers: ['id', 'name', 'revenue'], rows: [['C1', '=HYPERLINK("x")', 0.1 + 0.2]] };
    expect(campaignCsv(list)).toBe(csvDocument(list.headers, list.rows, false));
    expect(campaignCsv(list)).toBe('\uFEFFid,name,revenue\r\nC1,"\'=HYPERLINK(""x"")",0.3\r\n');
  });
});
