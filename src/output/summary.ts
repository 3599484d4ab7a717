// The Summary sheet, built as a list of sections (SUMMARY_SECTIONS): a dashboard top-left with
// the first chart beside it, what changed and what to do, a tier table per method with its
// action, the playbook, the cut points in plain words, cross-tabs, the RFM heat map, the
// migration matrices (with "new this period" and "no longer classified"), the customers who
// moved down (one row each, by value at stake), the run details and the chart data. Charts sit
// in columns A–H next to what they show, so they are on screen at 1366 × 768 with the pane open.
// A section is a function of the shared context: to add one, write `function mySection(ctx:
// Ctx): void` and put it in SUMMARY_SECTIONS where it should appear.
import type { ClassificationResult, MethodSummary } from '../engine/types';
import type { TieringConfig } from '../config/schema';
import { t, type Locale } from '../i18n';
import { customerMovesDown, migration, type Migration, type Snapshot } from '../engine/history';
import type { CellValue, ChartSpec, PlanOp } from './ops';
import { SheetBuilder } from './cells';
import { clvValidation } from './clvValidation';
import { preferencesSection } from './preferencesSection';
import { NOTE_FONT, columnHeader, methodLabel, tierFill, tierLabel, type RuleNames } from './labels';
import { changePlay, playFor, playText, type ChangeKind } from './playbook';
import { cutSentences, plainNumber } from './cutText';
import { ruleSenseProblems, ruleSenseText } from './sense';
import { cellWidth, fitWidths } from './widths';
import { headlineChanges, revenueById, type Changes } from './changes';

export interface SummaryInput {
  sheet: string;
  result: ClassificationResult;
  config: TieringConfig;
  locale: Locale;
  sources: string[];
  issuesSheet: string | null;
  prev: Snapshot | null;
  now: Snapshot;
  historyMethods: string[];
  ruleNames: RuleNames;
  customerNames: Map<string, string>;
  /** Kept for callers: charts now sit in the first columns, beside what they show. */
  chartCol?: number;
}

const MONEY = '#,##0.00';
const PCT = '0.0%';
const INT = '#,##0';
/** Customers listed in the movers table at most (the history sheet has all of them). */
export const MOVERS_LIMIT = 500;
/** Where the first chart goes: beside the dashboard, columns D–H, rows 4–19 (on the first screen). */
export const FIRST_CHART = { row: 3, col: 3, rows: 16, cols: 5 } as const;
/** Charts in the flow of the sheet: columns A–G under the table they show. */
const INLINE_CHART = { cols: 7, rows: 15 } as const;

/** What the sections share: the input, the sheet builder, where things landed, the widths. */
export interface Ctx {
  inp: SummaryInput;
  b: SheetBuilder;
  L: Locale;
  label: (method: string) => string;
  /** Data rows of each method's tier table (for the charts). */
  tierTables: Map<string, { row: number; rows: number }>;
  charts: ChartSpec[];
  /** Widest table cell per column (titles and notes excluded: they run over empty cells). */
  widest: Map<number, number>;
  /** Steps run after every section is placed (charts whose data block comes last). */
  late: (() => void)[];
  changes: Changes;
  revenue: Map<string, number>;
  /** Where the Pareto buckets were written (by chartData), for the chart beside the dashboard. */
  paretoData?: { row: number; rows: number };
  /** A header + rows block at the cursor whose cells count for the column widths. */
  table(headers: CellValue[], rows: CellValue[][], col?: number): { row: number; col: number; rows: number; cols: number };
  /** Reserves rows at the cursor for a chart in columns A–G and anchors it there. */
  chartHere(spec: Omit<ChartSpec, 'anchor'>, rows?: number): void;
}

export type Section = (ctx: Ctx) => void;

/** The summary's sections, top to bottom. One line adds a section. */
export const SUMMARY_SECTIONS: Section[] = [
  dashboard,
  ruleSense,
  whatChanged,
  tierTables,
  playbookSection,
  cutPoints,
  crossTabs,
  rfmHeatMap,
  clvSection,
  preferences,
  migrations,
  moversList,
  runDetails,
  chartData,
];

