// `customer-tiers check` and `refresh --keep-edits | --replace-edits` as a user runs them: real
// processes over a tiered workbook, a copy with an edited group sheet, and one whose registry
// has a damaged chart entry.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeTieredWorkbook } from '../../src/cli/writeOut';
import { defaultConfig } from '../../src/config';
import type { Registry } from '../../src/output/registry';
import { REGISTRY_KEY } from '../../src/workbook/state';
import { XlsxPort } from '../../src/workbook/ooxml/port';

const ROOT = path.resolve(__dirname, '../..');
const ORDERS = path.resolve(__dirname, '../../../shared/data/rfm_rsquaredacademy_orders.csv');
const NOTE = 'call back Monday';

function cli(args: string[], cwd: string) {
  const res = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

let dir: string;
let book: string;
let edited: string;
let group: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-check-'));
  book = path.join(dir, 'tiered.xlsx');
  edited = path.join(dir, 'edited.xlsx');
  const config = defaultConfig({ analysisDate: '2006-06-30', locale: 'en-US', columns: { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'revenue' } } });
  await writeTieredWorkbook({ orders: ORDERS, config, out: book, locale: 'en-US' });
  const port = await XlsxPort.fromFile(book);
  const reg = JSON.parse((await port.getSetting(REGISTRY_KEY))!) as Registry;
  group = reg.sheets.find((s) => s.key === 'group:abc:A')!.name;
  await port.write([{ op: 'values', sheet: group, row: 0, col: 14, values: [[NOTE]] }]);
  await port.save(edited);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cellsOf(file: string, sheet: string) {
  return (await (await XlsxPort.fromFile(file)).read({ kind: 'sheet', sheet })).values;
}

describe('customer-tiers check', () => {
  test('a freshly tiered workbook: exit 0, what a refresh and a remove would touch, file untouched', () => {
    const bytes = fs.readFileSync(book);
    const res = cli(['check', book, '--lang', 'en-US'], dir);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain(`replace sheet "${group}"`);
    expect(res.out).toContain(`delete sheet "${group}"`);
    expect(res.out).toContain('All is well');
    expect(fs.readFileSync(book).equals(bytes)).toBe(true);
  });

  test('an edited group sheet: exit 2, named, in Chinese too', () => {
    const res = cli(['check', edited, '--lang', 'zh-CN'], dir);
    expect(res.code).toBe(2);
    expect(res.out).toContain(`工作表“${group}”由 Customer Tiers 创建，但写入后其单元格有改动`);
  });

  test('without --lang it speaks the language stored with the workbook config, not the environment language', async () => {
    const zh = path.join(dir, 'zh.xlsx');
    const config = defaultConfig({ analysisDate: '2006-06-30', locale: 'zh-CN', columns: { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'revenue' } } });
    await writeTieredWorkbook({ orders: ORDERS, config, out: zh, locale: 'zh-CN' });
    const res = cli(['check', zh], dir);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain(`Customer Tiers 检查：${zh}`);
    expect(res.out).not.toContain('All is well');
    // The English workbook still reads in English under the same environment.
    expect(cli(['check', book], dir).out).toContain(`Customer Tiers check of ${book}`);
  }, 60_000);
});

describe('customer-tiers refresh over edited output', () => {
  test('without a flag: exit 2, the edited sheet and the flags named, nothing written', () => {
    const bytes = fs.readFileSync(edited);
    const res = cli(['refresh', edited, '--lang', 'en-US'], dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain(`sheet "${group}"`);
    expect(res.err).toContain('--keep-edits');
    expect(res.err).toContain('--replace-edits');
    expect(res.out).toBe('');
    expect(fs.readFileSync(edited).equals(bytes)).toBe(true);
  });

  test('--keep-edits: the edited sheet stays as the user made it, fresh output beside it', async () => {
    const res = cli(['refresh', edited, '--keep-edits', '--out', 'kept.xlsx', '--lang', 'en-US'], dir);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain(`Kept your edited sheet "${group}"`);
    expect(await cellsOf(path.join(dir, 'kept.xlsx'), group)).toEqual(await cellsOf(edited, group));
  });

  test('--replace-edits: written afresh; both flags at once: exit 2', async () => {
    const res = cli(['refresh', edited, '--replace-edits', '--out', 'replaced.xlsx', '--lang', 'en-US'], dir);
    expect(res.code).toBe(0);
    expect((await cellsOf(path.join(dir, 'replaced.xlsx'), group)).flat()).not.toContain(NOTE);
    const both = cli(['refresh', edited, '--replace-edits', '--keep-edits', '--out', 'x.xlsx'], dir);
    expect(both.code).toBe(2);
    expect(both.err).toContain('not both');
  });

  test('classify --out over a workbook with edited output: exit 2, the same flags named; --keep-edits writes', async () => {
    const orders = `${edited}#rfm_rsquaredacademy_orders`;
    const res = cli(['classify', '--orders', orders, '--out', 'again.xlsx', '--analysis-date', '2006-06-30', '--lang', 'en-US'], dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain(`sheet "${group}"`);
    expect(res.err).toContain('--keep-edits');
    expect(fs.existsSync(path.join(dir, 'again.xlsx'))).toBe(false);
    const kept = cli(['classify', '--orders', orders, '--out', 'again.xlsx', '--analysis-date', '2006-06-30', '--lang', 'en-US', '--keep-edits'], dir);
    expect(kept.code).toBe(0);
    expect(kept.out).toContain(`Kept your edited sheet "${group}"`);
    expect(await cellsOf(path.join(dir, 'again.xlsx'), group)).toEqual(await cellsOf(edited, group));
  });

  test('a chart entry with a missing field: reported, refreshed in place, exit 0', async () => {
    const port = await XlsxPort.fromFile(book);
    const reg = JSON.parse((await port.getSetting(REGISTRY_KEY))!) as Registry;
    delete (reg.charts[0] as Partial<Registry['charts'][number]>).sheet;
    await port.setSetting(REGISTRY_KEY, JSON.stringify(reg));
    const damaged = path.join(dir, 'damaged.xlsx');
    await port.save(damaged);
    const names = (await port.listSheets()).map((s) => s.name);
    const res = cli(['refresh', damaged, '--lang', 'en-US'], dir);
    expect(res.code).toBe(0);
    expect(res.out).toContain('charts.0.sheet');
    expect((await (await XlsxPort.fromFile(damaged)).listSheets()).map((s) => s.name)).toEqual(names);
  });
});
