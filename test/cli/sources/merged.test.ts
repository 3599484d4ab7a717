// Merged cells whose covered cells still hold values in the file (LibreOffice keeps hidden
// contents; ExcelJS used to read them as copies of the top-left value, counting one 300 three
// times). Excel's Range.values gives '' there: the .xlsx reader and the Office adapter on the
// strict fake read the same blanks, and the run counts the 300 once.
import ExcelJS from 'exceljs';
import { parseConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import { toSourceGrid } from '../../../src/taskpane/controller/useTasks';
import { OfficePort, type ExcelRun } from '../../../src/workbook/office';
import { XlsxPort } from '../../../src/workbook/ooxml/port';
import { entryData, newEntry, readZip, writeZip } from '../../../src/workbook/ooxml/zip';
import { readNotes } from '../../../src/workbook/readNotes';
import { createFakeExcel, workbookFromGrids } from '../../support/fake-excel';

const ROWS = [
  ['客户编号', '下单时间', '金额'],
  ['K1', '2024-01-02', 300],
  ['K1', '2024-01-03', 300],
  ['K1', '2024-01-04', 300],
  ['K2', '2024-01-05', 50],
];

/** The rows with the amount merged down C2:C4 and the covered cells still holding 300. */
async function fileWithCoveredValues(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('订单');
  ROWS.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v)));
  const zip = readZip(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return writeZip(
    zip.map((e) => {
      if (e.name !== 'xl/worksheets/sheet1.xml') return e;
      const xml = entryData(e).toString('utf8').replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="C2:C4"/></mergeCells>');
      return newEntry(e.name, Buffer.from(xml, 'utf8'));
    }),
  );
}

test('covered cells of a merged area read blank in both adapters, and the amount counts once', async () => {
  const port = await XlsxPort.fromBuffer(await fileWithCoveredValues());
  const xlsx = await port.read({ kind: 'sheet', sheet: '订单' });
  const fake = createFakeExcel(workbookFromGrids([{ name: '订单', rows: ROWS }], { merges: [{ sheet: '订单', address: 'C2:C4' }] }));
  const office = await new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported }).read({ kind: 'sheet', sheet: '订单' });
  expect(xlsx.values).toEqual(office.values);
  expect(xlsx.values.map((r) => r[2])).toEqual(['金额', 300, '', '', 50]);
  expect(readNotes(xlsx)).toEqual([{ code: 'source_merged', params: { sheet: '订单', areas: ['C2:C4'] } }]);

  const res = parseConfig({ version: 1 });
  if (!res.ok) throw new Error('config');
  const result = classify({ orders: toSourceGrid(xlsx) }, res.config);
  expect((result.customers.objects() as Record<string, unknown>[]).map((r) => [r.customer_id, r.revenue])).toEqual([
    ['K1', 300],
    ['K2', 50],
  ]);
  // The two covered rows are said, each with what to do.
  expect(result.issues.filter((i) => i.code === 'amount_blank').map((i) => i.row)).toEqual([3, 4]);
});
