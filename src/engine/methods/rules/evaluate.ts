// Vectorised evaluation of a checked AST over the table's column arrays. No code is generated:
// each node kind is a fixed loop over typed arrays, so rule text can only ever select among
// these loops and supply data to them.
//
// Blank semantics (three-valued, as in SQL): a blank cell (null, NaN, empty text, no date)
// makes comparisons, `between`, `in`, `contains` and `starts with` UNKNOWN; `not` of unknown is
// unknown; `and` is false if either side is false, `or` true if either side is true. A rule
// matches only where its condition is TRUE, so blanks never match a comparison — test them
// with `is blank`. Arithmetic with a blank (or division by zero) gives blank; min/max skip blanks.
// Text comparisons ignore letter case.
import type { ColumnTable } from 'arquero';
import { dateToDay, isoToDay } from '../../calendar';
import type { CompareOp, Expr, ValueType } from './types';

export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;

type NumVec = { t: 'number' | 'date'; v: Float64Array };
/**
 * Text, dictionary-encoded: codes[i] indexes dict (−1 = blank). Columns repeat their values
 * (regions, segments, tiers), so text work is done once per distinct value. `literal`: every
 * row holds the same value (a constant in the rule).
 */
type StrVec = { t: 'string'; codes: Int32Array; dict: string[]; lower?: string[]; literal?: boolean };
type BoolVec = { t: 'boolean'; v: Uint8Array };
type Vec = NumVec | StrVec | BoolVec;

const NON_SPACE = /\S/;

/** Reads the table's columns once per evaluation (and caches them across rules). */
export class ColumnSource {
  private readonly cache = new Map<string, Vec>();
  readonly n: number;
  private readonly names: Set<string>;

  constructor(
    private readonly table: ColumnTable,
    private readonly types: ReadonlyMap<string, ValueType>,
  ) {
    this.n = table.numRows();
    this.names = new Set(table.columnNames());
  }

  get(name: string): Vec {
    const hit = this.cache.get(name);
    if (hit) return hit;
    // Only names the table really has: arquero's column() would return Object's prototype
    // members (e.g. "constructor") for others.
    const values = this.names.has(name) ? columnValues(this.table, name) : new Array<null>(this.n).fill(null);
    const vec = toVec(values, this.types.get(name) ?? 'string', this.n);
    this.cache.set(name, vec);
    return vec;
  }
}

/**
 * A column's values in row order: the backing array itself when the table is neither filtered
 * nor ordered (no copy), else a copy. Call only with a name from table.columnNames().
 */
export function columnValues(table: ColumnTable, name: string): ArrayLike<unknown> {
  const col = table.column(name) as unknown;
  if (!table.isFiltered() && !table.isOrdered() && (Array.isArray(col) || ArrayBuffer.isView(col))) return col as ArrayLike<unknown>;
  return table.array(name);
}

function toVec(values: ArrayLike<unknown>, type: ValueType, n: number): Vec {
  switch (type) {
    case 'number': {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = values[i];
        v[i] = typeof x === 'number' ? x : NaN;
      }
      return { t: 'number', v };
    }
    case 'date': {
      // Date objects, or ISO text dates (the engine writes first_order/last_order as YYYY-MM-DD).
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = values[i];
        // typeof before instanceof: instanceof on a primitive is a slow path in V8.
        v[i] = typeof x === 'string' ? isoToDay(x) : x instanceof Date ? dateToDay(x) : NaN;
      }
      return { t: 'date', v };
    }
    case 'boolean': {
      const v = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const x = values[i];
        v[i] = x === true ? TRUE : x === false ? FALSE : UNKNOWN;
      }
      return { t: 'boolean', v };
    }
    default: {
      const codes = new Int32Array(n);
      const dict: string[] = [];
      const index = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const s = asText(values[i]);
        if (s === null) {
          codes[i] = -1;
          continue;
        }
        let c = index.get(s);
        if (c === undefined) {
          c = dict.length;
          dict.push(s);
          index.set(s, c);
        }
        codes[i] = c;
      }
      return { t: 'string', codes, dict };
    }
  }
}

/** A cell as text; blank (null, empty, only spaces) → null. */
function asText(x: unknown): string | null {
  if (typeof x === 'string') {
    // Text whose first character is not a space is not blank; only the rest needs the regex.
    const c = x.charCodeAt(0);
    if ((c > 32 && c < 0xa0) || (c > 0xa0 && c < 0x1680) || (c > 0x3000 && c !== 0xfeff)) return x;
    return NON_SPACE.test(x) ? x : null;
  }
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') return Number.isNaN(x) ? null : String(x);
  if (x instanceof Date) return Number.isNaN(x.getTime()) ? null : x.toISOString().slice(0, 10);
  return asText(String(x));
}

