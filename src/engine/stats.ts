// Small numeric helpers shared by the methods: quantiles, rank orders, radix sorts.
import { scratchF64, scratchI32, scratchU8 } from './scratch';

/** R's quantile type 7 (also numpy/pandas "linear") of an ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** How many finite values `values` has where `mask` is 1, their range, and whether all are whole. */
function finiteStats(values: ArrayLike<number>, mask: Uint8Array): { n: number; min: number; max: number; integers: boolean } {
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!mask[i] || !Number.isFinite(v)) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && Math.floor(v) !== v) integers = false;
  }
  return { n, min, max, integers };
}

/** Small whole numbers (recency days, order counts): a histogram over their range is linear. */
function histogramFits(s: { n: number; min: number; max: number; integers: boolean }): boolean {
  return s.integers && s.n > 0 && s.max - s.min < 1 << 20 && s.max - s.min < 4 * s.n;
}

/** Finite values of `values` at the indexes where `mask` is 1, sorted ascending. */
export function sortedFinite(values: ArrayLike<number>, mask: Uint8Array): Float64Array {
  const stats = finiteStats(values, mask);
  const sorted = new Float64Array(stats.n);
  for (let i = 0, k = 0; i < values.length; i++) if (mask[i] && Number.isFinite(values[i])) sorted[k++] = values[i];
  if (histogramFits(stats)) {
    const { min, max } = stats;
    const hist = new Int32Array(max - min + 1);
    for (let i = 0; i < sorted.length; i++) hist[sorted[i] - min]++;
    let p = 0;
    for (let v = 0; v < hist.length; v++) for (let c = hist[v]; c > 0; c--) sorted[p++] = v + min;
    return sorted;
  }
  return sorted.sort();
}

/** Rounds away float noise in cut points (e.g. 297.40000000000003 → 297.4) for display and JSON. */
export function tidy(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Indexes i with mask[i] = 1 and a finite value, ordered by value (ascending or descending),
 * equal values by index ascending.
 *
 * Fast path (an argsort without a JS comparator): each value is mapped to a signed 64-bit
 * integer with the same order (IEEE-754 bits, negatives mirrored), its lowest bits are replaced
 * by the index, and the BigInt64Array is sorted natively. Values that agree in all but those
 * lowest bits come out ordered by index, so such runs are re-sorted exactly afterwards (rare:
 * they differ by less than ~1e-10 relative, or are equal, which is already right).
 */
export function rankOrder(values: ArrayLike<number>, mask: Uint8Array, descending: boolean): Int32Array {
  const n = values.length;
  let N = 0;
  for (let i = 0; i < n; i++) if (mask[i] && Number.isFinite(values[i])) N++;
  const idx = new Int32Array(N);
  for (let i = 0, k = 0; i < n; i++) if (mask[i] && Number.isFinite(values[i])) idx[k++] = i;
  const out = new Int32Array(N);
  const value = (i: number) => (descending ? -values[i] : values[i]) + 0; // + 0 folds −0 into 0
  const exact = (a: number, b: number) => value(a) - value(b) || a - b;
  if (!LITTLE_ENDIAN) {
    out.set(Array.from(idx).sort(exact));
    return out;
  }
  const bits = Math.max(1, 32 - Math.clz32(n - 1));
  const lowMask = bits >= 32 ? 0 : ~((1 << bits) - 1);
  const keys = new BigInt64Array(N);
  const ku = new Uint32Array(keys.buffer);
  const idMask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;

  // Whole numbers in a modest range (counts, days, packed id prefixes): pack (value − min, index)
  // exactly into the 64 bits, so the native sort alone gives the final order.
  let allInt = true;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < N && allInt; k++) {
    const v = value(idx[k]);
    if (!Number.isInteger(v)) allInt = false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (allInt && N > 0 && max - min < 2 ** Math.min(53, 63 - bits)) {
    const lowScale = 2 ** (32 - bits);
    const idScale = 2 ** bits;
    for (let k = 0; k < N; k++) {
      const i = idx[k];
      const v = value(i) - min;
      const vlo = v % lowScale;
      ku[2 * k] = (vlo * idScale + i) >>> 0;
      ku[2 * k + 1] = (v - vlo) / lowScale;
    }
    keys.sort();
    for (let k = 0; k < N; k++) out[k] = (ku[2 * k] & idMask) >>> 0;
    return out;
  }

  const f = new Float64Array(1);
  const fu = new Uint32Array(f.buffer);
  for (let k = 0; k < N; k++) {
    const i = idx[k];
    f[0] = value(i);
    let lo = fu[0];
    let hi = fu[1];
    if (hi & 0x80000000) {
      // negative: flip every bit but the sign, so larger magnitudes sort lower
      hi = (hi ^ 0x7fffffff) >>> 0;
      lo = ~lo >>> 0;
    }
    ku[2 * k] = ((lo & lowMask) | i) >>> 0;
    ku[2 * k + 1] = hi;
  }
  keys.sort();
  for (let k = 0; k < N; k++) out[k] = (ku[2 * k] & idMask) >>> 0;
  // Exact order inside runs whose truncated keys are equal.
  for (let s = 0; s < N; ) {
    let e = s + 1;
    const hi = ku[2 * s + 1];
    const lo = ku[2 * s] & lowMask;
    while (e < N && ku[2 * e + 1] === hi && (ku[2 * e] & lowMask) === lo) e++;
    if (e - s > 1) {
      let same = true;
      for (let k = s + 1; k < e && same; k++) same = value(out[k]) === value(out[s]);
      if (!same) out.subarray(s, e).sort(exact);
    }
    s = e;
  }
  return out;
}

/** Indexes i with mask[i] = 1 by intValue[i] ascending (ties by index). */
export function integerOrder(intValue: Float64Array, mask: Uint8Array): Int32Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < intValue.length; i++) {
    if (!mask[i]) continue;
    if (intValue[i] < min) min = intValue[i];
    if (intValue[i] > max) max = intValue[i];
  }
  if (!(max - min < RADIX_LIMIT)) return rankOrder(intValue, mask, false);
  const shifted = scratchF64('ids.shifted', intValue.length);
  for (let i = 0; i < intValue.length; i++) if (mask[i]) shifted[i] = intValue[i] - min;
  return radixOrder(shifted, mask, max - min);
}

