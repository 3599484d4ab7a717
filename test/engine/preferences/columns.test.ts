// Habit columns: header detection in both languages, promotion flags, time of day from the date
// column, and the two category levels.
import { defaultConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import { detectColumns } from '../../../src/engine/ingest';
import { isPromotion, minuteOf } from '../../../src/engine/ingest/habits';

describe('header detection', () => {
  it('finds product, category, subcategory, channel and promotion in Chinese', () => {
    expect(detectColumns(['订单号', '客户ID', '下单时间', '实付金额', '商品名称', '一级类目', '二级类目', '下单渠道', '是否促销'], 'orders')).toEqual({
      orderId: '订单号',
      customerId: '客户ID',
      orderDate: '下单时间',
      amount: '实付金额',
      product: '商品名称',
      category: '一级类目',
      subcategory: '二级类目',
      channel: '下单渠道',
      promotion: '是否促销',
    });
  });

  it('finds them in English (Superstore-style headers), Sub-Category not taken for category', () => {
    const m = detectColumns(['Order ID', 'Order Date', 'Customer ID', 'Segment', 'Product Name', 'Category', 'Sub-Category', 'Sales', 'Sales Channel', 'On Promotion'], 'orders');
    expect(m).toMatchObject({ category: 'Category', subcategory: 'Sub-Category', product: 'Product Name', channel: 'Sales Channel', promotion: 'On Promotion', amount: 'Sales' });
  });

  it('a "产品类别" header is a category, not a product', () => {
    expect(detectColumns(['客户', '日期', '金额', '产品类别'], 'orders')).toMatchObject({ category: '产品类别' });
  });
});

describe('promotion flags', () => {
  it.each([['是', true], ['满减', true], [1, true], [true, true], ['TRUE', true], ['否', false], ['', false], [0, false], ['no', false], ['正价', false], [null, false]])('%p → %p', (v, want) => {
    expect(isPromotion(v as never)).toBe(want);
  });
});

describe('time of day', () => {
  it.each([
    ['2024-03-02 09:15', 9 * 60 + 15],
    ['2024-03-02T18:40:00Z', 18 * 60 + 40],
    ['2024年3月2日 下午2:30', 14 * 60 + 30],
    ['3/2/2024 12:05 AM', 5],
    ['3/2/2024 2:30 PM', 14 * 60 + 30],
    [45353.75, 18 * 60],
    [new Date(Date.UTC(2024, 2, 2, 7, 45)), 7 * 60 + 45],
  ])('%p → minute %p', (v, want) => {
    expect(minuteOf(v as never)).toBe(want);
  });

  it.each([['2024-03-02'], ['20240302'], ['']])('%p carries no time', (v) => {
    expect(minuteOf(v)).toBeNaN();
  });

  it('a date column of whole days gives no time band', () => {
    const res = classify({ orders: { name: 'o', values: [['客户', '日期', '金额', '品类'], ['a', 45353, 10, 'x'], ['a', 45354, 10, 'y']] } }, defaultConfig());
    expect(res.customers.columnNames()).not.toContain('time_band');
    expect(res.customers.columnNames()).toContain('dominant_category');
  });
});

describe('category levels', () => {
  const values = [
    ['客户', '日期', '金额', '品类', '子类'],
    ['a', 45353, 30, '生鲜', '蔬菜'],
    ['a', 45354, 50, '生鲜', '水果'],
    ['a', 45355, 40, '干货', '坚果'],
  ];
  it('category level: 生鲜 80 of 120', () => {
    const res = classify({ orders: { name: 'o', values } }, defaultConfig());
    expect(res.customers.array('dominant_category')[0]).toBe('生鲜');
    expect(res.customers.array('dominant_category_share')[0]).toBeCloseTo(80 / 120, 12);
    expect(res.customers.array('category_count')[0]).toBe(2);
  });
  it('subcategory level: 生鲜 › 水果 50 of 120, three subcategories', () => {
    const res = classify({ orders: { name: 'o', values } }, defaultConfig({ methods: { preferences: { level: 'subcategory' } } as never }));
    expect(res.customers.array('dominant_category')[0]).toBe('生鲜 › 水果');
    expect(res.customers.array('dominant_category_share')[0]).toBeCloseTo(50 / 120, 12);
    expect(res.customers.array('category_count')[0]).toBe(3);
  });
});
