// The DuckDB path reads a CSV exactly as the in-memory ingest does, or refuses with a specific
// message (never a silent misread): on the hand-made input files (test/fixtures/inputs) and on
// random order files whose dates are written as analysts write them (2024/3/5, 2024年3月5日,
// 20240305, 5/3/2024 with day-first evidence, 3/5/24 undecidable), with returns, rows after the
// analysis date and outlier dates — the per-customer output and the data issues are identical.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { classify } from '../../src/engine/classify';
import { classifyFacts } from '../../src/engine/facts';
import { civilFromDays } from '../../src/engine/calendar';
import { readInputFile } from '../../src/cli/inputFiles';
import { duckdbFacts } from '../../src/sources/duckdb';
import { SourceError } from '../../src/sources/common';
import { defaultConfig } from '../../src/config/validate';
import type { TieringConfig } from '../../src/config/schema';
import { snapshot } from './compare';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-reading-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Memory's and DuckDB's result on one file: equal, or DuckDB refused with a not-plain message. */
async function both(file: string, config: TieringConfig): Promise<'same' | string> {
  let mem;
  try {
    mem = classify({ orders: await readInputFile(file) }, config);
  } catch (e) {
    // A file the in-memory reader refuses (two amount columns …) is refused by DuckDB too.
    await expect(duckdbFacts(file, config)).rejects.toThrow();
    return `refused: ${(e as Error).message}`;
  }
  let set;
  try {
    set = await duckdbFacts(file, config);
  } catch (e) {
    if (e instanceof SourceError && e.key.startsWith('scale.not_plain')) return e.key;
    throw e;
  }
  const duck = classifyFacts(set, config);
  expect({ file, result: snapshot(duck), issues: duck.issues, total: duck.issuesTotal }).toEqual({ file, result: snapshot(mem), issues: mem.issues, total: mem.issuesTotal });
  return 'same';
}

const FIXTURES = path.join(__dirname, '../fixtures/inputs');

test('hand-made input files: read the same, or refused with the reason', async () => {
  const outcome: Record<string, string> = {};
  for (const f of fs.readdirSync(FIXTURES).filter((n) => /\.(csv|tsv|txt)$/.test(n)).sort()) {
    outcome[f] = await both(path.join(FIXTURES, f), defaultConfig({ locale: 'en-US' }));
  }
  // Read by DuckDB exactly as in memory, outlier dates (2204, a far decade) and their issues included.
  for (const f of ['utf8.csv', 'utf8-bom.csv', 'outlier-2204.csv', 'far-outlier.csv']) expect([f, outcome[f]]).toEqual([f, 'same']);
  // Encodings, decimal commas, stray quotes, a title block: not read by DuckDB, said so.
  expect(outcome['gbk.csv']).toBe('scale.not_plain_encoding');
  expect(outcome['utf16le-bom.txt']).toBe('scale.not_plain_encoding');
  expect(outcome['utf8-one-latin1-line.csv']).toBe('scale.not_plain_text');
  expect(outcome['header-row-3.csv']).toBe('scale.not_plain_layout');
  expect(outcome['semicolon-decimal-comma.csv']).toMatch(/^scale\.not_plain_(amount|file)$/);
  expect(outcome['unterminated-quote.csv']).toMatch(/^scale\.not_plain/);
}, 120000);

type Style = 'iso' | 'slash' | 'dot' | 'cjk' | 'compact' | 'dmy' | 'mdy2' | 'iso-time';

function written(day: number, style: Style): string {
  const { y, m, d } = civilFromDays(day);
  const p = (n: number) => String(n).padStart(2, '0');
  switch (style) {
    case 'iso': return `${y}-${p(m)}-${p(d)}`;
    case 'iso-time': return `${y}-${p(m)}-${p(d)} 13:45:00`;
    case 'slash': return `${y}/${m}/${d}`;
    case 'dot': return `${y}.${m}.${d}`;
    case 'cjk': return `${y}年${m}月${d}日`;
    case 'compact': return `${y}${p(m)}${p(d)}`;
    case 'dmy': return `${d}/${m}/${y}`;
    case 'mdy2': return `${m}/${d}/${p(y % 100)}`;
  }
}

const rowArb = fc.record({
  id: fc.constantFrom('1', '2', '10', '007', '1.0', 'a', 'A', ' pad ', '客户', 'C-9'),
  day: fc.integer({ min: 19000, max: 19700 }),
  cents: fc.integer({ min: -5000, max: 90000 }),
});