export function buildSummary(inp: SummaryInput, sections: readonly Section[] = SUMMARY_SECTIONS): { ops: PlanOp[]; charts: ChartSpec[] } {
  const L = inp.locale;
  const b = new SheetBuilder(inp.sheet);
  const ctx = makeCtx(inp, b);
  b.title(t(L, 'out.title.summary'));
  b.markerRow();
  b.row++;
  for (const section of sections) section(ctx);
  for (const step of ctx.late) step();
  for (const c of ctx.charts) b.ops.push({ op: 'addChart', sheet: inp.sheet, chart: c });
  const widths = fitWidths(ctx.widest, 10, 40);
  for (let col = 0; col < 8; col++) {
    const w = Math.max(widths.get(col) ?? 0, col === 0 ? 14 : 12);
    b.ops.push({ op: 'columnWidth', sheet: inp.sheet, col, cols: 1, width: w });
  }
  for (const [col, w] of widths) if (col >= 8) b.ops.push({ op: 'columnWidth', sheet: inp.sheet, col, cols: 1, width: Math.max(w, 12) });
  return { ops: b.ops, charts: ctx.charts };
}

function makeCtx(inp: SummaryInput, b: SheetBuilder): Ctx {
  const L = inp.locale;
  const ctx: Ctx = {
    inp,
    b,
    L,
    label: (m) => methodLabel(L, m, inp.ruleNames),
    tierTables: new Map(),
    charts: [],
    widest: new Map(),
    late: [],
    changes: headlineChanges(inp.result, inp.prev, inp.now, inp.config),
    revenue: revenueById(inp.result),
    table(headers, rows, col = 0) {
      for (const r of [headers, ...rows]) r.forEach((v, j) => ctx.widest.set(col + j, Math.max(ctx.widest.get(col + j) ?? 0, cellWidth(v))));
      return b.alignedBlock(headers, rows, col);
    },
    chartHere(spec, rows = INLINE_CHART.rows) {
      ctx.charts.push({ ...spec, anchor: { row: b.row, col: 0, rows, cols: INLINE_CHART.cols } });
      b.row += rows + 1;
    },
  };
  return ctx;
}

/** A label + value row; with `measure`, the label counts for the width of column A (values may run over). */
function fact(ctx: Ctx, label: string, value: CellValue, fmt?: string, measure = true): void {
  const { b } = ctx;
  b.values(b.row, 0, [[label, value]]);
  b.format(b.row, 0, 1, 1, { bold: true });
  if (fmt) b.format(b.row, 1, 1, 1, { numberFormat: fmt });
  if (measure) ctx.widest.set(0, Math.max(ctx.widest.get(0) ?? 0, cellWidth(label)));
  b.row++;
}

/** Top-left: analysis date, customers, revenue, the headline changes; the Pareto chart beside it. */
function dashboard(ctx: Ctx): void {
  const { inp, b, L } = ctx;
  const { result } = inp;
  const st = result.stats;
  b.title(ctx.changes.from ? t(L, 'mg.dash.titleSince', { from: ctx.changes.from }) : t(L, 'mg.dash.title'));
  fact(ctx, t(L, 'out.meta.analysisDate'), t(L, result.analysisDateSource === 'config' ? 'out.meta.analysisDate.config' : 'out.meta.analysisDate.latest', { date: result.analysisDate }));
  fact(ctx, t(L, 'mg.dash.customers'), st.customers, INT);
  fact(ctx, t(L, 'mg.dash.withOrders'), customersWithOrders(result), INT);
  fact(ctx, t(L, 'mg.dash.revenue'), totalRevenue(ctx), MONEY);
  const m = ctx.changes.method ? ctx.label(ctx.changes.method) : '';
  const line = (kind: ChangeKind) => ctx.changes.lines.find((x) => x.kind === kind);
  if (ctx.changes.from) {
    fact(ctx, t(L, 'mg.dash.new'), line('new')?.customers ?? 0, INT);
    fact(ctx, t(L, 'mg.dash.up', { method: m }), line('up')?.customers ?? 0, INT);
    fact(ctx, t(L, 'mg.dash.down', { method: m }), line('down')?.customers ?? 0, INT);
  } else if (inp.historyMethods.length) {
    fact(ctx, t(L, 'mg.dash.down', { method: m }), t(L, 'mg.dash.firstRun'));
  }
  const risk = line('atRisk');
  if (risk) fact(ctx, t(L, 'mg.dash.atRisk'), risk.customers, INT);
  issuesFact(ctx);
  ctx.late.push(() => placeParetoChart(ctx));
  b.row = Math.max(b.row + 1, FIRST_CHART.row + FIRST_CHART.rows + 1);
}

