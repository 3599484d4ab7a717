// First match wins and coverage per rule, on a small table whose figures are worked out by hand
// in the comments; plus how applyRuleSets names columns and isolates broken rule sets.
import * as aq from 'arquero';
import { applyRuleSets, compileRuleSet, engineFields, evaluateRuleSet, fieldsOfTable, ruleColumnName, validateRule } from '../../../src/engine/methods/rules';
import { utc } from './helpers';

// id | monthly_spend | orders_per_month | region
//  1 |  1500 | 5    | 华东  → A (rule 0)
//  2 |  1500 | 2    | 华北  → B (rule 1)
//  3 |  2500 | 1    | 华东  → B (rule 1; rule 2 would match if it were first)
//  4 |   800 | 6    | 华南  → B
//  5 |   300 | 8    | 华东  → E (rule 4)
//  6 | blank | blank| 华东  → E
//  7 |  2100 | 4    | blank → A (rule 2 would match too)
//  8 |    50 | 0    | 华北  → otherwise
const table = aq.table({
  customer_id: ['1', '2', '3', '4', '5', '6', '7', '8'],
  monthly_spend: [1500, 1500, 2500, 800, 300, null, 2100, 50],
  orders_per_month: [5, 2, 1, 6, 8, null, 4, 0],
  region: ['华东', '华北', '华东', '华南', '华东', '华东', null, '华北'],
});

const ruleSet = {
  name: 'Ecommerce ABC',
  rules: [
    { tier: 'A', when: 'monthly_spend > 1000 and orders_per_month >= 4' }, // ifFirst {1,7}
    { tier: 'B', when: 'monthly_spend >= 500' }, // ifFirst {1,2,3,4,7}; gets {2,3,4}
    { tier: 'C', when: 'monthly_spend > 2000' }, // ifFirst {3,7}; shadowed: gets nothing
    { tier: 'D', when: 'monthly_spend < 0' }, // never
    { tier: 'E', when: "region = '华东'" }, // ifFirst {1,3,5,6}; gets {5,6}
  ],
  otherwise: 'Other',
};

test('first match wins and coverage counts match the hand-worked table', () => {
  const r = compileRuleSet(ruleSet, fieldsOfTable(table), 'en-US');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const { tiers, report } = evaluateRuleSet(r.compiled, table);
  expect(tiers).toEqual(['A', 'B', 'B', 'B', 'E', 'E', 'A', 'Other']);
  expect(report).toEqual({
    name: 'Ecommerce ABC',
    column: 'rule_Ecommerce_ABC',
    rules: [
      { index: 0, tier: 'A', when: ruleSet.rules[0].when, matched: 2, matchedIfFirst: 2, neverMatches: false },
      { index: 1, tier: 'B', when: ruleSet.rules[1].when, matched: 3, matchedIfFirst: 5, neverMatches: false },
      { index: 2, tier: 'C', when: ruleSet.rules[2].when, matched: 0, matchedIfFirst: 2, neverMatches: false },
      { index: 3, tier: 'D', when: ruleSet.rules[3].when, matched: 0, matchedIfFirst: 0, neverMatches: true },
      { index: 4, tier: 'E', when: ruleSet.rules[4].when, matched: 2, matchedIfFirst: 4, neverMatches: false },
    ],
    otherwise: 1,
    total: 8,
  });
  // Every customer gets exactly one tier: matched counts and otherwise add up to the total.
  expect(report.rules.reduce((s, x) => s + x.matched, 0) + report.otherwise).toBe(report.total);
});

test('a rule set without rules puts everyone in otherwise', () => {
  const r = applyRuleSets(table, [{ name: 'Empty', rules: [], otherwise: 'All' }], 'en-US');
  expect(r.columns.rule_Empty).toEqual(new Array(8).fill('All'));
  expect(r.reports[0]).toMatchObject({ rules: [], otherwise: 8, total: 8 });
});

test('applyRuleSets: one column per set, a broken set reported without stopping the others', () => {
  const r = applyRuleSets(
    table,
    [
      ruleSet,
      { name: 'Broken one', rules: [{ tier: 'X', when: 'revenu > 1' }, { tier: 'Y', when: 'orders_per_month >' }], otherwise: 'O' },
      { name: '华东 大客户', rules: [{ tier: '重点', when: "region = '华东' 且 monthly_spend > 1000" }], otherwise: '其他' },
      { name: 'Ecommerce-ABC', rules: [], otherwise: 'O' }, // same column as "Ecommerce ABC"
    ],
    'zh-CN',
  );
  expect(Object.keys(r.columns)).toEqual(['rule_Ecommerce_ABC', 'rule_华东_大客户']);
  expect(r.columns['rule_华东_大客户']).toEqual(['重点', '其他', '重点', '其他', '其他', '其他', '其他', '其他']);
  expect(r.reports.map((x) => x.name)).toEqual(['Ecommerce ABC', '华东 大客户']);
  expect(r.errors).toHaveLength(2);
  expect(r.errors[0].ruleSet).toBe('Broken one');
  expect(r.errors[0].message.split('\n')).toEqual([
    '规则 1（等级“X”）第 1 行第 1 列：没有名为“revenu”的列。',
    '规则 2（等级“Y”）第 1 行第 19 列：此处应为一个值（数字、\'文本\'、列名或“(”），但遇到了规则结尾。',
  ]);
  expect(r.errors[1]).toEqual({ ruleSet: 'Ecommerce-ABC', message: '规则集“Ecommerce-ABC”：它的列名 rule_Ecommerce_ABC 与另一个规则集相同，请换一个名称。' });
});

