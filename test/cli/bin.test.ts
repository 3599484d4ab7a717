// The installed command (bin/customer-tiers.mjs) runs the compiled CLI in dist-cli/ (built here
// first, as `npm pack` builds it): the same CLI as `tsx src/cli/main.ts`, including the
// subcommands that write workbooks, with no TypeScript compiler and no process left behind.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { readHistory } from '../../src/engine/history';

const ROOT = path.resolve(__dirname, '../..');
const ORDERS = path.resolve(__dirname, '../../../shared/data/rfm_rsquaredacademy_orders.csv');

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
}, 120000);

function bin(args: string[], cwd: string, script = path.join(ROOT, 'bin/customer-tiers.mjs')) {
  const res = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

test('classify --out then refresh, through the bin script', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-bin-'));
  const first = path.join(dir, 'tiered.xlsx');
  const next = path.join(dir, 'next.xlsx');
  const a = bin(['classify', '--orders', ORDERS, '--analysis-date', '2006-06-30', '--out', first, '--lang', 'en-US'], dir);
  expect(a.err).toBe('');
  expect(a.code).toBe(0);
  const b = bin(['refresh', first, '--out', next, '--analysis-date', '2006-12-31', '--lang', 'en-US'], dir);
  expect(b.err).toBe('');
  expect(b.code).toBe(0);
  expect(b.out).toMatch(/Champions/);
  // The refreshed book keeps both snapshots in its history sheet.
  const port = await XlsxPort.fromFile(next);
  const sheets = (await port.listSheets()).map((s) => s.name);
  expect(sheets).toEqual(expect.arrayContaining(['Tier History']));
  const hist = await port.read({ kind: 'sheet', sheet: 'Tier History' });
  expect(readHistory(hist.values).snapshots.map((x) => x.date)).toEqual(['2006-06-30', '2006-12-31']);
});

test('the built command needs no node_modules: --help and classify --csv run from a bare copy', () => {
  // bin/ and dist-cli/ alone, as the package ships them, with no node_modules anywhere above:
  // no compiler, arquero and the rest bundled, the database drivers not loaded by these commands.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-bare-'));
  fs.cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'dist-cli'), path.join(dir, 'dist-cli'), { recursive: true });
  const script = path.join(dir, 'bin/customer-tiers.mjs');
  const help = bin(['--help'], dir, script);
  expect(help.err).toBe('');
  expect(help.code).toBe(0);
  expect(help.out).toMatch(/customer-tiers classify --orders/);
  const run = bin(['classify', '--orders', ORDERS, '--analysis-date', '2006-12-31', '--csv', 'out.csv', '--lang', 'en-US'], dir, script);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  const csv = fs.readFileSync(path.join(dir, 'out.csv'), 'utf8').trim().split('\r\n');
  // One header line and one line per customer of the reference data (995 distinct ids).
  const ids = new Set(fs.readFileSync(ORDERS, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]));
  expect(csv.length - 1).toBe(ids.size);
});

/** Pids of live processes in a process group (Linux /proc; field 5 of stat is the group). */
function processGroup(pgid: number): number[] {
  return fs.readdirSync('/proc').flatMap((d) => {
    if (!/^\d+$/.test(d)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[2]) === pgid && fields[0] !== 'Z' ? [Number(d)] : [];
    } catch {
      return [];
    }
  });
}

const linux = process.platform === 'linux' ? test : test.skip;

linux.each([['--help'], ['classify', '--orders', ORDERS, '--json', '/dev/null', '--lang', 'en-US']])('%s exits and leaves no process behind', async (...args) => {
  // In a process group of its own, so anything it starts (a compiler service, a worker
  // process) is found by group after the command has exited.
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/customer-tiers.mjs'), ...args], { detached: true, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  await new Promise((r) => setTimeout(r, 200));
  expect(processGroup(child.pid!)).toEqual([]);
});
