// The adapter at Excel's limits, on the fake: a full sheet of orders read and 100,000
// customers written, with no request or response over 5 MB and close to the fewest syncs
// the payload allows.
import { createFakeExcel, MAX_ROWS, PAYLOAD_LIMIT, workbookFromGrids, type FakeStats, type GridValue } from '../../support/fake-excel';
import { OfficePort, type ExcelRun } from '../../../src/workbook/office';
import type { CellValue, WriteOp } from '../../../src/workbook/port';

/** A seeded generator so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function minimumSyncs(stats: FakeStats): number {
  return Math.ceil((stats.requestBytes + stats.responseBytes) / PAYLOAD_LIMIT);
}

function report(label: string, stats: FakeStats): string {
  return `${label}: ${stats.syncs} syncs, ${(stats.requestBytes / 1e6).toFixed(1)} MB sent, ${(stats.responseBytes / 1e6).toFixed(1)} MB received, largest request ${(stats.maxRequestBytes / 1e6).toFixed(2)} MB, largest response ${(stats.maxResponseBytes / 1e6).toFixed(2)} MB, minimum ${minimumSyncs(stats)} syncs`;
}

it('reads 1,048,575 order rows in chunks under 5 MB', async () => {
  const next = rng(7);
  const orders = MAX_ROWS - 1;
  const rows: GridValue[][] = new Array(orders + 1);
  rows[0] = ['order_id', 'customer', 'order_date', 'amount', 'region'];
  const regions = ['华东', '华南', '华北', '西南', 'East'];
  let sum = 0;
  for (let i = 1; i <= orders; i++) {
    const amount = Math.round(next() * 100_000) / 100;
    sum += amount;
    rows[i] = [i, `C${String(Math.floor(next() * 100_000)).padStart(6, '0')}`, 44_927 + Math.floor(next() * 730), amount, regions[i % 5]];
  }
  const fake = createFakeExcel(workbookFromGrids([{ name: 'Orders', rows }]));
  const port = new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
  const progress: number[] = [];
  const read = await port.read({ kind: 'sheet', sheet: 'Orders' }, { onProgress: (p) => progress.push(p.done) });

  expect(read.address).toBe('A1:E1048576');
  expect(read.values).toHaveLength(MAX_ROWS);
  expect(read.values[0]).toEqual(rows[0]);
  expect(read.values[orders]).toEqual(rows[orders]);
  let got = 0;
  for (let i = 1; i <= orders; i++) got += read.values[i][3] as number;
  expect(got).toBeCloseTo(sum, 2);

  const s = fake.stats;
  expect(s.failedSyncs).toBe(0);
  expect(s.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  expect(s.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  // One sync to locate, one small first chunk, then chunks filling ~90% of the limit.
  expect(s.syncs).toBeLessThanOrEqual(Math.ceil(minimumSyncs(s) / 0.85) + 2);
  expect(progress[progress.length - 1]).toBe(MAX_ROWS);
  expect(progress.length).toBe(s.syncs - 1);
  console.log(report('read 1,048,575 orders × 5 columns', s));
});

it('writes 100,000 customers × 12 columns in chunks under 5 MB', async () => {
  const next = rng(11);
  const customers = 100_000;
  const header = ['customer', 'name', 'region', 'first_order', 'last_order', 'orders', 'revenue', 'abc', 'rfm_score', 'segment', 'activity', 'clv'];
  const values: CellValue[][] = [header];
  for (let i = 0; i < customers; i++) {
    const name = i % 997 === 0 ? `=cmd|' /C calc'!A${i}` : `客户${i} Co., Ltd.`;
    values.push([
      `C${String(i).padStart(6, '0')}`,
      name,
      ['华东', '华南', '华北'][i % 3],
      44_927 + (i % 365),
      45_292 + (i % 300),
      1 + Math.floor(next() * 40),
      Math.round(next() * 1e7) / 100,
      ['A', 'B', 'C'][i % 3],
      `${1 + (i % 5)}${1 + ((i >> 1) % 5)}${1 + ((i >> 2) % 5)}`,
      'Champions',
      i % 4 === 0 ? 'silent' : 'active',
      Math.round(next() * 1e6) / 100,
    ]);
  }
  const fake = createFakeExcel(workbookFromGrids([{ name: 'Data', rows: [['x']] }]));
  const port = new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
  const ops: WriteOp[] = [
    { op: 'addSheet', name: 'Customers' },
    { op: 'values', sheet: 'Customers', row: 0, col: 0, values },
    { op: 'format', sheet: 'Customers', row: 0, col: 0, rows: 1, cols: 12, bold: true, fill: '#DDEBF7' },
    { op: 'format', sheet: 'Customers', row: 1, col: 6, rows: customers, cols: 1, numberFormat: '#,##0.00' },
  ];
  await port.write(ops);

  const s = fake.stats;
  expect(s.failedSyncs).toBe(0);
  expect(s.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  expect(s.syncs).toBeLessThanOrEqual(Math.ceil(minimumSyncs(s) / 0.85) + 1);
  expect(s.log.every((l) => l.writes === 0 || (l.calculationSuspended && l.screenUpdatingSuspended))).toBe(true);
  const sheet = fake.workbook.sheets.find((x) => x.name === 'Customers')!;
  expect(sheet.rows[customers][0]).toBe(`C${String(customers - 1).padStart(6, '0')}`);
  expect(sheet.rows[1][1]).toBe("=cmd|' /C calc'!A0");
  expect(sheet.formulas.size).toBe(0);
  expect(sheet.rows[5000][6]).toBe(values[5000][6]);
  console.log(report('write 100,000 customers × 12 columns', s));
});
