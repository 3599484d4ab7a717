// Recursive-descent (Pratt) parser: tokens → AST. Limits keep hostile input harmless: the
// text length is capped before lexing and nesting depth is counted, so a deep or long
// rule gives a normal error instead of a stack overflow.
import { daysFromCivil, isCivilDate } from '../../calendar';
import { RuleSyntaxError } from './errors';
import { tokenize, type Token } from './lexer';
import type { ArithOp, CompareOp, Expr } from './types';

export const MAX_RULE_LENGTH = 4000;
export const MAX_NESTING = 64;

// Binding powers, loosest first.
const BP_OR = 10;
const BP_AND = 20;
const BP_NOT = 30;
const BP_PREDICATE = 40;
const BP_ADD = 50;
const BP_MUL = 60;
const BP_UNARY = 70;

const COMPARE_OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);
/** Keywords that may follow `not` in infix position: `x not in (...)` etc. */
const NEGATABLE = new Set(['between', 'in', 'contains', 'starts']);

export interface ParseOptions {
  /** True for names of real columns: lets a bare 中文 name contain 且/或/非. */
  isColumn?: (name: string) => boolean;
}

/** Parses one rule condition. Throws RuleSyntaxError (and only that) on bad input. */
export function parseRule(text: string, options: ParseOptions = {}): Expr {
  if (text.length > MAX_RULE_LENGTH) {
    throw new RuleSyntaxError('too_long', { length: text.length, max: MAX_RULE_LENGTH }, MAX_RULE_LENGTH, text.length - MAX_RULE_LENGTH);
  }
  const tokens = tokenize(text, options.isColumn);
  if (tokens.length === 1) throw new RuleSyntaxError('empty', {}, 0, 0);
  return new Parser(text, tokens).parseAll();
}

