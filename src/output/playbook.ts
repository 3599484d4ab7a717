// The playbook: what to do with each tier (an action and who does it, through which channel),
// following the CRM practice the product is built on (A: a dedicated account manager, early
// access, VIP events; B: regular follow-up, promotions, loyalty points; C: low-cost e-mail and
// online service; silent: win-back; potential: trials and first-order offers; churn warning: a
// call before it is too late). The defaults are typed against the tier vocabularies of
// engine/columns.ts, so a tier added there without an action does not compile; the config's
// `playbook` (stored in the workbook with the rest of the config) overrides any entry.
import type { TieringConfig } from '../config/schema';
import { isRuleColumn, isVocabularyMethod, type TierOf, type VocabularyMethod } from '../engine/columns';
import { tierRanks } from '../engine/history';
import { abcLabels } from '../engine/methods/abc';
import type { Locale } from '../i18n';

export interface Play {
  action: string;
  owner: string;
}
type Pair = readonly [action: string, owner: string];
type Defaults = { [M in VocabularyMethod]: Record<TierOf<M>, Pair> } & {
  /** ABC classes and rule tiers by position: best, middle, the rest. */
  ranked: readonly [Pair, Pair, Pair];
  /** The "what changed" lines of the summary. */
  change: Record<ChangeKind, Pair>;
};
export type ChangeKind = 'new' | 'up' | 'down' | 'atRisk';

const ZH: Defaults = {
  ranked: [
    ['专属客户经理，优先供货与新品抢先体验，邀请参加 VIP 活动', '大客户经理 · 电话/面访'],
    ['定期回访，推送促销与会员积分，争取升级', '销售 · 电话/微信'],
    ['低成本触达：邮件、短信与在线自助服务', '客服/市场 · 邮件/短信'],
  ],
  activity: {
    active: ['保持节奏：会员权益与复购提醒', '销售 · 微信/邮件'],
    new: ['欢迎礼包与第二单优惠，30 天内回访一次', '销售 · 电话/微信'],
    silent: ['唤醒活动：限时优惠券与新品推荐', '市场 · 短信/邮件'],
    lost: ['低成本挽回：调研流失原因，一次性回归优惠', '市场 · 邮件'],
    potential: ['试用装与首单优惠，促成第一单', '销售 · 电话'],
  },
  churn_risk: {
    ok: ['无需额外动作', '—'],
    warning: ['趁早致电了解原因并给出挽留方案', '客户经理 · 电话'],
    unknown: ['订单太少无法判断：随常规跟进', '销售'],
  },
  frequency_tier: {
    several_per_week: ['保障供货与配送，提供批量/订阅方案', '客户经理'],
    few_per_month: ['定期提醒补货，推荐组合装', '销售 · 微信/邮件'],
    monthly_or_less: ['按周期推送补货提醒与优惠', '市场 · 短信/邮件'],
  },
  spend_tier: {
    high: ['高客单：推荐高端与增值服务', '客户经理'],
    mid: ['搭配销售，满额优惠提升客单价', '销售'],
    low: ['入门套餐与满减，逐步提升客单价', '市场 · 邮件/短信'],
  },
  clv_tier: {
    top: ['重点投入：专属服务与长期合作协议', '大客户经理'],
    high: ['提升忠诚度：会员升级与专属优惠', '客户经理'],
    middle: ['定期营销，交叉销售', '销售'],
    low: ['低成本自动化营销', '市场 · 邮件'],
    bottom: ['仅自助服务，控制服务成本', '客服 · 在线'],
  },
  rfm_segment: {
    Champions: ['奖励与新品抢先体验，邀请推荐新客户', '大客户经理 · 电话/面访'],
    'Loyal Customers': ['会员积分与升级权益，交叉销售', '客户经理 · 微信'],
    'Potential Loyalist': ['会员计划邀请，个性化推荐', '销售 · 微信/邮件'],
    'New Customers': ['欢迎礼包与使用指导，促成第二单', '销售 · 电话'],
    Promising: ['品牌认知与限时试用', '市场 · 邮件'],
    'Need Attention': ['限时优惠，基于购买记录的推荐', '销售 · 微信/邮件'],
    'About To Sleep': ['唤醒优惠与热门推荐', '市场 · 短信'],
    'At Risk': ['个性化挽回邮件与专属优惠', '客户经理 · 邮件/电话'],
    "Can't Lose Them": ['立即致电，了解原因并给出挽留方案', '大客户经理 · 电话'],
    Lost: ['低成本挽回活动，否则不再投入', '市场 · 邮件'],
    Others: ['随常规营销跟进', '市场'],
  },
  day_habit: {
    weekend: ['周五推送周末特惠与新鲜到货，周末保障配送', '市场 · 小程序/短信'],
    weekday: ['工作日午间/下班前推送，次日达与便捷补货', '市场 · 小程序/微信'],
    mixed: ['按最近购买周期提醒补货', '市场 · 短信'],
    unknown: ['购买天数太少：随常规营销', '市场'],
  },
  breadth_habit: {
    single: ['推荐相关品类（见推荐下一品类），满额跨品类优惠', '销售 · 微信'],
    focused: ['主品类会员价，搭配推荐第二品类', '销售 · 微信/邮件'],
    broad: ['全品类会员权益与组合装', '客户经理'],
  },
  price_habit: {
    discount: ['在促销期集中触达；避免全价期过度打扰', '市场 · 短信/邮件'],
    full_price: ['强调品质与服务，不必用折扣打动', '销售'],
  },
  time_band: {
    morning: ['上午推送', '市场'],
    midday: ['午间推送', '市场'],
    afternoon: ['下午推送', '市场'],
    evening: ['晚间推送', '市场'],
    night: ['夜间下单：次日一早推送', '市场'],
  },
  change: {
    new: ['欢迎并在 30 天内回访，促成第二单', '销售'],
    up: ['致谢并介绍新级别的权益', '客户经理'],
    down: ['按价值从高到低逐一回访，了解原因', '客户经理 · 电话'],
    atRisk: ['趁早致电并给出挽留方案', '客户经理 · 电话'],
  },
};

