// Shared by the differential tests: order rows → CSV; a classification result → plain data
// (every output column as an array, cuts, summaries, stats, warnings, reports) to compare.
import * as fs from 'fs';
import { dayToIso } from '../../src/engine/calendar';
import type { ClassificationResult } from '../../src/engine/types';
import type { TieringConfig } from '../../src/config/schema';
import { defaultConfig } from '../../src/config/validate';

export interface Row {
  id: string;
  day: number;
  amount: string;
  profit: string;
  order: string;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Columns of the order file: profit and order id only when mapped (else header detection would find them). */
export function csvColumns(k: Pick<FactsKey, 'profit' | 'orderId'>): string[] {
  return ['customer_id', 'order_date', 'amount', ...(k.profit ? ['profit'] : []), ...(k.orderId ? ['order_id'] : [])];
}

export function writeCsv(file: string, rows: Row[], k: Pick<FactsKey, 'profit' | 'orderId'>): void {
  const cell = (r: Row, c: string) => (c === 'customer_id' ? q(r.id) : c === 'order_date' ? dayToIso(r.day) : c === 'amount' ? r.amount : c === 'profit' ? r.profit : q(r.order));
  const cols = csvColumns(k);
  const lines = [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r, c)).join(','))];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

export function snapshot(r: ClassificationResult): unknown {
  const t = r.customers;
  const columns: Record<string, unknown[]> = {};
  for (const c of t.columnNames()) columns[c] = Array.from(t.array(c) as ArrayLike<unknown>);
  return { analysisDate: r.analysisDate, analysisDateSource: r.analysisDateSource, columns, cuts: r.cuts, summaries: r.summaries, stats: r.stats, warnings: r.warnings, reports: r.reports };
}

/** What the facts query depends on: date, returns policy, churn window, mapped columns. */
export interface FactsKey {
  analysisDate?: string;
  returns: 'net' | 'exclude';
  windowDays: number;
  profit: boolean;
  orderId: boolean;
}

/** Method configurations over every scoring convention; each is run on the same facts. */
export function methodConfigs(k: FactsKey): TieringConfig[] {
  const columns = { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'amount', ...(k.profit ? { profit: 'profit' } : {}), ...(k.orderId ? { orderId: 'order_id' } : {}) }, customers: {} };
  const base = { analysisDate: k.analysisDate, returns: k.returns, columns, locale: 'en-US' as const };
  const activity = { churn: { windowDays: k.windowDays, gapRatio: 2, rateDrop: 0.5, minOrders: 3 } };
  const rules = [{ name: 'Key', rules: [{ tier: 'Top', when: 'orders >= 3 and revenue > 100' }, { tier: 'Lapsed', when: 'recency_days > 60 or median_gap_days > 20' }], otherwise: 'Other' }];
  return [
    defaultConfig({ ...base, methods: { abc: { mode: 'customer-share' }, rfm: { scoring: 'quantile', best: 'high' }, activity, rules, clv: { enabled: true, timeUnit: 'week' } } }),
    defaultConfig({ ...base, methods: { abc: { mode: 'value-share', basis: k.profit ? 'profit' : 'revenue' }, rfm: { scoring: 'quantile-inclusive', best: 'low', bins: 4, segments: [{ name: 'Best', r: [1, 1], f: [1, 2], m: [1, 2] }] }, activity, clv: { enabled: true, timeUnit: 'day' } } }),
    defaultConfig({ ...base, methods: { abc: { basis: 'orders' }, rfm: { scoring: 'rank', monetary: k.profit ? 'profit' : 'revenue' }, activity } }),
    defaultConfig({ ...base, methods: { rfm: { scoring: 'fixed', bins: 3, thresholds: { recency: [30, 90], frequency: [2, 4], monetary: [50, 200] } }, activity, rules } }),
  ];
}