const RADIX_LIMIT = 2 ** 48;

/**
 * Indexes i with mask[i] = 1 ordered by key[i] (whole numbers in [0, 2^48)), ties by index:
 * a stable LSD radix sort, 16 bits per pass and only as many passes as maxKey needs. Linear,
 * where a comparison sort of 100,000 ids costs several times more.
 */
export function radixOrder(key: Float64Array, mask: Uint8Array, maxKey: number): Int32Array {
  let n = 0;
  for (let i = 0; i < key.length; i++) n += mask[i];
  const out = new Int32Array(n);
  let idx: Int32Array = out;
  let kv = scratchF64('radix.kv', n);
  for (let i = 0, j = 0; i < key.length; i++) {
    if (!mask[i]) continue;
    idx[j] = i;
    kv[j++] = key[i];
  }
  if (n < 2) return idx;
  let idx2: Int32Array = scratchI32('radix.idx', n);
  let kv2 = scratchF64('radix.kv2', n);
  let passes = 0;
  for (let div = 1; div <= maxKey && div < RADIX_LIMIT; div *= 1 << 16) passes++;
  // every pass's histogram from one read of the keys; a pass whose digit is the same for every
  // key (ids sharing a prefix, a narrow key range) moves nothing and is skipped
  const counts = scratchI32('radix.count', passes << 16, true);
  for (let j = 0; j < n; j++) {
    const k = kv[j];
    counts[k % 0x10000]++;
    if (passes > 1) counts[0x10000 + (Math.floor(k / 0x10000) & 0xffff)]++;
    if (passes > 2) counts[0x20000 + (Math.floor(k / 0x100000000) & 0xffff)]++;
  }
  for (let pass = 0, div = 1; pass < passes; pass++, div *= 1 << 16) {
    const base = pass << 16;
    let sum = 0;
    let trivial = false;
    for (let d = base; d < base + 0x10000; d++) {
      const c = counts[d];
      if (c === n) trivial = true;
      counts[d] = sum;
      sum += c;
    }
    if (trivial) continue;
    // floor(k / div) is exact (div a power of two); & keeps its low 16 bits (ToInt32 is exact below 2^53)
    for (let j = 0; j < n; j++) {
      const p = counts[base + (Math.floor(kv[j] / div) & 0xffff)]++;
      idx2[p] = idx[j];
      kv2[p] = kv[j];
    }
    [idx, idx2] = [idx2, idx];
    [kv, kv2] = [kv2, kv];
  }
  if (idx !== out) out.set(idx);
  return out;
}

/**
 * rankOrder(values, mask, descending) for money: when every ranked value is a whole number of
 * cents (sums of cents, order counts) the order is a radix sort of exact integer keys; else null.
 */
