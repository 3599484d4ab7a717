// What differs between the SQL dialects the facts query is written for: identifier quoting,
// parameter placeholders, the day number of a date, the exact decimal type, text parsing and
// the binary collation that keeps ids apart (MySQL's default collation is case-insensitive and
// would merge "a" and "A"). Everything else in the generated SQL is plain SQL-92 (CASE, GROUP
// BY, window functions), so one template serves every dialect.

export const DIALECTS = ['duckdb', 'postgres', 'spark', 'bigquery', 'snowflake', 'mysql', 'clickhouse'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** How a source column is typed in the database: decides how it is turned into a fact input. */
export type ColumnKind = 'text' | 'date' | 'timestamp' | 'integer' | 'number';

export interface DialectSpec {
  /** Quoted identifier ("x" or `x`), quotes inside doubled. */
  ident(name: string): string;
  /** Placeholder of the n-th (1-based) distinct parameter. */
  placeholder(n: number, type: 'int' | 'double' | 'text'): string;
  /** Whether each occurrence of a placeholder binds its own value (`?` dialects). */
  positional: boolean;
  /** Whole days since 1970-01-01 of a DATE expression. */
  dayNumber(date: string): string;
  /** A text expression → DATE, NULL when it is not a date (where the dialect can). */
  textToDate(text: string): string;
  /** A timestamp expression → DATE. */
  toDate(expr: string): string;
  /** Any expression → the exact decimal money type, DECIMAL(18,4): 4 decimals, fast (not 38). */
  toDecimal(expr: string, kind: ColumnKind): string;
  /** The source value as a double (to detect amounts with more than 4 decimals). */
  toDouble(expr: string, kind: ColumnKind): string;
  /** Any expression → text. */
  toText(expr: string): string;
  /** Trim, and "1001.0" → "1001" (ingest's normalizeId). */
  normalizeId(text: string): string;
  /** The exact decimal as text, so the client parses it once, correctly rounded. */
  decimalText(expr: string): string;
}

const dq = (name: string) => `"${name.replace(/"/g, '""')}"`;
const bq = (name: string) => `\`${name.replace(/`/g, '``')}\``;
const ID_RE = String.raw`^([0-9]+)\.0+$`;

const duckdb: DialectSpec = {
  ident: dq,
  placeholder: (n) => `$${n}`,
  positional: false,
  dayNumber: (d) => `(${d} - DATE '1970-01-01')`,
  textToDate: (t) => `CAST(TRY_CAST(trim(${t}) AS TIMESTAMP) AS DATE)`,
  toDate: (e) => `CAST(${e} AS DATE)`,
  toDecimal: (e, kind) => (kind === 'text' ? `TRY_CAST(trim(${e}) AS DECIMAL(18,4))` : `CAST(${e} AS DECIMAL(18,4))`),
  toDouble: (e, kind) => (kind === 'text' ? `TRY_CAST(trim(${e}) AS DOUBLE)` : `CAST(${e} AS DOUBLE)`),
  toText: (e) => `CAST(${e} AS VARCHAR)`,
  normalizeId: (t) => `regexp_replace(regexp_replace(${t}, '^\\s+|\\s+$', '', 'g'), '${ID_RE}', '\\1')`,
  decimalText: (e) => `CAST(${e} AS VARCHAR)`,
};

const postgres: DialectSpec = {
  ident: dq,
  placeholder: (n) => `$${n}`,
  positional: false,
  dayNumber: (d) => `(${d} - DATE '1970-01-01')`,
  textToDate: (t) => `CAST(CAST(btrim(${t}) AS TIMESTAMP) AS DATE)`,
  toDate: (e) => `CAST(${e} AS DATE)`,
  toDecimal: (e, kind) => (kind === 'text' ? `CAST(btrim(${e}) AS NUMERIC(18,4))` : `CAST(${e} AS NUMERIC(18,4))`),
  // COLLATE "C": byte (= code point) order and equality, whatever the database's locale.
  toDouble: (e, kind) => (kind === 'text' ? `CAST(btrim(${e}) AS DOUBLE PRECISION)` : `CAST(${e} AS DOUBLE PRECISION)`),
  toText: (e) => `CAST(${e} AS TEXT) COLLATE "C"`,
  normalizeId: (t) => `regexp_replace(regexp_replace(${t}, '^\\s+|\\s+$', '', 'g'), '${ID_RE}', '\\1')`,
  decimalText: (e) => `CAST(${e} AS TEXT)`,
};

