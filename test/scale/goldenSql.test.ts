// Golden SQL per dialect (test/fixtures/sql/<dialect>.sql): the exact text `customer-tiers sql`
// prints for a fixed config. A change to the generator shows up as a diff to review (set
// UPDATE_GOLDEN=1 to rewrite the files). The DuckDB golden is also run on a small order set
// and its facts checked against the in-memory metrics, so the reviewed text is known to work.
import * as fs from 'fs';
import * as path from 'path';
import { DIALECTS } from '../../src/engine/sql/dialects';
import { renderSql } from '../../src/cli/sql';
import type { FactsQueryInput } from '../../src/engine/sql/facts';
import { factsSetFromRows } from '../../src/engine/sql/rows';
import { metricsFromFacts } from '../../src/engine/facts';
import { computeMetrics } from '../../src/engine/metrics';
import { isoToDay } from '../../src/engine/calendar';
import type { OrderData } from '../../src/engine/types';
import { ingest } from '../../src/engine/ingest';
import { readInputFile } from '../../src/cli/inputFiles';
import { defaultConfig } from '../../src/config/validate';

const DIR = path.join(__dirname, '../fixtures/sql');

function input(dialect: FactsQueryInput['dialect']): FactsQueryInput {
  return {
    dialect,
    source: { table: ['sales', 'orders'] },
    columns: {
      customerId: { name: 'customer_id', kind: 'text' },
      orderDate: { name: 'order_date', kind: 'date' },
      amount: { name: 'amount', kind: 'number' },
      profit: { name: 'profit', kind: 'number' },
      orderId: { name: 'order_id', kind: 'text' },
    },
    analysisDate: '2024-06-30',
    returns: 'net',
    windowDays: 90,
  };
}

