// Office adapter on the strict fake at Excel's limits: a full sheet of orders read, 100,000
// customers × 12 columns written. Reports syncs against the fewest the 5 MB limit allows
// (total bytes / 5 MB) and the time taken; the baseline is one sync per 10,000 rows, a
// fixed chunk size often seen in add-ins, measured in the same run.
import { createFakeExcel, MAX_ROWS, PAYLOAD_LIMIT, workbookFromGrids, type FakeStats, type GridValue } from '../test/support/fake-excel';
import { OfficePort, type ExcelRun } from '../src/workbook/office';
import type { CellValue } from '../src/workbook/port';
import { rng } from '../src/cli/random';

function ordersGrid(n: number): GridValue[][] {
  const next = rng(3);
  const rows: GridValue[][] = [['order_id', 'customer', 'order_date', 'amount', 'region']];
  const regions = ['华东', '华南', '华北', '西南', 'East'];
  for (let i = 1; i <= n; i++)
    rows.push([i, `C${String(Math.floor(next() * 100_000)).padStart(6, '0')}`, 44_927 + Math.floor(next() * 730), Math.round(next() * 100_000) / 100, regions[i % 5]]);
  return rows;
}

function customers(n: number): CellValue[][] {
  const next = rng(5);
  const out: CellValue[][] = [['customer', 'name', 'region', 'first', 'last', 'orders', 'revenue', 'abc', 'rfm', 'segment', 'activity', 'clv']];
  for (let i = 0; i < n; i++)
    out.push([
      `C${String(i).padStart(6, '0')}`,
      `客户${i} Co., Ltd.`,
      ['华东', '华南', '华北'][i % 3],
      44_927 + (i % 365),
      45_292 + (i % 300),
      1 + Math.floor(next() * 40),
      Math.round(next() * 1e7) / 100,
      ['A', 'B', 'C'][i % 3],
      '345',
      'Champions',
      'active',
      Math.round(next() * 1e6) / 100,
    ]);
  return out;
}

const summary = (s: FakeStats) => ({
  syncs: s.syncs,
  failedSyncs: s.failedSyncs,
  mb: Math.round(((s.requestBytes + s.responseBytes) / 1e6) * 10) / 10,
  largestMb: Math.round((Math.max(s.maxRequestBytes, s.maxResponseBytes) / 1e6) * 100) / 100,
  minimumSyncs: Math.ceil((s.requestBytes + s.responseBytes) / PAYLOAD_LIMIT),
});

/** The baseline: fixed 10,000-row chunks, one sync each. */
async function fixedChunkRead(fake: ReturnType<typeof createFakeExcel>, rows: number, cols: number): Promise<void> {
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Orders');
    for (let r = 0; r < rows; r += 10_000) {
      ws.getRangeByIndexes(r, 0, Math.min(10_000, rows - r), cols).load('values');
      await ctx.sync();
    }
  });
}

/** Wall and CPU (user + system, this process: the adapter and the fake host together) of one step. */
async function measured(step: () => Promise<unknown>): Promise<{ ms: number; cpu_ms: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await step();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms: Math.round(ms), cpu_ms: Math.round((c.user + c.system) / 1000) };
}

export async function bench(): Promise<Record<string, unknown>> {
  const grid = ordersGrid(MAX_ROWS - 1);
  const fake = createFakeExcel(workbookFromGrids([{ name: 'Orders', rows: grid }]));
  const port = new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
  const readTime = await measured(() => port.read({ kind: 'sheet', sheet: 'Orders' }));
  const read = summary(fake.stats);

  fake.resetStats();
  const baselineTime = await measured(() => fixedChunkRead(fake, MAX_ROWS, 5));
  const baseline = summary(fake.stats);

  const out = createFakeExcel(workbookFromGrids([{ name: 'Start', rows: [] }]));
  const writer = new OfficePort({ run: out.run as unknown as ExcelRun, isSetSupported: out.isSetSupported });
  const values = customers(100_000);
  const writeTime = await measured(() =>
    writer.write([
      { op: 'addSheet', name: 'Customers' },
      { op: 'values', sheet: 'Customers', row: 0, col: 0, values },
    ]),
  );
  const write = summary(out.stats);

  const result = {
    cpu_note: 'CPU is this process: the adapter and the strict fake host, which serialises every request and response to meter it (in a profile the meter is most of it; the adapter’s own reading and sizing ~0.2 s)',
    read: { ...read, ...readTime, syncsOverMinimum: Math.round((read.syncs / read.minimumSyncs) * 100) / 100 },
    // The same fake host read in fixed chunks with no adapter: read CPU minus this is the adapter's own.
    readBaselineFixed10k: { ...baseline, ...baselineTime },
    readSyncsVsBaseline: Math.round((read.syncs / baseline.syncs) * 1000) / 1000,
    write: { ...write, ...writeTime, syncsOverMinimum: Math.round((write.syncs / write.minimumSyncs) * 100) / 100 },
  };
  console.log(
    `office: read 1,048,575 orders in ${read.syncs} syncs (minimum ${read.minimumSyncs}; fixed 10k-row chunks: ${baseline.syncs}, ${baselineTime.cpu_ms} ms CPU) ${readTime.ms} ms, ${readTime.cpu_ms} ms CPU; ` +
      `wrote 100,000×12 in ${write.syncs} syncs (minimum ${write.minimumSyncs}) ${writeTime.ms} ms, ${writeTime.cpu_ms} ms CPU; largest request ${Math.max(read.largestMb, write.largestMb)} MB`,
  );
  return result;
}
