// The Summary sheet: run facts, a tier table per method, cut points, cross-tabs, the RFM
// heat-map grid, migration since the previous snapshot, movers down, and native charts.
import type { ClassificationResult, MethodSummary } from '../engine/types';
import type { TieringConfig } from '../config/schema';
import { t, type Locale } from '../i18n';
import { migration, moversDown, type Snapshot } from '../engine/history';
import type { CellValue, ChartSpec, PlanOp } from './ops';
import { SheetBuilder } from './cells';
import { clvValidation } from './clvValidation';
import { preferencesSection } from './preferencesSection';
import { NOTE_FONT, columnHeader, methodLabel, tierFill, tierLabel, type RuleNames } from './labels';

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
  /** Where the charts go (columns right of the tables). */
  chartCol: number;
}

const MONEY = '#,##0.00';
const PCT = '0.0%';
const INT = '#,##0';
export const MOVERS_LIMIT = 500;

/** Cut points as rows of (parameter, value): nested objects flattened to dotted paths. */
export function flattenCuts(v: unknown, prefix = ''): [string, string][] {
  if (v === null || v === undefined) return [[prefix || '-', '']];
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return [[prefix, v.map(scalar).join(', ')]];
    // A list of records (classes, segments): one line each, fields inline.
    return v.map((x, i) => [`${prefix}[${i + 1}]`, typeof x === 'object' && x !== null ? Object.entries(x).map(([k, y]) => `${k}: ${Array.isArray(y) ? y.map(scalar).join('–') : scalar(y)}`).join(', ') : scalar(x)]);
  }
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => flattenCuts(x, prefix ? `${prefix}.${k}` : k));
  return [[prefix, typeof v === 'number' ? String(round(v)) : String(v)]];
}

function scalar(x: unknown): string {
  return typeof x === 'number' ? String(round(x)) : x === null || x === undefined ? '-' : String(x);
}

/** Display rounding: 2 decimals for amounts, 4 for fractions. */
function round(x: number): number {
  return Math.abs(x) >= 1 ? Math.round(x * 100) / 100 : Math.round(x * 1e4) / 1e4;
}

/** What the sections share: the input, the sheet builder, and where the tier tables landed. */
interface Ctx {
  inp: SummaryInput;
  b: SheetBuilder;
  L: Locale;
  label: (method: string) => string;
  /** Data rows of each method's tier table (for the charts). */
  tierTables: Map<string, { row: number; rows: number }>;
}

export function buildSummary(inp: SummaryInput): { ops: PlanOp[]; charts: ChartSpec[] } {
  const L = inp.locale;
  const b = new SheetBuilder(inp.sheet);
  const ctx: Ctx = { inp, b, L, label: (m) => methodLabel(L, m, inp.ruleNames), tierTables: new Map() };
  b.title(t(L, 'out.title.summary'));
  b.markerRow();
  b.row++;
  runFacts(ctx);
  tierTables(ctx);
  cutPoints(ctx);
  crossTabs(ctx);
  rfmHeatMap(ctx);
  const clvCharts = clvValidation(b, inp.result, L);
  const preferenceCharts = preferencesSection(b, inp.result, L, inp.ruleNames, inp.chartCol);
  if (inp.prev) {
    migrations(ctx, inp.prev);
    moversList(ctx, inp.prev);
  } else if (inp.historyMethods.length) {
    b.note(t(L, 'out.migration.none'));
    b.row++;
  }
  const charts = [...chartSection(ctx), ...clvCharts, ...preferenceCharts];
  for (const c of charts) b.ops.push({ op: 'addChart', sheet: inp.sheet, chart: c });
  b.ops.push({ op: 'columnWidth', sheet: inp.sheet, col: 0, cols: 1, width: 30 });
  b.ops.push({ op: 'columnWidth', sheet: inp.sheet, col: 1, cols: inp.chartCol - 1, width: 14 });
  return { ops: b.ops, charts };
}

/** Analysis date, sources, counts, returns policy and the link to the issues sheet. */
function runFacts({ inp, b, L }: Ctx): void {
  const { result } = inp;
  const st = result.stats;
  const issueCount = result.issues.length;
  const facts: [string, CellValue][] = [
    [t(L, 'out.meta.analysisDate'), t(L, result.analysisDateSource === 'config' ? 'out.meta.analysisDate.config' : 'out.meta.analysisDate.latest', { date: result.analysisDate })],
    [t(L, 'out.meta.sources'), inp.sources.join('; ')],
    [t(L, 'out.meta.configVersion'), result.configVersion],
    [t(L, 'out.meta.customers'), st.customers],
    [t(L, 'out.meta.ordersUsed'), st.ordersUsed],
    [t(L, 'out.meta.ordersAfter'), st.ordersAfterAnalysisDate],
    [t(L, 'out.meta.returns'), t(L, st.returnsPolicy === 'net' ? 'out.meta.returns.net' : 'out.meta.returns.exclude', { n: st.returnRows })],
  ];
  b.values(b.row, 0, facts.map(([k, v]) => [k, v]));
  b.format(b.row, 0, facts.length + 1, 1, { bold: true });
  facts.forEach(([, v], i) => typeof v === 'number' && b.format(b.row + i, 1, 1, 1, { numberFormat: INT }));
  b.row += facts.length;
  b.values(b.row, 0, [[t(L, 'out.meta.issues')]]);
  if (issueCount > 0 && inp.issuesSheet) {
    b.link(b.row, 1, t(L, 'out.meta.issues.link', { n: issueCount }), inp.issuesSheet, 'A1');
  } else {
    b.values(b.row, 1, [[issueCount > 0 ? issueCount : t(L, 'out.meta.issues.none')]]);
  }
  b.row += 2;
}

