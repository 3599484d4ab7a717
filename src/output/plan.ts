// The output plan: ClassificationResult + config + what the workbook holds now → the ops
// that bring the workbook to the new state, and the registry describing what we own then.
// Pure and deterministic: the same inputs give the same ops, so Refresh is idempotent.
import type { ClassificationResult, DataIssue } from '../engine/types';
import type { TieringConfig } from '../config/schema';
import { t, type Locale } from '../i18n';
import { boundHistory, emptyHistory, previousSnapshot, snapshotOf, upsertHistory, type History, type Snapshot } from '../engine/history';
import { columnKind, isTierMethod, outputColumns } from '../engine/columns';
import { dayToExcelSerial, isoToDay } from '../engine/calendar';
import { describeIssue, normalizeId } from '../engine/ingest';
import type { CellValue, PlanOp } from './ops';
import { type Registry, MARKER_COL, MARKER_ROW, emptyRegistry, markerToken } from './registry';
import { sheetKey, uniqueSheetName, uniqueTableName } from './sheetNames';
import { SheetBuilder, cleanCell, cleanOps, fillRuns, toCell, uniqueHeaders } from './cells';
import { blockHash, withSheetProof } from './proof';
import { HEADER_FILL, HEADER_FONT, TAB_COLOR, actionHeader, columnHeader, methodLabel, numberFormat, ruleNames as ruleNamesOf, tierFill, tierLabel, type RuleNames } from './labels';
import { buildSummary } from './summary';
import { NEXT_CATEGORY_COLUMNS, hasSuggestions, nextCategoryRule } from './preferencesSection';
import { historyLimits, writeHistory } from './historySheet';
import { playFor, playText } from './playbook';
import { blockWidths, displayWidth, headerWidthOps, widthRuns } from './widths';

/** Width of a date column of our tables: yyyy-mm-dd and the filter button. */
const DATE_WIDTH = 14;

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
  /** 0-based column where our verified tier block stood last time: it goes there again, so
   *  a column the user added right of it is not taken for source data and written over. */
  blockCol?: number;
}

/** A rectangle of a sheet the plan writes into (0-based). */
export interface Target {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
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
  /** The history before this run (the history sheet as read). */
  history?: History;
  /** Human descriptions of the sources, e.g. "订单 (A1:F40001)". */
  sources?: string[];
  /** How an issue reads for people; default: the engine's describeIssue. */
  describeIssue?: (issue: DataIssue, locale: Locale) => { problem: string; action?: string };
}

export interface OutputPlan {
  ops: PlanOp[];
  registry: Registry;
  /** The history after this run (what the history sheet holds). */
  history: History;
  /** Names chosen for our sheets by role key, e.g. { summary: '分级汇总', 'group:abc:A': 'ABC-A类客户' }. */
  sheetNames: Record<string, string>;
  /** What the plan left out on purpose, for the user (e.g. group sheets over the cap). */
  notes: (
    | { code: 'groupsCapped'; params: { method: string; count: number; max: number } }
    /** The tier block went right of the user's cells it would have covered (set by run.ts, which reads them). */
    | { code: 'blockMoved'; params: { sheet: string; from: string; to: string; cells: readonly string[] } }
  )[];
  /** The cells of the user's sheets the plan writes into: each must be empty or ours. */
  targets: Target[];
}

/** Group sheets per method at most: a high-cardinality column (700 customer ids) would
 *  otherwise add hundreds of sheets and overflow the registry (500 sheets). */
export const MAX_GROUP_SHEETS = 50;

/** Methods kept in history snapshots and compared for migration. */
export function historyMethods(result: ClassificationResult): string[] {
  return outputColumns('history', result.customers.columnNames());
}

/** Tier-bearing result columns written beside the data, in order. */
export function tierColumns(result: ClassificationResult): string[] {
  return outputColumns('beside', result.customers.columnNames());
}

export { snapshotOf };

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

/** Appends without spreading: a spread of 100,000+ ops into one call overflows the stack. */
function append<T>(to: T[], items: readonly T[]): void {
  for (const x of items) to.push(x);
}

