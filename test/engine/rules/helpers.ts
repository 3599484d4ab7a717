// Shared helpers of the rule tests: an AST printer (for precedence tables) and a runner that
// returns which rows of a table a single condition matches.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { compileRuleSet, evaluateRuleSet, fieldsOfTable } from '../../../src/engine/methods/rules';
import type { Expr } from '../../../src/engine/methods/rules/types';

const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Prints an AST as an S-expression: `a + b * c` → (+ a (* b c)). */
export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return `'${e.value}'`;
    case 'date':
      return `date(${iso(e.value)})`;
    case 'boolean':
      return String(e.value);
    case 'column':
      return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(e.name) ? e.name : `{${e.name}}`;
    case 'neg':
      return `(neg ${sexpr(e.arg)})`;
    case 'arith':
    case 'compare':
      return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'between':
      return `(${e.negated ? 'not-' : ''}between ${sexpr(e.arg)} ${sexpr(e.low)} ${sexpr(e.high)})`;
    case 'in':
      return `(${e.negated ? 'not-' : ''}in ${[e.arg, ...e.items].map(sexpr).join(' ')})`;
    case 'blank':
      return `(${e.negated ? 'not-' : ''}blank ${sexpr(e.arg)})`;
    case 'contains':
      return `(${e.negated ? 'not-' : ''}contains ${sexpr(e.arg)} ${sexpr(e.needle)})`;
    case 'startsWith':
      return `(${e.negated ? 'not-' : ''}starts ${sexpr(e.arg)} ${sexpr(e.prefix)})`;
    case 'and':
    case 'or':
      return `(${e.kind} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'not':
      return `(not ${sexpr(e.arg)})`;
    case 'call':
      return `(${e.name}${e.args.map((a) => ` ${sexpr(a)}`).join('')})`;
  }
}

export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** Five rows with a blank in every column, used by the operator tables. */
export function smallTable(): ColumnTable {
  return aq.table({
    id: [1, 2, 3, 4, 5],
    x: [1, 5, 10, null, -3],
    s: ['East', '华东', 'eastern', null, ''],
    d: [utc(2024, 1, 1), utc(2024, 2, 1), null, utc(2023, 12, 31), utc(2024, 1, 1)],
    b: [true, false, null, true, false],
  });
}

/** Ids (column `id`) of the rows a single condition matches; throws with the messages on errors. */
export function matchingIds(table: ColumnTable, when: string, analysisDate?: Date): number[] {
  const r = compileRuleSet({ name: 't', rules: [{ tier: 'Y', when }], otherwise: 'N' }, fieldsOfTable(table), 'en-US', { analysisDate });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const { tiers } = evaluateRuleSet(r.compiled, table);
  const ids = table.array('id') as number[];
  return ids.filter((_, i) => tiers[i] === 'Y');
}
