import { parseNumberCell } from '../../../src/engine/ingest';

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
