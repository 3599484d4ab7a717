// One contract for every WorkbookPort adapter: xlsx (ExcelJS) runs it in
// test/workbook/xlsx/contract.test.ts, office (over the strict fake Excel) in its own folder.
// makePort builds a workbook from fixtureSheets(fixture) and returns the port plus a
// snapshot() of the whole workbook and its formats() (for xlsx: after a save and reload).
import { demoConfig, generateDemo } from '../../src/cli/demoData';
import type { TieringConfig } from '../../src/config';
import type { CellValue, WorkbookPort, WriteOp } from '../../src/workbook/port';
import { refreshWorkbook, removeResults } from '../../src/workbook/run';
import { CONFIG_KEY, REGISTRY_KEY, saveConfig } from '../../src/workbook/state';
import { isValidSheetName } from '../../src/output/sheetNames';
import { cleanOps } from '../../src/output/cells';
import { BLOCK_MAX_WIDTH, cellWidth, displayWidth } from '../../src/output/widths';
import { readHistory } from '../../src/engine/history';
import { WorkbookError } from '../../src/workbook/errors';
import { formatsFromOps, type FormatView } from './formats';

export type FixtureName = 'demo-small' | 'orders-only' | 'clash' | 'plain-customers' | 'totals-row' | 'sized-table' | 'sized-plain';

export interface FixtureSheet {
  name: string;
  /** Header row first; dates as 1900-system serial numbers. */
  values: CellValue[][];
  /** When set, the whole range is an Excel table of that name. */
  table?: string;
  /** The table's totals row (Table Design › Total Row), below the values. */
  totals?: CellValue[];
  /** Column widths the user set, in characters, from column A. */
  widths?: number[];
}

/** The widths the user gave the customer columns of the sized-* fixtures (A:E) and the empty column F. */
export const USER_WIDTHS = [11, 30, 7, 9.5, 13, 6.5];

/** Names that must stay text everywhere they are written. */
export const FORMULA_LIKE = ["=cmd|' /C calc'!A0", '+1', '-2', '@x'];

const serial = (d: Date) => d.getTime() / 86_400_000 + 25569;

/** The workbook each fixture starts from (adapters build it with their own API). */
export function fixtureSheets(name: FixtureName): FixtureSheet[] {
  const data = generateDemo({ customers: 150, seed: 7 });
  data.customers.slice(0, FORMULA_LIKE.length).forEach((c, i) => (c.name = FORMULA_LIKE[i]));
  const customers: CellValue[][] = [['客户ID', '客户名称', '地区', '行业', '规模'], ...data.customers.map((c) => [c.id, c.name, c.region, c.industry, c.size])];
  const orders: CellValue[][] = data.orders.map((r) => r.map((v) => (v instanceof Date ? serial(v) : v)));
  const sheets: FixtureSheet[] = [{ name: '订单', values: orders }];
  const widths = name.startsWith('sized-') ? { widths: USER_WIDTHS } : {};
  if (name === 'plain-customers' || name === 'sized-plain') sheets.unshift({ name: '客户', values: customers, ...widths });
  else if (name !== 'orders-only') sheets.unshift({ name: '客户', values: customers, table: '客户表', ...widths });
  if (name === 'totals-row') sheets[0].totals = ['合计', null, null, null, null];
  if (name === 'clash') {
    // User sheets whose names are the ones the add-in would pick.
    sheets.push({ name: '分级汇总', values: [['我的笔记'], ['不要覆盖']] });
    sheets.push({ name: 'abc-a类客户', values: [['用户自己的表'], [42]] });
  }
  return sheets;
}

export function fixtureConfig(name: FixtureName): TieringConfig {
  const config = demoConfig('zh-CN');
  if (name === 'orders-only') return { ...config, sources: { orders: config.sources.orders } };
  if (name === 'plain-customers' || name === 'sized-plain') return { ...config, sources: { ...config.sources, customers: { kind: 'sheet', sheet: '客户' } } };
  return config;
}

export interface WorkbookSnapshot {
  sheets: { name: string; visible: boolean; values: CellValue[][] }[];
  tables: { name: string; sheet: string; address: string; headers: string[] }[];
  charts: Record<string, string[]>;
  settings: Record<string, string | null>;
}

