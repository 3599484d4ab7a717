import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { defaultConfig } from '../../../src/config';
import { dayToIso } from '../../../src/engine/calendar';
import { describeIssue, ingest, ISSUE_CAP, textToGrid } from '../../../src/engine/ingest';
import { TieringError, type Cell, type DataIssue, type SourceGrid } from '../../../src/engine/types';
import { describeKnownError } from '../../../src/workbook/describeError';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const config = defaultConfig();
const grid = (values: Cell[][], extra: Partial<SourceGrid> = {}): SourceGrid => ({ name: 'Orders', values, ...extra });
const brief = (issues: DataIssue[]) => issues.map((i) => [i.code, i.row, i.column, i.value, i.severity]);
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;

function thrown(f: () => unknown): TieringError {
  try {
    f();
  } catch (e) {
    if (e instanceof TieringError) return e;
    throw e;
  }
  throw new Error('expected a TieringError');
}

describe('the shared rfm data sets', () => {
  test('rfm_rsquaredacademy_orders.csv through textToGrid + ingest', () => {
    const g = textToGrid(new Uint8Array(fs.readFileSync(path.join(DATA, 'rfm_rsquaredacademy_orders.csv'))), 'orders.csv');
    const r = ingest({ orders: g }, config);
    const o = r.orders!;
    expect(r.issues).toEqual([]);
    expect(r.orderRows).toBe(4906);
    expect(o.n).toBe(4906);
    expect(new Set(o.customer).size).toBe(995);
    expect(o.customerKeys).toHaveLength(995);
    expect(o.amount.reduce((a, b) => a + b, 0)).toBe(464158);
    expect(dayToIso(Math.min(...o.day))).toBe('2001-10-29');
    expect(dayToIso(Math.max(...o.day))).toBe('2006-12-30');
    expect(r.dateFormats).toEqual({ order_date: 'ymd' });
    // First data line: "Brion Stark",2004-12-20,32 on line 2 of the file.
    expect([o.customer[0], o.day[0], o.amount[0], o.sourceRow[0]]).toEqual(['Brion Stark', day(2004, 12, 20), 32, 2]);
  });

  test('rfm_rsquaredacademy_customers.csv as customer-level input', () => {
    const g = textToGrid(new Uint8Array(fs.readFileSync(path.join(DATA, 'rfm_rsquaredacademy_customers.csv'))), 'customers.csv');
    const r = ingest({ customers: g }, config);
    const c = r.customers!;
    expect(r.orders).toBeNull();
    expect(c.n).toBe(39999);
    expect(c.facts!.orders!.reduce((a, b) => a + b, 0)).toBe(393223);
    const last = Array.from(c.facts!.lastDay!);
    expect(dayToIso(Math.min(...last))).toBe('2004-03-05');
    expect(dayToIso(Math.max(...last))).toBe('2006-12-30');
    expect(c.customer[0]).toBe('22086');
    expect(c.raw.first_name[0]).toBe('Maddalena');
    expect(c.raw.revenue[0]).toBe(777); // numeric text column → numbers for rules
    expect(c.attributes.email[1]).toBe('bsesser1@time.com');
  });
});