const EN: Defaults = {
  ranked: [
    ['Dedicated account manager, priority supply and early access, VIP events', 'Key account manager · phone/visit'],
    ['Regular follow-up, promotions and loyalty points; aim to move them up', 'Sales · phone/chat'],
    ['Low-cost reach: e-mail, SMS and online self-service', 'Service/marketing · e-mail/SMS'],
  ],
  activity: {
    active: ['Keep the rhythm: member benefits and reorder reminders', 'Sales · chat/e-mail'],
    new: ['Welcome pack and a second-order offer; follow up within 30 days', 'Sales · phone/chat'],
    silent: ['Win-back campaign: time-limited coupon and new products', 'Marketing · SMS/e-mail'],
    lost: ['Low-cost win-back: ask why they left, one-time return offer', 'Marketing · e-mail'],
    potential: ['Trial and first-order offer to win the first order', 'Sales · phone'],
  },
  churn_risk: {
    ok: ['No extra action', '—'],
    warning: ['Call before it is too late: ask why and offer to keep them', 'Account manager · phone'],
    unknown: ['Too few orders to judge: regular follow-up', 'Sales'],
  },
  frequency_tier: {
    several_per_week: ['Secure supply and delivery; offer volume or subscription terms', 'Account manager'],
    few_per_month: ['Regular reorder reminders, suggest bundles', 'Sales · chat/e-mail'],
    monthly_or_less: ['Periodic reorder reminders and offers', 'Marketing · SMS/e-mail'],
  },
  spend_tier: {
    high: ['High basket: premium products and value-added services', 'Account manager'],
    mid: ['Cross-sell; spend-more-save-more offers', 'Sales'],
    low: ['Starter bundles and threshold discounts to grow the basket', 'Marketing · e-mail/SMS'],
  },
  clv_tier: {
    top: ['Invest: dedicated service and long-term agreements', 'Key account manager'],
    high: ['Build loyalty: membership upgrade and exclusive offers', 'Account manager'],
    middle: ['Regular campaigns and cross-selling', 'Sales'],
    low: ['Low-cost automated marketing', 'Marketing · e-mail'],
    bottom: ['Self-service only; keep the cost to serve low', 'Service · online'],
  },
  rfm_segment: {
    Champions: ['Reward them, early access to new products, ask for referrals', 'Key account manager · phone/visit'],
    'Loyal Customers': ['Loyalty points and upgrades, cross-sell', 'Account manager · chat'],
    'Potential Loyalist': ['Invite to the membership programme, personal recommendations', 'Sales · chat/e-mail'],
    'New Customers': ['Welcome pack and onboarding; win the second order', 'Sales · phone'],
    Promising: ['Build awareness, time-limited trials', 'Marketing · e-mail'],
    'Need Attention': ['Time-limited offers based on past purchases', 'Sales · chat/e-mail'],
    'About To Sleep': ['Reactivation offer and popular products', 'Marketing · SMS'],
    'At Risk': ['Personal win-back e-mails and exclusive offers', 'Account manager · e-mail/phone'],
    "Can't Lose Them": ['Call now: ask why and offer to keep them', 'Key account manager · phone'],
    Lost: ['Low-cost win-back campaign, otherwise no further spend', 'Marketing · e-mail'],
    Others: ['Regular marketing', 'Marketing'],
  },
  day_habit: {
    weekend: ['Send weekend offers and fresh arrivals on Friday; secure weekend delivery', 'Marketing · app/SMS'],
    weekday: ['Reach them on weekdays at lunch or before leaving work; next-day delivery', 'Marketing · app/chat'],
    mixed: ['Reorder reminders by their usual interval', 'Marketing · SMS'],
    unknown: ['Too few purchase days: regular marketing', 'Marketing'],
  },
  breadth_habit: {
    single: ['Suggest a related category (see next category) with a cross-category offer', 'Sales · chat'],
    focused: ['Member prices in their main category; suggest a second one', 'Sales · chat/e-mail'],
    broad: ['Whole-range member benefits and bundles', 'Account manager'],
  },
  price_habit: {
    discount: ['Reach them during promotions; do not over-contact at full price', 'Marketing · SMS/e-mail'],
    full_price: ['Stress quality and service; discounts are not what wins them', 'Sales'],
  },
  time_band: {
    morning: ['Send in the morning', 'Marketing'],
    midday: ['Send at midday', 'Marketing'],
    afternoon: ['Send in the afternoon', 'Marketing'],
    evening: ['Send in the evening', 'Marketing'],
    night: ['Night buyers: send first thing next morning', 'Marketing'],
  },
  change: {
    new: ['Welcome them and follow up within 30 days for a second order', 'Sales'],
    up: ['Thank them and present the new tier’s benefits', 'Account manager'],
    down: ['Call the most valuable first and ask what changed', 'Account manager · phone'],
    atRisk: ['Call before it is too late and offer to keep them', 'Account manager · phone'],
  },
};

