// Type checker: resolves column names against the table's fields, fills in each node's type
// and collects problems (with positions) before anything runs.
import type { Problem } from './errors';
import { closest } from './suggest';
import type { Expr, FieldInfo, ValueType } from './types';
import type { Params } from '../../../i18n';

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
  const checker = new Checker(ctx, source);
  const top = checker.typeOf(ast);
  if (top !== 'boolean' && top !== 'error') checker.add(ast, 'not_condition', { type: top });
  return checker.problems;
}

/** The type checker: annotates every node with its type and collects the problems. */
class Checker {
  readonly problems: Problem[] = [];
  private readonly index: FieldIndex;
  /** Operands where a value is expected: an unknown bare name there is probably unquoted text. */
  private readonly valueSide = new Set<Expr>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly source: string,
  ) {
    this.index = new FieldIndex(ctx.fields);
  }

  add(node: { offset: number; length: number }, code: string, params: Params = {}, suggestion?: string): void {
    this.problems.push({ code, params, offset: node.offset, length: node.length, suggestion });
  }

  typeOf(e: Expr): T {
    const t = this.visit(e);
    e.type = t;
    return t;
  }

  private expectBool(e: Expr, op: string): void {
    const t = this.typeOf(e);
    if (t !== 'boolean' && t !== 'error') this.add(e, 'logic_operand', { op, type: t });
  }

  /** Two operands compared or ranged: same type; dates against text get a special hint. */
  private comparable(node: Expr, a: T, b: T, op: string): boolean {
    if (a === 'error' || b === 'error') return false;
    if (a === b) {
      if (a === 'boolean' && op !== '=' && op !== '!=') {
        this.add(node, 'order_boolean', { op });
        return false;
      }
      return true;
    }
    if ((a === 'date' && b === 'string') || (a === 'string' && b === 'date')) this.add(node, 'compare_date_text');
    else this.add(node, 'compare_types', { left: a, right: b });
    return false;
  }

  private visit(e: Expr): T {
    switch (e.kind) {
      case 'number':
      case 'string':
      case 'date':
      case 'boolean':
        return e.kind;
      case 'column':
        return this.visitColumn(e);
      case 'neg': {
        const t = this.typeOf(e.arg);
        if (t === 'number' || t === 'error') return t;
        this.add(e, 'arith_type', { op: '-', type: t });
        return 'error';
      }
      case 'arith':
        return this.visitArith(e);
      case 'and':
      case 'or':
        this.expectBool(e.left, e.kind);
        this.expectBool(e.right, e.kind);
        return 'boolean';
      case 'not':
        this.expectBool(e.arg, 'not');
        return 'boolean';
      case 'call':
        return this.visitCall(e);
      default:
        return this.visitPredicate(e);
    }
  }

  private visitColumn(e: Extract<Expr, { kind: 'column' }>): T {
    const f = this.index.resolve(e.name);
    if (f) {
      e.name = f.name;
      return f.type;
    }
    const bare = this.source[e.offset] !== '`' && this.source[e.offset] !== '[';
    const suggestion = closest(e.name, this.index.names);
    this.add(e, !suggestion && bare && this.valueSide.has(e) ? 'unknown_column_text' : 'unknown_column', { name: e.name }, suggestion);
    return 'error';
  }

  private visitArith(e: Extract<Expr, { kind: 'arith' }>): T {
    const a = this.typeOf(e.left);
    const b = this.typeOf(e.right);
    if (a === 'error' || b === 'error') return 'error';
    if (a === 'number' && b === 'number') return 'number';
    // Date arithmetic: date − date = days, date ± days = date.
    if (a === 'date' && b === 'date' && e.op === '-') return 'number';
    if (a === 'date' && b === 'number' && (e.op === '+' || e.op === '-')) return 'date';
    if (a === 'number' && b === 'date' && e.op === '+') return 'date';
    this.add(e, 'arith_type', { op: e.op, type: a === 'number' ? b : a });
    return 'error';
  }

  /** Comparisons and tests: compare, between, in, blank, contains, starts with. */
  private visitPredicate(e: Extract<Expr, { kind: 'compare' | 'between' | 'in' | 'blank' | 'contains' | 'startsWith' }>): T {
    switch (e.kind) {
      case 'compare':
        this.valueSide.add(e.right);
        this.comparable(e, this.typeOf(e.left), this.typeOf(e.right), e.op);
        break;
      case 'between': {
        this.valueSide.add(e.low).add(e.high);
        const a = this.typeOf(e.arg);
        const lo = this.typeOf(e.low);
        const hi = this.typeOf(e.high);
        if (this.comparable(e, a, lo, 'between')) this.comparable(e, a, hi, 'between');
        break;
      }
      case 'in': {
        e.items.forEach((item) => this.valueSide.add(item));
        const a = this.typeOf(e.arg);
        for (const item of e.items) this.comparable(item, a, this.typeOf(item), '=');
        break;
      }
      case 'blank':
        this.typeOf(e.arg);
        break;
      case 'contains':
      case 'startsWith': {
        const op = e.kind === 'contains' ? 'contains' : 'starts with';
        const other = e.kind === 'contains' ? e.needle : e.prefix;
        this.valueSide.add(other);
        for (const part of [e.arg, other]) {
          const t = this.typeOf(part);
          if (t !== 'string' && t !== 'error') this.add(part, 'text_op_type', { op, type: t });
        }
        break;
      }
    }
    return 'boolean';
  }

  private visitCall(e: Extract<Expr, { kind: 'call' }>): T {
    const name = e.name.toLowerCase();
    const types = e.args.map((x) => this.typeOf(x));
    if (!(FUNCTIONS as readonly string[]).includes(name)) {
      this.add({ offset: e.offset, length: e.name.length }, 'unknown_function', { name: e.name, list: FUNCTIONS }, closest(e.name, FUNCTIONS));
      return 'error';
    }
    e.name = name;
    const arity = (lo: number, hi: number, shown: string): boolean => {
      if (e.args.length >= lo && e.args.length <= hi) return true;
      this.add(e, 'arity', { name, expected: shown, got: e.args.length });
      return false;
    };
    const argType = (i: number, want: readonly T[], shown: ValueType): boolean => {
      const t = types[i];
      if (t === 'error' || want.includes(t)) return t !== 'error';
      this.add(e.args[i], 'fn_arg_type', { name, position: i + 1, expected: shown, type: t });
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
        if (!this.ctx.hasAnalysisDate) this.add(e, 'no_analysis_date');
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
  }
}
