// Holdout validation: the models are fitted on the calibration period (orders up to the
// analysis date); the orders after it up to the holdout end only check the predictions, as
// lifetimes' calibration_and_holdout_data and BTYD's conditional-expectation and tracking plots.
import type { OrderData } from '../../types';
import { dayToIso } from '../../calendar';
import type { BgNbdParams } from './types';
import { conditionalExpectedPurchases, type PurchaseModel } from './bgnbd';
import { populationExpected } from './probability';
import type { RfmSummary } from './summary';
import type { Params } from '../../../i18n';

/** Frequency bins of the report: calibration x = 0 … 6, then 7 and more (BTYD's censor = 7). */
export const HOLDOUT_BINS = 8;
/** The fit is called poor when predicted/actual total repeat purchases is outside [1/1.25, 1.25] … */
export const POOR_TOTAL_RATIO = 1.25;
/** … or the customer-weighted mean |predicted − actual| of the bins exceeds this share of the actual mean. */
export const POOR_BIN_ERROR = 0.25;

export interface HoldoutBin {
  /** '0' … '6', '7+'. */
  bin: string;
  customers: number;
  /** Mean predicted and actual repeat purchases in the holdout per customer of the bin. */
  predicted: number;
  actual: number;
}

export interface HoldoutReport {
  calibrationEnd: string;
  holdoutEnd: string;
  /** Holdout length in days and in model units. */
  days: number;
  units: number;
  /** Customers with calibration orders (those predicted). */
  customers: number;
  bins: HoldoutBin[];
  /** Total predicted and actual repeat purchases (distinct purchase days) in the holdout. */
  predicted: number;
  actual: number;
  /** Mean absolute error per customer, and predicted / actual. */
  mae: number;
  ratio: number;
  /** Customer-weighted mean |predicted − actual| of the bins over the actual mean per customer. */
  binError: number;
  poor: boolean;
  /** Cumulative repeat purchases of the cohort at the end of each week from its first purchase. */
  weekly: { week: number; date: string; predicted: number; actual: number }[];
  /** Orders in the holdout of customers without calibration orders (new customers, not predicted). */
  ordersOfNewCustomers: number;
  verdict: { code: string; params: Params };
  /** The purchase model these predictions are from. */
  model: PurchaseModel;
  /** With model "best": each candidate's holdout error; the one with the lower MAE is used. */
  candidates?: { model: PurchaseModel; mae: number; ratio: number; predicted: number }[];
}

/** Each customer's distinct purchase days up to `endDay`, sorted (customers by customerIds row). */
function purchaseDays(orders: OrderData, customerIds: string[], endDay: number): number[][] {
  const index = new Map<string, number>();
  customerIds.forEach((id, i) => index.has(id) || index.set(id, i));
  const sets: Set<number>[] = customerIds.map(() => new Set());
  for (let k = 0; k < orders.n; k++) {
    const i = index.get(orders.customer[k]);
    if (i !== undefined && orders.day[k] <= endDay && Number.isFinite(orders.day[k])) sets[i].add(orders.day[k]);
  }
  return sets.map((s) => Float64Array.from(s).sort()).map((a) => Array.from(a));
}

function binsOf(s: RfmSummary, predicted: Float64Array, actual: Float64Array): HoldoutBin[] {
  const bins = Array.from({ length: HOLDOUT_BINS }, (_, k) => ({ bin: k === HOLDOUT_BINS - 1 ? `${k}+` : String(k), customers: 0, predicted: 0, actual: 0 }));
  for (let i = 0; i < s.n; i++) {
    if (!Number.isFinite(predicted[i])) continue;
    const b = bins[Math.min(s.x[i], HOLDOUT_BINS - 1)];
    b.customers++;
    b.predicted += predicted[i];
    b.actual += actual[i];
  }
  for (const b of bins) {
    b.predicted = b.customers ? b.predicted / b.customers : NaN;
    b.actual = b.customers ? b.actual / b.customers : NaN;
  }
  return bins;
}

