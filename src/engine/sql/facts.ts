// Config → the one aggregate query that computes the customer facts (engine/facts.ts) inside a
// database. Identifiers are quoted, values are bound parameters; no user text is ever pasted
// into the SQL except a source query the user wrote as SQL on purpose (--orders-query), which
// is wrapped as a subquery. Parameters: 1 analysis day (days since 1970-01-01, or NULL: the
// latest order day), 2 churn window days, 3 returns policy (1 net, 0 exclude).
import { isoToDay } from '../calendar';
import { DIALECT, type ColumnKind, type Dialect, type DialectSpec } from './dialects';
import { duckdbFactsSql } from './factsDuckdb';
import { duckdbAby, duckdbBadId, duckdbDateParts, duckdbDateShapes, duckdbId, duckdbOtherSpaceAtEnd, duckdbPlainNumber, duckdbTextDay, duckdbYmdDay } from './reading';

export interface SourceColumn {
  name: string;
  kind: ColumnKind;
}

export interface FactsQueryInput {
  dialect: Dialect;
  /** A table (its name parts, e.g. ["sales", "orders"]) or a query the user wrote. */
  source: { table: string[] } | { query: string };
  columns: { customerId: SourceColumn; orderDate: SourceColumn; amount: SourceColumn; profit?: SourceColumn; orderId?: SourceColumn };
  analysisDate?: string;
  returns: 'net' | 'exclude';
  windowDays: number;
  /** Rows dated on or after this day are left out (outlier dates, ingest/dateOutliers.ts). */
  dayBefore?: number;
  /** Day/month order of a/b/y text dates (DuckDB text columns): true for day first. */
  dmy?: boolean;
  /** The latest day of a usable row (the analysis day when none is given), when the caller knows it: saves DuckDB a pass. */
  latestDay?: number;
  /** The validation found every date strict YYYY-MM-DD and every id needing no trim: DuckDB skips that work. */
  isoDates?: boolean;
  rawIds?: boolean;
  /** The config's dateOrder, to decide `dmy` as the ingest does. */
  dateOrder?: 'auto' | 'mdy' | 'dmy';
}

export interface BoundSql {
  sql: string;
  /** Values in placeholder order (`?` dialects: one per occurrence). */
  params: (number | null)[];
  /** Parameter names, for documentation and dialects with named parameters. */
  names: string[];
}

/** Output columns of the facts query, in order. */
export const FACT_COLUMNS = ['cid', 'a', 'order_rows', 'return_rows', 'after_rows', 'orders', 'revenue', 'profit', 'first_day', 'last_day', 'active_days', 'recent_days', 'gap2', 'clv_days', 'clv_first', 'clv_last', 'clv_repeat'] as const;

/** The FROM item of a source: a quoted table name, or the user's query as a subquery. */
export function sourceSql(d: DialectSpec, source: FactsQueryInput['source']): string {
  if ('table' in source) return source.table.map((p) => d.ident(p)).join('.');
  return `(\n${source.query.replace(/;\s*$/, '')}\n)`;
}

/** DuckDB reads a text date column the way the in-memory ingest does (engine/sql/reading.ts). */
function memoryDates(input: FactsQueryInput): boolean {
  return input.dialect === 'duckdb' && input.columns.orderDate.kind === 'text' && !input.isoDates;
}

const PARTS = '"__ct_date_parts"';

/** The FROM item: the source, with the date parts of a text date column when DuckDB reads it. */
function fromSql(d: DialectSpec, input: FactsQueryInput): string {
  const src = sourceSql(d, input.source);
  if (!memoryDates(input)) return `${src} t`;
  return `(SELECT t.*, ${duckdbDateParts(`t.${d.ident(input.columns.orderDate.name)}`)} AS ${PARTS} FROM ${src} t) t`;
}

