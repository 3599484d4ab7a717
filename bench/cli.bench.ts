// The command line end to end, as a user runs it: `customer-tiers classify --orders f.csv --csv
// out.csv` (the compiled CLI, a new process each time) against a pandas script doing the same
// (bench/pandas_cli.py: read_csv → the pandas pipeline → to_csv) and DuckDB doing the same in
// SQL (bench/duckdb_cli.mjs: read_csv → aggregation → COPY TO), each run as a process under
// /usr/bin/time for wall time, CPU and peak memory. Also `--help` and `npm run demo`'s command.
// Sizes: 10,000, 1,048,575 and 5,000,000 order rows (the three); BENCH_CLI_ROWS=10000,1048575 to choose.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { rng } from '../src/cli/random';
import { AUTO_DUCKDB_BYTES } from '../src/cli/scaleSource';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin/customer-tiers.mjs');
const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 3);

interface Run {
  wall_s: number;
  cpu_s: number;
  peak_mib: number;
}

/** One process under /usr/bin/time: wall, user + system CPU, maximum resident set size. */
function timed(cmd: string, args: string[], cwd: string): Run {
  const out = path.join(os.tmpdir(), `tiers-time-${process.pid}.txt`);
  const res = spawnSync(TIME, ['-o', out, '-f', '%e %U %S %M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.status !== 0) throw new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} failed (${res.status}): ${res.stderr.slice(-500)}`);
  const [e, u, s, m] = fs.readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  fs.rmSync(out, { force: true });
  return { wall_s: e, cpu_s: Math.round((u + s) * 100) / 100, peak_mib: Math.round(m / 1024) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function stats(runs: Run[]) {
  const pick = (k: keyof Run) => runs.map((r) => r[k]);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    wall_s: round(median(pick('wall_s'))),
    wall_min_max: [Math.min(...pick('wall_s')), Math.max(...pick('wall_s'))],
    cpu_s: round(median(pick('cpu_s'))),
    cpu_min_max: [Math.min(...pick('cpu_s')), Math.max(...pick('cpu_s'))],
    peak_mib: median(pick('peak_mib')),
    runs: runs.length,
  };
}

/** Orders as an export has them: id, ISO date, amount; ~10.5 rows per customer, skewed. */
function writeOrders(file: string, rows: number): number {
  const customers = Math.max(100, Math.round(rows / 10.48575));
  const rand = rng(20240601);
  const day0 = Date.UTC(2022, 0, 1);
  const fd = fs.openSync(file, 'w');
  let buf = 'customer_id,order_date,amount\n';
  for (let i = 0; i < rows; i++) {
    const c = i < customers ? i : Math.floor(customers * rand() ** 1.6);
    const d = new Date(day0 + Math.floor(rand() * 1096) * 86_400_000).toISOString().slice(0, 10);
    buf += `C${String(c).padStart(6, '0')},${d},${Math.round(Math.exp(3 + 1.2 * rand() + rand()) * 100) / 100}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return customers;
}

function endToEnd(dir: string, rows: number) {
  const file = path.join(dir, `orders-${rows}.csv`);
  const customers = writeOrders(file, rows);
  const sides: Record<string, [string, string[]]> = {
    cli: [process.execPath, [BIN, 'classify', '--orders', file, '--csv', path.join(dir, 'cli.csv'), '--lang', 'en-US']],
    pandas: [PYTHON, [path.join(__dirname, 'pandas_cli.py'), file, path.join(dir, 'pandas.csv')]],
    duckdb: [process.execPath, [path.join(__dirname, 'duckdb_cli.mjs'), file, path.join(dir, 'duckdb.csv')]],
  };
  const runs: Record<string, Run[]> = { cli: [], pandas: [], duckdb: [] };
  // Alternating rounds, so all three see the same machine load.
  for (let i = 0; i < ROUNDS; i++) for (const [k, [cmd, args]] of Object.entries(sides)) runs[k].push(timed(cmd, args, dir));
  const s = { cli: stats(runs.cli), pandas: stats(runs.pandas), duckdb: stats(runs.duckdb) };
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const cliPath = fs.statSync(file).size > AUTO_DUCKDB_BYTES ? 'duckdb (automatic: CSV above AUTO_DUCKDB_BYTES)' : 'in memory';
  fs.rmSync(file, { force: true });
  return {
    rows,
    customers,
    ...s,
    cli_path: cliPath,
    cli_vs_pandas_cpu: ratio(s.cli.cpu_s, s.pandas.cpu_s),
    cli_vs_pandas_wall: ratio(s.cli.wall_s, s.pandas.wall_s),
    cli_vs_pandas_peak: ratio(s.cli.peak_mib, s.pandas.peak_mib),
    cli_vs_duckdb_cpu: ratio(s.cli.cpu_s, s.duckdb.cpu_s),
    cli_vs_duckdb_wall: ratio(s.cli.wall_s, s.duckdb.wall_s),
  };
}

const STARTS_FROM =
  'each side is one process from a CSV file on disk to a per-customer CSV on disk (interpreter start, imports, parsing, aggregation, writing): the CLI (compiled) reads with every misread check, classifies with the default config (ABC, RFM, activity, frequency, spend, churn) and writes 24 columns with labels and actions; pandas_cli.py: read_csv → groupby metrics, ABC, RFM quintiles, activity → to_csv (13 columns); duckdb_cli.mjs: read_csv → the same aggregation in SQL → COPY (12 columns), all threads';

export async function bench(): Promise<Record<string, unknown>> {
  console.log(`cli: ${STARTS_FROM}`);
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build:cli failed: ${build.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-bench-cli-'));
  try {
    const sizes = (process.env.BENCH_CLI_ROWS ?? '10000,1048575,5000000').split(',').map(Number);
    // Alternating with `node -e 0`: on a loaded machine Node's own start is most of it.
    const helpRuns: Run[] = [];
    const nodeRuns: Run[] = [];
    for (let i = 0; i < 7; i++) {
      helpRuns.push(timed(process.execPath, [BIN, '--help'], dir));
      nodeRuns.push(timed(process.execPath, ['-e', '0'], dir));
    }
    const help = { ...stats(helpRuns), node_alone: stats(nodeRuns) };
    console.log(`cli --help: ${help.wall_s} s (${help.wall_min_max.join('–')}), ${help.cpu_s} s CPU, ${help.peak_mib} MiB; node -e 0: ${help.node_alone.wall_s} s, ${help.node_alone.cpu_s} s CPU`);
    const demo = stats(Array.from({ length: ROUNDS }, () => timed(process.execPath, [BIN, 'demo', '--out-dir', path.join(dir, 'demo')], dir)));
    console.log(`demo (built CLI): ${demo.wall_s} s (${demo.wall_min_max.join('–')}), ${demo.cpu_s} s CPU, ${demo.peak_mib} MiB`);
    const e2e = sizes.map((n) => {
      const r = endToEnd(dir, n);
      console.log(
        `classify --csv ${n} rows (CLI ${r.cli_path}), wall / CPU / peak: CLI ${r.cli.wall_s} s / ${r.cli.cpu_s} s / ${r.cli.peak_mib} MiB, pandas ${r.pandas.wall_s} s / ${r.pandas.cpu_s} s / ${r.pandas.peak_mib} MiB, DuckDB ${r.duckdb.wall_s} s / ${r.duckdb.cpu_s} s / ${r.duckdb.peak_mib} MiB (CLI ÷ pandas: CPU ${r.cli_vs_pandas_cpu}, peak ${r.cli_vs_pandas_peak}; CLI ÷ DuckDB CPU ${r.cli_vs_duckdb_cpu})`,
      );
      return r;
    });
    return {
      starts_from: STARTS_FROM,
      machine: `${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at the end`,
      help,
      demo,
      classify_csv: e2e,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
