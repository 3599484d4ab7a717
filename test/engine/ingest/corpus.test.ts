// The input corpus (test/fixtures/inputs, made by generate.py): every file read as the CLI reads
// it, and per customer the revenue and order count the generator intended — summed here from
// the generator's rows, never taken from the code under test — or the issue/error it must raise.
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import { describeIssue, textToGrid } from '../../../src/engine/ingest';
import { TieringError, type DataIssue } from '../../../src/engine/types';

const DIR = path.resolve(__dirname, '../../fixtures/inputs');

interface Case {
  file: string;
  truth: [string, number][];
  encoding?: string;
  issues?: { code: string; line?: number; row?: number }[];
  error?: string;
  params?: Record<string, string>;
  analysisDate?: string;
  headerRow?: number;
  /** Workbooks are read by the CLI's reader: test/cli/misread.test.ts. */
  xlsx?: boolean;
}

const CASES: Case[] = JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8'));
const read = (file: string) => textToGrid(new Uint8Array(fs.readFileSync(path.join(DIR, file))), file);

/** Revenue (in cents) and orders per customer, from the generator's intended rows. */
function expected(truth: [string, number][]): Map<string, { cents: number; orders: number }> {
  const out = new Map<string, { cents: number; orders: number }>();
  for (const [id, amount] of truth) {
    const e = out.get(id) ?? { cents: 0, orders: 0 };
    e.cents += Math.round(amount * 1000);
    e.orders += 1;
    out.set(id, e);
  }
  return out;
}

test('the corpus has at least 15 files, all on disk', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(15);
  for (const c of CASES) expect(fs.existsSync(path.join(DIR, c.file))).toBe(true);
});

const readable = CASES.filter((c) => !c.error && c.headerRow === undefined && !c.xlsx);

describe.each(readable.map((c) => [c.file, c] as const))('%s', (_file, c) => {
  let grid: ReturnType<typeof read>;
  let result: ReturnType<typeof classify>;
  beforeAll(() => {
    grid = read(c.file);
    result = classify({ orders: grid }, defaultConfig());
  });

  test('per customer: the intended revenue and orders, and no other customer', () => {
    const want = expected(c.truth);
    const ids = result.customers.array('customer_id') as string[];
    const revenue = result.customers.array('revenue') as number[];
    const orders = result.customers.array('orders') as number[];
    const got = new Map(ids.map((id, i) => [id, { cents: Math.round(revenue[i] * 1000), orders: orders[i] }]));
    expect(got).toEqual(want);
    for (const r of revenue) expect(Number.isFinite(r)).toBe(true);
  });

  test('encoding, issues and analysis date as intended', () => {
    if (c.encoding) expect(grid.encoding).toBe(c.encoding);
    const wanted = c.issues ?? [];
    const reported = result.issues.filter((i) => i.severity !== 'info');
    expect(reported.map((i) => i.code).sort()).toEqual(wanted.map((i) => i.code).sort());
    for (const w of wanted) {
      const hit = reported.find((i) => i.code === w.code && (w.line === undefined || i.params?.line === w.line) && (w.row === undefined || i.row === w.row));
      expect(hit).toBeDefined();
      for (const locale of ['en-US', 'zh-CN'] as const) {
        const d = describeIssue(hit as DataIssue, locale);
        expect(`${d.where} ${d.problem} ${d.action}`).not.toMatch(/\{\w+\}/);
        if (w.line !== undefined) expect(d.problem).toContain(String(w.line));
      }
    }
    if (c.analysisDate) expect(result.analysisDate).toBe(c.analysisDate);
  });
});

describe.each(CASES.filter((c) => c.error).map((c) => [c.file, c] as const))('%s stops', (_file, c) => {
  test(`with ${c.error}, naming both columns`, () => {
    let error: unknown;
    try {
      classify({ orders: read(c.file) }, defaultConfig());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TieringError);
    expect((error as TieringError).code).toBe(c.error);
    expect((error as TieringError).params).toMatchObject(c.params ?? {});
  });
});

describe('what the readers must never do', () => {
  test('a UTF-8 BOM before GBK text keeps 张三, 李四 and 王五 apart (no U+FFFD)', () => {
    const g = read('bom-then-gbk.csv');
    const ids = new Set(g.values.slice(1).map((r) => r[0]));
    expect(ids).toEqual(new Set(['张三', '李四', '王五']));
  });

  test('one Latin-1 line leaves every other line as UTF-8 (张三 stays 张三)', () => {
    const g = read('utf8-one-latin1-line.csv');
    const ids = new Set(g.values.slice(1).map((r) => r[0]));
    expect(ids).toEqual(new Set(['张三', '李四', '王五', 'Café Olé']));
    expect(g.readIssues).toEqual([expect.objectContaining({ code: 'text_line_encoding', params: expect.objectContaining({ used: 'WINDOWS-1252' }) })]);
  });

  test('an unclosed quote costs its own line only: the 50 rows after it are read', () => {
    const g = read('unterminated-quote.csv');
    expect(g.values).toHaveLength(56);
    expect(g.readIssues?.[0].params).toEqual({ line: 6, following: 50 });
  });

  test('"1,234" in a decimal-comma column is 1.234 with a warning, never 1234', () => {
    const r = classify({ orders: read('semicolon-decimal-comma.csv') }, defaultConfig());
    const issue = r.issues.find((i) => i.code === 'decimal_comma_ambiguous')!;
    expect(issue.params).toEqual({ asDecimal: '1.234', asThousands: '1234' });
    expect(describeIssue(issue, 'en-US').problem).toBe('"1,234" in column "amount" could be 1.234 (the column writes decimals with a comma) or 1234; it was read as 1.234.');
  });
});
