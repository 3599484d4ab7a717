import fc from 'fast-check';
import { parseNumberCell } from '../../../src/engine/ingest';
import { parseNumberString } from '../../../src/engine/ingest/numbers';

test('plain decimal text reads as exactly the double Number() gives (the digit fast path)', () => {
  const decimal = fc
    .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{0,17}$/), fc.option(fc.stringMatching(/^[0-9]{0,17}$/)))
    .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
  fc.assert(
    fc.property(decimal, (s) => {
      const want = s !== '' && Math.abs(Number(s)) <= 1e15 ? Number(s) : NaN;
      expect(Object.is(parseNumberString(s), want)).toBe(true);
    }),
    { numRuns: 3000 },
  );
  for (const s of ['0.1', '1234.56', '9007199254740993', '-0', '-.5', '1.', '.', '-', '1.2.3', '0.30000000000000004', '123456789012.345']) {
    expect(Object.is(parseNumberString(s), Math.abs(Number(s)) <= 1e15 ? Number(s) : NaN)).toBe(true);
  }
});

describe('parseNumberCell', () => {
  test.each([
    [1234.5, 1234.5],
    [-3, -3],
    [0, 0],
    ['42', 42],
    ['-42.5', -42.5],
    [' 17 ', 17],
    ['1,234.50', 1234.5],
    ['12,345,678', 12345678],
    ['1 234', 1234],
    ['1\u00a0234,50', 1234.5],
    ['1.234.567,89', 1234567.89],
    ['12,5', 12.5],
    ['(123)', -123],
    ['(1,234.00)', -1234],
    ['¥1,234', 1234],
    ['￥88', 88],
    ['$19.99', 19.99],
    ['€ 5', 5],
    ['£7.10', 7.1],
    ['-¥12', -12],
    ['¥-12', -12],
    ['100元', 100],
    ['1,000.5 元', 1000.5],
    ['RMB 300', 300],
    ['１２３４', 1234], // full-width digits
    ['１，２３４．５', 1234.5],
    ['1.5e3', 1500],
    ['.5', 0.5],
    ['+8', 8],
  ])('%p → %p', (input, expected) => {
    expect(parseNumberCell(input)).toBeCloseTo(expected as number, 10);
  });

  test.each([[''], ['   '], [null], [undefined], ['\u3000']])('blank %p → null', (input) => {
    expect(parseNumberCell(input)).toBeNull();
  });

  test.each(['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!'])('Excel error %s', (input) => {
    expect(parseNumberCell(input)).toEqual({ error: 'excel_error' });
  });

  test.each(['abc', '12abc', 'N/A', '1,2,3', '1.2.3', '--5', '¥', '12 34', 'Infinity', true, false, Number.NaN])(
    'not a number: %p',
    (input) => {
      expect(parseNumberCell(input)).toEqual({ error: 'not_number' });
    },
  );

  // Beyond ±1e15, or not finite: a data issue of its own, never Infinity in a sum.
  test.each([Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 1e308, '1e308', '-1e16', '1'.repeat(400), '¥1,000,000,000,000,001'])('out of range: %p', (input) => {
    expect(parseNumberCell(input)).toEqual({ error: 'out_of_range' });
  });
  test.each([1e15, -1e15, '999999999999999.5', '1e15'])('at the limit: %p', (input) => {
    expect(parseNumberCell(input)).toBe(Number(input));
  });
});
