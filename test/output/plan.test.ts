import { playFor } from '../../src/output/playbook';
import * as fs from 'fs';
import * as path from 'path';
import { classify } from '../../src/engine/classify';
import { textToGrid } from '../../src/engine/ingest';
import { defaultConfig, type TieringConfig } from '../../src/config';
import type { ClassificationResult, SourceGrid } from '../../src/engine/types';
import { buildPlan, snapshotOf, type CustomerSource, type PlanInput } from '../../src/output/plan';
import type { PlanOp } from '../../src/output/ops';
import { isValidSheetName } from '../../src/output/sheetNames';
import { readHistory } from '../../src/engine/history';
import { gridOf } from './historyGrids';

const DATA = path.resolve(__dirname, '../../../shared/data');

// rsquaredacademy/rfm's order data with the package's analysis date; its default segment table
// gives Champions = 158 customers and revenue 120178 (see shared/data/SOURCES.md).
let orders: SourceGrid;
let config: TieringConfig;
let result: ClassificationResult;
beforeAll(() => {
  orders = textToGrid(new Uint8Array(fs.readFileSync(path.join(DATA, 'rfm_rsquaredacademy_orders.csv'))), 'orders.csv');
  config = defaultConfig({
    analysisDate: '2006-12-31',
    locale: 'en-US',
    columns: { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'revenue' } },
    output: { groupSheets: ['rfm_segment', 'abc'] },
  });
  result = classify({ orders }, config);
});

function plan(over: Partial<PlanInput> = {}) {
  return buildPlan({ result, config, locale: 'en-US', registryId: 'test01', previous: null, sheets: ['orders'], tables: [], ...over });
}

const valuesOn = (ops: PlanOp[], sheet: string) => ops.filter((o): o is Extract<PlanOp, { op: 'values' }> => o.op === 'values' && o.sheet === sheet);

/** The cells a sheet ends up with, from the plan's values ops (later ops win). */
function cells(ops: PlanOp[], sheet: string): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const o of valuesOn(ops, sheet)) o.values.forEach((row, i) => row.forEach((v, j) => m.set(`${o.row + i},${o.col + j}`, v)));
  return m;
}

