// The output plan: ClassificationResult + config + what the workbook holds now → the ops
// that bring the workbook to the new state, and the registry describing what we own then.
// Pure and deterministic: the same inputs give the same ops, so Refresh is idempotent.
import type { ClassificationResult, DataIssue } from '../engine/types';
import type { TieringConfig } from '../config/schema';
import { t, type Locale } from '../i18n';
import { historyToGrid, previousSnapshot, type Snapshot } from '../engine/history';
import { ruleColumnName } from '../engine/methods/rules';
import { describeIssue, normalizeId } from '../engine/ingest';
import type { CellValue, PlanOp } from './ops';
import { type Registry, MARKER_COL, MARKER_ROW, emptyRegistry, markerToken } from './registry';
import { sheetKey, uniqueSheetName, uniqueTableName } from './sheetNames';
import { SheetBuilder, cleanOps, fillRuns, toCell, uniqueHeaders } from './cells';
import { HEADER_FILL, HEADER_FONT, TAB_COLOR, columnHeader, methodLabel, tierFill, tierLabel, TIER_METHODS } from './labels';
import { buildSummary } from './summary';

export type { PlanOp, CellValue, ChartSpec } from './ops';

/** The customer data the tier columns go beside (our own old columns already removed). */
export interface CustomerSource {
  sheet: string;
  /** 0-based header row and first column. */
  row: number;
  col: number;
  /** Header row + data rows. */
  values: CellValue[][];
  /** Set when the data is an Excel table: the columns become table columns. */
  table?: string;
}

export interface PlanInput {
  result: ClassificationResult;
  config: TieringConfig;
  locale: Locale;
  /** The registry id (kept across runs so markers stay the same). */
  registryId: string;
  /** What we created last time, already checked against the workbook: removed first. */
  previous: Registry | null;
  /** Sheet and table names in the workbook now (ours included). */
  sheets: readonly string[];
  tables: readonly string[];
  customerSource?: CustomerSource;
  dateSystem?: 1900 | 1904;
  /** Snapshots before this run (the history sheet as read). */
  history?: readonly Snapshot[];
  /** Human descriptions of the sources, e.g. "订单 (A1:F40001)". */
  sources?: string[];
  /** How an issue reads for people; default: the engine's describeIssue. */
  describeIssue?: (issue: DataIssue, locale: Locale) => { problem: string; action?: string };
}

export interface OutputPlan {
  ops: PlanOp[];
  registry: Registry;
  /** The history after this run (what the history sheet holds). */
  history: Snapshot[];
  /** Names chosen for our sheets by role key, e.g. { summary: '分级汇总', 'group:abc:A': 'ABC-A类客户' }. */
  sheetNames: Record<string, string>;
}

/** Methods kept in history snapshots and compared for migration. */
export function historyMethods(result: ClassificationResult): string[] {
  const names = result.customers.columnNames();
  return names.filter((c) => ['abc', 'rfm_segment', 'activity', 'churn_risk', 'clv_tier'].includes(c) || c.startsWith('rule_'));
}

/** Tier-bearing result columns written beside the data, in order. */
export function tierColumns(result: ClassificationResult): string[] {
  const names = result.customers.columnNames();
  const fixed = ['abc', 'rfm_score', 'rfm_segment', 'activity', 'churn_risk'].filter((c) => names.includes(c));
  const rules = names.filter((c) => c.startsWith('rule_'));
  const clv = ['clv', 'clv_tier'].filter((c) => names.includes(c));
  return [...fixed, ...rules, ...clv];
}

/** This run's snapshot from the result table. */
export function snapshotOf(result: ClassificationResult): Snapshot {
  const methods = historyMethods(result);
  const ids = result.customers.array('customer_id') as ArrayLike<unknown>;
  const cols = methods.map((m) => result.customers.array(m) as ArrayLike<unknown>);
  const rows = new Map<string, (string | null)[]>();
  for (let i = 0; i < ids.length; i++) {
    rows.set(String(ids[i]), cols.map((c) => (c[i] === null || c[i] === undefined || c[i] === '' ? null : String(c[i]))));
  }
  return { date: result.analysisDate, methods, rows };
}