/** What every step of the plan reads: the result's columns, names taken, and the growing ops. */
class PlanContext {
  readonly ops: PlanOp[] = [];
  readonly registry: Registry;
  readonly sheetNames: Record<string, string> = {};
  readonly targets: Target[] = [];
  readonly names: string[];
  readonly idList: string[];
  readonly rules: RuleNames;
  readonly takenSheets: Set<string>;
  readonly takenTables: Set<string>;
  private readonly arrays = new Map<string, ArrayLike<unknown>>();
  private readonly labels = new Map<string, Map<string, string>>();
  private readonly summaryOrder: Map<string, string[]>;
  private readonly markerText: string;

  constructor(readonly inp: PlanInput) {
    const { result, locale: L } = inp;
    this.registry = emptyRegistry(inp.registryId);
    this.names = result.customers.columnNames();
    this.idList = Array.from((result.customers.array('customer_id') as ArrayLike<unknown>) ?? [], (x) => String(x));
    this.rules = ruleNamesOf(inp.config);
    this.summaryOrder = new Map(result.summaries.map((s) => [s.method, s.tiers.map((x) => x.tier)]));
    this.markerText = t(L, 'out.marker', { date: result.analysisDate, marker: markerToken(inp.registryId) });
    // Names of what we made last time are free again: it is removed first.
    const prev = inp.previous;
    const dropped = new Set((prev?.sheets ?? []).map((s) => sheetKey(s.name)));
    const droppedTables = new Set((prev?.tables ?? []).map((tb) => tb.name.toLowerCase()));
    this.takenSheets = new Set(inp.sheets.map(sheetKey).filter((k) => !dropped.has(k)));
    this.takenTables = new Set(inp.tables.map((x) => x.toLowerCase()).filter((k) => !droppedTables.has(k)));
  }

  get locale(): Locale {
    return this.inp.locale;
  }

  col(c: string): ArrayLike<unknown> {
    let a = this.arrays.get(c);
    if (!a) this.arrays.set(c, (a = this.inp.result.customers.array(c) as ArrayLike<unknown>));
    return a;
  }

  /** id → customer name, for the customers of this run that have one. */
  customerNames(): Map<string, string> {
    const out = new Map<string, string>();
    if (!this.names.includes('name')) return out;
    const names = this.col('name');
    this.idList.forEach((id, i) => {
      const n = names[i];
      if (typeof n === 'string' && n) out.set(id, n);
    });
    return out;
  }

  tierOrder(method: string): string[] {
    return this.summaryOrder.get(method) ?? [];
  }

  headerOf(c: string): string {
    return columnHeader(this.locale, c, this.rules);
  }

  /** A tier's label, worked out once per column and key (a handful of keys down every row). */
  private tierText(c: string, key: string): string {
    let labels = this.labels.get(c);
    if (!labels) this.labels.set(c, (labels = new Map()));
    let text = labels.get(key);
    if (text === undefined) labels.set(key, (text = tierLabel(this.locale, c, key)));
    return text;
  }

  /** Customer i's value of column c as the workbook shows it: tier labels, dates as serials. */
  cellOf(c: string, i: number): CellValue {
    const ds = this.inp.dateSystem ?? 1900;
    const v = this.col(c)[i];
    if (isTierMethod(c)) return v === null || v === undefined ? null : this.tierText(c, String(v));
    if (columnKind(c) === 'date' && typeof v === 'string') {
      const day = isoToDay(v);
      if (day === day) return dayToExcelSerial(day, ds);
    }
    return toCell(v, ds);
  }

  /** Adds one of our sheets under a free name, with its marker, and records it. */
  addSheet(roleKey: string, wanted: string, role: Registry['sheets'][number]['role']): string {
    const name = uniqueSheetName(wanted, this.takenSheets);
    this.ops.push({ op: 'addSheet', name, tabColor: TAB_COLOR });
    // The marker goes in with the sheet: a sheet that exists is always recognisably ours,
    // even if the writing stops before its content.
    this.ops.push({ op: 'values', sheet: name, row: MARKER_ROW, col: MARKER_COL, values: [[this.markerText]] });
    this.registry.sheets.push({ name, role, key: roleKey });
    this.sheetNames[roleKey] = name;
    return name;
  }

  /** A new sheet builder with the title and marker rows laid out. */
  builder(sheet: string, title: string): SheetBuilder {
    const b = new SheetBuilder(sheet);
    b.title(title);
    b.markerRow();
    b.row++;
    return b;
  }