describe('Excel-shaped grids', () => {
  test('numbers, serial dates, ids in numeric and text form', () => {
    const r = ingest(
      {
        orders: grid([
          ['客户ID', '订单日期', '金额', '利润'],
          [1001, 45356, 100, 20],
          [' 1001 ', 45357.5, '¥1,200.50', ''],
          ['1001.0', '2024/3/8', '(30)', 'n/a'],
          ['A-7', '2024年3月9日', 0, -5],
        ]),
      },
      config,
    );
    const o = r.orders!;
    expect(o.customer).toEqual(['1001', '1001', '1001', 'A-7']);
    expect(Array.from(o.customerCode!)).toEqual([0, 0, 0, 1]);
    expect(Array.from(o.day)).toEqual([5, 6, 8, 9].map((d) => day(2024, 3, d)));
    expect(Array.from(o.amount)).toEqual([100, 1200.5, -30, 0]); // negatives kept: classify applies the returns policy
    expect(Array.from(o.profit!)).toEqual([20, 0, 0, -5]);
    expect(Array.from(o.sourceRow)).toEqual([2, 3, 4, 5]);
    expect(brief(r.issues)).toEqual([
      ['date_formats_mixed', 0, '订单日期', '', 'info'],
      ['profit_not_number', 4, '利润', 'n/a', 'warning'],
    ]);
    expect(r.mapping.orders).toEqual({ customerId: '客户ID', orderDate: '订单日期', amount: '金额', profit: '利润' });
  });

  test('the 1904 date system of the source workbook', () => {
    const r = ingest({ orders: grid([['customer', 'date', 'amount'], ['x', 43894, 1]], { dateSystem: 1904 }) }, config);
    expect(dayToIso(r.orders!.day[0])).toBe('2024-03-05');
  });

  test('headerRow and firstColumn give sheet positions', () => {
    const bad = ingest({ orders: grid([['customer id', 'date', 'amount'], ['x', 45356, 1], ['y', 45356, 'lots']], { headerRow: 5, firstColumn: 2 }) }, config);
    expect(bad.issues[0]).toMatchObject({ row: 7, col: 4, column: 'amount', code: 'amount_not_number' });
    expect(describeIssue(bad.issues[0], 'en-US').where).toBe('Orders!E7');
    expect(bad.orders!.sourceRow[0]).toBe(6);
  });

  test('order ids and quantities when mapped', () => {
    const r = ingest(
      {
        orders: grid([
          ['Order ID', 'Customer ID', 'Order Date', 'Sales', 'Qty'],
          ['SO-1', 'c1', '2024-01-02', 10, 2],
          ['SO-1', 'c1', '2024-01-02', 5, '1'],
          ['', 'c2', '2024-01-03', 7, ''],
        ]),
      },
      config,
    );
    expect(r.orders!.orderId).toEqual(['SO-1', 'SO-1', '#4']);
    expect(Array.from(r.orders!.quantity!)).toEqual([2, 1, 0]);
    expect(brief(r.issues)).toEqual([['order_id_blank', 4, 'Order ID', '', 'warning']]);
  });
});

