// `customer-tiers refresh` as a user runs it: a real process over a tiered workbook.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeTieredWorkbook } from '../../src/cli/writeOut';
import { defaultConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');
const ORDERS = path.resolve(__dirname, '../../../shared/data/rfm_rsquaredacademy_orders.csv');

function cli(args: string[], cwd: string) {
  // same as `npx tsx src/cli/main.ts ...`, run from another directory
  const res = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

let dir: string;
let book: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-refresh-'));
  book = path.join(dir, 'tiered.xlsx');
  const config = defaultConfig({ analysisDate: '2006-06-30', locale: 'en-US', columns: { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'revenue' } } });
  await writeTieredWorkbook({ orders: ORDERS, config, out: book, locale: 'en-US' });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('customer-tiers refresh --analysis-date', () => {
  test('a real date runs and is stamped on the summary', () => {
    const res = cli(['refresh', book, '--out', 'leap.xlsx', '--analysis-date', '2004-02-29', '--lang', 'en-US'], dir);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('analysis date 2004-02-29');
    expect(fs.existsSync(path.join(dir, 'leap.xlsx'))).toBe(true);
  });

  // Each case runs the CLI once (a few seconds each); refreshWorkbook's own test covers more dates.
  test.each([
    ['2024-02-30', 'en-US', true, 'The analysis date must be a real calendar date written YYYY-MM-DD, got "2024-02-30".'],
    ['2023-02-29', 'en-US', false, 'The analysis date must be a real calendar date written YYYY-MM-DD, got "2023-02-29".'],
    ['2024-13-01', 'en-US', true, 'The analysis date must be a real calendar date written YYYY-MM-DD, got "2024-13-01".'],
    ['2024-02-30', 'zh-CN', true, '分析日期须为日历上真实存在的日期，写作 YYYY-MM-DD，收到“2024-02-30”。'],
  ])('%s (%s, --out: %s) → exit 2, a clear message, nothing written', (date, lang, withOut, message) => {
    const bytes = fs.readFileSync(book);
    const out = `bad-${date}-${lang}.xlsx`;
    const res = cli(['refresh', book, ...(withOut ? ['--out', out] : []), '--analysis-date', date, '--lang', lang], dir);
    expect(res.code).toBe(2);
    expect(res.err).toBe(`${message}\n`);
    expect(res.out).toBe('');
    expect(fs.existsSync(path.join(dir, out))).toBe(false);
    // Without --out refresh writes in place: the book must be untouched either way.
    expect(fs.readFileSync(book).equals(bytes)).toBe(true);
  });
});
