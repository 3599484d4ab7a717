// The preferences section and the next-category sheet, through the output plan, in both
// languages: a small table where every cell is worked out by hand.
import { defaultConfig } from '../../src/config';
import { classify } from '../../src/engine/classify';
import type { Cell } from '../../src/engine/types';
import { buildPlan } from '../../src/output/plan';
import type { PlanOp } from '../../src/output/ops';

// Ten customers whose main category is 蔬菜 (80 each); c1–c6 also buy 水果 (20 each), c1–c2 also 海鲜 (10).
// All on Saturday 2024-03-02 (serial 45353) by 门店, except c10's line on Monday by 小程序.
function rows(): Cell[][] {
  const out: Cell[][] = [['客户ID', '日期', '金额', '品类', '渠道']];
  for (let k = 1; k <= 10; k++) out.push([`c${k}`, k === 10 ? 45355 : 45353, 80, '蔬菜', k === 10 ? '小程序' : '门店']);
  for (let k = 1; k <= 6; k++) out.push([`c${k}`, 45353, 20, '水果', '门店']);
  for (let k = 1; k <= 2; k++) out.push([`c${k}`, 45353, 10, '海鲜', '门店']);
  return out;
}

function plan(locale: 'zh-CN' | 'en-US') {
  // ABC off: the peers of every customer are the ten customers whose main category is 蔬菜
  const config = defaultConfig({ locale, methods: { abc: { enabled: false }, preferences: { support: 0.3, minPeers: 5 } } as never });
  const result = classify({ orders: { name: 'orders', values: rows() } }, config);
  return { result, p: buildPlan({ result, config, locale, registryId: 'test01', previous: null, sheets: ['orders'], tables: [] }) };
}

function cells(ops: PlanOp[], sheet: string): unknown[][] {
  const grid: unknown[][] = [];
  for (const o of ops) if (o.op === 'values' && o.sheet === sheet) o.values.forEach((row, i) => row.forEach((v, j) => ((grid[o.row + i] ??= [])[o.col + j] = v)));
  return grid;
}

describe('preferences in the output plan', () => {
  it('next category: 水果 (6 of 10 peers ≥ 30 %) for c7–c10; 海鲜 (2 of 10) is below support; c1–c6 get none', () => {
    const { result } = plan('en-US');
    const ids = Array.from(result.customers.array('customer_id') as ArrayLike<string>);
    const next = Array.from(result.customers.array('next_category') as ArrayLike<unknown>);
    const byId = Object.fromEntries(ids.map((id, i) => [id, next[i]]));
    expect(byId).toEqual({ c1: null, c2: null, c3: null, c4: null, c5: null, c6: null, c7: '水果', c8: '水果', c9: '水果', c10: '水果' });
  });

  it('writes the section and the sheet in English', () => {
    const { p } = plan('en-US');
    const summary = cells(p.ops, p.sheetNames.summary).flat();
    expect(summary).toEqual(expect.arrayContaining(['Needs and habits', 'Channel mix', 'Purchase days by weekday', 'Saturday', '门店', '小程序']));
    const sheet = p.sheetNames.nextCategory;
    expect(sheet).toBe('Next category');
    const grid = cells(p.ops, sheet);
    const head = grid.find((r) => r && r[0] === 'Customer ID')!;
    expect(head).toEqual(expect.arrayContaining(['Main category', 'Next category to offer', 'Peers who buy it']));
    const body = grid.filter((r) => r && typeof r[0] === 'string' && /^c\d+$/.test(r[0] as string));
    expect(body.map((r) => r[0]).sort()).toEqual(['c10', 'c7', 'c8', 'c9']);
    expect(body[0][head.indexOf('Peers who buy it')]).toBeCloseTo(0.6, 12);
  });

  it('writes it in Chinese with habit labels; weekday counts: 9 customer-days on Saturday, 1 on Monday', () => {
    const { p } = plan('zh-CN');
    const grid = cells(p.ops, p.sheetNames.summary);
    const flat = grid.flat();
    expect(flat).toEqual(expect.arrayContaining(['需求与习惯', '渠道构成', '按星期的购买天数']));
    const sat = grid.find((r) => r && r[0] === '星期六')!;
    const mon = grid.find((r) => r && r[0] === '星期一')!;
    expect([sat[1], mon[1]]).toEqual([9, 1]);
    expect(p.sheetNames.nextCategory).toBe('推荐下一品类');
    expect(p.ops.some((o) => o.op === 'addChart' && o.chart.name === 'ct_pref_weekday')).toBe(true);
  });
});
