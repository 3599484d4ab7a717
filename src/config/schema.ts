// The one configuration object: edited by the task pane, stored in the workbook,
// read by the CLI, obeyed by the engine. Version 1. Every field has a default so a
// hand-written config only needs what differs.
import { z } from 'zod';
import { isCalendarDate } from '../engine/calendar';

/**
 * 2: `methods.dimensions: []` means "no cross-tabs" and `methods.detectDimensions` says whether
 * the region/industry/size columns found in the customer table are cross-tabbed when the list is
 * empty. Version 1 wrote `dimensions: []` for "not chosen", so a v1 `[]` is upgraded to "detect"
 * (config/validate.ts upgradeConfig).
 */
export const CONFIG_VERSION = 2 as const;

/** The one validator of a date someone configures (config file, --analysis-date, the pane). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine(isCalendarDate, 'not a real calendar date');

/** Column mapping for the order table; a missing key is detected from the headers. */
export const OrderColumnsSchema = z
  .object({
    customerId: z.string().min(1),
    orderDate: z.string().min(1),
    amount: z.string().min(1),
    profit: z.string().min(1),
    orderId: z.string().min(1),
    quantity: z.string().min(1),
    /** Line items: without an amount column, amount = quantity × unitPrice − discount (a discount is an amount, not a rate). */
    unitPrice: z.string().min(1),
    discount: z.string().min(1),
    /** The customer's name in the orders (used when no customer list gives names). */
    customerName: z.string().min(1),
    /** Needs and habits (issue 15): product, category (two levels), channel, promotion flag. */
    product: z.string().min(1),
    category: z.string().min(1),
    subcategory: z.string().min(1),
    channel: z.string().min(1),
    promotion: z.string().min(1),
  })
  .partial()
  .strict();

/**
 * Column mapping for the customer table. `orders`, `revenue`, `lastOrder` and
 * `recencyDays` are for customer-level input (facts already aggregated per customer).
 */
export const CustomerColumnsSchema = z
  .object({
    customerId: z.string().min(1),
    name: z.string().min(1),
    region: z.string().min(1),
    industry: z.string().min(1),
    size: z.string().min(1),
    orders: z.string().min(1),
    revenue: z.string().min(1),
    profit: z.string().min(1),
    lastOrder: z.string().min(1),
    firstOrder: z.string().min(1),
    recencyDays: z.string().min(1),
  })
  .partial()
  .strict();

const fraction = z.number().gt(0).lt(1);
const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

export const AbcSchema = z
  .object({
    enabled: z.boolean().default(true),
    basis: z.enum(['revenue', 'profit', 'orders']).default('revenue'),
    /** customer-share: cuts are shares of customers by rank; value-share: cumulative shares of value. */
    mode: z.enum(['customer-share', 'value-share']).default('customer-share'),
    /** Upper bounds of every class but the last, increasing, in (0, 1). Default depends on mode. */
    cuts: z.array(fraction).min(1).max(9).refine(increasing, 'cuts must increase').optional(),
    /** Class labels, one more than cuts. Default A, B, C, ... */
    labels: z.array(z.string().min(1).max(40)).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.labels && v.cuts && v.labels.length !== v.cuts.length + 1) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: `needs ${v.cuts.length + 1} labels (one more than cuts)` });
    }
  });

const scoreRange = z
  .tuple([z.number().int().min(1).max(5), z.number().int().min(1).max(5)])
  .refine(([lo, hi]) => lo <= hi, 'range must be [low, high] with low ≤ high');

export const SegmentSchema = z
  .object({
    name: z.string().min(1).max(60),
    r: scoreRange,
    f: scoreRange,
    m: scoreRange,
  })
  .strict();

