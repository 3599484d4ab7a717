// The port contract (test/workbook/contract.ts) over the Office adapter and the strict fake.
import { describeContract, fixtureSheets, type FixtureName } from '../contract';
import { createFakeExcel, snapshotWorkbook, workbookFromGrids } from '../../support/fake-excel';
import { OfficePort, type ExcelRun } from '../../../src/workbook/office';
import { rangeAddress } from '../../../src/workbook/office/address';

async function makePort(fixture: FixtureName) {
  const sheets = fixtureSheets(fixture);
  const workbook = workbookFromGrids(
    sheets.map((s) => ({ name: s.name, rows: s.values })),
    {
      tables: sheets
        .filter((s) => s.table)
        .map((s) => ({ name: s.table!, sheet: s.name, address: rangeAddress(0, 0, s.values.length, Math.max(...s.values.map((r) => r.length))) })),
    },
  );
  const fake = createFakeExcel(workbook);
  const port = new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
  // The fake's own picture: values, formulas, formats, tables, charts, links, settings.
  return { port, snapshot: async () => snapshotWorkbook(fake.workbook) };
}

describeContract('office (strict fake Excel)', makePort);
