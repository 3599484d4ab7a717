// A checked rule set (methods/rules: parsed and type-checked AST) → one SQL CASE expression,
// first match wins, with the semantics of rules/evaluate.ts:
//  - blanks are NULL and SQL's three-valued logic is the evaluator's (a rule matches only where
//    its condition is TRUE; CASE WHEN skips NULL);
//  - arithmetic is in doubles; x / 0 is blank (NULLIF), as a non-finite result is;
//  - text comparisons ignore letter case (LOWER on the column, the literal lower-cased by JS);
//  - min/max skip blanks (CASE, not LEAST/GREATEST, whose NULL handling differs per database).
// Every literal — text, number, date, tier name — is a bound parameter; column names come from
// a fixed map of the engine's columns to SQL expressions, never from the rule text.
// round() is refused: its "drop binary noise first" step (toPrecision(15)) has no exact SQL.
import type { CompiledRuleSet, Expr } from '../methods/rules/types';
import { int, type Binder } from './bind';

/** A rule the SQL cannot compute exactly: which rule, and the column or function at fault. */
export class RuleSqlError extends Error {
  constructor(
    readonly ruleSet: string,
    readonly rule: number,
    readonly what: string,
    readonly reason: 'field' | 'function' | 'boolean',
  ) {
    super(`${ruleSet} #${rule + 1}: ${reason} ${what}`);
  }
}

const NON_SPACE = /\S/;

export interface RuleColumns {
  /** Engine column name → SQL expression (doubles for numbers and days, text for text). */
  get(name: string): string | undefined;
}

interface Ctx {
  b: Binder;
  cols: RuleColumns;
  /** SQL expression of the analysis day (days since 1970-01-01). */
  analysisDay: string;
  set: string;
  rule: number;
  /** Parameter names of this rule: <prefix>r0, <prefix>r1, … */
  prefix: string;
  n: number;
}

function param(c: Ctx, type: 'double' | 'text', v: number | string): string {
  return c.b.p(`${c.prefix}r${c.n++}`, type, v);
}

const isText = (e: Expr) => e.type === 'string';

/** A value expression: number, date (day number) or text. */
function value(e: Expr, c: Ctx): string {
  switch (e.kind) {
    case 'number':
    case 'date':
      return param(c, 'double', e.value);
    case 'string':
      // A blank literal is blank (NULL); else compared lower-cased, as the evaluator does.
      return NON_SPACE.test(e.value) ? param(c, 'text', e.value.toLowerCase()) : `CAST(NULL AS ${c.b.x.text})`;
    case 'column': {
      const sql = c.cols.get(e.name);
      if (sql === undefined) throw new RuleSqlError(c.set, c.rule, e.name, 'field');
      return isText(e) ? `LOWER(${sql})` : sql;
    }
    case 'neg':
      return `(-${value(e.arg, c)})`;
    case 'arith': {
      const l = value(e.left, c);
      const r = value(e.right, c);
      return e.op === '/' ? `(${l} / NULLIF(${r}, 0))` : `(${l} ${e.op} ${r})`;
    }
    case 'call':
      return call(e, c);
    default:
      // Conditions used as values (a boolean compared to a boolean): no boolean column exists.
      throw new RuleSqlError(c.set, c.rule, e.kind, 'boolean');
  }
}

function call(e: Extract<Expr, { kind: 'call' }>, c: Ctx): string {
  const args = e.args.map((a) => value(a, c));
  switch (e.name) {
    case 'lower':
    case 'upper':
      // Text is compared lower-cased anyway: upper(x) = 'A' and lower(x) = 'a' both hold.
      return args[0];
    case 'abs':
      return `ABS(${args[0]})`;
    case 'days_since':
      return `(${c.analysisDay} - ${args[0]})`;
    case 'min':
    case 'max': {
      const better = e.name === 'min' ? '<' : '>';
      return args.reduce((acc, x) => `(CASE WHEN ${acc} IS NULL THEN ${x} WHEN ${x} IS NULL THEN ${acc} WHEN ${x} ${better} ${acc} THEN ${x} ELSE ${acc} END)`);
    }
    default:
      throw new RuleSqlError(c.set, c.rule, `${e.name}()`, 'function');
  }
}

