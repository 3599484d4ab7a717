// Reading a customer facts table: headings in either language, each bad heading or cell named
// by sheet and cell with what to do (in English and Chinese), and facts computed for another
// analysis date, returns policy or churn window refused rather than misread.
import { defaultConfig } from '../../src/config/validate';
import { classifyTables, factsHeadings, factsProblemText, readFactsGrid, type FactsProblem } from '../../src/engine/factsTable';
import { TieringError, type SourceGrid } from '../../src/engine/types';
import { describeKnownError } from '../../src/workbook/describeError';
import { isoToDay } from '../../src/engine/calendar';
import { factOf } from '../../src/engine/facts';

const EN = factsHeadings('en-US');
const ZH = factsHeadings('zh-CN');

// Two customers as the facts query computes them for 2024-06-30, net, a 90-day window.
const ROWS: (string | number | null)[][] = [
  ['c1', '2024-06-30', 'net', 90, 3, 1, 0, 3, 90, null, '2024-01-01', '2024-06-01', 3, 1, 100, 3, '2024-01-01', '2024-06-01', 60],
  ['c2', '2024-06-30', 'net', 90, 1, 0, 2, 1, 50.25, null, '2024-05-01', '2024-05-01', 1, 1, null, 1, '2024-05-01', '2024-05-01', 0],
];

const grid = (values: unknown[][], extra: Partial<SourceGrid> = {}): SourceGrid => ({ name: 'Facts', values: values as SourceGrid['values'], ...extra });
const withCell = (r: number, c: number, v: unknown) => ROWS.map((row, i) => (i === r ? row.map((x, j) => (j === c ? v : x)) : row));
const col = (key: string) => EN.indexOf(key);
const config = (o: Record<string, unknown> = {}) => defaultConfig({ analysisDate: '2024-06-30', returns: 'net', ...o });

function problems(g: SourceGrid, cfg = config()): FactsProblem[] {
  const read = readFactsGrid(g, cfg);
  return read.problems;
}

/** Both languages' sentences, each naming `needles`. */
function says(p: FactsProblem, ...needles: string[]): void {
  for (const loc of ['en-US', 'zh-CN'] as const) {
    const text = factsProblemText(p, loc);
    expect(text).not.toMatch(/\{\w+\}/); // every placeholder filled
    for (const n of needles) expect(text).toContain(n);
  }
}

describe('reading a facts table', () => {
  test('headings in English, Chinese or mixed, extra columns ignored: the facts as the query gave them', () => {
    for (const head of [EN, ZH, EN.map((h, i) => (i % 2 ? ZH[i] : h.toUpperCase()))]) {
      const read = readFactsGrid(grid([['Name', ...head], ...ROWS.map((r) => ['x', ...r])]), config());
      expect(read.problems).toEqual([]);
      expect(read.set!.analysisDay).toBe(isoToDay('2024-06-30'));
      expect(read.set!.withProfit).toBe(false);
      expect(factOf(read.set!, 1)).toMatchObject({ id: 'c2', orderRows: 1, afterRows: 2, revenue: 50.25, firstDay: isoToDay('2024-05-01'), medianGapTwice: NaN });
    }
  });

  test('Excel date serials (a sheet pasted from a database) read as the same days', () => {
    const serial = (iso: string) => isoToDay(iso) + 25569; // 1900 system
    const rows = ROWS.map((r) => r.map((v) => (typeof v === 'string' && /^\d{4}-/.test(v) ? serial(v) : v)));
    const read = readFactsGrid(grid([EN, ...rows], { dateSystem: 1900 }), config());
    expect(read.set!.values.lastDay[0]).toBe(isoToDay('2024-06-01'));
  });

  test('the pane and the engine classify them; orders and facts together are refused', () => {
    const res = classifyTables({ facts: grid([EN, ...ROWS]) }, config({ methods: { abc: {}, activity: {} } }));
    expect(res.customers.numRows()).toBe(2);
    expect(res.analysisDate).toBe('2024-06-30');
    expect(() => classifyTables({ facts: grid([EN, ...ROWS]), orders: grid([['customer_id']]) }, config())).toThrow(TieringError);
  });
});

