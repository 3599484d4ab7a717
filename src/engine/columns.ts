// The one registry of what a classification produces: every result column (its key, kind and
// the method behind it), every tier vocabulary (keys best first, with the ranks that say what
// "moved down" means), and the column lists each output uses. Labels (output/labels.ts),
// colours, the CSV, the history and the task pane all read from here, so a tier the engine can
// emit is known to every audience by construction, and a missing label or colour is a compile
// error where the catalogues and palettes are typed against these keys.

/** Tier keys of the methods whose tiers are a fixed vocabulary, best first. */
export const ACTIVITY_TIERS = ['active', 'new', 'silent', 'lost', 'potential'] as const;
export const FREQUENCY_TIERS = ['several_per_week', 'few_per_month', 'monthly_or_less'] as const;
export const SPEND_TIERS = ['high', 'mid', 'low'] as const;
export const CHURN_TIERS = ['ok', 'warning', 'unknown'] as const;
/** CLV tiers: a subset by the number of tiers configured (see clvTierKeys). */
export const CLV_TIERS = ['top', 'high', 'middle', 'low', 'bottom'] as const;
/** The default RFM segment names (the R package rfm's table) and the fallback segment. */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal Customers',
  'Potential Loyalist',
  'New Customers',
  'Promising',
  'Need Attention',
  'About To Sleep',
  'At Risk',
  "Can't Lose Them",
  'Lost',
  'Others',
] as const;
export const OTHERS = 'Others' satisfies (typeof RFM_SEGMENTS)[number];

/** Habit tiers (issue 15, engine/methods/preferences/tiers.ts) and time-of-day bands. */
export const DAY_HABIT_TIERS = ['weekend', 'weekday', 'mixed', 'unknown'] as const;
export const BREADTH_HABIT_TIERS = ['single', 'focused', 'broad'] as const;
export const PRICE_HABIT_TIERS = ['discount', 'full_price'] as const;
export const TIME_BAND_TIERS = ['morning', 'midday', 'afternoon', 'evening', 'night'] as const;

/**
 * Methods with a fixed tier vocabulary. `ranks` groups tiers of equal standing, best group
 * first; a tier in no group (potential, unknown, Others) is unranked, so a move to or from it
 * is never "down".
 */
export const TIER_VOCABULARY = {
  activity: { tiers: ACTIVITY_TIERS, ranks: [['active', 'new'], ['silent'], ['lost']] },
  frequency_tier: { tiers: FREQUENCY_TIERS, ranks: [['several_per_week'], ['few_per_month'], ['monthly_or_less']] },
  spend_tier: { tiers: SPEND_TIERS, ranks: [['high'], ['mid'], ['low']] },
  churn_risk: { tiers: CHURN_TIERS, ranks: [['ok'], ['warning']] },
  clv_tier: { tiers: CLV_TIERS, ranks: [['top'], ['high'], ['middle'], ['low'], ['bottom']] },
  // Habits are not better or worse: no ranks, so a move between them is never "down".
  day_habit: { tiers: DAY_HABIT_TIERS, ranks: [] },
  breadth_habit: { tiers: BREADTH_HABIT_TIERS, ranks: [] },
  price_habit: { tiers: PRICE_HABIT_TIERS, ranks: [] },
  time_band: { tiers: TIME_BAND_TIERS, ranks: [] },
  rfm_segment: {
    tiers: RFM_SEGMENTS,
    ranks: [
      ['Champions', 'Loyal Customers'],
      ['Potential Loyalist', 'New Customers', 'Promising'],
      ['Need Attention'],
      ['About To Sleep', 'At Risk', "Can't Lose Them"],
      ['Lost'],
    ],
  },
} as const satisfies Record<string, { tiers: readonly string[]; ranks: readonly (readonly string[])[] }>;

export type VocabularyMethod = keyof typeof TIER_VOCABULARY;
export type TierOf<M extends VocabularyMethod> = (typeof TIER_VOCABULARY)[M]['tiers'][number];
export type RuleColumn = `rule_${string}`;
/** Every tier-bearing method. ABC labels and rule tiers are the user's own words. */
export type TierMethod = 'abc' | VocabularyMethod | RuleColumn;

export function isVocabularyMethod(method: string): method is VocabularyMethod {
  return Object.prototype.hasOwnProperty.call(TIER_VOCABULARY, method);
}

export function isRuleColumn(column: string): column is RuleColumn {
  return column.startsWith('rule_');
}

/** Whether a result column holds tier keys (to be shown through their labels and colours). */
export function isTierMethod(column: string): column is TierMethod {
  return column === 'abc' || isVocabularyMethod(column) || isRuleColumn(column);
}

/** Whether `tier` is one of the method's fixed keys (a custom RFM segment name is not). */
export function isVocabularyTier<M extends VocabularyMethod>(method: M, tier: string): tier is TierOf<M> {
  return (TIER_VOCABULARY[method].tiers as readonly string[]).includes(tier);
}

/** CLV tier keys for a number of tiers (2–5), best first. */
export function clvTierKeys(count: number): TierOf<'clv_tier'>[] {
  const byCount: Record<number, TierOf<'clv_tier'>[]> = {
    2: ['top', 'low'],
    3: ['top', 'middle', 'low'],
    4: ['top', 'high', 'middle', 'low'],
    5: ['top', 'high', 'middle', 'low', 'bottom'],
  };
  const keys = byCount[count];
  if (!keys) throw new RangeError(`CLV tiers: 2 to 5, not ${count}`);
  return keys;
}