/** Text order: code points (binary collation), as the database orders ids. */
function cmp(op: string, l: string, r: string, text: boolean, c: Ctx): string {
  const sqlOp = op === '!=' ? '<>' : op;
  if (text && op !== '=' && op !== '!=') return `(${c.b.d.toText(l)} ${sqlOp} ${c.b.d.toText(r)})`;
  return `(${l} ${sqlOp} ${r})`;
}

/** A condition: TRUE, FALSE or NULL (unknown). */
function cond(e: Expr, c: Ctx): string {
  switch (e.kind) {
    case 'boolean':
      return e.value ? '(1 = 1)' : '(1 = 0)';
    case 'compare':
      if (e.left.type === 'boolean' || e.right.type === 'boolean') throw new RuleSqlError(c.set, c.rule, e.op, 'boolean');
      return cmp(e.op, value(e.left, c), value(e.right, c), isText(e.left), c);
    case 'between': {
      const a = value(e.arg, c);
      const s = `(${cmp('>=', a, value(e.low, c), isText(e.arg), c)} AND ${cmp('<=', a, value(e.high, c), isText(e.arg), c)})`;
      return e.negated ? `(NOT ${s})` : s;
    }
    case 'in': {
      const a = value(e.arg, c);
      const literal = e.items.every((i) => i.kind === 'string' || i.kind === 'number' || i.kind === 'date');
      // All literals: a set lookup where even a blank text item is a value ('' never matches);
      // else an OR of comparisons (a blank item is unknown), as the evaluator does.
      const items = e.items.map((i) => (literal && i.kind === 'string' ? param(c, 'text', i.value.toLowerCase()) : value(i, c)));
      const s = literal ? `(${a} IN (${items.join(', ')}))` : `(${items.map((i) => `(${a} = ${i})`).join(' OR ')})`;
      return e.negated ? `(NOT ${s})` : s;
    }
    case 'blank': {
      if (e.arg.kind === 'string') return NON_SPACE.test(e.arg.value) === e.negated ? '(1 = 1)' : '(1 = 0)';
      if (e.arg.type === 'boolean') throw new RuleSqlError(c.set, c.rule, 'is blank', 'boolean');
      return `(${value(e.arg, c)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    }
    case 'contains':
    case 'startsWith': {
      const hay = value(e.arg, c);
      const needle = value(e.kind === 'contains' ? e.needle : e.prefix, c);
      const s = `(${c.b.x.strpos(hay, needle)} ${e.kind === 'contains' ? '> 0' : '= 1'})`;
      return e.negated ? `(NOT ${s})` : s;
    }
    case 'and':
      return `(${cond(e.left, c)} AND ${cond(e.right, c)})`;
    case 'or':
      return `(${cond(e.left, c)} OR ${cond(e.right, c)})`;
    case 'not':
      return `(NOT ${cond(e.arg, c)})`;
    default:
      throw new RuleSqlError(c.set, c.rule, e.kind, 'boolean');
  }
}

/** The rule set as `CASE WHEN … THEN tier … ELSE otherwise END`; `key` names its parameters. */
export function ruleSetSql(set: CompiledRuleSet, key: string, b: Binder, cols: RuleColumns, analysisDay: string): string {
  const whens = set.rules.map((rule, k) => {
    const c: Ctx = { b, cols, analysisDay, set: set.name, rule: rule.index, prefix: `${key}_${int(k)}_`, n: 0 };
    return `WHEN ${cond(rule.ast, c)} THEN ${b.p(`${c.prefix}tier`, 'text', rule.tier)}`;
  });
  return `CASE ${whens.join(' ')} ELSE ${b.p(`${key}_otherwise`, 'text', set.otherwise)} END`;
}
