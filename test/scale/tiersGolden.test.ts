// Golden warehouse-tiers SQL per dialect (test/fixtures/sql/tiers/<dialect>.sql, the text
// `customer-tiers sql --tiers` prints; UPDATE_GOLDEN=1 rewrites), user text only ever bound,
// and the conformance kit for tiers: the engine's phase-3 parameters and expected tiers of
// test/fixtures/sql/conformance/orders.csv, checked here by running the phases in DuckDB.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DIALECTS, type Dialect } from '../../src/engine/sql/dialects';
import type { FactsQueryInput } from '../../src/engine/sql/facts';
import { histogramSql, positionsSql, scoreSql, type TiersInput } from '../../src/engine/sql/tiers';
import { emptyCutInputs, tierCuts } from '../../src/engine/sql/cuts';
import { renderTiersScript } from '../../src/cli/sqlTiers';
import { cutInputs, duckdbTiers, type RunParams } from '../../src/sources/tiers';
import { classify } from '../../src/engine/classify';
import { readInputFile } from '../../src/cli/inputFiles';
import { defaultConfig } from '../../src/config/validate';
import type { TieringConfig } from '../../src/config/schema';

const DIR = path.join(__dirname, '../fixtures/sql');
const KIT = path.join(DIR, 'conformance');
const EVIL = "'; DROP TABLE x; --";

/** The config of the goldens and the kit: every method, a custom segment table, rules of every kind. */
export const TIERS_CONFIG = JSON.parse(fs.readFileSync(path.join(KIT, 'tiers_config.json'), 'utf8')) as Partial<TieringConfig>;
const config = defaultConfig(TIERS_CONFIG);

function factsInput(dialect: Dialect): FactsQueryInput {
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
    analysisDate: config.analysisDate,
    returns: config.returns,
    windowDays: config.methods.activity!.churn.windowDays,
  };
}

const tiersInput = (dialect: Dialect): TiersInput => ({ facts: factsInput(dialect), config, into: ['analytics', 'customer_tiers'], locale: 'en-US' });

/** Every text the user wrote in the config: none may appear in the SQL, only in comments. */
function userTexts(): string[] {
  const rfm = config.methods.rfm!;
  return [EVIL, ...(rfm.segments ?? []).map((s) => s.name), ...config.methods.rules.flatMap((r) => [r.otherwise ?? '', ...r.rules.map((x) => x.tier)])].filter((s) => s.length > 2);
}

