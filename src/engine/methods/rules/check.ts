// Type checker: resolves column names against the table's fields, fills in each node's type
// and collects problems (with positions) before anything runs.
import type { Problem } from './errors';
import { closest } from './suggest';
import type { Expr, FieldInfo, ValueType } from './types';

export const FUNCTIONS = ['abs', 'min', 'max', 'round', 'days_since', 'lower', 'upper'] as const;

type T = ValueType | 'error';

export interface CheckContext {
  fields: readonly FieldInfo[];
  hasAnalysisDate: boolean;
}

/** Field lookup that never touches object prototypes (a column may be called `constructor`). */
export class FieldIndex {
  private readonly exact = new Map<string, FieldInfo>();
  private readonly folded = new Map<string, FieldInfo[]>();
  readonly names: string[];

  constructor(fields: readonly FieldInfo[]) {
    this.names = fields.map((f) => f.name);
    for (const f of fields) {
      this.exact.set(f.name, f);
      const k = f.name.toLowerCase();
      this.folded.set(k, [...(this.folded.get(k) ?? []), f]);
    }
  }

  /** Exact name, else the one column whose name differs only in letter case. */
  resolve(name: string): FieldInfo | undefined {
    const hit = this.exact.get(name);
    if (hit) return hit;
    const same = this.folded.get(name.toLowerCase());
    return same && same.length === 1 ? same[0] : undefined;
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }
}

