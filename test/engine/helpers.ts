// Test helpers: build engine inputs directly (without ingest) from small tables or the shared CSVs.
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { defaultConfig, type TieringConfig, type TieringConfigInput } from '../../src/config';
import { isoToDay } from '../../src/engine/calendar';
import type { CustomerData, IngestResult, OrderData } from '../../src/engine/types';

export const DATA = path.resolve(__dirname, '../../../shared/data');

export function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(DATA, file), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

export interface OrderRow {
  id: string;
  date: string;
  amount: number;
  profit?: number;
  orderId?: string;
}

export function orderData(rows: OrderRow[]): OrderData {
  const n = rows.length;
  const hasProfit = rows.some((r) => r.profit !== undefined);
  const hasOrderId = rows.some((r) => r.orderId !== undefined);
  return {
    n,
    customer: rows.map((r) => r.id),
    day: Float64Array.from(rows, (r) => isoToDay(r.date)),
    amount: Float64Array.from(rows, (r) => r.amount),
    profit: hasProfit ? Float64Array.from(rows, (r) => r.profit ?? 0) : null,
    orderId: hasOrderId ? rows.map((r) => r.orderId ?? '') : null,
    sourceRow: Int32Array.from(rows, (_, i) => i + 2),
  };
}

export function customerData(ids: string[], attributes: Record<string, (string | null)[]> = {}, names?: (string | null)[]): CustomerData {
  return {
    n: ids.length,
    customer: ids,
    sourceRow: Int32Array.from(ids, (_, i) => i + 2),
    name: names ?? null,
    attributes,
    raw: { ...attributes },
  };
}

export function ingested(orders: OrderData | null, customers: CustomerData | null = null): IngestResult {
  return {
    orders,
    customers,
    issues: [],
    mapping: { orders: {}, customers: {} },
    dateFormats: {},
    orderRows: orders?.n ?? 0,
  };
}

export function config(overrides: Partial<TieringConfigInput> = {}): TieringConfig {
  return defaultConfig(overrides);
}

/** The R package's orders as OrderData (customer_id, order_date, revenue). */
export function rsquaredOrders(): OrderData {
  return orderData(readCsv('rfm_rsquaredacademy_orders.csv').map((r) => ({ id: r.customer_id, date: r.order_date, amount: Number(r.revenue) })));
}

/** The rfm package's test segment table (as in its tests and issue 2). */
export const R_TEST_SEGMENTS = [
  { name: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { name: 'Loyal Customers', r: [2, 5], f: [3, 5], m: [3, 5] },
  { name: 'Potential Loyalist', r: [3, 5], f: [1, 3], m: [1, 3] },
  { name: 'New Customers', r: [4, 5], f: [1, 1], m: [1, 1] },
  { name: 'Promising', r: [3, 4], f: [1, 1], m: [1, 1] },
  { name: 'Need Attention', r: [2, 3], f: [2, 3], m: [2, 3] },
  { name: 'About To Sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
  { name: 'At Risk', r: [1, 2], f: [2, 5], m: [2, 5] },
  { name: "Can't Lose Them", r: [1, 1], f: [4, 5], m: [4, 5] },
  { name: 'Lost', r: [1, 2], f: [1, 2], m: [1, 2] },
] as { name: string; r: [number, number]; f: [number, number]; m: [number, number] }[];
