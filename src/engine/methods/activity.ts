// Activity, purchase-rate tiers, spend tiers and the churn warning (docs/engine.md).
// Values are stable keys; labels come from i18n (tier.<key>).
import type { ActivityConfig } from '../../config/schema';
import type { CustomerMetrics } from '../metrics';
import { nullColumn, quantilesOf, tidy } from '../stats';

export { ACTIVITY_TIERS, CHURN_TIERS, FREQUENCY_TIERS, SPEND_TIERS } from '../columns';

export interface ActivityResult {
  activity: (string | null)[];
  frequencyTier: (string | null)[];
  spendTier: (string | null)[];
  churnRisk: (string | null)[];
  cuts: ActivityCuts;
}

/** The activity windows and the thresholds of the rate, spend and churn tiers actually used. */
export interface ActivityCuts {
  newDays: number;
  activeDays: number;
  silentDays: number;
  frequency: ActivityConfig['frequency'];
  spend: ActivityConfig['spend'] & { highAov: number; lowAov: number };
  churn: ActivityConfig['churn'];
}

export function classifyActivity(m: CustomerMetrics, cfg: ActivityConfig, analysisDay: number): ActivityResult {
  const n = m.n;
  const activity = nullColumn<string>(n);
  const frequencyTier = nullColumn<string>(n);
  const spendTier = nullColumn<string>(n);
  const churnRisk = nullColumn<string>(n);

  const [spendHigh, spendLow] = quantilesOf(m.avgOrderValue, m.hasOrders, [cfg.spend.highQuantile, cfg.spend.lowQuantile]);
  tierCustomers(m, cfg, analysisDay, spendHigh, spendLow, { activity, frequencyTier, spendTier, churnRisk });
  return {
    activity,
    frequencyTier,
    spendTier,
    churnRisk,
    cuts: {
      newDays: cfg.newDays,
      activeDays: cfg.activeDays,
      silentDays: cfg.silentDays,
      frequency: { ...cfg.frequency },
      spend: { ...cfg.spend, highAov: tidy(spendHigh), lowAov: tidy(spendLow) },
      churn: { ...cfg.churn },
    },
  };
}

type TierColumns = Pick<ActivityResult, 'activity' | 'frequencyTier' | 'spendTier' | 'churnRisk'>;

/**
 * The per-customer loop, as a leaf function ending in nothing that needs type feedback (inside
 * classifyActivity it deoptimised at the result object on every call: see methods/abc.ts).
 */
function tierCustomers(m: CustomerMetrics, cfg: ActivityConfig, analysisDay: number, spendHigh: number, spendLow: number, out: TierColumns): void {
  const { activity, frequencyTier, spendTier, churnRisk } = out;
  const { gapRatio, rateDrop, windowDays, minOrders } = cfg.churn;
  const n = m.n;

  for (let i = 0; i < n; i++) {
    if (!m.hasOrders[i]) {
      activity[i] = 'potential';
      continue;
    }
    // Activity: first order within newDays → new; else by days since the last order.
    const rec = m.recencyDays[i];
    const age = analysisDay - m.firstDay[i];
    if (age <= cfg.newDays) activity[i] = 'new';
    else if (rec <= cfg.activeDays) activity[i] = 'active';
    else if (rec <= cfg.silentDays) activity[i] = 'silent';
    else if (Number.isFinite(rec)) activity[i] = 'lost';

    const perWeek = m.ordersPerWeek[i];
    if (Number.isFinite(perWeek)) {
      frequencyTier[i] = perWeek >= cfg.frequency.perWeek ? 'several_per_week' : m.ordersPerMonth[i] >= cfg.frequency.perMonth ? 'few_per_month' : 'monthly_or_less';
    }

    const aov = m.avgOrderValue[i];
    if (Number.isFinite(aov)) spendTier[i] = aov > spendHigh ? 'high' : aov < spendLow ? 'low' : 'mid';

    // Churn: needs minOrders purchase days of history.
    const days = m.activeDays[i];
    if (!(days >= minOrders)) {
      churnRisk[i] = 'unknown';
      continue;
    }
    const gapRule = rec > gapRatio * m.medianGap[i];
    // Rate rule only with at least one full window of history before the recent window, and
    // only when the earlier rate expects at least one purchase per window (a once-a-year buyer
    // with no purchase in the last 90 days has not slowed down).
    const span = m.earlierSpanDays[i];
    const earlierRate = span > 0 ? m.earlierPurchaseDays[i] / span : 0;
    const rateRule = span >= windowDays && earlierRate * windowDays >= 1 && m.recentPurchaseDays[i] / windowDays < rateDrop * earlierRate;
    churnRisk[i] = gapRule || rateRule ? 'warning' : 'ok';
  }
}
