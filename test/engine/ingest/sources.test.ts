// Where the table is in a grid (header row under titles, a totals row), amounts computed from
// order lines, discounts given as rates, and names from the orders: the rules, case by case.
import { parseConfig, type TieringConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import { ingest } from '../../../src/engine/ingest';
import { findHeaderRow, locateTable } from '../../../src/engine/ingest/layout';
import { TieringError, type Cell, type SourceGrid } from '../../../src/engine/types';
import { t } from '../../../src/i18n';

function config(columns: Record<string, string> = {}): TieringConfig {
  const res = parseConfig({ version: 1, columns: { orders: columns } });
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  return res.config;
}

const grid = (values: Cell[][], headerRow = 1): SourceGrid => ({ name: '订单', headerRow, values });

describe('the header row', () => {
  test('is found below a title and blank rows, and said with its sheet row', () => {
    const g = grid([['2024 年客户订单明细'], [], ['客户编号', '下单时间', '金额'], ['K1', '2024-01-02', 10]], 1);
    const { grid: located, notes } = locateTable(g, 'orders');
    expect(located.headerRow).toBe(3);
    expect(located.values[0]).toEqual(['客户编号', '下单时间', '金额']);
    expect(notes).toEqual([{ code: 'source_header_row', params: { sheet: '订单', row: 3, skipped: 2, title: '2024 年客户订单明细' } }]);
    expect(t('zh-CN', 'warning.source_header_row', notes[0].params)).toBe('“订单”的表头在第 3 行；其上方的 2 行（如“2024 年客户订单明细”）已跳过。');
  });

  test('stays on the first row when it reads as headers, even when data cells look like header words', () => {
    const values: Cell[][] = [['客户编号', '客户名称', '备注'], ['K1', '华东地区', 'IT行业'], ['K2', '华北地区', '制造行业']];
    expect(findHeaderRow(values, 'customers')).toBe(0);
    expect(locateTable(grid(values), 'customers').notes).toEqual([]);
  });

  test('a config-named column counts as a header (a header no synonym knows)', () => {
    const values: Cell[][] = [['Export'], ['买家', '付款日', '实收'], ['K1', '2024-01-02', 10]];
    expect(findHeaderRow(values, 'orders')).toBe(0);
    expect(findHeaderRow(values, 'orders', { customerId: '买家', orderDate: '付款日', amount: '实收' })).toBe(1);
  });

  test('a trailing 合计 row is left out and said; a customer called "Total Gym" is not', () => {
    const values: Cell[][] = [['客户编号', '下单时间', '金额'], ['K1', '2024-01-02', 10], ['Total Gym', '2024-01-03', 5], ['合计：', null, 15]];
    const { grid: located, notes } = locateTable(grid(values), 'orders');
    expect(located.values).toHaveLength(3);
    expect(notes).toEqual([{ code: 'source_totals_row', params: { sheet: '订单', row: 4 } }]);
    const result = classify({ orders: grid(values) }, config());
    expect(result.customers.array('customer_id')).toEqual(['K1', 'Total Gym']);
    expect(result.warnings.map((w) => w.code)).toContain('source_totals_row');
  });
});

describe('amount = quantity × unit price − discount', () => {
  const header = ['客户名称', '下单时间', '商品数量', '单价', '优惠'];

  test('without an amount column, from the line headers; a discount is money taken off whatever its sign', () => {
    const values: Cell[][] = [header, ['张三', '2024-01-02', 3, 19.9, null], ['张三', '2024-01-03', 2, 10, -5], ['李四', '2024-01-03', 1, 99, 9]];
    const res = ingest({ orders: grid(values) }, config());
    expect(Array.from(res.orders!.amount)).toEqual([59.7, 15, 90]);
    expect(res.notes).toEqual([{ code: 'amount_computed_discount', params: { quantity: '商品数量', unitPrice: '单价', discount: '优惠' } }]);
  });

  test('an amount column wins over the line columns', () => {
    const values: Cell[][] = [['客户编号', '下单时间', '数量', '单价', '实付金额'], ['K1', '2024-01-02', 3, 10, 25]];
    expect(Array.from(ingest({ orders: grid(values) }, config()).orders!.amount)).toEqual([25]);
  });

  test('a discount written as a rate in a cell leaves the row out with what to do', () => {
    const values: Cell[][] = [header, ['张三', '2024-01-02', 3, 10, '9折'], ['李四', '2024-01-03', 1, 99, 5], ['王五', '2024-01-03', 1, 20, '90%']];
    const res = ingest({ orders: grid(values) }, config());
    expect(res.orders!.n).toBe(1);
    expect(res.issues.filter((i) => i.code === 'discount_rate').map((i) => [i.row, i.column, i.value])).toEqual([
      [2, '优惠', '9折'],
      [4, '优惠', '90%'],
    ]);
  });

  test('a discount column of rates (0.9 is Excel’s 90%) stops the run naming the column', () => {
    const values: Cell[][] = [header, ['张三', '2024-01-02', 3, 10, 0.9], ['李四', '2024-01-03', 1, 99, 0.85], ['王五', '2024-01-03', 1, 20, 0]];
    let err: unknown;
    try {
      ingest({ orders: grid(values) }, config());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TieringError);
    expect((err as TieringError).code).toBe('discount_is_rate');
    expect(t('en-US', 'error.discount_is_rate', (err as TieringError).params)).toContain('The column "优惠" in "订单" holds discount rates (such as 0.9)');
  });

  test('a quantity that is not a number names the user’s header', () => {
    const values: Cell[][] = [header, ['张三', '2024-01-02', '三', 10, null], ['李四', '2024-01-03', 1, 99, null]];
    const issue = ingest({ orders: grid(values) }, config()).issues.find((i) => i.code === 'line_value_not_number')!;
    expect(t('zh-CN', 'issue.line_value_not_number.problem', { value: issue.value, ...issue.params })).toBe('“商品数量”中的“三”不是数字，无法计算该行金额，该行未计入。');
  });

  test('the line columns can be named in the config', () => {
    const values: Cell[][] = [['客户编号', '下单时间', 'N', 'P', 'R'], ['K1', '2024-01-02', 3, 10, 1]];
    const res = ingest({ orders: grid(values) }, config({ quantity: 'N', unitPrice: 'P', discount: 'R' }));
    expect(Array.from(res.orders!.amount)).toEqual([29]);
  });
});

describe('names from the orders', () => {
  test('first non-empty name per customer; other names counted in one note', () => {
    const values: Cell[][] = [
      ['客户编号', '客户名称', '下单时间', '金额'],
      ['K1', null, '2024-01-01', 1],
      ['K1', '张三', '2024-01-02', 1],
      ['K2', '李四', '2024-01-02', 1],
      ['K1', '张三（北京）', '2024-01-03', 1],
    ];
    const result = classify({ orders: grid(values) }, config());
    expect((result.customers.objects() as Record<string, unknown>[]).map((r) => [r.customer_id, r.name])).toEqual([
      ['K1', '张三'],
      ['K2', '李四'],
    ]);
    const several = result.warnings.find((w) => w.code === 'names_several')!;
    expect(several.params).toEqual({ column: '客户名称', count: 1, customer: 'K1', name: '张三', other: '张三（北京）' });
  });

  test('a customer list’s names win, and no note about the orders’ names', () => {
    const orders = grid([['客户编号', '客户名称', '下单时间', '金额'], ['K1', '张三', '2024-01-02', 1]]);
    const customers: SourceGrid = { name: '客户', values: [['客户编号', '客户名称'], ['K1', '张三有限公司']] };
    const result = classify({ orders, customers }, config());
    expect((result.customers.objects() as Record<string, unknown>[]).map((r) => r.name)).toEqual(['张三有限公司']);
    expect(result.warnings.map((w) => w.code)).not.toContain('names_from_orders');
  });
});