/**
 * Cumulative repeat purchases week by week from the cohort's first purchase to the holdout end
 * (BTYD's tracking plot): predicted Σ_i E[X(day − first_i)] (FHL eq. 9, each customer from their
 * own first purchase), actual the purchase days after each customer's first up to that day.
 * E[X] is computed once per day offset.
 */
function weekly(days: number[][], bg: BgNbdParams, unitDays: number, endDay: number, model: PurchaseModel): HoldoutReport['weekly'] {
  const firsts = days.filter((d) => d.length > 0 && d[0] <= endDay).map((d) => d[0]);
  if (!firsts.length) return [];
  const start = Math.min(...firsts);
  const expectedAt = new Map<number, number>();
  const ex = (offset: number) => {
    let v = expectedAt.get(offset);
    if (v === undefined) expectedAt.set(offset, (v = populationExpected(bg, offset / unitDays, model)));
    return v;
  };
  const out: HoldoutReport['weekly'] = [];
  for (let w = 1; start + 7 * (w - 1) < endDay; w++) {
    const day = Math.min(start + 7 * w, endDay);
    let predicted = 0;
    let actual = 0;
    for (const d of days) {
      if (!d.length || d[0] > day) continue;
      predicted += ex(day - d[0]);
      for (let j = 1; j < d.length && d[j] <= day; j++) actual++;
    }
    out.push({ week: w, date: dayToIso(day), predicted, actual });
  }
  return out;
}

/**
 * Predicts each calibrated customer's repeat purchases over the holdout (analysisDay, endDay]
 * with FHL eq. (10) and compares them with the purchase days that happened there.
 */
export function holdoutReport(orders: OrderData, customerIds: string[], s: RfmSummary, bg: BgNbdParams, analysisDay: number, endDay: number, unitDays: number, model: PurchaseModel = 'bgnbd'): HoldoutReport {
  const units = (endDay - analysisDay) / unitDays;
  const days = purchaseDays(orders, customerIds, endDay);
  const predicted = new Float64Array(s.n).fill(NaN);
  const actual = new Float64Array(s.n).fill(NaN);
  let customers = 0;
  let sumP = 0;
  let sumA = 0;
  let sumAbs = 0;
  let ordersOfNewCustomers = 0;
  for (let i = 0; i < s.n; i++) {
    const d = days[i];
    if (!Number.isFinite(s.x[i])) {
      ordersOfNewCustomers += d.length;
      continue;
    }
    predicted[i] = conditionalExpectedPurchases(bg, units, s.x[i], s.tx[i], s.T[i], model);
    actual[i] = d.filter((v) => v > analysisDay).length;
    customers++;
    sumP += predicted[i];
    sumA += actual[i];
    sumAbs += Math.abs(predicted[i] - actual[i]);
  }
  const bins = binsOf(s, predicted, actual);
  const binAbs = bins.reduce((acc, b) => acc + (b.customers ? b.customers * Math.abs(b.predicted - b.actual) : 0), 0);
  const binError = sumA > 0 ? binAbs / sumA : Infinity;
  const ratio = sumA > 0 ? sumP / sumA : Infinity;
  const poor = !(ratio <= POOR_TOTAL_RATIO && ratio >= 1 / POOR_TOTAL_RATIO) || binError > POOR_BIN_ERROR;
  const params = { predicted: Math.round(sumP), actual: sumA, percent: Math.round(Math.abs(ratio - 1) * 100), binError: Math.round(binError * 100) };
  return {
    calibrationEnd: dayToIso(analysisDay),
    holdoutEnd: dayToIso(endDay),
    days: endDay - analysisDay,
    units,
    customers,
    bins,
    predicted: sumP,
    actual: sumA,
    mae: customers ? sumAbs / customers : NaN,
    ratio,
    binError,
    poor,
    weekly: weekly(days, bg, unitDays, endDay, model),
    model,
    ordersOfNewCustomers,
    verdict: { code: poor ? 'clv.holdout.verdict_poor' : 'clv.holdout.verdict_good', params },
  };
}
