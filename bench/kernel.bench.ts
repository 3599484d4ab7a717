// The kernel against pandas and DuckDB on two shapes of customer id: `C000123` (short, one
// letter and digits) and 16 hex characters (what exports from shop systems and hashes give).
// 1,048,575 order rows, 100,000 customers; per side, what it starts from and what it does:
// - engine: Excel-shaped values already in memory (Range.values rows: id text, date serial,
//   amount) → the full classification (ingest with validation, metrics, ABC, RFM, activity and
//   the other default tiers, summaries, the result table);
// - pandas: a DataFrame already parsed by read_csv (parsing not timed) → groupby metrics, ABC,
//   RFM quintiles, activity (bench/pandas_pipeline.py);
// - DuckDB: a table already loaded (loading not timed), 1 thread → the same aggregation in SQL
//   (bench/duckdb_cli.mjs), its rows read into JavaScript.
// Three warm-ups each (V8 optimises the kernels over the first calls; engine.bench.ts does the
// same), their times reported too, then BENCH_KERNEL_RUNS (5) alternating runs; medians,
// min–max, CPU time. Before every timed run the young generation is emptied (an untimed
// scavenge, V8's gc({ type: 'minor' }); Python's gc.collect() in the pandas server), so a run
// does not pay for garbage the bench or the previous run left there (the DuckDB side reads its
// rows into this same heap). Not a full collection: after one, V8 marked and swept on helper
// threads during the next run, which cost the engine about half again its CPU time. The
// engine's GC pauses inside its timed region are then counted (perf_hooks 'gc' entries):
// scavenges and full collections, with their total time.
// Every id is a flat string of its own, made in row order, as Range.values (JSON) and the CSV
// reader give them; the 16-hex ids are also timed with one string per customer shared by its
// rows (harsher, no goal: see hexIds).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { constants as perfConstants, PerformanceObserver, type PerformanceEntry } from 'perf_hooks';
import * as readline from 'readline';
import { pathToFileURL } from 'url';
import * as v8 from 'v8';
import * as vm from 'vm';
import { defaultConfig } from '../src/config';
import { classify } from '../src/engine/classify';
import type { Cell } from '../src/engine/types';
import { generateOrders, ORDERS, CUSTOMERS } from './engine.bench';

const RUNS = Number(process.env.BENCH_KERNEL_RUNS ?? 5);
const WARMUPS = 3;
const PYTHON = '/usr/bin/python3';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
const range = (s: { median: number; min: number; max: number }) => `${s.median} (${s.min}–${s.max})`;
const summary = (xs: number[]) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) });

/**
 * 16 lowercase hex characters per customer, from the C000123 id (a fixed bijection).
 * `perCell`: a new string for every cell, made in row order, as Range.values (JSON) and the CSV
 * reader give them and as the C000123 rows have them; otherwise one string object per customer,
 * shared by all its rows (a harsher layout, reported beside: each row's id is then a read from
 * a scattered place in memory).
 */
