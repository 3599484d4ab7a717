// The contract's fixtures as workbooks of each adapter: an .xlsx read back from bytes like a
// user's file, and the strict fake Excel behind the Office adapter.
import ExcelJS from 'exceljs';
import { fixtureSheets, portSnapshot, type FixtureName, type MakePort } from './contract';
import { createFakeExcel, snapshotWorkbook, workbookFromGrids, type FakeExcel } from '../support/fake-excel';
import { OfficePort, type ExcelRun } from '../../src/workbook/office';
import { widthToPoints } from '../../src/workbook/office/write';
import { findSheet } from '../support/fake-excel/model';
import { rangeAddress } from '../../src/workbook/a1';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { officeFormats, xlsxFileFormats } from './formats';

/** An .xlsx holding the fixture, read back from bytes like a user's file. */
export async function xlsxFixture(fixture: FixtureName): Promise<XlsxPort> {
  return xlsxFromExcelJs((wb) => {
    for (const s of fixtureSheets(fixture)) {
      const ws = wb.addWorksheet(s.name);
      if (s.table) {
        const totals = s.totals;
        ws.addTable({
          name: s.table,
          ref: 'A1',
          headerRow: true,
          totalsRow: !!totals,
          columns: s.values[0].map((h, i) => ({ name: String(h), ...(totals && typeof totals[i] === 'string' ? { totalsRowLabel: totals[i] as string } : {}) })),
          rows: s.values.slice(1),
        });
      } else {
        s.values.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
      }
      s.widths?.forEach((w, c) => (ws.getColumn(c + 1).width = w));
    }
  });
}

/** A user's workbook made with ExcelJS (as a generator of test files) and opened by the adapter from its bytes. */
export async function xlsxFromExcelJs(build: (wb: ExcelJS.Workbook) => void): Promise<XlsxPort> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return XlsxPort.fromBuffer((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The fixture in the strict fake Excel, and the Office adapter over it. */
export function officeFixture(fixture: FixtureName): { port: OfficePort; fake: FakeExcel } {
  const sheets = fixtureSheets(fixture);
  const workbook = workbookFromGrids(
    sheets.map((s) => ({ name: s.name, rows: s.totals ? [...s.values, s.totals] : s.values })),
    {
      tables: sheets
        .filter((s) => s.table)
        .map((s) => ({ name: s.table!, sheet: s.name, address: rangeAddress(0, 0, s.values.length + (s.totals ? 1 : 0), Math.max(...s.values.map((r) => r.length))), showTotals: !!s.totals })),
    },
  );
  for (const s of sheets) s.widths?.forEach((w, c) => findSheet(workbook, s.name)!.columnWidths.set(c, widthToPoints(w)));
  const fake = createFakeExcel(workbook);
  return { port: new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported }), fake };
}

/** The xlsx adapter for the contract: what is compared is what the file holds after a save and reload. */
export const makeXlsxPort: MakePort = async (fixture) => {
  const port = await xlsxFixture(fixture);
  const reloaded = async () => XlsxPort.fromBuffer(await port.toBuffer());
  return { port, snapshot: async () => portSnapshot(await reloaded()), formats: async () => xlsxFileFormats(await port.toBuffer()) };
};

/** The Office adapter for the contract: the fake's own picture (values, formulas, formats, tables, charts, links, settings). */
export const makeOfficePort: MakePort = async (fixture) => {
  const { port, fake } = officeFixture(fixture);
  return { port, snapshot: async () => snapshotWorkbook(fake.workbook), formats: async () => officeFormats(fake.workbook) };
};
