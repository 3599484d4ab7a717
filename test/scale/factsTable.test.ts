// The customer facts table end to end: `customer-tiers facts` writes it from an orders file
// (CSV or .xlsx, through DuckDB or the in-memory reader), the table is read back (a CSV as the
// CLI reads it; an .xlsx through the ooxml adapter) and classified by the pane's worker
// handler; every per-customer column, cut, summary and report equals the run on the orders
// themselves, for every method and scoring convention. The SQL `customer-tiers sql` prints
// gives the same table in DuckDB. Facts for another date or config, and bad headings or cells,
// are refused with the sheet, the cell and what to do, in both languages.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runFacts } from '../../src/cli/facts';
import { readInputFile } from '../../src/cli/inputFiles';
import { classify } from '../../src/engine/classify';
import { classifyTables, factsHeadings, readFactsGrid } from '../../src/engine/factsTable';
import { factsSheetSql } from '../../src/engine/sql/factsSheet';
import { DIALECT, DIALECTS } from '../../src/engine/sql/dialects';
import type { FactsQueryInput } from '../../src/engine/sql/facts';
import { renderSql } from '../../src/cli/sql';
import { isoToDay } from '../../src/engine/calendar';
import type { ClassificationResult, SourceGrid } from '../../src/engine/types';
import type { TieringConfig } from '../../src/config/schema';
import { engineHandler } from '../../src/taskpane/worker/handler';
import { fromWire, type FromWorker } from '../../src/taskpane/worker/protocol';
import { toSourceGrid } from '../../src/taskpane/controller/useTasks';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { refreshWorkbook } from '../../src/workbook/run';
import { queryInput } from '../../src/sources/common';
import { methodConfigs, snapshot, type FactsKey } from './compare';

jest.setTimeout(120_000);

const CONFORMANCE = path.join(__dirname, '../fixtures/sql/conformance/orders.csv');
const REFERENCE = path.join(__dirname, '../../../shared/data/rfm_rsquaredacademy_orders.csv');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-facts-table-'));
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