/** The whole workbook as the port sees it: every sheet's values, tables, charts, our settings. */
export async function portSnapshot(port: WorkbookPort): Promise<WorkbookSnapshot> {
  const sheets = [];
  const charts: Record<string, string[]> = {};
  for (const s of await port.listSheets()) {
    const r = await port.read({ kind: 'sheet', sheet: s.name });
    sheets.push({ name: s.name, visible: s.visible, values: r.values.map((row) => row.map((v) => (v === null ? '' : v))) });
    const c = await port.listCharts(s.name);
    if (c.length) charts[s.name] = [...c].sort();
  }
  const tables = (await port.listTables()).sort((a, b) => a.name.localeCompare(b.name));
  const settings = { [CONFIG_KEY]: await port.getSetting(CONFIG_KEY), [REGISTRY_KEY]: await port.getSetting(REGISTRY_KEY) };
  return { sheets, tables, charts, settings };
}

/** Wraps a port to record the ops it is given. */
function recording(port: WorkbookPort): { port: WorkbookPort; ops: WriteOp[] } {
  const ops: WriteOp[] = [];
  const wrapped: WorkbookPort = Object.create(port) as WorkbookPort;
  wrapped.write = async (o, opts) => {
    ops.push(...o);
    return port.write(o, opts);
  };
  return { port: wrapped, ops };
}

const norm = (v: CellValue | undefined) => (v === null || v === undefined ? '' : typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v);

export type MakePort = (fixture: FixtureName) => Promise<{ port: WorkbookPort; snapshot(): Promise<unknown>; formats(): Promise<FormatView> }>;

