// The summary's "needs and habits" section (issue 15) and the rows of the next-category sheet,
// as plan ops: category × tier heat map (colour scale), top categories per ABC class and RFM
// segment, categories, channel mix (bars), purchase days by weekday (columns), and habit tiers
// cross-tabbed against ABC and activity. Reads only result.reports.preferences and the result
// table; every word through i18n and labels.
import type { ClassificationResult } from '../engine/types';
import type { PreferencesReport } from '../engine/methods/preferences';
import { t, type Locale } from '../i18n';
import type { CellValue, ChartSpec } from './ops';
import type { SheetBuilder } from './cells';
import { methodLabel, tierFill, tierLabel, type RuleNames } from './labels';

const MONEY = '#,##0.00';
const PCT = '0.0%';
const INT = '#,##0';
/** Categories listed in the category table at most. */
const CATEGORY_ROWS = 20;

export function preferencesReport(result: ClassificationResult): PreferencesReport | null {
  return (result.reports.preferences as PreferencesReport | undefined) ?? null;
}

interface Section {
  b: SheetBuilder;
  L: Locale;
  rep: PreferencesReport;
  label: (method: string) => string;
  charts: ChartSpec[];
  chartCol: number;
}

/** Writes the section at the builder's cursor; returns its charts (the caller adds and registers them). */
export function preferencesSection(b: SheetBuilder, result: ClassificationResult, L: Locale, rules: RuleNames, chartCol: number): ChartSpec[] {
  const rep = preferencesReport(result);
  if (!rep) return [];
  const s: Section = { b, L, rep, label: (m) => methodLabel(L, m, rules), charts: [], chartCol };
  b.title(t(L, 'pref.title'));
  b.note(t(L, 'pref.note', { categories: rep.categories.length, channels: rep.channels.length }));
  b.row++;
  heatMap(s);
  topByTier(s);
  categories(s);
  channels(s);
  weekdays(s);
  crossTabs(s);
  return s.charts;
}

/** Category × tier: each tier's share of spend per category, coloured white → green by value. */
function heatMap({ b, L, rep, label }: Section): void {
  const h = rep.heat;
  if (!h || !h.categories.length) return;
  b.title(t(L, 'pref.heat.title', { method: label(h.method) }));
  const rows = h.categories.map((c, i) => [c, ...h.share[i]]);
  const at = b.alignedBlock([t(L, 'pref.heat.corner'), ...h.tiers.map((x) => tierLabel(L, h.method, x))], rows);
  b.format(at.row + 1, 1, rows.length, h.tiers.length, { numberFormat: PCT });
  b.ops.push({ op: 'colorScale', sheet: b.sheet, row: at.row + 1, col: 1, rows: rows.length, cols: h.tiers.length, low: '#FFFFFF', mid: '#C6EFCE', midPercentile: 50, high: '#63BE7B' });
}

/** Per tier: customers, then the top categories with their share of the tier's spend. */
function topByTier({ b, L, rep, label }: Section): void {
  for (const m of rep.byTier) {
    const k = Math.max(0, ...m.tiers.map((x) => x.top.length));
    if (!k) continue;
    b.title(t(L, 'pref.top.title', { method: label(m.method) }));
    const headers: CellValue[] = [t(L, 'pref.top.tier'), t(L, 'pref.top.customers')];
    for (let i = 1; i <= k; i++) headers.push(`#${i} ${t(L, 'pref.col.category')}`, t(L, 'pref.col.share'));
    const rows = m.tiers.map((x) => {
      const r: CellValue[] = [tierLabel(L, m.method, x.tier), x.customers];
      for (let i = 0; i < k; i++) r.push(x.top[i]?.category ?? null, x.top[i]?.share ?? null);
      return r;
    });
    const at = b.alignedBlock(headers, rows);
    const order = m.tiers.map((x) => x.tier);
    m.tiers.forEach((x, i) => b.format(at.row + 1 + i, 0, 1, 1, { fill: tierFill(m.method, x.tier, order) }));
    b.format(at.row + 1, 1, rows.length, 1, { numberFormat: INT });
    for (let i = 0; i < k; i++) b.format(at.row + 1, 3 + 2 * i, rows.length, 1, { numberFormat: PCT });
  }
}

function categories({ b, L, rep }: Section): void {
  if (!rep.categories.length) return;
  const total = rep.categories.reduce((a, x) => a + x.spend, 0);
  const shown = rep.categories.slice(0, CATEGORY_ROWS);
  b.title(t(L, 'pref.categories.title'));
  const rows = shown.map((x) => [x.name, x.spend, total > 0 ? x.spend / total : 0, x.buyers, x.dominant]);
  const at = b.alignedBlock([t(L, 'pref.col.category'), t(L, 'pref.col.spend'), t(L, 'pref.col.share'), t(L, 'pref.col.buyers'), t(L, 'pref.col.dominant')], rows);
  moneyShareCounts(b, at.row + 1, rows.length);
}