const spark: DialectSpec = {
  ident: bq,
  placeholder: () => '?',
  positional: true,
  dayNumber: (d) => `DATEDIFF(${d}, DATE '1970-01-01')`,
  textToDate: (t) => `TO_DATE(TRIM(${t}))`,
  toDate: (e) => `CAST(${e} AS DATE)`,
  toDecimal: (e) => `CAST(${e} AS DECIMAL(18,4))`,
  toDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  toText: (e) => `CAST(${e} AS STRING)`,
  normalizeId: (t) => `REGEXP_REPLACE(TRIM(${t}), '${ID_RE.replace(/\\/g, '\\\\')}', '$1')`,
  decimalText: (e) => `CAST(${e} AS STRING)`,
};

const bigquery: DialectSpec = {
  ident: bq,
  placeholder: (n) => `@p${n}`,
  positional: false,
  dayNumber: (d) => `UNIX_DATE(${d})`,
  textToDate: (t) => `SAFE_CAST(SAFE_CAST(TRIM(${t}) AS TIMESTAMP) AS DATE)`,
  toDate: (e) => `CAST(${e} AS DATE)`,
  toDecimal: (e, kind) => (kind === 'text' ? `SAFE_CAST(TRIM(${e}) AS NUMERIC)` : `CAST(${e} AS NUMERIC)`),
  toDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  toText: (e) => `CAST(${e} AS STRING)`,
  normalizeId: (t) => `REGEXP_REPLACE(TRIM(${t}), r'${ID_RE}', r'\\1')`,
  decimalText: (e) => `CAST(${e} AS STRING)`,
};

const snowflake: DialectSpec = {
  ident: dq,
  placeholder: (n) => `:${n}`,
  positional: false,
  dayNumber: (d) => `DATEDIFF('day', DATE '1970-01-01', ${d})`,
  textToDate: (t) => `TRY_TO_DATE(TRIM(${t}))`,
  toDate: (e) => `CAST(${e} AS DATE)`,
  toDecimal: (e, kind) => (kind === 'text' ? `TRY_TO_NUMBER(TRIM(${e}), 18, 4)` : `CAST(${e} AS NUMBER(18,4))`),
  // Binary collation: ids differing in case stay apart even under a case-insensitive default.
  toDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  toText: (e) => `COLLATE(CAST(${e} AS VARCHAR), 'utf8')`,
  normalizeId: (t) => `REGEXP_REPLACE(TRIM(${t}), '${ID_RE.replace(/\\/g, '\\\\')}', '\\\\1')`,
  decimalText: (e) => `CAST(${e} AS VARCHAR)`,
};

const mysql: DialectSpec = {
  ident: bq,
  placeholder: () => '?',
  positional: true,
  dayNumber: (d) => `DATEDIFF(${d}, DATE '1970-01-01')`,
  textToDate: (t) => `CAST(TRIM(${t}) AS DATE)`,
  toDate: (e) => `CAST(${e} AS DATE)`,
  toDecimal: (e) => `CAST(${e} AS DECIMAL(18,4))`,
  // utf8mb4_bin: the default utf8mb4_0900_ai_ci would merge ids differing in case or accents.
  toDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  toText: (e) => `CAST(${e} AS CHAR) COLLATE utf8mb4_bin`,
  normalizeId: (t) => `REGEXP_REPLACE(TRIM(${t}), '${ID_RE.replace(/\\/g, '\\\\')}', '$1')`,
  decimalText: (e) => `CAST(${e} AS CHAR)`,
};

const clickhouse: DialectSpec = {
  ident: bq,
  placeholder: (n, type) => `{p${n}:${type === 'int' ? 'Nullable(Int32)' : type === 'double' ? 'Nullable(Float64)' : 'Nullable(String)'}}`,
  positional: false,
  dayNumber: (d) => `toInt32(toRelativeDayNum(${d}) - toRelativeDayNum(toDate('1970-01-01')))`,
  textToDate: (t) => `toDate(parseDateTimeBestEffortOrNull(trim(${t})))`,
  toDate: (e) => `toDate(${e})`,
  toDecimal: (e, kind) => (kind === 'text' ? `toDecimal64OrNull(trim(${e}), 4)` : `toDecimal64(${e}, 4)`),
  toDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  toText: (e) => `toString(${e})`,
  normalizeId: (t) => `replaceRegexpOne(trim(${t}), '${ID_RE.replace(/\\/g, '\\\\')}', '\\\\1')`,
  decimalText: (e) => `toString(${e})`,
};

export const DIALECT: Record<Dialect, DialectSpec> = { duckdb, postgres, spark, bigquery, snowflake, mysql, clickhouse };

export function isDialect(s: string): s is Dialect {
  return (DIALECTS as readonly string[]).includes(s);
}
