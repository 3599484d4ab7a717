// The workbook port's errors: one shape (code + params) from either adapter, their sentences
// in both languages, and describeError's single mapping of every coded error.
import { defaultConfig } from '../../src/config';
import { ingest, textToGrid } from '../../src/engine/ingest';
import { messages } from '../../src/i18n/messages/workbook';
import { TieringError } from '../../src/engine/types';
import { describeError, describeKnownError } from '../../src/workbook/describeError';
import { WorkbookError, type WorkbookErrorCode } from '../../src/workbook/errors';
import { parseAddress, rangeAddress } from '../../src/workbook/a1';
import { CancelledError } from '../../src/workbook/port';
import { WorkbookStateError } from '../../src/workbook/run';

const CODES: Record<WorkbookErrorCode, Record<string, string | number>> = {
  sheetNotFound: { sheet: 'S' },
  tableNotFound: { table: 'T' },
  nameNotFound: { name: 'N' },
  nameUnsupported: { name: 'N', reference: '=1+1' },
  addressInvalid: { address: 'A0' },
  sheetNameInvalid: { sheet: 'a/b' },
  sheetExists: { sheet: 'S' },
  tableExists: { table: 'T' },
  tableRowsMismatch: { table: 'T', rows: 5, tableRows: 4 },
  chartNoSeries: { chart: 'c' },
  fileUnreadable: { file: 'a.xlsx', reason: 'not a zip' },
  excelUnavailable: {},
  targetNotEmpty: { sheet: 'S', range: 'F1:K31', count: 2, cells: 'G1, G2' },
  sheetProtected: { sheet: 'S' },
  workbookProtected: { sheets: 'Summary, ABC-A' },
  workbookReadOnly: {},
  targetMerged: { sheet: 'S', range: 'F1:K31', cells: 'G1:H1' },
  tableNoHeaders: { table: 'T' },
  settingTooLarge: { key: 'customerTiers.config', size: 17.2, max: 16 },
  settingIncomplete: { key: 'customerTiers.config' },
  macroExtension: { file: 'a.xlsm', out: 'b.xlsx' },
  strictOoxml: { file: 'a.xlsx' },
};

describe('workbook errors', () => {
  it('have the same keys and placeholders in 中文 and English', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(messages.en)) expect([k, params(messages.zh[k as keyof typeof messages.zh])]).toEqual([k, params(messages.en[k as keyof typeof messages.en])]);
  });

  it.each(Object.entries(CODES))('%s is a sentence in both languages, with its parameters filled in', (code, params) => {
    const e = new WorkbookError(code as WorkbookErrorCode, params);
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const text = describeError(e, locale);
      expect(text).not.toMatch(/\{\w+\}|workbook\.error/);
      for (const v of Object.values(params)) expect(text).toContain(String(v));
    }
    expect(e.message).toBe(describeError(e, 'en-US'));
  });

  it('maps every coded error in one place, and nothing by its message text', () => {
    expect(describeKnownError(new TieringError('no_usable_rows'), 'en-US')).toBe('No usable order or customer rows were found.');
    expect(describeKnownError(new TieringError('no_such_code'), 'en-US')).toBeNull();
    expect(describeKnownError(new WorkbookStateError('noConfig', 'No config.'), 'en-US')).toBe('No config.');
    expect(describeKnownError(new CancelledError(), 'en-US')).toBe('Cancelled.');
    expect(describeKnownError(Object.assign(new Error('x'), { code: 'AccessDenied' }), 'en-US')).toMatch(/^Excel denied access/);
    expect(describeKnownError(new Error('sheet not found: Orders'), 'en-US')).toBeNull();
    expect(describeError(new Error('boom.'), 'zh-CN')).toBe('出现问题：boom。请重试；如果仍然出现，请重新加载加载项。');
  });
});

describe('addresses', () => {
  it.each([
    ['B3', { row: 2, col: 1, rows: 1, cols: 1 }],
    ['$A$1:$C$4', { row: 0, col: 0, rows: 4, cols: 3 }],
    ['C4:A1', { row: 0, col: 0, rows: 4, cols: 3 }],
    ['A:F', { row: 0, col: 0, rows: 1_048_576, cols: 6 }],
    ['3:10', { row: 2, col: 0, rows: 8, cols: 16_384 }],
    ['XFD1048576', { row: 1_048_575, col: 16_383, rows: 1, cols: 1 }],
  ])('%s', (address, area) => expect(parseAddress(address)).toEqual(area));

  it.each(['', 'A0', 'A1:B2:C3', 'XFE1', 'A1048577', 'Sheet1!A1', '1A', 'A:1'])('rejects %p with a coded error', (address) => {
    expect(() => parseAddress(address)).toThrow(WorkbookError);
    try {
      parseAddress(address);
    } catch (e) {
      expect(e).toMatchObject({ code: 'addressInvalid', params: { address } });
    }
  });

  it('writes one cell as "B3" and a block as "B3:D9", like Excel', () => {
    expect([rangeAddress(2, 1, 1, 1), rangeAddress(2, 1, 7, 3)]).toEqual(['B3', 'B3:D9']);
  });
});

describe('engine errors in the user\'s words', () => {
  // The GBK export of the issue: 客户名称, 下单时间 and a note, no amount and no quantity × price.
  const grid = textToGrid(new TextEncoder().encode('客户名称,下单时间,备注\n张三,2024-01-02,x\n'), 'orders.csv');
  const error = (() => {
    try {
      ingest({ orders: grid }, defaultConfig());
    } catch (e) {
      return e;
    }
    throw new Error('ingest accepted orders without an amount');
  })();

  test('中文: the table and the field as the pane names them, the config path for the file', () => {
    const zh = describeKnownError(error, 'zh-CN')!;
    expect(zh).toContain('订单表“orders.csv”中找不到“金额”列');
    expect(zh).toContain('columns.orders.amount');
    // No internal key outside the config path (and the file's own name).
    expect(zh.replace('columns.orders.amount', '').replace('“orders.csv”', '')).not.toMatch(/\borders\b|找不到 amount/);
  });

  test('English: the same words', () => {
    expect(describeKnownError(error, 'en-US')).toContain('The Orders table "orders.csv" has no "Amount" column');
  });

  test('a mapped column keeps the user\'s header and names the field', () => {
    const config = { ...defaultConfig(), columns: { orders: { amount: '实付' }, customers: {} } };
    let e: unknown;
    try {
      ingest({ orders: grid }, config);
    } catch (x) {
      e = x;
    }
    expect(describeKnownError(e, 'zh-CN')).toContain('为“金额”（columns.orders.amount）选择的列“实付”不在订单表');
  });
});