function configFile(config: TieringConfig, name: string): string {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The pane's worker handler on one classify message (structured clone both ways, as a Worker). */
function viaWorker(facts: SourceGrid, config: TieringConfig): ClassificationResult {
  const out: FromWorker[] = [];
  engineHandler((m) => out.push(structuredClone(m)))(structuredClone({ type: 'classify' as const, id: 1, tables: { facts }, config }));
  const last = out.at(-1)!;
  if (last.type !== 'result') throw new Error(JSON.stringify(last));
  return fromWire(last.result);
}

async function xlsxGrid(file: string): Promise<SourceGrid> {
  const port = await XlsxPort.fromFile(file);
  const tables = await port.listTables();
  return toSourceGrid(await port.read({ kind: 'table', table: tables[0].name }));
}

const cases: [string, string, FactsKey][] = [
  ['conformance orders (case-only ids, returns, rows after the date, order ids)', CONFORMANCE, { analysisDate: '2024-06-30', returns: 'net', windowDays: 90, profit: true, orderId: true }],
  ['conformance orders, returns excluded, no analysis date', CONFORMANCE, { returns: 'exclude', windowDays: 30, profit: true, orderId: true }],
  ['reference orders (995 customers), date inside the history', REFERENCE, { analysisDate: '2005-06-30', returns: 'net', windowDays: 60, profit: false, orderId: false }],
];

describe.each(cases)('%s', (_label, orders, key) => {
  // The reference file names its amount column "revenue".
  const amount = orders === REFERENCE ? 'revenue' : 'amount';
  const configs = methodConfigs(key).map((c) => ({ ...c, columns: { ...c.columns, orders: { ...c.columns.orders, amount } } }));

  test('CLI facts → .xlsx (ooxml adapter) and .csv → worker: identical to the orders, every method', async () => {
    const reference = await readInputFile(orders, 'orders');
    const cfg = configFile(configs[0], 'c0');
    const xlsx = path.join(dir, 'facts.xlsx');
    const csvMemory = path.join(dir, 'facts-memory.csv');
    const csvDuck = path.join(dir, 'facts-duckdb.csv');
    expect(await runFacts(['--orders', orders, '--config', cfg, '--out', xlsx, '--lang', 'zh-CN'])).toBe(0);
    expect(await runFacts(['--orders', orders, '--config', cfg, '--out', csvMemory, '--engine', 'memory', '--lang', 'en-US'])).toBe(0);
    expect(await runFacts(['--orders', orders, '--config', cfg, '--out', csvDuck, '--engine', 'duckdb', '--lang', 'en-US'])).toBe(0);
    // One computation, whatever reads the orders.
    expect(fs.readFileSync(csvMemory, 'utf8')).toBe(fs.readFileSync(csvDuck, 'utf8'));
    const text = fs.readFileSync(csvDuck, 'utf8');
    expect(text.startsWith('\uFEFF' + factsHeadings('en-US').join(','))).toBe(true);

    const fromXlsx = await xlsxGrid(xlsx);
    expect(fromXlsx.values[0]).toEqual(factsHeadings('zh-CN'));
    const fromCsv = await readInputFile(csvDuck, 'customers');
    for (const config of configs) {
      const want = snapshot(classify({ orders: reference }, config));
      expect(snapshot(viaWorker(fromXlsx, config))).toEqual(want);
      expect(snapshot(classifyTables({ facts: fromCsv }, config))).toEqual(want);
    }
  });
});

describe('the SQL customer-tiers sql prints', () => {
  test.each(DIALECTS)('%s: every heading named, one bound value per placeholder', (dialect) => {
    const input: FactsQueryInput = {
      dialect,
      source: { table: ['sales', 'orders'] },
      columns: { customerId: { name: 'customer_id', kind: 'text' }, orderDate: { name: 'order_date', kind: 'date' }, amount: { name: 'amount', kind: 'number' } },
      analysisDate: '2024-06-30',
      returns: 'exclude',
      windowDays: 45,
    };
    const q = factsSheetSql(input, 'zh-CN');
    for (const h of factsHeadings('zh-CN')) expect(q.sql).toContain(DIALECT[dialect].ident(h));
    if (DIALECT[dialect].positional) {
      expect(q.sql.split('?').length - 1).toBe(q.params.length);
      expect(q.params.slice(-2)).toEqual([45, 0]);
      expect(q.names).toHaveLength(q.params.length);
    } else expect(q.params).toEqual([isoToDay('2024-06-30'), 45, 0]);
    // The printed text: the parameters in a header comment, never in the body.
    const text = renderSql(input, 'zh-CN');
    expect(text.split('\n').filter((l) => !l.startsWith('--')).join('\n')).not.toContain('2024');
  });

  test('run in DuckDB, its result is the facts table the CLI writes', async () => {
    const key: FactsKey = { analysisDate: '2024-06-30', returns: 'net', windowDays: 90, profit: true, orderId: true };
    const [config] = methodConfigs(key);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      await conn.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${CONFORMANCE}', header = true, all_varchar = true)`);
      const cols = ['customer_id', 'order_date', 'amount', 'profit', 'order_id'].map((name) => ({ name, kind: 'text' as const }));
      const q = factsSheetSql(queryInput('duckdb', { table: ['orders'] }, cols, config, 'orders'), 'zh-CN');
      const reader = await conn.runAndReadAll(q.sql, q.params);
      const headings = reader.columnNames();
      expect(headings).toEqual(factsHeadings('zh-CN'));
      // As a CSV export gives it: dates as YYYY-MM-DD, numbers as text.
      const rows = reader.getRowsJS().map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v))));
      const grid: SourceGrid = { name: 'SQL', values: [headings, ...rows], fromText: true };
      const want = snapshot(classify({ orders: await readInputFile(CONFORMANCE, 'orders') }, config));
      expect(snapshot(classifyTables({ facts: grid }, config))).toEqual(want);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});