describe('facts for another computation are refused', () => {
  test('another analysis date: both dates and how to fix it', () => {
    const [p] = problems(grid([EN, ...ROWS]), config({ analysisDate: '2024-07-31' }));
    expect(p.code).toBe('facts_date_mismatch');
    says(p, 'Facts', '2024-06-30', '2024-07-31', 'customer-tiers facts');
  });

  test('another returns policy; another churn window when activity is on (ignored when it is off)', () => {
    const [r] = problems(grid([EN, ...ROWS]), config({ returns: 'exclude' }));
    expect(r.code).toBe('facts_returns_mismatch');
    says(r, 'net', 'exclude');
    const [w] = problems(grid([EN, ...ROWS]), config({ methods: { activity: { churn: { windowDays: 60 } } } }));
    expect(w.code).toBe('facts_window_mismatch');
    says(w, '90', '60');
    expect(problems(grid([EN, ...ROWS]), config({ methods: { abc: {} } }))).toEqual([]);
  });

  test('the error a run throws reads the same in the pane and the CLI', () => {
    let err: unknown;
    try {
      classifyTables({ facts: grid([EN, ...ROWS]) }, config({ analysisDate: '2024-07-31' }));
    } catch (e) {
      err = e;
    }
    expect(describeKnownError(err, 'zh-CN')).toContain('2024-07-31');
    expect(describeKnownError(err, 'en-US')).toContain('analysis date 2024-06-30');
  });
});

describe('bad headings and cells: sheet, cell, what is wrong, what to do', () => {
  test('a missing heading names it in both languages; a repeated one its cell', () => {
    const head = EN.filter((h) => h !== 'orders');
    const [p] = problems(grid([head, ...ROWS.map((r) => r.filter((_, j) => j !== col('orders')))]));
    expect(p).toMatchObject({ code: 'facts_heading_missing', params: { en: 'orders', zh: '订单数' } });
    says(p, 'Facts', 'orders', '订单数', 'customer-tiers sql');
    const [twice] = problems(grid([[...EN, '订单数'], ...ROWS.map((r) => [...r, 1])]));
    expect(twice).toMatchObject({ code: 'facts_heading_twice', params: { cell: 'T1' } });
  });

  test('cells: not a whole number, not a number, not a date, not a policy, blank id — by cell, with the grid\'s place', () => {
    const at = { headerRow: 4, firstColumn: 2 }; // headings on sheet row 4, from column C
    const cases: [number, string | number, string, string][] = [
      [col('orders'), 'three', 'facts_not_int', 'J6'],
      [col('purchase_days'), 1.5, 'facts_not_int', 'O6'],
      [col('revenue'), 'n/a', 'facts_not_number', 'K6'],
      [col('first_purchase'), '05/01/2024', 'facts_not_date', 'M6'],
      [col('returns'), 'gross', 'facts_not_policy', 'E6'],
      [col('customer_id'), '  ', 'facts_blank', 'C6'],
    ];
    for (const [c, v, code, cell] of cases) {
      const [p] = problems(grid([EN, ...withCell(1, c, v)], at));
      expect(p).toMatchObject({ code, params: { sheet: 'Facts', cell } });
      says(p, `Facts!${cell}`);
    }
  });

  test('a second row for a customer, mixed runs, partial profit, a row that does not add up', () => {
    const [dup] = problems(grid([EN, ROWS[0], ROWS[1], ROWS[0]]));
    expect(dup).toMatchObject({ code: 'facts_id_twice', params: { cell: 'A4', id: 'c1', first: 2 } });
    says(dup, 'c1', 'A4');
    const [mixed] = problems(grid([EN, ...withCell(1, col('analysis_date'), '2024-05-31')]));
    expect(mixed).toMatchObject({ code: 'facts_mixed', params: { cell: 'B3', value: '2024-05-31', first: '2024-06-30' } });
    says(mixed, 'B3', '2024-05-31');
    const [profit] = problems(grid([EN, ...withCell(0, col('profit'), 12)]));
    expect(profit).toMatchObject({ code: 'facts_profit_partial', params: { cell: 'J3' } });
    const [broken] = problems(grid([EN, ...withCell(0, col('last_purchase'), '2023-12-01')]));
    expect(broken).toMatchObject({ code: 'facts_inconsistent', params: { row: 2, id: 'c1' } });
    says(broken, 'first_purchase 2024-01-01', 'last_purchase 2023-12-01');
  });

  test('headings only: no customer rows', () => {
    const [p] = problems(grid([EN, []]));
    expect(p.code).toBe('facts_empty');
    says(p, 'Facts');
  });
});
