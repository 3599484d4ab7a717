// Monthly refreshes of one .xlsx, each one `customer-tiers refresh book.xlsx --analysis-date D`
// in its own process under /usr/bin/time -v (as a manager's scheduled job runs them), with the
// process's wall time and peak memory ("Maximum resident set size") and the history sheet's size.
//
//   npx tsx bench/history.ts [--customers 100000] [--months 36] [--dir /tmp/x]
//
// Data: the demo generator (src/cli/demoData.ts) at 100,000 customers, its two years of orders
// stretched over three so 36 month ends each see new orders, thinned deterministically to fit
// one sheet (1,048,575 order rows).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { demoConfig, generateDemo, type DemoCell } from '../src/cli/demoData';
import { demoWorkbook } from '../src/cli/demo';
import { rng } from '../src/cli/random';
import { spawnSync } from 'child_process';
import { saveConfig } from '../src/workbook/state';
import { XlsxPort } from '../src/workbook/ooxml/port';
import { EXCEL_MAX_ROWS } from '../src/output/cells';

const DAY = 86_400_000;
const FROM = Date.UTC(2023, 0, 1);
const TO = FROM + 1.5 * (Date.UTC(2024, 11, 31) - FROM);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** Month ends, the last one the data's last day, `count` of them. */
function monthEnds(count: number): string[] {
  const end = new Date(TO);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (count - 1 - i) + 1, 0)).toISOString().slice(0, 10));
}

/** Orders over three years (each date stretched from the demo's two), at most one sheet's rows. */
function orders(rows: DemoCell[][]): DemoCell[][] {
  const [header, ...body] = rows;
  const keep = Math.min(1, (EXCEL_MAX_ROWS - 1) / body.length);
  const r = rng(7);
  const out = body.filter(() => r() < keep);
  for (const row of out) if (row[2] instanceof Date) row[2] = new Date(FROM + Math.round(((row[2].getTime() - FROM) * 1.5) / DAY) * DAY);
  return [header, ...out.slice(0, EXCEL_MAX_ROWS - 1)];
}

const mb = (n: number) => Math.round(n / 1e6);

async function main(): Promise<void> {
  const customers = Number(arg('customers', '100000'));
  const months = Number(arg('months', '36'));
  const dir = arg('dir', fs.mkdtempSync(path.join(os.tmpdir(), 'history-bench-')));
  const file = path.join(dir, 'book.xlsx');
  const data = generateDemo({ customers });
  data.orders = orders(data.orders);
  const t0 = performance.now();
  const book = await demoWorkbook(data);
  await saveConfig(book, demoConfig('zh-CN'));
  await book.save(file);
  console.log(`data: ${data.customers.length} customers, ${data.orders.length - 1} order rows → ${file} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log('run\tdate\tseconds\tpeak RSS MB\thistory rows\thistory cols\tdetail dates\tfile MB');
  const cli = path.resolve(__dirname, '../bin/customer-tiers.mjs');
  for (const [i, date] of monthEnds(months).entries()) {
    const run = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'refresh', file, '--analysis-date', date], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const field = (name: string) => new RegExp(`${name}[^:]*: ([\\d.:]+)`).exec(run.stderr)?.[1] ?? '?';
    if (run.status !== 0) {
      console.log(`${i + 1}\t${date}\tfailed (exit ${run.status}): ${run.stderr.split('\n').slice(0, 3).join(' ')}`);
      break;
    }
    const elapsed = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d.:]+)/.exec(run.stderr)?.[1] ?? '';
    const wall = elapsed.split(':').reduce((a, x) => a * 60 + Number(x), 0);
    const peak = Math.round(Number(field('Maximum resident set size')) / 1024);
    const port = await XlsxPort.fromFile(file);
    const sheets = (await port.listSheets()).map((s) => s.name);
    const hist = await port.read({ kind: 'sheet', sheet: sheets.find((s) => s === '分级历史') ?? sheets[sheets.length - 1] });
    const keys = hist.values.find((r) => r[0] === 'customer_id') ?? [];
    const dates = new Set(keys.map((k) => (typeof k === 'string' ? k.split('@')[1] : undefined)).filter(Boolean)).size;
    const width = hist.values.reduce((w, r) => Math.max(w, r.length), 0);
    console.log([i + 1, date, wall.toFixed(1), peak, hist.values.length, width, dates, mb(fs.statSync(file).size)].join('\t'));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
