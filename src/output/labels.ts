// Localized names of columns, methods and tiers — one function per thing named, used by the
// workbook, the CLI and the task pane alike — and the fixed tier palette (one colour per
// method and tier, light fills that keep text readable). Tier keys come from the registry in
// engine/columns.ts; the palette is typed against it, so a tier without a colour does not compile.
import type { TieringConfig } from '../config/schema';
import {
  RESULT_COLUMNS,
  columnKind,
  outputColumns,
  isRuleColumn,
  isVocabularyMethod,
  isVocabularyTier,
  type ColumnKind,
  type RuleColumn,
  type TierOf,
  type VocabularyMethod,
} from '../engine/columns';
import { ruleColumnName } from '../engine/methods/rules';
import { hasMessage, t, type Locale, type MessageKey } from '../i18n';

/** Rule-set names by their result column (rule_<slug> → the name the user gave). */
export type RuleNames = Readonly<Record<RuleColumn, string>>;

export function ruleNames(config: Pick<TieringConfig, 'methods'>): RuleNames {
  const out: Record<RuleColumn, string> = {};
  for (const r of config.methods.rules) out[ruleColumnName(r.name) as RuleColumn] = r.name;
  return out;
}

/** Header text of a result column. Rule columns are named after their rule set. */
export function columnHeader(locale: Locale, column: string, rules: RuleNames = {}): string {
  if (isRuleColumn(column)) return t(locale, 'out.col.rule', { name: rules[column] ?? column.slice(5) });
  const key = `out.col.${column}`;
  return hasMessage(key) ? t(locale, key) : column;
}

/** Header of the action column beside a tier column (the playbook's action for each customer's tier). */
export function actionHeader(locale: Locale, column: string, rules: RuleNames = {}): string {
  return t(locale, 'out.col.action', { column: columnHeader(locale, column, rules) });
}

/** Display name of a method (a tier column), e.g. activity → 活跃度, rule_x → 规则 x. */
export function methodLabel(locale: Locale, method: string, rules: RuleNames = {}): string {
  if (isRuleColumn(method)) return t(locale, 'out.method.rule', { name: rules[method] ?? method.slice(5) });
  const key = `out.method.${method}`;
  return hasMessage(key) ? t(locale, key) : method;
}

/**
 * Display text of a tier key: activity "silent" → 沉默, segment "Champions" → 重要价值客户.
 * ABC labels, rule tiers and custom segment names are the user's own words, shown as written.
 */
export function tierLabel(locale: Locale, method: string, tier: string): string {
  if (isVocabularyMethod(method) && isVocabularyTier(method, tier)) return t(locale, `tier.${method}.${tier}` as TierKey);
  return tier;
}

/** The message key of every tier of the registry's vocabularies. */
type TierKey = { [M in VocabularyMethod]: `tier.${M}.${TierOf<M>}` }[VocabularyMethod];
// Every tier the engine can emit has a message: a tier added to engine/columns.ts without one
// in i18n/messages/core.ts makes this line fail to compile.
export const TIER_KEYS_ARE_MESSAGES: TierKey extends MessageKey ? true : never = true;

