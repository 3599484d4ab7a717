// Hostile rule text: every item is rejected with a normal RuleError (position and message),
// nothing runs, nothing global changes. Columns named like JavaScript internals are plain data.
import * as fs from 'fs';
import * as path from 'path';
import * as aq from 'arquero';
import { applyRuleSets, fieldsOfTable, MAX_NESTING, MAX_RULE_LENGTH, validateRule } from '../../../src/engine/methods/rules';

const table = aq.table({
  customer_id: ['a', 'b', 'c'],
  revenue: [100, 2000, null],
  orders: [1, 5, null],
  region: ['华东', 'East', null],
});
const fields = fieldsOfTable(table);
const g = globalThis as Record<string, unknown>;

let exitSpy: jest.SpyInstance;
beforeEach(() => {
  delete g.__pwned;
  exitSpy = jest.spyOn(process, 'exit').mockImplementation(() => {
    throw new Error('process.exit was called');
  });
});
afterEach(() => {
  expect(g.__pwned).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  expect(exitSpy).not.toHaveBeenCalled();
  exitSpy.mockRestore();
});

const corpus: [string, string, RegExp][] = [
  ['constructor chain', 'constructor.constructor("return process")()', /Unexpected character \. \(U\+002E\)/],
  ['constructor chain setting a global', 'constructor.constructor("globalThis.__pwned = 1")()', /Unexpected character \./],
  ['constructor call', 'constructor("globalThis.__pwned = 1")', /Unknown function “constructor”/],
  ['__proto__ as a column', '__proto__ > 1', /no column named “__proto__”/],
  ['__proto__ pollution', '__proto__.polluted = 1', /Unexpected character \./],
  ['prototype', 'prototype = 1', /no column named “prototype”/],
  ['toString', 'toString() = 1', /Unknown function “toString”/],
  ['hasOwnProperty column', 'hasOwnProperty = 1', /no column named “hasOwnProperty”/],
  ['process.exit', 'process.exit()', /Unexpected character \./],
  ['process.exit with code', 'revenue > 1 or process.exit(1)', /Unexpected character \./],
  ['require', "require('fs')", /Unknown function “require”/],
  ['require chain', "require('child_process').execSync('touch /tmp/pwned')", /Unexpected character \./],
  ['dynamic import', "import('fs') = 1", /Unknown function “import”/],
  ['eval', "eval('globalThis.__pwned = 1') = 1", /Unknown function “eval”/],
  ['Function', "Function('globalThis.__pwned = 1')() = 1", /Expected “and”, “or” or the end/],
  ['backtick template', '`${process.exit()}`', /no column named “\$\{process\.exit\(\)\}”/],
  ['backtick template compared', '`${globalThis.__pwned = 1}` = 1', /no column named “\$\{globalThis\.__pwned = 1\}”/],
  ['template inside a string', "region = '${process.exit()}' and `x${1}` = 1", /no column named “x\$\{1\}”/],
  ['string breaking out', "region = ''; process.exit(); ''", /Unexpected character ;/],
  ['string as the whole rule', "'; globalThis.__pwned = 1; '", /must be a condition/],
  ['arrow function', 'd => revenue > 1', /Expected a value \(a number, 'text', a column name or “\(”\) but found “>”/],
  ['JS comment', 'revenue > 1 // and orders > 2', /Expected a value/],
  ['block comment', 'revenue > 1 /* x */', /Expected a value/],
  ['globalThis', 'globalThis = 1', /no column named “globalThis”/],
  ['this', 'this = 1', /no column named “this”/],
  ['semicolon', 'revenue > 1; globalThis.__pwned = 1', /Unexpected character ;/],
  ['brackets member access', "revenue['constructor'] = 1", /Expected “and”, “or” or the end/],
  ['full-width look-alike', 'ｒｅｖｅｎｕｅ > 1', /no column named “ｒｅｖｅｎｕｅ”\. Did you mean `revenue`\?/],
  ['Cyrillic о look-alike', 'revenue > 1 and оrders > 1', /no column named “оrders”\. Did you mean `orders`\?/],
  ['Cyrillic keyword look-alike', 'revenue > 1 аnd orders > 1', /Expected “and”, “or” or the end/],
  ['full-width operator', 'revenue ＞ 1', /Unexpected character ＞/],
  ['zero-width space', 'reve\u200Bnue > 1', /Unexpected character U\+200B/],
  ['right-to-left override', 'revenue > 1 \u202Eor 1 = 1', /Unexpected character U\+202E/],
  ['NUL', 'revenue > 1\u0000', /Unexpected character U\+0000/],
  ['lone surrogate', 'revenue > \uD800', /Unexpected character U\+D800/],
  ['very long input', 'revenue > 1 or '.repeat(400) + 'revenue > 1', /at most 4000 are allowed/],
  ['very long name', `\`${'x'.repeat(5000)}\` = 1`, /at most 4000 are allowed/],
  ['10,000 parentheses', `${'('.repeat(10_000)}revenue > 1${')'.repeat(10_000)}`, /at most 4000 are allowed/],
  ['deep parentheses under the length cap', `${'('.repeat(1500)}revenue > 1${')'.repeat(1500)}`, /nested too deeply/],
  ['unclosed deep parentheses', '('.repeat(3999), /nested too deeply/],
  ['deep not', `${'not '.repeat(900)}revenue > 1`, /nested too deeply/],
  ['deep minus', `${'-'.repeat(3000)}revenue > 1`, /nested too deeply/],
  ['deep function calls', `${'abs('.repeat(200)}revenue${')'.repeat(200)} > 1`, /nested too deeply/],
  ['deep in-lists', `revenue in ${'('.repeat(500)}1${')'.repeat(500)}`, /nested too deeply/],
];

describe('hostile rule text is rejected with a normal error and no side effect', () => {
  test.each(corpus)('%s', (_label, when, message) => {
    const errors = validateRule(when, fields, 'en-US', { tier: 'A' });
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(Number.isInteger(e.line) && e.line >= 1).toBe(true);
      expect(Number.isInteger(e.column) && e.column >= 1).toBe(true);
      expect(e.offset).toBeGreaterThanOrEqual(0);
      expect(e.offset + e.length).toBeLessThanOrEqual(when.length);
    }
    expect(errors[0].message).toMatch(message);
    expect(validateRule(when, fields, 'zh-CN')[0].message).toMatch(/^规则 1（等级“”）第 \d+ 行第 \d+ 列：/);
    // The whole pipeline gives an error entry for the set and no column.
    const r = applyRuleSets(table, [{ name: 'evil', rules: [{ tier: 'A', when }], otherwise: 'B' }], 'en-US');
    expect(r.columns).toEqual({});
    expect(r.errors).toHaveLength(1);
  });

  test('the caps are the documented ones', () => {
    expect(MAX_RULE_LENGTH).toBe(4000);
    expect(MAX_NESTING).toBe(64);
    // 64 levels are fine, 65 are not.
    expect(validateRule(`${'('.repeat(64)}revenue > 1${')'.repeat(64)}`, fields, 'en-US')).toEqual([]);
    expect(validateRule(`${'('.repeat(65)}revenue > 1${')'.repeat(65)}`, fields, 'en-US')[0].message).toMatch(/nested too deeply/);
  });

  test('a long flat chain within the length cap evaluates without a stack overflow', () => {
    // 1,990 additions: a left-deep tree 1,990 nodes deep (recursion in checker and evaluator).
    const when = `orders${'+1'.repeat(1990)} > 1`;
    expect(when.length).toBeLessThanOrEqual(4000);
    const r = applyRuleSets(table, [{ name: 'long', rules: [{ tier: 'A', when }], otherwise: 'B' }], 'en-US');
    expect(r.errors).toEqual([]);
    expect(r.columns.rule_long).toEqual(['A', 'A', 'B']);
  });
});