describe('golden SQL per dialect', () => {
  test.each(DIALECTS)('%s matches test/fixtures/sql/%s.sql', (dialect) => {
    const file = path.join(DIR, `${dialect}.sql`);
    const text = renderSql(input(dialect));
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, text);
    expect(text).toBe(fs.readFileSync(file, 'utf8'));
    // Identifiers quoted, values bound: the analysis day is a parameter, not in the SQL body.
    const body = text.split('\n').filter((l) => !l.startsWith('--')).join('\n');
    expect(body).not.toContain(String(isoToDay('2024-06-30')));
    expect(body).not.toContain('2024');
  });

  test('the DuckDB golden runs and gives the in-memory metrics', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const rows: [string, string, number, number, string][] = [
      ['c1', '2024-01-05', 10.5, 2, 'o1'],
      ['c1', '2024-01-05', 4.25, 1, 'o1'],
      ['c1', '2024-03-01', 20, 5, 'o2'],
      ['c1', '2024-06-20', -5, -1, 'o3'],
      ['c1', '2024-07-20', 99, 9, 'o4'],
      ['c2', '2024-02-01', -7.5, 0, 'o5'],
      ['c3', '2024-04-01', 1, 0, 'o6'],
      ['c3', '2024-04-11', 2, 0, 'o7'],
      ['c3', '2024-05-01', 3, 0, 'o8'],
      ['c3', '2024-06-30', 0, 0, 'o9'],
    ];
    await conn.run('CREATE SCHEMA sales');
    await conn.run('CREATE TABLE sales.orders (customer_id VARCHAR, order_date DATE, amount DECIMAL(10,2), profit DOUBLE, order_id VARCHAR)');
    for (const r of rows) await conn.run('INSERT INTO sales.orders VALUES ($1, CAST($2 AS DATE), $3, $4, $5)', r);
    const sql = fs.readFileSync(path.join(DIR, 'duckdb.sql'), 'utf8');
    const params = [isoToDay('2024-06-30'), 90, 1];
    const out = (await conn.runAndReadAll(sql.replace(/;\s*$/, ''), params)).getRowObjectsJS() as Record<string, unknown>[];
    conn.closeSync();
    inst.closeSync();
    const fromSql = metricsFromFacts(factsSetFromRows(out, { analysisDate: '2024-06-30', returns: 'net', windowDays: 90, withProfit: true }), null);
    const orders: OrderData = {
      n: rows.length,
      customer: rows.map((r) => r[0]),
      day: Float64Array.from(rows, (r) => isoToDay(r[1])),
      amount: Float64Array.from(rows, (r) => r[2]),
      profit: Float64Array.from(rows, (r) => r[3]),
      orderId: rows.map((r) => r[4]),
      sourceRow: Int32Array.from(rows, (_, i) => i + 2),
    };
    const mem = computeMetrics(orders, null, { analysisDate: '2024-06-30', returns: 'net', windowDays: 90 });
    expect({ ...fromSql, keptOrders: null }).toEqual({ ...mem, keptOrders: null });
    // Hand-checked facts: c1 has 2 orders (o1 twice) on 2 days before the date, revenue 34.75 − 5.
    const c1 = fromSql.metrics.ids.indexOf('c1');
    expect(fromSql.metrics.orders[c1]).toBe(2);
    expect(fromSql.metrics.revenue[c1]).toBe(29.75);
    expect(fromSql.ordersAfterAnalysisDate).toBe(1);
    // c3: gaps 10, 20, 60 → median 20; c2 (returns only) is potential.
    expect(fromSql.metrics.medianGap[fromSql.metrics.ids.indexOf('c3')]).toBe(20);
    expect(fromSql.metrics.hasOrders[fromSql.metrics.ids.indexOf('c2')]).toBe(0);
  });

  test('conformance kit: expected_facts.csv is the DuckDB golden on orders.csv, and gives the in-memory metrics', async () => {
    const kit = path.join(DIR, 'conformance');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    await conn.run('CREATE SCHEMA sales');
    await conn.run(
      `CREATE TABLE sales.orders AS SELECT customer_id, CAST(order_date AS DATE) AS order_date, CAST(amount AS DECIMAL(18,4)) AS amount, CAST(profit AS DECIMAL(18,4)) AS profit, order_id FROM read_csv('${path.join(kit, 'orders.csv')}', header = true, all_varchar = true)`,
    );
    const sql = fs.readFileSync(path.join(DIR, 'duckdb.sql'), 'utf8').replace(/;\s*$/, '');
    const out = (await conn.runAndReadAll(sql, [isoToDay('2024-06-30'), 90, 1])).getRowObjectsJS() as Record<string, unknown>[];
    conn.closeSync();
    inst.closeSync();
    const set = factsSetFromRows(out, { analysisDate: '2024-06-30', returns: 'net', windowDays: 90, withProfit: true });
    const fromSql = metricsFromFacts(set, null);
    const config = defaultConfig({ analysisDate: '2024-06-30', columns: { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'amount', profit: 'profit', orderId: 'order_id' }, customers: {} } });
    const ingested = ingest({ orders: await readInputFile(path.join(kit, 'orders.csv')) }, config);
    const mem = computeMetrics(ingested.orders, null, { analysisDate: '2024-06-30', returns: 'net', windowDays: 90 });
    expect({ ...fromSql, keptOrders: null }).toEqual({ ...mem, keptOrders: null });
    // "a" and "A" stay two customers; "1001.0" is "1001"; the exact sum keeps all 4 decimals.
    expect(fromSql.metrics.ids).toEqual(['1001', 'A', 'a', 'late', 'y', 'z', '😀x']);
    const byId = new Map(out.map((r) => [String(r.cid), r]));
    expect(byId.get('a')!.revenue).toBe('99999999.7501') // 10.0001 + 0.0001 + 99999999.9999 − 10.25;
    const cols = ['cid', 'order_rows', 'return_rows', 'after_rows', 'orders', 'revenue', 'profit', 'first_day', 'last_day', 'active_days', 'recent_days', 'gap2', 'clv_days', 'clv_first', 'clv_last', 'clv_repeat'];
    const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const csv = [cols.join(','), ...fromSql.metrics.ids.map((id) => cols.map((c) => cell(byId.get(id)![c])).join(','))].join('\n') + '\n';
    const file = path.join(kit, 'expected_facts.csv');
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, csv);
    expect(csv).toBe(fs.readFileSync(file, 'utf8'));
  });
});
