// Shapes of the CLV method's result and report (JSON-serialisable, shown in the CLI JSON).
import type { HoldoutReport } from './holdout';
import type { Params } from '../../../i18n';

/** Outcome of one maximum-likelihood fit. */
export interface FitStatus {
  converged: boolean;
  /** Nelder–Mead iterations summed over all starts and restarts. */
  iterations: number;
  /** Log-likelihood of the data at the fitted parameters (without the penalty). */
  logLikelihood: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  /** γ, called v in lifetimes. */
  gamma: number;
}

export interface ClvReport {
  timeUnit: 'day' | 'week' | 'month';
  /** The purchase model used (bgnbd: BG/NBD; mbgnbd: MBG/NBD); report.bgnbd holds its r, α, a, b. */
  model: 'bgnbd' | 'mbgnbd';
  /** Length of one time unit in days. */
  unitDays: number;
  /** Horizon in months of monthDays days (whole when configured as horizonMonths). */
  horizonMonths: number;
  /** The horizon as configured, its length in days and model units, and the month used. */
  horizon: { value: number; unit: 'day' | 'week' | 'month'; days: number; units: number; monthDays: number };
  discountRate: number;
  margin: number;
  penalizer: number;
  spendPenalizer: number;
  spendFrom: 'amount' | 'profit';
  /** Customers with at least one order (those the BG/NBD model is fitted on). */
  customersUsed: number;
  /** Customers in the result table without orders (their CLV columns are empty). */
  customersWithoutOrders: number;
  /** Customers with x > 0. */
  repeatCustomers: number;
  /** Distinct (x, t_x, T) groups the likelihood is summed over. */
  likelihoodGroups: number;
  bgnbd: BgNbdParams & FitStatus;
  gammaGamma: GammaGammaParams & FitStatus & { customersUsed: number };
  /** Repeat customers left out of the Gamma-Gamma fit because their mean repeat spend is ≤ 0. */
  excludedNonPositiveSpend: number;
  /** i18n keys of notes to show (e.g. excluded spenders, weak independence assumption). */
  notes: { code: string; params?: Params }[];
  /** Pearson correlation of x and mean spend over the Gamma-Gamma customers (assumption: ≈ 0). */
  frequencySpendCorrelation: number;
  /** Mean, median and max of the mean repeat spend of the Gamma-Gamma customers. */
  repeatSpend: { mean: number; median: number; max: number };
  population: {
    meanPAlive: number;
    churnWarnings: number;
    expectedPurchases: number;
    totalClv: number;
    meanClv: number;
    medianClv: number;
    expectedPurchasesNewCustomer: number;
    purchaseDistribution: { purchases: string; customers: number }[];
  };
  /** CLV thresholds between tiers (lowest CLV still in the tier), best tier first. */
  tierCuts: { tier: string; share: number; minClv: number | null; customers: number }[];
  /** With methods.clv.holdout: predicted vs actual purchases after the analysis date. */
  holdout?: HoldoutReport;
  /** With methods.clv.interval: level, method and standard errors of the parameters. */
  interval?: {
    level: number;
    method: 'delta';
    bgnbdSe: { r: number; alpha: number; a: number; b: number };
    gammaGammaSe: { p: number; q: number };
    /** False when a Hessian is not positive definite (a fit at a limit): no interval columns. */
    available: boolean;
  };
}

export type ClvColumns = Record<string, Float64Array | (string | null)[]>;

export type ClvResult =
  | { ok: true; columns: ClvColumns; report: ClvReport }
  | { ok: false; code: string; message: string; params?: Params };
