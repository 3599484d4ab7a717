// The first promise on the Office adapter: a workbook that would take the write only in part
// (protected sheet or structure, read-only, the user's merged cells) is refused before anything
// is written, the registry included; and tables are read as Excel defines them (a totals row is
// not a customer, a header-less table is refused with a message, filtered rows are read).
import { officeFixture } from '../ports';
import { fixtureConfig } from '../contract';
import { snapshotWorkbook, workbookFromGrids, createFakeExcel } from '../../support/fake-excel';
import { OfficePort, type ExcelRun } from '../../../src/workbook/office';
import { refreshWorkbook } from '../../../src/workbook/run';
import { saveConfig } from '../../../src/workbook/state';
import { WorkbookError } from '../../../src/workbook/errors';
import { describeError } from '../../../src/workbook/describeError';

async function refused(p: Promise<unknown>): Promise<WorkbookError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkbookError);
  return e as WorkbookError;
}

describe('refuses before writing', () => {
  async function plainCustomers() {
    const f = officeFixture('plain-customers');
    await saveConfig(f.port, fixtureConfig('plain-customers'));
    return { ...f, sheet: (name: string) => f.fake.workbook.sheets.find((s) => s.name === name)! };
  }

  it('a protected sheet the tier columns would go to: nothing written, not even the registry', async () => {
    const { port, fake, sheet } = await plainCustomers();
    sheet('客户').protected = true;
    const before = snapshotWorkbook(fake.workbook);
    const e = await refused(refreshWorkbook(port, {}));
    expect(e).toMatchObject({ code: 'sheetProtected', params: { sheet: '客户' } });
    expect(describeError(e, 'zh-CN')).toContain('工作表“客户”受保护');
    expect(snapshotWorkbook(fake.workbook)).toEqual(before);
  });

  it('protected workbook structure when sheets must be added', async () => {
    const { port, fake } = await plainCustomers();
    fake.workbook.protected = true;
    const before = snapshotWorkbook(fake.workbook);
    const e = await refused(refreshWorkbook(port, {}));
    expect(e.code).toBe('workbookProtected');
    expect(String(e.params.sheets)).toContain('分级汇总');
    expect(snapshotWorkbook(fake.workbook)).toEqual(before);
  });

  it('a workbook open read-only', async () => {
    const { port, fake } = await plainCustomers();
    fake.workbook.readOnly = true;
    const before = snapshotWorkbook(fake.workbook);
    expect((await refused(refreshWorkbook(port, {}))).code).toBe('workbookReadOnly');
    expect(snapshotWorkbook(fake.workbook)).toEqual(before);
  });

  it('the user’s merged cells inside the tier block, even where they read as empty', async () => {
    const { port, fake, sheet } = await plainCustomers();
    // E3:F3 merged: F3 reads "" (only E3 holds the value), so an emptiness check alone passes it.
    sheet('客户').merges.push({ r0: 2, r1: 2, c0: 4, c1: 5 });
    const before = snapshotWorkbook(fake.workbook);
    const e = await refused(refreshWorkbook(port, {}));
    expect(e).toMatchObject({ code: 'targetMerged', params: { sheet: '客户', cells: ['E3:F3'] } });
    expect(e.message).toContain('E3:F3');
    expect(snapshotWorkbook(fake.workbook)).toEqual(before);
    expect(sheet('客户').merges).toEqual([{ r0: 2, r1: 2, c0: 4, c1: 5 }]);
  });

  it('write itself runs the same check: a block over part of a merge is refused whole', async () => {
    const fake = createFakeExcel(workbookFromGrids([{ name: 'S', rows: [['title'], [1]] }], { merges: [{ sheet: 'S', address: 'A1:C1' }] }));
    const port = new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
    const before = snapshotWorkbook(fake.workbook);
    const e = await refused(port.write([{ op: 'addSheet', name: 'New' }, { op: 'values', sheet: 'S', row: 0, col: 2, values: [['x'], ['y']] }]));
    expect(e).toMatchObject({ code: 'targetMerged', params: { sheet: 'S', range: 'C1:C2', cells: ['A1:C1'] } });
    expect(snapshotWorkbook(fake.workbook)).toEqual(before);
    // Writing next to the merge, and on a sheet the ops add, is fine.
    await port.write([{ op: 'addSheet', name: 'New' }, { op: 'values', sheet: 'New', row: 0, col: 0, values: [['a']] }, { op: 'values', sheet: 'S', row: 0, col: 3, values: [['d']] }]);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['S', 'New']);
  });
});

describe('tables as Excel defines them', () => {
  const rows = [['id', 'amount'], ['c1', 10], ['c2', 20], ['Total', 30]];

  function tableBook(extra: { showTotals?: boolean; showHeaders?: boolean; hidden?: number[] }) {
    const body = extra.showHeaders === false ? [[null, null], ...rows.slice(1)] : rows;
    const fake = createFakeExcel(
      workbookFromGrids([{ name: 'S', rows: body }], {
        tables: [{ name: 'T', sheet: 'S', address: extra.showHeaders === false ? 'A2:B4' : 'A1:B4', showTotals: extra.showTotals, showHeaders: extra.showHeaders }],
        hiddenRows: extra.hidden ? [{ sheet: 'S', rows: extra.hidden }] : [],
      }),
    );
    return { fake, port: new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported }) };
  }

  it('a totals row is not read as a customer, and new columns fill the data body only', async () => {
    const { port, fake } = tableBook({ showTotals: true });
    const r = await port.read({ kind: 'table', table: 'T' });
    expect(r.values).toEqual(rows.slice(0, 3));
    expect(r.address).toBe('A1:B3');
    await port.write([{ op: 'addTableColumns', table: 'T', headers: ['tier'], values: [['A'], ['B']] }]);
    const after = await port.read({ kind: 'sheet', sheet: 'S' });
    expect(after.values).toEqual([['id', 'amount', 'tier'], ['c1', 10, 'A'], ['c2', 20, 'B'], ['Total', 30, '']]);
    expect(fake.stats.failedSyncs).toBe(0);
  });

  it('a table with its header row turned off is refused with a message saying how to turn it on; listing it still works', async () => {
    const { port } = tableBook({ showHeaders: false });
    const e = await refused(port.read({ kind: 'table', table: 'T' }));
    expect(e).toMatchObject({ code: 'tableNoHeaders', params: { table: 'T' } });
    expect(describeError(e, 'en-US')).toMatch(/Header Row/);
    expect(await port.listTables()).toEqual([{ name: 'T', sheet: 'S', address: 'A2:B4', headers: [] }]);
  });

  it('filtered (hidden) rows are read like the others', async () => {
    const { port } = tableBook({ hidden: [1, 2] });
    expect((await port.read({ kind: 'table', table: 'T' })).values).toEqual(rows);
  });
});