class Parser {
  private pos = 0;
  private nesting = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): Expr {
    const e = this.expr(0);
    const t = this.peek();
    if (t.kind !== 'eof') this.fail('end', t);
    return e;
  }

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** End offset of the last consumed token. */
  private get end(): number {
    const t = this.tokens[this.pos - 1];
    return t ? t.offset + t.length : 0;
  }

  private isKeyword(t: Token, word: string): boolean {
    return t.kind === 'keyword' && t.value === word;
  }

  private isOp(t: Token, op: string): boolean {
    return t.kind === 'op' && t.value === op;
  }

  private fail(expected: string, t: Token): never {
    throw new RuleSyntaxError('expected', { expected, found: describe(this.text, t) }, t.offset, t.length);
  }

  private expectOp(op: string, expected: string): Token {
    const t = this.peek();
    if (!this.isOp(t, op)) this.fail(expected, t);
    return this.next();
  }

  private expectKeyword(word: string, expected: string): Token {
    const t = this.peek();
    if (!this.isKeyword(t, word)) this.fail(expected, t);
    return this.next();
  }

  /** Runs a nested parse, counting depth so hostile nesting fails cleanly. */
  private nested<T>(at: Token, f: () => T): T {
    if (++this.nesting > MAX_NESTING) throw new RuleSyntaxError('too_deep', { max: MAX_NESTING }, at.offset, at.length);
    try {
      return f();
    } finally {
      this.nesting--;
    }
  }

  private span(start: number): { offset: number; length: number } {
    return { offset: start, length: this.end - start };
  }

  private expr(minBp: number): Expr {
    let left = this.prefix();
    let sawPredicate = false;
    for (;;) {
      const t = this.peek();
      const start = left.offset;
      if (this.isKeyword(t, 'or') || this.isKeyword(t, 'and')) {
        const bp = t.value === 'or' ? BP_OR : BP_AND;
        if (bp < minBp) break;
        this.next();
        const right = this.expr(bp + 1);
        left = { kind: t.value as 'or' | 'and', left, right, ...this.span(start) };
        sawPredicate = false;
        continue;
      }
      if (t.kind === 'op' && (t.value === '+' || t.value === '-' || t.value === '*' || t.value === '/')) {
        const bp = t.value === '+' || t.value === '-' ? BP_ADD : BP_MUL;
        if (bp < minBp) break;
        this.next();
        const right = this.expr(bp + 1);
        left = { kind: 'arith', op: t.value as ArithOp, left, right, ...this.span(start) };
        continue;
      }
      if (!this.startsPredicate(t)) break;
      if (BP_PREDICATE < minBp) break;
      // Comparisons do not chain: `a < b < c` is a mistake, not (a < b) < c.
      if (sawPredicate) this.fail('andOr', t);
      left = this.predicate(left);
      sawPredicate = true;
    }
    return left;
  }

  private startsPredicate(t: Token): boolean {
    if (t.kind === 'op') return COMPARE_OPS.has(t.value);
    if (t.kind !== 'keyword') return false;
    if (t.value === 'not') return this.peek(1).kind === 'keyword' && NEGATABLE.has(this.peek(1).value);
    return t.value === 'between' || t.value === 'in' || t.value === 'is' || t.value === 'contains' || t.value === 'starts';
  }

  private predicate(left: Expr): Expr {
    const start = left.offset;
    const t = this.next();
    if (t.kind === 'op') {
      const right = this.expr(BP_PREDICATE + 1);
      return { kind: 'compare', op: t.value as CompareOp, left, right, ...this.span(start) };
    }
    let negated = false;
    let kw = t;
    if (t.value === 'not') {
      negated = true;
      kw = this.next();
    }
    switch (kw.value) {
      case 'between': {
        const low = this.expr(BP_PREDICATE + 1);
        this.expectKeyword('and', 'betweenAnd');
        const high = this.expr(BP_PREDICATE + 1);
        return { kind: 'between', arg: left, low, high, negated, ...this.span(start) };
      }
      case 'in': {
        const open = this.expectOp('(', 'listOpen');
        const items = this.nested(open, () => this.list(')'));
        return { kind: 'in', arg: left, items, negated, ...this.span(start) };
      }
      case 'is': {
        if (this.isKeyword(this.peek(), 'not')) {
          negated = true;
          this.next();
        }
        const b = this.peek();
        if (!this.isKeyword(b, 'blank') && !this.isKeyword(b, 'null')) this.fail('blank', b);
        this.next();
        return { kind: 'blank', arg: left, negated, ...this.span(start) };
      }
      case 'contains': {
        const needle = this.expr(BP_PREDICATE + 1);
        return { kind: 'contains', arg: left, needle, negated, ...this.span(start) };
      }
      default: {
        // starts with
        this.expectKeyword('with', 'with');
        const prefix = this.expr(BP_PREDICATE + 1);
        return { kind: 'startsWith', arg: left, prefix, negated, ...this.span(start) };
      }
    }
  }

  /** Comma-separated expressions up to the closing parenthesis (consumed). */
  private list(close: string): Expr[] {
    const items: Expr[] = [this.expr(0)];
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, close)) {
        this.next();
        return items;
      }
      if (!this.isOp(t, ',')) this.fail('commaOrClose', t);
      this.next();
      items.push(this.expr(0));
    }
  }

  private prefix(): Expr {
    const t = this.next();
    const start = t.offset;
    switch (t.kind) {
      case 'number': {
        const value = Number(t.value);
        if (!Number.isFinite(value)) throw new RuleSyntaxError('invalid_number', { text: t.value }, t.offset, t.length);
        return { kind: 'number', value, offset: t.offset, length: t.length };
      }
      case 'string':
        return { kind: 'string', value: t.value, offset: t.offset, length: t.length };
      case 'quoted':
        return { kind: 'column', name: t.value, offset: t.offset, length: t.length };
      case 'ident': {
        if (this.isOp(this.peek(), '(')) {
          const open = this.next();
          const args = this.nested(open, () => (this.isOp(this.peek(), ')') ? (this.next(), []) : this.list(')')));
          return { kind: 'call', name: t.value, args, ...this.span(start) };
        }
        return { kind: 'column', name: t.value, offset: t.offset, length: t.length };
      }
      case 'op':
        if (t.value === '(') {
          const e = this.nested(t, () => this.expr(0));
          this.expectOp(')', 'close');
          // Keep the inner node but widen its span to the parentheses for messages.
          return { ...e, ...this.span(start) };
        }
        if (t.value === '-' || t.value === '+') {
          const arg = this.nested(t, () => this.expr(BP_UNARY));
          return t.value === '-' ? { kind: 'neg', arg, ...this.span(start) } : arg;
        }
        break;
      case 'keyword':
        if (t.value === 'not') {
          const arg = this.nested(t, () => this.expr(BP_NOT));
          return { kind: 'not', arg, ...this.span(start) };
        }
        if (t.value === 'true' || t.value === 'false') {
          return { kind: 'boolean', value: t.value === 'true', offset: t.offset, length: t.length };
        }
        if (t.value === 'date') {
          const s = this.peek();
          if (s.kind !== 'string') this.fail('dateText', s);
          this.next();
          const day = parseIsoDay(s.value);
          if (day === null) throw new RuleSyntaxError('invalid_date', { text: s.value }, s.offset, s.length);
          return { kind: 'date', value: day, ...this.span(start) };
        }
        break;
      default:
        break;
    }
    return this.fail('value', t);
  }
}

/** YYYY-MM-DD (or with /) → whole days since 1970-01-01, or null when it is not a real date. */
export function parseIsoDay(text: string): number | null {
  const m = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCivilDate(y, mo, d) ? daysFromCivil(y, mo, d) : null;
}

/** How a token is shown in "expected … but found …". */
function describe(text: string, t: Token): string {
  const raw = text.slice(t.offset, t.offset + t.length);
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}