/** One tier table per method. */
function tierTables({ inp, b, L, label, tierTables: placed }: Ctx): void {
  for (const s of inp.result.summaries) {
    b.title(t(L, 'out.tiers.title', { method: label(s.method) }));
    const headers = (['tier', 'customers', 'share', 'revenue', 'revenueShare', 'orders', 'aov'] as const).map((k) => t(L, `out.tiers.${k}`));
    const rows = s.tiers.map((x) => [tierLabel(L, s.method, x.tier), x.customers, x.share, x.revenue, x.revenueShare, x.orders, x.avgOrderValue]);
    const at = b.block(headers, rows);
    formatTierTable(b, s, at.row + 1);
    placed.set(s.method, { row: at.row + 1, rows: rows.length });
  }
}

/** Cut points and thresholds. */
function cutPoints({ inp, b, L, label }: Ctx): void {
  const cutRows: CellValue[][] = [];
  for (const [method, v] of Object.entries(inp.result.cuts)) for (const [k, x] of flattenCuts(v)) cutRows.push([label(method), k, x]);
  if (!cutRows.length) return;
  b.title(t(L, 'out.cuts.title'));
  b.block([t(L, 'out.cuts.method'), t(L, 'out.cuts.parameter'), t(L, 'out.cuts.value')], cutRows);
}

/** Tier × dimension cross-tabs. */
function crossTabs({ inp, b, L, label }: Ctx): void {
  for (const ct of inp.result.crosstabs) {
    const dim = columnHeader(L, ct.dimension);
    b.title(t(L, 'out.crosstab.title', { method: label(ct.method), dimension: dim }));
    const cols = ct.columnValues.map((v) => (v === '' || v === null ? t(L, 'out.crosstab.blank') : v));
    const rows = ct.rowTiers.map((tier, i) => {
      const counts = ct.counts[i];
      return [tierLabel(L, ct.method, tier), ...counts, counts.reduce((a, x) => a + x, 0)];
    });
    const at = b.block([`${label(ct.method)} \\ ${dim}`, ...cols, t(L, 'out.crosstab.total')], rows);
    b.format(at.row + 1, 1, rows.length, cols.length + 1, { numberFormat: INT });
  }
}

/** RFM grid: mean monetary per (R, F) cell, as a colour-scale heat map. */
function rfmHeatMap({ inp, b, L }: Ctx): void {
  const sheet = inp.sheet;
  const grid = rfmGrid(inp.result);
  if (!grid) return;
  b.title(t(L, 'out.rfmgrid.title'));
  const rows = grid.r.map((r, i) => [r, ...grid.mean[i].map((x) => (x === null ? null : Math.round(x * 100) / 100))]);
  const at = b.block([t(L, 'out.rfmgrid.corner'), ...grid.f], rows);
  b.format(at.row + 1, 1, rows.length, grid.f.length, { numberFormat: MONEY });
  // Excel's red-yellow-green with the median in the middle: skewed amounts would otherwise
  // leave all but the top cell at the low colour.
  b.ops.push({ op: 'colorScale', sheet, row: at.row + 1, col: 1, rows: rows.length, cols: grid.f.length, low: '#F8696B', mid: '#FFEB84', midPercentile: 50, high: '#63BE7B' });
}

/** Migration matrices since the previous snapshot, one per method kept in history. */
function migrations({ inp, b, L, label }: Ctx, prev: Snapshot): void {
  for (const m of inp.historyMethods) {
    const mig = migration(prev, inp.now, m, inp.config, inp.result.summaries.find((x) => x.method === m)?.tiers.map((x) => x.tier));
    if (!mig || !mig.fromTiers.length) continue;
    b.title(t(L, 'out.migration.title', { method: label(m), from: mig.from }));
    const rows = mig.fromTiers.map((f, i) => [tierLabel(L, m, f), ...mig.counts[i]]);
    const at = b.block([t(L, 'out.migration.corner'), ...mig.toTiers.map((x) => tierLabel(L, m, x))], rows);
    b.format(at.row + 1, 1, rows.length, mig.toTiers.length, { numberFormat: INT });
    // Diagonal (unchanged) cells in bold so movement stands out.
    mig.fromTiers.forEach((f, i) => {
      const j = mig.toTiers.indexOf(f);
      if (j >= 0) b.format(at.row + 1 + i, 1 + j, 1, 1, { bold: true });
    });
    b.row--;
    b.values(b.row, 0, [[t(L, 'out.migration.entered'), mig.entered], [t(L, 'out.migration.left'), mig.left]]);
    b.format(b.row, 0, 2, 1, { fontColor: NOTE_FONT });
    b.row += 3;
  }
}