function hexIds(rows: Cell[][], perCell: boolean): Cell[][] {
  const memo = new Map<string, string>();
  const hex = (id: string) => {
    let h = memo.get(id);
    if (h === undefined) {
      const n = Number(id.slice(1));
      const a = (Math.imul(n + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
      const b = (Math.imul(n ^ 0x5bd1e995, 0x85ebca6b) >>> 0).toString(16).padStart(8, '0');
      memo.set(id, (h = JSON.parse(`"${a}${b}"`) as string));
    }
    // JSON.parse makes a flat string of its own (a `+` of two halves would give a rope).
    return perCell ? (JSON.parse(`"${h}"`) as string) : h;
  };
  return rows.map((r, i) => (i === 0 ? r : [hex(r[0] as string), r[1], r[2]]));
}

async function pandasServer(file: string) {
  const child = spawn(PYTHON, [path.join(__dirname, 'pandas_pipeline.py'), file, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string);
  const ready = await next();
  if (!ready.ready) throw new Error(ready.error ?? 'pandas did not start');
  return {
    run: async (): Promise<{ ms: number; cpu_ms: number }> => {
      child.stdin!.write('run\n');
      return next();
    },
    stop: () => child.stdin!.end('quit\n'),
  };
}

async function duckdbSession(file: string) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { SQL } = await import(path.join(__dirname, 'duckdb_cli.mjs'));
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run('SET threads = 1');
  // Serial dates as the engine and pandas get them, turned into DATE once at load (not timed).
  await con.run(`CREATE TABLE orders AS SELECT customer_id, DATE '1899-12-30' + CAST(order_date AS INTEGER) AS order_date, amount
    FROM read_csv('${file}', header = true, columns = {'customer_id': 'VARCHAR', 'order_date': 'DOUBLE', 'amount': 'DOUBLE'})`);
  return {
    run: async () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const reader = await con.runAndReadAll(SQL('orders'));
      const rows = reader.getRows();
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      return { ms, cpu_ms: (c.user + c.system) / 1000, customers: rows.length };
    },
  };
}

/** GC pauses V8 reports, by start time, to attribute to a timed region afterwards. */
function gcLog() {
  const entries: PerformanceEntry[] = [];
  const obs = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  obs.observe({ entryTypes: ['gc'] });
  return {
    /** Pauses that started in [t0, t1]: count, full collections (mark-compact), total ms. */
    async within(t0: number, t1: number) {
      // V8 hands the entries over a little after the pause (a timer later, not at once)
      await new Promise((r) => setTimeout(r, 50));
      const inside = entries.filter((e) => e.startTime >= t0 && e.startTime <= t1);
      const major = inside.filter((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR).length;
      return { pauses: inside.length, major, ms: Math.round(inside.reduce((a, e) => a + e.duration, 0)) };
    },
    stop: () => obs.disconnect(),
  };
}

/** V8's scavenge of the young generation, without --expose-gc on the command line (the bench runs under tsx). */
function youngGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
  return () => gc({ type: 'minor' });
}

type Classify = typeof classify;
type DefaultConfig = typeof defaultConfig;

/**
 * The engine as it ships: bundled by esbuild the way scripts/build-cli.mjs builds dist-cli (ES
 * module, node20, arquero inside). Under tsx every imported binding is a getter call, which the
 * shipped CLI and the pane's worker bundle do not pay; the source engine is timed beside it.
 */
async function bundledEngine(dir: string): Promise<{ classify: Classify; defaultConfig: DefaultConfig }> {
  const { build } = await import('esbuild');
  const root = path.resolve(__dirname, '..');
  const { NODE_BUNDLE } = (await import(path.join(root, 'scripts/esbuild-node.mjs'))) as { NODE_BUNDLE: import('esbuild').BuildOptions };
  const entry = path.join(dir, 'engine-entry.ts');
  fs.writeFileSync(entry, `export { classify } from ${JSON.stringify(path.join(root, 'src/engine/classify'))};\nexport { defaultConfig } from ${JSON.stringify(path.join(root, 'src/config'))};\n`);
  const outfile = path.join(dir, 'engine.mjs');
  await build({ ...NODE_BUNDLE, entryPoints: [entry], outfile, logLevel: 'warning' });
  return (await import(pathToFileURL(outfile).href)) as { classify: Classify; defaultConfig: DefaultConfig };
}

async function shape(label: string, values: Cell[][], dir: string, shipped: { classify: Classify; defaultConfig: DefaultConfig }) {
  const file = path.join(dir, `orders-${label.replace(/\W+/g, '-')}.csv`);
  fs.writeFileSync(file, values.map((r) => r.join(',')).join('\n'));
  const config = defaultConfig({});
  const grid = { name: 'Orders', values };
  const pandas = await pandasServer(file);
  const duck = await duckdbSession(file);
  const gc = gcLog();
  const gcs: { pauses: number; major: number; ms: number }[] = [];
  const shippedConfig = shipped.defaultConfig({});
  const emptyNursery = youngGc();
  const timeEngine = async (run: () => { customers: { numRows(): number } }, gcsOf: { pauses: number; major: number; ms: number }[]) => {
    emptyNursery();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = run();
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    gcsOf.push(await gc.within(t0, t1));
    return { ms: t1 - t0, cpu_ms: (c.user + c.system) / 1000, customers: res.customers.numRows() };
  };
  const sourceGcs: { pauses: number; major: number; ms: number }[] = [];
  const engine = () => timeEngine(() => shipped.classify({ orders: grid }, shippedConfig), gcs);
  const sourceEngine = () => timeEngine(() => classify({ orders: grid }, config), sourceGcs);
  const warm: number[][] = [[], [], [], []];
  for (let i = 0; i < WARMUPS; i++) {
    warm[0].push((await engine()).cpu_ms);
    warm[1].push((await sourceEngine()).cpu_ms);
    warm[2].push((await pandas.run()).cpu_ms);
    warm[3].push((await duck.run()).cpu_ms);
  }
  gcs.length = 0;
  sourceGcs.length = 0;
  const e: number[][] = [[], []];
  const s: number[][] = [[], []];
  const p: number[][] = [[], []];
  const d: number[][] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    const a = await engine();
    e[0].push(a.ms);
    e[1].push(a.cpu_ms);
    const a2 = await sourceEngine();
    s[0].push(a2.ms);
    s[1].push(a2.cpu_ms);
    const b = await pandas.run();
    p[0].push(b.ms);
    p[1].push(b.cpu_ms);
    const c = await duck.run();
    d[0].push(c.ms);
    d[1].push(c.cpu_ms);
  }
  pandas.stop();
  gc.stop();
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const out = {
    ids: label,
    engine_ms: summary(e[0]),
    engine_cpu_ms: summary(e[1]),
    pandas_ms: summary(p[0]),
    pandas_cpu_ms: summary(p[1]),
    duckdb_1_thread_ms: summary(d[0]),
    duckdb_cpu_ms: summary(d[1]),
    engine_gc_in_timed_region: gcs,
    engine_from_source_ms: summary(s[0]),
    engine_from_source_cpu_ms: summary(s[1]),
    engine_from_source_gc_in_timed_region: sourceGcs,
    engine_from_source_vs_pandas_cpu: r2(median(s[1]) / median(p[1])),
    engine_vs_pandas_cpu: r2(median(e[1]) / median(p[1])),
    engine_vs_duckdb_cpu: r2(median(e[1]) / median(d[1])),
    /** CPU ms of the untimed warm-up calls, first call first (the first includes V8 compiling the engine). */
    warmup_cpu_ms: { engine: warm[0].map(Math.round), engine_from_source: warm[1].map(Math.round), pandas: warm[2].map(Math.round), duckdb: warm[3].map(Math.round) },
  };
  console.log(
    `kernel, ${label} ids (medians of ${RUNS}, min–max): engine ${range(out.engine_ms)} ms, CPU ${range(out.engine_cpu_ms)}; pandas ${range(out.pandas_ms)} ms, CPU ${range(out.pandas_cpu_ms)}; DuckDB 1 thread ${range(out.duckdb_1_thread_ms)} ms, CPU ${range(out.duckdb_cpu_ms)}; engine ÷ pandas CPU ${out.engine_vs_pandas_cpu}, ÷ DuckDB ${out.engine_vs_duckdb_cpu}; engine from source (tsx) CPU ${range(out.engine_from_source_cpu_ms)}, ÷ pandas ${out.engine_from_source_vs_pandas_cpu}; engine GC in its timed region, per run: ${gcs.map((g) => `${g.pauses} pauses/${g.major} full/${g.ms} ms`).join(', ')}; warm-up CPU (first call first): engine ${out.warmup_cpu_ms.engine.join(', ')}, pandas ${out.warmup_cpu_ms.pandas.join(', ')}`,
  );
  return out;
}

const STARTS_FROM =
  'engine (as shipped: bundled by esbuild like dist-cli; the source engine under tsx timed beside it): Range.values-shaped rows in memory (id text, date serial, amount) → full classification (ingest with every misread check, metrics, ABC, RFM, activity, frequency, spend, churn, summaries, result table); pandas: a DataFrame parsed by read_csv → groupby metrics, ABC, RFM quintiles, activity; DuckDB: a loaded table, 1 thread → the same aggregation in SQL, rows read into JS. Parsing and loading are not timed on any side; three warm-ups each; every timed run starts with an empty young generation (an untimed scavenge; gc.collect() for pandas).';

export async function bench(): Promise<Record<string, unknown>> {
  console.log(`kernel: ${STARTS_FROM}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-bench-kernel-'));
  try {
    const short = generateOrders();
    const shipped = await bundledEngine(dir);
    const results = [
      await shape('C000123', short, dir, shipped),
      await shape('16-hex', hexIds(short, true), dir, shipped),
      await shape('16-hex, one string per customer', hexIds(short, false), dir, shipped),
    ];
    return {
      orders: ORDERS,
      customers: CUSTOMERS,
      starts_from: STARTS_FROM,
      shapes: results,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
