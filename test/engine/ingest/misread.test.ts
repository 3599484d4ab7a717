// The readers' refusals to guess, one rule at a time (the corpus test shows them on files).
import { defaultConfig } from '../../../src/config';
import { dayToIso, isoToDay } from '../../../src/engine/calendar';
import { decodeText, describeIssue, ingest, parseDelimited } from '../../../src/engine/ingest';
import { farCutoff } from '../../../src/engine/ingest/dateOutliers';
import { decimalSeparatorOf } from '../../../src/engine/ingest/decimalComma';
import { rowCells } from '../../../src/engine/ingest/textColumns';
import { unclosedQuoteAt } from '../../../src/engine/ingest/quotes';
import { ingestOrders } from '../../../src/engine/ingest/orders';
import { IssueList } from '../../../src/engine/ingest/issues';
import { TieringError, type Cell } from '../../../src/engine/types';

const utf8 = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => Array.from(p)));
// GBK: 张 D5C5 三 C8FD 李 C0EE 四 CBC4
const GBK_ZHANG_SAN = [0xd5, 0xc5, 0xc8, 0xfd];
const GBK_LI_SI = [0xc0, 0xee, 0xcb, 0xc4];

describe('encodings with evidence', () => {
  test('UTF-8 BOM + GBK body: GB18030, with a bom-mismatch note', () => {
    const r = decodeText(cat([0xef, 0xbb, 0xbf], utf8('id\n'), GBK_ZHANG_SAN, [0x0a], GBK_LI_SI, [0x0a]));
    expect(r.text).toBe('id\n张三\n李四\n');
    expect(r.encoding).toBe('gb18030');
    expect(r.notes).toEqual([{ code: 'text_bom_mismatch', severity: 'warning', params: { bom: 'UTF-8', used: 'GB18030' } }]);
  });

  test('one GBK line in a UTF-8 file: only that line is GBK, reported by its number', () => {
    const r = decodeText(cat(utf8('id\n张三\n'), GBK_LI_SI, utf8('\n王五\n')));
    expect(r.text).toBe('id\n张三\n李四\n王五\n');
    expect(r.notes).toEqual([{ code: 'text_line_encoding', severity: 'warning', params: { line: 3, encoding: 'UTF-8', used: 'GB18030' } }]);
  });

  test('a whole GBK file has no notes (its encoding is not a problem)', () => {
    const r = decodeText(cat(GBK_ZHANG_SAN, [0x0a], GBK_LI_SI, [0x0a]));
    expect(r).toEqual({ text: '张三\n李四\n', encoding: 'gb18030' });
  });
});

describe('unclosed quotes', () => {
  test('found only when a quote opening a field never closes', () => {
    expect(unclosedQuoteAt('a,"b\nc",d\n', ',')).toBe(-1);
    expect(unclosedQuoteAt('a,b"c\n', ',')).toBe(-1); // a quote inside a field is a character
    expect(unclosedQuoteAt('a,"b""c\n', ',')).toBe(2);
  });

  test('two unclosed quotes: both lines reported, every other line kept (CRLF)', () => {
    const r = parseDelimited('h1,h2\r\n"a,1\r\nb,2\r\n"c,3\r\nd,4\r\n');
    expect(r.rows).toEqual([['h1', 'h2'], [''], ['b', '2'], [''], ['d', '4']]);
    expect(r.notes?.map((n) => n.params)).toEqual([
      { line: 2, following: 3 },
      { line: 4, following: 1 },
    ]);
  });
});

describe('decimal commas per column', () => {
  const col = (...cells: string[]) => rowCells([['x'], ...cells.map((c) => [c])]);
  test('comma, dot, or undecided', () => {
    expect(decimalSeparatorOf(col('12,50', '7,5', '1,234'), 0)).toBe('comma');
    expect(decimalSeparatorOf(col('12.50', '1,234'), 0)).toBe('dot');
    expect(decimalSeparatorOf(col('1,234', '5'), 0)).toBeNull();
    expect(decimalSeparatorOf(col('12,50', '12.50'), 0)).toBeNull();
  });

  test('in a comma column "1,234" is 1.234 (reported); in a dot column it stays 1234', () => {
    const grid = (amounts: string[]) => ({ name: 'o.csv', fromText: true, values: [['customer', 'date', 'amount'], ...amounts.map((a, i) => [`K${i}`, '2024-01-0' + (i + 1), a])] as Cell[][] });
    const comma = ingest({ orders: grid(['12,50', '7,5', '1,234']) }, defaultConfig());
    expect(Array.from(comma.orders!.amount)).toEqual([12.5, 7.5, 1.234]);
    expect(comma.issues.map((i) => [i.code, i.row, i.value])).toEqual([['decimal_comma_ambiguous', 4, '1,234']]);
    const dot = ingest({ orders: grid(['12.50', '1,234']) }, defaultConfig());
    expect(Array.from(dot.orders!.amount)).toEqual([12.5, 1234]);
    expect(dot.issues).toEqual([]);
  });
});

