// The floor of the DuckDB path: DuckDB doing only a per-customer group-by (count, sum) over the
// file, no facts, no methods. Plain JavaScript (no tsx start-up). Run by scale.bench.ts under
// /usr/bin/time; prints the number of customers.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const reader = file.endsWith('.parquet') ? `read_parquet('${file}')` : `read_csv('${file}', header = true, all_varchar = true)`;
const cast = file.endsWith('.parquet') ? 'amount' : 'CAST(amount AS DECIMAL(18,4))';
const inst = await DuckDBInstance.create(':memory:');
const conn = await inst.connect();
const r = await conn.runAndReadAll(`SELECT count(*) AS n FROM (SELECT customer_id, count(*) AS c, sum(${cast}) AS s FROM ${reader} GROUP BY customer_id)`);
console.log(String(r.getRowObjectsJS()[0].n));
