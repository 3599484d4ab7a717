// Habit tiers from the per-customer preferences, with the thresholds of config methods.preferences
// (defaults and reasons in docs/preferences.md). A customer with no purchase row gets no tier.
import type { PreferencesConfig } from '../../../config/schema';
import type { CustomerPreferences } from './kernel';

export const DAY_HABITS = ['weekend', 'weekday', 'mixed', 'unknown'] as const;
export const BREADTH_HABITS = ['single', 'focused', 'broad'] as const;
export const PRICE_HABITS = ['discount', 'full_price'] as const;

type Thresholds = Pick<PreferencesConfig, 'weekendShare' | 'weekdayShare' | 'minDays' | 'singleShare' | 'broadCount' | 'discountShare'>;

/**
 * Weekend shopper: at least `weekendShare` of the distinct purchase days fall on Saturday or
 * Sunday; weekday shopper: at most `weekdayShare`; mixed between; unknown below `minDays` days
 * (too few days to call a habit). Two of seven days are weekend days, so a customer who buys
 * on random days sits near 0.29: the defaults 0.5 and 0.15 ask for a clear lean either way.
 */
export function dayHabit(p: CustomerPreferences, cfg: Thresholds): (string | null)[] {
  const out = new Array<string | null>(p.n);
  for (let c = 0; c < p.n; c++) {
    const days = p.purchaseDays[c];
    const w = p.weekendShare[c];
    out[c] = days === 0 ? null : days < cfg.minDays ? 'unknown' : w >= cfg.weekendShare ? 'weekend' : w <= cfg.weekdayShare ? 'weekday' : 'mixed';
  }
  return out;
}

/**
 * Single-category: one category, or the dominant one holds at least `singleShare` of the
 * spend; broad: `broadCount` categories or more; focused: the rest.
 */
export function breadthHabit(p: CustomerPreferences, cfg: Thresholds): (string | null)[] | null {
  const cat = p.category;
  if (!cat) return null;
  const out = new Array<string | null>(p.n);
  for (let c = 0; c < p.n; c++) {
    const k = cat.count[c];
    const share = cat.dominantShare[c];
    out[c] = k === 0 ? null : k === 1 || share >= cfg.singleShare ? 'single' : k >= cfg.broadCount ? 'broad' : 'focused';
  }
  return out;
}

/** Discount-driven: at least `discountShare` of the spend bought on promotion; else full-price. */
export function priceHabit(p: CustomerPreferences, cfg: Thresholds): (string | null)[] | null {
  if (p.discountShare.every((x) => x !== x)) return null;
  const out = new Array<string | null>(p.n);
  for (let c = 0; c < p.n; c++) {
    const s = p.discountShare[c];
    out[c] = s !== s ? null : s >= cfg.discountShare ? 'discount' : 'full_price';
  }
  return out;
}
