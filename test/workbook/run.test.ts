// refreshWorkbook over a small in-memory workbook: what it does with the analysis date it is given.
import { defaultConfig, type TieringConfig } from '../../src/config';
import { TieringError } from '../../src/engine/types';
import { t } from '../../src/i18n';
import { refreshWorkbook } from '../../src/workbook/run';
import { saveConfig } from '../../src/workbook/state';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { xlsxFromExcelJs } from './ports';
import { portSnapshot } from './contract';

const ORDERS = [
  ['customer', 'date', 'amount'],
  ['a', '2024-01-05', 100],
  ['a', '2024-02-10', 50],
  ['b', '2024-02-20', 80],
  ['c', '2023-11-30', 20],
];

function config(): TieringConfig {
  return defaultConfig({
    locale: 'en-US',
    sources: { orders: { kind: 'sheet', sheet: 'Orders' } },
    columns: { orders: { customerId: 'customer', orderDate: 'date', amount: 'amount' } },
  });
}

function ordersBook(): Promise<XlsxPort> {
  return xlsxFromExcelJs((wb) => {
    const ws = wb.addWorksheet('Orders');
    ORDERS.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
  });
}

describe('refreshWorkbook: the analysis date it is given', () => {
  it('runs as a real date it is given, leap day included', async () => {
    const report = await refreshWorkbook((await ordersBook()), { config: config(), analysisDate: '2024-02-29' });
    expect(report.result.analysisDate).toBe('2024-02-29');
    expect(report.result.analysisDateSource).toBe('config');
  });

  it.each(['2024-02-30', '2023-02-29', '2024-04-31', '2024-13-01', '2024-2-3', '31/12/2024', 'yesterday'])(
    'rejects %s with a coded error before touching the workbook',
    async (date) => {
      const port = (await ordersBook());
      const before = await portSnapshot(port);
      const run = refreshWorkbook(port, { config: config(), analysisDate: date });
      await expect(run).rejects.toBeInstanceOf(TieringError);
      await expect(run).rejects.toMatchObject({ code: 'bad_analysis_date', params: { value: date } });
      expect(await portSnapshot(port)).toEqual(before);
    },
  );

  it('rejects a bad date over the stored config too, and says what is wrong in both languages', async () => {
    const port = (await ordersBook());
    await saveConfig(port, config());
    const before = await portSnapshot(port);
    const err = await refreshWorkbook(port, { analysisDate: '2024-02-30' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TieringError);
    const { code, params } = err as TieringError;
    expect(code).toBe('bad_analysis_date');
    expect(t('en-US', 'error.bad_analysis_date', params)).toContain('"2024-02-30"');
    expect(t('en-US', 'error.bad_analysis_date', params)).toContain('YYYY-MM-DD');
    expect(t('zh-CN', 'error.bad_analysis_date', params)).toContain('“2024-02-30”');
    expect(t('zh-CN', 'error.bad_analysis_date', params)).not.toBe(t('en-US', 'error.bad_analysis_date', params));
    expect(await portSnapshot(port)).toEqual(before);
  });
});

describe('refreshWorkbook: group sheets by a column with many values', () => {
  // 700 customers grouped by their id: one sheet each would overflow the registry (500 sheets),
  // and the next refresh, finding it damaged, used to double the workbook (1,406 sheets).
  function manyCustomers(): Promise<XlsxPort> {
    return xlsxFromExcelJs((wb) => {
      const ws = wb.addWorksheet('Orders');
      ws.addRow(['customer', 'date', 'amount']);
      for (let i = 0; i < 700; i++) ws.addRow([`K${String(i).padStart(4, '0')}`, '2024-01-05', 10 + (i % 37)]);
    });
  }

  it('makes no group sheets for it, says why, keeps the others, and stays the same on the next refresh', async () => {
    const port = await manyCustomers();
    const cfg = { ...config(), output: { ...config().output, groupSheets: ['customer_id', 'abc'] } };
    const first = await refreshWorkbook(port, { config: cfg });
    const groupKeys = Object.keys(first.sheets).filter((k) => k.startsWith('group:'));
    expect(groupKeys.sort()).toEqual(['group:abc:A', 'group:abc:B', 'group:abc:C']);
    expect(first.problems.map((p) => p.code)).toEqual(['groupsCapped']);
    expect(first.problems[0].message).toContain('700');
    const sheetsAfterFirst = (await port.listSheets()).length;
    const second = await refreshWorkbook(port);
    expect((await port.listSheets()).length).toBe(sheetsAfterFirst);
    expect(second.problems.map((p) => p.code)).toEqual(['groupsCapped']);
  });
});