  /** Tier fills of column c for the customers in `rows` (null: no customer), at (row, col). */
  fills(sheet: string, row: number, col: number, c: string, rows: readonly number[]): PlanOp[] {
    const order = this.tierOrder(c);
    const keys = rows.map((i) => (i < 0 ? null : ((this.col(c)[i] as string | null) ?? null)));
    return fillRuns(sheet, row, col, keys, (k) => tierFill(c, k, order));
  }
}

export function buildPlan(inp: PlanInput): OutputPlan {
  const ctx = new PlanContext(inp);
  const out = inp.config.output;
  // 1. Remove what we made last time (only what was verified as ours).
  if (inp.previous) append(ctx.ops, removalOps(inp.previous));
  // 2. Tier columns beside the customer data, or a customer list sheet built from the orders.
  const tierCols = out.tierColumns ? tierColumns(inp.result) : [];
  if (tierCols.length && inp.customerSource && inp.customerSource.values.length) tierBlock(ctx, inp.customerSource, tierCols);
  else if (!inp.customerSource && inp.result.customers.numRows() > 0) customerListSheet(ctx, tierCols);
  // 3. History (merged with this run) — needed by the summary.
  const now = snapshotOf(inp.result);
  const before = inp.history ?? emptyHistory();
  const history = out.history ? boundedHistory(before, now, inp.config) : before;
  const prevSnap = out.history ? previousSnapshot(before.snapshots, now.date) : null;
  // 4. Sheet names first (the summary links to the issues sheet).
  const L = inp.locale;
  const summaryName = out.summary ? ctx.addSheet('summary', t(L, 'out.sheet.summary'), 'summary') : null;
  const notes: OutputPlan['notes'] = [];
  const groups = planGroups(ctx, notes);
  const issuesName = out.issuesSheet && inp.result.issues.length ? ctx.addSheet('issues', t(L, 'out.sheet.issues'), 'issues') : null;
  const historyName = out.history && history.snapshots.length ? ctx.addSheet('history', t(L, 'out.sheet.history'), 'history') : null;
  const nextName = hasSuggestions(inp.result) ? ctx.addSheet('nextCategory', t(L, 'pref.next.sheet'), 'group') : null;
  // 5.–8. The sheets' content.
  if (summaryName) summarySheet(ctx, summaryName, issuesName, prevSnap, now);
  for (const g of groups) groupSheet(ctx, g, groups.indexOf(g) + 1);
  if (issuesName) issuesSheet(ctx, issuesName);
  if (historyName) historySheet(ctx, historyName, history);
  if (nextName) nextCategorySheet(ctx, nextName);
  const ops = cleanOps(ctx.ops);
  // Each sheet's proof is taken from the very cells the ops write (after clean-up).
  return { ops, registry: withSheetProof(ctx.registry, ops), history, sheetNames: ctx.sheetNames, notes, targets: ctx.targets };
}

/**
 * The block's columns: each tier of the methods a manager acts on (those kept in history: ABC,
 * RFM segment, activity, churn warning, CLV, rules) followed by its action from the playbook, in
 * the user's language; other columns (scores, habits) alone, so the block stays readable.
 */
function blockColumns(ctx: PlanContext, tierCols: string[]): { header: string; tier?: string; cell: (i: number) => CellValue }[] {
  const { config } = ctx.inp;
  const acted = new Set(historyMethods(ctx.inp.result));
  const out: { header: string; tier?: string; cell: (i: number) => CellValue }[] = [];
  for (const c of tierCols) {
    out.push({ header: ctx.headerOf(c), tier: isTierMethod(c) ? c : undefined, cell: (i) => ctx.cellOf(c, i) });
    if (!acted.has(c)) continue;
    const actions = new Map<string, string | null>();
    out.push({
      header: actionHeader(ctx.locale, c, ctx.rules),
      cell: (i) => {
        const k = ctx.col(c)[i];
        if (k === null || k === undefined || k === '') return null;
        const key = String(k);
        let action = actions.get(key);
        if (action === undefined) actions.set(key, (action = playFor(ctx.locale, c, key, config)?.action ?? null));
        return action;
      },
    });
  }
  return out;
}