export const RfmSchema = z
  .object({
    enabled: z.boolean().default(true),
    bins: z.number().int().min(3).max(5).default(5),
    scoring: z.enum(['quantile', 'quantile-inclusive', 'rank', 'fixed']).default('quantile'),
    /** high: the best customers get the highest score (5); low: they get 1. */
    best: z.enum(['high', 'low']).default('high'),
    monetary: z.enum(['revenue', 'profit']).default('revenue'),
    /** For scoring "fixed": bins-1 increasing cut points per measure (recency in days). */
    thresholds: z
      .object({
        recency: z.array(z.number()).refine(increasing, 'must increase'),
        frequency: z.array(z.number()).refine(increasing, 'must increase'),
        monetary: z.array(z.number()).refine(increasing, 'must increase'),
      })
      .strict()
      .optional(),
    /** Ordered segment table, first match wins; unmatched customers go to "Others". Default table when absent. */
    segments: z.array(SegmentSchema).max(50).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.scoring === 'fixed') {
      if (!v.thresholds) {
        ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'scoring "fixed" needs thresholds for recency, frequency and monetary' });
        return;
      }
      for (const k of ['recency', 'frequency', 'monetary'] as const) {
        if (v.thresholds[k].length !== v.bins - 1) {
          ctx.addIssue({ code: 'custom', path: ['thresholds', k], message: `needs ${v.bins - 1} cut points for ${v.bins} bins` });
        }
      }
    }
  });

export const ActivitySchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Last order within activeDays → active; within silentDays → silent (dormant); older → lost. */
    activeDays: z.number().int().positive().default(90),
    silentDays: z.number().int().positive().default(180),
    /** First order within newDays of the analysis date → new (takes precedence over active). */
    newDays: z.number().int().positive().default(30),
    /** Purchase-rate tiers: ≥ perWeek orders a week → several a week; ≥ perMonth a month → a few a month. */
    frequency: z
      .object({ perWeek: z.number().positive().default(2), perMonth: z.number().positive().default(2) })
      .strict()
      .default({ perWeek: 2, perMonth: 2 }),
    /** Spend tiers by average order value against the population: above the high quantile → high, below the low → low. */
    spend: z
      .object({ highQuantile: fraction.default(0.8), lowQuantile: fraction.default(0.3) })
      .strict()
      .default({ highQuantile: 0.8, lowQuantile: 0.3 }),
    /** Churn warning (rule documented in README). */
    churn: z
      .object({
        /** Current gap since the last order above gapRatio × the customer's own median gap → warning. */
        gapRatio: z.number().gt(1).default(2),
        /** The rate of the last windowDays below rateDrop × the earlier rate → warning. */
        rateDrop: fraction.default(0.5),
        windowDays: z.number().int().positive().default(90),
        /** Customers with fewer orders have no usual gap: churn_risk "unknown". */
        minOrders: z.number().int().min(2).default(3),
      })
      .strict()
      .default({ gapRatio: 2, rateDrop: 0.5, windowDays: 90, minOrders: 3 }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.silentDays <= v.activeDays) {
      ctx.addIssue({ code: 'custom', path: ['silentDays'], message: 'silentDays must be greater than activeDays' });
    }
  });

export const RuleSchema = z.object({ tier: z.string().min(1).max(60), when: z.string().min(1).max(4000) }).strict();
export const RuleSetSchema = z
  .object({
    name: z.string().min(1).max(60),
    rules: z.array(RuleSchema).max(100),
    otherwise: z.string().min(1).max(60).default('Other'),
  })
  .strict();