/** Column → id text, day number, exact decimal, by the column's type in the database. */
function inputs(d: DialectSpec, input: FactsQueryInput, dmy: string): string[] {
  const c = input.columns;
  const col = (s: SourceColumn) => `t.${d.ident(s.name)}`;
  const duck = input.dialect === 'duckdb';
  const idText = (s: SourceColumn) => (s.kind === 'integer' ? d.toText(col(s)) : duck && s.kind === 'text' ? (input.rawIds ? col(s) : duckdbId(col(s))) : d.toText(d.normalizeId(d.toText(col(s)))));
  const date = memoryDates(input)
    ? duckdbTextDay(col(c.orderDate), `t.${PARTS}`, dmy)
    : duck && input.isoDates && c.orderDate.kind === 'text'
    ? `(TRY_CAST(${col(c.orderDate)} AS DATE) - DATE '1970-01-01')`
    : d.dayNumber(c.orderDate.kind === 'text' ? d.textToDate(col(c.orderDate)) : c.orderDate.kind === 'date' ? col(c.orderDate) : d.toDate(col(c.orderDate)));
  // Plain numbers only (the validation refuses others): no trim, which DuckDB would spend on every row.
  const money = (s: SourceColumn) => (duck && s.kind === 'text' ? `TRY_CAST(${col(s)} AS DECIMAL(18,4))` : d.toDecimal(col(s), s.kind));
  // A typed NULL: PostgreSQL types a bare NULL as text, and SUM(text) does not exist.
  const profit = c.profit ? `COALESCE(${money(c.profit)}, 0)` : d.toDecimal('NULL', 'number');
  const oid = c.orderId ? `NULLIF(${idText(c.orderId)}, '')` : 'NULL';
  return [`NULLIF(${idText(c.customerId)}, '') AS cid`, `${date} AS d`, `${money(c.amount)} AS amt`, `${profit} AS prf`, `${oid} AS oid`];
}

/** Parameter binder: numbered placeholders reuse one value; `?` dialects repeat it. */
function binder(d: DialectSpec, values: Record<string, number | null>) {
  const names = Object.keys(values);
  const params: (number | null)[] = [];
  const p = (name: string) => {
    const n = names.indexOf(name) + 1;
    if (d.positional) params.push(values[name]);
    return `CAST(${d.placeholder(n, 'int')} AS INTEGER)`;
  };
  return { p, params: () => (d.positional ? params : names.map((n) => values[n])), names };
}

/** The query's parameters: the optional ones only when used (the warehouse SQL stays as it was). */
function bound(d: DialectSpec, input: FactsQueryInput) {
  const values: Record<string, number | null> = { analysis_day: input.analysisDate ? isoToDay(input.analysisDate) : null, window_days: input.windowDays, net: input.returns === 'net' ? 1 : 0 };
  if (input.dayBefore !== undefined) values.day_before = input.dayBefore;
  if (memoryDates(input)) values.dmy = input.dmy ? 1 : 0;
  if (input.latestDay !== undefined) values.latest_day = input.latestDay;
  return binder(d, values);
}

/** The day/month evidence of a/b/y text (dates.ts parseDates): 1 day first, 2 month first, 3 undecidable, 0 neither (a = b). */
function evidence(p: string): string {
  const { a, b } = duckdbAby(p);
  return `CASE WHEN ${a} > 12 AND ${b} <= 12 THEN 1 WHEN ${b} > 12 AND ${a} <= 12 THEN 2 WHEN ${a} <> ${b} THEN 3 ELSE 0 END`;
}

/** Output columns of the validation query, one row per (day, a/b/y days, evidence, shape). */
export interface ValidationRow {
  d: number | null;
  d_mdy: number | null;
  d_dmy: number | null;
  ev: number | null;
  shape: number | null;
  n: number;
  bad_id: number;
  bad_amount: number;
  bad_profit: number;
  blank_oid: number;
  ex_id: string | null;
  ex_date: string | null;
  ex_amount: string | null;
  ex_profit: string | null;
}

/**
 * One pass over the rows: per day (and, for a/b/y text, its day in either order and the
 * evidence) how many rows, and how many cells the facts query would not read as the ingest
 * does, with an example of each. Few groups (one per distinct day).
 */
