// The Office adapter over the strict fake: reads and writes in chunks under the payload
// limit, text that stays text, the WriteOps, settings, and errors in both languages.
import * as fs from 'fs';
import * as path from 'path';
import { createFakeExcel, snapshotWorkbook, valuesOf, workbookFromGrids, type FakeExcel, type FakeOptions, type GridSheet, type WorkbookExtras } from '../../support/fake-excel';
import { describeOfficeError, isExcelSupported, OfficePort, UnsupportedExcelError, type ExcelRun } from '../../../src/workbook/office';
import { messages } from '../../../src/i18n/messages/office';
import { defaultConfig } from '../../../src/config';
import { dayToIso } from '../../../src/engine/calendar';
import { ingest } from '../../../src/engine/ingest';
import { CancelledError, type CellValue, type WriteOp } from '../../../src/workbook/port';
import { WorkbookError } from '../../../src/workbook/errors';
import { describeError } from '../../../src/workbook/describeError';
import { cleanOps } from '../../../src/output/cells';

const DATA = path.resolve(__dirname, '../../../../shared/data');

/** The requests that wrote something (the check before writing reads in two small ones). */
const writing = (fake: FakeExcel) => fake.stats.log.filter((l) => l.writes > 0);

function setup(sheets: GridSheet[], extras: WorkbookExtras = {}, fakeOpts: FakeOptions = {}, payloadLimit?: number): { fake: FakeExcel; port: OfficePort } {
  const fake = createFakeExcel(workbookFromGrids(sheets, extras), fakeOpts);
  const port = new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, payloadLimit });
  return { fake, port };
}

/** CDNOW's orders (Hardie's data set): zero-padded ids, yyyymmdd dates, CDs, dollars. */
function cdnow(): CellValue[][] {
  const lines = fs.readFileSync(path.join(DATA, 'lifetimes_CDNOW_master.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  return lines.map((l, i) => {
    const [id, date, cds, dollars] = l.trim().split(/\s+/);
    return i === 0 ? [id, date, cds, dollars] : [id, date, Number(cds), Number(dollars)];
  });
}

/** The rfm package's orders: customer names, ISO dates as text, revenue. */
function rfmOrders(): CellValue[][] {
  const lines = fs.readFileSync(path.join(DATA, 'rfm_rsquaredacademy_orders.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  return lines.map((l, i) => {
    const cells = l.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return i === 0 ? cells : [cells[0], cells[1], Number(cells[2]), cells[3], cells[4], cells[5]];
  });
}

const maxRequest = (f: FakeExcel) => Math.max(...f.stats.log.filter((l) => !l.failed).map((l) => l.requestBytes));
const maxResponse = (f: FakeExcel) => Math.max(...f.stats.log.filter((l) => !l.failed).map((l) => l.responseBytes));