/** What a column's values are: decides number formats, alignment and CSV rendering. */
export type ColumnKind = 'id' | 'text' | 'count' | 'money' | 'days' | 'date' | 'rate' | 'ratio' | 'score' | 'tier';

/** Every fixed column of the per-customer result table, in the table's own order. */
export const RESULT_COLUMNS = {
  customer_id: 'id',
  name: 'text',
  orders: 'count',
  revenue: 'money',
  profit: 'money',
  recency_days: 'days',
  first_order: 'date',
  last_order: 'date',
  avg_order_value: 'money',
  orders_per_week: 'rate',
  orders_per_month: 'rate',
  monthly_spend: 'money',
  active_days: 'count',
  mean_gap_days: 'days',
  median_gap_days: 'days',
  abc: 'tier',
  rfm_r: 'score',
  rfm_f: 'score',
  rfm_m: 'score',
  rfm_score: 'score',
  rfm_segment: 'tier',
  activity: 'tier',
  frequency_tier: 'tier',
  spend_tier: 'tier',
  churn_risk: 'tier',
  clv_p_alive: 'ratio',
  clv_expected_purchases: 'rate',
  clv_expected_spend: 'money',
  clv_value: 'money',
  clv_tier: 'tier',
  clv_churn: 'ratio',
  clv_p_no_purchase: 'ratio',
  clv_expected_purchases_low: 'rate',
  clv_expected_purchases_high: 'rate',
  clv_low: 'money',
  clv_high: 'money',
  // Needs and habits (issue 15, docs/preferences.md).
  dominant_category: 'text',
  dominant_category_share: 'ratio',
  category_count: 'count',
  newest_category: 'text',
  dominant_channel: 'text',
  dominant_channel_share: 'ratio',
  channel_count: 'count',
  weekend_share: 'ratio',
  time_band: 'tier',
  peak_month: 'count',
  peak_month_share: 'ratio',
  discount_share: 'ratio',
  day_habit: 'tier',
  breadth_habit: 'tier',
  price_habit: 'tier',
  next_category: 'text',
  next_category_support: 'ratio',
} as const satisfies Record<string, ColumnKind>;

export type FixedColumn = keyof typeof RESULT_COLUMNS;
/** A result column: a fixed one, a rule set's tier column, or a dimension (the user's header). */
export type ResultColumn = FixedColumn | RuleColumn | (string & {});

export function columnKind(column: string): ColumnKind {
  if (Object.prototype.hasOwnProperty.call(RESULT_COLUMNS, column)) return RESULT_COLUMNS[column as FixedColumn];
  return isRuleColumn(column) ? 'tier' : 'text';
}

/** Placeholders in the output lists: where dimension and rule columns go. */
const DIMS = '<dimensions>';
const RULES = '<rules>';
type Slot = FixedColumn | typeof DIMS | typeof RULES;

/** Each output's columns, in order (present ones only are used). */
const OUTPUT_COLUMNS = {
  /** The per-customer CSV of the CLI. */
  csv: [
    'customer_id', 'name', 'orders', 'revenue', 'profit', 'recency_days', 'first_order', 'last_order', 'avg_order_value',
    'orders_per_month', 'abc', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_score', 'rfm_segment', 'activity', 'frequency_tier',
    'spend_tier', 'churn_risk', DIMS, RULES, 'clv_p_alive', 'clv_expected_purchases', 'clv_expected_spend', 'clv_value',
    'clv_tier', 'clv_churn', 'clv_p_no_purchase', 'clv_expected_purchases_low', 'clv_expected_purchases_high', 'clv_low',
    'clv_high',
    'dominant_category', 'dominant_category_share', 'category_count', 'newest_category', 'dominant_channel',
    'dominant_channel_share', 'channel_count', 'weekend_share', 'time_band', 'peak_month', 'peak_month_share',
    'discount_share', 'day_habit', 'breadth_habit', 'price_habit', 'next_category', 'next_category_support',
  ],
  /** The tier block written beside the user's customer data. */
  beside: ['abc', 'rfm_score', 'rfm_segment', 'activity', 'churn_risk', RULES, 'clv_tier', 'dominant_category', 'dominant_channel', 'weekend_share', 'day_habit', 'breadth_habit', 'price_habit', 'next_category'],
  /** Methods kept in history snapshots and compared for migration. */
  history: ['abc', 'rfm_segment', 'activity', 'churn_risk', 'clv_tier', RULES],
  /** Identity, dimensions and key metrics of the group-sheet and customer-list tables. */
  list: ['customer_id', 'name', DIMS, 'orders', 'revenue', 'profit', 'avg_order_value', 'recency_days', 'last_order'],
} as const satisfies Record<string, readonly Slot[]>;

export type OutputList = keyof typeof OUTPUT_COLUMNS;

/**
 * The columns of one output that the result table has, in the output's order. `present` is the
 * result table's column names (rule columns are taken from it in table order); `dimensions` the
 * dimension columns of this run.
 */
export function outputColumns(list: OutputList, present: readonly string[], dimensions: readonly string[] = []): string[] {
  const has = new Set(present);
  const out: string[] = [];
  const add = (c: string) => {
    if (has.has(c) && !out.includes(c)) out.push(c);
  };
  for (const slot of OUTPUT_COLUMNS[list] as readonly Slot[]) {
    if (slot === DIMS) dimensions.forEach(add);
    else if (slot === RULES) present.filter(isRuleColumn).forEach(add);
    else add(slot);
  }
  return out;
}