test.each([
  ['Ecommerce ABC', 'rule_Ecommerce_ABC'],
  ['华东 大客户', 'rule_华东_大客户'],
  ['SaaS / profit (2024)', 'rule_SaaS_profit_2024'],
  ['  a  ', 'rule_a'],
  ['!!!', 'rule_set'],
  ['x_y', 'rule_x_y'],
])('column name of %j is %s', (name, column) => {
  expect(ruleColumnName(name)).toBe(column);
});

test('fieldsOfTable infers types from the values, ISO text dates included', () => {
  const t = aq.table({
    n: [1, null, 2.5],
    s: ['a', 'b', null],
    mixed: [1, 'x', null],
    d: [utc(2024, 1, 1), null, utc(2024, 1, 2)],
    iso: ['2024-01-01', null, '2024-02-29'],
    notIso: ['2024-01-01', 'soon', null],
    b: [true, false, null],
    last_order: [null, null, null],
    unknown_blank: [null, '', null],
  });
  expect(fieldsOfTable(t)).toEqual([
    { name: 'n', type: 'number' },
    { name: 's', type: 'string' },
    { name: 'mixed', type: 'string' },
    { name: 'd', type: 'date' },
    { name: 'iso', type: 'date' },
    { name: 'notIso', type: 'string' },
    { name: 'b', type: 'boolean' },
    { name: 'last_order', type: 'date' },
    { name: 'unknown_blank', type: 'string' },
  ]);
});

test('ISO text dates and Date objects compare the same way', () => {
  const t = aq.table({ id: [1, 2, 3], iso: ['2024-01-01', '2024-03-01', null], d: [utc(2024, 1, 1), utc(2024, 3, 1), null] });
  const run = (when: string) => {
    const r = applyRuleSets(t, [{ name: 'x', rules: [{ tier: 'Y', when }], otherwise: 'N' }], 'en-US', { analysisDate: utc(2024, 3, 31) });
    expect(r.errors).toEqual([]);
    return r.columns.rule_x;
  };
  expect(run("iso >= date '2024-02-01'")).toEqual(['N', 'Y', 'N']);
  expect(run("d >= date '2024-02-01'")).toEqual(['N', 'Y', 'N']);
  expect(run('iso = d and days_since(iso) = 30')).toEqual(['N', 'Y', 'N']);
});

test('filtered and ordered tables are evaluated in their row order', () => {
  const r = compileRuleSet(ruleSet, fieldsOfTable(table), 'en-US');
  if (!r.ok) throw new Error('compile');
  const filtered = table.filter('d.orders_per_month >= 1'); // customers 1, 2, 3, 4, 5, 7
  expect(filtered.isFiltered()).toBe(true);
  expect(evaluateRuleSet(r.compiled, filtered).tiers).toEqual(['A', 'B', 'B', 'B', 'E', 'A']);
  const ordered = table.orderby(aq.desc('customer_id')); // 8, 7, ..., 1
  expect(evaluateRuleSet(r.compiled, ordered).tiers).toEqual(['Other', 'A', 'E', 'E', 'B', 'B', 'B', 'A']);
});

test('a compiled rule set run on a table that lacks one of its columns treats it as blank', () => {
  const r = compileRuleSet(ruleSet, fieldsOfTable(table), 'en-US');
  if (!r.ok) throw new Error('compile');
  const withoutRegion = table.select('customer_id', 'monthly_spend', 'orders_per_month');
  const { tiers, report } = evaluateRuleSet(r.compiled, withoutRegion);
  expect(tiers).toEqual(['A', 'B', 'B', 'B', 'Other', 'Other', 'A', 'Other']);
  expect(report.rules[4]).toMatchObject({ matched: 0, neverMatches: true });
});

test('engineFields lets rules be checked before any run', () => {
  const fields = engineFields(['区域', '公司规模', 'revenue']);
  expect(fields.filter((f) => f.name === 'revenue')).toEqual([{ name: 'revenue', type: 'number' }]);
  expect(fields).toContainEqual({ name: 'last_order', type: 'date' });
  expect(fields).toContainEqual({ name: '区域', type: 'string' });
  expect(validateRule("区域 = '华东' 且 公司规模 = '大型' and monthly_spend > 1000 and rfm_segment != 'Lost'", fields, 'zh-CN')).toEqual([]);
  expect(validateRule('last_order > 5', fields, 'en-US')[0].message).toContain('Cannot compare a date with a number.');
});
