// Customer facts: the per-customer aggregates an external engine (DuckDB, PostgreSQL, a
// warehouse) computes from order rows, one row per customer, so only that leaves the database.
// This module turns them into the engine's CustomerMetrics (and the CLV repeat-purchase
// summary), so ABC, RFM, activity, rules and CLV run unchanged on them.
//
// Every fact is defined so that the metrics equal, bit for bit, what computeMetrics gives on
// the same order rows (docs/engine.md): rows after the analysis date are left out; a negative
// amount is a return (netted into the money or dropped, by the returns policy); a customer
// whose rows are all returns (or all after the date) has no order and is `potential`. Money is
// an exact decimal sum (the database's DECIMAL, read from its text): the metrics kernel sums
// exact scaled integers too, and both round the exact sum once to the nearest double.
import type { TieringConfig } from '../config/schema';
import { dayToIso } from './calendar';
import { classifyIngested } from './classify';
import { DAYS_PER_MONTH, MIN_RATE_WINDOW_DAYS, emptyMetrics, nanArray, sortedIdOrder, type CustomerMetrics, type MetricsRun } from './metrics';
import { UNIT_DAYS, type RfmSummary, type TimeUnit } from './methods/clv/summary';
import type { ClassificationResult, CustomerData, DataIssue, IngestResult, ProgressFn } from './types';

/** One customer's facts. Days are whole days since 1970-01-01; NaN where there is none. */
export interface CustomerFact {
  id: string;
  /** Order rows: dated up to the analysis date, amount ≥ 0. */
  orderRows: number;
  /** Return rows: dated up to the analysis date, amount < 0. */
  returnRows: number;
  /** Rows dated after the analysis date (left out). */
  afterRows: number;
  /** Orders: order rows, or distinct order ids among them when the order id is mapped. */
  orders: number;
  /** Exact sum of the order rows' amounts, plus the returns' under the "net" policy. */
  revenue: number;
  /** Same for profit; NaN when profit is not mapped. */
  profit: number;
  /** First and last day of an order row. */
  firstDay: number;
  lastDay: number;
  /** Distinct days with an order row. */
  activeDays: number;
  /** Distinct order days inside the churn window (analysis day − windowDays, analysis day]. */
  recentDays: number;
  /** Sum of the two middle gaps between consecutive distinct order days (the one middle gap
   * twice when their number is odd); NaN with fewer than two order days. Median = this / 2. */
  medianGapTwice: number;
  /** CLV inputs over the rows the returns policy keeps (order rows, plus returns under "net"):
   * distinct days, first and last of them, and the exact spend on the days after the first. */
  clvDays: number;
  clvFirstDay: number;
  clvLastDay: number;
  clvRepeatSpend: number;
}

/** The numeric facts, by name. */
export type FactField = Exclude<keyof CustomerFact, 'id'>;

export const FACT_FIELDS: readonly FactField[] = ['orderRows', 'returnRows', 'afterRows', 'orders', 'revenue', 'profit', 'firstDay', 'lastDay', 'activeDays', 'recentDays', 'medianGapTwice', 'clvDays', 'clvFirstDay', 'clvLastDay', 'clvRepeatSpend'];

/**
 * Facts of every customer with at least one row, and the analysis day they were computed at.
 * Columnar (one Float64Array per fact, aligned with `ids`): a million customers as objects cost
 * seconds of allocation and garbage collection.
 */
export interface CustomerFactsSet {
  ids: string[];
  values: Record<FactField, Float64Array>;
  analysisDay: number;
  analysisDateSource: 'config' | 'latest-order';
  returns: 'net' | 'exclude';
  windowDays: number;
  /** Whether profit was mapped (profit facts are then numbers). */
  withProfit: boolean;
  /** What reading the order rows found, as the in-memory ingest reports it (issues in its order). */
  reading?: { issues: DataIssue[]; issuesTotal: number; rowsWithIssues: number; dateFormats: Record<string, string>; orderRows: number };
}


/** A facts set from fact objects (tests, small results). */
export function factsColumns(facts: readonly CustomerFact[]): Pick<CustomerFactsSet, 'ids' | 'values'> {
  const values = {} as Record<FactField, Float64Array>;
  for (const k of FACT_FIELDS) values[k] = Float64Array.from(facts, (f) => f[k]);
  return { ids: facts.map((f) => f.id), values };
}

/** Customer j's facts as one object (checks and tables; the engine reads the columns). */
export function factOf(set: Pick<CustomerFactsSet, 'ids' | 'values'>, j: number): CustomerFact {
  const f = { id: set.ids[j] } as CustomerFact;
  for (const k of FACT_FIELDS) f[k] = set.values[k][j];
  return f;
}

/** The engine's customer order (compareIds): ids, and per engine row the facts row (−1 for a customer-list id with no row). */
function orderedFacts(set: CustomerFactsSet, customers: CustomerData | null): { ids: string[]; row: Int32Array } {
  let keys = set.ids;
  if (customers) {
    const seen = new Set(keys);
    keys = keys.slice();
    for (const id of customers.customer) {
      if (seen.has(id)) continue;
      seen.add(id);
      keys.push(id);
    }
  }
  const order = sortedIdOrder(keys);
  const n = set.ids.length;
  const row = new Int32Array(order.length);
  const ids = new Array<string>(order.length);
  for (let c = 0; c < order.length; c++) {
    ids[c] = keys[order[c]];
    row[c] = order[c] < n ? order[c] : -1;
  }
  return { ids, row };
}