describe('golden warehouse-tiers SQL', () => {
  test.each(DIALECTS)('%s matches its golden file; user text is bound, never in the SQL', (dialect) => {
    const file = path.join(DIR, 'tiers', `${dialect}.sql`);
    const text = renderTiersScript(tiersInput(dialect), 'en-US');
    if (process.env.UPDATE_GOLDEN) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    expect(text).toBe(fs.readFileSync(file, 'utf8'));
    const body = text.split('\n').filter((l) => !l.startsWith('--')).join('\n');
    for (const s of userTexts()) expect(body).not.toContain(s);
    expect(body.toLowerCase()).not.toContain('drop table');
    // No database percentile, no NTILE.
    expect(body).not.toMatch(/\b(percentile\w*|quantile\w*|approx\w*|ntile|median)\s*\(/i);
    // Every placeholder has its value: `?` dialects one per occurrence, numbered ones one per name.
    for (const st of [histogramSql(tiersInput(dialect)), positionsSql(tiersInput(dialect), 10)!, scoreSql(tiersInput(dialect), tierCuts(config, emptyCutInputs()))]) {
      const marks = st.sql.replace(/^\s*--.*$/gm, '').replace(/'(?:[^']|'')*'/g, "''").match(/\?|\$\d+|@p\d+|:\d+\b|\{p\d+:/g) ?? [];
      if (dialect === 'spark' || dialect === 'mysql') expect([marks.length, st.order.length]).toEqual([st.params.length, st.params.length]);
      else expect(new Set(marks).size).toBe(st.params.length);
    }
    // The comments name the user text as JSON (a newline in a label cannot end the comment).
    expect(text).toContain(JSON.stringify(EVIL.toLowerCase()));
  });

  test('a rule value like a SQL injection is a bound parameter: it matches the customer with that id, and nothing is dropped', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-tiers-golden-'));
    const csv = path.join(tmp, 'o.csv');
    fs.writeFileSync(csv, `customer_id,order_date,amount\n"${EVIL.replace(/"/g, '""')}",2024-01-01,5\nc2,2024-01-02,7\n`);
    const cfg = defaultConfig({ methods: { rules: [{ name: 'Evil', rules: [{ tier: EVIL, when: `customer_id = "${EVIL}"` }], otherwise: 'safe' }] } });
    const db = path.join(tmp, 't.duckdb');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const setup = await DuckDBInstance.create(db);
    const c0 = await setup.connect();
    await c0.run('CREATE TABLE x (k INTEGER)');
    c0.closeSync();
    setup.closeSync();
    await duckdbTiers(csv, cfg, ['out'], { database: db });
    const inst = await DuckDBInstance.create(db);
    const conn = await inst.connect();
    const rows = (await conn.runAndReadAll('SELECT customer_id, rule_Evil FROM out ORDER BY customer_id')).getRowObjectsJS();
    const tables = (await conn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_name = 'x'")).getRowObjectsJS();
    conn.closeSync();
    inst.closeSync();
    fs.rmSync(tmp, { recursive: true, force: true });
    expect(rows).toEqual([
      { customer_id: EVIL, rule_Evil: EVIL },
      { customer_id: 'c2', rule_Evil: 'safe' },
    ]);
    expect(tables).toHaveLength(1);
  });

  test('conformance kit: the phases in DuckDB on orders.csv give tiers_params.json and expected_tiers.csv, which are the engine\'s tiers', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const run: RunParams = async (sql, params) => (await conn.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[];
    await conn.run('CREATE SCHEMA sales');
    await conn.run('CREATE SCHEMA analytics');
    await conn.run(
      `CREATE TABLE sales.orders AS SELECT customer_id, CAST(order_date AS DATE) AS order_date, CAST(amount AS DECIMAL(18,4)) AS amount, CAST(profit AS DECIMAL(18,4)) AS profit, order_id FROM read_csv('${path.join(KIT, 'orders.csv')}', header = true, all_varchar = true)`,
    );
    const input = tiersInput('duckdb');
    const inputs = await cutInputs(run, input);
    const cuts = tierCuts(config, inputs);
    const score = scoreSql(input, cuts);
    await run(score.sql, score.params);
    const got = await run('SELECT * FROM analytics.customer_tiers', []);
    conn.closeSync();
    inst.closeSync();
    // In the engine's customer order.
    const engine = classify({ orders: await readInputFile(path.join(KIT, 'orders.csv')) }, config).customers;
    const ids = engine.array('customer_id') as string[];
    const byId = new Map(got.map((r) => [String(r.customer_id), r]));
    const rows = ids.map((id) => byId.get(id)!);
    // Phase 3's parameters for this data (what a user binds after phases 2a/2b), and phase 2's positions.
    const pos = positionsSql(input, inputs.n);
    const params = {
      phase2a: Object.fromEntries(histogramSql(input).named.map((p) => [p.name, p.value])),
      phase2b: pos ? Object.fromEntries(pos.named.map((p) => [p.name, p.value])) : null,
      phase3: Object.fromEntries(score.named.map((p) => [p.name, p.value])),
    };
    const paramsText = `${JSON.stringify(params, null, 2)}\n`;
    const cols = Object.keys(rows[0]);
    const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const csv = [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
    if (process.env.UPDATE_GOLDEN) {
      fs.writeFileSync(path.join(KIT, 'tiers_params.json'), paramsText);
      fs.writeFileSync(path.join(KIT, 'expected_tiers.csv'), csv);
    }
    expect(paramsText).toBe(fs.readFileSync(path.join(KIT, 'tiers_params.json'), 'utf8'));
    expect(csv).toBe(fs.readFileSync(path.join(KIT, 'expected_tiers.csv'), 'utf8'));
    // …and they are the engine's: every tier column of every customer.
    const tierCols = cols.filter((c) => /^(abc|rfm_|activity|frequency_tier|spend_tier|churn_risk|rule_)/.test(c));
    expect(tierCols.length).toBeGreaterThan(10);
    for (const c of tierCols) {
      const mem = Array.from(engine.array(c) as ArrayLike<unknown>, (v) => (v === undefined ? null : v));
      expect([c, ids.map((id) => byId.get(id)?.[c] ?? null)]).toEqual([c, mem]);
    }
  });
});
