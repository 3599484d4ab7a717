// Error messages: they name the rule (number and tier), line and column, what was expected,
// and suggest a column for a misspelling — in English and 中文. Type errors come before running.
import { catalogues } from '../../../src/i18n';
import { compileRuleSet, validateRule, type FieldInfo } from '../../../src/engine/methods/rules';
import '../../../src/engine/methods/rules';

const fields: FieldInfo[] = [
  { name: 'customer_id', type: 'string' },
  { name: 'revenue', type: 'number' },
  { name: 'orders', type: 'number' },
  { name: 'monthly_spend', type: 'number' },
  { name: 'region', type: 'string' },
  { name: '公司规模', type: 'string' },
  { name: 'last_order', type: 'date' },
  { name: 'is_vip', type: 'boolean' },
  { name: 'Sales Rep', type: 'string' },
];

const one = (when: string, locale: 'en-US' | 'zh-CN' = 'en-US', tier = 'A', analysisDate?: Date) => {
  const errors = validateRule(when, fields, locale, { tier, ruleIndex: 1, analysisDate });
  expect(errors.length).toBeGreaterThan(0);
  return errors[0];
};

describe('messages name the rule, the position and what was expected', () => {
  test('a missing value on the second line', () => {
    const when = 'monthly_spend > 1000 and\n  orders >= ';
    const e = one(when);
    expect(e).toMatchObject({ ruleIndex: 1, line: 2, column: 13, offset: when.length, length: 0 });
    expect(e.message).toBe('Rule 2 (tier “A”), line 2, column 13: Expected a value (a number, \'text\', a column name or “(”) but found the end of the rule.');
    const zh = one(when, 'zh-CN', 'A');
    expect(zh.message).toBe('规则 2（等级“A”）第 2 行第 13 列：此处应为一个值（数字、\'文本\'、列名或“(”），但遇到了规则结尾。');
  });

  test('the column counts characters, not UTF-16 units, after 中文 and astral text', () => {
    const e = one("公司规模 = '𠀀大型' and nosuch > 1");
    // 𠀀 (U+20000) is two UTF-16 units but one character: nosuch is at offset 18, column 18.
    expect(e).toMatchObject({ line: 1, column: 18, offset: 18, length: 6 });
  });

  test('a misspelled column gets a suggestion in both languages', () => {
    const e = one('revenu > 1000');
    expect(e).toMatchObject({ line: 1, column: 1, offset: 0, length: 6, suggestion: 'revenue' });
    expect(e.message).toBe('Rule 2 (tier “A”), line 1, column 1: There is no column named “revenue” or similar.'.replace('revenue” or similar.', 'revenu”. Did you mean `revenue`?'));
    expect(one('revenu > 1000', 'zh-CN').message).toBe('规则 2（等级“A”）第 1 行第 1 列：没有名为“revenu”的列。您是不是想写 `revenue`？');
  });

  test.each([
    ['montly_spend > 1', 'monthly_spend'],
    ['Revnue > 1', 'revenue'],
    ['order > 1', 'orders'],
    ['`sales rep ` = \'x\'', 'Sales Rep'],
    ['公司规 = \'大型\'', '公司规模'],
    ['ｒｅｖｅｎｕｅ > 1', 'revenue'],
    ['rеvenue > 1', 'revenue'], // Cyrillic е
  ])('suggestion for %s', (when, suggestion) => {
    expect(one(when).suggestion).toBe(suggestion);
  });

  test('no suggestion when nothing is close; unquoted text on the value side gets a quoting hint', () => {
    expect(one('zebra > 1').suggestion).toBeUndefined();
    const e = one('region = 华东');
    expect(e.column).toBe(10);
    expect(e.suggestion).toBeUndefined();
    expect(e.message).toContain("put it in quotes: '华东'");
    expect(one('region = 华东', 'zh-CN').message).toContain("请加引号：'华东'");
  });

  test('letter case of a column name does not matter when it is unambiguous', () => {
    expect(validateRule('REVENUE > 1 and sales rep = \'x\'', fields, 'en-US')).toHaveLength(1); // bare "sales rep" is two words
    expect(validateRule('REVENUE > 1 and `sales rep` = \'x\'', fields, 'en-US')).toEqual([]);
  });

  test('an unknown function suggests a known one; wrong arity is reported', () => {
    const e = one('absolute(revenue) > 1');
    expect(e).toMatchObject({ column: 1, length: 8 });
    expect(e.message).toContain('Unknown function “absolute”');
    expect(one('rund(revenue) > 1').suggestion).toBe('round');
    expect(one('abs(revenue, 2) > 1').message).toContain('abs() takes 1 argument(s) but was given 2.');
    expect(one('max(revenue) > 1').message).toContain('max() takes 2+ argument(s) but was given 1.');
    expect(one('round() > 1', 'zh-CN').message).toContain('round() 需要 1–2 个参数，实际给了 0 个。');
  });

  test('all problems of a rule set are reported, each naming its rule', () => {
    const r = compileRuleSet(
      {
        name: 'S',
        rules: [
          { tier: 'A', when: 'revenue > 1' },
          { tier: 'B', when: 'revenu > 1 and ordrs > 2' },
          { tier: 'C', when: 'orders >' },
        ],
        otherwise: 'O',
      },
      fields,
      'en-US',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.ruleIndex, e.column, e.suggestion])).toEqual([
      [1, 1, 'revenue'],
      [1, 16, 'orders'],
      [2, 9, undefined],
    ]);
    expect(r.errors[1].message.startsWith('Rule 2 (tier “B”), line 1, column 16:')).toBe(true);
    expect(r.errors[2].message.startsWith('Rule 3 (tier “C”), line 1, column 9:')).toBe(true);
  });
});