/** The engine's id normalisation (trimmed; 1001, "1001" and "1001.0" are one id), blank → null. */
function normId(v: CellValue): string | null {
  const s = normalizeId(v);
  return s === '' ? null : s;
}

/** The source column holding the customer ids: the one whose values match the most result ids. */
export function idColumnOf(values: readonly (readonly CellValue[])[], ids: Set<string>): number {
  let best = -1;
  let bestHits = 0;
  const width = values[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    let hits = 0;
    for (let r = 1; r < values.length; r++) {
      const id = normId(values[r][c]);
      if (id !== null && ids.has(id)) hits++;
    }
    if (hits > bestHits) {
      bestHits = hits;
      best = c;
    }
  }
  return best;
}

export function buildPlan(inp: PlanInput): OutputPlan {
  const { result, config, locale: L } = inp;
  const out = config.output;
  const ds = inp.dateSystem ?? 1900;
  const tbl = result.customers;
  const names = tbl.columnNames();
  const registry = emptyRegistry(inp.registryId);
  const ops: PlanOp[] = [];
  const sheetNames: Record<string, string> = {};
  const markerText = t(L, 'out.marker', { date: result.analysisDate, marker: markerToken(inp.registryId) });
  const ruleNames: Record<string, string> = {};
  for (const r of config.methods.rules) ruleNames[ruleColumnName(r.name)] = r.name;

  // 1. Remove what we made last time (only what was verified as ours).
  const prev = inp.previous;
  const dropped = new Set((prev?.sheets ?? []).map((s) => sheetKey(s.name)));
  const droppedTables = new Set((prev?.tables ?? []).map((tb) => tb.name.toLowerCase()));
  if (prev) ops.push(...removalOps(prev));
  const takenSheets = new Set(inp.sheets.map(sheetKey).filter((k) => !dropped.has(k)));
  const takenTables = new Set(inp.tables.map((x) => x.toLowerCase()).filter((k) => !droppedTables.has(k)));

  const ids = (tbl.array('customer_id') as ArrayLike<unknown>) ?? [];
  const idList = Array.from(ids, (x) => String(x));
  const rowOf = new Map(idList.map((id, i) => [id, i]));
  const colArrays = new Map<string, ArrayLike<unknown>>();
  const col = (c: string) => {
    let a = colArrays.get(c);
    if (!a) colArrays.set(c, (a = tbl.array(c) as ArrayLike<unknown>));
    return a;
  };
  const summaryOrder = new Map(result.summaries.map((s) => [s.method, s.tiers.map((x) => x.tier)]));
  const tierOrder = (m: string) => summaryOrder.get(m) ?? [];
  const cellOf = (c: string, i: number): CellValue => {
    const v = col(c)[i];
    if (TIER_METHODS.has(c) || c.startsWith('rule_')) return v === null || v === undefined ? null : tierLabel(L, c, String(v));
    if ((c === 'first_order' || c === 'last_order') && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return toCell(new Date(`${v}T00:00:00Z`), ds);
    return toCell(v, ds);
  };
  const tierCols = out.tierColumns ? tierColumns(result) : [];
  const headerOf = (c: string) => columnHeader(L, c, ruleNames[c]);
  const isTier = (c: string) => TIER_METHODS.has(c) || c.startsWith('rule_');

  const addSheet = (roleKey: string, wanted: string, role: Registry['sheets'][number]['role']): string => {
    const name = uniqueSheetName(wanted, takenSheets);
    ops.push({ op: 'addSheet', name, tabColor: TAB_COLOR });
    // The marker goes in with the sheet: a sheet that exists is always recognisably ours,
    // even if the writing stops before its content.
    ops.push({ op: 'values', sheet: name, row: MARKER_ROW, col: MARKER_COL, values: [[markerText]] });
    registry.sheets.push({ name, role, key: roleKey });
    sheetNames[roleKey] = name;
    return name;
  };

  // 2. Tier columns beside the customer data, or a customer list sheet built from the orders.
  const src = inp.customerSource;
  if (tierCols.length && src && src.values.length) {
    const header = src.values[0].map((h) => (h === null ? '' : String(h).toLowerCase()));
    const headers = uniqueHeaders(tierCols.map(headerOf), new Set(header));
    const idCol = idColumnOf(src.values, new Set(idList));
    const dataRows = src.values.length - 1;
    const rowIdx: number[] = [];
    for (let r = 1; r < src.values.length; r++) {
      const id = idCol < 0 ? null : normId(src.values[r][idCol]);
      rowIdx.push(id === null ? -1 : (rowOf.get(id) ?? -1));
    }
    const body = rowIdx.map((i) => tierCols.map((c) => (i < 0 ? null : cellOf(c, i))));
    const width = src.values[0].length;
    const at = { row: src.row, col: src.col + width };
    if (src.table) ops.push({ op: 'addTableColumns', table: src.table, headers, values: body });
    else ops.push({ op: 'values', sheet: src.sheet, row: at.row, col: at.col, values: [headers, ...body] });
    ops.push({ op: 'format', sheet: src.sheet, row: at.row, col: at.col, rows: 1, cols: headers.length, bold: true, fill: HEADER_FILL, fontColor: HEADER_FONT });
    tierCols.forEach((c, j) => {
      if (!isTier(c)) return;
      const order = tierOrder(c);
      const keys = rowIdx.map((i) => (i < 0 ? null : ((col(c)[i] as string | null) ?? null)));
      ops.push(...fillRuns(src.sheet, at.row + 1, at.col + j, keys, (k) => tierFill(c, k, order)));
    });
    registry.columns.push({ sheet: src.sheet, ...(src.table ? { table: src.table } : {}), row: at.row, col: at.col, rows: dataRows, headers });
  } else if (!src && tbl.numRows() > 0) {
    const name = addSheet('customers', t(L, 'out.sheet.customers'), 'customers');
    const b = new SheetBuilder(name);
    b.title(t(L, 'out.title.customers'));
    b.markerRow();
    b.row++;
    const cols = [...listColumns(names, config), ...tierCols.filter((c) => !listColumns(names, config).includes(c))];
    const order = sortedRows(tbl.numRows(), col('revenue'), idList, () => true);
    writeTable(b, cols.map(headerOf), order.map((i) => cols.map((c) => cellOf(c, i))), cols, uniqueTableName('CT_Customers', takenTables), registry);
    for (const [j, c] of cols.entries()) if (isTier(c)) b.ops.push(...fillRuns(name, b.row - order.length, j, order.map((i) => (col(c)[i] as string | null) ?? null), (k) => tierFill(c, k, tierOrder(c))));
    ops.push(...b.ops);
  }

  // 3. History (merged with this run) — needed by the summary.
  const now = snapshotOf(result);
  const before = inp.history ?? [];
  const history = out.history ? [...before.filter((s) => s.date !== now.date), now].sort((a, b) => a.date.localeCompare(b.date)) : [...before];
  const prevSnap = out.history ? previousSnapshot(before, now.date) : null;

  // 4. Sheet names first (the summary links to the issues sheet).
  const summaryName = out.summary ? addSheet('summary', t(L, 'out.sheet.summary'), 'summary') : null;
  const groupPlans: { key: string; name: string; method: string; tier: string; rows: number[] }[] = [];
  for (const method of out.groupSheets) {
    if (!names.includes(method)) continue;
    const arr = col(method);
    const seen = new Set<string>();
    for (let i = 0; i < arr.length; i++) if (arr[i] !== null && arr[i] !== undefined) seen.add(String(arr[i]));
    const order = [...tierOrder(method).filter((x) => seen.has(x)), ...[...seen].filter((x) => !tierOrder(method).includes(x)).sort()];
    for (const tier of order) {
      const rows = sortedRows(arr.length, col('revenue'), idList, (i) => String(arr[i]) === tier && arr[i] !== null);
      if (!rows.length) continue;
      const lbl = tierLabel(L, method, tier);
      const wanted = method === 'abc' ? t(L, 'out.group.abc', { tier: lbl }) : t(L, 'out.sheet.group', { method: methodLabel(L, method, ruleNames[method]), tier: lbl });
      const key = `group:${method}:${tier}`;
      groupPlans.push({ key, name: addSheet(key, wanted, 'group'), method, tier, rows });
    }
  }
  const issuesName = out.issuesSheet && result.issues.length ? addSheet('issues', t(L, 'out.sheet.issues'), 'issues') : null;
  const historyName = out.history && history.length ? addSheet('history', t(L, 'out.sheet.history'), 'history') : null;

  // 5. Summary.
  if (summaryName) {
    const customerNames = new Map<string, string>();
    if (names.includes('name')) idList.forEach((id, i) => {
      const n = col('name')[i];
      if (typeof n === 'string' && n) customerNames.set(id, n);
    });
    const s = buildSummary({
      sheet: summaryName,
      result,
      config,
      locale: L,
      sources: inp.sources ?? [],
      issuesSheet: issuesName,
      prev: prevSnap,
      now,
      historyMethods: historyMethods(result),
      ruleNames,
      customerNames,
      chartCol: 9,
    });
    ops.push(...s.ops);
    for (const c of s.charts) registry.charts.push({ name: c.name, sheet: summaryName });
  }

  // 6. Group sheets: an Excel table per tier, sorted by revenue.
  const gcols = listColumns(names, config).concat(historyMethods(result).filter((m) => m !== 'clv_tier'));
  for (const g of groupPlans) {
    const b = new SheetBuilder(g.name);
    b.title(t(L, 'out.title.group', { method: methodLabel(L, g.method, ruleNames[g.method]), tier: tierLabel(L, g.method, g.tier), count: g.rows.length }));
    b.markerRow();
    b.row++;
    const cols = gcols.filter((c, i) => gcols.indexOf(c) === i);
    writeTable(b, cols.map(headerOf), g.rows.map((i) => cols.map((c) => cellOf(c, i))), cols, uniqueTableName(`CT_${g.method}_${groupPlans.indexOf(g) + 1}`, takenTables), registry);
    ops.push(...b.ops);
  }

  // 7. Issues sheet.
  if (issuesName) {
    const b = new SheetBuilder(issuesName);
    b.title(t(L, 'out.title.issues'));
    b.markerRow();
    b.row++;
    const shown = result.issues.slice(0, ISSUES_LIMIT);
    const describe = inp.describeIssue ?? describeIssue;
    const headers = ['sheet', 'row', 'column', 'value', 'severity', 'problem', 'action'].map((k) => t(L, `out.issues.${k}`));
    const rows = shown.map((i) => {
      const d = describe(i, L);
      return [i.sheet, i.row || null, i.column, i.value, t(L, `out.severity.${i.severity}`), d.problem, d.action ?? null] as CellValue[];
    });
    writeTable(b, headers, rows, [], uniqueTableName('CT_Issues', takenTables), registry);
    if (result.issues.length > shown.length) b.note(t(L, 'out.issues.more', { n: result.issues.length - shown.length }));
    b.ops.push({ op: 'columnWidth', sheet: issuesName, col: 5, cols: 2, width: 60 });
    ops.push(...b.ops);
  }

  // 8. History sheet (canonical headers and tier keys, so it reads back in any locale).
  if (historyName) {
    const b = new SheetBuilder(historyName);
    b.title(t(L, 'out.title.history'));
    b.markerRow();
    b.row++;
    const grid = historyToGrid(history);
    b.header(b.row, 0, grid[0]);
    b.values(b.row + 1, 0, grid.slice(1));
    b.ops.push({ op: 'columnWidth', sheet: historyName, col: 0, cols: grid[0].length, width: 16 });
    b.ops.push({ op: 'freeze', sheet: historyName, rows: b.row + 1, cols: 0 });
    ops.push(...b.ops);
  }

  return { ops: cleanOps(ops), registry, history, sheetNames };
}

export const ISSUES_LIMIT = 20_000;

/** Ops that delete what a (verified) registry lists: our column blocks, then our sheets (their tables and charts go with them). */
export function removalOps(reg: Registry): PlanOp[] {
  const ops: PlanOp[] = [];
  for (const c of reg.columns) {
    if (c.table) ops.push({ op: 'deleteTableColumns', table: c.table, headers: c.headers });
    else ops.push({ op: 'clear', sheet: c.sheet, row: c.row, col: c.col, rows: c.rows + 1, cols: c.headers.length });
  }
  for (const s of reg.sheets) ops.push({ op: 'deleteSheet', name: s.name });
  return ops;
}

/** Columns of the group and customer-list tables: identity, dimensions, key metrics. */
function listColumns(names: string[], config: TieringConfig): string[] {
  const dims = config.methods.dimensions.filter((d) => names.includes(d));
  const metrics = ['orders', 'revenue', 'profit', 'avg_order_value', 'recency_days', 'last_order'].filter((c) => names.includes(c));
  return ['customer_id', ...(names.includes('name') ? ['name'] : []), ...dims, ...metrics];
}

/** Row indices passing `keep`, by revenue descending then id ascending (deterministic). */
function sortedRows(n: number, revenue: ArrayLike<unknown>, ids: string[], keep: (i: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) rows.push(i);
  const v = (i: number) => (typeof revenue?.[i] === 'number' && Number.isFinite(revenue[i] as number) ? (revenue[i] as number) : Number.NEGATIVE_INFINITY);
  return rows.sort((a, b) => v(b) - v(a) || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
}

const NUMBER_FORMATS: Record<string, string> = {
  orders: '#,##0',
  revenue: '#,##0.00',
  profit: '#,##0.00',
  avg_order_value: '#,##0.00',
  recency_days: '0',
  last_order: 'yyyy-mm-dd',
  first_order: 'yyyy-mm-dd',
  clv: '#,##0.00',
};

/** Header + rows as an Excel table at the builder's cursor; formats and freezes the header. */
function writeTable(b: SheetBuilder, headers: string[], rows: CellValue[][], cols: string[], tableName: string, registry: Registry): void {
  const hs = uniqueHeaders(headers.map((h) => h || '-'));
  const top = b.row;
  const body = rows.length ? rows : [hs.map(() => null)];
  b.header(top, 0, hs);
  b.values(top + 1, 0, body);
  b.ops.push({ op: 'addTable', sheet: b.sheet, row: top, col: 0, rows: body.length + 1, cols: hs.length, name: tableName, style: 'TableStyleLight9' });
  registry.tables.push({ name: tableName, sheet: b.sheet });
  cols.forEach((c, j) => {
    const nf = NUMBER_FORMATS[c];
    if (nf) b.format(top + 1, j, body.length, 1, { numberFormat: nf });
  });
  b.ops.push({ op: 'columnWidth', sheet: b.sheet, col: 0, cols: hs.length, width: 14 });
  if (cols[1] === 'name') b.ops.push({ op: 'columnWidth', sheet: b.sheet, col: 1, cols: 1, width: 28 });
  b.ops.push({ op: 'freeze', sheet: b.sheet, rows: top + 1, cols: 0 });
  b.row = top + body.length + 1;
}
