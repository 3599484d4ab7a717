// The preferences method (config methods.preferences, issue 15): per-customer needs-and-habits
// columns, habit tiers, and the category insight per tier. Pure: order rows + customer order +
// the other methods' tier columns in, columns and a JSON-serialisable report out.
import type { PreferencesConfig } from '../../../config/schema';
import type { OrderData } from '../../types';
import { computePreferences } from './accumulate';
import { categoryTierShares, nextCategory, topCategoriesByTier, type TierCategories } from './insight';
import { TIME_BANDS, type CustomerPreferences, type Dimension } from './kernel';
import { BREADTH_HABITS, DAY_HABITS, PRICE_HABITS, breadthHabit, dayHabit, priceHabit } from './tiers';

export { computePreferences } from './accumulate';
export { TIME_BANDS, weekdayOf, bandOfMinute, type CustomerPreferences } from './kernel';
export { BREADTH_HABITS, DAY_HABITS, PRICE_HABITS } from './tiers';
export { nextCategory, topCategoriesByTier, categoryTierShares } from './insight';

type Column = ArrayLike<unknown> & Iterable<unknown>;

/** A tier column of another method the insight is cut by. */
export interface TierInput {
  method: string;
  tiers: readonly (string | null)[];
  order: readonly string[];
}

export interface HabitCrossTab {
  habit: string;
  method: string;
  habitTiers: string[];
  tiers: string[];
  /** counts[i][j]: customers with habitTiers[i] in tiers[j]. */
  counts: number[][];
}

export interface PreferencesReport {
  level: 'category' | 'subcategory';
  thresholds: Omit<PreferencesConfig, 'enabled' | 'level'>;
  /** Categories by spend (most first): spend, buyers, customers for whom it is dominant. */
  categories: { name: string; spend: number; buyers: number; dominant: number }[];
  channels: { name: string; spend: number; share: number; buyers: number; dominant: number }[];
  /** Distinct customer-days and spend per weekday, 0 = Sunday. */
  weekday: { days: number[]; spend: number[] };
  byTier: { method: string; tiers: TierCategories[] }[];
  heat: { method: string; categories: string[]; tiers: string[]; share: number[][] } | null;
  crosstabs: HabitCrossTab[];
  /** Customers with a next-category suggestion. */
  suggestions: number;
  hasTime: boolean;
}

type HabitTiers = { method: string; tiers: (string | null)[]; order: readonly string[] };

export interface PreferencesRun {
  columns: Record<string, Column>;
  /** Habit tier columns with their vocabularies, for summaries. */
  habits: { method: string; tiers: (string | null)[]; order: readonly string[] }[];
  report: PreferencesReport;
}

/** Heat-map rows (categories) at most. */
const HEAT_CATEGORIES = 12;

export function runPreferences(orders: OrderData, ids: readonly string[], analysisDay: number, cfg: PreferencesConfig, by: TierInput[]): PreferencesRun | null {
  const habits = orders.habits;
  if (!habits) return null;
  const p = computePreferences({ orders, habits, ids, analysisDay, level: cfg.level });
  const columns = preferenceColumns(p, orders.habits?.minute != null);
  const candidates: { method: string; tiers: (string | null)[] | null; order: readonly string[] }[] = [
    { method: 'day_habit', tiers: dayHabit(p, cfg), order: DAY_HABITS },
    { method: 'breadth_habit', tiers: breadthHabit(p, cfg), order: BREADTH_HABITS },
    { method: 'price_habit', tiers: priceHabit(p, cfg), order: PRICE_HABITS },
  ];
  const tiers = candidates.filter((x): x is HabitTiers => x.tiers !== null);
  for (const x of tiers) columns[x.method] = x.tiers;
  let suggestions = 0;
  if (p.category) {
    const abc = by.find((b) => b.method === 'abc');
    const next = nextCategory(p.category, abc ? abc.tiers : null, cfg.support, cfg.minPeers);
    columns.next_category = Array.from(next.code, (j) => (j < 0 ? null : p.category!.keys[j]));
    columns.next_category_support = nullIfNaN(next.support);
    for (const j of next.code) if (j >= 0) suggestions++;
  }
  const { enabled: _e, level, ...thresholds } = cfg;
  void _e;
  const report: PreferencesReport = {
    level,
    thresholds,
    categories: p.category ? categoryTotals(p.category) : [],
    channels: p.channel ? channelTotals(p.channel) : [],
    weekday: { days: Array.from(p.weekdayDays), spend: Array.from(p.weekdayCents, (x) => x / 100) },
    byTier: p.category ? by.filter((b) => b.method !== 'activity').map((b) => ({ method: b.method, tiers: topCategoriesByTier(p.category!, b.tiers, b.order, cfg.topCategories) })) : [],
    heat: heatOf(p, by),
    crosstabs: tiers.flatMap((h) => by.filter((b) => b.method !== 'rfm_segment').map((b) => habitCrossTab(h, b))),
    suggestions,
    hasTime: habits.minute !== null,
  };
  return { columns, habits: tiers, report };
}