describe('columns named like JavaScript internals are data', () => {
  test('constructor, toString and hasOwnProperty columns are read as values', () => {
    const t = aq.table(
      new Map<string, unknown[]>([
        ['constructor', [1, 5, null]],
        ['toString', ['x', 'y', null]],
        ['hasOwnProperty', [true, false, null]],
      ]),
    );
    const r = applyRuleSets(
      t,
      [
        {
          name: 'constructor',
          rules: [
            { tier: '__proto__', when: 'constructor > 2' },
            { tier: 'prototype', when: "`toString` = 'x' and hasOwnProperty" },
          ],
          otherwise: 'constructor',
        },
      ],
      'en-US',
    );
    expect(r.errors).toEqual([]);
    expect(r.columns.rule_constructor).toEqual(['prototype', '__proto__', 'constructor']);
    expect(r.reports[0].rules.map((x) => x.matched)).toEqual([1, 1]);
  });

  test('a "__proto__" column (which arquero cannot hold as data) is an unknown column, not the prototype', () => {
    const t = aq.table(new Map<string, unknown[]>([['__proto__', [1, 2]], ['a', [1, 2]]]));
    expect(fieldsOfTable(t).map((f) => f.name)).toEqual(['a']);
    const r = applyRuleSets(t, [{ name: 'p', rules: [{ tier: 'X', when: '`__proto__` > 0' }], otherwise: 'Y' }], 'en-US');
    expect(r.errors[0].message).toMatch(/no column named “__proto__”/);
  });

  test('a rule set named __proto__ gets an ordinary column', () => {
    const r = applyRuleSets(table, [{ name: '__proto__', rules: [{ tier: 'X', when: 'revenue > 500' }], otherwise: 'Y' }], 'en-US');
    expect(Object.keys(r.columns)).toEqual(['rule_proto']);
    expect(r.columns.rule_proto).toEqual(['Y', 'X', 'Y']);
  });
});

test('the rule engine source never builds or runs code from text', () => {
  const dir = path.resolve(__dirname, '../../../src/engine/methods/rules');
  const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
  expect(sources).toEqual(expect.arrayContaining(['lexer.ts', 'parser.ts', 'check.ts', 'evaluate.ts', 'apply.ts']));
  for (const file of sources) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    expect(src).not.toMatch(/\beval\s*\(|\bFunction\s*\(|aq\.escape|\bescape\s*\(|\.derive\s*\(|\.filter\s*\(\s*['"`]/);
  }
});
