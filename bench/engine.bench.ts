// Engine benchmark: 1,048,575 order rows (Excel's row limit minus the header) for 100,000
// customers, from Excel-shaped values (id text, serial date, amount) to the full result
// (ingest, metrics, ABC, RFM, activity), against the same pipeline in pandas in the same run.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { defaultConfig } from '../src/config';
import { classify } from '../src/engine/classify';
import type { Cell } from '../src/engine/types';
import { rng } from '../src/cli/random';

export const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_048_575);
export const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const RUNS = 7;
/** Untimed-for-the-median runs first, on both sides alike: V8 optimises the kernels over the first few calls. */
const WARMUPS = 3;
const PYTHON = '/usr/bin/python3';

/** Header + rows as Range.values gives them: id string, date serial (2022-01-01..2024-12-31), amount. */
export function generateOrders(orders = ORDERS, customers = CUSTOMERS, seed = 20240601): Cell[][] {
  const rand = rng(seed);
  const rows: Cell[][] = new Array(orders + 1);
  rows[0] = ['customer_id', 'order_date', 'amount'];
  const first = 44562; // 2022-01-01
  const span = 1096;
  // Every customer at least once, first appearances in random order (as in a real export, so
  // nothing downstream gets pre-sorted ids for free); then skewed towards a few heavy buyers.
  const firstSeen = Int32Array.from({ length: customers }, (_, i) => i);
  for (let i = customers - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [firstSeen[i], firstSeen[j]] = [firstSeen[j], firstSeen[i]];
  }
  for (let i = 0; i < orders; i++) {
    const c = i < customers ? firstSeen[i] : Math.floor(customers * rand() ** 1.6);
    const amount = Math.round(Math.exp(3 + 1.2 * rand() + rand()) * 100) / 100;
    rows[i + 1] = [`C${String(c).padStart(6, '0')}`, first + Math.floor(rand() * span), amount];
  }
  return rows;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** The pandas pipeline in a child process that times one run per request. */
/** One timed pandas run: wall-clock and CPU time (time.process_time) of the pipeline. */
interface PandasRun {
  ms: number;
  cpu_ms: number;
}

async function startPandas(file: string): Promise<{ run: () => Promise<PandasRun>; stop: () => void } | { error: string }> {
  if (!fs.existsSync(PYTHON)) return { error: `${PYTHON} not found; install with: apt-get install -y python3 python3-pandas` };
  const child = spawn(PYTHON, [path.join(__dirname, 'pandas_pipeline.py'), file, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const queue: { resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  lines.on('line', (line) => queue.shift()?.resolve(line));
  // One exit listener for the whole session: pending requests fail if python ends.
  child.once('exit', () => queue.splice(0).forEach((w) => w.reject(new Error('pandas process ended'))));
  const next = () => new Promise<string>((resolve, reject) => queue.push({ resolve, reject }));
  const first = JSON.parse(await next()) as { ready?: boolean; error?: string };
  if (!first.ready) {
    child.kill();
    return { error: first.error ?? 'pandas did not start' };
  }
  return {
    run: async () => {
      child.stdin!.write('run\n');
      return JSON.parse(await next()) as PandasRun;
    },
    stop: () => {
      child.stdin!.end('quit\n');
    },
  };
}

export async function bench(): Promise<Record<string, unknown>> {
  const values = generateOrders();
  const config = defaultConfig({});
  const grid = { name: 'Orders', values };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-bench-'));
  const file = path.join(dir, 'orders.csv');
  fs.writeFileSync(file, values.map((r) => r.join(',')).join('\n'));
  try {
    const pandas = await startPandas(file);
    if ('error' in pandas) console.log(`pandas skipped: ${pandas.error}`);
    const engineRuns: number[] = [];
    const pandasRuns: number[] = [];
    // CPU time too: the machine may be shared, and wall time then includes waiting for a core.
    const engineCpu: number[] = [];
    const pandasCpu: number[] = [];
    let customers = 0;
    // Warm-ups on both sides (JIT, caches; reported, not in the medians), then alternate so
    // both see the same machine load.
    const engineWarmups: number[] = [];
    const pandasWarmups: number[] = [];
    for (let i = 0; i < WARMUPS; i++) {
      const t0 = performance.now();
      classify({ orders: grid }, config);
      engineWarmups.push(performance.now() - t0);
      if (!('error' in pandas)) pandasWarmups.push((await pandas.run()).ms);
    }
    for (let i = 0; i < RUNS; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = classify({ orders: grid }, config);
      engineRuns.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      engineCpu.push((c.user + c.system) / 1000);
      customers = res.customers.numRows();
      if (!('error' in pandas)) {
        const p = await pandas.run();
        pandasRuns.push(p.ms);
        pandasCpu.push(p.cpu_ms);
      }
    }
    if (!('error' in pandas)) pandas.stop();
    const engine_ms = median(engineRuns);
    const pandas_ms = pandasRuns.length ? median(pandasRuns) : null;
    const ratio = pandas_ms ? engine_ms / pandas_ms : null;
    const engine_cpu_ms = median(engineCpu);
    const pandas_cpu_ms = pandasCpu.length ? median(pandasCpu) : null;
    const cpu_ratio = pandas_cpu_ms ? engine_cpu_ms / pandas_cpu_ms : null;
    console.log(
      `engine: ${ORDERS} orders, ${customers} customers: ${engine_ms.toFixed(0)} ms (median of ${RUNS}); ` +
        (pandas_ms ? `pandas ${pandas_ms.toFixed(0)} ms; ratio ${ratio!.toFixed(2)}` : 'pandas: not measured') +
        (pandas_cpu_ms ? `; CPU time engine ${engine_cpu_ms.toFixed(0)} ms, pandas ${pandas_cpu_ms.toFixed(0)} ms, ratio ${cpu_ratio!.toFixed(2)}` : ''),
    );
    return {
      orders: ORDERS,
      customers,
      engine_ms: Math.round(engine_ms),
      pandas_ms: pandas_ms === null ? null : Math.round(pandas_ms),
      ratio: ratio === null ? null : Number(ratio.toFixed(3)),
      engine_cpu_ms: Math.round(engine_cpu_ms),
      pandas_cpu_ms: pandas_cpu_ms === null ? null : Math.round(pandas_cpu_ms),
      cpu_ratio: cpu_ratio === null ? null : Number(cpu_ratio.toFixed(3)),
      engine_runs_ms: engineRuns.map(Math.round),
      pandas_runs_ms: pandasRuns.map(Math.round),
      engine_cpu_runs_ms: engineCpu.map(Math.round),
      pandas_cpu_runs_ms: pandasCpu.map(Math.round),
      engine_warmup_ms: engineWarmups.map(Math.round),
      pandas_warmup_ms: pandasWarmups.map(Math.round),
      note:
        `Both start from data already in memory and are timed per run from the call to the result; ${WARMUPS} warm-up runs each (times listed, not in the medians), then ${RUNS} runs alternating. ` +
        'engine: Excel-shaped values (Range.values rows) → ingest with validation, metrics (incl. gaps, active days, churn inputs), ABC, RFM, activity/frequency/spend/churn tiers, summaries, result table; ' +
        'pandas: a DataFrame already parsed by read_csv (parsing not timed) → groupby metrics, ABC, RFM, activity. ' +
        'ms = wall clock (median), cpu_ms = process CPU time (median; engine includes GC).',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
