// Warehouse tiers (engine/sql/tiers.ts): the tiers computed INSIDE the database — phase 2's
// histogram and positions, the engine's cut points, phase 3's CREATE TABLE AS — equal the
// in-memory engine's for every customer, every method and scoring convention, ties included;
// through DuckDB always, and through PostgreSQL when the throwaway server starts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { Client } from 'pg';
import { classify } from '../../src/engine/classify';
import { tidy } from '../../src/engine/stats';
import { readInputFile } from '../../src/cli/inputFiles';
import { duckdbTiers, postgresTiers, type TiersRun } from '../../src/sources/tiers';
import { defaultConfig } from '../../src/config/validate';
import type { TieringConfig } from '../../src/config/schema';
import { csvColumns, methodConfigs, writeCsv, type FactsKey, type Row } from './compare';
import { startPostgres, type TestServer } from './postgresServer';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-tiers-'));
fs.chmodSync(tmp, 0o755);
let pg: TestServer | null = null;
let pgClient: Client | null = null;

beforeAll(async () => {
  const started = startPostgres();
  if ('skipped' in started) {
    console.warn(`PostgreSQL warehouse-tiers tests SKIPPED: ${started.skipped}`);
    return;
  }
  pg = started;
  pgClient = new Client({ connectionString: pg.url });
  await pgClient.connect();
}, 60000);