const DEFAULTS: Record<Locale, Defaults> = { 'zh-CN': ZH, 'en-US': EN };
const play = ([action, owner]: Pair): Play => ({ action, owner });

/** The default play of a tier (null for a custom RFM segment or an unranked user tier). */
export function defaultPlay(locale: Locale, method: string, tier: string, config?: TieringConfig): Play | null {
  const d = DEFAULTS[locale];
  if (isVocabularyMethod(method)) {
    const row = d[method] as Record<string, Pair>;
    return Object.prototype.hasOwnProperty.call(row, tier) ? play(row[tier]) : null;
  }
  if (method === 'abc' || isRuleColumn(method)) {
    // ABC ranks by the labels this config gives (A, B, C by default), rules by their order.
    const ranks = method === 'abc' ? new Map((config?.methods.abc ? abcLabels(config.methods.abc) : ['A', 'B', 'C']).map((k, i) => [k, i])) : tierRanks(method, config);
    const r = ranks.get(tier);
    if (r === undefined) return null;
    const last = Math.max(...ranks.values());
    // Best → the first play, worst → the last, anything between → the middle one.
    return play(d.ranked[r === 0 ? 0 : r === last ? 2 : 1]);
  }
  return null;
}

/** The play of a tier: the config's entry (either field may be given alone), else the default. */
export function playFor(locale: Locale, method: string, tier: string, config?: TieringConfig): Play | null {
  const own = config?.playbook?.[method]?.[tier];
  const base = defaultPlay(locale, method, tier, config);
  if (!own) return base;
  return { action: own.action ?? base?.action ?? '', owner: own.owner ?? base?.owner ?? '' };
}

/** The action line of a change in the "what changed" block (config key `changes`). */
export function changePlay(locale: Locale, kind: ChangeKind, config?: TieringConfig): Play {
  const own = config?.playbook?.changes?.[kind];
  const base = play(DEFAULTS[locale].change[kind]);
  return { action: own?.action ?? base.action, owner: own?.owner ?? base.owner };
}

/** "action (owner)" for a single cell. */
export function playText(locale: Locale, p: Play | null): string {
  if (!p) return '';
  if (!p.owner || p.owner === '—') return p.action;
  return locale === 'zh-CN' ? `${p.action}（${p.owner}）` : `${p.action} (${p.owner})`;
}
