// Warehouse tiers (issue 13, docs/scale.md): the same config over the same Parquet file of N
// order rows (N/10 customers, generated as in scale.bench.ts), three ways, in this process:
//  tiersSql     customer-tiers sql --tiers --run: all three phases inside DuckDB, the engine only
//               computing cut points from a histogram and a few values;
//  factsEngine  the facts query in DuckDB, one row per customer into Node, the engine's methods;
//  floor        DuckDB's group-by alone (customer, count, sum): what any of them must read.
// Wall and CPU time (process.cpuUsage: user + system of every thread, DuckDB's included) — the
// fairer figure on a shared machine; median and min–max of TIERS_REPS runs (default 3).
// TIERS_ROWS (default 1,000,000).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generate } from './scale.bench';
import { defaultConfig } from '../src/config/validate';
import { duckdbFacts } from '../src/sources/duckdb';
import { duckdbTiers } from '../src/sources/tiers';
import { classifyFacts } from '../src/engine/facts';

interface Sample {
  wallMs: number;
  cpuMs: number;
}

async function time(fn: () => Promise<unknown>): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wallMs: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000) };
}

function summary(xs: Sample[]): Record<string, number> {
  const med = (k: keyof Sample) => [...xs].map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wallMedianMs: med('wallMs'), wallMinMs: Math.min(...xs.map((x) => x.wallMs)), wallMaxMs: Math.max(...xs.map((x) => x.wallMs)), cpuMedianMs: med('cpuMs'), cpuMinMs: Math.min(...xs.map((x) => x.cpuMs)), cpuMaxMs: Math.max(...xs.map((x) => x.cpuMs)) };
}

export async function bench(): Promise<Record<string, unknown>> {
  const rows = Number(process.env.TIERS_ROWS ?? 1_000_000);
  const reps = Number(process.env.TIERS_REPS ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-tiers-bench-'));
  const config = defaultConfig({
    columns: { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'amount', orderId: 'order_id' }, customers: {} },
    methods: { abc: { mode: 'value-share' }, rfm: { scoring: 'quantile' }, activity: {}, rules: [{ name: 'Key', rules: [{ tier: 'Top', when: "abc = 'A' and recency_days < 60" }], otherwise: 'Other' }] },
  });
  try {
    const { parquet } = await generate(dir, rows);
    const runs: Record<string, Sample[]> = { tiersSql: [], factsEngine: [], floor: [] };
    const { DuckDBInstance } = await import('@duckdb/node-api');
    for (let r = 0; r < reps; r++) {
      runs.tiersSql.push(await time(() => duckdbTiers(parquet, config, ['tiers'], { database: path.join(dir, `t${r}.duckdb`) })));
      runs.factsEngine.push(await time(async () => classifyFacts(await duckdbFacts(parquet, config), config)));
      runs.floor.push(
        await time(async () => {
          const inst = await DuckDBInstance.create(':memory:');
          const conn = await inst.connect();
          await conn.runAndReadAll(`SELECT customer_id, COUNT(*) AS n, SUM(amount) AS s FROM read_parquet('${parquet}') GROUP BY customer_id`);
          conn.closeSync();
          inst.closeSync();
        }),
      );
    }
    const out: Record<string, unknown> = { rows, customers: Math.floor(rows / 10), reps, loadavg: os.loadavg()[0] };
    for (const [k, xs] of Object.entries(runs)) out[k] = summary(xs);
    const cpu = (k: string) => (out[k] as Record<string, number>).cpuMedianMs;
    out.cpuRatioTiersToFactsEngine = Math.round((cpu('tiersSql') / cpu('factsEngine')) * 100) / 100;
    out.cpuRatioTiersToFloor = Math.round((cpu('tiersSql') / cpu('floor')) * 100) / 100;
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