/** Customers whose tier got worse since the previous snapshot (the first MOVERS_LIMIT). */
function moversList({ inp, b, L, label }: Ctx, prev: Snapshot): void {
  const movers = moversDown(prev, inp.now, inp.historyMethods, inp.config);
  b.title(t(L, 'out.movers.title', { from: prev.date }));
  if (!movers.length) {
    b.note(t(L, 'out.movers.none'));
    return;
  }
  const shown = movers.slice(0, MOVERS_LIMIT);
  b.block(
    [t(L, 'out.col.customer_id'), t(L, 'out.col.name'), t(L, 'out.movers.method'), t(L, 'out.movers.from'), t(L, 'out.movers.to')],
    shown.map((x) => [x.customer, inp.customerNames.get(x.customer) ?? null, label(x.method), tierLabel(L, x.method, x.from), tierLabel(L, x.method, x.to)]),
  );
  if (movers.length > shown.length) {
    b.row--;
    b.note(t(L, 'out.movers.more', { n: movers.length - shown.length }));
    b.row++;
  }
}

/** The Pareto data block and the native charts (Pareto, customers per segment, revenue per tier). */
function chartSection({ inp, b, L, tierTables: placed }: Ctx): ChartSpec[] {
  const sheet = inp.sheet;
  const charts: ChartSpec[] = [];
  let anchorRow = 3;
  const place = (rows: number) => {
    const a = { row: anchorRow, col: inp.chartCol, rows, cols: 9 };
    anchorRow += rows + 1;
    return a;
  };
  const pareto = paretoBuckets(inp.result);
  if (pareto.length) {
    b.title(t(L, 'out.chart.data'));
    const headers = [t(L, 'out.chart.rank'), t(L, 'out.chart.revenue'), t(L, 'out.chart.cumShare')];
    const rows = pareto.map((p) => [t(L, 'out.chart.bucket', { from: p.from, to: p.to }), p.revenue, p.cumShare]);
    const at = b.block(headers, rows);
    b.format(at.row + 1, 1, rows.length, 1, { numberFormat: MONEY });
    b.format(at.row + 1, 2, rows.length, 1, { numberFormat: PCT });
    const span = { sheet, row: at.row + 1, rows: rows.length };
    charts.push({
      name: 'ct_pareto',
      type: 'pareto',
      title: t(L, 'out.chart.pareto'),
      categories: { ...span, col: 0 },
      series: [
        { name: t(L, 'out.chart.revenue'), ...span, col: 1, axis: 'primary', kind: 'column' },
        { name: t(L, 'out.chart.cumShare'), ...span, col: 2, axis: 'secondary', kind: 'line' },
      ],
      anchor: place(18),
    });
  }
  // Customers per RFM segment (bars) and revenue per ABC class (columns), from their tier tables.
  const fromTierTable = (method: string, name: string, type: ChartSpec['type'], title: string, seriesName: string, col: number, rows: (n: number) => number) => {
    const at = placed.get(method);
    if (!at || !at.rows) return;
    const span = { sheet, row: at.row, rows: at.rows };
    charts.push({ name, type, title, categories: { ...span, col: 0 }, series: [{ name: seriesName, ...span, col }], anchor: place(rows(at.rows)) });
  };
  fromTierTable('rfm_segment', 'ct_segments', 'bar', t(L, 'out.chart.segments'), t(L, 'out.chart.customers'), 1, (n) => Math.max(14, n + 6));
  fromTierTable('abc', 'ct_revenue_tier', 'column', t(L, 'out.chart.revenueTier'), t(L, 'out.chart.revenue'), 3, () => 14);
  return charts;
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

/** Customers ranked by revenue in (up to) 20 equal buckets: bucket revenue and cumulative share. */
export function paretoBuckets(result: ClassificationResult, buckets = 20): { from: number; to: number; revenue: number; cumShare: number }[] {
  const tbl = result.customers;
  if (!tbl.columnNames().includes('abc')) return [];
  const abc = tbl.array('abc') as ArrayLike<unknown>;
  const rev = tbl.array('revenue') as ArrayLike<unknown>;
  const vals: number[] = [];
  for (let i = 0; i < abc.length; i++) {
    const v = rev[i];
    if (abc[i] !== null && abc[i] !== undefined && typeof v === 'number' && Number.isFinite(v)) vals.push(v);
  }
  if (!vals.length) return [];
  vals.sort((a, b) => b - a);
  const total = vals.reduce((a, x) => a + x, 0);
  const k = Math.min(buckets, vals.length);
  const out = [];
  let cum = 0;
  for (let j = 0; j < k; j++) {
    const lo = Math.floor((j * vals.length) / k);
    const hi = Math.floor(((j + 1) * vals.length) / k);
    let s = 0;
    for (let i = lo; i < hi; i++) s += vals[i];
    cum += s;
    out.push({ from: Math.round((j * 100) / k), to: Math.round(((j + 1) * 100) / k), revenue: Math.round(s * 100) / 100, cumShare: total ? cum / total : 0 });
  }
  return out;
}
