// Per-customer intervals of expected purchases and CLV from the parameter uncertainty of both
// fits (delta method, see uncertainty.ts), as the columns clv_expected_purchases_low/high and
// clv_low/clv_high.
import type { ClvConfig } from '../../../config/schema';
import { bgNbdObjective, scaleGroups, toParams as bgParams, type BgNbdFit, type BgNbdGroups } from './bgnbd';
import { gammaGammaObjective, toParams as ggParams, type GammaGammaFit, type SpendGroups } from './gammagamma';
import type { RfmSummary } from './summary';
import type { ClvReport } from './types';
import { blockDiagonal, covarianceAt, deltaIntervals, normalQuantile } from './uncertainty';
import { predict, type ValueOptions } from './value';

export interface IntervalFits {
  bg: BgNbdFit;
  gg: GammaGammaFit;
  groups: BgNbdGroups;
  spend: SpendGroups;
}

type IntervalResult = { ok: boolean; columns: Record<string, Float64Array>; report: NonNullable<ClvReport['interval']> };

/**
 * θ = the optimisers' coordinates (ln r, ln α·scale, ln a, ln b, ln p, ln q, ln pγ); their
 * covariance is block-diagonal (the two likelihoods share no parameter) from each penalised
 * objective's Hessian times its customer count.
 */
export function clvIntervals(s: RfmSummary, f: IntervalFits, spendOk: Uint8Array, o: ValueOptions, cfg: ClvConfig): IntervalResult {
  const level = cfg.interval?.level ?? 0.9;
  const scaled = scaleGroups(f.groups, f.bg.scale);
  const covBg = covarianceAt(bgNbdObjective(scaled, cfg.penalizer, f.bg.model), f.bg.minimum.x, scaled.totalWeight);
  const covGg = covarianceAt(gammaGammaObjective(f.spend, cfg.spendPenalizer), f.gg.minimum.x, f.spend.totalWeight);
  const sd = (cov: number[][] | null, i: number) => (cov ? Math.sqrt(cov[i][i]) : NaN);
  const report = {
    level,
    method: 'delta' as const,
    // se of a parameter = value · se of its log (delta method).
    bgnbdSe: { r: f.bg.params.r * sd(covBg, 0), alpha: f.bg.params.alpha * sd(covBg, 1), a: f.bg.params.a * sd(covBg, 2), b: f.bg.params.b * sd(covBg, 3) },
    gammaGammaSe: { p: f.gg.params.p * sd(covGg, 0), q: f.gg.params.q * sd(covGg, 1) },
    available: !!(covBg && covGg),
  };
  if (!covBg || !covGg) return { ok: false, columns: {}, report };
  const theta = [...f.bg.minimum.x, ...f.gg.minimum.x];
  const evaluate = (t: number[]) => {
    const bg = bgParams(t.slice(0, 4));
    const pred = predict(s, { ...bg, alpha: bg.alpha / f.bg.scale }, ggParams(t.slice(4)), spendOk, o);
    return [pred.expectedPurchases, pred.clv];
  };
  const z = normalQuantile(0.5 + level / 2);
  const [purchases, clv] = deltaIntervals(evaluate, theta, blockDiagonal([covBg, covGg]), z);
  return {
    ok: true,
    columns: { clv_expected_purchases_low: purchases.low, clv_expected_purchases_high: purchases.high, clv_low: clv.low, clv_high: clv.high },
    report,
  };
}
