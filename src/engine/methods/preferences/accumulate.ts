// The per-customer loop of the preferences kernel (see kernel.ts for what counts and the ties).
import { civilFromDays } from '../../calendar';
import type { CodedColumn } from '../../ingest/habits';
import { categoryColumn, codeUnitRank, groupLines, weekdayOf, type CustomerPreferences, type Dimension, type GroupedLines, type PreferenceInput } from './kernel';

/** Spend per key of one customer: dense scratch over the keys, reset through the touched list. */
class KeyTally {
  readonly cents: Float64Array;
  readonly first: Float64Array;
  readonly touched: Int32Array;
  size = 0;
  readonly rank: Int32Array;
  readonly offsets: Int32Array;
  codes: Int32Array;
  entryCents: Float64Array;
  used = 0;
  readonly dominant: Int32Array;
  readonly dominantShare: Float64Array;
  readonly count: Float64Array;

  constructor(readonly column: CodedColumn, nc: number, rows: number) {
    const k = column.keys.length;
    this.cents = new Float64Array(k);
    this.first = new Float64Array(k).fill(Infinity);
    this.touched = new Int32Array(k);
    this.rank = codeUnitRank(column.keys);
    this.offsets = new Int32Array(nc + 1);
    this.codes = new Int32Array(Math.min(rows, 1024));
    this.entryCents = new Float64Array(this.codes.length);
    this.dominant = new Int32Array(nc).fill(-1);
    this.dominantShare = new Float64Array(nc).fill(NaN);
    this.count = new Float64Array(nc);
  }

  add(k: number, cents: number, day: number): void {
    if (k < 0) return;
    if (this.first[k] === Infinity) this.touched[this.size++] = k;
    this.cents[k] += cents;
    if (day < this.first[k]) this.first[k] = day;
  }

  /** Closes customer c: entries (most spend first, then name), dominance, count; returns the newest key. */
  close(c: number): number {
    const { touched, cents, rank, size } = this;
    // Insertion sort: a customer buys a handful of categories.
    for (let i = 1; i < size; i++) {
      const k = touched[i];
      let j = i - 1;
      while (j >= 0 && (cents[touched[j]] < cents[k] || (cents[touched[j]] === cents[k] && rank[touched[j]] > rank[k]))) {
        touched[j + 1] = touched[j];
        j--;
      }
      touched[j + 1] = k;
    }
    let total = 0;
    for (let i = 0; i < size; i++) total += cents[touched[i]];
    this.count[c] = size;
    if (size > 0 && total > 0) {
      this.dominant[c] = touched[0];
      this.dominantShare[c] = cents[touched[0]] / total;
    }
    const newest = size >= 2 ? this.newest() : -1;
    this.flush(c);
    return newest;
  }

  private newest(): number {
    const { touched, first, size } = this;
    // touched is in spend order, so the first latest-first-day key wins ties by spend then name.
    let best = touched[0];
    for (let i = 1; i < size; i++) if (first[touched[i]] > first[best]) best = touched[i];
    return best;
  }

  private flush(c: number): void {
    const { touched, size } = this;
    if (this.used + size > this.codes.length) this.grow(this.used + size);
    for (let i = 0; i < size; i++) {
      const k = touched[i];
      this.codes[this.used] = k;
      this.entryCents[this.used++] = this.cents[k];
      this.cents[k] = 0;
      this.first[k] = Infinity;
    }
    this.size = 0;
    this.offsets[c + 1] = this.used;
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.codes.length * 2);
    const codes = new Int32Array(cap);
    codes.set(this.codes.subarray(0, this.used));
    const cents = new Float64Array(cap);
    cents.set(this.entryCents.subarray(0, this.used));
    this.codes = codes;
    this.entryCents = cents;
  }

  dimension(): Dimension {
    const entries = { offsets: this.offsets, codes: this.codes.slice(0, this.used), cents: this.entryCents.slice(0, this.used) };
    return { keys: this.column.keys, rank: this.rank, entries, dominant: this.dominant, dominantShare: this.dominantShare, count: this.count };
  }
}

/** Month (1–12) of every day in [lo, hi]: one calendar conversion per day rather than per row. */
function monthTable(lo: number, hi: number): Int8Array {
  const out = new Int8Array(Math.max(0, hi - lo + 1));
  for (let d = lo; d <= hi; d++) out[d - lo] = civilFromDays(d).m;
  return out;
}