describe('type errors are caught before running', () => {
  test.each([
    ["revenue > 'x'", 'Cannot compare a number with text.', '无法比较数字和文本。'],
    ['region > 5', 'Cannot compare text with a number.', '无法比较文本和数字。'],
    ["region + 1 > 2", 'Cannot use “+” on text', '不能对文本使用“+”'],
    ["-region = 'x'", 'Cannot use “-” on text', '不能对文本使用“-”'],
    ['revenue contains 5', '“contains” works on text, but this is a number.', '“contains”只能用于文本，但这里是数字。'],
    ["orders starts with 'x'", '“starts with” works on text, but this is a number.', '“starts with”只能用于文本'],
    ["last_order > '2024-01-01'", "write dates as date '2024-01-31'", "日期请写成 date '2024-01-31'"],
    ['last_order > 5', 'Cannot compare a date with a number.', '无法比较日期和数字。'],
    ['is_vip > false', 'True/false values can only be compared with = or !=, not >.', '是/否值只能用 = 或 != 比较'],
    ["revenue between 1 and 'z'", 'Cannot compare a number with text.', '无法比较数字和文本。'],
    ["revenue in (1, 'two')", 'Cannot compare a number with text.', '无法比较数字和文本。'],
    ['abs(region) > 1', 'Argument 1 of abs() must be a number, but it is text.', 'abs() 的第 1 个参数应为数字，实际是文本。'],
    ['lower(revenue) = \'x\'', 'Argument 1 of lower() must be text, but it is a number.', 'lower() 的第 1 个参数应为文本'],
    ['days_since(revenue) > 1', 'Argument 1 of days_since() must be a date', 'days_since() 的第 1 个参数应为日期'],
    ['max(revenue, last_order) > 1', 'Argument 2 of max() must be a number, but it is a date.', 'max() 的第 2 个参数应为数字，实际是日期。'],
    ['revenue', 'The rule must be a condition (true or false), but this is a number', '规则必须是一个条件（真或假），但这里是数字'],
    ['revenue + 1 and orders > 1', '“and” needs a condition here (such as revenue > 1000), but this is a number.', '“and”此处需要一个条件'],
    ["not region", '“not” needs a condition here', '“not”此处需要一个条件'],
    ['last_order * 2 > 1', 'Cannot use “*” on a date', '不能对日期使用“*”'],
  ])('%s', (when, en, zh) => {
    expect(one(when, 'en-US', 'A', new Date(Date.UTC(2024, 0, 1))).message).toContain(en);
    expect(one(when, 'zh-CN', 'A', new Date(Date.UTC(2024, 0, 1))).message).toContain(zh);
  });

  test('days_since needs an analysis date', () => {
    expect(one('days_since(last_order) > 1').message).toContain('days_since() needs the analysis date');
    expect(validateRule('days_since(last_order) > 1', fields, 'en-US', { analysisDate: new Date() })).toEqual([]);
    expect(one('days_since(last_order) > 1', 'en-US', 'A', new Date(Number.NaN)).message).toContain('days_since() needs the analysis date');
  });

  test('the position of a type error points at the offending operand', () => {
    const e = one("revenue > 1 and abs(region) > 1");
    expect(e).toMatchObject({ column: 21, offset: 20, length: 6 });
  });

  test('an unknown column does not also produce type errors', () => {
    expect(validateRule('nosuch > 1 and nosuch + 1 > 2', fields, 'en-US')).toHaveLength(2);
  });
});

test('a malformed rule (no text) from an unvalidated config is an ordinary error', () => {
  const r = compileRuleSet({ name: 'S', rules: [{ tier: 'A', when: undefined as unknown as string }], otherwise: 'O' }, fields, 'en-US');
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.errors[0].message).toBe('Rule 1 (tier “A”), line 1, column 1: The rule is empty; write a condition such as revenue > 1000.');
});

test('every rules message exists in both languages', () => {
  const { en, zh } = catalogues();
  const keys = (c: Record<string, string>) => Object.keys(c).filter((k) => k.startsWith('rules.')).sort();
  expect(keys(en).length).toBeGreaterThan(30);
  expect(keys(zh)).toEqual(keys(en));
});
