// Holdout validation on the CDNOW sample, calibration to 1997-09-30, holdout to 1998-06-30
// (39 weeks), as in the BTYD walkthrough (Dziurzynski, Wadsworth & McCarthy, "BTYD
// Walkthrough", section on BG/NBD/Pareto-NBD conditional expectations, censor = 7).
import * as fs from 'fs';
import * as path from 'path';
import { ClvSchema } from '../../../src/config/schema';
import { computeClv } from '../../../src/engine/methods/clv';
import { summarise } from '../../../src/engine/methods/clv/summary';
import { CDNOW_CALIBRATION_END, DATA, loadCdnowSample, loadPublishedSummary } from './cdnow';

const HOLDOUT_END = Date.UTC(1998, 5, 30) / 86_400_000;
const ids = loadPublishedSummary().map((r) => r.id);
const orders = loadCdnowSample();

/** Plain power series of 2F1 (independent of the engine's implementation), |z| < 1. */
function naive2F1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 20000 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
  }
  return sum;
}
type P = { r: number; alpha: number; a: number; b: number };
/** FHL (2005) eq. (10), written out as in the paper. */
function eq10(p: P, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const F = naive2F1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const odds = x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0;
  return (((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * F)) / (1 + odds);
}
/** FHL (2005) eq. (9): E[X(t)] of a new customer. */
function eq9(p: P, t: number): number {
  const { r, alpha, a, b } = p;
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * naive2F1(r, b, a + b - 1, t / (alpha + t)));
}

/** Each customer's distinct purchase days, read straight from the raw file. */
function rawDays(): Map<string, number[]> {
  const out = new Map<string, Set<number>>();
  for (const line of fs.readFileSync(path.join(DATA, 'lifetimes_CDNOW_sample.txt'), 'utf8').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const d = Date.UTC(+f[2].slice(0, 4), +f[2].slice(4, 6) - 1, +f[2].slice(6, 8)) / 86_400_000;
    const id = String(Number(f[1]));
    if (!out.has(id)) out.set(id, new Set());
    out.get(id)!.add(d);
  }
  return new Map(Array.from(out, ([k, v]) => [k, Array.from(v).sort((a, b) => a - b)]));
}

describe('holdout validation on CDNOW (calibration to 1997-09-30, holdout to 1998-06-30)', () => {
  const res = computeClv(orders, ids, CDNOW_CALIBRATION_END, ClvSchema.parse({ enabled: true, timeUnit: 'week', holdout: { end: '1998-06-30' } }));
  if (!res.ok) throw new Error(res.message);
  const h = res.report.holdout!;
  const bg = res.report.bgnbd;
  const days = rawDays();

  it('bins customers by calibration repeat purchases as BTYD (censor 7): 1411 439 214 100 62 38 29 64', () => {
    expect(h.bins.map((b) => b.bin)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(h.bins.map((b) => b.customers)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(h.days).toBe(273);
    expect(h.units).toBe(39);
  });

  it('reproduces BTYD’s actual holdout purchases per bin (walkthrough, printed to 7 digits)', () => {
    const btyd = [0.2367116, 0.6970387, 1.392523, 1.56, 2.532258, 2.947368, 3.862069, 6.359375];
    h.bins.forEach((b, k) => expect(Math.abs(b.actual - btyd[k])).toBeLessThan(5e-7));
  });

  it('predicts each bin’s mean with FHL eq. (10) at the fitted parameters (independent series, 1e-9)', () => {
    const s = summarise(orders, ids, CDNOW_CALIBRATION_END, 'week');
    const sums = new Float64Array(8);
    for (let i = 0; i < s.n; i++) sums[Math.min(s.x[i], 7)] += eq10(bg, 39, s.x[i], s.tx[i], s.T[i]);
    h.bins.forEach((b, k) => expect(Math.abs(b.predicted - sums[k] / b.customers)).toBeLessThan(1e-9));
    expect(Math.abs(h.predicted - sums.reduce((a, v) => a + v, 0))).toBeLessThan(1e-7);
  });

  it('counts the actual holdout purchases from the raw file: totals, MAE and ratio', () => {
    let actual = 0;
    for (const id of ids) actual += days.get(id)!.filter((d) => d > CDNOW_CALIBRATION_END && d <= HOLDOUT_END).length;
    expect(h.actual).toBe(actual);
    expect(h.ratio).toBeCloseTo(h.predicted / h.actual, 12);
    expect(h.mae).toBeGreaterThan(0);
    expect(h.customers).toBe(2357);
  });

  it('tracks cumulative repeat purchases week by week: predicted Σ eq. (9), actual from the raw file', () => {
    const firsts = ids.map((id) => days.get(id)![0]);
    const start = Math.min(...firsts);
    expect(h.weekly.length).toBe(Math.ceil((HOLDOUT_END - start) / 7));
    for (const w of h.weekly.filter((_, k) => k % 9 === 0 || k === h.weekly.length - 1)) {
      const day = Math.min(start + 7 * w.week, HOLDOUT_END);
      let predicted = 0;
      let actual = 0;
      for (const id of ids) {
        const d = days.get(id)!;
        if (d[0] > day) continue;
        predicted += eq9(bg, (day - d[0]) / 7);
        actual += d.filter((v) => v <= day).length - 1;
      }
      expect(w.actual).toBe(actual);
      expect(Math.abs(w.predicted - predicted)).toBeLessThan(1e-7 * Math.max(1, predicted));
    }
  });

  it('gives a plain verdict with the totals, in both languages, and no poor-fit warning here', () => {
    expect(h.poor).toBe(false);
    expect(h.verdict.code).toBe('clv.holdout.verdict_good');
    expect(h.verdict.params.predicted).toBe(Math.round(h.predicted));
    expect(h.verdict.params.actual).toBe(h.actual);
    expect(res.report.notes.some((n) => n.code === 'clv.note.orders_ignored')).toBe(false);
  });

  it('refuses a holdout end that is not after the analysis date', () => {
    const bad = computeClv(orders, ids, CDNOW_CALIBRATION_END, ClvSchema.parse({ enabled: true, holdout: { end: '1997-09-30' } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.code).toBe('clv.holdout_before_analysis');
  });
});