export function describeContract(name: string, makePort: MakePort): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    it('holds what the plan says: every value block, table, table column and chart', async () => {
      const { port } = await makePort('demo-small');
      const rec = recording(port);
      const report = await refreshWorkbook(rec.port, { config: fixtureConfig('demo-small') });
      expect(rec.ops.length).toBeGreaterThan(50);
      const sheets = (await port.listSheets()).map((s) => s.name);
      const tables = await port.listTables();
      for (const op of rec.ops) {
        if (op.op === 'values') {
          const rows = op.values.length;
          const cols = Math.max(...op.values.map((r) => r.length));
          const r = await port.read({ kind: 'sheet', sheet: op.sheet, address: `${addr(op.row, op.col)}:${addr(op.row + rows - 1, op.col + cols - 1)}` });
          op.values.forEach((line, i) => line.forEach((v, j) => expect([op.sheet, op.row + i, op.col + j, norm(r.values[i][j])]).toEqual([op.sheet, op.row + i, op.col + j, norm(v)])));
        } else if (op.op === 'addSheet') {
          expect(sheets).toContain(op.name);
          expect(isValidSheetName(op.name)).toBe(true);
        } else if (op.op === 'addTable') {
          const tb = tables.find((x) => x.name === op.name);
          expect(tb?.sheet).toBe(op.sheet);
          expect(tb?.address).toBe(`${addr(op.row, op.col)}:${addr(op.row + op.rows - 1, op.col + op.cols - 1)}`);
        } else if (op.op === 'addTableColumns') {
          const tb = tables.find((x) => x.name === op.table)!;
          expect(tb.headers.slice(-op.headers.length)).toEqual(op.headers);
          const r = await port.read({ kind: 'table', table: op.table });
          const w = r.values[0].length;
          op.values.forEach((line, i) => expect(r.values[i + 1].slice(w - op.headers.length).map(norm)).toEqual(line.map(norm)));
        } else if (op.op === 'addChart') {
          expect(await port.listCharts(op.sheet)).toContain(op.chart.name);
        }
      }
      // Pareto, segments, revenue per class; channels and weekdays of the preferences section
      expect(report.charts).toBe(5);
      expect(Object.keys(report.sheets)).toEqual(expect.arrayContaining(['summary', 'history', 'group:abc:A', 'group:rfm_segment:Champions']));
    });

    it('holds the formats the plan asks for: fills, fonts, number formats, widths, panes, colour scales, links, tab colours, table styles', async () => {
      const { port, formats } = await makePort('demo-small');
      const rec = recording(port);
      await refreshWorkbook(rec.port, { config: fixtureConfig('demo-small') });
      const want = formatsFromOps(rec.ops);
      const have = await formats();
      // Every sheet: the ones the ops format hold exactly that, the user's hold none.
      for (const name of Object.keys(have.sheets)) want.sheets[name] ??= { tabColor: '', cells: {}, columnWidths: {}, freeze: { rows: 0, cols: 0 }, colorScales: [], links: {}, hiddenRows: [] };
      // The history sheet's keys are in hidden rows (a key row per table and the legend).
      expect(Object.values(want.sheets).some((x) => x.hiddenRows.length > 2)).toBe(true);
      expect(Object.keys(have.sheets).sort()).toEqual(Object.keys(want.sheets).sort());
      for (const name of Object.keys(want.sheets)) expect([name, have.sheets[name]]).toEqual([name, want.sheets[name]]);
      expect(have.tables).toEqual({ ...want.tables, 客户表: 'TableStyleMedium2' });
      // The plan's choices are all in the ops: three-colour scales (the RFM grid, the category heat
      // map of the preferences section), links that look like links.
      expect(rec.ops.filter((o) => o.op === 'colorScale')).toEqual([
        expect.objectContaining({ low: '#F8696B', mid: '#FFEB84', midPercentile: 50, high: '#63BE7B' }),
        expect.objectContaining({ low: '#FFFFFF', mid: '#C6EFCE', midPercentile: 50, high: '#63BE7B' }),
      ]);
      expect(Object.values(want.sheets).flatMap((x) => Object.keys(x.links))).toHaveLength(1);
    });

    it('is given text that is already clean, and holds it as given', async () => {
      const { port } = await makePort('orders-only');
      const rec = recording(port);
      await refreshWorkbook(rec.port, { config: fixtureConfig('orders-only') });
      // Text clean-up is the plan's (src/output/cells.ts): the ops reach the adapter clean.
      expect(cleanOps(rec.ops)).toEqual(rec.ops);
      const long = 'x'.repeat(32_766) + '😀';
      const ops = cleanOps([{ op: 'values', sheet: '订单', row: 0, col: 10, values: [[long], ['😀'.repeat(20_000)], ['a\u0000b\u0007c\td'], ['y'.repeat(40_000)]] }]);
      await port.write(ops);
      const back = (await port.read({ kind: 'sheet', sheet: '订单', address: 'K1:K4' })).values.map((r) => r[0]);
      // Cut to Excel's 32,767 characters, never through a surrogate pair.
      expect(back).toEqual([long.slice(0, 32_766), '😀'.repeat(16_383), 'abc\td', 'y'.repeat(32_767)]);
    });

    it('replaces a colour scale rather than stacking one on another', async () => {
      const { port, formats } = await makePort('orders-only');
      const scale = { op: 'colorScale', sheet: '订单', row: 1, col: 3, rows: 20, cols: 1, low: '#FFFFFF', mid: '#FFEB84', midPercentile: 50 } as const;
      await port.write([{ ...scale, high: '#63BE7B' }, { ...scale, high: '#F8696B' }]);
      expect((await formats()).sheets['订单'].colorScales).toEqual([{ address: 'D2:D21', low: '#FFFFFF', mid: '#FFEB84', midPercentile: 50, high: '#F8696B' }]);
    });

    it('reports a missing sheet or table, a bad address and a bad sheet name with the same codes', async () => {
      const { port } = await makePort('demo-small');
      const code = (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => (e instanceof WorkbookError ? e.code : `not coded: ${String(e)}`));
      expect(await code(port.read({ kind: 'sheet', sheet: 'Nope' }))).toBe('sheetNotFound');
      expect(await code(port.read({ kind: 'table', table: 'NoTable' }))).toBe('tableNotFound');
      expect(await code(port.listCharts('Nope'))).toBe('sheetNotFound');
      expect(await code(port.read({ kind: 'sheet', sheet: '订单', address: 'A1:ZZZZ9' }))).toBe('addressInvalid');
      expect(await code(port.write([{ op: 'addSheet', name: 'a/b' }]))).toBe('sheetNameInvalid');
      expect(await code(port.write([{ op: 'addSheet', name: 'History' }]))).toBe('sheetNameInvalid');
      expect((await port.read({ kind: 'sheet', sheet: '订单', address: 'A1:B2' })).sheet).toBe('订单');
      const ord = await port.read({ kind: 'sheet', sheet: '订单', address: 'B:C' });
      expect([ord.row, ord.col, ord.values[0].length, ord.address.startsWith('B1:C')]).toEqual([0, 1, 2, true]);
      expect((await port.read({ kind: 'sheet', sheet: '订单', address: 'A1' })).address).toBe('A1');
      expect((await port.read({ kind: 'sheet', sheet: '订单', address: 'Z900:Z901' })).values).toEqual([]);
    });

    it('refreshes idempotently: running twice leaves the same workbook', async () => {
      const { port, snapshot } = await makePort('demo-small');
      await refreshWorkbook(port, { config: fixtureConfig('demo-small') });
      const first = await snapshot();
      const again = await refreshWorkbook(port, {});
      expect(again.problems).toEqual([]);
      expect(await snapshot()).toEqual(first);
    });

    it('remove leaves the workbook as it was before the first run, and the source is never written', async () => {
      const { port, snapshot } = await makePort('demo-small');
      await saveConfig(port, fixtureConfig('demo-small'));
      const before = (await snapshot()) as WorkbookSnapshot;
      const sourceBefore = await portSnapshot(port);
      await refreshWorkbook(port, { analysisDate: '2024-06-30' });
      await refreshWorkbook(port, {});
      // The source ranges hold the same values (the tier columns sit beside them, in the table).
      const orders = await port.read({ kind: 'sheet', sheet: '订单' });
      expect(orders.values).toEqual(sourceBefore.sheets.find((s) => s.name === '订单')!.values);
      const customers = await port.read({ kind: 'table', table: '客户表' });
      expect(customers.values.map((r) => r.slice(0, 5))).toEqual(sourceBefore.sheets.find((s) => s.name === '客户')!.values);
      const removed = await removeResults(port);
      expect(removed.problems).toEqual([]);
      expect(removed.sheets.length).toBeGreaterThan(3);
      expect(await snapshot()).toEqual(before);
    });

    it('writes tier columns beside a plain range and takes them away again', async () => {
      const { port, snapshot } = await makePort('plain-customers');
      await saveConfig(port, fixtureConfig('plain-customers'));
      const before = await snapshot();
      const r = await refreshWorkbook(port, {});
      expect(r.registry.columns).toEqual([expect.objectContaining({ sheet: '客户', row: 0, col: 5, rows: 150 })]);
      const first = await snapshot();
      await refreshWorkbook(port, {});
      expect(await snapshot()).toEqual(first);
      const cells = await port.read({ kind: 'sheet', sheet: '客户' });
      expect(cells.values[0].slice(5, 9)).toEqual(['ABC分类', 'ABC分类·建议行动', 'RFM得分', 'RFM分群']);
      await removeResults(port);
      expect(await snapshot()).toEqual(before);
    });

    for (const fixture of ['sized-table', 'sized-plain'] as const) {
      it(`fits the tier block's columns to their headers and values, and keeps the user's column widths (${fixture})`, async () => {
        const { port, formats } = await makePort(fixture);
        await saveConfig(port, fixtureConfig(fixture));
        const user = Object.fromEntries(USER_WIDTHS.map((w, c) => [String(c), w]));
        expect((await formats()).sheets['客户'].columnWidths).toEqual(user);
        const r = await refreshWorkbook(port, {});
        const block = r.registry.columns[0];
        expect([block.sheet, block.col]).toEqual(['客户', 5]);
        const cells = (await port.read({ kind: 'sheet', sheet: '客户' })).values;
        const widths = (await formats()).sheets['客户'].columnWidths;
        // The user's widths exactly as they were, F too (a width the user gave an empty column is
        // theirs: the block's first column keeps it); every other block column wide enough for its
        // header and its widest value (up to the cap), and nothing right of the block.
        expect(Object.fromEntries(Object.entries(widths).filter(([c]) => Number(c) <= 5))).toEqual(user);
        expect(Object.keys(widths).map(Number).filter((c) => c >= 5)).toEqual(block.headers.map((_, j) => 5 + j));
        block.headers.forEach((h, j) => {
          if (j === 0) return;
          const need = Math.min(BLOCK_MAX_WIDTH, Math.max(...cells.map((row) => cellWidth(row[5 + j] ?? null)), displayWidth(h)));
          expect([h, widths[String(5 + j)] >= need]).toEqual([h, true]);
        });
        const tiers = block.headers.indexOf('RFM分群');
        expect(cells.slice(1).map((row) => row[5 + tiers])).toContain('重要价值客户');
        expect(widths[String(5 + tiers)]).toBeGreaterThanOrEqual(displayWidth('重要价值客户'));
        // A refresh writes the same widths; removing the block gives its columns back their standard width.
        await refreshWorkbook(port, {});
        expect((await formats()).sheets['客户'].columnWidths).toEqual(widths);
        await removeResults(port);
        expect((await formats()).sheets['客户'].columnWidths).toEqual(user);
      });
    }

    it('never overwrites a user sheet whose name clashes, and never deletes it', async () => {
      const { port } = await makePort('clash');
      const report = await refreshWorkbook(port, { config: fixtureConfig('clash') });
      expect(report.sheets.summary).toBe('分级汇总 (2)');
      expect(report.sheets['group:abc:A']).toBe('ABC-A类客户 (2)');
      const mine = async () => [(await port.read({ kind: 'sheet', sheet: '分级汇总' })).values, (await port.read({ kind: 'sheet', sheet: 'abc-a类客户' })).values];
      expect(await mine()).toEqual([[['我的笔记'], ['不要覆盖']], [['用户自己的表'], [42]]]);
      await refreshWorkbook(port, {});
      await removeResults(port);
      expect(await mine()).toEqual([[['我的笔记'], ['不要覆盖']], [['用户自己的表'], [42]]]);
    });

    it('keeps formula-like customer names as text in the source, the tier columns and the group sheets', async () => {
      const { port } = await makePort('demo-small');
      const report = await refreshWorkbook(port, { config: fixtureConfig('demo-small') });
      const src = await port.read({ kind: 'table', table: '客户表' });
      expect(src.values.slice(1, 1 + FORMULA_LIKE.length).map((r) => r[1])).toEqual(FORMULA_LIKE);
      const seen = new Set<string>();
      for (const [key, sheet] of Object.entries(report.sheets)) {
        if (!key.startsWith('group:')) continue;
        for (const row of (await port.read({ kind: 'sheet', sheet })).values) for (const v of row) if (typeof v === 'string' && FORMULA_LIKE.includes(v)) seen.add(v);
      }
      // Customers with orders appear in an ABC group sheet, under their exact names.
      const ids = new Set((report.result.customers.objects() as Record<string, unknown>[]).filter((c) => c.abc !== null).map((c) => c.name as string));
      for (const n of FORMULA_LIKE) if (ids.has(n)) expect(seen).toContain(n);
      expect(seen.size).toBeGreaterThan(0);
    });

    it('reports a corrupted registry instead of trusting it, and keeps user sheets a forged registry names', async () => {
      const { port } = await makePort('clash');
      await saveConfig(port, fixtureConfig('clash'));
      await port.setSetting(REGISTRY_KEY, '{"version":1,"id":"abc');
      const r1 = await refreshWorkbook(port, {});
      expect(r1.problems.map((p) => p.code)).toEqual(['registryInvalid']);
      // A well-formed registry that claims the user's sheets (no marker there): they survive.
      const forged = { ...r1.registry, sheets: [...r1.registry.sheets, { name: '分级汇总', role: 'summary' }, { name: '订单', role: 'group' }] };
      await port.setSetting(REGISTRY_KEY, JSON.stringify(forged));
      const removed = await removeResults(port);
      expect(removed.problems.map((p) => p.code).sort()).toEqual(['sheetNotOurs', 'sheetNotOurs']);
      const names = (await port.listSheets()).map((s) => s.name);
      expect(names).toEqual(['客户', '订单', '分级汇总', 'abc-a类客户']);
    });

    it('reads a customer table with a totals row without taking that row for a customer, and leaves it alone', async () => {
      const { port } = await makePort('totals-row');
      const report = await refreshWorkbook(port, { config: fixtureConfig('totals-row') });
      const ids = (report.result.customers.objects() as Record<string, unknown>[]).map((c) => c.customer_id);
      expect(ids).toHaveLength(150);
      expect(ids).not.toContain('合计');
      const table = (await port.listTables()).find((x) => x.name === '客户表')!;
      const cells = await port.read({ kind: 'sheet', sheet: '客户', address: table.address });
      const totals = cells.values[cells.values.length - 1];
      // The totals row keeps its label and gets no tier in the new columns.
      expect(totals[0]).toBe('合计');
      expect(totals.slice(5).every((v) => v === '' || v === null)).toBe(true);
      expect(cells.values[0].slice(5, 9)).toEqual(['ABC分类', 'ABC分类·建议行动', 'RFM得分', 'RFM分群']);
    });

    it('builds a customer sheet from orders alone, and keeps one history snapshot per analysis date', async () => {
      const { port } = await makePort('orders-only');
      await refreshWorkbook(port, { config: fixtureConfig('orders-only'), analysisDate: '2024-06-30' });
      const r = await refreshWorkbook(port, {});
      await refreshWorkbook(port, {});
      expect(r.sheets.customers).toBe('客户列表');
      const list = await port.read({ kind: 'sheet', sheet: '客户列表' });
      const header = list.values[3];
      expect(header).toEqual(expect.arrayContaining(['客户ID', 'ABC分类', 'RFM分群', '活跃度']));
      expect(list.values.length - 4).toBe(r.result.customers.numRows());
      const hist = (await port.read({ kind: 'sheet', sheet: r.sheets.history })).values;
      expect(readHistory(hist).snapshots.map((x) => x.date)).toEqual(['2024-06-30', r.result.analysisDate]);
      const summary = (await port.read({ kind: 'sheet', sheet: r.sheets.summary })).values.flat();
      expect(summary.some((v) => typeof v === 'string' && v.includes('2024-06-30') && v.includes('ABC'))).toBe(true);
    });
  });
}

function addr(row: number, col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row + 1}`;
}
