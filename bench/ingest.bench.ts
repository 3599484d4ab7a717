// Ingest benchmark: 1,048,575 Excel-shaped order rows (Excel's row limit minus the header) for
// 100,000 customers — ids as strings, dates as serial numbers, amounts as numbers — the shape
// Range.values gives. Baseline in the same run: a bare copy of the same cells into typed arrays
// (no validation), so the ratio shows what parsing and checking cost on top of touching the data.
import { defaultConfig } from '../src/config';
import { ingest } from '../src/engine/ingest';
import type { Cell, SourceGrid } from '../src/engine/types';
import { rng } from '../src/cli/random';

const ROWS = 1_048_575;
const CUSTOMERS = 100_000;
const RUNS = 5;

export function generateOrders(rows = ROWS, customers = CUSTOMERS, seed = 42): SourceGrid {
  const r = rng(seed);
  const values: Cell[][] = new Array(rows + 1);
  values[0] = ['客户ID', '订单日期', '金额', '利润'];
  const firstSerial = 43831; // 2020-01-01
  for (let i = 1; i <= rows; i++) {
    // Skewed customers (a few buy a lot), dates over ~4 years, amounts with cents.
    const c = Math.floor(customers * r() ** 2);
    // A fresh flat string per cell, as JSON.parse of Excel's payload gives (not a shared or cons string).
    const id = String.fromCharCode(67, 48 + ((c / 100000) % 10 | 0), 48 + ((c / 10000) % 10 | 0), 48 + ((c / 1000) % 10 | 0), 48 + ((c / 100) % 10 | 0), 48 + ((c / 10) % 10 | 0), 48 + (c % 10));
    const serial = firstSerial + Math.floor(r() * 1460);
    const amount = Math.round(r() * 100000) / 100;
    values[i] = [id, serial, amount, Math.round(amount * 30) / 100];
  }
  return { name: 'Orders', values };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function copyBaseline(grid: SourceGrid): number {
  const n = grid.values.length - 1;
  const day = new Float64Array(n);
  const amount = new Float64Array(n);
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const row = grid.values[i + 1];
    ids[i] = row[0] as string;
    day[i] = row[1] as number;
    amount[i] = row[2] as number;
  }
  return ids.length + day[n - 1] + amount[n - 1];
}

export async function bench(): Promise<Record<string, unknown>> {
  const grid = generateOrders();
  const config = defaultConfig();
  const ingestMs: number[] = [];
  const baseMs: number[] = [];
  const cpuMs: number[] = [];
  let kept = 0;
  let customers = 0;
  for (let run = 0; run < RUNS; run++) {
    let t0 = performance.now();
    copyBaseline(grid);
    baseMs.push(performance.now() - t0);
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const res = ingest({ orders: grid }, config);
    ingestMs.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuMs.push((cpu.user + cpu.system) / 1000);
    kept = res.orders!.n;
    customers = res.orders!.customerKeys!.length;
  }
  const out = {
    orders: ROWS,
    customers,
    kept,
    ingest_ms: Math.round(median(ingestMs)),
    // CPU time of the process during ingest (includes GC threads); wall time is what users feel,
    // CPU time shows whether a slow wall figure came from a busy machine.
    ingest_cpu_ms: Math.round(median(cpuMs)),
    copy_baseline_ms: Math.round(median(baseMs)),
    ratio_vs_copy: Math.round((median(ingestMs) / median(baseMs)) * 10) / 10,
    runs: RUNS,
  };
  console.log(`ingest: ${ROWS} rows, ${customers} customers → ${out.ingest_ms} ms (median of ${RUNS}; cpu ${out.ingest_cpu_ms} ms); bare copy ${out.copy_baseline_ms} ms (×${out.ratio_vs_copy})`);
  return out;
}

// Run directly: npx tsx bench/ingest.bench.ts
if (typeof require !== 'undefined' && require.main === module) void bench();
