// The add-in path and the CLI path on the same workbook: the description a corpus file was
// generated from is built in the strict fake Excel (merged areas emptied but for their top-left
// cell, hidden rows, tables with totals rows, names, 1904 serials) and read through the Office
// adapter as the pane reads it; the file itself is read as the CLI reads it. Same customers,
// names, orders and amounts — and both equal the sums of the generator's lines.
import * as path from 'path';
import { parseConfig, type RangeRef, type TieringConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import { dayToExcelSerial, isoToDay } from '../../../src/engine/calendar';
import { readInputFile } from '../../../src/cli/inputFiles';
import { toSourceGrid } from '../../../src/taskpane/controller/useTasks';
import { OfficePort, type ExcelRun } from '../../../src/workbook/office';
import { createFakeExcel, workbookFromGrids, type GridValue } from '../../support/fake-excel';
import { corpus, type BookDesc, type Entry, type Val } from './corpus';
import { expectSameCustomers, perCustomer } from './check';

const DIR = path.resolve(__dirname, '../../fixtures/sources');

function config(): TieringConfig {
  const res = parseConfig({ version: 1 });
  if (!res.ok) throw new Error('config');
  return res.config;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** The description as Excel holds it: dates as serials of the workbook's date system. */
function officePort(book: BookDesc): OfficePort {
  const system = book.date1904 ? 1904 : 1900;
  const value = (v: Val): GridValue => (v && typeof v === 'object' ? dayToExcelSerial(isoToDay(v.date), system) : v);
  const sheets = book.sheets.flatMap((s) =>
    s.cells.map((block, i) => {
      const m = /^([A-Z]+)(\d+)$/.exec(block.at)!;
      return { name: s.name, i, rows: block.rows.map((r) => r.map(value)), at: { row: Number(m[2]) - 1, col: colNumber(m[1]) } };
    }),
  );
  // One fake sheet per description sheet, its blocks laid in one grid.
  const grids = book.sheets.map((s) => {
    const blocks = sheets.filter((b) => b.name === s.name);
    const rows: GridValue[][] = [];
    for (const b of blocks) b.rows.forEach((r, i) => r.forEach((v, j) => ((rows[b.at.row + i] ??= [])[b.at.col + j] = v)));
    for (let i = 0; i < rows.length; i++) rows[i] = Array.from({ length: rows[i]?.length ?? 0 }, (_, j) => rows[i]?.[j] ?? null);
    return { name: s.name, rows };
  });
  const workbook = workbookFromGrids(grids, {
    tables: book.sheets.filter((s) => s.table).map((s) => ({ name: s.table!.name, sheet: s.name, address: s.table!.ref, showTotals: !!s.table!.totals })),
    merges: book.sheets.flatMap((s) => (s.merges ?? []).map((address) => ({ sheet: s.name, address }))),
    hiddenRows: book.sheets.filter((s) => s.hiddenRows).map((s) => ({ sheet: s.name, rows: s.hiddenRows!.map((r) => r - 1) })),
    names: (book.names ?? []).map((n) => {
      const [sheet, address] = n.ref.split('!');
      return { name: n.name, sheet: sheet.replace(/^'|'$/g, ''), address: address.replace(/\$/g, '') };
    }),
    ...(book.date1904 ? { dateSystem: 1904 as const } : {}),
  });
  const fake = createFakeExcel(workbook);
  return new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
}

/** What the pane's source picker gives for a CLI spec (a sheet, table, name or address). */
function refOf(e: Entry, spec: string): RangeRef {
  const bang = spec.lastIndexOf('!');
  if (bang > 0) return { kind: 'sheet', sheet: spec.slice(0, bang).replace(/^'|'$/g, ''), address: spec.slice(bang + 1) };
  const sheet = e.book.sheets.find((s) => s.name.toLowerCase() === spec.toLowerCase());
  if (sheet) return { kind: 'sheet', sheet: sheet.name };
  if (e.book.sheets.some((s) => s.table?.name.toLowerCase() === spec.toLowerCase())) return { kind: 'table', table: spec };
  return { kind: 'name', name: spec };
}

const cases = corpus()
  .filter((e) => e.writer === 'exceljs' && !e.error)
  .flatMap((e) => e.specs.filter((s): s is string => s !== null).map((s) => [e.file, s, e] as const));

test.each(cases)('%s read as %s: the add-in and the CLI agree', async (file, spec, e) => {
  const office = await officePort(e.book).read(refOf(e, spec));
  const addin = classify({ orders: toSourceGrid(office) }, config());
  const cli = classify({ orders: await readInputFile(`${path.join(DIR, file)}#${spec}`) }, config());
  expect(perCustomer(addin)).toEqual(perCustomer(cli));
  expectSameCustomers(addin, e, false);
  expect(addin.issues.map((i) => [i.code, i.row, i.col])).toEqual(cli.issues.map((i) => [i.code, i.row, i.col]));
});

test('hidden and filtered rows: both adapters report the same rows, and the notes match', async () => {
  const e = corpus().find((x) => x.file === 'x-hidden-filtered.xlsx')!;
  const office = await officePort(e.book).read({ kind: 'sheet', sheet: '订单' });
  const cli = await readInputFile(`${path.join(DIR, e.file)}#订单`);
  expect(office.hiddenRows).toEqual(e.book.sheets[0].hiddenRows!.map((r) => r - 1));
  expect(toSourceGrid(office).notes).toEqual(cli.notes);
  expect(cli.notes).toEqual([{ code: 'source_hidden_rows', params: { sheet: '订单', count: 3, row: 3 } }]);
});
