// `classify --out` reads each workbook once and classifies once: the refresh that writes the
// workbook reuses the CLI's classification when it reads the same cells, and the result it
// reuses is the one the engine would have computed (checked against a fresh run).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as engine from '../../src/engine/classify';
import { parseConfig, CONFIG_VERSION, type TieringConfig } from '../../src/config';
import type { InputTables } from '../../src/engine/types';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { runClassify } from '../../src/cli/classify';
import { readInputFile } from '../../src/cli/inputFiles';
import { reuseClassification } from '../../src/cli/reuse';

jest.mock('../../src/engine/classify', () => {
  const actual = jest.requireActual('../../src/engine/classify');
  return { ...actual, classify: jest.fn(actual.classify) };
});

const ORDERS = path.resolve(__dirname, '../../../shared/data/rfm_rsquaredacademy_orders.csv');
const classifySpy = engine.classify as jest.MockedFunction<typeof engine.classify>;
let dir: string;
let badCsv: string;
let book: string;

function config(extra: Record<string, unknown> = {}): TieringConfig {
  const res = parseConfig({ version: CONFIG_VERSION, analysisDate: '2006-12-31', locale: 'en-US', ...extra });
  if (!res.ok) throw new Error('config');
  return res.config;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-reuse-'));
  // The reference orders with two rows the engine reports (an amount that is no number, a bad date).
  const lines = fs.readFileSync(ORDERS, 'utf8').trim().split(/\r?\n/);
  const [, first] = lines;
  const cells = first.split(',');
  const bad1 = cells.map((c, i) => (i === cells.length - 1 ? 'abc' : c)).join(',');
  const bad2 = cells.map((c, i) => (i === 1 ? 'not a date' : c)).join(',');
  badCsv = path.join(dir, 'orders-bad.csv');
  fs.writeFileSync(badCsv, [...lines, bad1, bad2].join('\n'));
  // The same rows as a workbook (a plain range on the first sheet).
  const grid = await readInputFile(badCsv);
  const port = await XlsxPort.create();
  await port.write([
    { op: 'addSheet', name: 'Orders' },
    { op: 'values', sheet: 'Orders', row: 0, col: 0, values: grid.values.map((r) => r.map((v) => (v === undefined ? null : v))) },
  ]);
  await port.save((book = path.join(dir, 'orders.xlsx')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  classifySpy.mockClear();
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => jest.restoreAllMocks());

describe('classify --out: one load, one classification', () => {
  test.each([
    ['CSV input (written into a new workbook)', () => badCsv],
    ['xlsx input (written into a copy)', () => book],
  ])('%s', async (_label, input) => {
    // Every workbook the CLI opens goes through openWorkbook → XlsxPort.fromBuffer(bytes, file name).
    const opened = jest.spyOn(XlsxPort, 'fromBuffer');
    const out = path.join(dir, `out-${path.basename(input())}.xlsx`);
    const code = await runClassify(['--orders', input(), '--analysis-date', '2006-12-31', '--lang', 'en-US', '--out', out]);
    expect(code).toBe(0);
    expect(classifySpy).toHaveBeenCalledTimes(1);
    expect(opened.mock.calls.map(([, f]) => f)).toEqual(input().endsWith('.xlsx') ? [path.basename(input())] : []);
    // The workbook holds the issues where the refresh reads them: the data sheet's cells.
    const written = await XlsxPort.fromFile(out);
    const names = (await written.listSheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Data Issues']));
  });
});

describe('reuseClassification', () => {
  let inputs: InputTables;
  beforeAll(async () => {
    inputs = { orders: await readInputFile(badCsv) };
  });

  test('the same cells under another name: the engine result, issues labelled with the new name', () => {
    const cfg = config();
    const done = engine.classify(inputs, cfg);
    expect(done.issues.length).toBeGreaterThan(0);
    const renamed: InputTables = { orders: { ...inputs.orders!, name: 'Orders sheet', values: inputs.orders!.values.map((r) => [...r]) } };
    const fresh = jest.requireActual('../../src/engine/classify').classify(renamed, { ...cfg, sources: { orders: { kind: 'sheet', sheet: 'Orders sheet' } } });
    classifySpy.mockClear();
    const reused = reuseClassification(done, inputs, cfg)(renamed, { ...cfg, sources: { orders: { kind: 'sheet', sheet: 'Orders sheet' } } });
    expect(classifySpy).not.toHaveBeenCalled();
    expect(reused.issues.every((i) => i.sheet === 'Orders sheet' || i.sheet === '')).toBe(true);
    // Everything the engine computes, compared with a run of its own on the renamed grid.
    const plain = (r: typeof reused) => ({ ...r, customers: r.customers.objects() });
    expect(plain(reused)).toEqual(plain(fresh));
  });

  test('other cells, another place or other settings: classified again', () => {
    const cfg = config();
    const done = engine.classify(inputs, cfg);
    const rows = inputs.orders!.values;
    const changed: InputTables = { orders: { ...inputs.orders!, values: [...rows.slice(0, -1), rows[1]] } };
    const moved: InputTables = { orders: { ...inputs.orders!, headerRow: 3 } };
    for (const [next, nextCfg] of [
      [changed, cfg],
      [moved, cfg],
      [inputs, config({ analysisDate: '2006-06-30' })],
    ] as const) {
      classifySpy.mockClear();
      const r = reuseClassification(done, inputs, cfg)(next, nextCfg);
      expect(classifySpy).toHaveBeenCalledTimes(1);
      expect(r).not.toBe(done);
    }
  });
});
