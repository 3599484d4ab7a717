// Small numeric helpers shared by the methods.

/** R's quantile type 7 (also numpy/pandas "linear") of an ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Finite values of `values` at the indexes where `mask` is 1, sorted ascending. */
export function sortedFinite(values: ArrayLike<number>, mask: Uint8Array): Float64Array {
  let k = 0;
  const out = new Float64Array(values.length);
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!mask[i] || !Number.isFinite(v)) continue;
    out[k++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && Math.floor(v) !== v) integers = false;
  }
  const sorted = out.subarray(0, k);
  // Small whole numbers (recency days, order counts): a counting sort is linear.
  if (integers && k > 0 && max - min < 1 << 20 && max - min < 4 * k) {
    const hist = new Int32Array(max - min + 1);
    for (let i = 0; i < k; i++) hist[sorted[i] - min]++;
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
