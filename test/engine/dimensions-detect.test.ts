// Dimensions by default: the customer table's region/industry/size columns (headers in 中文 or
// English) are cross-tabbed when the config lists none; an explicit [] still means none.
import { classify } from '../../src/engine';
import { defaultConfig, parseConfig } from '../../src/config';
import { generateDemo } from '../../src/cli/demoData';
import { summaryText, toJsonReport } from '../../src/cli/classify';

const demo = generateDemo({ customers: 300, seed: 7 });
const orders = { name: '订单', values: demo.orders.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))) };
const grid = (header: string[], pick: (c: (typeof demo.customers)[number]) => string[]) => ({
  name: '客户',
  values: [header, ...demo.customers.map(pick)],
});

describe('detected dimensions', () => {
  test('the demo customer table (地区, 行业, 规模) is cross-tabbed with no dimensions configured, and the notes name the columns', () => {
    const customers = grid(['客户ID', '客户名称', '地区', '行业', '规模'], (c) => [c.id, c.name, c.region, c.industry, c.size]);
    const res = classify({ orders, customers }, defaultConfig({ analysisDate: demo.endDate }));
    expect(res.dimensions).toEqual([
      { name: 'region', column: 'region' },
      { name: 'industry', column: 'industry' },
      { name: 'size', column: 'size' },
    ]);
    expect(new Set(res.crosstabs.map((c) => c.dimension))).toEqual(new Set(['region', 'industry', 'size']));
    // Every method's cross-tab by region counts every classified customer once.
    const abc = res.crosstabs.find((c) => c.method === 'abc' && c.dimension === 'region')!;
    const classified = (res.customers.array('abc') as (string | null)[]).filter((x) => x !== null).length;
    expect(abc.counts.flat().reduce((a, b) => a + b, 0)).toBe(classified);
    expect(abc.columnValues).toContain('华东');
    expect(res.warnings).toContainEqual({ code: 'dimensions_detected', params: { columns: ['地区', '行业', '规模'] } });
    // The note in the user's language: a 中文 list reads 地区、行业、规模, an English one "a, b, c".
    expect(summaryText(res, 'zh-CN')).toContain('  - 已按客户表中的列 地区、行业、规模 拆分各级别');
    expect(summaryText(res, 'en-US')).toContain("  - Every tier is broken down by the customer table's columns 地区, 行业, 规模 (");
    // The JSON keeps the list as a list, beside the sentence in the run's language.
    const json = JSON.parse(JSON.stringify(toJsonReport(res, defaultConfig({ analysisDate: demo.endDate }), 'zh-CN')));
    const note = json.warnings.find((w: { code: string }) => w.code === 'dimensions_detected');
    expect(note.params.columns).toEqual(['地区', '行业', '规模']);
    expect(note.message).toContain('已按客户表中的列 地区、行业、规模 拆分各级别');
  });

  test('a table with only some of the columns (English headers) gets those, and only those', () => {
    const customers = grid(['Customer ID', 'Customer Name', 'Industry', 'Notes'], (c) => [c.id, c.name, c.industry, 'x']);
    const res = classify({ orders, customers }, defaultConfig({ analysisDate: demo.endDate }));
    expect(res.dimensions).toEqual([{ name: 'industry', column: 'industry' }]);
    expect(new Set(res.crosstabs.map((c) => c.dimension))).toEqual(new Set(['industry']));
    expect(res.warnings).toContainEqual({ code: 'dimensions_detected', params: { columns: ['Industry'] } });
    expect(res.warnings.some((w) => w.code === 'dimension_not_found')).toBe(false);
  });

  test('no such columns: no cross-tabs and no note', () => {
    const customers = grid(['客户ID', '客户名称'], (c) => [c.id, c.name]);
    const res = classify({ orders, customers }, defaultConfig({ analysisDate: demo.endDate }));
    expect(res.crosstabs).toEqual([]);
    expect(res.warnings.some((w) => w.code === 'dimensions_detected')).toBe(false);
  });

  test('an explicit dimensions: [] means none; a list is used as given', () => {
    const customers = grid(['客户ID', '客户名称', '地区', '行业', '规模'], (c) => [c.id, c.name, c.region, c.industry, c.size]);
    const none = classify({ orders, customers }, defaultConfig({ analysisDate: demo.endDate, methods: { dimensions: [] } }));
    expect(none.crosstabs).toEqual([]);
    expect(none.dimensions).toEqual([]);
    const one = classify({ orders, customers }, defaultConfig({ analysisDate: demo.endDate, methods: { dimensions: ['规模'] } }));
    expect(new Set(one.crosstabs.map((c) => c.dimension))).toEqual(new Set(['规模']));
    expect(one.warnings.some((w) => w.code === 'dimensions_detected')).toBe(false);
  });

  test('a version-1 config stored with dimensions: [] (its way of saying "not chosen") detects them', () => {
    const stored = parseConfig({ version: 1, analysisDate: demo.endDate, methods: { dimensions: [], abc: {} } });
    if (!stored.ok) throw new Error('v1 config did not parse');
    expect(stored.config.methods.detectDimensions).toBe(true);
    const customers = grid(['客户ID', '客户名称', '地区'], (c) => [c.id, c.name, c.region]);
    expect(classify({ orders, customers }, stored.config).dimensions).toEqual([{ name: 'region', column: 'region' }]);
  });
});
