// Fuzzing: random text never crashes the parser (it parses or gives a RuleSyntaxError), and
// any rule that passes parsing and type checking evaluates without throwing on a table with blanks.
import * as fc from 'fast-check';
import * as aq from 'arquero';
import { analyseRule, applyRuleSets, fieldsOfTable, validateRule } from '../../../src/engine/methods/rules';
import { parseRule } from '../../../src/engine/methods/rules/parser';
import { RuleSyntaxError } from '../../../src/engine/methods/rules/errors';
import { checkRule } from '../../../src/engine/methods/rules/check';
import { ColumnSource, evaluateCondition } from '../../../src/engine/methods/rules/evaluate';
import { utc } from './helpers';

const table = aq.table({
  revenue: [100, 2000, null, 0, -5],
  orders: [1, 5, null, 0, 2],
  region: ['华东', 'East', null, '', 'west'],
  last_order: [utc(2024, 1, 1), null, utc(2023, 6, 30), utc(2024, 2, 29), null],
  vip: [true, false, null, true, false],
  'Sales Rep': ['Ann', null, 'Bob', 'ann', ''],
});
const fields = fieldsOfTable(table);
const analysisDate = utc(2024, 3, 1);

/** Fragments of the language, so random sequences often parse and reach the checker and evaluator. */
const fragment = fc.constantFrom(
  'revenue', 'orders', 'region', 'last_order', 'vip', '`Sales Rep`', '[Sales Rep]', 'nosuch',
  '0', '1', '2.5', '1000', "'华东'", "'East'", "''", '"x"', "date '2024-01-01'", 'true', 'false',
  '=', '!=', '<>', '<', '<=', '>', '>=', '≥', '+', '-', '*', '/', '(', ')', ',',
  'and', 'or', 'not', '且', '或', '非', 'between', 'in', 'is', 'blank', 'null', 'contains', 'starts', 'with',
  'abs(', 'min(', 'max(', 'round(', 'days_since(', 'lower(', 'upper(', 'nope(',
);
const tokenSoup = fc.array(fragment, { maxLength: 25 }).map((xs) => xs.join(' '));

/** Well-formed conditions built from a small grammar (type errors still possible). */
const { condition } = fc.letrec<{ num: string; text: string; condition: string }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('revenue', 'orders', '0', '3', '1000', 'days_since(last_order)'),
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/'), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('abs', 'round'), tie('num')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom('min', 'max'), tie('num'), tie('num')).map(([f, a, b]) => `${f}(${a}, ${b})`),
  ),
  text: fc.constantFrom('region', '`Sales Rep`', "'east'", "'华东'", 'lower(region)', "upper([Sales Rep])"),
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(tie('num'), fc.constantFrom('=', '!=', '<', '<=', '>', '>='), tie('num')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('text'), fc.constantFrom('=', '!=', 'contains', 'starts with', 'not contains'), tie('text')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('num'), tie('num'), tie('num')).map(([a, b, c]) => `${a} between ${b} and ${c}`),
    fc.tuple(tie('text'), tie('text')).map(([a, b]) => `${a} in (${b}, 'x')`),
    fc.constantFrom('vip', 'not vip', 'region is blank', 'revenue is not blank', "last_order >= date '2024-01-01'", 'true'),
    fc.tuple(tie('condition'), fc.constantFrom('and', 'or', '且', '或'), tie('condition')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('condition').map((a) => `not (${a})`),
  ),
}));

const types = new Map(fields.map((f) => [f.name, f.type]));

/**
 * Parses, or throws only RuleSyntaxError. Any AST evaluates without throwing — even one the
 * checker rejects (the evaluator treats mismatched operands as blank) — to TRUE/FALSE/UNKNOWN.
 */
function parsesOrSyntaxError(text: string): void {
  let ast;
  try {
    ast = parseRule(text, { isColumn: (n) => types.has(n) });
  } catch (e) {
    if (!(e instanceof RuleSyntaxError)) throw e;
    return;
  }
  const raw = evaluateCondition(ast, { src: new ColumnSource(table, types), analysisDay: 19_783 });
  checkRule(ast, { fields, hasAnalysisDate: true }, text);
  const checked = evaluateCondition(ast, { src: new ColumnSource(table, types), analysisDay: 19_783 });
  for (const v of [raw, checked]) {
    expect(v).toHaveLength(5);
    for (const x of v) expect([0, 1, 2]).toContain(x);
  }
}

/** Checked rules evaluate; unchecked ones give RuleErrors. Never another exception. */
function endToEnd(text: string): void {
  const { ast, problems } = analyseRule(text, fields, { analysisDate });
  if (!ast) {
    expect(problems.length).toBeGreaterThan(0);
    const errors = validateRule(text, fields, 'zh-CN', { analysisDate });
    expect(errors.length).toBe(problems.length);
    return;
  }
  const r = applyRuleSets(table, [{ name: 'f', rules: [{ tier: 'Y', when: text }], otherwise: 'N' }], 'en-US', { analysisDate });
  expect(r.errors).toEqual([]);
  expect(r.columns.rule_f).toHaveLength(5);
  for (const tier of r.columns.rule_f) expect(['Y', 'N']).toContain(tier);
  const rep = r.reports[0];
  expect(rep.rules[0].matched + rep.otherwise).toBe(5);
}

describe('fuzz', () => {
  test('random unicode strings never crash the parser', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parsesOrSyntaxError), { numRuns: 1000 });
  });

  test('random ASCII strings never crash the parser', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), parsesOrSyntaxError), { numRuns: 2000 });
  });

  test('random token sequences parse or give errors, and whatever checks evaluates', () => {
    fc.assert(fc.property(tokenSoup, endToEnd), { numRuns: 2000 });
  });

  test('short token sequences: every AST evaluates, checked or not', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 5 }).map((xs) => xs.join(' ')), (text) => {
        parsesOrSyntaxError(text);
        try {
          parseRule(text);
          parsed++;
        } catch {
          // counted only
        }
      }),
      { numRuns: 3000 },
    );
    expect(parsed).toBeGreaterThan(100);
  });

  test('generated well-formed conditions type-check and evaluate without throwing', () => {
    let evaluated = 0;
    fc.assert(
      fc.property(condition, (text) => {
        endToEnd(text);
        if (analyseRule(text, fields, { analysisDate }).ast) evaluated++;
      }),
      { numRuns: 1000 },
    );
    // The generator only builds well-typed conditions, so every one of them must check.
    expect(evaluated).toBe(1000);
  });
});
