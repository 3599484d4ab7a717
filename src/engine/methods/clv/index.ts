// CLV method: repeat-purchase summary → BG/NBD (who is alive, how often they buy) and
// Gamma-Gamma (how much they spend) → per-customer probability alive, expected purchases,
// expected spend, CLV over the horizon, CLV tier and a churn flag, plus a fit report.
import type { ClvConfig } from '../../../config/schema';
import { tryT, type Params } from '../../../i18n';
import type { OrderData } from '../../types';
import { fitBgNbd, groupCustomers, isDegenerate, type BgNbdFit, type BgNbdGroups, type PurchaseModel } from './bgnbd';
import { fitGammaGamma, groupSpend } from './gammagamma';
import { summarise, UNIT_DAYS, type RfmSummary } from './summary';
import type { ClvColumns, ClvReport, ClvResult } from './types';
import { dayToIso, isoToDay } from '../../calendar';
import { holdoutReport } from './holdout';
import { resolveHorizon } from './horizon';
import { clvIntervals } from './intervals';
import { countOrdersIn, purchaseOutlook } from './outlook';
import { mean, median, pearson, populationSummary } from './stats';
import { predict, tierByClv } from './value';

export type { ClvReport, ClvResult, ClvColumns, BgNbdParams, GammaGammaParams, FitStatus } from './types';
export type { HoldoutReport } from './holdout';

/** Fewer repeat customers (or positive repeat spenders) than this: no fit. */
export const MIN_REPEAT_CUSTOMERS = 10;
/** |corr(x, spend)| at or above this gets a note that the Gamma-Gamma assumption is doubtful. */
export const CORRELATION_NOTE = 0.3;

function fail(code: string, params?: Params): ClvResult {
  return { ok: false, code, message: tryT('en-US', code, params), ...(params ? { params } : {}) };
}

/** Who the models can use: customers with orders, repeat customers, and the repeat spend sample. */
interface Sample {
  used: number;
  repeat: number;
  anyTime: boolean;
  spendX: number[];
  spendM: number[];
  /** 1 where expected spend is defined (single-purchase customers and positive repeat spenders). */
  spendOk: Uint8Array;
}

function sampleOf(s: RfmSummary): Sample {
  const out: Sample = { used: 0, repeat: 0, anyTime: false, spendX: [], spendM: [], spendOk: new Uint8Array(s.n) };
  for (let i = 0; i < s.n; i++) {
    if (!Number.isFinite(s.x[i])) continue;
    out.used++;
    if (s.T[i] > 0) out.anyTime = true;
    // Single-purchase customers get the population mean spend; repeat customers need m̄ > 0.
    if (s.x[i] === 0) out.spendOk[i] = 1;
    if (s.x[i] > 0) {
      out.repeat++;
      if (s.meanSpend[i] > 0) {
        out.spendOk[i] = 1;
        out.spendX.push(s.x[i]);
        out.spendM.push(s.meanSpend[i]);
      }
    }
  }
  return out;
}

/** Data the models cannot be fitted to, as a failure code; null when a fit can be tried. */
function unusable(sm: Sample): ClvResult | null {
  if (sm.used === 0) return fail('clv.no_orders');
  if (!sm.anyTime) return fail('clv.no_time');
  if (sm.repeat === 0) return fail('clv.no_repeat');
  if (sm.repeat < MIN_REPEAT_CUSTOMERS) return fail('clv.too_few_repeat', { count: sm.repeat, min: MIN_REPEAT_CUSTOMERS });
  if (sm.spendX.length < MIN_REPEAT_CUSTOMERS) return fail('clv.too_few_spenders', { count: sm.spendX.length, min: MIN_REPEAT_CUSTOMERS });
  return null;
}

type Fits = { bg: ReturnType<typeof fitBgNbd>; gg: ReturnType<typeof fitGammaGamma>; groups: ReturnType<typeof groupCustomers>; spend: ReturnType<typeof groupSpend> };

const MODEL_NAMES: Record<PurchaseModel, string> = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD' };

/** The purchase model's fit, or the failure that stops it (no convergence, degenerate). */
function fitPurchases(groups: BgNbdGroups, cfg: ClvConfig, model: PurchaseModel): BgNbdFit | ClvResult {
  const bg = fitBgNbd(groups, cfg.penalizer, model);
  const bgFinite = [bg.params.r, bg.params.alpha, bg.params.a, bg.params.b, bg.logLikelihood].every(Number.isFinite);
  if (!bg.minimum.converged || !bgFinite) return fail('clv.not_converged', { model: MODEL_NAMES[model], iterations: bg.minimum.iterations });
  if (isDegenerate(bg.params)) {
    const fmt = (v: number) => Number(v.toPrecision(4));
    return fail('clv.degenerate_fit', { r: fmt(bg.params.r), alpha: fmt(bg.params.alpha), a: fmt(bg.params.a), b: fmt(bg.params.b) });
  }
  return bg;
}

