// The one catalogue (src/i18n): every area's module, same keys in both languages (a compile
// error otherwise, see define.ts), the same placeholders, no key defined by two areas (the
// later would silently win), and no empty text.
import { catalogues, formatList, hasMessage, t, tryT } from '../src/i18n';
import * as fs from 'fs';
import * as path from 'path';

const DIR = path.resolve(__dirname, '../src/i18n/messages');
type Module = { file: string; m: { en: Record<string, string>; zh: Record<string, string> } };
let modules: Module[] = [];
beforeAll(async () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));
  modules = await Promise.all(files.map(async (file) => ({ file, m: (await import(path.join(DIR, file))).messages as Module['m'] })));
});

describe('message catalogue', () => {
  it('has each key in one module only', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const { file, m } of modules)
      for (const k of Object.keys(m.en)) {
        if (owner.has(k)) twice.push(`${k}: ${owner.get(k)} and ${file}`);
        owner.set(k, file);
      }
    expect(twice).toEqual([]);
    expect(Object.keys(catalogues().en).length).toBe(owner.size);
  });

  it('has the same placeholders in both languages and no empty text', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    const { en, zh } = catalogues();
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect([k, ph(zh[k])]).toEqual([k, ph(en[k])]);
      expect([k, en[k].trim() !== '' && zh[k].trim() !== '']).toEqual([k, true]);
    }
  });

  it('looks keys built at run time up without leaking them', () => {
    expect(hasMessage('warning.rfm_unscored')).toBe(true);
    expect(hasMessage('warning.no_such_code')).toBe(false);
    expect(tryT('zh-CN', 'warning.no_such_code', {}, 'no_such_code')).toBe('no_such_code');
    expect(t('zh-CN', 'tier.activity.silent')).toBe('沉默');
  });
});

describe('list parameters', () => {
  it('are written with the separator of the language, each item exactly as given', () => {
    const headers = ['客户ID', 'Sales, net', '  备注 '];
    const params = { table: 'orders', sheet: 'S', column: 'c', expected: 'e', configPath: 'p', headers };
    expect(t('zh-CN', 'error.missing_column', params)).toContain('现有表头：客户ID、Sales, net、  备注 。');
    expect(t('en-US', 'error.missing_column', params)).toContain('Headers found: 客户ID, Sales, net,   备注 .');
    expect(formatList('zh-CN', ['地区', '行业'])).toBe('地区、行业');
    expect(formatList('en-US', ['Region'])).toBe('Region');
    expect(tryT('zh-CN', 'warning.rfm_segment_shadowed', { segment: 'X', by: ['Champions', 'Lost'] })).toContain('（Champions、Lost）');
  });
});