export function centsRankOrder(values: Float64Array, mask: Uint8Array, descending: boolean): Int32Array | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (!mask[i]) continue;
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const c = Math.round(v * 100);
    if (c / 100 !== v) return null;
    if (c < min) min = c;
    if (c > max) max = c;
  }
  if (!(max - min < RADIX_LIMIT)) return null;
  // Distinct whole-cent values have distinct cent counts, so the keys order exactly as the values.
  const key = scratchF64('cents.key', values.length);
  const use = scratchU8('cents.use', values.length, true);
  for (let i = 0; i < values.length; i++) {
    if (!mask[i] || !Number.isFinite(values[i])) continue;
    const c = Math.round(values[i] * 100);
    key[i] = descending ? max - c : c - min;
    use[i] = 1;
  }
  return radixOrder(key, use, max - min);
}

/**
 * quantileSorted(sortedFinite(values, mask), p) for each p, without sorting: the order
 * statistics the type-7 formula reads are found by a histogram when the values are whole
 * numbers in a small range (recency days, order counts), else picked by selection (linear time,
 * where a sort of 100,000 customers' revenue costs ~9 ms), then combined by the same formula.
 */
export function quantilesOf(values: ArrayLike<number>, mask: Uint8Array, ps: readonly number[]): number[] {
  const stats = finiteStats(values, mask);
  const { n, min } = stats;
  if (n === 0) return ps.map(() => NaN);
  const wanted: number[] = [];
  for (const p of ps) {
    const lo = Math.floor((n - 1) * p);
    wanted.push(lo, Math.min(lo + 1, n - 1));
  }
  const ks = [...new Set(wanted)].filter((k) => k >= 0 && k < n).sort((x, y) => x - y);
  const stat = new Map<number, number>();
  if (histogramFits(stats)) {
    const hist = scratchI32('quantiles.hist', stats.max - min + 1, true);
    for (let i = 0; i < values.length; i++) if (mask[i] && Number.isFinite(values[i])) hist[values[i] - min]++;
    // below = how many values are ≤ min + v
    let v = 0;
    let below = hist[0];
    for (const k of ks) {
      while (below <= k) below += hist[++v];
      stat.set(k, v + min);
    }
  } else {
    const a = scratchF64('quantiles', n);
    for (let i = 0, j = 0; i < values.length; i++) if (mask[i] && Number.isFinite(values[i])) a[j++] = values[i];
    // Ascending positions: each selection leaves a[0..k) ≤ a[k] ≤ a(k..n), so the next one only
    // searches to the right of the previous.
    let left = 0;
    for (const k of ks) {
      selectInPlace(a, k, left, n - 1);
      stat.set(k, a[k]);
      left = k;
    }
  }
  const at = (k: number) => stat.get(k) ?? NaN;
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return at(lo) + (h - lo) * (at(hi) - at(lo));
  });
}

/** Rearranges a[left..right] so a[k] is its (k − left)-th smallest, smaller before, larger after (Wirth). */
function selectInPlace(a: Float64Array, k: number, left: number, right: number): void {
  while (left < right) {
    const x0 = a[left];
    const x1 = a[(left + right) >> 1];
    const x2 = a[right];
    const x = x0 < x1 ? (x1 < x2 ? x1 : x0 < x2 ? x2 : x0) : x0 < x2 ? x0 : x1 < x2 ? x2 : x1; // median of three
    let i = left;
    let j = right;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) left = i;
    if (k < i) right = j;
  }
}

/** Sorts a[s..e) ascending: insertion sort for the usual short histories of one customer, else the typed sort. */
export function sortRange(a: Float64Array | Int32Array, s: number, e: number): void {
  if (e - s > 32) {
    a.subarray(s, e).sort();
    return;
  }
  for (let i = s + 1; i < e; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= s && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }

}

/**
 * A result column of n nulls, to be filled per customer. One function for every method: a
 * `new Array(n).fill(null)` inside a method's loop-heavy body records the array's element kind
 * at that allocation site after the first run, and the method's cached loop code (compiled for
 * the first run's kind) was then thrown away mid-run on every later run.
 */
export function nullColumn<T>(n: number): (T | null)[] {
  return new Array<T | null>(n).fill(null);
}

/** Ones in a 0/1 column (a leaf loop: see methods/abc.ts for why loops sit in functions of their own). */
export function countSet(flags: Uint8Array): number {
  let k = 0;
  for (let i = 0; i < flags.length; i++) k += flags[i];
  return k;
}
