// Bundled for the browser and served in place of office.js: installs the strict fake Excel
// with a deterministic demo workbook. Query parameters of the page choose the variant:
//   lang=zh-CN|en-US  theme=light|dark  customers=N  orders=N
import { installFakeOffice, snapshotWorkbook, valuesOf, workbookFromGrids, findSheet } from '../support/fake-excel';
import { demoWorkbook } from './demo-data';
import { factsHeadings } from '../../src/engine/factsTable';

const q = new URLSearchParams(window.location.search);
const customers = Number(q.get('customers') ?? 600);
const orders = Number(q.get('orders') ?? 8000);
const demo = demoWorkbook(customers, orders);
// facts=1: a customer facts table as `customer-tiers facts` writes it, and a copy with an edited cell.
const FACT_ROWS = [
  ['c1', '2024-06-30', 'net', 90, 3, 1, 0, 3, 90, null, '2024-01-01', '2024-06-01', 3, 1, 100, 3, '2024-01-01', '2024-06-01', 60],
  ['c2', '2024-06-30', 'net', 90, 1, 0, 2, 1, 50.25, null, '2024-05-01', '2024-05-01', 1, 1, null, 1, '2024-05-01', '2024-05-01', 0],
  ['c3', '2024-06-30', 'net', 90, 6, 0, 0, 5, 412.5, null, '2023-11-20', '2024-06-28', 6, 3, 60, 6, '2023-11-20', '2024-06-28', 380],
];
const factsSheets =
  q.get('facts') === '1'
    ? [
        { name: 'Facts', rows: [factsHeadings('en-US'), ...FACT_ROWS] },
        { name: 'Facts edited', rows: [factsHeadings('zh-CN'), ...FACT_ROWS.map((r, i) => (i === 1 ? r.map((v, j) => (j === 7 ? 'one' : v)) : r))] },
      ]
    : [];
const wb = workbookFromGrids([{ name: 'Customers', rows: demo.customers }, { name: 'Orders', rows: demo.orders }, ...factsSheets]);
// The user has selected the customer list (headers included) before opening the pane.
const cust = findSheet(wb, 'Customers')!;
wb.activeSheet = cust.id;
wb.selection = { sheet: cust.id, rect: { r0: 0, c0: 0, r1: demo.customers.length - 1, c1: demo.customers[0].length - 1 } };

// preset=1: the workbook already holds a saved config (as after a teammate's first write).
if (q.get('preset') === '1') {
  wb.settings.set(
    'customerTiers.config',
    JSON.stringify({
      version: 1,
      locale: q.get('lang') ?? 'en-US',
      sources: { customers: { kind: 'sheet', sheet: 'Customers' }, orders: { kind: 'sheet', sheet: 'Orders' } },
      columns: { orders: { amount: '实收金额' } },
      methods: { abc: {}, rfm: {} },
    }),
  );
}

const dark = q.get('theme') === 'dark';
const fake = installFakeOffice(window, wb, {
  language: q.get('lang') ?? 'en-US',
  officeTheme: dark
    ? { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#333333', controlForegroundColor: '#FFFFFF' }
    : undefined,
});

// Real Excel answers each context.sync() over IPC, so the page's event loop turns between
// requests; the in-memory fake resolves in microtasks. A macrotask before each sync restores
// that boundary, and the time the fake itself spends per sync (payload metering, copying cells:
// work Excel's own process does) is recorded so the responsiveness figures can separate it.
const syncMs: { start: number; ms: number }[] = [];
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const macrotask = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
const g = window as unknown as { Excel: { run: (batch: (ctx: { sync(): Promise<void> }) => Promise<unknown>) => Promise<unknown> } };
const run = g.Excel.run;
g.Excel.run = (batch) =>
  run(async (ctx) => {
    const sync = ctx.sync.bind(ctx);
    ctx.sync = async () => {
      await macrotask();
      const t0 = performance.now();
      try {
        await sync();
      } finally {
        syncMs.push({ start: t0, ms: performance.now() - t0 });
      }
    };
    return batch(ctx);
  });

/** What the end-to-end script asserts on. */
(window as unknown as Record<string, unknown>).__e2e = {
  fake,
  demo,
  sheetNames: () => fake.workbook.sheets.filter((s) => !s.deleted).map((s) => s.name),
  values: (sheet: string) => valuesOf(fake.workbook, sheet),
  settings: () => Object.fromEntries(fake.workbook.settings),
  snapshot: () => JSON.stringify(snapshotWorkbook(fake.workbook)),
  tables: () => fake.workbook.tables.map((t) => t.name),
  stats: () => fake.stats,
  syncMs: () => syncMs.splice(0),
};
