// A customer list under a title row: the tier block beside it starts on the header row (not
// the title's), its tiers sit on the customers' rows, and a second refresh changes nothing.
import ExcelJS from 'exceljs';
import { parseConfig } from '../../../src/config';
import { refreshWorkbook } from '../../../src/workbook/run';
import { XlsxPort } from '../../../src/workbook/ooxml/port';

async function book(): Promise<XlsxPort> {
  const wb = new ExcelJS.Workbook();
  const c = wb.addWorksheet('客户');
  c.getCell('A1').value = '客户名单（2024）';
  [['客户编号', '客户名称', '地区'], ['K1', '张三', '华东'], ['K2', '李四', '华北'], ['K3', '王五', '华南']].forEach((r, i) => c.getRow(i + 3).values = r);
  const o = wb.addWorksheet('订单');
  [['客户编号', '下单时间', '金额'], ['K1', '2024-01-02', 500], ['K2', '2024-02-03', 50], ['K1', '2024-03-04', 300], ['K3', '2024-03-05', 10]].forEach((r, i) => o.getRow(i + 1).values = r);
  return XlsxPort.fromBuffer((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

test('the tier block starts on the header row under a title, and a second refresh is the same', async () => {
  const port = await book();
  const res = parseConfig({ version: 1, sources: { customers: { kind: 'sheet', sheet: '客户' }, orders: { kind: 'sheet', sheet: '订单' } }, output: { groupSheets: [] } });
  if (!res.ok) throw new Error('config');
  const first = await refreshWorkbook(port, { config: res.config, locale: 'en-US' });
  expect(first.result?.warnings.map((w) => w.code)).toContain('source_header_row');
  const once = (await port.read({ kind: 'sheet', sheet: '客户' })).values;
  // Row 1 title, row 2 blank, row 3 header: the block's header is on row 3, K1's tier on row 4.
  expect(once[0].slice(3).every((v) => v === '')).toBe(true);
  expect(once[2].slice(0, 4)).toEqual(['客户编号', '客户名称', '地区', expect.stringMatching(/ABC/)]);
  expect(once[3][0]).toBe('K1');
  expect(once[3][3]).toBe('A');
  await refreshWorkbook(port, { locale: 'en-US' });
  expect((await port.read({ kind: 'sheet', sheet: '客户' })).values).toEqual(once);
});
