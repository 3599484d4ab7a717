// The data every hostile workbook carries: a small customers/orders book the product can tier
// (12 customers, 11 of them with orders, one "potential"), deterministic, with the demo's
// headers so the demo config maps it. Dates are 1900-system serials (toSerial1904 for 1904 books).
import { demoConfig } from '../../../src/cli/demoData';
import type { RangeRef, TieringConfig } from '../../../src/config/schema';

export type Prim = string | number | boolean | null;

export const CUSTOMER_HEADERS = ['客户ID', '客户名称', '地区', '行业', '规模'];
export const ORDER_HEADERS = ['订单号', '客户ID', '订单日期', '金额', '利润'];

const REGIONS = ['华东', '华北', '华南', '西南'];
const INDUSTRIES = ['零售', '制造', '餐饮'];
const SIZES = ['小型', '中型', '大型'];
const NAMES = ['上海远航贸易', '北京恒信制造', '广州味道餐饮', '成都天府商行', '杭州云栖科技', '=cmd|\' /C calc\'!A0', '+86 138 0013 8000', '@王总的店', '深圳前海物流', '南京金陵食品', '武汉长江机械', '重庆山城火锅'];

export const CUSTOMER_COUNT = NAMES.length;

export function customerRows(): Prim[][] {
  return NAMES.map((name, i) => [`C${String(i + 1).padStart(3, '0')}`, name, REGIONS[i % 4], INDUSTRIES[i % 3], SIZES[(i * 2) % 3]]);
}

/** Orders: customer i (0-based, all but the last) buys (i % 5) + 1 times, weekly from a start day. */
export function orderRows(): Prim[][] {
  const rows: Prim[][] = [];
  let no = 1000;
  for (let i = 0; i < CUSTOMER_COUNT - 1; i++) {
    const n = (i % 5) + 1;
    for (let k = 0; k < n; k++) {
      const serial = 45292 + ((i * 29 + k * 37) % 330); // 2024-01-01 + …
      const amount = Math.round(((i * 7919 + k * 104729) % 4800) + 120.5) + 0.25;
      rows.push([`SO${++no}`, `C${String(i + 1).padStart(3, '0')}`, serial, amount, Math.round(amount * 0.2 * 100) / 100]);
    }
  }
  return rows.sort((a, b) => (a[2] as number) - (b[2] as number) || String(a[0]).localeCompare(String(b[0])));
}

export const ORDER_COUNT = orderRows().length;

/** The demo config over these sheets: orders on a sheet, customers as given. */
export function caseConfig(customers: RangeRef | undefined, orders: RangeRef = { kind: 'sheet', sheet: '订单' }): TieringConfig {
  const base = demoConfig('zh-CN');
  return { ...base, analysisDate: '2024-12-31', sources: { orders, ...(customers ? { customers } : {}) } };
}