afterAll(async () => {
  await pgClient?.end();
  pg?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let seq = 0;

const TIER_COLUMNS = ['orders', 'recency_days', 'abc', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_score', 'rfm_segment', 'activity', 'frequency_tier', 'spend_tier', 'churn_risk'];

/** The engine's result, per customer: the columns the tiers SQL writes. */
function engineTiers(config: TieringConfig, grid: Awaited<ReturnType<typeof readInputFile>>) {
  const r = classify({ orders: grid }, config);
  const t = r.customers;
  const names = t.columnNames().filter((c) => TIER_COLUMNS.includes(c) || c.startsWith('rule_'));
  const ids = t.array('customer_id') as string[];
  const rows = new Map<string, Record<string, unknown>>();
  ids.forEach((id, i) => rows.set(id, Object.fromEntries(names.map((c) => [c, norm((t.array(c) as ArrayLike<unknown>)[i])]))));
  return { rows, names, cuts: r.cuts };
}

function norm(v: unknown): unknown {
  if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

/** The result table's rows, per customer. */
function sqlTiers(rows: Record<string, unknown>[], names: string[]) {
  const out = new Map<string, Record<string, unknown>>();
  for (const r of rows) out.set(String(r.customer_id), Object.fromEntries(names.map((c) => [c, norm(r[c])])));
  return out;
}

async function readDuckdb(db: string, table: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(db);
  const conn = await inst.connect();
  try {
    return (await conn.runAndReadAll(`SELECT * FROM "${table}"`)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

async function toPostgres(csv: string, k: Pick<FactsKey, 'profit' | 'orderId'>): Promise<string> {
  const table = `orders_${++seq}`;
  fs.chmodSync(csv, 0o644);
  const types: Record<string, string> = { customer_id: 'text', order_date: 'date', amount: 'numeric', profit: 'numeric', order_id: 'text' };
  await pgClient!.query(`CREATE TABLE ${table} (${csvColumns(k).map((c) => `${c} ${types[c]}`).join(', ')})`);
  await pgClient!.query(`COPY ${table} FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
  return table;
}

/** Runs the tiers SQL in DuckDB (and PostgreSQL) and compares every customer with the engine. */
async function compareTiers(csv: string, key: Pick<FactsKey, 'profit' | 'orderId'>, configs: TieringConfig[]): Promise<void> {
  const grid = await readInputFile(csv);
  const pgTable = pg ? await toPostgres(csv, key) : null;
  for (const config of configs) {
    const expected = engineTiers(config, grid);
    const into = `tiers_${++seq}`;
    const db = path.join(tmp, `${into}.duckdb`);
    const runs: [string, TiersRun, Record<string, unknown>[]][] = [];
    const d = await duckdbTiers(csv, config, [into], { database: db });
    runs.push(['duckdb', d, await readDuckdb(db, into)]);
    if (pgTable) {
      const p = await postgresTiers({ url: pg!.url, table: pgTable }, config, [into]);
      runs.push(['postgres', p, (await pgClient!.query(`SELECT * FROM "${into}"`)).rows]);
    }
    for (const [engine, run, rows] of runs) {
      const got = sqlTiers(rows, expected.names);
      expect({ engine, config: config.methods, rows: Object.fromEntries(got) }).toEqual({ engine, config: config.methods, rows: Object.fromEntries(expected.rows) });
      const rfm = expected.cuts.rfm;
      if (rfm && rfm.scoring !== 'rank') expect({ engine, r: run.cuts.recency.map(tidy), f: run.cuts.frequency.map(tidy), m: run.cuts.monetary.map(tidy) }).toEqual({ engine, r: rfm.recency, f: rfm.frequency, m: rfm.monetary });
      const act = expected.cuts.activity;
      if (act) expect([engine, tidy(run.cuts.spendHigh), tidy(run.cuts.spendLow)]).toEqual([engine, act.spend.highAov, act.spend.lowAov]);
    }
  }
}

/** The differential configs without CLV (not computed in SQL), with rules over tier columns too. */
function tierConfigs(k: FactsKey): TieringConfig[] {
  const rules = [
    {
      name: 'Mix',
      rules: [
        { tier: 'Star', when: "abc = 'a' and rfm_score >= 300" },
        { tier: 'Gap', when: 'median_gap_days * 2 > recency_days / 3 or mean_gap_days between 1 and 10' },
        { tier: 'Rate', when: "orders_per_month >= 1.5 or monthly_spend > 200 or activity in ('new', 'lost')" },
        { tier: 'Min', when: 'min(recency_days, mean_gap_days) < 20 and max(orders, 2) = 2 and abs(-revenue) / orders > 50' },
        { tier: 'Date', when: "last_order >= date '2022-01-20' and days_since(first_order) > 100 and not (churn_risk = 'OK')" },
        { tier: 'Text', when: "customer_id starts with 'c' or customer_id contains '0' or lower(spend_tier) = 'HIGH' or rfm_segment < 'M'" },
        { tier: 'Blank', when: 'mean_gap_days is blank and orders > 0' },
      ],
      otherwise: 'Rest',
    },
  ];
  const more = [
    {
      name: 'More',
      rules: [
        { tier: 'Div0', when: '(revenue / (orders - orders)) is blank and orders = 1 and not (revenue / (orders - orders) > 1)' },
        { tier: 'NotIn', when: "activity not in ('active', 'new') and spend_tier not contains 'i' and customer_id not starts with 'b'" },
        { tier: 'Cols', when: "activity in (spend_tier, 'lost', \"  \") or frequency_tier = churn_risk or frequency_tier > spend_tier" },
        { tier: 'Dates', when: 'last_order - 30 > first_order and -recency_days > -100 and days_since(last_order) * 2 >= 10' },
        { tier: 'Text', when: "churn_risk = ' ' or rfm_segment is not blank and rfm_segment not between 'a' and 'm' or upper(customer_id) = 'A'" },
        { tier: 'Min', when: 'max(mean_gap_days, median_gap_days, 5) > 6 or min(mean_gap_days, recency_days) is blank' },
      ],
      otherwise: 'Rest',
    },
  ];
  return methodConfigs(k).map((c, i) => {
    const methods = { ...c.methods, clv: undefined };
    if (i === 0 || i === 2) methods.rules = rules as TieringConfig['methods']['rules'];
    if (i === 1) methods.rules = more as TieringConfig['methods']['rules'];
    if (i === 3) methods.abc = { ...c.methods.abc!, enabled: true, mode: 'value-share', basis: 'revenue' };
    return defaultConfig({ ...c, methods } as Partial<TieringConfig>);
  });
}

// Few distinct values, so ties at every cut are common.
const ID = fc.constantFrom('1', '2', '10', '-3', '007', 'a', 'B', 'b', 'é', '\u{1F600}x', '\uE000y', 'c-001', 'C-002', '客户', 'x y');
const rowsArb = fc.array(
  fc.record({
    id: ID,
    day: fc.integer({ min: 19000, max: 19400 }),
    amount: fc.constantFrom(-20, 0, 5, 10, 10, 25, 99.99, 100, 250.5, 1000).map((a) => a.toFixed(2)),
    profit: fc.integer({ min: -100, max: 900 }).map((c) => (c / 10).toFixed(1)),
    order: fc.integer({ min: 1, max: 30 }).map((n) => `O${n}`),
  }),
  { minLength: 1, maxLength: 120 },
);
const keyArb: fc.Arbitrary<FactsKey> = fc.record({
  analysisDate: fc.option(fc.integer({ min: 19100, max: 19450 }).map((d) => new Date(d * 86400000).toISOString().slice(0, 10)), { nil: undefined }),
  returns: fc.constantFrom('net' as const, 'exclude' as const),
  windowDays: fc.constantFrom(30, 90),
  profit: fc.boolean(),
  orderId: fc.boolean(),
});

describe('tiers computed inside the database = the in-memory engine', () => {
  test('random order sets (fast-check): every method, scoring convention and rule kind', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, keyArb, async (rows: Row[], key) => {
        const csv = path.join(tmp, `r${++seq}.csv`);
        writeCsv(csv, rows, key);
        await compareTiers(csv, key, tierConfigs(key));
      }),
      { numRuns: 12 },
    );
  }, 600000);

  // Reference data (../shared/data, provenance in SOURCES.md), written as CSV with ISO dates.
  const DATA = path.join(__dirname, '../../../shared/data');
  const cdnowSample = path.join(DATA, 'lifetimes_CDNOW_sample.txt');
  const rsq = path.join(DATA, 'rfm_rsquaredacademy_orders.csv');

  (fs.existsSync(cdnowSample) ? test : test.skip)('CDNOW sample (6,919 rows, 2,357 customers, many ties)', async () => {
    const rows: Row[] = [];
    for (const line of fs.readFileSync(cdnowSample, 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length < 5 || !/^\d{8}$/.test(f[2])) continue;
      rows.push({ id: f[0], day: Date.UTC(+f[2].slice(0, 4), +f[2].slice(4, 6) - 1, +f[2].slice(6, 8)) / 86400000, amount: f[4], profit: '', order: '' });
    }
    expect(rows.length).toBe(6919);
    const csv = path.join(tmp, 'cdnow_sample.csv');
    const key: FactsKey = { returns: 'net', windowDays: 90, profit: false, orderId: false };
    writeCsv(csv, rows, key);
    await compareTiers(csv, key, tierConfigs(key));
  }, 600000);

  (fs.existsSync(rsq) ? test : test.skip)('rsquaredacademy RFM orders (names as ids)', async () => {
    const rows: Row[] = [];
    for (const line of fs.readFileSync(rsq, 'utf8').split('\n').slice(1)) {
      const m = /^"([^"]*)",(\d{4})-(\d\d)-(\d\d),([^,]+),/.exec(line);
      if (m) rows.push({ id: m[1], day: Date.UTC(+m[2], +m[3] - 1, +m[4]) / 86400000, amount: m[5], profit: '', order: '' });
    }
    expect(rows.length).toBeGreaterThan(4000);
    const csv = path.join(tmp, 'rsq.csv');
    const key: FactsKey = { returns: 'exclude', windowDays: 30, profit: false, orderId: false, analysisDate: '2006-12-31' };
    writeCsv(csv, rows, key);
    await compareTiers(csv, key, tierConfigs(key));
  }, 600000);
});