function heatOf(p: CustomerPreferences, by: TierInput[]): PreferencesReport['heat'] {
  const b = by.find((x) => x.method === 'abc') ?? by.find((x) => x.method === 'rfm_segment');
  if (!p.category || !b) return null;
  return { method: b.method, ...categoryTierShares(p.category, b.tiers, b.order, HEAT_CATEGORIES) };
}

/** Shares as Excel stores numbers (15 significant digits), so every adapter reads back the same value. */
const excelNumber = (x: number) => Number(x.toPrecision(15));
const nullIfNaN = (a: Float64Array) => Array.from(a, (x) => (x === x ? excelNumber(x) : null));
const keyOrNull = (keys: readonly string[], codes: Int32Array) => Array.from(codes, (j) => (j < 0 ? null : keys[j]));

/** The per-customer columns (names registered in engine/columns.ts). */
function preferenceColumns(p: CustomerPreferences, hasTime: boolean): Record<string, Column> {
  const cols: Record<string, Column> = {};
  if (p.category) {
    cols.dominant_category = keyOrNull(p.category.keys, p.category.dominant);
    cols.dominant_category_share = nullIfNaN(p.category.dominantShare);
    cols.category_count = p.category.count;
    cols.newest_category = keyOrNull(p.category.keys, p.newestCategory);
  }
  if (p.channel) {
    cols.dominant_channel = keyOrNull(p.channel.keys, p.channel.dominant);
    cols.dominant_channel_share = nullIfNaN(p.channel.dominantShare);
    cols.channel_count = p.channel.count;
  }
  cols.weekend_share = nullIfNaN(p.weekendShare);
  if (hasTime) cols.time_band = Array.from(p.timeBand, (b) => (b < 0 ? null : TIME_BANDS[b]));
  cols.peak_month = Array.from(p.peakMonth, (m) => (m > 0 ? m : null));
  cols.peak_month_share = nullIfNaN(p.peakMonthShare);
  if (p.discountShare.some((x) => x === x)) cols.discount_share = nullIfNaN(p.discountShare);
  return cols;
}

function totalsOf(d: Dimension): { spend: Float64Array; buyers: Int32Array; dominant: Int32Array; order: number[] } {
  const nk = d.keys.length;
  const spend = new Float64Array(nk);
  const buyers = new Int32Array(nk);
  const dominant = new Int32Array(nk);
  const { codes, cents } = d.entries;
  for (let e = 0; e < codes.length; e++) {
    spend[codes[e]] += cents[e];
    buyers[codes[e]]++;
  }
  for (const j of d.dominant) if (j >= 0) dominant[j]++;
  const order = Array.from({ length: nk }, (_, j) => j).sort((a, b) => spend[b] - spend[a] || d.rank[a] - d.rank[b]);
  return { spend, buyers, dominant, order };
}

function categoryTotals(d: Dimension): PreferencesReport['categories'] {
  const t = totalsOf(d);
  return t.order.map((j) => ({ name: d.keys[j], spend: t.spend[j] / 100, buyers: t.buyers[j], dominant: t.dominant[j] }));
}

function channelTotals(d: Dimension): PreferencesReport['channels'] {
  const t = totalsOf(d);
  const total = t.spend.reduce((a, x) => a + x, 0);
  return t.order.map((j) => ({ name: d.keys[j], spend: t.spend[j] / 100, share: total > 0 ? t.spend[j] / total : 0, buyers: t.buyers[j], dominant: t.dominant[j] }));
}

function habitCrossTab(h: { method: string; tiers: (string | null)[]; order: readonly string[] }, b: TierInput): HabitCrossTab {
  const hi = new Map(h.order.map((x, i) => [x, i]));
  const ti = new Map(b.order.map((x, j) => [x, j]));
  const counts = h.order.map(() => new Array<number>(b.order.length).fill(0));
  for (let c = 0; c < h.tiers.length; c++) {
    const i = h.tiers[c] === null ? undefined : hi.get(h.tiers[c]!);
    const j = b.tiers[c] === null ? undefined : ti.get(b.tiers[c]!);
    if (i !== undefined && j !== undefined) counts[i][j]++;
  }
  return { habit: h.method, method: b.method, habitTiers: [...h.order], tiers: [...b.order], counts };
}