function issuesFact({ inp, b, L }: Ctx): void {
  const n = inp.result.issues.length;
  b.values(b.row, 0, [[t(L, 'out.meta.issues')]]);
  b.format(b.row, 0, 1, 1, { bold: true });
  if (n > 0 && inp.issuesSheet) b.link(b.row, 1, t(L, 'out.meta.issues.link', { n }), inp.issuesSheet, 'A1');
  else b.values(b.row, 1, [[n > 0 ? n : t(L, 'out.meta.issues.none')]]);
  b.row++;
}

function customersWithOrders(result: ClassificationResult): number {
  const orders = result.customers.columnNames().includes('orders') ? (result.customers.array('orders') as ArrayLike<unknown>) : [];
  let n = 0;
  for (let i = 0; i < orders.length; i++) if (typeof orders[i] === 'number' && (orders[i] as number) > 0) n++;
  return n;
}

function totalRevenue(ctx: Ctx): number {
  let s = 0;
  for (const v of ctx.revenue.values()) s += v;
  return Math.round(s * 100) / 100;
}

/** A warning when a rule set puts most of the top ABC value in its lowest tier. */
function ruleSense(ctx: Ctx): void {
  for (const p of ruleSenseProblems(ctx.inp.result, ctx.inp.config)) {
    ctx.b.values(ctx.b.row, 0, [[`⚠ ${ruleSenseText(ctx.L, p)}`]]);
    ctx.b.format(ctx.b.row, 0, 1, 1, { bold: true, fontColor: '#C00000' });
    ctx.b.row += 2;
  }
}

/** New, moved up, moved down, at risk: customers, their revenue, and what to do. */
function whatChanged(ctx: Ctx): void {
  const { b, L, changes } = ctx;
  if (!changes.lines.length) return;
  b.title(changes.from ? t(L, 'mg.change.title', { from: changes.from }) : t(L, 'mg.change.titleFirst'));
  const m = changes.method ? ctx.label(changes.method) : '';
  const rows = changes.lines.map((x) => [t(L, `mg.change.${x.kind}`, { method: m }), x.customers, Math.round(x.value * 100) / 100, playText(L, changePlay(L, x.kind, ctx.inp.config))]);
  const at = b.block([t(L, 'mg.change.what'), t(L, 'mg.change.customers'), t(L, 'mg.change.value'), t(L, 'mg.change.action')], rows);
  rows.forEach((r) => ctx.widest.set(0, Math.max(ctx.widest.get(0) ?? 0, cellWidth(r[0]))));
  b.format(at.row + 1, 1, rows.length, 1, { numberFormat: INT });
  b.format(at.row + 1, 2, rows.length, 1, { numberFormat: MONEY });
  b.format(at.row, 3, rows.length + 1, 1, ACTION_BESIDE_NUMBERS);
}

/**
 * The action column right of a column of right-aligned figures (and their right-aligned
 * header): left-aligned and indented, or the last figure and the action read as one run of text.
 */
const ACTION_BESIDE_NUMBERS = { align: 'left', indent: 1 } as const;

