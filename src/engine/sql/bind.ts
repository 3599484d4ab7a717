// Bound parameters and the few per-dialect spellings the tiers SQL needs beyond the facts
// query's (dialects.ts): type names for casts, a full-match regular expression, substring
// position, temporary and result tables. Every value the user wrote (labels, segment names,
// rule texts and numbers, cut points) reaches the SQL through Binder.p as a placeholder; only
// the engine's own constants are written into the text, through int() and num() which accept
// nothing but finite numbers.
import { DIALECT, type Dialect, type DialectSpec } from './dialects';

export type ParamType = 'int' | 'double' | 'text';
export type ParamValue = number | string | null;

export interface Param {
  name: string;
  type: ParamType;
  value: ParamValue;
}

/** A statement with its parameters (values in placeholder order; `?` dialects: per occurrence). */
export interface Statement {
  sql: string;
  params: ParamValue[];
  /** The distinct parameters, in number order, for the printed script. */
  named: Param[];
  /** Parameter names per placeholder occurrence, in text order (what `?` dialects bind). */
  order: string[];
}

interface Extra {
  double: string;
  text: string;
  bigint: string;
  /** Whether the whole text matches a regular expression (given as a plain literal). */
  fullMatch(x: string, re: string): string;
  /** 1-based position of needle in hay, 0 when absent. */
  strpos(hay: string, needle: string): string;
  /** CREATE TABLE … AS for the result table. */
  createAs(table: string): string;
}

const ansi = (double: string, text: string, bigint: string): Pick<Extra, 'double' | 'text' | 'bigint'> => ({ double, text, bigint });
const createAs = (t: string) => `CREATE TABLE ${t} AS`;

export const EXTRA: Record<Dialect, Extra> = {
  duckdb: { ...ansi('DOUBLE', 'VARCHAR', 'BIGINT'), fullMatch: (x, re) => `regexp_full_match(${x}, '${re}')`, strpos: (h, n) => `strpos(${h}, ${n})`, createAs },
  postgres: { ...ansi('DOUBLE PRECISION', 'TEXT', 'BIGINT'), fullMatch: (x, re) => `(${x} ~ '^(?:${re})$')`, strpos: (h, n) => `strpos(${h}, ${n})`, createAs },
  spark: { ...ansi('DOUBLE', 'STRING', 'BIGINT'), fullMatch: (x, re) => `(${x} RLIKE '^(?:${re})$')`, strpos: (h, n) => `INSTR(${h}, ${n})`, createAs: (t) => `CREATE TABLE ${t} USING parquet AS` },
  bigquery: { ...ansi('FLOAT64', 'STRING', 'INT64'), fullMatch: (x, re) => `REGEXP_CONTAINS(${x}, r'^(?:${re})$')`, strpos: (h, n) => `STRPOS(${h}, ${n})`, createAs },
  snowflake: { ...ansi('DOUBLE', 'VARCHAR', 'BIGINT'), fullMatch: (x, re) => `REGEXP_LIKE(${x}, '${re}')`, strpos: (h, n) => `POSITION(${n}, ${h})`, createAs },
  mysql: { ...ansi('DOUBLE', 'CHAR', 'SIGNED'), fullMatch: (x, re) => `REGEXP_LIKE(${x}, '^(${re})$', 'c')`, strpos: (h, n) => `LOCATE(${n}, ${h})`, createAs },
  clickhouse: {
    ...ansi('Float64', 'String', 'Int64'),
    fullMatch: (x, re) => `match(${x}, '^(?:${re})$')`,
    strpos: (h, n) => `positionUTF8(${h}, ${n})`,
    createAs: (t) => `CREATE TABLE ${t} ENGINE = MergeTree ORDER BY tuple() AS`,
  },
};

/** An engine constant written into the SQL: a whole number, nothing else. */
export function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer constant: ${n}`);
  return String(n);
}

/**
 * Numbered placeholders (one value per name) or `?` (one value per occurrence, in text order).
 * p() returns a marker; statement() turns markers into placeholders in the order they appear in
 * the final text, so SQL can be assembled in any order.
 */
export class Binder {
  readonly d: DialectSpec;
  readonly x: Extra;
  private readonly named: Param[] = [];

  /** `offset`: placeholders already used by an enclosed statement (the facts query). */
  constructor(
    readonly dialect: Dialect,
    private readonly offset = 0,
  ) {
    this.d = DIALECT[dialect];
    this.x = EXTRA[dialect];
  }

  /** A placeholder for `value`, cast to its type; the same name always binds the same value. */
  p(name: string, type: ParamType, value: ParamValue): string {
    let k = this.named.findIndex((q) => q.name === name);
    if (k < 0) {
      k = this.named.length;
      this.named.push({ name, type, value });
    } else if (!Object.is(this.named[k].value, value)) {
      throw new Error(`parameter ${name} bound twice with different values`);
    }
    return `CAST(\u0000${k}\u0000 AS ${type === 'int' ? this.x.bigint : type === 'double' ? this.x.double : this.x.text})`;
  }

  /** A double constant of the engine's own (e.g. 30.4375 days a month), exactly as JS reads it. */
  num(x: number): string {
    if (!Number.isFinite(x)) throw new Error(`not a finite constant: ${x}`);
    return `CAST(${String(x)} AS ${this.x.double})`;
  }

  /** The final text with placeholders; `before`: the enclosed statement's parameters (they come first). */
  statement(text: string, before: Statement = { sql: '', params: [], named: [], order: [] }): Statement {
    const occurrences: ParamValue[] = [];
    const order: string[] = [];
    // NUL delimits the markers: it cannot occur in SQL text (nor in a query the user wrote).
    // eslint-disable-next-line no-control-regex
    const sql = text.replace(/\u0000(\d+)\u0000/g, (_, k: string) => {
      const q = this.named[Number(k)];
      occurrences.push(q.value);
      order.push(q.name);
      return this.d.placeholder(this.offset + Number(k) + 1, q.type);
    });
    return {
      sql,
      params: [...before.params, ...(this.d.positional ? occurrences : this.named.map((q) => q.value))],
      named: [...before.named, ...this.named],
      order: [...before.order, ...order],
    };
  }
}