describe('output plan', () => {
  it('puts each RFM segment on its own sheet: the Champions table matches the R package (158 customers, revenue 120178)', () => {
    const p = plan();
    const name = p.sheetNames['group:rfm_segment:Champions'];
    expect(name).toBe('RFM segment-Champions');
    const table = p.ops.find((o) => o.op === 'addTable' && o.sheet === name) as Extract<PlanOp, { op: 'addTable' }>;
    expect(table.rows - 1).toBe(158);
    const grid = cells(p.ops, name);
    const headers = Array.from({ length: table.cols }, (_, j) => grid.get(`${table.row},${j}`));
    const rev = headers.indexOf('Revenue');
    const revenues = Array.from({ length: 158 }, (_, i) => grid.get(`${table.row + 1 + i},${rev}`) as number);
    expect(Math.round(revenues.reduce((a, x) => a + x, 0))).toBe(120178);
    // Sorted by value, best first.
    expect([...revenues].sort((a, b) => b - a)).toEqual(revenues);
  });

  it('records in the registry exactly the sheets, tables and charts it creates, all with valid names', () => {
    const p = plan();
    const added = p.ops.filter((o) => o.op === 'addSheet').map((o) => (o as { name: string }).name);
    expect(p.registry.sheets.map((s) => s.name)).toEqual(added);
    added.forEach((n) => expect(isValidSheetName(n)).toBe(true));
    expect(p.registry.tables.map((x) => x.name)).toEqual(p.ops.filter((o) => o.op === 'addTable').map((o) => (o as { name: string }).name));
    expect(p.registry.charts.map((x) => x.name).sort()).toEqual(['ct_pareto', 'ct_revenue_tier', 'ct_segments']);
    // Orders only: the customer list sheet holds every customer with their tiers.
    const list = p.ops.find((o) => o.op === 'addTable' && o.sheet === p.sheetNames.customers) as Extract<PlanOp, { op: 'addTable' }>;
    expect(list.rows - 1).toBe(995);
  });

  it('is deterministic, and a second plan replaces the first in place (removals first, same names)', () => {
    const a = plan();
    expect(plan()).toEqual(a);
    const b = plan({ previous: a.registry, sheets: ['orders', ...a.registry.sheets.map((s) => s.name)], tables: a.registry.tables.map((x) => x.name) });
    const removals = b.ops.slice(0, a.registry.sheets.length);
    expect(removals.every((o) => o.op === 'deleteSheet')).toBe(true);
    expect(b.sheetNames).toEqual(a.sheetNames);
    expect(b.ops.slice(a.registry.sheets.length)).toEqual(a.ops);
  });

  it('never takes a user sheet name: clashes get a suffix', () => {
    const p = plan({ sheets: ['orders', 'tier summary', 'RFM SEGMENT-CHAMPIONS'] });
    expect(p.sheetNames.summary).toBe('Tier Summary (2)');
    expect(p.sheetNames['group:rfm_segment:Champions']).toBe('RFM segment-Champions (2)');
    expect(p.ops.some((o) => o.op === 'deleteSheet')).toBe(false);
  });

  it('writes tier columns beside the source, row by row by customer id, in any row order', () => {
    const ids = (result.customers.array('customer_id') as string[]).slice(0, 6);
    // Source rows shuffled, one unknown id, one blank id, a formula-like name kept as data.
    const values = [['name', 'customer_id'], ['=cmd|x', ids[3]], ['b', ids[0]], ['c', 'nobody'], ['d', ''], ['e', ids[5]]];
    const src: CustomerSource = { sheet: 'Customers', row: 2, col: 1, values };
    const p = plan({ customerSource: src });
    const block = p.registry.columns[0];
    expect(block).toMatchObject({ sheet: 'Customers', row: 2, col: 3, rows: 5 });
    // Each tier a manager acts on is followed by its action from the playbook.
    expect(block.headers).toEqual(['ABC class', 'ABC class: action', 'RFM score', 'RFM segment', 'RFM segment: action', 'Activity', 'Activity: action', 'Churn risk', 'Churn risk: action']);
    const grid = cells(p.ops, 'Customers');
    const seg = (r: number) => grid.get(`${2 + r},6`);
    const segAction = (r: number) => grid.get(`${2 + r},7`);
    const segOf = (id: string) => result.customers.objects().find((c) => (c as { customer_id: string }).customer_id === id) as { rfm_segment: string; abc: string };
    expect([seg(1), seg(2), seg(3), seg(4), seg(5)]).toEqual([segOf(ids[3]).rfm_segment, segOf(ids[0]).rfm_segment, null, null, segOf(ids[5]).rfm_segment]);
    const act = (id: string) => playFor('en-US', 'rfm_segment', segOf(id).rfm_segment)!.action;
    expect([segAction(1), segAction(2), segAction(3), segAction(5)]).toEqual([act(ids[3]), act(ids[0]), null, act(ids[5])]);
    expect(act(ids[3])).toMatch(/\w{3}/);
    // The source cells themselves are never in a values op.
    expect(valuesOn(p.ops, 'Customers').every((o) => o.col >= 3)).toBe(true);
    // Tier cells are coloured per run, not per cell, and only where there is a tier.
    const fills = p.ops.filter((o) => o.op === 'format' && o.sheet === 'Customers' && o.fill && o.row > 2);
    expect(fills.every((o) => (o as { col: number }).col >= 3)).toBe(true);
  });

  it('matches numeric and text forms of one id, as the engine does', () => {
    const cfg = { ...config, analysisDate: undefined };
    const r = classify({ orders: { name: 'o', values: [['customer_id', 'order_date', 'revenue'], ['1001', '2024-01-01', 5], ['1002', '2024-01-02', 900], ['1002', '2024-01-03', 900]] } }, cfg);
    const abc = new Map((r.customers.objects() as { customer_id: string; abc: string }[]).map((c) => [c.customer_id, c.abc]));
    expect(abc.get('1001')).not.toBe(abc.get('1002'));
    const p = buildPlan({ result: r, config: cfg, locale: 'en-US', registryId: 'test01', previous: null, sheets: [], tables: [], customerSource: { sheet: 'C', row: 0, col: 0, values: [['id'], [1002], ['1001.0'], [' 1001 ']] } });
    const grid = cells(p.ops, 'C');
    expect([grid.get('1,1'), grid.get('2,1'), grid.get('3,1')]).toEqual([abc.get('1002'), abc.get('1001'), abc.get('1001')]);
  });

  it('localizes headers and tier names, and builds ABC group sheet names like ABC-A类客户', () => {
    const zh = plan({ locale: 'zh-CN' });
    expect(zh.sheetNames['group:abc:A']).toBe('ABC-A类客户');
    expect(zh.sheetNames['group:rfm_segment:Champions']).toBe('RFM-重要价值客户');
    expect(zh.sheetNames.summary).toBe('分级汇总');
  });

  it('summarises: cut points, an RFM heat map, the issues link only when there are issues', () => {
    const p = plan();
    const s = p.sheetNames.summary;
    const text = [...cells(p.ops, s).values()].filter((v) => typeof v === 'string') as string[];
    // The R package's recency cut points (shared/data/SOURCES.md), in plain words with the unit.
    expect(text).toEqual(expect.arrayContaining(['How the tiers were decided', 'R (recency): cut at 115 / 181 / 297.4 / 482 days since the last order']));
    const heat = p.ops.find((o) => o.op === 'colorScale') as Extract<PlanOp, { op: 'colorScale' }>;
    expect([heat.rows, heat.cols]).toEqual([5, 5]);
    expect(p.ops.some((o) => o.op === 'link')).toBe(result.issues.length > 0);
    const messy = classify({ orders: { name: 'o', values: [['customer_id', 'order_date', 'revenue'], ['a', '2024-01-01', 'x'], ['b', '2024-01-02', 5], ['a', '2024-01-03', 7]] } }, config);
    const q = buildPlan({ result: messy, config, locale: 'en-US', registryId: 'test01', previous: null, sheets: [], tables: [] });
    const link = q.ops.find((o) => o.op === 'link') as Extract<PlanOp, { op: 'link' }>;
    expect(link.targetSheet).toBe(q.sheetNames.issues);
    expect(cells(q.ops, q.sheetNames.issues).size).toBeGreaterThan(6);
  });

  it('shows the migration since the previous snapshot and who moved down', () => {
    const earlier = classify({ orders }, { ...config, analysisDate: '2006-06-30' });
    const p = plan({ history: { snapshots: [snapshotOf(earlier)], older: [], names: new Map() } });
    const text = [...cells(p.ops, p.sheetNames.summary).values()].filter((v) => typeof v === 'string') as string[];
    expect(text).toContain('ABC: migration since 2006-06-30 (rows: before, columns: now)');
    expect(text).toContain('Customers who moved down since 2006-06-30, most revenue first');
    // Half a year later many customers are less recent: some moved down, listed with their moves.
    expect(text).not.toContain('Nobody moved down.');
    expect(text).toEqual(expect.arrayContaining(['Moves', 'New this period', 'No longer classified']));
    const hist = readHistory(gridOf(p.ops, p.sheetNames.history));
    expect(hist.snapshots.map((x) => x.date)).toEqual(['2006-06-30', '2006-12-31']);
  });
});