/** One tier table per method, with the base of its shares and the action of each tier. */
function tierTables(ctx: Ctx): void {
  const { inp, b, L, label } = ctx;
  for (const s of inp.result.summaries) {
    b.title(t(L, 'out.tiers.title', { method: label(s.method) }));
    const base = s.tiers.reduce((a, x) => a + x.customers, 0);
    const revenue = s.tiers.reduce((a, x) => a + x.revenue, 0);
    b.note(t(L, 'mg.base', { n: plainNumber(base), method: label(s.method), revenue: plainNumber(Math.round(revenue * 100) / 100) }));
    const headers = [...(['tier', 'customers', 'share', 'revenue', 'revenueShare', 'orders', 'aov'] as const).map((k) => t(L, `out.tiers.${k}`)), t(L, 'mg.tiers.action')];
    const rows = s.tiers.map((x) => [tierLabel(L, s.method, x.tier), x.customers, x.share, x.revenue, x.revenueShare, x.orders, x.avgOrderValue, playFor(L, s.method, x.tier, inp.config)?.action ?? '']);
    const at = ctx.table(headers.slice(0, 7), rows.map((r) => r.slice(0, 7)));
    // The action runs over the empty cells to its right: it does not widen column H.
    b.values(at.row, 7, [[headers[7]], ...rows.map((r) => [r[7]])]);
    b.format(at.row, 7, 1, 1, { bold: true, fill: '#1F4E78', fontColor: '#FFFFFF' });
    b.format(at.row, 7, rows.length + 1, 1, ACTION_BESIDE_NUMBERS);
    formatTierTable(b, s, at.row + 1);
    ctx.tierTables.set(s.method, { row: at.row + 1, rows: rows.length });
    if (s.method === 'rfm_segment') segmentChart(ctx, at.row + 1, rows.length);
    if (s.method === 'abc') revenueChart(ctx, at.row + 1, rows.length);
  }
}

/** Customers per RFM segment, under the segment table. */
function segmentChart(ctx: Ctx, row: number, rows: number): void {
  const sheet = ctx.inp.sheet;
  const span = { sheet, row, rows };
  ctx.chartHere(
    { name: 'ct_segments', type: 'bar', title: t(ctx.L, 'out.chart.segments'), categories: { ...span, col: 0 }, series: [{ name: t(ctx.L, 'out.chart.customers'), ...span, col: 1 }], axisTitles: { x: t(ctx.L, 'mg.chart.axisSegment'), y: t(ctx.L, 'out.chart.customers') }, dataLabels: true },
    Math.max(INLINE_CHART.rows, rows + 5),
  );
}

/** Revenue per ABC class, under the ABC table. */
function revenueChart(ctx: Ctx, row: number, rows: number): void {
  const L = ctx.L;
  const span = { sheet: ctx.inp.sheet, row, rows };
  ctx.chartHere({ name: 'ct_revenue_tier', type: 'column', title: t(L, 'out.chart.revenueTier'), categories: { ...span, col: 0 }, series: [{ name: t(L, 'out.chart.revenue'), ...span, col: 3 }], axisTitles: { x: t(L, 'mg.chart.axisTier'), y: t(L, 'out.chart.revenue') }, dataLabels: true }, 14);
}

/** Each tier's action and owner, per method. */
function playbookSection(ctx: Ctx): void {
  const { inp, b, L, label } = ctx;
  const rows: CellValue[][] = [];
  for (const s of inp.result.summaries) {
    for (const x of s.tiers) {
      const p = playFor(L, s.method, x.tier, inp.config);
      if (p) rows.push([label(s.method), tierLabel(L, s.method, x.tier), p.action, p.owner]);
    }
  }
  if (!rows.length) return;
  b.title(t(L, 'mg.play.title'));
  b.note(t(L, 'mg.play.note'));
  // Method and tier count for the widths; the action runs over to the owner column (F).
  const at = ctx.table([t(L, 'mg.play.method'), t(L, 'mg.play.tier')], rows.map((r) => r.slice(0, 2)));
  b.values(at.row, 2, [[t(L, 'mg.play.action')], ...rows.map((r) => [r[2]])]);
  b.values(at.row, 5, [[t(L, 'mg.play.owner')], ...rows.map((r) => [r[3]])]);
  b.format(at.row, 2, 1, 4, { bold: true, fill: '#1F4E78', fontColor: '#FFFFFF' });
}