export const ClvSchema = z
  .object({
    enabled: z.boolean().default(false),
    timeUnit: z.enum(['day', 'week', 'month']).default('week'),
    /** Horizon of expected purchases and CLV, in months. */
    horizonMonths: z.number().int().positive().max(120).default(12),
    /** Monthly discount rate. */
    discountRate: z.number().min(0).max(1).default(0.01),
    /** Profit margin applied to spend. */
    margin: z.number().gt(0).max(1).default(1),
    /** L2 penalty on BG/NBD parameters (0 = none). */
    penalizer: z.number().min(0).default(0),
    /** Customers with probability alive below this get clv churn flag. */
    churnPAlive: fraction.default(0.5),
    /** Share of customers (by CLV rank) in the top CLV tier, then the middle tier. */
    tierCuts: z.array(fraction).min(1).max(4).refine(increasing, 'cuts must increase').default([0.2, 0.5]),
    /** Horizon as a number with a unit (e.g. 39 weeks); overrides horizonMonths when given. */
    horizon: z
      .object({ value: z.number().positive(), unit: z.enum(['day', 'week', 'month']) })
      .strict()
      .refine((h) => h.value * { day: 1, week: 7, month: 30.4375 }[h.unit] <= 3653, 'the horizon can be at most 10 years (120 months, 521 weeks, 3653 days)')
      .optional(),
    /** Length of the month of the CLV sum and of month horizons: 365.25/12 days, or 30 days as lifetimes. */
    monthLength: z.enum(['calendar', '30days']).default('calendar'),
    /** L2 penalty on the Gamma-Gamma parameters p, q, γ (lifetimes' GammaGammaFitter penalizer_coef). */
    spendPenalizer: z.number().min(0).default(0),
    /** Money per purchase the spend model learns: order amount, or the mapped profit (margin) column. */
    spendFrom: z.enum(['amount', 'profit']).default('amount'),
    /** Calibration ends at the analysis date; orders after it up to `end` only validate the fit. */
    holdout: z.object({ end: isoDate }).strict().optional(),
    /** Per-customer intervals (delta method) for expected purchases and CLV at this level. */
    interval: z.object({ level: fraction.default(0.9) }).strict().optional(),
    /** Purchase model: BG/NBD, MBG/NBD, or the one with the lower holdout error (needs holdout). */
    model: z.enum(['bgnbd', 'mbgnbd', 'best']).default('bgnbd'),
  })
  .strict();

/** Preference (needs and habits) tiers; thresholds documented in docs/preferences.md. */
export const PreferencesSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Category level the preferences are taken at: the category column, or category › subcategory. */
    level: z.enum(['category', 'subcategory']).default('category'),
    /** Weekend share of distinct purchase days: ≥ weekendShare → weekend shopper; ≤ weekdayShare → weekday shopper. */
    weekendShare: fraction.default(0.5),
    weekdayShare: z.number().min(0).lt(1).default(0.15),
    /** Customers with fewer distinct purchase days get the "unknown" day habit. */
    minDays: z.number().int().min(1).default(3),
    /** Dominant category's share of spend ≥ singleShare → single-category; categoryCount ≥ broadCount → broad; else focused. */
    singleShare: z.number().gt(0).max(1).default(0.9),
    broadCount: z.number().int().min(2).default(5),
    /** Share of spend on promotion/discount rows ≥ discountShare → discount-driven, else full-price. */
    discountShare: fraction.default(0.5),
    /** Next category to offer: bought by ≥ support of the customer's peers (same ABC class and dominant category). */
    support: fraction.default(0.2),
    /** Peers needed before a suggestion is made. */
    minPeers: z.number().int().min(1).default(5),
    /** Top categories listed per tier on the summary. */
    topCategories: z.number().int().min(1).max(20).default(5),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.weekdayShare >= v.weekendShare) ctx.addIssue({ code: 'custom', path: ['weekdayShare'], message: 'weekdayShare must be below weekendShare' });
  });

export const RangeRefSchema = z.union([
  z.object({ kind: z.literal('sheet'), sheet: z.string().min(1).max(31), address: z.string().max(40).optional() }).strict(),
  z.object({ kind: z.literal('table'), table: z.string().min(1).max(255) }).strict(),
  z.object({ kind: z.literal('name'), name: z.string().min(1).max(255) }).strict(),
]);

/** Rule sets per config at most (each adds a tier column, and a column per date of history). */
export const MAX_RULE_SETS = 20;
/**
 * Snapshots the history sheet keeps per customer at most: one column per date for each method
 * kept in history (5 fixed + one per rule set), plus id and name, must stay within Excel's
 * 16,384 columns: 2 + 655 × 25 = 16,377 (test/engine/history-limits.test.ts checks it).
 */
export const MAX_HISTORY_SNAPSHOTS = 655;
export const DEFAULT_HISTORY_SNAPSHOTS = 24;

