// Names from the orders reach the workbook: after a refresh of the issue's workbook (orders only,
// 客户编号 beside 客户名称), every group sheet row of a customer carries the name the orders give
// (the first one), not only the id.
import * as path from 'path';
import { parseConfig } from '../../../src/config';
import { refreshWorkbook } from '../../../src/workbook/run';
import { XlsxPort } from '../../../src/workbook/ooxml/port';
import { expected, issueBook } from './corpus';

const BOOK = path.resolve(__dirname, '../../fixtures/sources/p-issue-book.xlsx');

test('group sheets show each customer’s name from the orders', async () => {
  const port = await XlsxPort.fromFile(BOOK);
  const res = parseConfig({ version: 1, sources: { orders: { kind: 'table', table: 'tbl_orders' } }, output: { groupSheets: ['abc'] } });
  if (!res.ok) throw new Error('config');
  await refreshWorkbook(port, { config: res.config, locale: 'zh-CN' });
  const want = expected(issueBook());
  const before = new Set(['说明', '订单']);
  const seen = new Map<string, unknown>();
  for (const s of await port.listSheets()) {
    if (before.has(s.name) || !/ABC/i.test(s.name)) continue;
    const { values } = await port.read({ kind: 'sheet', sheet: s.name });
    for (const row of values) {
      const at = row.findIndex((v) => typeof v === 'string' && want.has(v));
      if (at >= 0) seen.set(row[at] as string, row[at + 1]);
    }
  }
  expect(seen.size).toBe(want.size);
  for (const [id, w] of want) expect([id, seen.get(id)]).toEqual([id, w.name]);
}, 60_000);