/** The tier block beside the user's customer data: table columns, or cells right of the range. */
function tierBlock(ctx: PlanContext, src: CustomerSource, tierCols: string[]): void {
  const header = src.values[0].map((h) => (h === null ? '' : String(h).toLowerCase()));
  const cols = blockColumns(ctx, tierCols);
  const headers = uniqueHeaders(cols.map((c) => c.header), new Set(header));
  const rowOf = new Map(ctx.idList.map((id, i) => [id, i]));
  const idCol = idColumnOf(src.values, new Set(ctx.idList));
  const rowIdx: number[] = [];
  for (let r = 1; r < src.values.length; r++) {
    const id = idCol < 0 ? null : normId(src.values[r][idCol]);
    rowIdx.push(id === null ? -1 : (rowOf.get(id) ?? -1));
  }
  const body = rowIdx.map((i) => cols.map((c) => (i < 0 ? null : c.cell(i))));
  const at = { row: src.row, col: src.blockCol ?? src.col + src.values[0].length };
  ctx.targets.push({ sheet: src.sheet, row: at.row, col: at.col, rows: src.values.length, cols: headers.length });
  if (src.table) ctx.ops.push({ op: 'addTableColumns', table: src.table, headers, values: body });
  else ctx.ops.push({ op: 'values', sheet: src.sheet, row: at.row, col: at.col, values: [headers, ...body] });
  ctx.ops.push({ op: 'format', sheet: src.sheet, row: at.row, col: at.col, rows: 1, cols: headers.length, bold: true, fill: HEADER_FILL, fontColor: HEADER_FONT });
  // Only the block's own columns, and only those still at the standard width: the user's keep theirs.
  const widths = blockWidths(headers, body);
  for (const op of widthRuns(src.sheet, at.col, widths)) ctx.ops.push({ ...op, onlyStandard: true });
  cols.forEach((c, j) => {
    if (c.tier) append(ctx.ops, ctx.fills(src.sheet, at.row + 1, at.col + j, c.tier, rowIdx));
  });
  const hash = blockHash([headers, ...body].map((r) => r.map(cleanCell)));
  ctx.registry.columns.push({ sheet: src.sheet, ...(src.table ? { table: src.table } : {}), row: at.row, col: at.col, rows: src.values.length - 1, headers, hash, widths });
}

/** Orders only: a customer list sheet holds the tier columns. */
function customerListSheet(ctx: PlanContext, tierCols: string[]): void {
  const L = ctx.locale;
  const name = ctx.addSheet('customers', t(L, 'out.sheet.customers'), 'customers');
  const b = ctx.builder(name, t(L, 'out.title.customers'));
  const list = listColumns(ctx.names, ctx.inp.result);
  const cols = [...list, ...tierCols.filter((c) => !list.includes(c))];
  const order = sortedRows(ctx.idList.length, ctx.col('revenue'), ctx.idList, () => true);
  writeTable(b, cols.map((c) => ctx.headerOf(c)), order.map((i) => cols.map((c) => ctx.cellOf(c, i))), cols, uniqueTableName('CT_Customers', ctx.takenTables), ctx.registry);
  for (const [j, c] of cols.entries()) if (isTierMethod(c)) append(b.ops, ctx.fills(name, b.row - order.length, j, c, order));
  append(ctx.ops, b.ops);
}

interface GroupPlan {
  key: string;
  name: string;
  method: string;
  tier: string;
  rows: number[];
}

/** One sheet per tier of each method chosen for group sheets (tiers nobody has are skipped). */
function planGroups(ctx: PlanContext, notes: OutputPlan['notes']): GroupPlan[] {
  const L = ctx.locale;
  const groups: GroupPlan[] = [];
  for (const method of ctx.inp.config.output.groupSheets) {
    if (!ctx.names.includes(method)) continue;
    const arr = ctx.col(method);
    const seen = new Set<string>();
    for (let i = 0; i < arr.length; i++) if (arr[i] !== null && arr[i] !== undefined) seen.add(String(arr[i]));
    const known = ctx.tierOrder(method);
    const order = [...known.filter((x) => seen.has(x)), ...[...seen].filter((x) => !known.includes(x)).sort()];
    if (order.length > MAX_GROUP_SHEETS) {
      notes.push({ code: 'groupsCapped', params: { method: methodLabel(L, method, ctx.rules), count: order.length, max: MAX_GROUP_SHEETS } });
      continue;
    }
    for (const tier of order) {
      const rows = sortedRows(arr.length, ctx.col('revenue'), ctx.idList, (i) => String(arr[i]) === tier && arr[i] !== null);
      if (!rows.length) continue;
      const lbl = tierLabel(L, method, tier);
      const wanted = method === 'abc' ? t(L, 'out.group.abc', { tier: lbl }) : t(L, 'out.sheet.group', { method: methodLabel(L, method, ctx.rules), tier: lbl });
      const key = `group:${method}:${tier}`;
      groups.push({ key, name: ctx.addSheet(key, wanted, 'group'), method, tier, rows });
    }
  }
  return groups;
}