/** Lower-cased dictionary (text comparisons ignore letter case). */
function lowered(s: StrVec): string[] {
  if (!s.lower) s.lower = s.dict.map((x) => x.toLowerCase());
  return s.lower;
}

/** Applies a test to each distinct value once, then spreads the answers over the rows. */
function perValue(a: StrVec, test: (lowerValue: string) => number, n: number): Uint8Array {
  const lower = lowered(a);
  const answers = new Uint8Array(lower.length);
  for (let k = 0; k < lower.length; k++) answers[k] = test(lower[k]);
  const out = new Uint8Array(n);
  const codes = a.codes;
  for (let i = 0; i < n; i++) out[i] = codes[i] < 0 ? UNKNOWN : answers[codes[i]];
  return out;
}

/** The value of a literal text vector (lower-cased), or null when it is blank. */
function literalValue(a: StrVec): string | null {
  return a.dict.length ? lowered(a)[0] : null;
}

/** A test on two text vectors, row by row, with fast paths when either side is a constant. */
function textTest(a: StrVec, b: StrVec, test: (x: string, y: string) => boolean, n: number): Uint8Array {
  if (b.literal) {
    const y = literalValue(b);
    return y === null ? new Uint8Array(n).fill(UNKNOWN) : perValue(a, (x) => (test(x, y) ? TRUE : FALSE), n);
  }
  if (a.literal) {
    const x = literalValue(a);
    return x === null ? new Uint8Array(n).fill(UNKNOWN) : perValue(b, (y) => (test(x, y) ? TRUE : FALSE), n);
  }
  const la = lowered(a);
  const lb = lowered(b);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const ca = a.codes[i];
    const cb = b.codes[i];
    out[i] = ca < 0 || cb < 0 ? UNKNOWN : test(la[ca], lb[cb]) ? TRUE : FALSE;
  }
  return out;
}

export interface EvalContext {
  src: ColumnSource;
  /** Days since epoch of the analysis date (NaN when not given). */
  analysisDay: number;
}

/** Evaluates a condition: TRUE / FALSE / UNKNOWN per row. */
export function evaluateCondition(ast: Expr, ctx: EvalContext): Uint8Array {
  return bool(evaluate(ast, ctx));
}

function evaluate(e: Expr, ctx: EvalContext): Vec {
  const n = ctx.src.n;
  switch (e.kind) {
    case 'number':
      return { t: 'number', v: new Float64Array(n).fill(e.value) };
    case 'date':
      return { t: 'date', v: new Float64Array(n).fill(e.value) };
    case 'string': {
      const blank = !NON_SPACE.test(e.value);
      return { t: 'string', codes: new Int32Array(n).fill(blank ? -1 : 0), dict: blank ? [] : [e.value], literal: true };
    }
    case 'boolean':
      return { t: 'boolean', v: new Uint8Array(n).fill(e.value ? TRUE : FALSE) };
    case 'column':
      return ctx.src.get(e.name);
    case 'neg': {
      const a = num(evaluate(e.arg, ctx));
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = -a[i];
      return { t: 'number', v };
    }
    case 'arith':
      return arith(e.op, evaluate(e.left, ctx), evaluate(e.right, ctx), e.type === 'date' ? 'date' : 'number', n);
    case 'compare':
      return { t: 'boolean', v: compareTo(e.op, evaluate(e.left, ctx), e.right, ctx) };
    case 'between': {
      const a = evaluate(e.arg, ctx);
      const v = and(compareTo('>=', a, e.low, ctx), compareTo('<=', a, e.high, ctx));
      return { t: 'boolean', v: e.negated ? not(v) : v };
    }
    case 'in': {
      const a = evaluate(e.arg, ctx);
      let v = inLiterals(a, e.items, n);
      if (!v) {
        v = new Uint8Array(n); // FALSE
        for (const item of e.items) v = or(v, compare('=', a, evaluate(item, ctx), n));
      }
      // Kleene `or` over the items gives UNKNOWN for a blank argument (and so does inLiterals).
      return { t: 'boolean', v: e.negated ? not(v) : v };
    }
    case 'blank': {
      const a = evaluate(e.arg, ctx);
      const v = new Uint8Array(n);
      const yes = e.negated ? FALSE : TRUE;
      const no = e.negated ? TRUE : FALSE;
      if (a.t === 'string') for (let i = 0; i < n; i++) v[i] = a.codes[i] < 0 ? yes : no;
      else if (a.t === 'boolean') for (let i = 0; i < n; i++) v[i] = a.v[i] === UNKNOWN ? yes : no;
      else for (let i = 0; i < n; i++) v[i] = Number.isNaN(a.v[i]) ? yes : no;
      return { t: 'boolean', v };
    }
    case 'contains':
    case 'startsWith': {
      const a = str(evaluate(e.arg, ctx));
      const b = str(evaluate(e.kind === 'contains' ? e.needle : e.prefix, ctx));
      const v = e.kind === 'contains' ? textTest(a, b, (x, y) => x.includes(y), n) : textTest(a, b, (x, y) => x.startsWith(y), n);
      return { t: 'boolean', v: e.negated ? not(v) : v };
    }
    case 'and':
      return { t: 'boolean', v: and(bool(evaluate(e.left, ctx)), bool(evaluate(e.right, ctx))) };
    case 'or':
      return { t: 'boolean', v: or(bool(evaluate(e.left, ctx)), bool(evaluate(e.right, ctx))) };
    case 'not':
      return { t: 'boolean', v: not(bool(evaluate(e.arg, ctx))) };
    case 'call':
      return call(e.name, e.args.map((a) => evaluate(a, ctx)), ctx, e.type === 'date' ? 'date' : 'number');
  }
}

