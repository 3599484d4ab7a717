// `classify --csv` as the same aggregation in DuckDB SQL, for the CLI end-to-end benchmark:
// read the orders CSV, per-customer metrics, ABC by revenue rank (20/50/30), RFM quintile
// scores (type-7 quantile cuts + 1, as the pandas pipeline and R's rfm), activity; write the
// per-customer CSV. Usage: node bench/duckdb_cli.mjs orders.csv out.csv [threads]
import { DuckDBInstance } from '@duckdb/node-api';
import { pathToFileURL } from 'url';

const [src, out, threads] = process.argv.slice(2);
const q = (s) => `'${s.replace(/'/g, "''")}'`;
export const SQL = (from) => `
WITH o AS (SELECT customer_id, order_date AS d, amount FROM ${from}),
a AS (SELECT max(d) AS ad FROM o),
g AS (SELECT customer_id, min(d) AS first_order, max(d) AS last_order, count(*) AS orders, sum(amount) AS revenue FROM o GROUP BY customer_id),
m AS (SELECT g.*, a.ad - g.last_order AS recency_days, g.revenue / g.orders AS avg_order_value, a.ad - g.first_order AS age FROM g, a),
c AS (SELECT quantile_cont(recency_days, [0.2, 0.4, 0.6, 0.8]) AS qr, quantile_cont(orders, [0.2, 0.4, 0.6, 0.8]) AS qf,
             quantile_cont(revenue, [0.2, 0.4, 0.6, 0.8]) AS qm FROM m),
r AS (SELECT m.*, row_number() OVER (ORDER BY revenue DESC, customer_id) AS pos, count(*) OVER () AS n FROM m)
SELECT customer_id, orders, revenue, recency_days, first_order, last_order, avg_order_value,
  CASE WHEN pos <= 0.2 * n THEN 'A' WHEN pos <= 0.7 * n THEN 'B' ELSE 'C' END AS abc,
  5 - len(list_filter(c.qr, x -> x + 1 <= recency_days)) AS rfm_r,
  1 + len(list_filter(c.qf, x -> x + 1 <= orders)) AS rfm_f,
  1 + len(list_filter(c.qm, x -> x + 1 <= revenue)) AS rfm_m,
  CASE WHEN age <= 30 THEN 'new' WHEN recency_days <= 90 THEN 'active' WHEN recency_days <= 180 THEN 'silent' ELSE 'lost' END AS activity
FROM r, c ORDER BY customer_id`;

// Only as a script: kernel.bench.ts imports SQL from here while run.ts has its own arguments.
if (src && out && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const db = await DuckDBInstance.create(':memory:', threads ? { threads } : {});
  const con = await db.connect();
  const from = `read_csv(${q(src)}, header = true, columns = {'customer_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE'})`;
  await con.run(`COPY (${SQL(from)}) TO ${q(out)} (HEADER, DELIMITER ',')`);
  con.closeSync?.();
}
