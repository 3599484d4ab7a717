import * as fs from 'fs';
import * as path from 'path';
import { detectColumns } from '../../../src/engine/ingest';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const headerOf = (file: string) =>
  fs
    .readFileSync(path.join(DATA, file), 'utf8')
    .split(/\r?\n/)[0]
    .split(',')
    .map((h) => h.replace(/^"|"$/g, ''));

describe('detectColumns', () => {
  test('rfm_rsquaredacademy_orders.csv', () => {
    expect(detectColumns(headerOf('rfm_rsquaredacademy_orders.csv'), 'orders')).toEqual({
      customerId: 'customer_id',
      orderDate: 'order_date',
      amount: 'revenue',
    });
  });

  test('rfm_rsquaredacademy_customers.csv (customer-level facts)', () => {
    expect(detectColumns(headerOf('rfm_rsquaredacademy_customers.csv'), 'customers')).toEqual({
      customerId: 'customer_id',
      revenue: 'revenue',
      lastOrder: 'most_recent_visit',
      orders: 'number_of_orders',
      recencyDays: 'recency_days',
    });
  });

  test('CDNOW header (whitespace-separated file, header words)', () => {
    expect(detectColumns(['customer_id', 'date', 'number_of_cds', 'dollar_value'], 'orders')).toEqual({
      customerId: 'customer_id',
      orderDate: 'date',
      quantity: 'number_of_cds',
      amount: 'dollar_value',
    });
  });

  test('Chinese order headers', () => {
    expect(detectColumns(['订单编号', '客户编号', '下单时间', '实付金额', '毛利', '数量'], 'orders')).toEqual({
      orderId: '订单编号',
      customerId: '客户编号',
      orderDate: '下单时间',
      amount: '实付金额',
      profit: '毛利',
      quantity: '数量',
    });
  });

  test('Chinese customer headers: ID and name both present', () => {
    expect(detectColumns(['客户名称', '客户ID', '地区', '行业', '企业规模', '联系人'], 'customers')).toEqual({
      customerId: '客户ID',
      name: '客户名称',
      region: '地区',
      industry: '行业',
      size: '企业规模',
    });
  });

  test('a customer name is the id when there is no id column', () => {
    expect(detectColumns(['客户名称', '交易日期', '销售额'], 'orders')).toEqual({ customerId: '客户名称', orderDate: '交易日期', amount: '销售额' });
  });

  test('case, spaces, underscores and full-width letters do not matter', () => {
    expect(detectColumns(['  Customer ID ', 'ORDER_DATE', 'Ｒｅｖｅｎｕｅ'], 'orders')).toEqual({
      customerId: '  Customer ID ',
      orderDate: 'ORDER_DATE',
      amount: 'Ｒｅｖｅｎｕｅ',
    });
  });

  test('exact matches win over contains-matches; no header is used twice', () => {
    // "Sales Amount" contains "sales"/"amount" but "Total" is an exact synonym.
    const m = detectColumns(['Client ID', 'Invoice Date', 'Sales Amount (USD)', 'Total'], 'orders');
    expect(m).toEqual({ customerId: 'Client ID', orderDate: 'Invoice Date', amount: 'Total' });
  });

  test('contains-matches as a fallback', () => {
    const m = detectColumns(['会员ID号', '订单日期(北京时间)', '订单金额（元）'], 'orders');
    expect(m).toEqual({ customerId: '会员ID号', orderDate: '订单日期(北京时间)', amount: '订单金额（元）' });
  });

  test('"first_name" is not taken for the display name, a bare "ID" is not a customer id in orders', () => {
    expect(detectColumns(['ID', 'first_name'], 'orders')).toEqual({});
    expect(detectColumns(['ID', 'first_name'], 'customers')).toEqual({ customerId: 'ID' });
  });
});