function emptyPreferences(nc: number): CustomerPreferences {
  return {
    n: nc,
    spendCents: new Float64Array(nc),
    category: null,
    channel: null,
    newestCategory: new Int32Array(nc).fill(-1),
    purchaseDays: new Float64Array(nc),
    weekendShare: new Float64Array(nc).fill(NaN),
    timeBand: new Int8Array(nc).fill(-1),
    timeBandShare: new Float64Array(nc).fill(NaN),
    peakMonth: new Int8Array(nc),
    peakMonthShare: new Float64Array(nc).fill(NaN),
    discountShare: new Float64Array(nc).fill(NaN),
    weekdayDays: new Float64Array(7),
    weekdayCents: new Float64Array(7),
  };
}

/** The kernel: per-customer preferences in result order (see kernel.ts). */
export function computePreferences(inp: PreferenceInput): CustomerPreferences {
  const { orders: o, habits, ids, analysisDay } = inp;
  const nc = ids.length;
  const catCol = categoryColumn(habits, inp.level);
  const g = groupLines(o, habits, catCol, ids, analysisDay);
  const p = emptyPreferences(nc);
  const cat = catCol ? new KeyTally(catCol, nc, g.cents.length) : null;
  const chan = habits.channel ? new KeyTally(habits.channel, nc, g.cents.length) : null;
  const months = monthTable(g.lo, g.hi);
  // Weekday of each day of the range, and a stamp per day for distinct days per customer.
  const weekday = Int8Array.from({ length: months.length }, (_, d) => weekdayOf(d + g.lo));
  const stamp = new Int32Array(months.length);
  const loop: CustomerLoop = { g, p, cat, chan, months, weekday, stamp };
  for (let c = 0; c < nc; c++) customerLoop(loop, c, g.offsets[c], g.offsets[c + 1]);
  p.category = cat ? cat.dimension() : null;
  p.channel = chan ? chan.dimension() : null;
  return p;
}

interface CustomerLoop {
  g: GroupedLines;
  p: CustomerPreferences;
  cat: KeyTally | null;
  chan: KeyTally | null;
  months: Int8Array;
  weekday: Int8Array;
  stamp: Int32Array;
}

const monthCents = new Float64Array(13);
const bandCents = new Float64Array(5);

// long: one customer's lines in one loop (the kernel's hot path; splitting it costs a call per line)
function customerLoop(L: CustomerLoop, c: number, s: number, e: number): void {
  const { g, p, cat, chan, months, weekday, stamp } = L;
  const { cents: centsOf, day: dayOf, promo, band } = g;
  const catOf = g.cat;
  const chanOf = g.chan;
  monthCents.fill(0);
  bandCents.fill(0);
  let total = 0;
  let promoted = 0;
  let days = 0;
  let weekend = 0;
  let timed = 0;
  for (let i = s; i < e; i++) {
    const cents = centsOf[i];
    const d = dayOf[i];
    total += cents;
    if (promo !== null && promo[i] === 1) promoted += cents;
    if (cat !== null) cat.add(catOf![i], cents, d);
    if (chan !== null) chan.add(chanOf![i], cents, d);
    monthCents[months[d]] += cents;
    const w = weekday[d];
    p.weekdayCents[w] += cents;
    if (stamp[d] !== c + 1) {
      stamp[d] = c + 1;
      days++;
      p.weekdayDays[w]++;
      if (w === 0 || w === 6) weekend++;
    }
    if (band !== null && band[i] >= 0) {
      bandCents[band[i]] += cents;
      timed += cents;
    }
  }
  p.spendCents[c] = total;
  p.purchaseDays[c] = days;
  if (days > 0) p.weekendShare[c] = weekend / days;
  if (promo !== null && total > 0) p.discountShare[c] = promoted / total;
  const m = argMax(monthCents, 1);
  if (total > 0 && m > 0) {
    p.peakMonth[c] = m;
    p.peakMonthShare[c] = monthCents[m] / total;
  }
  const b = argMax(bandCents, 0);
  if (timed > 0 && b >= 0) {
    p.timeBand[c] = b;
    p.timeBandShare[c] = bandCents[b] / timed;
  }
  if (cat !== null) p.newestCategory[c] = cat.close(c);
  if (chan !== null) chan.close(c);
}

/** Index of the largest positive value from `from` on (the first on ties), −1 when none. */
function argMax(a: Float64Array, from: number): number {
  let best = -1;
  for (let i = from; i < a.length; i++) if (a[i] > 0 && (best < 0 || a[i] > a[best])) best = i;
  return best;
}