export function validationSql(input: FactsQueryInput): BoundSql {
  const d = DIALECT[input.dialect];
  const duck = input.dialect === 'duckdb';
  const c = input.columns;
  const [cid, day, amt, prf, oid] = inputs(d, input, '0').map((e) => e.replace(/ AS \w+$/, ''));
  const col = (s: SourceColumn) => `t.${d.ident(s.name)}`;
  const raw = (s: SourceColumn) => d.toText(col(s));
  const text = (s: SourceColumn) => duck && s.kind === 'text';
  // More than 4 decimals would be rounded by DECIMAL(18,4): not plain, never rounded.
  const roundsOff = (s: SourceColumn, value: string) => `CAST(${value} AS DOUBLE PRECISION) <> ${d.toDouble(col(s), s.kind)}`;
  const notPlain = (s: SourceColumn, value: string) => `(${value} IS NULL OR ${roundsOff(s, value)}${text(s) ? ` OR NOT ${duckdbPlainNumber(col(s))}` : ''})`;
  const profitBad = c.profit && text(c.profit) ? `(${col(c.profit)} IS NOT NULL AND ${col(c.profit)} <> '' AND ${notPlain(c.profit, prf.replace(/^COALESCE\((.*), 0\)$/, '$1'))})` : 'FALSE';
  const idBad = (s: SourceColumn, v: string) => (text(s) ? `(${duckdbBadId(v)} OR ${duckdbOtherSpaceAtEnd(col(s))})` : `${v} IS NULL`);
  const amountBad = notPlain(c.amount, amt);
  const parts = `t.${PARTS}`;
  let dates: string[];
  if (memoryDates(input)) {
    const sh = duckdbDateShapes(parts);
    const { a, b, y } = duckdbAby(parts);
    dates = [`CASE WHEN ${sh.aby} THEN NULL ELSE ${day} END AS d`, `CASE WHEN ${sh.aby} THEN ${duckdbYmdDay(y, a, b)} END AS d_mdy`, `CASE WHEN ${sh.aby} THEN ${duckdbYmdDay(y, b, a)} END AS d_dmy`, `CASE WHEN ${sh.aby} THEN ${evidence(parts)} END AS ev`, `CASE WHEN ${sh.aby} THEN 3 WHEN ${sh.ymd8} THEN 2 WHEN ${parts} IS NULL THEN 0 ELSE 1 END AS shape`];
  } else {
    dates = [`${day} AS d`, 'NULL AS d_mdy', 'NULL AS d_dmy', 'NULL AS ev', `${c.orderDate.kind === 'text' ? 1 : 5} AS shape`];
  }
  const flag = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
  // Any example will do: DuckDB's any_value keeps the first instead of comparing every string.
  const ex = duck ? 'any_value' : 'MIN';
  const sql = `SELECT d, d_mdy, d_dmy, ev, shape, COUNT(*) AS n, SUM(bad_id) AS bad_id, SUM(bad_amount) AS bad_amount, SUM(bad_profit) AS bad_profit, SUM(blank_oid) AS blank_oid, SUM(raw_ids) AS raw_ids,
  ${ex}(ex_id) AS ex_id, ${ex}(ex_date) AS ex_date, ${ex}(ex_amount) AS ex_amount, ${ex}(ex_profit) AS ex_profit
FROM (
  SELECT ${dates.join(',\n    ')},
    ${flag(idBad(c.customerId, 'cid'))} AS bad_id, ${flag(amountBad)} AS bad_amount, ${flag(profitBad)} AS bad_profit,
    ${c.orderId ? flag(text(c.orderId) ? `${oid} IS NULL OR ${duckdbOtherSpaceAtEnd(col(c.orderId))}` : `${oid} IS NULL`) : '0'} AS blank_oid,
    ${text(c.customerId) && (!c.orderId || text(c.orderId)) ? flag(`cid = ${col(c.customerId)}${c.orderId ? ` AND ${oid} IS NOT DISTINCT FROM ${col(c.orderId)}` : ''}`) : '0'} AS raw_ids,
    CASE WHEN ${idBad(c.customerId, 'cid')} THEN ${raw(c.customerId)} END AS ex_id,
    ${raw(c.orderDate)} AS ex_date,
    CASE WHEN ${amountBad} THEN ${raw(c.amount)} END AS ex_amount,
    ${c.profit ? `CASE WHEN ${profitBad} THEN ${raw(c.profit)} END` : 'NULL'} AS ex_profit
  FROM (SELECT ${cid} AS cid, t.* FROM ${fromSql(d, input)}) t
) v
GROUP BY d, d_mdy, d_dmy, ev, shape`;
  return { sql, params: [], names: [] };
}