function summarySheet(ctx: PlanContext, name: string, issuesSheet: string | null, prev: Snapshot | null, now: Snapshot): void {
  const { result, config } = ctx.inp;
  const customerNames = ctx.customerNames();
  const s = buildSummary({
    sheet: name,
    result,
    config,
    locale: ctx.locale,
    sources: ctx.inp.sources ?? [],
    issuesSheet,
    prev,
    now,
    historyMethods: historyMethods(result),
    ruleNames: ctx.rules,
    customerNames,
    chartCol: 9,
  });
  append(ctx.ops, s.ops);
  for (const c of s.charts) ctx.registry.charts.push({ name: c.name, sheet: name });
}

/** A group sheet: an Excel table of the tier's customers, sorted by revenue. */
function groupSheet(ctx: PlanContext, g: GroupPlan, index: number): void {
  const L = ctx.locale;
  const b = ctx.builder(g.name, t(L, 'out.title.group', { method: methodLabel(L, g.method, ctx.rules), tier: tierLabel(L, g.method, g.tier), count: g.rows.length }));
  const play = playFor(L, g.method, g.tier, ctx.inp.config);
  if (play) {
    // The tier's action on the blank row above the table (the table stays where it was).
    b.row--;
    b.note(t(L, 'mg.group.action', { action: playText(L, play) }));
  }
  const gcols = listColumns(ctx.names, ctx.inp.result).concat(historyMethods(ctx.inp.result).filter((m) => m !== 'clv_tier'));
  const cols = gcols.filter((c, i) => gcols.indexOf(c) === i);
  writeTable(b, cols.map((c) => ctx.headerOf(c)), g.rows.map((i) => cols.map((c) => ctx.cellOf(c, i))), cols, uniqueTableName(`CT_${g.method}_${index}`, ctx.takenTables), ctx.registry);
  append(ctx.ops, b.ops);
}

function issuesSheet(ctx: PlanContext, name: string): void {
  const L = ctx.locale;
  const { result } = ctx.inp;
  const b = ctx.builder(name, t(L, 'out.title.issues'));
  const shown = result.issues.slice(0, ISSUES_LIMIT);
  const describe = ctx.inp.describeIssue ?? describeIssue;
  const headers = (['sheet', 'row', 'column', 'value', 'severity', 'problem', 'action'] as const).map((k) => t(L, `out.issues.${k}`));
  const rows = shown.map((i) => {
    const d = describe(i, L);
    return [i.sheet, i.row || null, i.column, i.value, t(L, `out.severity.${i.severity}`), d.problem, d.action ?? null] as CellValue[];
  });
  writeTable(b, headers, rows, [], uniqueTableName('CT_Issues', ctx.takenTables), ctx.registry);
  if (result.issues.length > shown.length) b.note(t(L, 'out.issues.more', { n: result.issues.length - shown.length }));
  b.ops.push({ op: 'columnWidth', sheet: name, col: 5, cols: 2, width: 60 });
  append(ctx.ops, b.ops);
}

/** The history after this run: this snapshot in (a re-run of its date replaces it), then as
 *  much in detail as the config and the sheet allow, the rest as counts. */
function boundedHistory(before: History, now: Snapshot, config: TieringConfig): History {
  const merged = upsertHistory(before, now);
  return boundHistory(merged, historyLimits(merged, config));
}

/** History sheet: labels for people, keys for the next refresh (see historySheet.ts). */
function historySheet(ctx: PlanContext, name: string, history: History): void {
  const b = ctx.builder(name, t(ctx.locale, 'out.title.history'));
  // Names from this run win; customers no longer in the data keep the name the sheet showed.
  const names = new Map([...history.names, ...ctx.customerNames()]);
  const tables = writeHistory(b, {
    history,
    config: ctx.inp.config,
    locale: ctx.locale,
    rules: ctx.rules,
    names,
    tableName: (wanted) => uniqueTableName(wanted, ctx.takenTables),
  });
  for (const tb of tables) ctx.registry.tables.push({ name: tb, sheet: name });
  append(ctx.ops, b.ops);
}

