// The CLV horizon in model time units: a number with a unit (or whole months), the month length
// (calendar average or lifetimes' 30 days) and the monthly steps of the discounted CLV sum.
import type { ClvConfig } from '../../../config/schema';
import { UNIT_DAYS, type TimeUnit } from './summary';

/** Days in a month: the calendar average, or 30 as lifetimes' customer_lifetime_value(freq="D"). */
export const MONTH_DAYS_BY_CHOICE: Record<ClvConfig['monthLength'], number> = { calendar: 365.25 / 12, '30days': 30 };

export interface Horizon {
  /** As configured (value and unit; horizonMonths gives { value, unit: 'month' }). */
  value: number;
  unit: TimeUnit;
  /** Length in days and in model units. */
  days: number;
  units: number;
  monthDays: number;
  /** Ends of the CLV steps in model units (whole months, then the partial rest), and in months. */
  stepEnds: Float64Array;
  stepMonths: Float64Array;
}

/**
 * Resolves `horizon` (or `horizonMonths`) against the model unit. A month is `monthDays` days
 * wherever months appear (the horizon and the CLV steps); a week is 7 days. A remainder shorter
 * than 1e-9 months is rounding, not a step of its own.
 */
export function resolveHorizon(cfg: Pick<ClvConfig, 'horizon' | 'horizonMonths' | 'monthLength' | 'timeUnit'>): Horizon {
  const monthDays = MONTH_DAYS_BY_CHOICE[cfg.monthLength];
  const { value, unit } = cfg.horizon ?? { value: cfg.horizonMonths, unit: 'month' as const };
  const days = value * (unit === 'month' ? monthDays : UNIT_DAYS[unit]);
  // The model's month unit stays the calendar month (the summary's unit); monthLength sets the
  // month of the horizon and of the CLV steps, as lifetimes' freq multiplier does.
  const unitDays = UNIT_DAYS[cfg.timeUnit];
  const months = days / monthDays;
  const whole = Math.floor(months + 1e-9);
  const count = months - whole > 1e-9 ? whole + 1 : whole;
  const stepMonths = Float64Array.from({ length: Math.max(count, 1) }, (_, k) => Math.min(k + 1, months));
  const stepEnds = stepMonths.map((m) => (m * monthDays) / unitDays);
  return { value, unit, days, units: days / unitDays, monthDays, stepEnds, stepMonths };
}

/** Steps of H whole months of `unitsPerMonth` units (the CLV sum of horizonMonths). */
export function monthSteps(months: number, unitsPerMonth: number): { stepEnds: Float64Array; stepMonths: Float64Array } {
  const stepMonths = Float64Array.from({ length: months }, (_, k) => k + 1);
  return { stepEnds: stepMonths.map((m) => m * unitsPerMonth), stepMonths };
}
