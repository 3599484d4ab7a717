// CLV method: repeat-purchase summary → BG/NBD (who is alive, how often they buy) and
// Gamma-Gamma (how much they spend) → per-customer probability alive, expected purchases,
// expected spend, CLV over the horizon, CLV tier and a churn flag, plus a fit report.
import type { ClvConfig } from '../../../config/schema';
import { tryT } from '../../../i18n';
import type { OrderData } from '../../types';
import { fitBgNbd, groupCustomers, isDegenerate } from './bgnbd';
import { fitGammaGamma, groupSpend } from './gammagamma';
import { MONTH_DAYS, summarise, UNIT_DAYS, type RfmSummary } from './summary';
import type { ClvReport, ClvResult } from './types';
import { mean, median, pearson, populationSummary } from './stats';
import { predict, tierByClv } from './value';

export type { ClvReport, ClvResult, ClvColumns, BgNbdParams, GammaGammaParams, FitStatus } from './types';

/** Fewer repeat customers (or positive repeat spenders) than this: no fit. */
export const MIN_REPEAT_CUSTOMERS = 10;
/** |corr(x, spend)| at or above this gets a note that the Gamma-Gamma assumption is doubtful. */
export const CORRELATION_NOTE = 0.3;

function fail(code: string, params?: Record<string, string | number>): ClvResult {
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

type Fits = { bg: ReturnType<typeof fitBgNbd>; gg: ReturnType<typeof fitGammaGamma>; groups: ReturnType<typeof groupCustomers> };

/** Both fits, or the failure that stops them (no convergence, degenerate or unbounded). */
function fitModels(s: RfmSummary, sm: Sample, cfg: ClvConfig): Fits | ClvResult {
  const groups = groupCustomers(s.x, s.tx, s.T);
  const bg = fitBgNbd(groups, cfg.penalizer);
  const bgFinite = [bg.params.r, bg.params.alpha, bg.params.a, bg.params.b, bg.logLikelihood].every(Number.isFinite);
  if (!bg.minimum.converged || !bgFinite) return fail('clv.not_converged', { model: 'BG/NBD', iterations: bg.minimum.iterations });
  if (isDegenerate(bg.params)) {
    const fmt = (v: number) => Number(v.toPrecision(4));
    return fail('clv.degenerate_fit', { r: fmt(bg.params.r), alpha: fmt(bg.params.alpha), a: fmt(bg.params.a), b: fmt(bg.params.b) });
  }
  const gg = fitGammaGamma(groupSpend(sm.spendX, sm.spendM));
  const ggFinite = [gg.params.p, gg.params.q, gg.params.gamma, gg.logLikelihood].every(Number.isFinite);
  if (!gg.minimum.converged || !ggFinite) return fail('clv.not_converged', { model: 'Gamma-Gamma', iterations: gg.minimum.iterations });
  if (gg.params.q <= 1) return fail('clv.spend_unbounded', { q: Number(gg.params.q.toFixed(4)) });
  return { bg, gg, groups };
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
 * Fits BG/NBD and Gamma-Gamma on the customers of `customerIds` that have orders up to
 * `analysisDay` (days since epoch) and returns one value per customerIds row. Customers
 * without orders get NaN / null. Fails explicitly (ok: false, i18n code) on data the models
 * cannot be fitted to.
 */
export function computeClv(orders: OrderData, customerIds: string[], analysisDay: number, cfg: ClvConfig): ClvResult {
  return computeClvFromSummary(summarise(orders, customerIds, analysisDay, cfg.timeUnit), cfg);
}

/** CLV from the repeat-purchase summary (built from order rows, or from customer facts). */
export function computeClvFromSummary(s: RfmSummary, cfg: ClvConfig): ClvResult {
  const unitDays = UNIT_DAYS[cfg.timeUnit];
  const sm = sampleOf(s);
  const bad = unusable(sm);
  if (bad) return bad;
  const fits = fitModels(s, sm, cfg);
  if ('ok' in fits) return fits;
  const { bg, gg, groups } = fits;
  const pred = predict(s, bg.params, gg.params, sm.spendOk, {
    horizonMonths: cfg.horizonMonths,
    unitsPerMonth: MONTH_DAYS / unitDays,
    discountRate: cfg.discountRate,
    margin: cfg.margin,
  });
  const tiers = tierByClv(pred.clv, cfg.tierCuts);
  const churn: (string | null)[] = Array.from(pred.pAlive, (p) => (Number.isFinite(p) ? (p < cfg.churnPAlive ? 'warning' : 'ok') : null));
  const corr = pearson(sm.spendX, sm.spendM);
  const report: ClvReport = {
    timeUnit: cfg.timeUnit,
    unitDays,
    horizonMonths: cfg.horizonMonths,
    discountRate: cfg.discountRate,
    margin: cfg.margin,
    penalizer: cfg.penalizer,
    customersUsed: sm.used,
    customersWithoutOrders: s.n - sm.used,
    repeatCustomers: sm.repeat,
    likelihoodGroups: groups.groups,
    bgnbd: { ...bg.params, converged: true, iterations: bg.minimum.iterations, logLikelihood: bg.logLikelihood },
    gammaGamma: { ...gg.params, converged: true, iterations: gg.minimum.iterations, logLikelihood: gg.logLikelihood, customersUsed: sm.spendX.length },
    excludedNonPositiveSpend: sm.repeat - sm.spendX.length,
    notes: fitNotes(s, sm, gg, corr),
    frequencySpendCorrelation: corr,
    repeatSpend: { mean: mean(sm.spendM), median: median(sm.spendM), max: sm.spendM.reduce((a, v) => Math.max(a, v), -Infinity) },
    population: populationSummary(pred, churn),
    tierCuts: tiers.cuts,
  };
  const columns = { clv_p_alive: pred.pAlive, clv_expected_purchases: pred.expectedPurchases, clv_expected_spend: pred.expectedSpend, clv_value: pred.clv, clv_tier: tiers.tier, clv_churn: churn };
  return { ok: true, columns, report };
}
