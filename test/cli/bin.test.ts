// The installed command (`npx customer-tiers`, bin/customer-tiers.mjs) runs the same CLI as
// `tsx src/cli/main.ts`, including the subcommands that write workbooks.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { readHistory } from '../../src/engine/history';

const ROOT = path.resolve(__dirname, '../..');
const ORDERS = path.resolve(__dirname, '../../../shared/data/rfm_rsquaredacademy_orders.csv');

function bin(args: string[], cwd: string) {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'bin/customer-tiers.mjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

test('classify --out then refresh, through the bin script', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-bin-'));
  const first = path.join(dir, 'tiered.xlsx');
  const next = path.join(dir, 'next.xlsx');
  const a = bin(['classify', '--orders', ORDERS, '--analysis-date', '2006-06-30', '--out', first, '--lang', 'en-US'], dir);
  expect(a.err).toBe('');
  expect(a.code).toBe(0);
  const b = bin(['refresh', first, '--out', next, '--analysis-date', '2006-12-31', '--lang', 'en-US'], dir);
  expect(b.err).toBe('');
  expect(b.code).toBe(0);
  expect(b.out).toMatch(/Champions/);
  // The refreshed book keeps both snapshots in its history sheet.
  const port = await XlsxPort.fromFile(next);
  const sheets = (await port.listSheets()).map((s) => s.name);
  expect(sheets).toEqual(expect.arrayContaining(['Tier History']));
  const hist = await port.read({ kind: 'sheet', sheet: 'Tier History' });
  expect(readHistory(hist.values).snapshots.map((x) => x.date)).toEqual(['2006-06-30', '2006-12-31']);
});
