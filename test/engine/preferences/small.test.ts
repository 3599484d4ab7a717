// Needs and habits on hand-checked small tables (every expected value worked out by hand in the
// comments, not copied from the code's output).
import { defaultConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import type { Cell } from '../../../src/engine/types';

const HEAD = ['客户ID', '下单时间', '金额', '品类', '渠道', '促销'];
// 2024-03-01 was a Friday: 03-02 Sat, 03-03 Sun, 03-04 Mon, 03-05 Tue, 03-06 Wed, 03-09 Sat.
const ROWS: Cell[][] = [
  ['C1', '2024-03-02 09:15', 100, '有机蔬菜', '门店', '是'],
  ['C1', '2024-03-03 10:00', 50, '进口水果', '门店', '否'],
  ['C1', '2024-03-05 19:30', 50, '有机蔬菜', '小程序', ''],
  ['C1', '2024-03-09 09:00', 100, '有机蔬菜', '门店', '满减'],
  ['C2', '2024-03-04 12:00', 80, '海鲜水产', '线上商城', '否'],
  ['C2', '2024-03-04 12:30', 20, '肉禽蛋', '线上商城', '否'],
  ['C2', '2024-03-06 13:00', 100, '肉禽蛋', '电话订购', '否'],
  ['C2', '2024-02-10 12:00', -30, '海鲜水产', '线上商城', '否'],
  ['C3', '2024-03-02 16:00', 50, '进口水果', '门店', ''],
  ['C3', '2024-03-02 16:10', 50, '有机蔬菜', '门店', ''],
];

function run(rows: Cell[][] = ROWS, extra: Parameters<typeof defaultConfig>[0] = {}) {
  const res = classify({ orders: { name: 'orders', values: [HEAD, ...rows] } }, defaultConfig(extra));
  const tbl = res.customers;
  const row = (id: string) => {
    const i = (tbl.array('customer_id') as string[]).indexOf(id);
    return Object.fromEntries(tbl.columnNames().map((c) => [c, (tbl.array(c) as ArrayLike<unknown>)[i]]));
  };
  return { res, row };
}

describe('preferences on a hand-checked table', () => {
  const { res, row } = run();

  test('columns are detected from Chinese headers and the method turns on by itself', () => {
    expect(res.customers.columnNames()).toEqual(expect.arrayContaining(['dominant_category', 'dominant_channel', 'weekend_share', 'day_habit', 'breadth_habit', 'price_habit', 'time_band', 'next_category']));
  });

  test('C1: spend 300; 有机蔬菜 250 of it; 4 distinct days, 3 on a weekend; 200 on promotion', () => {
    const c1 = row('C1');
    expect(c1.dominant_category).toBe('有机蔬菜');
    expect(c1.dominant_category_share).toBeCloseTo(250 / 300, 12);
    expect(c1.category_count).toBe(2);
    // 进口水果 first bought 03-03, after 有机蔬菜 (03-02)
    expect(c1.newest_category).toBe('进口水果');
    expect(c1.dominant_channel).toBe('门店');
    expect(c1.dominant_channel_share).toBeCloseTo(250 / 300, 12);
    expect(c1.weekend_share).toBe(0.75);
    expect(c1.day_habit).toBe('weekend');
    // morning rows 100 + 50 + 100 = 250 of 300
    expect(c1.time_band).toBe('morning');
    expect(c1.peak_month).toBe(3);
    // "是" and "满减" are promotions; "否" and blank are not
    expect(c1.discount_share).toBeCloseTo(200 / 300, 12);
    expect(c1.price_habit).toBe('discount');
    expect(c1.breadth_habit).toBe('focused');
  });

  test('C2: the return is left out; equal channel spend goes to the name first in code-unit order', () => {
    const c2 = row('C2');
    expect(c2.dominant_category).toBe('肉禽蛋');
    expect(c2.dominant_category_share).toBeCloseTo(0.6, 12);
    // both first bought 03-04: the one with more spend
    expect(c2.newest_category).toBe('肉禽蛋');
    // 线上商城 100 = 电话订购 100; 电 (U+7535) < 线 (U+7EBF)
    expect(c2.dominant_channel).toBe('电话订购');
    expect(c2.dominant_channel_share).toBe(0.5);
    // two distinct days (Mon, Wed): below minDays 3
    expect(c2.weekend_share).toBe(0);
    expect(c2.day_habit).toBe('unknown');
    expect(c2.time_band).toBe('midday');
    expect(c2.discount_share).toBe(0);
    expect(c2.price_habit).toBe('full_price');
  });

  test('C3: a 50/50 tie goes to 有机蔬菜 (有 U+6709 < 进 U+8FDB); one day counts once', () => {
    const c3 = row('C3');
    expect(c3.dominant_category).toBe('有机蔬菜');
    expect(c3.dominant_category_share).toBe(0.5);
    expect(c3.weekend_share).toBe(1);
    expect(c3.time_band).toBe('afternoon');
  });

  test('thresholds are configurable', () => {
    const { row: r2 } = run(ROWS, { methods: { preferences: { minDays: 2, singleShare: 0.8 } } as never });
    expect(r2('C2').day_habit).toBe('weekday');
    expect(r2('C1').breadth_habit).toBe('single');
  });

  test('the rule language can name the preference columns', () => {
    const { row: r3 } = run(ROWS, { methods: { rules: [{ name: 'veg', rules: [{ tier: 'veg weekend', when: "dominant_category = '有机蔬菜' and weekend_share > 0.6" }] }] } as never });
    expect(r3('C1').rule_veg).toBe('veg weekend');
    expect(r3('C3').rule_veg).toBe('veg weekend');
    expect(r3('C2').rule_veg).toBe('Other');
  });

  test('without a category or channel column nothing changes', () => {
    const plain = classify({ orders: { name: 'o', values: [HEAD.slice(0, 3), ...ROWS.map((r) => r.slice(0, 3))] } }, defaultConfig());
    expect(plain.customers.columnNames()).not.toContain('dominant_category');
    expect(plain.reports.preferences).toBeUndefined();
  });
});