/** `x in (literal, ...)` in one pass with a Set; null when an item is not a literal. */
function inLiterals(a: Vec, items: Expr[], n: number): Uint8Array | null {
  const keys = new Set<string | number>();
  for (const item of items) {
    if (item.kind === 'string') keys.add(item.value.toLowerCase());
    else if (item.kind === 'number' || item.kind === 'date') keys.add(item.value);
    else return null;
  }
  if (a.t === 'boolean') return null;
  if (a.t === 'string') return perValue(a, (x) => (keys.has(x) ? TRUE : FALSE), n);
  const out = new Uint8Array(n);
  const x = a.v;
  for (let i = 0; i < n; i++) out[i] = x[i] !== x[i] ? UNKNOWN : keys.has(x[i]) ? TRUE : FALSE;
  return out;
}

// Coercions. The checker guarantees the types, so these only matter for an unchecked AST: the
// evaluator stays total (a mismatched operand is blank) instead of throwing.
function num(x: Vec): Float64Array {
  if (x.t === 'number' || x.t === 'date') return x.v;
  return new Float64Array(x.t === 'string' ? x.codes.length : x.v.length).fill(NaN);
}

function str(x: Vec): StrVec {
  if (x.t === 'string') return x;
  return { t: 'string', codes: new Int32Array(x.v.length).fill(-1), dict: [] };
}

function bool(x: Vec): Uint8Array {
  if (x.t === 'boolean') return x.v;
  return new Uint8Array(x.t === 'string' ? x.codes.length : x.v.length).fill(UNKNOWN);
}

/** Non-finite results (x/0, overflow) are blank. */
function arith(op: string, l: Vec, r: Vec, t: 'number' | 'date', n: number): NumVec {
  const a = num(l);
  const b = num(r);
  const v = new Float64Array(n);
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) v[i] = a[i] + b[i];
      break;
    case '-':
      for (let i = 0; i < n; i++) v[i] = a[i] - b[i];
      break;
    case '*':
      for (let i = 0; i < n; i++) v[i] = a[i] * b[i];
      break;
    default:
      for (let i = 0; i < n; i++) v[i] = a[i] / b[i];
  }
  for (let i = 0; i < n; i++) if (!Number.isFinite(v[i])) v[i] = NaN;
  return { t, v };
}

/** Compares with the right operand; a number or date constant (the usual case) is not broadcast. */
function compareTo(op: CompareOp | string, l: Vec, right: Expr, ctx: EvalContext): Uint8Array {
  if ((right.kind === 'number' || right.kind === 'date') && (l.t === 'number' || l.t === 'date')) return compareScalar(op, l.v, right.value);
  return compare(op, l, evaluate(right, ctx), ctx.src.n);
}

function compareScalar(op: CompareOp | string, a: Float64Array, c: number): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  switch (op) {
    case '>':
      for (let i = 0; i < n; i++) out[i] = a[i] > c ? TRUE : a[i] <= c ? FALSE : UNKNOWN;
      return out;
    case '>=':
      for (let i = 0; i < n; i++) out[i] = a[i] >= c ? TRUE : a[i] < c ? FALSE : UNKNOWN;
      return out;
    case '<':
      for (let i = 0; i < n; i++) out[i] = a[i] < c ? TRUE : a[i] >= c ? FALSE : UNKNOWN;
      return out;
    case '<=':
      for (let i = 0; i < n; i++) out[i] = a[i] <= c ? TRUE : a[i] > c ? FALSE : UNKNOWN;
      return out;
    case '=':
      for (let i = 0; i < n; i++) out[i] = a[i] === c ? TRUE : a[i] !== a[i] ? UNKNOWN : FALSE;
      return out;
    default:
      for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? UNKNOWN : a[i] !== c ? TRUE : FALSE;
      return out;
  }
}