/** The first a/b/y date (in file order) that reads differently in the two orders: the example of the ambiguity warning. */
export function ambiguousExampleSql(input: FactsQueryInput): BoundSql {
  const d = DIALECT[input.dialect];
  const parts = `t.${PARTS}`;
  const sql = `SELECT ${d.toText(`t.${d.ident(input.columns.orderDate.name)}`)} AS v FROM ${fromSql(d, input)} WHERE ${duckdbDateShapes(parts).aby} AND ${evidence(parts)} = 3 LIMIT 1`;
  return { sql, params: [], names: [] };
}

/** Rows dated on or after `dayBefore` (outlier dates), in file order with their 1-based row number. */
export function outlierRowsSql(input: FactsQueryInput & { dayBefore: number }): BoundSql {
  const d = DIALECT[input.dialect];
  const b = binder(d, memoryDates(input) ? { dmy: input.dmy ? 1 : 0, day_before: input.dayBefore } : { day_before: input.dayBefore });
  const [, day] = inputs(d, input, memoryDates(input) ? b.p('dmy') : '0').map((e) => e.replace(/ AS \w+$/, ''));
  const dayBefore = b.p('day_before');
  const sql = `SELECT rn, v, d FROM (
  SELECT ROW_NUMBER() OVER () AS rn, ${d.toText(`t.${d.ident(input.columns.orderDate.name)}`)} AS v, ${day} AS d FROM ${fromSql(d, input)}
) r WHERE d >= ${dayBefore} ORDER BY rn`;
  return { sql, params: b.params(), names: b.names };
}

