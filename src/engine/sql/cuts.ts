// Phase 2 of the warehouse tiers: the engine's cut points from small exact query results, with
// the engine's own type-7 code (stats.quantileSorted, rfm.rfmCutPoints) — never a database
// percentile function. quantileSorted reads a sorted array; here that array is a view:
//  - integer measures (recency days, order counts): the value histogram (value, count);
//  - money and average order value: only the positions type-7 reads, fetched by ROW_NUMBER.
// Which positions those are is found by letting quantileSorted read a recording view of N
// values, so the position arithmetic is the engine's too.
import type { TieringConfig } from '../../config/schema';
import { quantileSorted } from '../stats';
import { rfmCutPoints } from '../methods/rfm';

/** A read-only "sorted array" of n values whose k-th value comes from `at`. */
function sortedView(n: number, at: (k: number) => number): ArrayLike<number> {
  return new Proxy({ length: n } as ArrayLike<number>, {
    get(_t, prop) {
      if (prop === 'length') return n;
      return typeof prop === 'string' && /^\d+$/.test(prop) ? at(Number(prop)) : undefined;
    },
  });
}

/** The 0-based positions type-7 reads for the probabilities ps among n sorted values: two slots per p. */
export function positionsRead(n: number, ps: readonly number[]): number[] {
  const out: number[] = [];
  for (const p of ps) {
    const read: number[] = [];
    quantileSorted(
      sortedView(n, (k) => {
        read.push(k);
        return 0;
      }),
      p,
    );
    // n = 0 reads nothing: the slots bind position 0, which no row has.
    out.push(read[0] ?? -1, read[1] ?? read[0] ?? -1);
  }
  return out;
}

/** Type-7 quantiles from the values at the positions read (position → value). */
export function quantilesFromPositions(n: number, ps: readonly number[], at: ReadonlyMap<number, number>): number[] {
  return ps.map((p) =>
    quantileSorted(
      sortedView(n, (k) => {
        const v = at.get(k);
        if (v === undefined) throw new Error(`position ${k} of ${n} was not fetched`);
        return v;
      }),
      p,
    ),
  );
}

/** A value histogram (value → customers), e.g. from SELECT v, COUNT(*) … GROUP BY v. */
export type Histogram = { value: number; count: number }[];

/** Type-7 quantiles of the values a histogram counts. */
export function quantilesFromHistogram(hist: Histogram, ps: readonly number[]): number[] {
  const sorted = [...hist].sort((a, b) => a.value - b.value);
  const ends: number[] = [];
  let n = 0;
  for (const h of sorted) ends.push((n += h.count));
  const at = (k: number) => {
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] > k) hi = mid;
      else lo = mid + 1;
    }
    return sorted[lo].value;
  };
  return ps.map((p) => quantileSorted(sortedView(n, at), p));
}

/** What phase 2 returns: customers with orders, histograms, values at positions. */
export interface CutInputs {
  n: number;
  recency: Histogram;
  frequency: Histogram;
  /** Monetary value (revenue or profit) at each 0-based position fetched. */
  money: Map<number, number>;
  /** Average order value at each 0-based position fetched. */
  aov: Map<number, number>;
}

/** No phase 2 rows yet: quantile cuts are NaN, fixed thresholds are known (for printing, checking). */
export function emptyCutInputs(): CutInputs {
  return { n: 0, recency: [], frequency: [], money: new Map(), aov: new Map() };
}

/** Cut points phase 3 binds. */
export interface TierCuts {
  recency: number[];
  frequency: number[];
  monetary: number[];
  spendHigh: number;
  spendLow: number;
}

/** The probabilities rfmCutPoints asks the quantiles of. */
function probsOf(rfm: NonNullable<TieringConfig['methods']['rfm']>): number[] {
  let asked: number[] = [];
  rfmCutPoints(rfm, undefined, (ps) => (asked = ps));
  return asked;
}

/** The probabilities whose type-7 quantiles the config needs, per measure. */
export function quantileProbs(config: TieringConfig): { rfm: number[]; spend: number[] } {
  const rfm = config.methods.rfm;
  const activity = config.methods.activity;
  const quantile = rfm?.enabled && (rfm.scoring === 'quantile' || rfm.scoring === 'quantile-inclusive');
  return {
    rfm: quantile ? probsOf(rfm) : [],
    spend: activity?.enabled ? [activity.spend.highQuantile, activity.spend.lowQuantile] : [],
  };
}

/** The cut points, computed by the engine from phase 2's rows. */
export function tierCuts(config: TieringConfig, inputs: CutInputs): TierCuts {
  const rfm = config.methods.rfm;
  const probs = quantileProbs(config);
  const cutsOf = (fixed: number[] | undefined, quantiles: (ps: number[]) => number[]) => (rfm?.enabled && rfm.scoring !== 'rank' ? rfmCutPoints(rfm, fixed, quantiles).cuts : []);
  const [spendHigh, spendLow] = probs.spend.length ? quantilesFromPositions(inputs.n, probs.spend, inputs.aov) : [NaN, NaN];
  return {
    recency: cutsOf(rfm?.thresholds?.recency, (ps) => quantilesFromHistogram(inputs.recency, ps)),
    frequency: cutsOf(rfm?.thresholds?.frequency, (ps) => quantilesFromHistogram(inputs.frequency, ps)),
    monetary: cutsOf(rfm?.thresholds?.monetary, (ps) => quantilesFromPositions(inputs.n, ps, inputs.money)),
    spendHigh,
    spendLow,
  };
}