function compare(op: CompareOp | string, l: Vec, r: Vec, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (l.t === 'string' && r.t === 'string') return textTest(l, r, (x, y) => test(op, x < y ? -1 : x > y ? 1 : 0) === TRUE, n);
  if (l.t === 'boolean' && r.t === 'boolean') {
    const a = l.v;
    const b = r.v;
    for (let i = 0; i < n; i++) out[i] = a[i] === UNKNOWN || b[i] === UNKNOWN ? UNKNOWN : test(op, a[i] - b[i]);
    return out;
  }
  const a = num(l);
  const b = num(r);
  switch (op) {
    // Unrolled for the common operators: NaN (blank) → UNKNOWN.
    case '>':
      for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? TRUE : a[i] <= b[i] ? FALSE : UNKNOWN;
      return out;
    case '>=':
      for (let i = 0; i < n; i++) out[i] = a[i] >= b[i] ? TRUE : a[i] < b[i] ? FALSE : UNKNOWN;
      return out;
    case '<':
      for (let i = 0; i < n; i++) out[i] = a[i] < b[i] ? TRUE : a[i] >= b[i] ? FALSE : UNKNOWN;
      return out;
    case '<=':
      for (let i = 0; i < n; i++) out[i] = a[i] <= b[i] ? TRUE : a[i] > b[i] ? FALSE : UNKNOWN;
      return out;
    default:
      for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] || b[i] !== b[i] ? UNKNOWN : test(op, a[i] - b[i]);
      return out;
  }
}

function test(op: string, sign: number): number {
  switch (op) {
    case '=':
      return sign === 0 ? TRUE : FALSE;
    case '!=':
      return sign !== 0 ? TRUE : FALSE;
    case '<':
      return sign < 0 ? TRUE : FALSE;
    case '<=':
      return sign <= 0 ? TRUE : FALSE;
    case '>':
      return sign > 0 ? TRUE : FALSE;
    default:
      return sign >= 0 ? TRUE : FALSE;
  }
}

export function and(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] === FALSE || b[i] === FALSE ? FALSE : a[i] === TRUE && b[i] === TRUE ? TRUE : UNKNOWN;
  return out;
}

export function or(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] === TRUE || b[i] === TRUE ? TRUE : a[i] === FALSE && b[i] === FALSE ? FALSE : UNKNOWN;
  return out;
}

export function not(a: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] === UNKNOWN ? UNKNOWN : a[i] === TRUE ? FALSE : TRUE;
  return out;
}

function call(name: string, args: Vec[], ctx: EvalContext, t: 'number' | 'date'): Vec {
  const n = ctx.src.n;
  // A missing argument (only possible in an unchecked AST) is blank.
  const at = (k: number): Vec => args[k] ?? { t: 'number', v: new Float64Array(n).fill(NaN) };
  switch (name) {
    case 'lower':
    case 'upper': {
      const a = str(at(0));
      // Same codes, converted dictionary: the work is per distinct value.
      return { t: 'string', codes: a.codes, dict: a.dict.map((x) => (name === 'lower' ? x.toLowerCase() : x.toUpperCase())), literal: a.literal };
    }
    case 'abs': {
      const a = num(at(0));
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = Math.abs(a[i]);
      return { t: 'number', v };
    }
    case 'round': {
      const a = num(at(0));
      const d = args[1] ? num(args[1]) : null;
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = roundHalfAway(a[i], d ? d[i] : 0);
      return { t: 'number', v };
    }
    case 'days_since': {
      const a = num(at(0));
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = ctx.analysisDay - a[i];
      return { t: 'number', v };
    }
    default: {
      // min / max, skipping blanks.
      const isMin = name === 'min';
      const cols = args.map(num);
      const v = new Float64Array(n).fill(NaN);
      for (const c of cols) {
        for (let i = 0; i < n; i++) {
          const x = c[i];
          if (x !== x) continue;
          const cur = v[i];
          if (cur !== cur || (isMin ? x < cur : x > cur)) v[i] = x;
        }
      }
      return { t, v };
    }
  }
}

/** Rounds half away from zero like Excel's ROUND; digits are whole numbers within ±15. */
function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(digits)) return NaN;
  const d = Math.max(-15, Math.min(15, Math.trunc(digits)));
  const f = 10 ** d;
  // toPrecision(15) drops binary noise first, so 1.005 → 1.01 as a person expects.
  const r = (Math.sign(x) * Math.round(Number((Math.abs(x) * f).toPrecision(15)))) / f;
  return Number.isFinite(r) ? r : NaN;
}