describe('requirements and errors', () => {
  it('refuses an Excel without ExcelApi 1.9, naming the version needed', async () => {
    const { port } = setup([{ name: 'S', rows: [] }], {}, { apiVersion: '1.8' });
    const err = await port.listSheets().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedExcelError);
    expect(describeOfficeError(err, 'en-US')).toMatch(/1\.9.*Excel 2021/);
    expect(describeOfficeError(err, 'zh-CN')).toMatch(/1\.9.*请更新 Excel/);
    expect(isExcelSupported((n, v) => n === 'ExcelApi' && v === '1.9')).toBe(true);
    expect(isExcelSupported(undefined)).toBe(false);
  });

  it('describes Excel error codes in English and Chinese', async () => {
    const { port } = setup([{ name: 'S', rows: [] }]);
    // A sheet that is not there is the port's own error, as from the xlsx adapter…
    const missing = await port.read({ kind: 'sheet', sheet: 'Missing' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(WorkbookError);
    expect(missing).toMatchObject({ code: 'sheetNotFound', params: { sheet: 'Missing' } });
    expect(describeError(missing, 'zh-CN')).toBe('工作簿中没有名为“Missing”的工作表，可能已被重命名或删除。请检查数据来源。');
    // …and Excel's own codes have sentences of their own.
    const err = await port.select('Missing', 'A1').catch((e: unknown) => e);
    expect(describeOfficeError(err, 'en-US')).toMatch(/could not find/);
    expect(describeOfficeError(err, 'zh-CN')).toMatch(/找不到/);
    for (const code of ['InvalidArgument', 'RequestPayloadSizeLimitExceeded', 'AccessDenied', 'GeneralException', 'ItemAlreadyExists']) {
      const e = Object.assign(new Error('x'), { code });
      expect(describeOfficeError(e, 'en-US')).toBe(messages.en[`office.error.${code}` as keyof typeof messages.en]);
      expect(describeOfficeError(e, 'zh-CN')).toBe(messages.zh[`office.error.${code}` as keyof typeof messages.zh]);
    }
    expect(describeOfficeError(Object.assign(new Error('boom'), { code: 'WeirdCode' }), 'en-US')).toBe('Excel reported an error (WeirdCode): boom');
    expect(describeOfficeError(new CancelledError(), 'zh-CN')).toBe('已取消。');
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
  });
});

describe('read', () => {
  const grid: GridSheet = {
    name: 'Data 2024',
    at: { row: 2, col: 1 },
    rows: [
      ['id', 'name', 'amount'],
      ['001', null, 5],
      ['002', 'Bo', true],
    ],
  };

  it('reads the used range of a sheet, empty cells as "" like Range.values', async () => {
    const { port } = setup([grid, { name: 'Blank', rows: [] }]);
    const r = await port.read({ kind: 'sheet', sheet: 'Data 2024' });
    expect(r).toEqual({
      sheet: 'Data 2024',
      address: 'B3:D5',
      row: 2,
      col: 1,
      values: [
        ['id', 'name', 'amount'],
        ['001', '', 5],
        ['002', 'Bo', true],
      ],
      dateSystem: 1900,
    });
    expect((await port.read({ kind: 'sheet', sheet: 'Blank' })).values).toEqual([]);
  });

  it('tells a 1904 workbook from a 1900 one, so serial dates are read as the user sees them', async () => {
    const orders: GridSheet = { name: 'Orders', rows: [['customer', 'date', 'amount'], ['C1', 43891, 10]] };
    for (const [system, iso] of [[1900, '2020-03-01'], [1904, '2024-03-02']] as const) {
      const { fake, port } = setup([orders], { dateSystem: system });
      const r = await port.read({ kind: 'sheet', sheet: 'Orders' });
      expect(r.dateSystem).toBe(system);
      // The probe rides along with the first sync and writes nothing.
      expect(fake.stats.log.every((l) => !l.failed)).toBe(true);
      const got = ingest({ orders: { name: 'Orders', values: r.values, dateSystem: r.dateSystem } }, defaultConfig());
      expect(dayToIso(got.orders!.day[0])).toBe(iso);
    }
  });

  it('reads a table and a named range', async () => {
    const { port } = setup([grid], { tables: [{ name: 'T1', sheet: 'Data 2024', address: 'B3:D5' }], names: [{ name: 'Amounts', sheet: 'Data 2024', address: 'D4:D5' }] });
    const t = await port.read({ kind: 'table', table: 'T1' });
    expect(t).toMatchObject({ sheet: 'Data 2024', table: 'T1', address: 'B3:D5', row: 2, col: 1 });
    expect(t.values[2]).toEqual(['002', 'Bo', true]);
    const n = await port.read({ kind: 'name', name: 'Amounts' });
    expect(n).toMatchObject({ sheet: 'Data 2024', address: 'D4:D5', values: [[5], [true]] });
    expect(n.table).toBeUndefined();
  });

  it('never reads whole columns: "A:F" is cut to the used range', async () => {
    const { port, fake } = setup([grid]);
    const r = await port.read({ kind: 'sheet', sheet: 'Data 2024', address: 'A:F' });
    expect(r.address).toBe('B3:D5');
    expect(r.values).toHaveLength(3);
    expect(fake.stats.maxResponseBytes).toBeLessThan(2_000);
  });

  it('reads 69,659 CDNOW orders in chunks that fit a 256 KB limit, one sync each', async () => {
    const rows = cdnow();
    expect(rows).toHaveLength(69_660);
    const limit = 256 * 1024;
    const { port, fake } = setup([{ name: 'CDNOW', rows }], {}, { payloadLimit: limit }, limit);
    const progress: number[] = [];
    const r = await port.read({ kind: 'sheet', sheet: 'CDNOW' }, { onProgress: (p) => progress.push(p.done) });
    expect(r.values).toEqual(rows);
    expect(r.values[1][0]).toBe('00001');
    expect(fake.stats.failedSyncs).toBe(0);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(limit);
    const minimum = Math.ceil(fake.stats.responseBytes / limit);
    expect(fake.stats.syncs).toBeGreaterThanOrEqual(minimum);
    expect(fake.stats.syncs).toBeLessThanOrEqual(Math.ceil(minimum / 0.85) + 2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(rows.length);
  });

  it('halves a chunk that Excel still finds too large', async () => {
    const rows = cdnow().slice(0, 20_000);
    // The adapter believes in 5 MB; this Excel allows 100 KB.
    const { port, fake } = setup([{ name: 'CDNOW', rows }], {}, { payloadLimit: 100 * 1024 });
    const r = await port.read({ kind: 'sheet', sheet: 'CDNOW' });
    expect(r.values).toEqual(rows);
    expect(fake.stats.failedSyncs).toBeGreaterThan(0);
    expect(fake.stats.log.filter((l) => l.failed).every((l) => l.failed === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(maxResponse(fake)).toBeLessThanOrEqual(100 * 1024);
  });

  it('stops between chunks when cancelled', async () => {
    const limit = 64 * 1024;
    const { port, fake } = setup([{ name: 'CDNOW', rows: cdnow() }], {}, { payloadLimit: limit }, limit);
    const abort = new AbortController();
    const err = await port.read({ kind: 'sheet', sheet: 'CDNOW' }, { signal: abort.signal, onProgress: (p) => p.done > 1000 && abort.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(fake.stats.syncs).toBeLessThan(10);
  });
});

describe('write', () => {
  const tricky: CellValue[] = ["=cmd|' /C calc'!A0", '+1', '-2', '@x', '00123', '2024-03-05', 'TRUE', "'quoted", '=1+1', '50%', '1e3', ' 42'];

  it('writes strings as text and numbers as numbers', async () => {
    const { port, fake } = setup([{ name: 'S', rows: [['old', 'old', 'old']] }]);
    await port.write([
      { op: 'values', sheet: 'S', row: 0, col: 0, values: [tricky] },
      { op: 'values', sheet: 'S', row: 1, col: 0, values: [[1, -2.5, true, false, 0, NaN, null, '']] },
    ]);
    const s = snapshotWorkbook(fake.workbook).sheets[0];
    expect(s.formulas).toEqual({});
    expect(s.values[0]).toEqual(tricky);
    expect(s.values[1]).toEqual([1, -2.5, true, false, 0, null, null, null, null, null, null, null]);
    const back = await port.read({ kind: 'sheet', sheet: 'S' });
    expect(back.values[0]).toEqual(tricky);
  });

  it('null empties a cell; clean text (the plan cleans it) is held whole, up to Excel’s 32,767 characters', async () => {
    const { port, fake } = setup([{ name: 'S', rows: [['keep me?', 'x']] }]);
    await port.write(cleanOps([{ op: 'values', sheet: 'S', row: 0, col: 0, values: [[null, 'a\u0000b\u0007c\td'], ['y'.repeat(40_000)]] }]));
    const v = valuesOf(fake.workbook, 'S');
    expect(v[0]).toEqual([null, 'abc\td']);
    expect((v[1][0] as string).length).toBe(32_767);
  });

  it('keeps real data exactly: rfm orders with ISO dates and CDNOW zero-padded ids', async () => {
    const orders = rfmOrders();
    const ids = cdnow().slice(0, 5000);
    const limit = 128 * 1024;
    const { port, fake } = setup([{ name: 'Start', rows: [] }], {}, { payloadLimit: limit }, limit);
    await port.write([
      { op: 'addSheet', name: 'rfm' },
      { op: 'values', sheet: 'rfm', row: 0, col: 0, values: orders },
      { op: 'addSheet', name: 'cdnow' },
      { op: 'values', sheet: 'cdnow', row: 0, col: 0, values: ids },
    ]);
    expect(valuesOf(fake.workbook, 'rfm')).toEqual(orders);
    expect(valuesOf(fake.workbook, 'cdnow')).toEqual(ids);
    expect(fake.stats.failedSyncs).toBe(0);
    expect(fake.stats.maxRequestBytes).toBeLessThanOrEqual(limit);
    const minimum = Math.ceil(fake.stats.requestBytes / limit);
    expect(fake.stats.syncs).toBeLessThanOrEqual(Math.ceil(minimum / 0.85) + 1);
    // Calculation and screen updating are off in every request that writes (the check before
    // writing only reads).
    expect(writing(fake).every((l) => l.calculationSuspended && l.screenUpdatingSuspended)).toBe(true);
  });

  it('splits a request Excel rejects as too large, and applies it once', async () => {
    const orders = rfmOrders();
    const { port, fake } = setup([{ name: 'S', rows: [] }], {}, { payloadLimit: 64 * 1024 });
    await port.write([{ op: 'values', sheet: 'S', row: 0, col: 0, values: orders }]);
    expect(valuesOf(fake.workbook, 'S')).toEqual(orders);
    expect(fake.stats.failedSyncs).toBeGreaterThan(0);
    expect(maxRequest(fake)).toBeLessThanOrEqual(64 * 1024);
  });

  it('reports progress and stops between chunks when cancelled', async () => {
    const orders = rfmOrders();
    const limit = 32 * 1024;
    const { port, fake } = setup([{ name: 'S', rows: [] }], {}, { payloadLimit: limit }, limit);
    const abort = new AbortController();
    const seen: number[] = [];
    const err = await port
      .write([{ op: 'values', sheet: 'S', row: 0, col: 0, values: orders }], {
        signal: abort.signal,
        onProgress: (p) => {
          seen.push(p.done);
          expect(p.total).toBe(orders.length);
          if (seen.length === 2) abort.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(writing(fake)).toHaveLength(2);
    const written = valuesOf(fake.workbook, 'S');
    expect(written.length).toBe(seen[1]);
  });

  it('formats a block with one command, whatever its size', async () => {
    const { port, fake } = setup([{ name: 'S', rows: [] }]);
    await port.write([{ op: 'format', sheet: 'S', row: 1, col: 0, rows: 50_000, cols: 12, fill: '#FFEEAA', bold: true, fontColor: '#112233' }]);
    expect(writing(fake)).toHaveLength(1);
    expect(fake.stats.requestBytes).toBeLessThan(3_000);
    const sheet = fake.workbook.sheets[0];
    const block = { r0: 1, c0: 0, r1: 50_000, c1: 11 };
    expect(sheet.fill).toEqual([{ rect: block, value: '#FFEEAA' }]);
    expect(sheet.fontColor).toEqual([{ rect: block, value: '#112233' }]);
    expect(sheet.bold).toEqual([{ rect: block, value: true }]);
  });

  it('carries out sheet, table, chart, link and format ops', async () => {
    const body = Array.from({ length: 1000 }, (_, i) => [`C${i}`, i * 10]);
    const { port, fake } = setup([{ name: 'Customers', rows: [['id', 'revenue'], ...body] }], { tables: [{ name: 'CustTable', sheet: 'Customers', address: 'A1:B1001' }] }, {}, 16 * 1024);
    const ops: WriteOp[] = [
      { op: 'addTableColumns', table: 'CustTable', headers: ['ABC', 'RFM'], values: body.map((_, i) => [i < 200 ? 'A' : 'C', `=${i}`]) },
      { op: 'addSheet', name: '汇总 Summary', tabColor: '#1F4E79' },
      { op: 'values', sheet: '汇总 Summary', row: 0, col: 0, values: [['tier', 'customers'], ['A', 200], ['C', 800]] },
      { op: 'format', sheet: '汇总 Summary', row: 1, col: 1, rows: 2, cols: 1, numberFormat: '#,##0' },
      { op: 'columnWidth', sheet: '汇总 Summary', col: 0, cols: 2, width: 18 },
      { op: 'freeze', sheet: '汇总 Summary', rows: 1, cols: 0 },
      { op: 'addTable', sheet: '汇总 Summary', row: 0, col: 0, rows: 3, cols: 2, name: 'TierTable', style: 'TableStyleLight9' },
      { op: 'colorScale', sheet: '汇总 Summary', row: 1, col: 1, rows: 2, cols: 1, low: '#FFFFFF', mid: '#FFEB84', midPercentile: 50, high: '#63BE7B' },
      { op: 'colorScale', sheet: '汇总 Summary', row: 1, col: 1, rows: 2, cols: 1, low: '#FFFFFF', mid: '#FFEB84', midPercentile: 50, high: '#F8696B' },
      { op: 'link', sheet: '汇总 Summary', row: 5, col: 0, text: 'Issues →', targetSheet: "Bob's issues", targetCell: 'A1' },
      {
        op: 'addChart',
        sheet: '汇总 Summary',
        chart: {
          name: 'ct_pareto',
          type: 'pareto',
          title: 'ABC Pareto',
          categories: { sheet: '汇总 Summary', row: 1, col: 0, rows: 2 },
          series: [
            { name: 'Customers', sheet: '汇总 Summary', row: 1, col: 1, rows: 2 },
            { name: 'Cumulative', sheet: '汇总 Summary', row: 1, col: 1, rows: 2, kind: 'line', axis: 'secondary' },
          ],
          anchor: { row: 0, col: 4, rows: 15, cols: 8 },
        },
      },
    ];
    const progress: [number, number][] = [];
    await port.write(ops, { onProgress: (p) => progress.push([p.done, p.total]) });
    expect(progress.at(-1)).toEqual([1013, 1013]); // 1,000 rows + 1 for the new columns, 3 value rows, 9 other ops
    expect(progress.every(([d], i) => i === 0 || d >= progress[i - 1][0])).toBe(true);
    const snap = snapshotWorkbook(fake.workbook);
    const cust = snap.tables.find((t) => t.name === 'CustTable')!;
    expect(cust).toMatchObject({ address: 'A1:D1001', headers: ['id', 'revenue', 'ABC', 'RFM'] });
    const cv = valuesOf(fake.workbook, 'Customers');
    expect(cv[1]).toEqual(['C0', 0, 'A', '=0']);
    expect(cv[1000]).toEqual(['C999', 9990, 'C', '=999']);
    const sum = snap.sheets.find((s) => s.name === '汇总 Summary')!;
    expect(sum.tabColor).toBe('#1F4E79');
    expect(sum.values.slice(0, 3)).toEqual([['tier', 'customers'], ['A', 200], ['C', 800]]);
    expect(sum.formats.B2).toBe('#,##0|||');
    expect(sum.columnWidths).toEqual({ '0': 98.25, '1': 98.25 });
    expect(sum.freeze).toEqual({ rows: 1, cols: 0 });
    expect(snap.tables.find((t) => t.name === 'TierTable')).toMatchObject({ address: 'A1:B3', style: 'TableStyleLight9' });
    expect(sum.conditionalFormats).toHaveLength(1);
    expect(sum.conditionalFormats[0]).toMatchObject({
      type: 'ColorScale',
      address: 'B2:B3',
      criteria: { minimum: { type: 'LowestValue' }, midpoint: { type: 'Percentile', formula: '50', color: '#FFEB84' }, maximum: { color: '#F8696B' } },
    });
    expect(sum.hyperlinks).toEqual({ A6: "'Bob''s issues'!A1" });
    expect(sum.values[5][0]).toBe('Issues →');
    expect(sum.charts).toEqual([
      {
        name: 'ct_pareto',
        type: 'ColumnClustered',
        title: 'ABC Pareto',
        position: 'E1:L15',
        series: [
          { name: 'Customers', values: '汇总 Summary!B2:B3', x: '汇总 Summary!A2:A3', type: undefined, axis: undefined },
          { name: 'Cumulative', values: '汇总 Summary!B2:B3', x: '汇总 Summary!A2:A3', type: 'Line', axis: 'Secondary' },
        ],
      },
    ]);
    expect(await port.listCharts('汇总 Summary')).toEqual(['ct_pareto']);
    expect(await port.listTables()).toEqual([
      { name: 'CustTable', sheet: 'Customers', address: 'A1:D1001', headers: ['id', 'revenue', 'ABC', 'RFM'] },
      { name: 'TierTable', sheet: '汇总 Summary', address: 'A1:B3', headers: ['tier', 'customers'] },
    ]);

    // Removing: missing tables and charts are skipped, the rest goes.
    const removal: number[] = [];
    await port.write(
      [
      { op: 'deleteChart', sheet: '汇总 Summary', name: 'ct_pareto' },
      { op: 'deleteChart', sheet: '汇总 Summary', name: 'never made' },
      { op: 'deleteChart', sheet: 'No such sheet', name: 'x' },
      { op: 'deleteTableColumns', table: 'CustTable', headers: ['ABC', 'RFM', 'gone'] },
      { op: 'deleteTable', name: 'NoTable' },
      { op: 'deleteTable', name: 'TierTable' },
      { op: 'deleteSheet', name: '汇总 Summary' },
      ],
      { onProgress: (p) => removal.push(p.done) },
    );
    expect(removal.at(-1)).toBe(7);
    const after = snapshotWorkbook(fake.workbook);
    expect(after.sheets.map((s) => s.name)).toEqual(['Customers']);
    expect(after.tables).toEqual([{ name: 'CustTable', sheet: 'Customers', address: 'A1:B1001', headers: ['id', 'revenue'], style: 'TableStyleMedium2' }]);
    expect(valuesOf(fake.workbook, 'Customers')).toEqual([['id', 'revenue'], ...body]);
  });

  it('stops at an op Excel rejects, with a described error', async () => {
    const { port } = setup([{ name: 'S', rows: [] }]);
    const err = await port.write([{ op: 'addSheet', name: 's' }]).catch((e: unknown) => e);
    expect((err as { code: string }).code).toBe('ItemAlreadyExists');
    expect(describeOfficeError(err, 'en-US')).toMatch(/already has/);
  });

  it('refuses a sheet name Excel would refuse before sending it, after writing the ops before it', async () => {
    const { port, fake } = setup([{ name: 'S', rows: [] }]);
    const err = await port.write([{ op: 'values', sheet: 'S', row: 0, col: 0, values: [['before']] }, { op: 'addSheet', name: 'History' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'sheetNameInvalid', params: { sheet: 'History' } });
    expect(valuesOf(fake.workbook, 'S')).toEqual([['before']]);
  });
});

describe('settings, sheets, selection', () => {
  it('stores, replaces and deletes settings', async () => {
    const { port, fake } = setup([{ name: 'S', rows: [] }]);
    expect(await port.getSetting('ct.config')).toBeNull();
    await port.setSetting('ct.config', '{"version":1}');
    await port.setSetting('ct.config', '{"version":2}');
    expect(await port.getSetting('ct.config')).toBe('{"version":2}');
    await port.setSetting('ct.config', null);
    await port.setSetting('never.set', null);
    expect(await port.getSetting('ct.config')).toBeNull();
    expect(fake.workbook.settings.size).toBe(0);
  });

  it('lists sheets with visibility, and reads and moves the selection', async () => {
    const { port } = setup([
      { name: 'A', rows: [[1]] },
      { name: 'B', rows: [], visibility: 'Hidden' },
    ]);
    expect(await port.listSheets()).toEqual([
      { name: 'A', visible: true },
      { name: 'B', visible: false },
    ]);
    expect(await port.getSelection()).toEqual({ sheet: 'A', address: 'A1' });
    await port.select('B', 'C3:D4');
    expect(await port.getSelection()).toEqual({ sheet: 'B', address: 'C3:D4' });
  });
});
