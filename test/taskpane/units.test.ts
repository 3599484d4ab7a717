// Pure parts of the pane: catalogues, range parsing, reducer, worker protocol.
import fs from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/config';
import { classify } from '../../src/engine/classify';
import { TieringError } from '../../src/engine/types';
import { messages } from '../../src/i18n/messages/ui';
import { cellAddress, columnLetters, parseRangeInput, refLabel } from '../../src/taskpane/ranges';
import { effectiveMapping, initialState, reducer, type LoadedSource } from '../../src/taskpane/state';
import { errorFromWire, errorToWire, fromWire, toWire } from '../../src/taskpane/worker/protocol';
import { csvGrid } from './csv';

describe('ui catalogue', () => {
  test('English and Chinese have the same keys and no empty strings', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    for (const cat of [messages.en, messages.zh]) for (const [k, v] of Object.entries(cat)) expect([k, v.trim().length > 0]).toEqual([k, true]);
  });

  test('placeholders match between the languages', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(messages.en)) expect([k, ph(messages.zh[k as keyof typeof messages.zh])]).toEqual([k, ph(messages.en[k as keyof typeof messages.en])]);
  });

  test('no ui key collides with another area’s catalogue', async () => {
    const dir = path.resolve(__dirname, '../../src/i18n/messages');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts') && x !== 'ui.ts')) {
      const other = (await import(path.join(dir, f))).messages as { en: Record<string, string> };
      expect([f, Object.keys(messages.en).filter((k) => k in other.en)]).toEqual([f, []]);
    }
  });
  // Every key the pane uses is checked by the compiler: t() and tr() take only MessageKey.
});

describe('range input', () => {
  const known = { sheets: ['Orders', 'My data'], tables: ['OrdersTable'] };
  test.each([
    ['Orders!A1:F200', { kind: 'sheet', sheet: 'Orders', address: 'A1:F200' }],
    ["'My data'!$b$2:$d$9", { kind: 'sheet', sheet: 'My data', address: 'B2:D9' }],
    ['Orders!A:C', { kind: 'sheet', sheet: 'Orders', address: 'A:C' }],
    ['orderstable', { kind: 'table', table: 'OrdersTable' }],
    ['orders', { kind: 'sheet', sheet: 'Orders' }],
  ])('%s', (text, ref) => expect(parseRangeInput(text, known)).toEqual(ref));
  test.each(['', 'Nope', 'Orders!A1:ZZZZ2', '!A1', 'Orders!1A'])('rejects %p', (text) => expect(parseRangeInput(text, known)).toBeNull());
  test('labels round-trip through the parser', () => {
    for (const ref of [
      { kind: 'sheet', sheet: 'My data', address: 'B2:D9' },
      { kind: 'sheet', sheet: "O'Brien", address: 'A1' },
      { kind: 'table', table: 'OrdersTable' },
    ] as const) {
      expect(parseRangeInput(refLabel(ref), { sheets: ["O'Brien", 'My data'], tables: ['OrdersTable'] })).toEqual(ref);
    }
  });
  test('column letters follow Excel', () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(cellAddress(12, 2)).toBe('C12');
  });
});

describe('reducer', () => {
  const source = (headers: string[]): LoadedSource => ({
    ref: { kind: 'sheet', sheet: 'S' },
    read: { sheet: 'S', address: 'A1:B2', row: 0, col: 0, values: [headers], dateSystem: 1900 },
    headers,
    detected: { customerId: headers[0] },
  });
  test('a new range drops corrections naming headers it lacks, and sets the source ref', () => {
    let s = initialState(defaultConfig(), 'en-US');
    s = reducer(s, { type: 'sourceLoaded', kind: 'orders', source: source(['id', 'amt', 'when']) });
    s = reducer(s, { type: 'updateConfig', update: (c) => ({ ...c, columns: { ...c.columns, orders: { amount: 'amt', orderDate: 'when' } } }) });
    expect(effectiveMapping(s, 'orders')).toEqual({ customerId: 'id', amount: 'amt', orderDate: 'when' });
    s = reducer(s, { type: 'sourceLoaded', kind: 'orders', source: source(['id', 'amt']) });
    expect(s.config.columns.orders).toEqual({ amount: 'amt' });
    expect(s.config.sources.orders).toEqual({ kind: 'sheet', sheet: 'S' });
    s = reducer(s, { type: 'sourceCleared', kind: 'orders' });
    expect(s.config.sources.orders).toBeUndefined();
    expect(s.config.columns.orders).toEqual({});
  });
  test('the workbook lists: a failed listing keeps what was listed before', () => {
    let s = initialState(defaultConfig(), 'en-US');
    expect(s.lists).toEqual({ sheets: [], tables: [], failed: false });
    const sheets = [{ name: 'Orders', visible: true }];
    s = reducer(s, { type: 'listed', sheets, tables: [] });
    s = reducer(s, { type: 'listFailed' });
    expect(s.lists).toEqual({ sheets, tables: [], failed: true });
    s = reducer(s, { type: 'listed', sheets: [], tables: [] });
    expect(s.lists.failed).toBe(false);
  });
  test('the output language follows the pane language', () => {
    const s = reducer(initialState(defaultConfig(), 'zh-CN'), { type: 'setLocale', locale: 'en-US' });
    expect([s.locale, s.config.locale]).toEqual(['en-US', 'en-US']);
  });
});

describe('worker protocol', () => {
  test('a result survives structured clone and comes back as the same table', () => {
    const orders = csvGrid('rfm_rsquaredacademy_orders.csv');
    const result = classify({ orders: { name: 'Orders', values: orders } }, defaultConfig());
    const wire = structuredClone(toWire(result));
    const back = fromWire(wire);
    expect(back.customers.columnNames()).toEqual(result.customers.columnNames());
    expect(back.customers.objects()).toEqual(result.customers.objects());
    expect(back.summaries).toEqual(result.summaries);
  });
  test('engine errors keep their code across the boundary', () => {
    const e = errorFromWire(structuredClone(errorToWire(new TieringError('no_usable_rows', { n: 1 }))));
    expect(e).toBeInstanceOf(TieringError);
    expect((e as TieringError).code).toBe('no_usable_rows');
  });
});