export const OutputSchema = z
  .object({
    tierColumns: z.boolean().default(true),
    groupSheets: z.array(z.string()).default(['abc']),
    summary: z.boolean().default(true),
    history: z.boolean().default(true),
    /** Analysis dates kept per customer in the history sheet; older ones are kept as counts per tier. */
    historySnapshots: z.number().int().min(1).max(MAX_HISTORY_SNAPSHOTS).default(DEFAULT_HISTORY_SNAPSHOTS),
    issuesSheet: z.boolean().default(true),
  })
  .strict();

/** One play of the playbook: what to do with a tier's customers, and who (through which channel). */
export const PlaySchema = z.object({ action: z.string().max(500).optional(), owner: z.string().max(200).optional() }).strict();
/** method key (abc, rfm_segment, activity, rule_<name>, … or `changes`) → tier key → play; overrides the defaults (src/output/playbook.ts). */
export const PlaybookSchema = z.record(z.string().min(1).max(80), z.record(z.string().min(1).max(80), PlaySchema));

export const ConfigSchema = z
  .object({
    version: z.literal(CONFIG_VERSION),
    /** As-of date. Default: the latest order date in the data (documented in README). */
    analysisDate: isoDate.optional(),
    locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
    /** Negative amounts (returns): net into revenue (default) or drop the rows. */
    returns: z.enum(['net', 'exclude']).default('net'),
    /** How ambiguous d/m vs m/d text dates are read when a column cannot tell. */
    dateOrder: z.enum(['auto', 'mdy', 'dmy']).default('auto'),
    sources: z
      // facts: customer facts (engine/factsTable.ts) instead of orders.
      .object({ orders: RangeRefSchema.optional(), customers: RangeRefSchema.optional(), facts: RangeRefSchema.optional() })
      .strict()
      .default({}),
    columns: z
      .object({ orders: OrderColumnsSchema.default({}), customers: CustomerColumnsSchema.default({}) })
      .strict()
      .default({ orders: {}, customers: {} }),
    methods: z
      .object({
        abc: AbcSchema.optional(),
        rfm: RfmSchema.optional(),
        activity: ActivitySchema.optional(),
        /** Customer columns every tier is cross-tabbed by; [] with detectDimensions false: none. */
        dimensions: z.array(z.string().min(1)).max(20).default([]),
        /** With an empty list, cross-tab the region/industry/size columns detected in the customer table. Default: true when `dimensions` is not given. */
        detectDimensions: z.boolean().default(true),
        rules: z.array(RuleSetSchema).max(MAX_RULE_SETS).default([]),
        clv: ClvSchema.optional(),
        preferences: PreferencesSchema.optional(),
      })
      .strict()
      .default({ dimensions: [], detectDimensions: true, rules: [] }),
    output: OutputSchema.default({ tierColumns: true, groupSheets: ['abc'], summary: true, history: true, historySnapshots: DEFAULT_HISTORY_SNAPSHOTS, issuesSheet: true }),
    /** What to do with each tier (action and owner/channel); only the entries that differ from the defaults. */
    playbook: PlaybookSchema.optional(),
  })
  .strict();

/** A config as written by hand (defaults not yet applied). */
export type TieringConfigInput = z.input<typeof ConfigSchema>;
/** A validated config with every default filled in. */
export type TieringConfig = z.output<typeof ConfigSchema>;
export type AbcConfig = z.output<typeof AbcSchema>;
export type PreferencesConfig = z.output<typeof PreferencesSchema>;
export type RfmConfig = z.output<typeof RfmSchema>;
export type ActivityConfig = z.output<typeof ActivitySchema>;
export type RuleSetConfig = z.output<typeof RuleSetSchema>;
export type ClvConfig = z.output<typeof ClvSchema>;
export type SegmentDef = z.output<typeof SegmentSchema>;
export type RangeRef = z.output<typeof RangeRefSchema>;
export type OrderColumns = z.output<typeof OrderColumnsSchema>;
export type CustomerColumns = z.output<typeof CustomerColumnsSchema>;
