// `customer-tiers sql --tiers [--run]` from the command line: the run creates the table with
// the engine's tiers; bad input is a specific message with exit 2 in both languages.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSql } from '../../src/cli/sql';
import { classify } from '../../src/engine/classify';
import { readInputFile } from '../../src/cli/inputFiles';
import { capture } from './capture';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-sql-tiers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sql = (args: string[]) => capture(() => runSql(args));

const orders = path.join(tmp, 'o.csv');
fs.writeFileSync(orders, 'customer_id,order_date,amount\nc1,2024-01-01,5.5\nc2,2024-02-01,7\nc1,2024-03-01,-2\nc3,2024-03-05,1\nc1,2024-03-09,12\nc4,2024-03-09,7\n');

function config(rules: unknown[] = []): string {
  const file = path.join(tmp, `cfg${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify({ version: 1, methods: { rfm: { scoring: 'quantile-inclusive', bins: 3 }, rules } }));
  return file;
}

test('--run on a CSV creates the table (and its CSV) with the tiers classify writes', async () => {
  const cfg = config([{ name: 'R', rules: [{ tier: 'big', when: 'revenue > 6' }], otherwise: 'small' }]);
  const out = path.join(tmp, 'tiers.csv');
  const res = await sql(['--dialect', 'duckdb', '--config', cfg, '--tiers', '--run', '--orders', orders, '--into', 'tiers', '--csv', out, '--lang', 'en-US']);
  expect(res).toEqual({ code: 0, out: 'Created table tiers: 4 customers, 4 of them with orders scored.\n', err: '' });
  const [head, ...lines] = fs.readFileSync(out, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const got = new Map(lines.map((l) => l.split(',')).map((v) => [v[0], Object.fromEntries(cols.map((c, i) => [c, v[i]]))]));
  const { defaultConfig } = await import('../../src/config/validate');
  const engine = classify({ orders: await readInputFile(orders) }, defaultConfig(JSON.parse(fs.readFileSync(cfg, 'utf8')))).customers;
  const ids = engine.array('customer_id') as string[];
  expect(ids).toEqual(['c1', 'c2', 'c3', 'c4']);
  for (const c of ['abc', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'activity', 'frequency_tier', 'spend_tier', 'churn_risk', 'rule_R']) {
    const mem = Array.from(engine.array(c) as ArrayLike<unknown>, (v) => (v === null || v === undefined ? '' : String(v)));
    expect([c, ids.map((id) => got.get(id)![c])]).toEqual([c, mem]);
  }
});

test('the printed script says CLV is not computed in SQL, in both languages', async () => {
  const en = await sql(['--dialect', 'snowflake', '--tiers', '--lang', 'en-US']);
  const zh = await sql(['--dialect', 'snowflake', '--tiers', '--lang', 'zh-CN']);
  expect([en.code, zh.code]).toEqual([0, 0]);
  expect(en.out).toContain('CLV is not computed in SQL');
  expect(zh.out).toContain('CLV 不在 SQL 中计算');
  expect(en.out).toMatch(/CREATE TABLE "customer_tiers" AS/);
});

test('bad input: a specific message and exit 2, in English and Chinese', async () => {
  const bad = async (args: string[], en: string, zh: string) => {
    const a = await sql([...args, '--lang', 'en-US']);
    const b = await sql([...args, '--lang', 'zh-CN']);
    expect([a.code, b.code, a.out, b.out]).toEqual([2, 2, '', '']);
    expect(a.err).toContain(en);
    expect(b.err).toContain(zh);
  };
  await bad(['--dialect', 'oracle', '--tiers'], 'Option --dialect must be one of', '选项 --dialect 必须是');
  await bad(['--dialect', 'duckdb', '--tiers', '--config', config([{ name: 'N', rules: [{ tier: 't', when: "name = 'x'" }] }])], 'uses the column name, which the warehouse SQL does not compute', '使用了列 name');
  await bad(['--dialect', 'postgres', '--tiers', '--config', config([{ name: 'C', rules: [{ tier: 't', when: 'clv_value > 3' }] }])], 'uses the column clv_value', '使用了列 clv_value');
  await bad(['--dialect', 'mysql', '--tiers', '--config', config([{ name: 'Rd', rules: [{ tier: 't', when: 'round(revenue) = 3' }] }])], 'uses round(), which the warehouse SQL cannot compute exactly', '使用了 round()');
  await bad(['--dialect', 'duckdb', '--tiers', '--config', config([{ name: 'Typo', rules: [{ tier: 't', when: 'revenu > 3' }] }])], 'Rule set "Typo" cannot be compiled to SQL', '规则集“Typo”无法编译为 SQL');
  const twice = [{ name: 'Same', rules: [{ tier: 't', when: 'orders > 1' }] }, { name: 'Same!', rules: [{ tier: 'u', when: 'orders > 2' }] }];
  await bad(['--dialect', 'duckdb', '--tiers', '--config', config(twice)], 'rule_Same', 'rule_Same');
  await bad(['--dialect', 'duckdb', '--tiers', '--run', '--orders', orders], 'give --into <table>', '请给出 --into <表>');
  await bad(['--dialect', 'duckdb', '--tiers', '--run', '--orders', orders, '--into', 't'], 'give --database <file.duckdb>', '请给出 --database');
  await bad(['--dialect', 'spark', '--tiers', '--run', '--orders', orders, '--into', 't'], 'the orders given do not fit --dialect spark', '与 --dialect spark 不符');
  await bad(['--dialect', 'duckdb', '--tiers', '--run', '--orders', path.join(tmp, 'none.csv'), '--into', 't', '--csv', path.join(tmp, 'x.csv')], 'the file does not exist', '');
  const pg = ['--dialect', 'postgres', '--tiers', '--run', '--orders', 'postgres://me:s3cret@127.0.0.1:1/sales', '--orders-table', 'orders', '--into', 't'];
  await bad(pg, 'Cannot connect to PostgreSQL at 127.0.0.1:1/sales', '127.0.0.1:1/sales');
  expect((await sql([...pg, '--lang', 'en-US'])).err).not.toContain('s3cret');
  await bad(['--dialect', 'postgres', '--tiers', '--run', '--orders', 'postgres://me:s3cret@[bad/sales', '--orders-table', 'orders', '--into', 't'], 'is not a postgres:// or postgresql:// URL', 'postgres://');
});
