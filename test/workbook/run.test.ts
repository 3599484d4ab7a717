// refreshWorkbook over a small in-memory workbook: what it does with the analysis date it is given.
import { defaultConfig, type TieringConfig } from '../../src/config';
import { TieringError } from '../../src/engine/types';
import { t } from '../../src/i18n';
import { refreshWorkbook } from '../../src/workbook/run';
import { saveConfig } from '../../src/workbook/state';
import { XlsxPort } from '../../src/workbook/xlsx/XlsxPort';
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

function ordersBook(): XlsxPort {
  const port = XlsxPort.create();
  const ws = port.workbook.addWorksheet('Orders');
  ORDERS.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
  return port;
}

describe('refreshWorkbook: the analysis date it is given', () => {
  it('runs as a real date it is given, leap day included', async () => {
    const report = await refreshWorkbook(ordersBook(), { config: config(), analysisDate: '2024-02-29' });
    expect(report.result.analysisDate).toBe('2024-02-29');
    expect(report.result.analysisDateSource).toBe('config');
  });

  it.each(['2024-02-30', '2023-02-29', '2024-04-31', '2024-13-01', '2024-2-3', '31/12/2024', 'yesterday'])(
    'rejects %s with a coded error before touching the workbook',
    async (date) => {
      const port = ordersBook();
      const before = await portSnapshot(port);
      const run = refreshWorkbook(port, { config: config(), analysisDate: date });
      await expect(run).rejects.toBeInstanceOf(TieringError);
      await expect(run).rejects.toMatchObject({ code: 'bad_analysis_date', params: { value: date } });
      expect(await portSnapshot(port)).toEqual(before);
    },
  );

  it('rejects a bad date over the stored config too, and says what is wrong in both languages', async () => {
    const port = ordersBook();
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
