// CLV method: repeat-purchase summary → BG/NBD (who is alive, how often they buy) and
// Gamma-Gamma (how much they spend) → per-customer probability alive, expected purchases,
// expected spend, CLV over the horizon, CLV tier and a churn flag, plus a fit report.
import type { ClvConfig } from '../../../config/schema';
import { registerMessages, t } from '../../../i18n';
import { messages } from '../../../i18n/messages/clv';
import type { OrderData } from '../../types';
import { fitBgNbd, groupCustomers, isDegenerate } from './bgnbd';
import { fitGammaGamma, groupSpend } from './gammagamma';
import { MONTH_DAYS, summarise, UNIT_DAYS } from './summary';
import type { ClvReport, ClvResult } from './types';
import { mean, median, pearson, populationSummary } from './stats';
import { predict, tierByClv } from './value';

export type { ClvReport, ClvResult, ClvColumns, BgNbdParams, GammaGammaParams, FitStatus } from './types';

registerMessages(messages);

/** Fewer repeat customers (or positive repeat spenders) than this: no fit. */
export const MIN_REPEAT_CUSTOMERS = 10;
/** |corr(x, spend)| at or above this gets a note that the Gamma-Gamma assumption is doubtful. */
export const CORRELATION_NOTE = 0.3;

function fail(code: string, params?: Record<string, string | number>): ClvResult {
  return { ok: false, code, message: t('en-US', code, params), ...(params ? { params } : {}) };
}

/**
 * Fits BG/NBD and Gamma-Gamma on the customers of `customerIds` that have orders up to
 * `analysisDay` (days since epoch) and returns one value per customerIds row. Customers
 * without orders get NaN / null. Fails explicitly (ok: false, i18n code) on data the models
 * cannot be fitted to.
 */
export function computeClv(orders: OrderData, customerIds: string[], analysisDay: number, cfg: ClvConfig): ClvResult {
  const unitDays = UNIT_DAYS[cfg.timeUnit];
  const s = summarise(orders, customerIds, analysisDay, cfg.timeUnit);

  let used = 0;
  let repeat = 0;
  let anyTime = false;
  const spendX: number[] = [];
  const spendM: number[] = [];
  const spendOk = new Uint8Array(s.n);
  for (let i = 0; i < s.n; i++) {
    if (!Number.isFinite(s.x[i])) continue;
    used++;
    if (s.T[i] > 0) anyTime = true;
    // Single-purchase customers get the population mean spend; repeat customers need m̄ > 0.
    if (s.x[i] === 0) spendOk[i] = 1;
    if (s.x[i] > 0) {
      repeat++;
      if (s.meanSpend[i] > 0) {
        spendOk[i] = 1;
        spendX.push(s.x[i]);
        spendM.push(s.meanSpend[i]);
      }
    }
  }
  if (used === 0) return fail('clv.no_orders');
  if (!anyTime) return fail('clv.no_time');
  if (repeat === 0) return fail('clv.no_repeat');
  if (repeat < MIN_REPEAT_CUSTOMERS) return fail('clv.too_few_repeat', { count: repeat, min: MIN_REPEAT_CUSTOMERS });
  if (spendX.length < MIN_REPEAT_CUSTOMERS) return fail('clv.too_few_spenders', { count: spendX.length, min: MIN_REPEAT_CUSTOMERS });

  const groups = groupCustomers(s.x, s.tx, s.T);
  const bg = fitBgNbd(groups, cfg.penalizer);
  const bgFinite = [bg.params.r, bg.params.alpha, bg.params.a, bg.params.b, bg.logLikelihood].every(Number.isFinite);
  if (!bg.minimum.converged || !bgFinite) return fail('clv.not_converged', { model: 'BG/NBD', iterations: bg.minimum.iterations });
  if (isDegenerate(bg.params)) {
    const fmt = (v: number) => Number(v.toPrecision(4));
    return fail('clv.degenerate_fit', { r: fmt(bg.params.r), alpha: fmt(bg.params.alpha), a: fmt(bg.params.a), b: fmt(bg.params.b) });
  }

  const gg = fitGammaGamma(groupSpend(spendX, spendM));
  const ggFinite = [gg.params.p, gg.params.q, gg.params.gamma, gg.logLikelihood].every(Number.isFinite);
  if (!gg.minimum.converged || !ggFinite) return fail('clv.not_converged', { model: 'Gamma-Gamma', iterations: gg.minimum.iterations });
  if (gg.params.q <= 1) return fail('clv.spend_unbounded', { q: Number(gg.params.q.toFixed(4)) });

  const pred = predict(s, bg.params, gg.params, spendOk, {
    horizonMonths: cfg.horizonMonths,
    unitsPerMonth: MONTH_DAYS / unitDays,
    discountRate: cfg.discountRate,
    margin: cfg.margin,
  });
  const tiers = tierByClv(pred.clv, cfg.tierCuts);
  const churn: (string | null)[] = Array.from(pred.pAlive, (p) => (Number.isFinite(p) ? (p < cfg.churnPAlive ? 'warning' : 'ok') : null));

  const notes: ClvReport['notes'] = [];
  const excluded = repeat - spendX.length;
  if (excluded > 0) notes.push({ code: 'clv.note.excluded_spenders', params: { count: excluded } });
  const corr = pearson(spendX, spendM);
  if (Math.abs(corr) >= CORRELATION_NOTE) notes.push({ code: 'clv.note.spend_correlation', params: { corr: Number(corr.toFixed(3)) } });
  // Nearly constant spend per customer drives p and q to ∞: the fit is at a limit and expected
  // spend is close to each customer's own mean.
  if (gg.params.p > 1e4 || gg.params.q > 1e4) notes.push({ code: 'clv.note.spend_degenerate' });
  if (s.ordersIgnored > 0) notes.push({ code: 'clv.note.orders_ignored', params: { count: s.ordersIgnored } });
  if (used - repeat > 0) notes.push({ code: 'clv.note.single_purchase', params: { count: used - repeat } });

  const report: ClvReport = {
    timeUnit: cfg.timeUnit,
    unitDays,
    horizonMonths: cfg.horizonMonths,
    discountRate: cfg.discountRate,
    margin: cfg.margin,
    penalizer: cfg.penalizer,
    customersUsed: used,
    customersWithoutOrders: s.n - used,
    repeatCustomers: repeat,
    likelihoodGroups: groups.groups,
    bgnbd: { ...bg.params, converged: true, iterations: bg.minimum.iterations, logLikelihood: bg.logLikelihood },
    gammaGamma: {
      ...gg.params,
      converged: true,
      iterations: gg.minimum.iterations,
      logLikelihood: gg.logLikelihood,
      customersUsed: spendX.length,
    },
    excludedNonPositiveSpend: excluded,
    notes,
    frequencySpendCorrelation: corr,
    repeatSpend: { mean: mean(spendM), median: median(spendM), max: spendM.reduce((a, v) => Math.max(a, v), -Infinity) },
    population: populationSummary(pred, churn),
    tierCuts: tiers.cuts,
  };
  return {
    ok: true,
    columns: {
      clv_p_alive: pred.pAlive,
      clv_expected_purchases: pred.expectedPurchases,
      clv_expected_spend: pred.expectedSpend,
      clv_value: pred.clv,
      clv_tier: tiers.tier,
      clv_churn: churn,
    },
    report,
  };
}
