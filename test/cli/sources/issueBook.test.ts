// The issue's check, as a user runs it: `customer-tiers classify --orders book.xlsx#tbl_orders`,
// `#订单!B3:G403` and `#订单` (a title row above the header) on the openpyxl-written workbook whose
// first sheet is a notes sheet give the same customers, names and quantity × price revenue — and
// those are the sums of the generator's lines.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expected, issueBook } from './corpus';

const ROOT = path.resolve(__dirname, '../../..');
const BOOK = path.resolve(__dirname, '../../fixtures/sources/p-issue-book.xlsx');

function classify(spec: string, csv: string) {
  const res = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), 'classify', '--orders', `${BOOK}${spec}`, '--csv', csv, '--lang', 'en-US'], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C' },
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

/** customer_id → [name, revenue] from the per-customer CSV (no quoted fields in this data). */
function customers(file: string): Map<string, [string, number]> {
  const [head, ...rows] = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
  const id = head.indexOf('customer_id');
  const name = head.indexOf('name');
  const revenue = head.indexOf('revenue');
  return new Map(rows.map((r) => [r[id], [r[name], Number(r[revenue])]]));
}

test('tbl_orders, 订单!B3:G403 and 订单 give the same customers, names and quantity × price revenue', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-issue-'));
  try {
    const results = ['#tbl_orders', '#订单!B3:G403', '#订单'].map((spec, i) => {
      const csv = path.join(dir, `out${i}.csv`);
      const res = classify(spec, csv);
      expect([spec, res.code, res.err]).toEqual([spec, 0, '']);
      expect(res.out).toContain('"商品数量" × "单价" − "折扣金额"');
      expect(res.out).toContain('Customer names were taken from the orders\' column "客户名称"');
      return customers(csv);
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    const want = expected(issueBook());
    expect([...results[0].keys()].sort()).toEqual([...want.keys()].sort());
    for (const [id, w] of want) {
      const [name, revenue] = results[0].get(id)!;
      expect(name).toBe(w.name);
      expect(revenue).toBeCloseTo(w.revenue, 6);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test('the title row above the header is said, naming the header row', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-issue-'));
  try {
    const res = classify('#订单', path.join(dir, 'out.csv'));
    expect(res.out).toContain('In "订单" the header row is row 3; the 2 row(s) above it (such as "订单 2024 年订单明细") were skipped.');
    const auto = classify('', path.join(dir, 'auto.csv'));
    expect(auto.code).toBe(0);
    expect(auto.out).toContain('The orders were read from sheet "订单" of p-issue-book.xlsx');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