test('random order files with non-ISO dates, returns, later rows and outlier dates: same customers, same issues', async () => {
  let seq = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(rowArb, { minLength: 3, maxLength: 80 }),
      fc.constantFrom<Style>('iso', 'slash', 'dot', 'cjk', 'compact', 'dmy', 'mdy2', 'iso-time'),
      fc.option(fc.constantFrom(19200, 19500, 19650), { nil: undefined }),
      fc.constantFrom('none', 'far', 'future'),
      fc.constantFrom<'net' | 'exclude'>('net', 'exclude'),
      async (rows, style, analysis, outlier, returns) => {
        const lines = rows.map((r) => `${r.id},${written(r.day, style)},${(r.cents / 100).toFixed(2)}`);
        // One typo'd year (2204) or a date after today, somewhere in the file.
        if (outlier === 'far') lines.splice(1, 0, `a,${written(85000, style === 'mdy2' ? 'iso' : style)},10.00`);
        if (outlier === 'future') lines.splice(2, 0, `b,${written(40000, style === 'mdy2' ? 'iso' : style)},10.00`);
        const file = path.join(tmp, `r${++seq}.csv`);
        fs.writeFileSync(file, `customer_id,order_date,amount\n${lines.join('\n')}\n`);
        const config = defaultConfig({
          locale: 'en-US',
          returns,
          analysisDate: analysis === undefined ? undefined : new Date(analysis * 86400000).toISOString().slice(0, 10),
          methods: { rfm: { scoring: 'quantile', best: 'high' }, activity: { churn: { windowDays: 60, gapRatio: 2, rateDrop: 0.5, minOrders: 3 } } },
        });
        expect(await both(file, config)).toBe('same');
      },
    ),
    { numRuns: 40 },
  );
}, 300000);

// The SQL date reading (engine/sql/reading.ts) against the ingest's tokenizer on arbitrary
// date-like text: where SQL reads a day it is the ingest's day; where it reads none, the ingest
// reads none either, or reads an English month name (which makes DuckDB refuse the file).
test('text dates: the SQL reading agrees with parseDateColumn cell by cell', async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { duckdbDateParts, duckdbTextDay } = await import('../../src/engine/sql/reading');
  const { parseDateColumn } = await import('../../src/engine/ingest/dates');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  const num = (min: number, max: number) => fc.tuple(fc.integer({ min, max }), fc.constantFrom(0, 0, 2, 4, 8)).map(([n, w]) => String(n).padStart(w, '0'));
  const sep = fc.constantFrom('-', '/', '.', '年', '月');
  const shaped = fc
    .tuple(fc.constantFrom('', '', ' ', '\t'), fc.oneof(num(1990, 2030), num(0, 40), num(19900101, 20301231)), sep, num(0, 14), fc.boolean(), sep, fc.oneof(num(0, 32), num(1990, 2030)), fc.constantFrom('', '', '', '日', ' 10:30', 'T08:00', 't', 'x', ' ', '-'), fc.integer({ min: 0, max: 3 }))
    .map(([ws, a, s1, b, same, s2, c, tail, parts]) => (parts === 0 ? `${ws}${a}${tail}` : parts === 1 ? `${ws}${a}${s1}${b}${tail}` : `${ws}${a}${s1}${b}${same ? (s1 === '年' ? '月' : s1) : s2}${c}${tail}`));
  const noise = fc.array(fc.constantFrom('2024', '3', '-', '/', '年', '月', '日', ' ', 'T', 'Mar', '29', '13', '2023-02-29'), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
  const cells = fc.sample(fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: noise, weight: 1 }), { numRuns: 8000, seed: 13 });
  try {
    for (const order of ['mdy', 'dmy'] as const) {
      const values = cells.map((c) => `('${c.replace(/'/g, "''")}')`).join(',');
      const sql = `SELECT s, ${duckdbTextDay('s', 'p', order === 'dmy' ? '1' : '0')} AS d FROM (SELECT s, ${duckdbDateParts('s')} AS p FROM (VALUES ${values}) v(s))`;
      const rows = (await conn.runAndReadAll(sql)).getRowObjectsJS() as { s: string; d: bigint | number | null }[];
      expect(rows.length).toBe(cells.length);
      let read = 0;
      for (const r of rows) {
        const mem = parseDateColumn([r.s], { dateSystem: 1900, order });
        const day = mem.days[0];
        if (r.d === null) {
          expect({ s: r.s, memory: Number.isNaN(day) ? 'none' : mem.format }).toEqual({ s: r.s, memory: Number.isNaN(day) ? 'none' : 'month-name' });
        } else {
          read++;
          expect({ s: r.s, day: Number(r.d) }).toEqual({ s: r.s, day });
        }
      }
      // The sample is not all noise: well over a hundred cells are real dates in the shapes SQL reads.
      expect(read).toBeGreaterThan(100);
    }
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}, 120000);