describe('outlier dates', () => {
  const days = (isos: string[]) => Float64Array.from(isos.map(isoToDay));
  test('one far year is set apart; a steady spread is not', () => {
    const d = days(['2024-01-05', '2024-03-01', '2024-06-30', '2204-06-30']);
    expect(farCutoff(d, new Uint8Array(4), isoToDay('2300-01-01'))).toEqual({ cutoff: isoToDay('2204-06-30'), latest: isoToDay('2024-06-30') });
    const spread = days(['2019-01-01', '2020-06-01', '2022-01-01', '2024-01-01']);
    expect(farCutoff(spread, new Uint8Array(4), isoToDay('2300-01-01'))).toBeNull();
    // Two orders a year apart (the differential test's counterexample): a customer's habit, not a typo.
    const yearApart = days(['2022-01-08', '2023-01-10']);
    expect(farCutoff(yearApart, new Uint8Array(2), isoToDay('2300-01-01'))).toBeNull();
  });

  test('after today: left out with the date and today named, never the analysis date', () => {
    const today = isoToDay('2026-11-30');
    const values: Cell[][] = [['customer', 'date', 'amount'], ['K1', '2024-05-01', 10], ['K2', '2024-06-01', 20], ['K3', '2027-01-02', 30]];
    const issues = new IssueList();
    const place = { table: 'orders' as const, sheet: 'Orders', headerRow: 1, firstColumn: 0, headers: ['customer', 'date', 'amount'] };
    const r = ingestOrders({ name: 'Orders', values }, place, {}, 'auto', issues, today);
    expect(r.data.n).toBe(2);
    expect(Math.max(...Array.from(r.data.day)).toString()).toBe(String(isoToDay('2024-06-01')));
    const [issue] = issues.finish();
    expect(issue).toMatchObject({ code: 'date_future', row: 4, severity: 'error', params: { date: '2027-01-02', today: '2026-11-30' } });
    expect(describeIssue(issue, 'zh-CN').problem).toBe('订单日期 2027-01-02 晚于今天（2026-11-30）；该行已排除，此日期也不会被用作分析日期。');
    expect(dayToIso(today)).toBe('2026-11-30');
  });
});

test('two columns with the same heading: ambiguous unless the config names one', () => {
  const values: Cell[][] = [['customer', 'date', '金额', '金额'], ['K1', '2024-01-01', 0, 12]];
  let error: unknown;
  try {
    ingest({ orders: { name: 'Orders', values } }, defaultConfig());
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TieringError);
  expect((error as TieringError).params).toMatchObject({ key: 'amount', header: '金额', first: '金额', second: '金额 (2)', firstLetter: 'C', secondLetter: 'D' });
  const mapped = ingest({ orders: { name: 'Orders', values } }, { ...defaultConfig(), columns: { orders: { amount: '金额 (2)' }, customers: {} } });
  expect(Array.from(mapped.orders!.amount)).toEqual([12]);
});

test('a customer list from a semicolon file: revenue with decimal commas, "1,234" reported', () => {
  const values: Cell[][] = [['客户编号', '金额'], ['K1', '12,50'], ['K2', '1,234'], ['K3', '7,5']];
  const r = ingest({ customers: { name: 'c.csv', fromText: true, values } }, defaultConfig());
  expect(Array.from(r.customers!.facts!.revenue!)).toEqual([12.5, 1.234, 7.5]);
  expect(r.issues.map((i) => [i.code, i.row, i.table])).toEqual([['decimal_comma_ambiguous', 3, 'customers']]);
});