/** One customer's order metrics, the same arithmetic as metrics.ts aggregateCustomers. */
function fillCustomer(m: CustomerMetrics, c: number, v: CustomerFactsSet['values'], j: number, analysisDay: number, windowStart: number): void {
  m.hasOrders[c] = 1;
  const n = v.orders[j];
  const firstDay = v.firstDay[j];
  const activeDays = v.activeDays[j];
  m.orders[c] = n;
  m.firstDay[c] = firstDay;
  m.lastDay[c] = v.lastDay[j];
  m.recencyDays[c] = analysisDay - v.lastDay[j];
  m.avgOrderValue[c] = m.revenue[c] / n;
  m.activeDays[c] = activeDays;
  m.recentPurchaseDays[c] = v.recentDays[j];
  m.earlierPurchaseDays[c] = activeDays - v.recentDays[j];
  m.earlierSpanDays[c] = Math.max(windowStart - firstDay, 0);
  if (activeDays > 1) {
    m.meanGap[c] = (v.lastDay[j] - firstDay) / (activeDays - 1);
    m.medianGap[c] = v.medianGapTwice[j] / 2;
  }
  const window = Math.max(analysisDay - firstDay + 1, MIN_RATE_WINDOW_DAYS);
  m.ordersPerWeek[c] = (n / window) * 7;
  m.ordersPerMonth[c] = (n / window) * DAYS_PER_MONTH;
  m.monthlySpend[c] = (m.revenue[c] / window) * DAYS_PER_MONTH;
}

/** The metric run computeMetrics would give on the order rows these facts summarise. */
export function metricsFromFacts(set: CustomerFactsSet, customers: CustomerData | null): MetricsRun {
  return metricsAndRows(set, customers).run;
}

/** metricsFromFacts, and per engine row the facts row (for the CLV summary). */
function metricsAndRows(set: CustomerFactsSet, customers: CustomerData | null): { run: MetricsRun; factRow: Int32Array } {
  const { ids, row } = orderedFacts(set, customers);
  const m = emptyMetrics(ids, set.withProfit);
  const v = set.values;
  const A = set.analysisDay;
  const windowStart = A - set.windowDays;
  let orderRows = 0;
  let returnRows = 0;
  let after = 0;
  for (let c = 0; c < ids.length; c++) {
    const j = row[c];
    if (j < 0) continue;
    orderRows += v.orderRows[j];
    returnRows += v.returnRows[j];
    after += v.afterRows[j];
    m.revenue[c] = v.revenue[j];
    if (m.profit) m.profit[c] = v.profit[j];
    if (v.orderRows[j] > 0) fillCustomer(m, c, v, j, A, windowStart);
  }
  const run: MetricsRun = {
    metrics: m,
    analysisDay: A,
    analysisDate: dayToIso(A),
    analysisDateSource: set.analysisDateSource,
    ordersUsed: orderRows + (set.returns === 'net' ? returnRows : 0),
    ordersAfterAnalysisDate: after,
    returnRows,
    keptOrders: null,
  };
  return { run, factRow: row };
}

/** The CLV repeat-purchase summary (methods/clv/summary.ts) from the facts; `factRow` (from metricsFromFacts) saves a map of every id. */
export function clvSummaryFromFacts(set: CustomerFactsSet, ids: string[], unit: TimeUnit, factRow?: Int32Array): RfmSummary {
  let row = factRow;
  if (!row) {
    const at = new Map<string, number>();
    set.ids.forEach((id, j) => at.set(id, j));
    row = Int32Array.from(ids, (id) => at.get(id) ?? -1);
  }
  const v = set.values;
  const n = ids.length;
  const s: RfmSummary = { n, x: nanArray(n), tx: nanArray(n), T: nanArray(n), meanSpend: nanArray(n), ordersIgnored: 0 };
  const unitDays = UNIT_DAYS[unit];
  for (let i = 0; i < n; i++) {
    const j = row[i];
    if (j < 0 || !(v.clvDays[j] > 0)) continue;
    const x = v.clvDays[j] - 1;
    s.x[i] = x;
    s.tx[i] = (v.clvLastDay[j] - v.clvFirstDay[j]) / unitDays;
    s.T[i] = (set.analysisDay - v.clvFirstDay[j]) / unitDays;
    s.meanSpend[i] = x > 0 ? v.clvRepeatSpend[j] / x : 0;
  }
  return s;
}

/**
 * classify() on customer facts instead of order rows. `customers` (an ingested customer list)
 * adds names, dimensions and potential customers, as it does next to order rows.
 */
export function classifyFacts(set: CustomerFactsSet, config: TieringConfig, customers: IngestResult | null = null, onProgress?: ProgressFn): ClassificationResult {
  const { run, factRow } = metricsAndRows(set, customers?.customers ?? null);
  let rows = 0;
  for (let j = 0; j < set.ids.length; j++) rows += set.values.orderRows[j] + set.values.returnRows[j] + set.values.afterRows[j];
  const r = set.reading;
  const ingested: IngestResult = {
    orders: null,
    customers: customers?.customers ?? null,
    // Order issues first, as the ingest lists them.
    issues: [...(r?.issues ?? []), ...(customers?.issues ?? [])],
    mapping: { orders: {}, customers: customers?.mapping.customers ?? {} },
    dateFormats: { ...(r?.dateFormats ?? {}), ...(customers?.dateFormats ?? {}) },
    orderRows: r?.orderRows ?? rows,
    issuesTotal: r || customers?.issuesTotal !== undefined ? (r?.issuesTotal ?? 0) + (customers?.issuesTotal ?? 0) : undefined,
  };
  if (r) ingested.rowsWithIssues = r.rowsWithIssues + (customers?.rowsWithIssues ?? 0);
  return classifyIngested(ingested, config, onProgress, { run, clvSummary: (unit) => clvSummaryFromFacts(set, run.metrics.ids, unit, factRow) });
}