function channels(s: Section): void {
  const { b, L, rep } = s;
  if (!rep.channels.length) return;
  b.title(t(L, 'pref.channel.title'));
  const rows = rep.channels.map((x) => [x.name, x.spend, x.share, x.buyers, x.dominant]);
  const at = b.alignedBlock([t(L, 'pref.col.channel'), t(L, 'pref.col.spend'), t(L, 'pref.col.share'), t(L, 'pref.col.buyers'), t(L, 'pref.col.dominant')], rows);
  moneyShareCounts(b, at.row + 1, rows.length);
  const span = { sheet: b.sheet, row: at.row + 1, rows: rows.length };
  s.charts.push({
    name: 'ct_pref_channels',
    type: 'bar',
    title: t(L, 'pref.chart.channels'),
    categories: { ...span, col: 0 },
    series: [{ name: t(L, 'pref.col.spend'), ...span, col: 1 }],
    anchor: { row: at.row, col: s.chartCol, rows: 14, cols: 7 },
  });
}

/** Distinct customer-days and spend per weekday, Monday first. */
function weekdays(s: Section): void {
  const { b, L, rep } = s;
  const order = [1, 2, 3, 4, 5, 6, 0];
  b.title(t(L, 'pref.weekday.title'));
  const rows = order.map((w) => [t(L, `pref.weekday.${w}` as 'pref.weekday.0'), rep.weekday.days[w], rep.weekday.spend[w]]);
  const at = b.alignedBlock([t(L, 'pref.weekday.day'), t(L, 'pref.weekday.days'), t(L, 'pref.col.spend')], rows);
  b.format(at.row + 1, 1, rows.length, 1, { numberFormat: INT });
  b.format(at.row + 1, 2, rows.length, 1, { numberFormat: MONEY });
  const span = { sheet: b.sheet, row: at.row + 1, rows: rows.length };
  s.charts.push({
    name: 'ct_pref_weekday',
    type: 'column',
    title: t(L, 'pref.chart.weekday'),
    categories: { ...span, col: 0 },
    series: [{ name: t(L, 'pref.weekday.days'), ...span, col: 1 }],
    anchor: { row: at.row, col: s.chartCol, rows: 14, cols: 7 },
  });
}

/** Habit tier × ABC class / activity tier: customers. */
function crossTabs({ b, L, rep, label }: Section): void {
  for (const ct of rep.crosstabs) {
    b.title(t(L, 'pref.crosstab.title', { habit: label(ct.habit), method: label(ct.method) }));
    const rows = ct.habitTiers.map((h, i) => [tierLabel(L, ct.habit, h), ...ct.counts[i]]);
    const at = b.alignedBlock([`${label(ct.habit)} \\ ${label(ct.method)}`, ...ct.tiers.map((x) => tierLabel(L, ct.method, x))], rows);
    ct.habitTiers.forEach((h, i) => b.format(at.row + 1 + i, 0, 1, 1, { fill: tierFill(ct.habit, h, ct.habitTiers) }));
    b.format(at.row + 1, 1, rows.length, ct.tiers.length, { numberFormat: INT });
  }
}

function moneyShareCounts(b: SheetBuilder, row: number, rows: number): void {
  b.format(row, 1, rows, 1, { numberFormat: MONEY });
  b.format(row, 2, rows, 1, { numberFormat: PCT });
  b.format(row, 3, rows, 2, { numberFormat: INT });
}

/** Columns of the next-category sheet (those the result has). */
export const NEXT_CATEGORY_COLUMNS = ['customer_id', 'name', 'abc', 'rfm_segment', 'dominant_category', 'category_count', 'next_category', 'next_category_support', 'revenue'] as const;

/** Whether the run made suggestions (the next-category sheet is written only then). */
export function hasSuggestions(result: ClassificationResult): boolean {
  return (preferencesReport(result)?.suggestions ?? 0) > 0 && result.customers.columnNames().includes('next_category');
}

/** The rule note under the sheet's title, with the configured support and peers. */
export function nextCategoryRule(result: ClassificationResult, L: Locale): string {
  const th = preferencesReport(result)?.thresholds;
  const support = th?.support ?? 0.2;
  return t(L, 'pref.next.rule', { support: `${Math.round(support * 1000) / 10}%`, minPeers: th?.minPeers ?? 5 });
}