describe('bad-input corpus', () => {
  const corpus = grid([
    ['客户编号', '下单日期', '实付金额'],
    ['C1', '2024-01-05', '¥120'], // row 2 ok
    ['C2', '2024-01-06', 'about 50'], // 3 text in amount
    ['C3', '2024-01-07', ''], // 4 blank amount
    ['C4', '2024-01-08', '#N/A'], // 5 Excel error
    ['', '2024-01-09', 30], // 6 blank id
    ['C5', '', 40], // 7 blank date
    ['C6', 'next week', 50], // 8 not a date
    ['', '', ''], // 9 empty row: skipped silently
    ['C7', '#VALUE!', '#DIV/0!'], // 10 two problems, both reported
    ['C1', 45300, 60], // 11 ok (serial among text dates)
  ]);

  test('every unusable row becomes an issue with its row, column and value', () => {
    const r = ingest({ orders: corpus }, config);
    expect(r.orders!.n).toBe(2);
    expect(r.orderRows).toBe(9);
    expect(r.rowsWithIssues).toBe(7); // rows 3–8 and 10; the column-level info issue is not a row
    expect(r.issuesTotal).toBe(9);
    expect(brief(r.issues)).toEqual([
      ['date_formats_mixed', 0, '下单日期', '', 'info'],
      ['amount_not_number', 3, '实付金额', 'about 50', 'error'],
      ['amount_blank', 4, '实付金额', '', 'error'],
      ['excel_error', 5, '实付金额', '#N/A', 'error'],
      ['id_blank', 6, '客户编号', '', 'error'],
      ['date_blank', 7, '下单日期', '', 'error'],
      ['date_invalid', 8, '下单日期', 'next week', 'error'],
      ['excel_error', 10, '下单日期', '#VALUE!', 'error'],
      ['excel_error', 10, '实付金额', '#DIV/0!', 'error'],
    ]);
  });

  test('messages in both languages say where, what and what to do', () => {
    const r = ingest({ orders: corpus }, config);
    const textIssue = r.issues.find((i) => i.code === 'amount_not_number')!;
    expect(describeIssue(textIssue, 'en-US')).toEqual({
      where: 'Orders!C3',
      problem: 'The amount "about 50" is not a number; the row was left out.',
      action: 'Write the amount as a number, e.g. 1234.50, ¥1,234 or (12) for a negative.',
    });
    expect(describeIssue(textIssue, 'zh-CN')).toEqual({
      where: 'Orders!C3',
      problem: '金额“about 50”不是数字，该行未计入。',
      action: '请把金额写成数字，例如 1234.50、¥1,234，负数可写作 (12)。',
    });
    const na = r.issues.find((i) => i.value === '#N/A')!;
    expect(describeIssue(na, 'zh-CN').problem).toBe('单元格是 Excel 错误值 #N/A，该值未计入。');
    const mixed = describeIssue(r.issues[0], 'en-US');
    expect(mixed.where).toBe('Orders!B:B (下单日期)');
    expect(mixed.problem).toContain('serial+ymd');
  });

  test('ambiguous d/m dates: one warning for the column; dateOrder settles it', () => {
    const g = grid([['customer', 'date', 'amount'], ['a', '05/03/2024', 1], ['b', '06/04/2024', 2]]);
    const auto = ingest({ orders: g }, config);
    expect(brief(auto.issues)).toEqual([['date_ambiguous', 0, 'date', '05/03/2024', 'warning']]);
    expect(describeIssue(auto.issues[0], 'en-US').action).toContain('dateOrder');
    expect(dayToIso(auto.orders!.day[0])).toBe('2024-05-03');
    const dmy = ingest({ orders: g }, defaultConfig({ dateOrder: 'dmy' }));
    expect(dmy.issues).toEqual([]);
    expect(dayToIso(dmy.orders!.day[0])).toBe('2024-03-05');
  });

  test('mixed d/m and m/d in one column: conflict warning and the misfits left out', () => {
    const g = grid([['customer', 'date', 'amount'], ['a', '13/01/2024', 1], ['b', '14/01/2024', 2], ['c', '01/15/2024', 3]]);
    const r = ingest({ orders: g }, config);
    expect(brief(r.issues)).toEqual([
      ['date_order_conflict', 0, 'date', '', 'warning'],
      ['date_invalid', 4, 'date', '01/15/2024', 'error'],
    ]);
  });

  test('duplicate customer rows and orders of unknown customers', () => {
    const r = ingest(
      {
        orders: grid([['customer_id', 'order_date', 'revenue'], ['k1', 45300, 10], ['ghost', 45301, 5], [7, 45302, 1], ['ghost', 45303, 5]]),
        customers: { name: 'Customers', values: [['客户ID', '客户名称', '地区', '渠道'], ['k1', '甲公司', '华东', '线上'], [' k1', '甲公司（重复）', '华南', ''], ['7', '乙', '', 3], ['k9', '丙', '华北', '线下']] },
      },
      config,
    );
    expect(brief(r.issues)).toEqual([
      ['duplicate_customer', 3, '客户ID', ' k1', 'warning'],
      ['unknown_customer', 3, 'customer_id', 'ghost', 'warning'],
    ]);
    expect(r.issues[0].params).toEqual({ firstRow: 2 });
    expect(r.orders!.n).toBe(4); // unknown customers' orders still count
    const c = r.customers!;
    expect(c.customer).toEqual(['k1', '7', 'k9']);
    expect(c.name).toEqual(['甲公司', '乙', '丙']);
    expect(c.attributes.region).toEqual(['华东', null, '华北']);
    expect(c.attributes['渠道']).toEqual(['线上', '3', '线下']);
    expect(c.raw['渠道']).toEqual(['线上', 3, '线下']);
    expect(Array.from(c.sourceRow)).toEqual([2, 4, 5]);
    expect(c.facts).toBeUndefined();
    expect(describeIssue(r.issues[0], 'zh-CN').problem).toBe('客户ID“ k1”重复出现（首次在第 2 行），此行已忽略。');
  });

  test('one customer, all-equal values', () => {
    const rows: Cell[][] = [['customer', 'date', 'amount']];
    for (let i = 0; i < 5; i++) rows.push(['solo', 45000, 100]);
    const r = ingest({ orders: grid(rows) }, config);
    expect(r.issues).toEqual([]);
    expect(r.orders!.customerKeys).toEqual(['solo']);
    expect(Array.from(r.orders!.amount)).toEqual([100, 100, 100, 100, 100]);
  });

  test('the issue list is capped but every issue is counted', () => {
    const rows: Cell[][] = [['customer', 'date', 'amount']];
    for (let i = 0; i < ISSUE_CAP + 500; i++) rows.push(['c', 45000, 'x']);
    rows.push(['c', 45000, 1]);
    const r = ingest({ orders: grid(rows) }, config);
    expect(r.issuesTotal).toBe(ISSUE_CAP + 500);
    expect(r.rowsWithIssues).toBe(ISSUE_CAP + 500);
    expect(r.issues).toHaveLength(ISSUE_CAP + 1);
    expect(r.issues[ISSUE_CAP]).toMatchObject({ code: 'issues_truncated', severity: 'info', params: { total: ISSUE_CAP + 500, shown: ISSUE_CAP } });
    expect(describeIssue(r.issues[ISSUE_CAP], 'en-US').problem).toBe('10500 data issues were found; the first 10000 are listed.');
  });
});

