// The facts query as DuckDB runs it fastest (engine/sql/facts.ts builds its pieces; the facts
// and their definitions are the same as the portable template's). Measured on 1 M rows
// (docs/scale.md): no window function (each was a sort of every customer-day): the gaps come
// from each customer's sorted list of order days and their median from list_median (exact: the
// mean of two integers below 2^52 is a double, and twice it is the integer sum the portable
// query computes), the first kept day's spend by arg_min; and the analysis day
// bound as a parameter when the caller knows the latest day, so the rows stream through one
// hash aggregate without a materialised CTE.

export interface DuckdbFactsParts {
  /** SELECT list of cid, d, amt, prf, oid and its FROM item. */
  select: string;
  from: string;
  /** Extra WHERE condition on the valid rows ('' for none). */
  where: string;
  /** Analysis day, window days and policy expressions (placeholders, or a subquery). */
  analysisDay: string;
  windowDays: string;
  net: string;
  withProfit: boolean;
  withOrderId: boolean;
  dec: (e: string) => string;
}

/** Counts and days as INTEGER: they reach JavaScript as numbers, not BigInts to convert (a million customers × 13 columns). */
const int = (e: string) => `CAST(${e} AS INTEGER)`;

// long: one SQL template, read top to bottom as the facts' definitions (engine/facts.ts)
export function duckdbFactsSql(q: DuckdbFactsParts): string {
  const profit = q.withProfit ? 'COALESCE(SUM(q1), 0) + CASE WHEN MIN(p.net) = 1 THEN COALESCE(SUM(q2), 0) ELSE 0 END' : 'NULL';
  return `WITH p AS (
  SELECT ${q.analysisDay} AS a, ${q.windowDays} AS w, ${q.net} AS net
),
-- k: 0 dated after the analysis day (left out), 2 a return (amount < 0), 1 an order row
r AS (
  SELECT v.cid, v.d, v.amt, v.prf, v.oid, CASE WHEN v.d > p.a THEN 0 WHEN v.amt < 0 THEN 2 ELSE 1 END AS k
  FROM (SELECT ${q.select} FROM ${q.from}) v CROSS JOIN p
  WHERE v.cid IS NOT NULL AND v.d IS NOT NULL AND v.amt IS NOT NULL${q.where}
),
-- one row per customer and day
cd AS (
  SELECT cid, d,
    COUNT(*) FILTER (WHERE k = 1) AS n1,
    COUNT(*) FILTER (WHERE k = 2) AS n2,
    COUNT(*) FILTER (WHERE k = 0) AS n0,
    SUM(amt) FILTER (WHERE k = 1) AS m1,
    SUM(amt) FILTER (WHERE k = 2) AS m2${q.withProfit ? `,
    SUM(prf) FILTER (WHERE k = 1) AS q1,
    SUM(prf) FILTER (WHERE k = 2) AS q2` : ''}
  FROM r GROUP BY cid, d
),
-- CLV keeps order days, and return days under "net"
kd AS (
  SELECT cd.*,
    CASE WHEN n1 > 0 OR (p.net = 1 AND n2 > 0) THEN 1 ELSE 0 END AS kept,
    COALESCE(m1, 0) + CASE WHEN p.net = 1 THEN COALESCE(m2, 0) ELSE 0 END AS kept_amt
  FROM cd CROSS JOIN p
),
agg AS (
  SELECT cid, MIN(p.a) AS a,
    SUM(n1) AS order_rows, SUM(n2) AS return_rows, SUM(n0) AS after_rows,
    COUNT(*) FILTER (WHERE n1 > 0) AS active_days,
    MIN(d) FILTER (WHERE n1 > 0) AS first_day,
    MAX(d) FILTER (WHERE n1 > 0) AS last_day,
    COUNT(*) FILTER (WHERE n1 > 0 AND d > p.a - p.w) AS recent_days,
    COALESCE(SUM(m1), 0) + CASE WHEN MIN(p.net) = 1 THEN COALESCE(SUM(m2), 0) ELSE 0 END AS revenue,
    ${profit} AS profit,
    list_sort(list(d) FILTER (WHERE n1 > 0)) AS od,
    SUM(kept) AS clv_days,
    MIN(d) FILTER (WHERE kept = 1) AS clv_first,
    MAX(d) FILTER (WHERE kept = 1) AS clv_last,
    COALESCE(SUM(kept_amt) FILTER (WHERE kept = 1) - arg_min(kept_amt, d) FILTER (WHERE kept = 1), 0) AS clv_repeat
  FROM kd CROSS JOIN p GROUP BY cid
)${
    q.withOrderId
      ? `,
-- orders: distinct order ids among the order rows; a row without an order id is its own order
oc AS (
  SELECT cid, COUNT(DISTINCT oid) FILTER (WHERE k = 1) + COUNT(*) FILTER (WHERE k = 1 AND oid IS NULL) AS orders
  FROM r GROUP BY cid
)`
      : ''
  }
SELECT agg.cid, ${int('agg.a')} AS a, ${int('agg.order_rows')} AS order_rows, ${int('agg.return_rows')} AS return_rows, ${int('agg.after_rows')} AS after_rows,
  ${int(q.withOrderId ? 'oc.orders' : 'agg.order_rows')} AS orders,
  ${q.dec('agg.revenue')} AS revenue, ${q.withProfit ? q.dec('agg.profit') : 'NULL'} AS profit,
  ${int('agg.first_day')} AS first_day, ${int('agg.last_day')} AS last_day, ${int('agg.active_days')} AS active_days, ${int('agg.recent_days')} AS recent_days,
  ${int('2 * list_median(list_transform(range(1, len(agg.od)), i -> agg.od[i + 1] - agg.od[i]))')} AS gap2,
  ${int('agg.clv_days')} AS clv_days, ${int('agg.clv_first')} AS clv_first, ${int('agg.clv_last')} AS clv_last, ${q.dec('agg.clv_repeat')} AS clv_repeat
FROM agg${q.withOrderId ? '\nLEFT JOIN oc ON oc.cid = agg.cid' : ''}
`;
}
