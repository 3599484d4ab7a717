// Localized names of columns, methods and tiers as they appear in the workbook, and the
// fixed tier palette (one colour per method and tier, light fills that keep text readable).
import { hasMessage, registerMessages, t, type Locale } from '../i18n';
import { messages } from '../i18n/messages/output';

registerMessages(messages);

/** Tier-bearing columns of the customer table, in the order they are written. */
export const TIER_COLUMNS = ['abc', 'rfm_score', 'rfm_segment', 'activity', 'frequency_tier', 'spend_tier', 'churn_risk'] as const;

/** Methods whose values are tier keys (translated through tier.* / segment.*). */
export const TIER_METHODS = new Set(['abc', 'rfm_segment', 'activity', 'frequency_tier', 'spend_tier', 'churn_risk', 'clv_tier']);

/** Header text of a result column. Rule columns are named after their rule set. */
export function columnHeader(locale: Locale, column: string, ruleName?: string): string {
  if (column.startsWith('rule_')) return t(locale, 'out.col.rule', { name: ruleName ?? column.slice(5) });
  const key = `out.col.${column}`;
  if (hasMessage(key)) return t(locale, key);
  if (column.startsWith('clv_')) return `CLV ${column.slice(4)}`;
  return column;
}

export function methodLabel(locale: Locale, method: string, ruleName?: string): string {
  if (method.startsWith('rule_')) return t(locale, 'out.method.rule', { name: ruleName ?? method.slice(5) });
  const key = `out.method.${method}`;
  return hasMessage(key) ? t(locale, key) : method;
}

/** Display text of a tier key: activity "silent" → 沉默, segment "Champions" → 重要价值客户. */
export function tierLabel(locale: Locale, method: string, tier: string): string {
  if (method === 'rfm_segment') {
    const key = `segment.${tier}`;
    return hasMessage(key) ? t(locale, key) : tier;
  }
  if (method === 'abc' || method.startsWith('rule_')) return tier;
  const key = `tier.${tier}`;
  return hasMessage(key) ? t(locale, key) : tier;
}

const GOOD = '#C6EFCE';
const FAIR = '#FFEB9C';
const BAD = '#FFC7CE';
const NEUTRAL = '#EDEDED';
const FIXED: Record<string, Record<string, string>> = {
  activity: { active: GOOD, new: '#DDEBF7', silent: FAIR, lost: BAD, potential: NEUTRAL },
  churn_risk: { ok: GOOD, warning: BAD, unknown: NEUTRAL },
  frequency_tier: { several_per_week: GOOD, few_per_month: FAIR, monthly_or_less: '#FCE4D6' },
  spend_tier: { high: GOOD, mid: FAIR, low: '#FCE4D6' },
  clv_tier: { high: GOOD, mid: FAIR, low: '#FCE4D6' },
  rfm_segment: {
    Champions: '#A9D08E',
    'Loyal Customers': GOOD,
    'Potential Loyalist': '#DDEBF7',
    'New Customers': '#BDD7EE',
    Promising: '#E2EFDA',
    'Need Attention': FAIR,
    'About To Sleep': '#FCE4D6',
    'At Risk': '#F8CBAD',
    "Can't Lose Them": '#F4B084',
    Lost: BAD,
    Others: NEUTRAL,
  },
};
/** Ordered palette for tiers without a fixed colour (ABC classes, rule tiers, custom segments). */
const SEQUENCE = [GOOD, FAIR, '#FCE4D6', BAD, '#DDEBF7', '#E2EFDA', '#FFF2CC', '#D9E1F2', '#EDE1F5', NEUTRAL];

/** Fill of a tier cell; `order` is the method's tiers best first (used for unfixed tiers). */
export function tierFill(method: string, tier: string, order: readonly string[]): string {
  const fixed = FIXED[method]?.[tier];
  if (fixed) return fixed;
  if (method === 'rfm_segment' || method === 'activity') return NEUTRAL;
  const i = order.indexOf(tier);
  return i < 0 ? NEUTRAL : SEQUENCE[Math.min(i, SEQUENCE.length - 1)];
}

export const HEADER_FILL = '#1F4E78';
export const HEADER_FONT = '#FFFFFF';
export const TITLE_FONT = '#1F4E78';
export const NOTE_FONT = '#7F7F7F';
export const TAB_COLOR = '#2E75B6';
