// The grammar, table-driven: precedence and associativity, every operator and its spellings,
// 中文 synonyms, quoted names, case-insensitive keywords; then each operator's result on a
// small table with blanks (three-valued logic).
import { parseRule } from '../../../src/engine/methods/rules/parser';
import { RuleSyntaxError } from '../../../src/engine/methods/rules/errors';
import { matchingIds, sexpr, smallTable, utc } from './helpers';

const parsed = (text: string, columns: string[] = []) => sexpr(parseRule(text, { isColumn: (n) => columns.includes(n) }));

describe('precedence and associativity', () => {
  test.each([
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b / c', '(/ (/ a b) c)'],
    ['a - b + c', '(+ (- a b) c)'],
    ['(a + b) * c', '(* (+ a b) c)'],
    ['-a * b', '(* (neg a) b)'],
    ['- -a', '(neg (neg a))'],
    ['+a', 'a'],
    ['a * (b + c) / -d', '(/ (* a (+ b c)) (neg d))'],
    ['a + 1 > b * 2', '(> (+ a 1) (* b 2))'],
    ['a > 1 and b < 2 or c = 3', '(or (and (> a 1) (< b 2)) (= c 3))'],
    ['a > 1 or b < 2 and c = 3', '(or (> a 1) (and (< b 2) (= c 3)))'],
    ['a = 1 or b = 2 or c = 3', '(or (or (= a 1) (= b 2)) (= c 3))'],
    ['a = 1 and b = 2 and c = 3', '(and (and (= a 1) (= b 2)) (= c 3))'],
    ['not a > 1 and b = 2', '(and (not (> a 1)) (= b 2))'],
    ['not (a > 1 and b = 2)', '(not (and (> a 1) (= b 2)))'],
    ['not not a', '(not (not a))'],
    ['(a > 1 or b > 1) and c > 1', '(and (or (> a 1) (> b 1)) (> c 1))'],
    ['a between 1 and 2 and b = 3', '(and (between a 1 2) (= b 3))'],
    ['a between 1 + 1 and 2 * 3', '(between a (+ 1 1) (* 2 3))'],
    ['a in (1 + 1, 3) or b is blank', '(or (in a (+ 1 1) 3) (blank b))'],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe('operators and their spellings', () => {
  test.each([
    ['a = 1', '(= a 1)'],
    ['a == 1', '(= a 1)'],
    ['a != 1', '(!= a 1)'],
    ['a <> 1', '(!= a 1)'],
    ['a ≠ 1', '(!= a 1)'],
    ['a < 1', '(< a 1)'],
    ['a <= 1', '(<= a 1)'],
    ['a ≤ 1', '(<= a 1)'],
    ['a > 1', '(> a 1)'],
    ['a >= 1', '(>= a 1)'],
    ['a ≥ 1', '(>= a 1)'],
    ['a>=1', '(>= a 1)'],
    ['a not between 1 and 2', '(not-between a 1 2)'],
    ["s in ('x', 'y')", "(in s 'x' 'y')"],
    ["s not in ('x')", "(not-in s 'x')"],
    ["s in （'x'，'y'）", "(in s 'x' 'y')"],
    ['s is blank', '(blank s)'],
    ['s is not blank', '(not-blank s)'],
    ['s IS NULL', '(blank s)'],
    ["s contains 'x'", "(contains s 'x')"],
    ["s not contains 'x'", "(not-contains s 'x')"],
    ["s starts with 'x'", "(starts s 'x')"],
    ["s not starts with 'x'", "(not-starts s 'x')"],
    ['A > 1 AND b < 2 Or NOT c = 1', '(or (and (> A 1) (< b 2)) (not (= c 1)))'],
    ["s Starts With 'x' aNd s Between 'a' AND 'z'", "(and (starts s 'x') (between s 'a' 'z'))"],
    ['a > 1 且 b < 2 或 非 c = 1', '(or (and (> a 1) (< b 2)) (not (= c 1)))'],
    ["地区='华东'且公司规模='大型'", "(and (= 地区 '华东') (= 公司规模 '大型'))"],
    ["公司规模 = '大型'", "(= 公司规模 '大型')"],
    ['`my col` > 1', '(> {my col} 1)'],
    ['[my col] > 1', '(> {my col} 1)'],
    ['`客户 等级` = 1', '(= {客户 等级} 1)'],
    ['`a``b` = 1', '(= {a`b} 1)'],
    ['[a]]b] = 1', '(= {a]b} 1)'],
    ["date '2024-01-01' < last_order", '(< date(2024-01-01) last_order)'],
    ["DATE '2024/1/5' = d", '(= date(2024-01-05) d)'],
    ['round(a, 2) > abs(b)', '(> (round a 2) (abs b))'],
    ['MAX(a, b, c) = min(a, 1)', '(= (MAX a b c) (min a 1))'],
    ['days_since(last_order) <= 90', '(<= (days_since last_order) 90)'],
    ['"East" = s', "(= 'East' s)"],
    ['s = “华东”', "(= s '华东')"],
    ["s = 'it''s'", "(= s 'it's')"],
    ['a > 1.5e3', '(> a 1500)'],
    ['a > 0.25', '(> a 0.25)'],
    ['flag = true or flag = FALSE', '(or (= flag true) (= flag false))'],
    ['a > 1\n  and\tb < 2', '(and (> a 1) (< b 2))'],
    ['a\u3000>\u30001', '(> a 1)'],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toBe(expected);
  });

  test('a bare name containing 且/或/非 stays one name when the table has that column', () => {
    expect(parsed("非会员 = 'Y'", ['非会员'])).toBe("(= 非会员 'Y')");
    expect(parsed("非会员 = 'Y'", [])).toBe("(not (= 会员 'Y'))");
    expect(parsed("区域或城市 = 'A'", ['区域或城市'])).toBe("(= 区域或城市 'A')");
    expect(parsed("区域 = 'A' 或城市 = 'B'", ['区域', '城市'])).toBe("(or (= 区域 'A') (= 城市 'B'))");
  });
});

describe('syntax errors: code and position', () => {
  const error = (text: string) => {
    try {
      parseRule(text);
    } catch (e) {
      expect(e).toBeInstanceOf(RuleSyntaxError);
      const err = e as RuleSyntaxError;
      return { code: err.code, expected: err.params.expected, offset: err.offset };
    }
    throw new Error(`parsed: ${text}`);
  };
  test.each([
    ['a > ', 'expected', 'value', 4],
    ['a < b < c', 'expected', 'andOr', 6],
    ['a = 1 = 2', 'expected', 'andOr', 6],
    ['(a > 1', 'expected', 'close', 6],
    ['a between 1 or 2', 'expected', 'betweenAnd', 12],
    ['a in 1', 'expected', 'listOpen', 5],
    ['a in ()', 'expected', 'value', 6],
    ['a in (1 2)', 'expected', 'commaOrClose', 8],
    ['a is 5', 'expected', 'blank', 5],
    ["s starts 'x'", 'expected', 'with', 9],
    ['d > date 2024', 'expected', 'dateText', 9],
    ['a > 1 b', 'expected', 'end', 6],
    ['in (1)', 'expected', 'value', 0],
    ['abs(1,) > 0', 'expected', 'value', 6],
    ['a not > 1', 'expected', 'end', 2],
    ["d > date '2024-02-30'", 'invalid_date', undefined, 9],
    ['a > 1e999', 'invalid_number', undefined, 4],
    ["s = 'abc", 'unterminated_string', undefined, 4],
    ['`abc = 1', 'unterminated_name', undefined, 0],
    ['[abc = 1', 'unterminated_name', undefined, 0],
    ['a # 1', 'unexpected_char', undefined, 2],
    ['a > 1; b', 'unexpected_char', undefined, 5],
    ['', 'empty', undefined, 0],
    ['   \n ', 'empty', undefined, 0],
  ])('%j', (text, code, expected, offset) => {
    expect(error(text)).toEqual({ code, expected, offset });
  });
});

describe('evaluation of every operator on a table with blanks', () => {
  const table = smallTable();
  // Rows: id 1..5; x = 1, 5, 10, blank, -3; s = East, 华东, eastern, blank, '' (blank);
  // d = 2024-01-01, 2024-02-01, blank, 2023-12-31, 2024-01-01; b = true, false, blank, true, false.
  test.each([
    ['x > 1', [2, 3]],
    ['x >= 5', [2, 3]],
    ['x < 5', [1, 5]],
    ['x <= 1', [1, 5]],
    ['x = 10', [3]],
    ['x != 10', [1, 2, 5]],
    ['not x = 10', [1, 2, 5]],
    ['x between 1 and 5', [1, 2]],
    ['x not between 1 and 5', [3, 5]],
    ['x in (1, 10)', [1, 3]],
    ['x not in (1, 10)', [2, 5]],
    ['x is blank', [4]],
    ['x is not blank', [1, 2, 3, 5]],
    ["s = 'east'", [1]],
    ["s != 'east'", [2, 3]],
    ['s is blank', [4, 5]],
    ["s contains 'EAST'", [1, 3]],
    ["s starts with 'ea'", [1, 3]],
    ["s not contains 'east'", [2]],
    ["s in ('华东', 'East')", [1, 2]],
    ["s < 'f'", [1, 3]],
    ["s = ''", []],
    ["d >= date '2024-01-01'", [1, 2, 5]],
    ["d < date '2024-01-01'", [4]],
    ["d between date '2023-12-31' and date '2024-01-01'", [1, 4, 5]],
    ['b', [1, 4]],
    ['b = false', [2, 5]],
    ['not b', [2, 5]],
    ['b is blank', [3]],
    ['b != true', [2, 5]],
    ['x * 2 + 1 > 10', [2, 3]],
    ['x - 1 = 0', [1]],
    ['x / 0 is blank', [1, 2, 3, 4, 5]],
    ['-x > 0', [5]],
    ['abs(x) = 3', [5]],
    ['round(x / 4) = 3', [3]],
    ['round(-x / 4) = -1', [2]],
    ['round(x / 3, 2) = 1.67', [2]],
    ['max(x, 4) = 4', [1, 4, 5]],
    ['min(x, 4) = 4', [2, 3, 4]],
    ["lower(s) = 'east'", [1]],
    ["upper(s) starts with 'EA'", [1, 3]],
    ['days_since(d) > 0', [1, 4, 5]],
    ["d - date '2024-01-01' = 31", [2]],
    ["d + 1 = date '2024-01-01'", [4]],
    ["max(d, date '2024-01-15') = date '2024-01-15'", [1, 3, 4, 5]],
    ['x > 1 or x is blank', [2, 3, 4]],
    ['x > 100 or x is blank', [4]],
    ['not (x > 1 and s is blank)', [1, 2, 3, 5]],
    ['x = 1 or x = 5', [1, 2]],
    ['1 = 1', [1, 2, 3, 4, 5]],
    ['true', [1, 2, 3, 4, 5]],
    ['false', []],
  ])('%s', (when, ids) => {
    expect(matchingIds(table, when, utc(2024, 2, 1))).toEqual(ids);
  });
});