/** How the tiers were decided, in plain words with units. */
function cutPoints(ctx: Ctx): void {
  const { inp, b, L, label } = ctx;
  const lines = cutSentences(L, inp.result);
  if (!lines.length) return;
  b.title(t(L, 'mg.cuts.title'));
  const at = ctx.table([t(L, 'out.cuts.method')], lines.map(([m]) => [label(m)]));
  b.values(at.row, 1, [[t(L, 'mg.cuts.rule')], ...lines.map(([, , s]) => [s])]);
  b.format(at.row, 1, 1, 7, { bold: true, fill: '#1F4E78', fontColor: '#FFFFFF' });
}

/** Tier × dimension cross-tabs. */
function crossTabs(ctx: Ctx): void {
  const { inp, b, L, label } = ctx;
  for (const ct of inp.result.crosstabs) {
    const dim = columnHeader(L, ct.dimension);
    b.title(t(L, 'out.crosstab.title', { method: label(ct.method), dimension: dim }));
    const cols = ct.columnValues.map((v) => (v === '' || v === null ? t(L, 'out.crosstab.blank') : v));
    const rows = ct.rowTiers.map((tier, i) => {
      const counts = ct.counts[i];
      return [tierLabel(L, ct.method, tier), ...counts, counts.reduce((a, x) => a + x, 0)];
    });
    const at = ctx.table([`${label(ct.method)} \\ ${dim}`, ...cols, t(L, 'out.crosstab.total')], rows);
    b.format(at.row + 1, 1, rows.length, cols.length + 1, { numberFormat: INT });
  }
}

/** RFM grid: mean monetary per (R, F) cell, as a colour-scale heat map. */
function rfmHeatMap(ctx: Ctx): void {
  const { inp, b, L } = ctx;
  const grid = rfmGrid(inp.result);
  if (!grid) return;
  b.title(t(L, 'out.rfmgrid.title'));
  const rows = grid.r.map((r, i) => [r, ...grid.mean[i].map((x) => (x === null ? null : Math.round(x * 100) / 100))]);
  const at = ctx.table([t(L, 'out.rfmgrid.corner'), ...grid.f], rows);
  b.format(at.row + 1, 1, rows.length, grid.f.length, { numberFormat: MONEY });
  // Excel's red-yellow-green with the median in the middle: skewed amounts would otherwise
  // leave all but the top cell at the low colour.
  b.ops.push({ op: 'colorScale', sheet: inp.sheet, row: at.row + 1, col: 1, rows: rows.length, cols: grid.f.length, low: '#F8696B', mid: '#FFEB84', midPercentile: 50, high: '#63BE7B' });
}

/** Migration matrices since the previous snapshot, one per method kept in history. */
function migrations(ctx: Ctx): void {
  const { inp, b, L, label } = ctx;
  const prev = inp.prev;
  if (!prev) {
    if (inp.historyMethods.length) {
      b.note(t(L, 'out.migration.none'));
      b.row++;
    }
    return;
  }
  for (const m of inp.historyMethods) {
    const mig = migration(prev, inp.now, m, inp.config, inp.result.summaries.find((x) => x.method === m)?.tiers.map((x) => x.tier));
    if (!mig || !mig.fromTiers.length) continue;
    b.title(t(L, 'out.migration.title', { method: label(m), from: mig.from }));
    b.note(t(L, 'mg.mig.note', { from: mig.from, before: plainNumber(mig.before), after: plainNumber(mig.after) }));
    migrationTable(ctx, mig);
  }
}