/** Both fits, or the failure that stops them (no convergence, degenerate or unbounded). */
function fitModels(s: RfmSummary, sm: Sample, cfg: ClvConfig, model: PurchaseModel): Fits | ClvResult {
  const groups = groupCustomers(s.x, s.tx, s.T);
  const bg = fitPurchases(groups, cfg, model);
  if ('ok' in bg) return bg;
  const spend = groupSpend(sm.spendX, sm.spendM);
  const gg = fitGammaGamma(spend, cfg.spendPenalizer);
  const ggFinite = [gg.params.p, gg.params.q, gg.params.gamma, gg.logLikelihood].every(Number.isFinite);
  if (!gg.minimum.converged || !ggFinite) return fail('clv.not_converged', { model: 'Gamma-Gamma', iterations: gg.minimum.iterations });
  if (gg.params.q <= 1) return fail('clv.spend_unbounded', { q: Number(gg.params.q.toFixed(4)) });
  return { bg, gg, groups, spend };
}

/** Notes on the fit that do not stop it (doubtful assumptions, customers left out). */
function fitNotes(s: RfmSummary, sm: Sample, gg: Fits['gg'], corr: number): ClvReport['notes'] {
  const notes: ClvReport['notes'] = [];
  const excluded = sm.repeat - sm.spendX.length;
  if (excluded > 0) notes.push({ code: 'clv.note.excluded_spenders', params: { count: excluded } });
  if (Math.abs(corr) >= CORRELATION_NOTE) notes.push({ code: 'clv.note.spend_correlation', params: { corr: Number(corr.toFixed(3)) } });
  // Nearly constant spend per customer drives p and q to ∞: the fit is at a limit and expected
  // spend is close to each customer's own mean.
  if (gg.params.p > 1e4 || gg.params.q > 1e4) notes.push({ code: 'clv.note.spend_degenerate' });
  if (s.ordersIgnored > 0) notes.push({ code: 'clv.note.orders_ignored', params: { count: s.ordersIgnored } });
  if (sm.used - sm.repeat > 0) notes.push({ code: 'clv.note.single_purchase', params: { count: sm.used - sm.repeat } });
  return notes;
}

/**
 * model "best": BG/NBD (already fitted) and MBG/NBD, each predicting the holdout; the one with
 * the lower mean absolute error per customer is used (BG/NBD on a tie or when MBG/NBD cannot be
 * fitted). The holdout report lists both candidates.
 */
function bestModel(fits: Fits, orders: OrderData, ids: string[], s: RfmSummary, analysisDay: number, endDay: number, unitDays: number, cfg: ClvConfig) {
  const reports = [{ fit: fits.bg, holdout: holdoutReport(orders, ids, s, fits.bg.params, analysisDay, endDay, unitDays, 'bgnbd') }];
  const mbg = fitPurchases(fits.groups, cfg, 'mbgnbd');
  if (!('ok' in mbg)) reports.push({ fit: mbg, holdout: holdoutReport(orders, ids, s, mbg.params, analysisDay, endDay, unitDays, 'mbgnbd') });
  const best = reports.reduce((a, c) => (c.holdout.mae < a.holdout.mae ? c : a));
  best.holdout.candidates = reports.map((c) => ({ model: c.fit.model, mae: c.holdout.mae, ratio: c.holdout.ratio, predicted: c.holdout.predicted }));
  return best;
}

/** Orders whose money is the profit column when `spendFrom` is 'profit'; null when there is none. */
function spendOrders(orders: OrderData, cfg: ClvConfig): OrderData | null {
  if (cfg.spendFrom === 'amount') return orders;
  return orders.profit ? { ...orders, amount: orders.profit } : null;
}

/**
 * Fits BG/NBD and Gamma-Gamma on the customers of `customerIds` that have orders up to
 * `analysisDay` (days since epoch) and returns one value per customerIds row. Customers
 * without orders get NaN / null. Fails explicitly (ok: false, i18n code) on data the models
 * cannot be fitted to. With `holdout`, orders after the analysis date up to its end are used
 * only to validate the predictions (report.holdout).
 */
export function computeClv(allOrders: OrderData, customerIds: string[], analysisDay: number, cfg: ClvConfig): ClvResult {
  const orders = spendOrders(allOrders, cfg);
  if (!orders) return fail('clv.no_profit_column');
  const holdoutEnd = cfg.holdout ? isoToDay(cfg.holdout.end) : null;
  if (holdoutEnd !== null && !(holdoutEnd > analysisDay)) return fail('clv.holdout_before_analysis', { end: cfg.holdout!.end, analysisDate: dayToIso(analysisDay) });
  const s = summarise(orders, customerIds, analysisDay, cfg.timeUnit);
  return computeClvFromSummary(s, cfg, holdoutEnd === null ? undefined : { orders, customerIds, analysisDay, end: holdoutEnd });
}