describe('writing tiers beside the facts table', () => {
  test('tier columns join the facts table, the facts stay as they were, a second refresh changes nothing', async () => {
    const key: FactsKey = { analysisDate: '2024-06-30', returns: 'net', windowDays: 90, profit: true, orderId: true };
    const [base] = methodConfigs(key);
    const xlsx = path.join(dir, 'facts-write.xlsx');
    expect(await runFacts(['--orders', CONFORMANCE, '--config', configFile(base, 'w'), '--out', xlsx, '--lang', 'en-US'])).toBe(0);
    const port = await XlsxPort.fromFile(xlsx);
    const [table] = await port.listTables();
    const before = (await port.read({ kind: 'table', table: table.name })).values;
    const config = { ...base, sources: { facts: { kind: 'table' as const, table: table.name } } };
    const report = await refreshWorkbook(port, { config });
    const after = (await port.read({ kind: 'table', table: table.name })).values;
    const width = before[0].length;
    expect(after.map((r) => r.slice(0, width))).toEqual(before);
    const abc = after[0].indexOf('ABC class', width);
    expect(abc).toBeGreaterThanOrEqual(width);
    // Each row's tier is the run's for that row's customer (blank: all returns, no ABC class).
    const ids = report.result.customers.array('customer_id') as string[];
    const tiers = report.result.customers.array('abc') as string[];
    const tierOf = new Map(ids.map((id, i) => [id, tiers[i]]));
    expect(after.slice(1).map((r) => r[abc])).toEqual(after.slice(1).map((r) => tierOf.get(String(r[0])) ?? ''));
    expect(new Set(tiers)).toEqual(new Set(['A', 'B', 'C', null]));
    expect(Object.keys(report.sheets)).toContain('summary');
    const again = await refreshWorkbook(port, { config });
    expect((await port.read({ kind: 'table', table: table.name })).values).toEqual(after);
    expect(again.result.stats.customers).toBe(report.result.stats.customers);
  });
});

describe('customer-tiers facts: usage errors in both languages (exit 2, nothing written)', () => {
  async function run(args: string[]): Promise<{ code: number; err: string }> {
    let err = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
      err += String(s);
      return true;
    });
    try {
      return { code: await runFacts(args), err };
    } finally {
      spy.mockRestore();
    }
  }

  test('--out not .csv/.xlsx, no --orders, a missing file, a bad --lang', async () => {
    const out = path.join(dir, 'never.txt');
    expect(await run(['--orders', CONFORMANCE, '--out', out, '--lang', 'en-US'])).toEqual({ code: 2, err: `Option --out must name a .csv or .xlsx file, got "${out}".\n` });
    expect(await run(['--orders', CONFORMANCE, '--out', out, '--lang', 'zh-CN'])).toEqual({ code: 2, err: `选项 --out 必须是 .csv 或 .xlsx 文件，收到“${out}”。\n` });
    expect((await run(['--out', path.join(dir, 'f.csv'), '--lang', 'zh-CN'])).err).toContain('请提供 --orders');
    const missing = await run(['--orders', path.join(dir, 'nope.parquet'), '--out', path.join(dir, 'f.csv'), '--lang', 'en-US']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.parquet');
    expect(fs.existsSync(path.join(dir, 'f.csv'))).toBe(false);
    expect((await run(['--orders', CONFORMANCE, '--out', path.join(dir, 'f.csv'), '--lang', 'fr'])).code).toBe(2);
  });

  test('a CSV cell that looks like a formula is written as text', async () => {
    const orders = path.join(dir, 'hostile.csv');
    fs.writeFileSync(orders, 'customer_id,order_date,amount\n"=HYPERLINK(""x"")",2024-01-02,10\n-5,2024-01-03,3\n');
    const out = path.join(dir, 'hostile-facts.csv');
    expect((await run(['--orders', orders, '--out', out, '--engine', 'memory', '--lang', 'en-US'])).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    // A negative-number id stays a number-looking id (not a formula), as csvGuard decides.
    expect(text).toContain('\r\n-5,');
    const back = readFactsGrid(await readInputFile(out, 'customers'), methodConfigs({ returns: 'net', windowDays: 90, profit: false, orderId: false })[0]);
    expect(back.problems).toEqual([]);
    // Read back, the ids are the customers' own again (the guard is the writer's, not the id's),
    // so the facts still match the customer table and the orders.
    expect([...back.set!.ids].sort()).toEqual(['-5', '=HYPERLINK("x")']);
  });
});