/** Checks a parsed rule; returns the problems (empty when the rule is a valid condition). */
export function checkRule(ast: Expr, ctx: CheckContext, source: string): Problem[] {
  const problems: Problem[] = [];
  const index = new FieldIndex(ctx.fields);
  /** Operands where a value is expected: an unknown bare name there is probably unquoted text. */
  const valueSide = new Set<Expr>();
  const add = (node: { offset: number; length: number }, code: string, params: Record<string, string | number> = {}, suggestion?: string) => {
    problems.push({ code, params, offset: node.offset, length: node.length, suggestion });
  };

  const typeOf = (e: Expr): T => {
    const t = visit(e);
    e.type = t;
    return t;
  };

  const expectBool = (e: Expr, op: string): void => {
    const t = typeOf(e);
    if (t !== 'boolean' && t !== 'error') add(e, 'logic_operand', { op, type: t });
  };

  /** Two operands compared or ranged: same type; dates against text get a special hint. */
  const comparable = (node: Expr, a: T, b: T, op: string): boolean => {
    if (a === 'error' || b === 'error') return false;
    if (a === b) {
      if (a === 'boolean' && op !== '=' && op !== '!=') {
        add(node, 'order_boolean', { op });
        return false;
      }
      return true;
    }
    if ((a === 'date' && b === 'string') || (a === 'string' && b === 'date')) add(node, 'compare_date_text');
    else add(node, 'compare_types', { left: a, right: b });
    return false;
  };

  const visit = (e: Expr): T => {
    switch (e.kind) {
      case 'number':
      case 'string':
      case 'date':
      case 'boolean':
        return e.kind;
      case 'column': {
        const f = index.resolve(e.name);
        if (f) {
          e.name = f.name;
          return f.type;
        }
        const bare = source[e.offset] !== '`' && source[e.offset] !== '[';
        const suggestion = closest(e.name, index.names);
        add(e, !suggestion && bare && valueSide.has(e) ? 'unknown_column_text' : 'unknown_column', { name: e.name }, suggestion);
        return 'error';
      }
      case 'neg': {
        const t = typeOf(e.arg);
        if (t === 'number' || t === 'error') return t;
        add(e, 'arith_type', { op: '-', type: t });
        return 'error';
      }
      case 'arith': {
        const a = typeOf(e.left);
        const b = typeOf(e.right);
        if (a === 'error' || b === 'error') return 'error';
        if (a === 'number' && b === 'number') return 'number';
        // Date arithmetic: date − date = days, date ± days = date.
        if (a === 'date' && b === 'date' && e.op === '-') return 'number';
        if (a === 'date' && b === 'number' && (e.op === '+' || e.op === '-')) return 'date';
        if (a === 'number' && b === 'date' && e.op === '+') return 'date';
        add(e, 'arith_type', { op: e.op, type: a === 'number' ? b : a });
        return 'error';
      }
      case 'compare':
        valueSide.add(e.right);
        comparable(e, typeOf(e.left), typeOf(e.right), e.op);
        return 'boolean';
      case 'between': {
        valueSide.add(e.low).add(e.high);
        const a = typeOf(e.arg);
        const lo = typeOf(e.low);
        const hi = typeOf(e.high);
        if (comparable(e, a, lo, 'between')) comparable(e, a, hi, 'between');
        return 'boolean';
      }
      case 'in': {
        e.items.forEach((item) => valueSide.add(item));
        const a = typeOf(e.arg);
        for (const item of e.items) comparable(item, a, typeOf(item), '=');
        return 'boolean';
      }
      case 'blank':
        typeOf(e.arg);
        return 'boolean';
      case 'contains':
      case 'startsWith': {
        const op = e.kind === 'contains' ? 'contains' : 'starts with';
        valueSide.add(e.kind === 'contains' ? e.needle : e.prefix);
        for (const part of [e.arg, e.kind === 'contains' ? e.needle : e.prefix]) {
          const t = typeOf(part);
          if (t !== 'string' && t !== 'error') add(part, 'text_op_type', { op, type: t });
        }
        return 'boolean';
      }
      case 'and':
      case 'or':
        expectBool(e.left, e.kind);
        expectBool(e.right, e.kind);
        return 'boolean';
      case 'not':
        expectBool(e.arg, 'not');
        return 'boolean';
      case 'call':
        return visitCall(e);
    }
  };

  const visitCall = (e: Extract<Expr, { kind: 'call' }>): T => {
    const name = e.name.toLowerCase();
    const types = e.args.map(typeOf);
    if (!(FUNCTIONS as readonly string[]).includes(name)) {
      add({ offset: e.offset, length: e.name.length }, 'unknown_function', { name: e.name, list: FUNCTIONS.join(', ') }, closest(e.name, FUNCTIONS));
      return 'error';
    }
    e.name = name;
    const arity = (lo: number, hi: number, shown: string): boolean => {
      if (e.args.length >= lo && e.args.length <= hi) return true;
      add(e, 'arity', { name, expected: shown, got: e.args.length });
      return false;
    };
    const argType = (i: number, want: readonly T[], shown: ValueType): boolean => {
      const t = types[i];
      if (t === 'error' || want.includes(t)) return t !== 'error';
      add(e.args[i], 'fn_arg_type', { name, position: i + 1, expected: shown, type: t });
      return false;
    };
    switch (name) {
      case 'abs':
        return arity(1, 1, '1') && argType(0, ['number'], 'number') ? 'number' : 'error';
      case 'round':
        return arity(1, 2, '1–2') && types.every((_, i) => argType(i, ['number'], 'number')) ? 'number' : 'error';
      case 'lower':
      case 'upper':
        return arity(1, 1, '1') && argType(0, ['string'], 'string') ? 'string' : 'error';
      case 'days_since':
        if (!arity(1, 1, '1') || !argType(0, ['date'], 'date')) return 'error';
        if (!ctx.hasAnalysisDate) add(e, 'no_analysis_date');
        return 'number';
      default: {
        // min, max: two or more numbers, or two or more dates.
        if (!arity(2, Infinity, '2+')) return 'error';
        const first = types.find((t) => t !== 'error');
        if (first === undefined) return 'error';
        const want = first === 'date' ? 'date' : 'number';
        return types.every((_, i) => argType(i, [want], want)) ? want : 'error';
      }
    }
  };

  const top = typeOf(ast);
  if (top !== 'boolean' && top !== 'error') add(ast, 'not_condition', { type: top });
  return problems;
}