/** The matrix with its "new this period" row, "no longer classified" column and totals. */
function migrationTable(ctx: Ctx, mig: Migration): void {
  const { b, L } = ctx;
  const m = mig.method;
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  const rows: CellValue[][] = mig.fromTiers.map((f, i) => [tierLabel(L, m, f), ...mig.counts[i], mig.goneCol[i], sum(mig.counts[i]) + mig.goneCol[i]]);
  rows.push([t(L, 'mg.mig.new'), ...mig.newRow, 0, sum(mig.newRow)]);
  const colTotals = mig.toTiers.map((_, j) => sum(mig.counts.map((r) => r[j])) + mig.newRow[j]);
  rows.push([t(L, 'mg.mig.total'), ...colTotals, mig.left, mig.before + mig.entered]);
  const headers = [t(L, 'out.migration.corner'), ...mig.toTiers.map((x) => tierLabel(L, m, x)), t(L, 'mg.mig.gone'), t(L, 'mg.mig.total')];
  const at = ctx.table(headers, rows);
  const n = mig.toTiers.length;
  b.format(at.row + 1, 1, rows.length, n + 2, { numberFormat: INT });
  // Diagonal (unchanged) cells and the totals in bold, so movement stands out.
  mig.fromTiers.forEach((_, i) => b.format(at.row + 1 + i, 1 + i, 1, 1, { bold: true }));
  b.format(at.row + rows.length, 0, 1, n + 3, { bold: true });
  b.format(at.row + 1, n + 2, rows.length, 1, { bold: true });
  b.format(at.row + rows.length - 1, 0, 1, 1, { fontColor: NOTE_FONT, bold: true });
}

/** Customers who moved down since the previous snapshot: one row each, by value at stake. */
function moversList(ctx: Ctx): void {
  const { inp, b, L, label } = ctx;
  const prev = inp.prev;
  if (!prev) return;
  const movers = customerMovesDown(prev, inp.now, inp.historyMethods, ctx.revenue, inp.config);
  b.title(t(L, 'mg.movers.title', { from: prev.date }));
  if (!movers.length) {
    b.note(t(L, 'out.movers.none'));
    b.row++;
    return;
  }
  b.note(t(L, 'mg.movers.count', { n: plainNumber(movers.length) }));
  const shown = movers.slice(0, MOVERS_LIMIT);
  const sep = L === 'zh-CN' ? '；' : '; ';
  const moveText = (x: (typeof movers)[number]) =>
    x.moves.map((mv) => `${label(mv.method)}: ${mv.from === null ? '—' : tierLabel(L, mv.method, mv.from)} → ${mv.to === null ? '—' : tierLabel(L, mv.method, mv.to)}`).join(sep);
  // Id, value at stake and name count for the widths (the name is never cut); the moves run over.
  const rows = shown.map((x) => [x.customer, Math.round(x.value * 100) / 100, inp.customerNames.get(x.customer) ?? null]);
  const at = ctx.table([t(L, 'out.col.customer_id'), t(L, 'mg.movers.value'), t(L, 'out.col.name')], rows);
  b.values(at.row, 3, [[t(L, 'mg.movers.moves')], ...shown.map((x) => [moveText(x)])]);
  b.format(at.row, 3, 1, 5, { bold: true, fill: '#1F4E78', fontColor: '#FFFFFF' });
  b.format(at.row + 1, 1, rows.length, 1, { numberFormat: MONEY });
  if (movers.length > shown.length) {
    b.row--;
    b.note(t(L, 'mg.movers.more', { n: plainNumber(movers.length - shown.length) }));
    b.row++;
  }
}

/** Sources, config version, orders used and left out, the returns policy. */
function runDetails(ctx: Ctx): void {
  const { inp, b, L } = ctx;
  const st = inp.result.stats;
  b.title(t(L, 'mg.details.title'));
  // At the bottom of the sheet: these labels run over column B rather than widen column A.
  fact(ctx, t(L, 'out.meta.sources'), inp.sources.join('; '), undefined, false);
  fact(ctx, t(L, 'out.meta.configVersion'), inp.result.configVersion, undefined, false);
  fact(ctx, t(L, 'out.meta.ordersUsed'), st.ordersUsed, INT, false);
  fact(ctx, t(L, 'out.meta.ordersAfter'), st.ordersAfterAnalysisDate, INT, false);
  fact(ctx, t(L, 'out.meta.returns'), t(L, st.returnsPolicy === 'net' ? 'out.meta.returns.net' : 'out.meta.returns.exclude', { n: st.returnRows }), undefined, false);
  b.row++;
}

