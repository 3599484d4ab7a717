// The real host's pure parts and the ribbon command's report: themes, error sentences.
import { refreshReport } from '../../src/commands/commands';
import { TieringError } from '../../src/engine/types';
import { describeError } from '../../src/workbook/describeError';
import { themeFromOffice } from '../../src/taskpane/officeHost';
import { UnsupportedExcelError } from '../../src/workbook/office';
import { CancelledError } from '../../src/workbook/port';
import { WorkbookStateError } from '../../src/workbook/run';

describe('theme from Office', () => {
  test.each([
    ['#FFFFFF', false, 'light'],
    ['#262626', false, 'dark'],
    ['#000000', false, 'dark'],
    ['#E6E6E6', false, 'light'],
    ['#FFFFFF', true, 'contrast'],
    [undefined, false, 'light'],
  ] as const)('%s (forced colours %s) → %s', (bg, forced, theme) => {
    expect(themeFromOffice(bg ? { bodyBackgroundColor: bg } : undefined, forced)).toBe(theme);
  });
});

describe('errors as sentences', () => {
  test('an Office error code is described in the chosen language, without the raw code text', () => {
    const e = Object.assign(new Error('RichApi.Error: The requested resource doesn\'t exist.'), { code: 'ItemNotFound' });
    const en = describeError(e, 'en-US');
    const zh = describeError(e, 'zh-CN');
    expect(en).toMatch(/^Excel could not find/);
    expect(zh).toMatch(/^Excel 找不到/);
    expect(en).not.toMatch(/RichApi/);
  });
  test('engine errors by code; cancellation and old Excel have their own sentences', () => {
    expect(describeError(new TieringError('no_usable_rows'), 'en-US')).not.toMatch(/no_usable_rows/);
    expect(describeError(new CancelledError(), 'zh-CN')).toBe('已取消。');
    expect(describeError(new UnsupportedExcelError('1.9'), 'en-US')).toMatch(/1\.9/);
  });
  test('anything else becomes "Something went wrong: … Try again"', () => {
    expect(describeError(new TypeError('x is undefined.'), 'en-US')).toBe('Something went wrong: x is undefined. Try again; if it keeps happening, reload the add-in.');
  });
});

describe('ribbon refresh report', () => {
  test('success names the count and date; a workbook without settings says what to do', () => {
    expect(refreshReport({ ok: true, customers: 1200, date: '2025-01-31' }, 'en-US')).toBe('Customer Tiers refreshed 1200 customers as of 2025-01-31.');
    expect(refreshReport({ ok: false, error: new WorkbookStateError('noConfig', 'x') }, 'zh-CN')).toMatch(/^本工作簿还没有保存客户分层设置/);
    expect(refreshReport({ ok: false, error: Object.assign(new Error('boom'), { code: 'AccessDenied' }) }, 'en-US')).toMatch(/^Customer Tiers could not refresh: Excel denied access/);
  });
});
