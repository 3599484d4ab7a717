// 200,000 customers through the output plan and both adapters (the .xlsx package and Office on
// the strict fake), orders only and with a customer table beside which the tier block is
// written. Not timed: what is checked is that nothing overflows (no spread of a huge array into
// one call, no string over V8's limit) and that every customer arrives.
import { defaultConfig, type TieringConfig } from '../../src/config';
import { refreshWorkbook } from '../../src/workbook/run';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { OfficePort, type ExcelRun } from '../../src/workbook/office';
import type { CellValue, WorkbookPort } from '../../src/workbook/port';
import { createFakeExcel, PAYLOAD_LIMIT, workbookFromGrids } from '../support/fake-excel';

jest.setTimeout(20 * 60_000);

// The size by default. It once took over 25 minutes: the strict fake scanned every older
// format layer for each new one (a fill per run of equal tiers: quadratic); the four tests at
// 200,000 took about 5 minutes (250 s CPU) on the shared 2-core machine. To keep CI inside its
// budget each adapter gets 200,000 customers once (the .xlsx package orders-only, Office with a
// customer table) and the other case at a tenth; SCALE_CUSTOMERS runs every case at that size.
const FULL = Number(process.env.SCALE_CUSTOMERS ?? 200_000);
const SMALL = process.env.SCALE_CUSTOMERS ? FULL : FULL / 10;

/** One or two orders per customer over 2024 (dates as 1900-system serials), seeded. */
function ordersGrid(n: number): CellValue[][] {
  let s = 17;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const rows: CellValue[][] = [['customer', 'date', 'amount']];
  for (let i = 0; i < n; i++) {
    const id = `C${String(i).padStart(6, '0')}`;
    rows.push([id, 45_292 + Math.floor(next() * 360), Math.round(next() * 100_000) / 100]);
    if (i % 3 === 0) rows.push([id, 45_292 + Math.floor(next() * 360), Math.round(next() * 10_000) / 100]);
  }
  return rows;
}

function customersGrid(n: number): CellValue[][] {
  const rows: CellValue[][] = [['customer', 'name', 'region']];
  for (let i = 0; i < n; i++) rows.push([`C${String(i).padStart(6, '0')}`, `客户${i}`, ['华东', '华南', '华北'][i % 3]]);
  return rows;
}

function config(withCustomers: boolean): TieringConfig {
  return defaultConfig({
    locale: 'en-US',
    analysisDate: '2024-12-31',
    sources: { orders: { kind: 'sheet', sheet: 'Orders' }, ...(withCustomers ? { customers: { kind: 'sheet', sheet: 'Customers' } } : {}) },
    columns: { orders: { customerId: 'customer', orderDate: 'date', amount: 'amount' }, ...(withCustomers ? { customers: { customerId: 'customer' } } : {}) },
  });
}

/** Rows of the sheet with this role whose first cell is a customer id. */
async function customerRows(port: WorkbookPort, sheet: string): Promise<number> {
  const read = await port.read({ kind: 'sheet', sheet });
  return read.values.filter((r) => typeof r[0] === 'string' && /^C\d{6}$/.test(r[0])).length;
}

async function checkRun(port: WorkbookPort, withCustomers: boolean, n: number): Promise<void> {
  const report = await refreshWorkbook(port, { config: config(withCustomers) });
  expect(report.result.stats.customers).toBe(n);
  // Every customer is on exactly one ABC group sheet.
  const groups = Object.entries(report.sheets).filter(([k]) => k.startsWith('group:abc:'));
  expect(groups.length).toBe(3);
  let listed = 0;
  for (const [, name] of groups) listed += await customerRows(port, name);
  expect(listed).toBe(n);
  if (withCustomers) {
    // The tier block beside the customer table: one ABC class per customer row.
    const read = await port.read({ kind: 'sheet', sheet: 'Customers' });
    const block = report.registry.columns.find((c) => c.sheet === 'Customers');
    expect(block?.col).toBeGreaterThan(2);
    const counts = block!.headers.map((_, j) => read.values.slice(1).filter((r) => ['A', 'B', 'C'].includes(r[block!.col + j] as string)).length);
    expect(counts).toContain(n);
  }
}

const grids = new Map<number, { orders: CellValue[][]; customers: CellValue[][] }>();
function gridsOf(n: number) {
  if (!grids.has(n)) grids.set(n, { orders: ordersGrid(n), customers: customersGrid(n) });
  return grids.get(n)!;
}

describe.each([
  [false, FULL, SMALL],
  [true, SMALL, FULL],
])('customer table: %s', (withCustomers, xlsxSize, officeSize) => {
  test(`${xlsxSize.toLocaleString('en-US')} customers through the .xlsx package adapter, saved and read back`, async () => {
    const { orders, customers } = gridsOf(xlsxSize);
    const port = await XlsxPort.create();
    await port.write([
      { op: 'addSheet', name: 'Orders' },
      { op: 'values', sheet: 'Orders', row: 0, col: 0, values: orders },
      ...(withCustomers ? [{ op: 'addSheet' as const, name: 'Customers' }, { op: 'values' as const, sheet: 'Customers', row: 0, col: 0, values: customers }] : []),
    ]);
    await checkRun(port, withCustomers, xlsxSize);
    const reopened = await XlsxPort.fromBuffer(await port.toBuffer());
    expect((await reopened.listSheets()).length).toBe((await port.listSheets()).length);
  });

  test(`${officeSize.toLocaleString('en-US')} customers through the Office adapter on the strict fake, every request under 5 MB`, async () => {
    const { orders, customers } = gridsOf(officeSize);
    const sheets = [{ name: 'Orders', rows: orders as never }, ...(withCustomers ? [{ name: 'Customers', rows: customers as never }] : [])];
    const fake = createFakeExcel(workbookFromGrids(sheets));
    const port = new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
    await checkRun(port, withCustomers, officeSize);
    expect(fake.stats.log.filter((r) => r.failed).map((r) => `${r.failed} (${r.requestBytes} bytes, ${r.actions} actions)`)).toEqual([]);
    expect(fake.stats.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  });
});