/** Customers with a next category to offer (issue 15), by revenue. */
function nextCategorySheet(ctx: PlanContext, name: string): void {
  const L = ctx.locale;
  const next = ctx.col('next_category');
  const rows = sortedRows(ctx.idList.length, ctx.col('revenue'), ctx.idList, (i) => next[i] !== null && next[i] !== undefined);
  const b = ctx.builder(name, t(L, 'pref.next.title', { n: rows.length }));
  b.note(nextCategoryRule(ctx.inp.result, L));
  const cols = NEXT_CATEGORY_COLUMNS.filter((c) => ctx.names.includes(c));
  writeTable(b, cols.map((c) => ctx.headerOf(c)), rows.map((i) => cols.map((c) => ctx.cellOf(c, i))), cols, uniqueTableName('CT_NextCategory', ctx.takenTables), ctx.registry);
  const support = cols.indexOf('next_category_support');
  if (support >= 0) b.format(b.row - rows.length, support, rows.length, 1, { numberFormat: '0.0%' });
  append(ctx.ops, b.ops);
}

export const ISSUES_LIMIT = 20_000;

/** Ops that delete what a (verified) registry lists: our column blocks, then our sheets (their tables and charts go with them). */
export function removalOps(reg: Registry): PlanOp[] {
  const ops: PlanOp[] = [];
  for (const c of reg.columns) {
    if (c.table) ops.push({ op: 'deleteTableColumns', table: c.table, headers: c.headers });
    else ops.push({ op: 'clear', sheet: c.sheet, row: c.row, col: c.col, rows: c.rows + 1, cols: c.headers.length });
    // The widths the block gave its columns go with it (where the user has not changed them since).
    for (const w of widthRuns(c.sheet, c.col, c.widths ?? [])) ops.push({ ...w, op: 'standardWidth' });
  }
  for (const s of reg.sheets) ops.push({ op: 'deleteSheet', name: s.name });
  return ops;
}

/** Columns of the group and customer-list tables: identity, dimensions, key metrics. */
function listColumns(names: string[], result: ClassificationResult): string[] {
  return outputColumns('list', names, (result.dimensions ?? []).map((d) => d.column));
}

/** Row indices passing `keep`, by revenue descending then id ascending (deterministic). */
function sortedRows(n: number, revenue: ArrayLike<unknown>, ids: string[], keep: (i: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) rows.push(i);
  const v = (i: number) => (typeof revenue?.[i] === 'number' && Number.isFinite(revenue[i] as number) ? (revenue[i] as number) : Number.NEGATIVE_INFINITY);
  return rows.sort((a, b) => v(b) - v(a) || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
}

/** Header + rows as an Excel table at the builder's cursor; formats and freezes the header. */
export function writeTable(b: SheetBuilder, headers: string[], rows: CellValue[][], cols: string[], tableName: string, registry: Registry): void {
  const hs = uniqueHeaders(headers.map((h) => h || '-'));
  const top = b.row;
  const body = rows.length ? rows : [hs.map(() => null)];
  b.header(top, 0, hs);
  b.values(top + 1, 0, body);
  b.ops.push({ op: 'addTable', sheet: b.sheet, row: top, col: 0, rows: body.length + 1, cols: hs.length, name: tableName, style: 'TableStyleLight9' });
  registry.tables.push({ name: tableName, sheet: b.sheet });
  cols.forEach((c, j) => {
    const nf = numberFormat(c);
    // Headers over numbers and dates are right-aligned like what they head.
    if (nf) b.format(top + 1, j, body.length, 1, { numberFormat: nf });
    if (nf) b.format(top, j, 1, 1, { align: 'right' });
  });
  for (const op of headerWidthOps(b.sheet, 0, hs, 12)) b.ops.push(op);
  // A date (yyyy-mm-dd) needs more room than its short header gives it.
  cols.forEach((c, j) => {
    if (columnKind(c) === 'date' && displayWidth(hs[j]) + 4 < DATE_WIDTH) b.ops.push({ op: 'columnWidth', sheet: b.sheet, col: j, cols: 1, width: DATE_WIDTH });
  });
  if (cols[1] === 'name') b.ops.push({ op: 'columnWidth', sheet: b.sheet, col: 1, cols: 1, width: 28 });
  b.ops.push({ op: 'freeze', sheet: b.sheet, rows: top + 1, cols: 0 });
  b.row = top + body.length + 1;
}