describe('errors that stop the run', () => {
  test('no table', () => {
    expect(thrown(() => ingest({}, config)).code).toBe('no_input');
  });

  test('no valid row: one error, not a pile of issues', () => {
    const e = thrown(() => ingest({ orders: grid([['customer', 'date', 'amount'], ['a', 'x', 'y'], ['', '', '']]) }, config));
    expect(e.code).toBe('no_valid_rows');
    expect(e.params).toMatchObject({ table: 'orders', sheet: 'Orders', rows: 1 });
    expect(e.message).toBe('The orders table "Orders" has no usable row (1 rows read). See the data issues for each row.');
    expect(thrown(() => ingest({ orders: grid([]) }, config)).code).toBe('no_valid_rows');
  });

  test('a needed column that cannot be found names the headers seen', () => {
    const e = thrown(() => ingest({ orders: grid([['客户ID', '备注'], ['a', 'b']]) }, config));
    expect(e.code).toBe('missing_column');
    expect(e.params).toMatchObject({ table: 'orders', sheet: 'Orders', column: 'orderDate', headers: ['客户ID', '备注'] });
    // The headers as the user wrote them, joined the way each language writes a list.
    expect(describeKnownError(e, 'zh-CN')).toContain('现有表头：客户ID、备注。');
    expect(describeKnownError(e, 'en-US')).toContain('Headers found: 客户ID, 备注.');
  });

  test('a mapped column that does not exist', () => {
    const cfg = defaultConfig({ columns: { orders: { amount: 'Net Sales' }, customers: {} } });
    const e = thrown(() => ingest({ orders: grid([['customer', 'date', 'Sales'], ['a', 45000, 1]]) }, cfg));
    expect(e.code).toBe('mapped_column_missing');
    expect(e.params).toMatchObject({ key: 'amount', column: 'Net Sales', headers: ['customer', 'date', 'Sales'] });
    expect(describeKnownError(e, 'zh-CN')).toContain('现有表头：customer、date、Sales。');
    expect(describeKnownError(e, 'en-US')).toContain('Headers found: customer, date, Sales.');
  });

  test('a mapped column wins over detection and is not detected again', () => {
    const cfg = defaultConfig({ columns: { orders: { amount: 'Gross' }, customers: {} } });
    const r = ingest({ orders: grid([['customer', 'date', 'amount', 'Gross'], ['a', 45000, 1, 9]]) }, cfg);
    expect(Array.from(r.orders!.amount)).toEqual([9]);
    expect(r.mapping.orders.amount).toBe('Gross');
  });
});

describe('property: row order does not change what is read', () => {
  const rowArb = fc.tuple(
    fc.oneof(fc.constantFrom('a', 'b', ' c ', 'd'), fc.integer({ min: 1, max: 5 })),
    fc.oneof(fc.integer({ min: 40000, max: 46000 }), fc.constantFrom('2024-01-05', '2023/12/31', '20240229', 'bad', '')),
    fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom('¥1,234.5', '(12)', 'x', '', '#N/A')),
  );
  test('any permutation gives the same multiset of parsed rows and issue codes', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), fc.integer(), (rows, seed) => {
        const shuffled = [...rows];
        let s = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const read = (rs: Cell[][]) => {
          try {
            const r = ingest({ orders: grid([['customer', 'date', 'amount'], ...rs]) }, config);
            const o = r.orders!;
            const triples = o.customer.map((c, i) => `${c}|${o.day[i]}|${o.amount[i]}`).sort();
            return { triples, codes: r.issues.map((i) => `${i.code}|${i.value}`).sort() };
          } catch (e) {
            return { error: (e as TieringError).code };
          }
        };
        expect(read(shuffled as Cell[][])).toEqual(read(rows as Cell[][]));
      }),
      { numRuns: 200 },
    );
  });
});
