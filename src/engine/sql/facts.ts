// Config → the one aggregate query that computes the customer facts (engine/facts.ts) inside a
// database. Identifiers are quoted, values are bound parameters; no user text is ever pasted
// into the SQL except a source query the user wrote as SQL on purpose (--orders-query), which
// is wrapped as a subquery. Parameters: 1 analysis day (days since 1970-01-01, or NULL: the
// latest order day), 2 churn window days, 3 returns policy (1 net, 0 exclude).
import { isoToDay } from '../calendar';
import { DIALECT, type ColumnKind, type Dialect, type DialectSpec } from './dialects';

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

/** Column → id text, day number, exact decimal, by the column's type in the database. */
function inputs(d: DialectSpec, c: FactsQueryInput['columns']): string[] {
  const col = (s: SourceColumn) => `t.${d.ident(s.name)}`;
  const idText = (s: SourceColumn) => (s.kind === 'integer' ? d.toText(col(s)) : d.toText(d.normalizeId(d.toText(col(s)))));
  const date = c.orderDate.kind === 'text' ? d.textToDate(col(c.orderDate)) : c.orderDate.kind === 'date' ? col(c.orderDate) : d.toDate(col(c.orderDate));
  // A typed NULL: PostgreSQL types a bare NULL as text, and SUM(text) does not exist.
  const profit = c.profit ? `COALESCE(${d.toDecimal(col(c.profit), c.profit.kind)}, 0)` : d.toDecimal('NULL', 'number');
  const oid = c.orderId ? `NULLIF(${idText(c.orderId)}, '')` : 'NULL';
  return [
    `NULLIF(${idText(c.customerId)}, '') AS cid`,
    `${d.dayNumber(date)} AS d`,
    `${d.toDecimal(col(c.amount), c.amount.kind)} AS amt`,
    `${profit} AS prf`,
    `${oid} AS oid`,
  ];
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

/** Rows with an unusable customer id, date or amount (the facts query leaves them out). */
export function validationSql(input: FactsQueryInput): BoundSql {
  const d = DIALECT[input.dialect];
  const [cid, day, amt] = inputs(d, input.columns).map((e) => e.replace(/ AS \w+$/, ''));
  const a = input.columns.amount;
  // More than 4 decimals would be rounded by DECIMAL(18,4): counted as unreadable, not rounded.
  const raw = d.toDouble(`t.${d.ident(a.name)}`, a.kind);
  const sql = [
    'SELECT',
    `  SUM(CASE WHEN cid IS NULL THEN 1 ELSE 0 END) AS bad_id,`,
    `  SUM(CASE WHEN d IS NULL THEN 1 ELSE 0 END) AS bad_date,`,
    `  SUM(CASE WHEN amt IS NULL OR CAST(amt AS DOUBLE PRECISION) <> raw THEN 1 ELSE 0 END) AS bad_amount,`,
    `  COUNT(*) AS total_rows`,
    `FROM (SELECT ${cid} AS cid, ${day} AS d, ${amt} AS amt, ${raw} AS raw FROM ${sourceSql(d, input.source)} t) v`,
  ].join('\n');
  return { sql, params: [], names: [] };
}

// long: one SQL template, read top to bottom as the facts' definitions (engine/facts.ts)
/** The facts query: one row per customer with at least one usable row. */
export function factsSql(input: FactsQueryInput): BoundSql {
  const d = DIALECT[input.dialect];
  const analysisDay = input.analysisDate ? isoToDay(input.analysisDate) : null;
  const b = binder(d, { analysis_day: analysisDay, window_days: input.windowDays, net: input.returns === 'net' ? 1 : 0 });
  const withProfit = !!input.columns.profit;
  const withOrderId = !!input.columns.orderId;
  const dec = (e: string) => d.decimalText(e);
  const sql = `WITH src AS (
  SELECT
    ${inputs(d, input.columns).join(',\n    ')}
  FROM ${sourceSql(d, input.source)} t
),
valid AS (
  SELECT cid, d, amt, prf, oid FROM src WHERE cid IS NOT NULL AND d IS NOT NULL AND amt IS NOT NULL
),
-- analysis day (given, else the latest row's day, returns included), churn window, policy
p AS (
  SELECT COALESCE(${b.p('analysis_day')}, MAX(d)) AS a, ${b.p('window_days')} AS w, ${b.p('net')} AS net FROM valid
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