const GOOD = '#C6EFCE';
const BEST = '#A9D08E';
const FAIR = '#FFEB9C';
const WEAK = '#FCE4D6';
const BAD = '#FFC7CE';
const INFO = '#DDEBF7';
const NEUTRAL = '#EDEDED';
const PALETTE: { [M in VocabularyMethod]: Record<TierOf<M>, string> } = {
  activity: { active: GOOD, new: INFO, silent: FAIR, lost: BAD, potential: NEUTRAL },
  churn_risk: { ok: GOOD, warning: BAD, unknown: NEUTRAL },
  frequency_tier: { several_per_week: GOOD, few_per_month: FAIR, monthly_or_less: WEAK },
  spend_tier: { high: GOOD, mid: FAIR, low: WEAK },
  clv_tier: { top: BEST, high: GOOD, middle: FAIR, low: WEAK, bottom: BAD },
  // Habits: distinguishable, none reads as a verdict.
  day_habit: { weekend: '#E2EFDA', weekday: INFO, mixed: '#FFF2CC', unknown: NEUTRAL },
  breadth_habit: { single: '#EDE1F5', focused: '#D9E1F2', broad: '#E2EFDA' },
  price_habit: { discount: WEAK, full_price: INFO },
  time_band: { morning: '#FFF2CC', midday: '#FCE4D6', afternoon: '#E2EFDA', evening: '#D9E1F2', night: '#EDE1F5' },
  rfm_segment: {
    Champions: BEST,
    'Loyal Customers': GOOD,
    'Potential Loyalist': INFO,
    'New Customers': '#BDD7EE',
    Promising: '#E2EFDA',
    'Need Attention': FAIR,
    'About To Sleep': WEAK,
    'At Risk': '#F8CBAD',
    "Can't Lose Them": '#F4B084',
    Lost: BAD,
    Others: NEUTRAL,
  },
};
/** Ordered palette for tiers without a fixed colour (ABC classes, rule tiers, custom segments). */
const SEQUENCE = [GOOD, FAIR, WEAK, BAD, INFO, '#E2EFDA', '#FFF2CC', '#D9E1F2', '#EDE1F5', NEUTRAL];

/** The palette's colour of a tier of a fixed vocabulary; undefined for the user's own tiers. */
export function fixedFill(method: string, tier: string): string | undefined {
  return isVocabularyMethod(method) && isVocabularyTier(method, tier) ? (PALETTE[method] as Record<string, string>)[tier] : undefined;
}

/** Fill of a tier cell; `order` is the method's tiers best first (used for unfixed tiers). */
export function tierFill(method: string, tier: string, order: readonly string[]): string {
  const fixed = fixedFill(method, tier);
  if (fixed) return fixed;
  // A custom RFM segment: neutral, so it never looks like a default segment's verdict.
  if (isVocabularyMethod(method)) return NEUTRAL;
  const i = order.indexOf(tier);
  return i < 0 ? NEUTRAL : SEQUENCE[Math.min(i, SEQUENCE.length - 1)];
}

/** Excel number format of a result column, by what its values are. */
const FORMATS: Partial<Record<ColumnKind, string>> = {
  count: '#,##0',
  money: '#,##0.00',
  days: '0',
  date: 'yyyy-mm-dd',
};

export function numberFormat(column: string): string | undefined {
  return FORMATS[columnKind(column)];
}

export const HEADER_FILL = '#1F4E78';
export const HEADER_FONT = '#FFFFFF';
export const TITLE_FONT = '#1F4E78';
export const NOTE_FONT = '#7F7F7F';
export const TAB_COLOR = '#2E75B6';

/**
 * Whether a header is one the add-in writes over a tier column, in either language: proof that a
 * registered block could be ours at all (a registry naming the user's own columns is not).
 */
const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
const BLOCK_COLUMNS = outputColumns('beside', Object.keys(RESULT_COLUMNS));

export function isTierBlockHeader(header: unknown): boolean {
  if (typeof header !== 'string') return false;
  for (const locale of LOCALES) {
    // An action column's header is a tier column's header inside the action wording.
    const [pre, post] = t(locale, 'out.col.action', { column: '\u0000' }).split('\u0000');
    if (header.length > pre.length + post.length && header.startsWith(pre) && header.endsWith(post) && isTierBlockHeader(header.slice(pre.length, header.length - post.length))) return true;
    if (BLOCK_COLUMNS.some((c) => columnHeader(locale, c) === header)) return true;
    const [before, after] = t(locale, 'out.col.rule', { name: '\u0000' }).split('\u0000');
    if (header.length > before.length + after.length && header.startsWith(before) && header.endsWith(after)) return true;
  }
  return false;
}
