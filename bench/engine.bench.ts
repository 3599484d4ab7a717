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

export const ORDERS = 1_048_575;
export const CUSTOMERS = 100_000;
const RUNS = 7;
const PYTHON = '/usr/bin/python3';

/** mulberry32: small seeded PRNG, so every run benchmarks the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
async function startPandas(file: string): Promise<{ run: () => Promise<number>; stop: () => void } | { error: string }> {
  if (!fs.existsSync(PYTHON)) return { error: `${PYTHON} not found; install with: apt-get install -y python3 python3-pandas` };
  const child = spawn(PYTHON, [path.join(__dirname, 'pandas_pipeline.py'), file, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const queue: ((line: string) => void)[] = [];
  lines.on('line', (line) => queue.shift()?.(line));
  const next = () => new Promise<string>((resolve, reject) => {
    queue.push(resolve);
    child.once('exit', () => reject(new Error('pandas process ended')));
  });
  const first = JSON.parse(await next()) as { ready?: boolean; error?: string };
  if (!first.ready) {
    child.kill();
    return { error: first.error ?? 'pandas did not start' };
  }
  return {
    run: async () => {
      child.stdin!.write('run\n');
      return (JSON.parse(await next()) as { ms: number }).ms;
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
    let customers = 0;
    // One warm-up each (JIT, caches), then alternate so both see the same machine load.
    classify({ orders: grid }, config);
    if (!('error' in pandas)) await pandas.run();
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = classify({ orders: grid }, config);
      engineRuns.push(performance.now() - t0);
      customers = res.customers.numRows();
      if (!('error' in pandas)) pandasRuns.push(await pandas.run());
    }
    if (!('error' in pandas)) pandas.stop();
    const engine_ms = median(engineRuns);
    const pandas_ms = pandasRuns.length ? median(pandasRuns) : null;
    const ratio = pandas_ms ? engine_ms / pandas_ms : null;
    console.log(
      `engine: ${ORDERS} orders, ${customers} customers: ${engine_ms.toFixed(0)} ms (median of ${RUNS}); ` +
        (pandas_ms ? `pandas ${pandas_ms.toFixed(0)} ms; ratio ${ratio!.toFixed(2)}` : 'pandas: not measured'),
    );
    return {
      orders: ORDERS,
      customers,
      engine_ms: Math.round(engine_ms),
      pandas_ms: pandas_ms === null ? null : Math.round(pandas_ms),
      ratio: ratio === null ? null : Number(ratio.toFixed(3)),
      engine_runs_ms: engineRuns.map(Math.round),
      pandas_runs_ms: pandasRuns.map(Math.round),
      note: 'engine: Excel-shaped values → ingest, metrics, ABC, RFM, activity, summaries; pandas: in-memory DataFrame (after read_csv) → groupby metrics, ABC, RFM, activity; runs alternate',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