/** The order rows a holdout validation needs beside the summary (none on the customer-facts path). */
interface HoldoutInput {
  orders: OrderData;
  customerIds: string[];
  analysisDay: number;
  end: number;
}

/** CLV from the repeat-purchase summary (built from order rows, or from customer facts). */
// long: one pass from the fits to the report; splitting it would only pass the same dozen values around.
export function computeClvFromSummary(s: RfmSummary, cfg: ClvConfig, ho?: HoldoutInput): ClvResult {
  const unitDays = UNIT_DAYS[cfg.timeUnit];
  const holdoutEnd = ho ? ho.end : null;
  const sm = sampleOf(s);
  const bad = unusable(sm);
  if (bad) return bad;
  if (cfg.model === 'best' && holdoutEnd === null) return fail('clv.best_needs_holdout');
  const fits = fitModels(s, sm, cfg, cfg.model === 'mbgnbd' ? 'mbgnbd' : 'bgnbd');
  if ('ok' in fits) return fits;
  const candidates = cfg.model === 'best' ? bestModel(fits, ho!.orders, ho!.customerIds, s, ho!.analysisDay, ho!.end, unitDays, cfg) : null;
  const { gg, groups } = fits;
  const bg = candidates ? candidates.fit : fits.bg;
  const model = bg.model;
  const horizon = resolveHorizon(cfg);
  const valueOpts = { stepEnds: horizon.stepEnds, stepMonths: horizon.stepMonths, discountRate: cfg.discountRate, margin: cfg.margin, model };
  const pred = predict(s, bg.params, gg.params, sm.spendOk, valueOpts);
  const tiers = tierByClv(pred.clv, cfg.tierCuts);
  const churn: (string | null)[] = Array.from(pred.pAlive, (p) => (Number.isFinite(p) ? (p < cfg.churnPAlive ? 'warning' : 'ok') : null));
  const corr = pearson(sm.spendX, sm.spendM);
  const holdout = holdoutEnd === null ? undefined : (candidates?.holdout ?? holdoutReport(ho!.orders, ho!.customerIds, s, bg.params, ho!.analysisDay, ho!.end, unitDays, model));
  const outlook = purchaseOutlook(s, bg.params, horizon.units, model);
  const notes = fitNotes(s, sm, gg, corr);
  if (holdout) {
    // Holdout orders are not "ignored": they validate the fit.
    const ignored = notes.find((n) => n.code === 'clv.note.orders_ignored');
    const holdoutOrders = countOrdersIn(ho!.orders, ho!.analysisDay, ho!.end);
    if (ignored) ignored.params = { count: Number(ignored.params!.count) - holdoutOrders };
    if (holdout.poor) notes.push(holdout.verdict);
  }
  const report: ClvReport = {
    timeUnit: cfg.timeUnit,
    model,
    unitDays,
    horizonMonths: horizon.days / horizon.monthDays,
    horizon: { value: horizon.value, unit: horizon.unit, days: horizon.days, units: horizon.units, monthDays: horizon.monthDays },
    discountRate: cfg.discountRate,
    margin: cfg.margin,
    penalizer: cfg.penalizer,
    spendPenalizer: cfg.spendPenalizer,
    spendFrom: cfg.spendFrom,
    customersUsed: sm.used,
    customersWithoutOrders: s.n - sm.used,
    repeatCustomers: sm.repeat,
    likelihoodGroups: groups.groups,
    bgnbd: { ...bg.params, converged: true, iterations: bg.minimum.iterations, logLikelihood: bg.logLikelihood },
    gammaGamma: { ...gg.params, converged: true, iterations: gg.minimum.iterations, logLikelihood: gg.logLikelihood, customersUsed: sm.spendX.length },
    excludedNonPositiveSpend: sm.repeat - sm.spendX.length,
    notes: notes.filter((n) => n.code !== 'clv.note.orders_ignored' || Number(n.params?.count) > 0),
    frequencySpendCorrelation: corr,
    repeatSpend: { mean: mean(sm.spendM), median: median(sm.spendM), max: sm.spendM.reduce((a, v) => Math.max(a, v), -Infinity) },
    population: { ...populationSummary(pred, churn), ...outlook.population },
    tierCuts: tiers.cuts,
    ...(holdout ? { holdout } : {}),
  };
  const columns: ClvColumns = {
    clv_p_alive: pred.pAlive,
    clv_expected_purchases: pred.expectedPurchases,
    clv_expected_spend: pred.expectedSpend,
    clv_value: pred.clv,
    clv_tier: tiers.tier,
    clv_churn: churn,
    clv_p_no_purchase: outlook.pNoPurchase,
  };
  if (cfg.interval) {
    const iv = clvIntervals(s, { ...fits, bg }, sm.spendOk, valueOpts, cfg);
    if (iv.ok) Object.assign(columns, iv.columns);
    report.interval = iv.report;
  }
  return { ok: true, columns, report };
}