// long: one SQL template, read top to bottom as the facts' definitions (engine/facts.ts)
/** The facts query: one row per customer with at least one usable row. */
export function factsSql(input: FactsQueryInput): BoundSql {
  const d = DIALECT[input.dialect];
  const b = bound(d, input);
  const withProfit = !!input.columns.profit;
  const withOrderId = !!input.columns.orderId;
  const dec = (e: string) => d.decimalText(e);
  if (input.dialect === 'duckdb') {
    const select = inputs(d, input, memoryDates(input) ? b.p('dmy') : '0').join(',\n    ');
    const from = fromSql(d, input);
    const where = input.dayBefore !== undefined ? ` AND v.d < ${b.p('day_before')}` : '';
    const latest = input.latestDay !== undefined ? b.p('latest_day') : `(SELECT MAX(v.d) FROM (SELECT ${select} FROM ${from}) v WHERE v.cid IS NOT NULL AND v.d IS NOT NULL AND v.amt IS NOT NULL${where})`;
    const sql = duckdbFactsSql({ select, from, where, analysisDay: `COALESCE(${b.p('analysis_day')}, ${latest})`, windowDays: b.p('window_days'), net: b.p('net'), withProfit, withOrderId, dec });
    return { sql, params: b.params(), names: b.names };
  }
  const sql = `WITH src AS (
  SELECT
    ${inputs(d, input, memoryDates(input) ? b.p('dmy') : '0').join(',\n    ')}
  FROM ${fromSql(d, input)}
),
valid AS (
  SELECT cid, d, amt, prf, oid FROM src WHERE cid IS NOT NULL AND d IS NOT NULL AND amt IS NOT NULL${input.dayBefore !== undefined ? ` AND d < ${b.p('day_before')}` : ''}
),
-- analysis day (given, else the latest row's day, returns included), churn window, policy
p AS (
  SELECT COALESCE(${b.p('analysis_day')}, ${input.latestDay !== undefined ? `${b.p('latest_day')}) AS a, ${b.p('window_days')} AS w, ${b.p('net')} AS net` : `MAX(d)) AS a, ${b.p('window_days')} AS w, ${b.p('net')} AS net FROM valid`}
),
-- k: 0 dated after the analysis day (left out), 2 a return (amount < 0), 1 an order row
r AS (
  SELECT v.cid, v.d, v.amt, v.prf, v.oid, p.a, p.w, p.net,
    CASE WHEN v.d > p.a THEN 0 WHEN v.amt < 0 THEN 2 ELSE 1 END AS k
  FROM valid v CROSS JOIN p
),
-- one row per customer and day
cd AS (
  SELECT cid, d, MIN(a) AS a, MIN(w) AS w, MIN(net) AS net,
    SUM(CASE WHEN k = 1 THEN 1 ELSE 0 END) AS n1,
    SUM(CASE WHEN k = 2 THEN 1 ELSE 0 END) AS n2,
    SUM(CASE WHEN k = 0 THEN 1 ELSE 0 END) AS n0,
    SUM(CASE WHEN k = 1 THEN amt END) AS m1,
    SUM(CASE WHEN k = 2 THEN amt END) AS m2,
    SUM(CASE WHEN k = 1 THEN prf END) AS q1,
    SUM(CASE WHEN k = 2 THEN prf END) AS q2
  FROM r GROUP BY cid, d
),
-- gaps between consecutive order days; the middle one(s) by rank (no percentile function)
g AS (
  SELECT cid, d - LAG(d) OVER (PARTITION BY cid ORDER BY d) AS gap FROM cd WHERE n1 > 0
),
gr AS (
  SELECT cid, gap, ROW_NUMBER() OVER (PARTITION BY cid ORDER BY gap) AS rn, COUNT(*) OVER (PARTITION BY cid) AS cnt
  FROM g WHERE gap IS NOT NULL
),
med AS (
  SELECT cid, SUM(CASE WHEN 2 * rn = cnt + 1 THEN 2 * gap WHEN 2 * rn = cnt OR 2 * rn = cnt + 2 THEN gap ELSE 0 END) AS gap2
  FROM gr GROUP BY cid
),
-- CLV keeps order days, and return days under "net"
kd AS (
  SELECT cd.*, CASE WHEN n1 > 0 OR (net = 1 AND n2 > 0) THEN 1 ELSE 0 END AS kept,
    COALESCE(m1, 0) + CASE WHEN net = 1 THEN COALESCE(m2, 0) ELSE 0 END AS kept_amt
  FROM cd
),
kf AS (
  SELECT kd.*, MIN(CASE WHEN kept = 1 THEN d END) OVER (PARTITION BY cid) AS kfirst FROM kd
),
agg AS (
  SELECT cid, MIN(a) AS a,
    SUM(n1) AS order_rows, SUM(n2) AS return_rows, SUM(n0) AS after_rows,
    SUM(CASE WHEN n1 > 0 THEN 1 ELSE 0 END) AS active_days,
    MIN(CASE WHEN n1 > 0 THEN d END) AS first_day,
    MAX(CASE WHEN n1 > 0 THEN d END) AS last_day,
    SUM(CASE WHEN n1 > 0 AND d > a - w THEN 1 ELSE 0 END) AS recent_days,
    COALESCE(SUM(m1), 0) + CASE WHEN MIN(net) = 1 THEN COALESCE(SUM(m2), 0) ELSE 0 END AS revenue,
    ${withProfit ? 'COALESCE(SUM(q1), 0) + CASE WHEN MIN(net) = 1 THEN COALESCE(SUM(q2), 0) ELSE 0 END' : 'NULL'} AS profit,
    SUM(kept) AS clv_days,
    MIN(CASE WHEN kept = 1 THEN d END) AS clv_first,
    MAX(CASE WHEN kept = 1 THEN d END) AS clv_last,
    COALESCE(SUM(CASE WHEN kept = 1 AND d > kfirst THEN kept_amt END), 0) AS clv_repeat
  FROM kf GROUP BY cid
)${
    withOrderId
      ? `,
-- orders: distinct order ids among the order rows; a row without an order id is its own order
oc AS (
  SELECT cid, COUNT(DISTINCT CASE WHEN k = 1 THEN oid END) + SUM(CASE WHEN k = 1 AND oid IS NULL THEN 1 ELSE 0 END) AS orders
  FROM r GROUP BY cid
)`
      : ''
  }
SELECT agg.cid, agg.a, agg.order_rows, agg.return_rows, agg.after_rows,
  ${withOrderId ? 'oc.orders' : 'agg.order_rows'} AS orders,
  ${dec('agg.revenue')} AS revenue, ${withProfit ? dec('agg.profit') : 'NULL'} AS profit,
  agg.first_day, agg.last_day, agg.active_days, agg.recent_days, med.gap2,
  agg.clv_days, agg.clv_first, agg.clv_last, ${dec('agg.clv_repeat')} AS clv_repeat
FROM agg
LEFT JOIN med ON med.cid = agg.cid${withOrderId ? '\nLEFT JOIN oc ON oc.cid = agg.cid' : ''}
`;
  return { sql, params: b.params(), names: b.names };
}
