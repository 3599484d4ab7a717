// classify through the scale sources from the command line: same CSV as the in-memory engine,
// and the user messages (exit 2) for unreadable rows, a bad engine, a refused connection.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runClassify } from '../../src/cli/classify';
import { classifyFromSource } from '../../src/cli/scaleSource';
import { classify } from '../../src/engine/classify';
import { readInputFile } from '../../src/cli/inputFiles';
import { defaultConfig } from '../../src/config/validate';
import { capture } from './capture';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-scale-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[]) => capture(() => runClassify(args));

test('--engine duckdb writes the same per-customer CSV as --engine memory', async () => {
  const csv = path.join(tmp, 'o.csv');
  fs.writeFileSync(csv, 'customer_id,order_date,amount\nc1,2024-01-01,5.5\nc2,2024-02-01,7\nc1,2024-03-01,-2\nc3,2024-03-05,1\n');
  const a = await run(['--orders', csv, '--engine', 'memory', '--csv', path.join(tmp, 'm.csv'), '--lang', 'en-US']);
  const b = await run(['--orders', csv, '--engine', 'duckdb', '--csv', path.join(tmp, 'd.csv'), '--lang', 'en-US']);
  expect([a.code, b.code]).toEqual([0, 0]);
  expect(fs.readFileSync(path.join(tmp, 'd.csv'), 'utf8')).toBe(fs.readFileSync(path.join(tmp, 'm.csv'), 'utf8'));
});

test('unreadable rows, a bad engine and a refused connection are messages with exit 2, no password printed', async () => {
  const csv = path.join(tmp, 'bad.csv');
  // A month name: the in-memory reader reads it, DuckDB's SQL does not; never a silent misread.
  fs.writeFileSync(csv, 'customer_id,order_date,amount\nc1,2024-01-01,5\nc2,5-Mar-2024,1\n');
  const bad = await run(['--orders', csv, '--engine', 'duckdb', '--lang', 'en-US']);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('1 of 2 dates in column "order_date"');
  expect(bad.err).toContain('"5-Mar-2024"');
  const zh = await run(['--orders', csv, '--engine', 'duckdb', '--lang', 'zh-CN']);
  expect(zh.err).toContain('“order_date”列的 2 个日期中有 1 个');
  const engine = await run(['--orders', csv, '--engine', 'fast', '--lang', 'en-US']);
  expect([engine.code, engine.err.trim()]).toEqual([2, 'Option --engine must be duckdb or memory, got "fast".']);
  const refused = await run(['--orders', 'postgres://me:s3cret@127.0.0.1:1/sales', '--orders-table', 'orders', '--lang', 'en-US']);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain('Cannot connect to PostgreSQL at 127.0.0.1:1/sales');
  expect(refused.err).not.toContain('s3cret');
  const url = await run(['--orders', 'postgres://me:s3cret@[bad/sales', '--orders-table', 'orders', '--lang', 'en-US']);
  expect(url.code).toBe(2);
  expect(url.err).not.toContain('s3cret');
});

test('a CSV chosen for DuckDB by its size that DuckDB would read differently is read in memory, and said', async () => {
  const csv = path.join(tmp, 'comma.csv');
  fs.writeFileSync(csv, 'customer_id;order_date;amount\nc1;2024-01-01;12,50\nc2;2024-02-01;7,25\nc1;2024-03-01;1,5\n');
  const config = defaultConfig({ locale: 'en-US' });
  const said: string[] = [];
  const result = await classifyFromSource({ orders: csv }, undefined, config, (e) => said.push(e.key));
  expect(said).toEqual(['scale.not_plain_amount']);
  const memory = classify({ orders: await readInputFile(csv) }, config);
  expect(Array.from(result.customers.array('revenue') as ArrayLike<number>)).toEqual(Array.from(memory.customers.array('revenue') as ArrayLike<number>));
  expect(Array.from(result.customers.array('revenue') as ArrayLike<number>)).toEqual([14, 7.25]);
  // Chosen on purpose (--engine duckdb): refused, not switched.
  await expect(classifyFromSource({ orders: csv, engine: 'duckdb' }, undefined, config)).rejects.toThrow('scale.not_plain_amount');
});

test('DuckDB runs under a memory limit with a spill folder of its own; over the limit, or a bad limit, is a message (exit 2)', async () => {
  const csv = path.join(tmp, 'limit.csv');
  const lines = ['customer_id,order_date,amount'];
  for (let i = 0; i < 20000; i++) lines.push(`c${i % 5000},2024-0${1 + (i % 9)}-1${i % 10},${i % 97}.5`);
  fs.writeFileSync(csv, `${lines.join('\n')}\n`);
  const spills = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('customer-tiers-duckdb-')).sort();
  const before = spills();
  const saved = process.env.CUSTOMER_TIERS_DUCKDB_MEMORY;
  try {
    const ok = await run(['--orders', csv, '--engine', 'duckdb', '--csv', path.join(tmp, 'limit-d.csv'), '--lang', 'en-US']);
    const mem = await run(['--orders', csv, '--engine', 'memory', '--csv', path.join(tmp, 'limit-m.csv'), '--lang', 'en-US']);
    expect([ok.code, mem.code]).toEqual([0, 0]);
    expect(fs.readFileSync(path.join(tmp, 'limit-d.csv'), 'utf8')).toBe(fs.readFileSync(path.join(tmp, 'limit-m.csv'), 'utf8'));
    process.env.CUSTOMER_TIERS_DUCKDB_MEMORY = '1MB';
    const over = await run(['--orders', csv, '--engine', 'duckdb', '--lang', 'en-US']);
    expect(over.code).toBe(2);
    expect(over.err).toContain('DuckDB needed more memory than its limit of 1MB');
    expect(over.err).toContain('CUSTOMER_TIERS_DUCKDB_MEMORY=8GB');
    const overZh = await run(['--orders', csv, '--engine', 'duckdb', '--lang', 'zh-CN']);
    expect(overZh.err).toContain('DuckDB 所需内存超过其上限 1MB');
    process.env.CUSTOMER_TIERS_DUCKDB_MEMORY = 'lots';
    const bad = await run(['--orders', csv, '--engine', 'duckdb', '--lang', 'en-US']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('DuckDB did not accept the memory limit "lots" from CUSTOMER_TIERS_DUCKDB_MEMORY');
  } finally {
    if (saved === undefined) delete process.env.CUSTOMER_TIERS_DUCKDB_MEMORY;
    else process.env.CUSTOMER_TIERS_DUCKDB_MEMORY = saved;
  }
  // Every run removed its spill folder.
  expect(spills()).toEqual(before);
});