/** The Pareto buckets, each marked with its ABC class: the data of the chart beside the dashboard. */
function chartData(ctx: Ctx): void {
  const { inp, b, L } = ctx;
  const pareto = paretoBuckets(inp.result);
  if (!pareto.length) return;
  b.title(t(L, 'out.chart.data'));
  const headers = [t(L, 'out.chart.rank'), t(L, 'out.chart.revenue'), t(L, 'out.chart.cumShare')];
  // "A 5" … "B 25" … "C 100": the class and the top share of customers the bucket ends at.
  const rows = pareto.map((p) => [`${p.tier ? `${tierLabel(L, 'abc', p.tier)} ` : ''}${p.to}`, p.revenue, p.cumShare]);
  // The chart's data, last on the sheet: it does not set the widths of the tables above.
  const at = b.block(headers, rows);
  b.format(at.row + 1, 1, rows.length, 1, { numberFormat: MONEY });
  b.format(at.row + 1, 2, rows.length, 1, { numberFormat: PCT });
  ctx.paretoData = { row: at.row + 1, rows: rows.length };
}

/** The Pareto chart beside the dashboard (its data is written last, by chartData). */
function placeParetoChart(ctx: Ctx): void {
  const at = ctx.paretoData;
  if (!at) return;
  const L = ctx.L;
  const span = { sheet: ctx.inp.sheet, row: at.row, rows: at.rows };
  ctx.charts.unshift({
    name: 'ct_pareto',
    type: 'pareto',
    title: t(L, 'out.chart.pareto'),
    categories: { ...span, col: 0 },
    series: [
      { name: t(L, 'out.chart.revenue'), ...span, col: 1, axis: 'primary', kind: 'column' },
      { name: t(L, 'out.chart.cumShare'), ...span, col: 2, axis: 'secondary', kind: 'line' },
    ],
    axisTitles: { x: t(L, 'mg.chart.axisRank'), y: t(L, 'out.chart.revenue'), y2: t(L, 'out.chart.cumShare') },
    anchor: { ...FIRST_CHART },
  });
}

function formatTierTable(b: SheetBuilder, s: MethodSummary, row: number): void {
  const n = s.tiers.length;
  const order = s.tiers.map((x) => x.tier);
  s.tiers.forEach((x, i) => b.format(row + i, 0, 1, 1, { fill: tierFill(s.method, x.tier, order) }));
  b.format(row, 1, n, 1, { numberFormat: INT });
  b.format(row, 2, n, 1, { numberFormat: PCT });
  b.format(row, 3, n, 1, { numberFormat: MONEY });
  b.format(row, 4, n, 1, { numberFormat: PCT });
  b.format(row, 5, n, 1, { numberFormat: INT });
  b.format(row, 6, n, 1, { numberFormat: MONEY });
}

/** Mean monetary value per (R, F) score cell; R rows best first, F columns ascending. */
export function rfmGrid(result: ClassificationResult): { r: number[]; f: number[]; mean: (number | null)[][] } | null {
  const tbl = result.customers;
  const names = tbl.columnNames();
  if (!names.includes('rfm_r') || !names.includes('rfm_f')) return null;
  const R = tbl.array('rfm_r') as ArrayLike<unknown>;
  const F = tbl.array('rfm_f') as ArrayLike<unknown>;
  const M = tbl.array('revenue') as ArrayLike<unknown>;
  let maxScore = 0;
  const sum = new Map<string, [number, number]>();
  for (let i = 0; i < R.length; i++) {
    const r = R[i];
    const f = F[i];
    const m = M[i];
    if (typeof r !== 'number' || typeof f !== 'number' || typeof m !== 'number' || !Number.isFinite(m)) continue;
    maxScore = Math.max(maxScore, r, f);
    const k = `${r},${f}`;
    const cell = sum.get(k) ?? [0, 0];
    cell[0] += m;
    cell[1]++;
    sum.set(k, cell);
  }
  if (!maxScore) return null;
  const scores = Array.from({ length: maxScore }, (_, i) => i + 1);
  const r = [...scores].reverse();
  return {
    r,
    f: scores,
    mean: r.map((ri) => scores.map((fi) => {
      const c = sum.get(`${ri},${fi}`);
      return c ? c[0] / c[1] : null;
    })),
  };
}

