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

/** Facts of every customer with at least one row, and the analysis day they were computed at. */
export interface CustomerFactsSet {
  facts: CustomerFact[];
  analysisDay: number;
  analysisDateSource: 'config' | 'latest-order';
  returns: 'net' | 'exclude';
  windowDays: number;
  /** Whether profit was mapped (profit facts are then numbers). */
  withProfit: boolean;
  /** What reading the order rows found, as the in-memory ingest reports it (issues in its order). */
  reading?: { issues: DataIssue[]; issuesTotal: number; rowsWithIssues: number; dateFormats: Record<string, string>; orderRows: number };
}


/** Facts in the engine's customer order (compareIds), with customer-list ids that have no row. */
function orderedFacts(set: CustomerFactsSet, customers: CustomerData | null): (CustomerFact | null)[] & { ids: string[] } {
  if (!customers) {
    // Facts are one per id: their order is all it takes (no map of a million ids).
    const order = sortedIdOrder(set.facts.map((f) => f.id));
    const rows = Array.from(order, (i) => set.facts[i]);
    return Object.assign(rows, { ids: rows.map((f) => f.id) });
  }
  const byId = new Map<string, CustomerFact>();
  for (const f of set.facts) byId.set(f.id, f);
  const keys = set.facts.map((f) => f.id);
  if (customers) {
    const seen = new Set(keys);
    for (const id of customers.customer) {
      if (seen.has(id)) continue;
      seen.add(id);
      keys.push(id);
    }
  }
  const order = sortedIdOrder(keys);
  const ids = Array.from(order, (i) => keys[i]);
  return Object.assign(
    ids.map((id) => byId.get(id) ?? null),
    { ids },
  );
}

/** One customer's order metrics, the same arithmetic as metrics.ts aggregateCustomers. */
function fillCustomer(m: CustomerMetrics, c: number, f: CustomerFact, analysisDay: number, windowStart: number): void {
  m.hasOrders[c] = 1;
  const n = f.orders;
  m.orders[c] = n;
  m.firstDay[c] = f.firstDay;
  m.lastDay[c] = f.lastDay;
  m.recencyDays[c] = analysisDay - f.lastDay;
  m.avgOrderValue[c] = m.revenue[c] / n;
  m.activeDays[c] = f.activeDays;
  m.recentPurchaseDays[c] = f.recentDays;
  m.earlierPurchaseDays[c] = f.activeDays - f.recentDays;
  m.earlierSpanDays[c] = Math.max(windowStart - f.firstDay, 0);
  if (f.activeDays > 1) {
    m.meanGap[c] = (f.lastDay - f.firstDay) / (f.activeDays - 1);
    m.medianGap[c] = f.medianGapTwice / 2;
  }
  const window = Math.max(analysisDay - f.firstDay + 1, MIN_RATE_WINDOW_DAYS);
  m.ordersPerWeek[c] = (n / window) * 7;
  m.ordersPerMonth[c] = (n / window) * DAYS_PER_MONTH;
  m.monthlySpend[c] = (m.revenue[c] / window) * DAYS_PER_MONTH;
}

/** The metric run computeMetrics would give on the order rows these facts summarise. */
export function metricsFromFacts(set: CustomerFactsSet, customers: CustomerData | null): MetricsRun {
  const rows = orderedFacts(set, customers);
  const m = emptyMetrics(rows.ids, set.withProfit);
  const A = set.analysisDay;
  const windowStart = A - set.windowDays;
  let orderRows = 0;
  let returnRows = 0;
  let after = 0;
  rows.forEach((f, c) => {
    if (!f) return;
    orderRows += f.orderRows;
    returnRows += f.returnRows;
    after += f.afterRows;
    m.revenue[c] = f.revenue;
    if (m.profit) m.profit[c] = f.profit;
    if (f.orderRows > 0) fillCustomer(m, c, f, A, windowStart);
  });
  return {
    metrics: m,
    analysisDay: A,
    analysisDate: dayToIso(A),
    analysisDateSource: set.analysisDateSource,
    ordersUsed: orderRows + (set.returns === 'net' ? returnRows : 0),
    ordersAfterAnalysisDate: after,
    returnRows,
    keptOrders: null,
  };
}

/** The CLV repeat-purchase summary (methods/clv/summary.ts) from the facts. */
export function clvSummaryFromFacts(set: CustomerFactsSet, ids: string[], unit: TimeUnit): RfmSummary {
  const byId = new Map<string, CustomerFact>();
  for (const f of set.facts) byId.set(f.id, f);
  const n = ids.length;
  const s: RfmSummary = { n, x: nanArray(n), tx: nanArray(n), T: nanArray(n), meanSpend: nanArray(n), ordersIgnored: 0 };
  const unitDays = UNIT_DAYS[unit];
  for (let i = 0; i < n; i++) {
    const f = byId.get(ids[i]);
    if (!f || !(f.clvDays > 0)) continue;
    const x = f.clvDays - 1;
    s.x[i] = x;
    s.tx[i] = (f.clvLastDay - f.clvFirstDay) / unitDays;
    s.T[i] = (set.analysisDay - f.clvFirstDay) / unitDays;
    s.meanSpend[i] = x > 0 ? f.clvRepeatSpend / x : 0;
  }
  return s;
}

/**
 * classify() on customer facts instead of order rows. `customers` (an ingested customer list)
 * adds names, dimensions and potential customers, as it does next to order rows.
 */
export function classifyFacts(set: CustomerFactsSet, config: TieringConfig, customers: IngestResult | null = null, onProgress?: ProgressFn): ClassificationResult {
  const run = metricsFromFacts(set, customers?.customers ?? null);
  let rows = 0;
  for (const f of set.facts) rows += f.orderRows + f.returnRows + f.afterRows;
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
  return classifyIngested(ingested, config, onProgress, { run, clvSummary: (unit) => clvSummaryFromFacts(set, run.metrics.ids, unit) });
}
