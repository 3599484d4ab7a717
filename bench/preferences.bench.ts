// Preferences benchmark (issue 15): 1,048,575 order lines (Excel's row limit minus the header)
// for 100,000 customers over 200 categories, 4 channels and a promotion flag. Times the
// preferences kernel (spend per category and channel, dominance, breadth, newest category,
// weekend share, peak month, promotion share) and the next-category suggestion, as a ratio
// against the metrics kernel on the same rows in the same run, and against pandas doing the same
// group-bys (bench/pandas_preferences.py). Short runs: 1 warm-up, 3 timed runs each side.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { rng } from '../src/cli/random';
import { computeMetrics } from '../src/engine/metrics';
import { computePreferences, nextCategory } from '../src/engine/methods/preferences';
import type { OrderData } from '../src/engine/types';

export const LINES = 1_048_575;
export const CUSTOMERS = 100_000;
export const CATEGORIES = 200;
const WARMUPS = 1;
const RUNS = 3;
const PYTHON = '/usr/bin/python3';
const FIRST_DAY = 18993; // 2022-01-01

/** Order lines as ingest leaves them: interned customers, days, amounts, category/channel codes. */
export function generateLines(seed = 20261130): OrderData {
  const r = rng(seed);
  const customerCode = new Int32Array(LINES);
  const day = new Float64Array(LINES);
  const amount = new Float64Array(LINES);
  const cat = new Int32Array(LINES);
  const chan = new Int32Array(LINES);
  const promoted = new Uint8Array(LINES);
  for (let i = 0; i < LINES; i++) {
    const c = i < CUSTOMERS ? i : Math.floor(CUSTOMERS * r() ** 1.6);
    customerCode[i] = c;
    day[i] = FIRST_DAY + Math.floor(r() * 1096);
    amount[i] = Math.round(Math.exp(3 + 1.2 * r() + r()) * 100) / 100;
    // Each customer leans to a category of its own (Zipf-like spread over the 200).
    cat[i] = r() < 0.6 ? (c * 7919) % CATEGORIES : Math.floor(CATEGORIES * r() ** 2);
    chan[i] = r() < 0.7 ? c % 4 : Math.floor(r() * 4);
    promoted[i] = r() < 0.2 ? 1 : 0;
  }
  const customerKeys = Array.from({ length: CUSTOMERS }, (_, c) => `C${String(c).padStart(6, '0')}`);
  const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, k) => `${prefix}${String(k).padStart(3, '0')}`);
  return {
    n: LINES,
    get customer() {
      return Array.from(customerCode, (c) => customerKeys[c]);
    },
    day,
    amount,
    profit: null,
    orderId: null,
    sourceRow: new Int32Array(0),
    customerCode,
    customerKeys,
    habits: {
      category: { codes: cat, keys: keys(CATEGORIES, '品类') },
      subcategory: null,
      product: null,
      channel: { codes: chan, keys: ['门店', '线上商城', '小程序', '电话订购'] },
      promoted,
      minute: null,
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function time(f: () => void): { ms: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000 };
}

function writeCsv(o: OrderData, file: string): void {
  const h = o.habits!;
  const lines = ['customer,day,cents,category,channel,promo'];
  for (let i = 0; i < o.n; i++) lines.push(`${o.customerCode![i]},${o.day[i]},${Math.round(o.amount[i] * 100)},${h.category!.codes[i]},${h.channel!.codes[i]},${h.promoted![i]}`);
  fs.writeFileSync(file, lines.join('\n'));
}

function pandasRuns(file: string): { pandas_ms?: number; runs_ms?: number[]; cpu_ms?: number[]; error?: string } {
  if (!fs.existsSync(PYTHON)) return { error: `${PYTHON} not found` };
  const out = execFileSync(PYTHON, [path.join(__dirname, 'pandas_preferences.py'), file, String(WARMUPS), String(RUNS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as { pandas_ms?: number; error?: string };
}

export async function bench(): Promise<Record<string, unknown>> {
  const o = generateLines();
  const analysisDay = FIRST_DAY + 1095;
  const opts = { analysisDate: undefined, returns: 'net' as const, windowDays: 90 };
  let ids: string[] = [];
  const metrics = (): void => {
    ids = computeMetrics(o, null, opts).metrics.ids;
  };
  const prefs = (): void => {
    const p = computePreferences({ orders: o, habits: o.habits!, ids, analysisDay, level: 'category' });
    nextCategory(p.category!, null, 0.2, 5);
  };
  for (let i = 0; i < WARMUPS; i++) {
    metrics();
    prefs();
  }
  const m: { ms: number; cpu: number }[] = [];
  const p: { ms: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    m.push(time(metrics));
    p.push(time(prefs));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefs-bench-'));
  const file = path.join(dir, 'lines.csv');
  try {
    writeCsv(o, file);
    const pandas = pandasRuns(file);
    const metricsMs = median(m.map((x) => x.ms));
    const prefsMs = median(p.map((x) => x.ms));
    const result = {
      lines: LINES,
      customers: CUSTOMERS,
      categories: CATEGORIES,
      metrics_ms: metricsMs,
      preferences_ms: prefsMs,
      metrics_cpu_ms: median(m.map((x) => x.cpu)),
      preferences_cpu_ms: median(p.map((x) => x.cpu)),
      ratio_to_metrics: prefsMs / metricsMs,
      // CPU time as well: on a shared machine wall time includes waiting for a core.
      cpu_ratio_to_metrics: median(p.map((x) => x.cpu)) / median(m.map((x) => x.cpu)),
      pandas_cpu_ms: pandas.cpu_ms ? median(pandas.cpu_ms) : null,
      cpu_ratio_to_pandas: pandas.cpu_ms ? median(p.map((x) => x.cpu)) / median(pandas.cpu_ms) : null,
      pandas_ms: pandas.pandas_ms ?? null,
      ratio_to_pandas: pandas.pandas_ms ? prefsMs / pandas.pandas_ms : null,
      runs: { metrics: m.map((x) => x.ms), preferences: p.map((x) => x.ms), pandas: pandas.runs_ms ?? null },
      pandas_error: pandas.error ?? null,
    };
    console.log(`preferences: ${prefsMs.toFixed(0)} ms (metrics kernel ${metricsMs.toFixed(0)} ms, ×${result.ratio_to_metrics.toFixed(2)}); pandas ${pandas.pandas_ms?.toFixed(0) ?? '-'} ms`);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