/**
 * Customers ranked by revenue in (up to) 20 equal buckets: bucket revenue, cumulative share,
 * and the ABC class of the bucket's last customer (so the chart's axis marks where A, B and C
 * end).
 */
export function paretoBuckets(result: ClassificationResult, buckets = 20): { from: number; to: number; revenue: number; cumShare: number; tier: string | null }[] {
  const tbl = result.customers;
  if (!tbl.columnNames().includes('abc')) return [];
  const abc = tbl.array('abc') as ArrayLike<unknown>;
  const rev = tbl.array('revenue') as ArrayLike<unknown>;
  const vals: { v: number; tier: string }[] = [];
  for (let i = 0; i < abc.length; i++) {
    const v = rev[i];
    if (abc[i] !== null && abc[i] !== undefined && typeof v === 'number' && Number.isFinite(v)) vals.push({ v, tier: String(abc[i]) });
  }
  if (!vals.length) return [];
  vals.sort((a, b) => b.v - a.v);
  const total = vals.reduce((a, x) => a + x.v, 0);
  const k = Math.min(buckets, vals.length);
  const out = [];
  let cum = 0;
  for (let j = 0; j < k; j++) {
    const lo = Math.floor((j * vals.length) / k);
    const hi = Math.floor(((j + 1) * vals.length) / k);
    let s = 0;
    for (let i = lo; i < hi; i++) s += vals[i].v;
    cum += s;
    out.push({ from: Math.round((j * 100) / k), to: Math.round(((j + 1) * 100) / k), revenue: Math.round(s * 100) / 100, cumShare: total ? cum / total : 0, tier: hi > lo ? vals[hi - 1].tier : null });
  }
  return out;
}

/** CLV holdout validation (clvValidation.ts): its tables, then its charts under them within A–H. */
function clvSection(ctx: Ctx): void {
  const { L } = ctx;
  const axes: Record<string, ChartSpec['axisTitles']> = {
    ct_clv_holdout_bins: { x: t(L, 'clv.holdout.bin'), y: t(L, 'clv.holdout.axis_purchases') },
    ct_clv_holdout_tracking: { x: t(L, 'clv.holdout.week'), y: t(L, 'clv.holdout.axis_cumulative') },
  };
  placeInline(ctx, clvValidation(ctx.b, ctx.inp.result, L), axes);
}

/** Needs and habits (preferencesSection.ts): its tables, then its charts under them within A–H. */
function preferences(ctx: Ctx): void {
  const { L } = ctx;
  const axes: Record<string, ChartSpec['axisTitles']> = {
    ct_pref_channels: { x: t(L, 'pref.col.channel'), y: t(L, 'pref.col.spend') },
    ct_pref_weekday: { x: t(L, 'pref.weekday.day'), y: t(L, 'pref.weekday.days') },
  };
  placeInline(ctx, preferencesSection(ctx.b, ctx.inp.result, L, ctx.inp.ruleNames, 0), axes);
}

/** A section's charts, placed like every other summary chart: at the cursor, columns A–G, with axis titles and values. */
function placeInline(ctx: Ctx, charts: ChartSpec[], axes: Record<string, ChartSpec['axisTitles']>): void {
  for (const c of charts) {
    const { anchor: _anchor, ...spec } = c;
    void _anchor;
    ctx.chartHere({ ...spec, axisTitles: spec.axisTitles ?? axes[spec.name], dataLabels: true });
  }
}
