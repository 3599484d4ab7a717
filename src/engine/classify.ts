// classify: input grids + config → ClassificationResult. Runs ingest, the per-customer metrics
// kernel, then each configured method over the metric arrays, and only at the end builds the
// arquero result table. Deterministic: customers are ordered by id and every aggregate is
// independent of input row order.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { TieringConfig } from '../config/schema';
import { ingest } from './ingest';
import { dayToDate, dayToIso } from './calendar';
import { computeMetrics, type CustomerMetrics, type MetricsRun } from './metrics';
import { classifyAbc } from './methods/abc';
import { ACTIVITY_TIERS, CHURN_TIERS, FREQUENCY_TIERS, SPEND_TIERS, classifyActivity } from './methods/activity';
import { computeClv, computeClvFromSummary } from './methods/clv';
import type { RfmSummary } from './methods/clv/summary';
import { chosenDimensions, crossTab, dimensionColumns } from './methods/dimensions';
import { OTHERS, scoreRfm } from './methods/rfm';
import { applyRuleSets, ruleColumnName } from './methods/rules';
import { runPreferences } from './methods/preferences';
import { PreferencesSchema } from '../config/schema';
import { summarise } from './summaries';
import { clvTierKeys } from './columns';
import { REUSED } from './scratch';
import { countSet } from './stats';
import {
  TieringError,
  type ClassificationResult,
  type CrossTab,
  type DataIssue,
  type IngestResult,
  type InputTables,
  type MethodCuts,
  type MethodSummary,
  type ProgressFn,
  type ProgressStage,
} from './types';

type Column = ArrayLike<unknown> & Iterable<unknown>;
type Warning = ClassificationResult['warnings'][number];

const STAGES: ProgressStage[] = ['ingest', 'metrics', 'abc', 'rfm', 'activity', 'rules', 'clv', 'summaries'];

function progress(onProgress: ProgressFn | undefined, stage: ProgressStage): void {
  onProgress?.({ stage, done: STAGES.indexOf(stage), total: STAGES.length });
}

/**
 * NaN → null, so consumers (CSV, workbook, rules) see a blank rather than a NaN. A column with
 * no missing value stays a Float64Array: the metric array itself, or a copy of it when the
 * metric array is a reused buffer (`reused`).
 */
function nullableColumn(a: Float64Array, reused: boolean): Float64Array | (number | null)[] {
  let i = 0;
  while (i < a.length && a[i] === a[i]) i++;
  if (i === a.length) return reused ? a.slice() : a;
  const out = new Array<number | null>(a.length);
  for (let j = 0; j < a.length; j++) out[j] = a[j] === a[j] ? a[j] : null;
  return out;
}

/** Whole-day ranges up to this long cache their ISO strings in an array (by day − min), not a Map. */
const ISO_ARRAY_DAYS = 1 << 16;

/** Days → ISO dates (NaN → null), each distinct day formatted once. */
export function isoColumn(days: Float64Array): (string | null)[] {
  const out = new Array<string | null>(days.length);
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (d !== d) continue;
    if (d < min) min = d;
    if (d > max) max = d;
    if ((d | 0) !== d) whole = false;
  }
  if (whole && min <= max && max - min < ISO_ARRAY_DAYS) {
    const byDay = new Array<string | undefined>(max - min + 1);
    for (let i = 0; i < days.length; i++) {
      const d = days[i];
      if (d !== d) {
        out[i] = null;
        continue;
      }
      out[i] = byDay[d - min] ??= dayToIso(d);
    }
    return out;
  }
  const cache = new Map<number, string>();
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (Number.isNaN(d)) {
      out[i] = null;
      continue;
    }
    let s = cache.get(d);
    if (s === undefined) cache.set(d, (s = dayToIso(d)));
    out[i] = s;
  }
  return out;
}

function metricColumns(m: CustomerMetrics, names: (string | null)[] | null, reused: boolean): Record<string, Column> {
  const nullable = (a: Float64Array) => nullableColumn(a, reused);
  const cols: Record<string, Column> = { customer_id: m.ids };
  if (names) cols.name = names;
  cols.orders = m.orders;
  cols.revenue = m.revenue;
  if (m.profit) cols.profit = m.profit;
  cols.recency_days = nullable(m.recencyDays);
  cols.first_order = isoColumn(m.firstDay);
  cols.last_order = isoColumn(m.lastDay);
  cols.avg_order_value = nullable(m.avgOrderValue);
  cols.orders_per_week = nullable(m.ordersPerWeek);
  cols.orders_per_month = nullable(m.ordersPerMonth);
  cols.monthly_spend = nullable(m.monthlySpend);
  cols.active_days = nullable(m.activeDays);
  cols.mean_gap_days = nullable(m.meanGap);
  cols.median_gap_days = nullable(m.medianGap);
  return cols;
}

function customerNames(ingested: IngestResult, ids: string[]): (string | null)[] | null {
  const c = ingested.customers;
  if (!c || !c.name) return orderNames(ingested, ids);
  const rowOf = new Map<string, number>();
  for (let i = 0; i < c.n; i++) if (!rowOf.has(c.customer[i])) rowOf.set(c.customer[i], i);
  return ids.map((id) => {
    const r = rowOf.get(id);
    return r === undefined ? null : c.name![r];
  });
}

/** Names the orders carry (客户编号 beside 客户名称), when no customer list gives names. */
function orderNames(ingested: IngestResult, ids: string[]): (string | null)[] | null {
  const o = ingested.orders;
  if (!o?.customerName || !o.customerKeys) return null;
  const byId = new Map<string, string | null>();
  o.customerKeys.forEach((k, c) => byId.set(k, o.customerName![c]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Rows left out because of an error (distinct table rows; issues beyond ingest's cap are not seen). */
function rowsWithIssues(issues: DataIssue[]): number {
  const rows = new Set<string>();
  for (const i of issues) if (i.row > 0 && i.severity === 'error') rows.add(`${i.table}:${i.sheet}:${i.row}`);
  return rows.size;
}

/**
 * The ingested order columns and most metric arrays live only inside this run (the result
 * copies what it shows), so they reuse buffers instead of adding ~28 MB of external memory per
 * million rows, which brought a full garbage collection every second run.
 */
export function classify(tables: InputTables, config: TieringConfig, onProgress?: ProgressFn): ClassificationResult {
  progress(onProgress, 'ingest');
  return classifyIngested(ingest(tables, config, REUSED), config, onProgress, undefined, true);
}

/** What the method steps share and add to: the metric run, the result columns and reports. */
interface Run {
  ingested: IngestResult;
  config: TieringConfig;
  onProgress?: ProgressFn;
  metrics: ReturnType<typeof computeMetrics>;
  cols: Record<string, Column>;
  summaries: MethodSummary[];
  tierColumns: { summary: MethodSummary; tiers: (string | null)[] }[];
  cuts: MethodCuts;
  warnings: Warning[];
  reports: Record<string, unknown>;
  pre?: PrecomputedMetrics;
  dimensions?: { name: string; column: string }[];
}

function addSummary(run: Run, method: string, tiers: (string | null)[], order: readonly string[]): void {
  const m = run.metrics.metrics;
  const summary = summarise(method, method, tiers, order, m.revenue, m.orders);
  run.summaries.push(summary);
  run.tierColumns.push({ summary, tiers });
}

/**
 * Metrics computed elsewhere (engine/facts.ts: from per-customer facts a database aggregated),
 * used instead of the order rows; the CLV summary is built from the same facts.
 */
export interface PrecomputedMetrics {
  run: MetricsRun;
  /** Null when the method steps should report that CLV needs orders. */
  clvSummary: (timeUnit: 'day' | 'week' | 'month') => RfmSummary | null;
}

/** `ownRun`: the caller lets nothing of this run outlive it but the result (metric arrays may reuse buffers). */
export function classifyIngested(ingested: IngestResult, config: TieringConfig, onProgress?: ProgressFn, pre?: PrecomputedMetrics, ownRun = false): ClassificationResult {
  const hasOrders = pre ? true : !!ingested.orders && ingested.orders.n > 0;
  const hasCustomers = !!ingested.customers && ingested.customers.n > 0;
  if (!hasOrders && !hasCustomers) throw new TieringError('no_usable_rows', {}, 'no usable order or customer rows');
  const run = startRun(ingested, config, onProgress, pre, ownRun);
  const { abc, rfm, activity, dimensions, detectDimensions, clv } = config.methods;
  if (abc?.enabled) abcStep(run, abc);
  if (rfm?.enabled) rfmStep(run, rfm);
  if (activity?.enabled) activityStep(run, activity);
  const chosen = chosenDimensions(dimensions, detectDimensions, ingested.customers, ingested.mapping.customers);
  const dim = dimensionColumns(chosen.names, ingested.customers, run.metrics.metrics.ids, new Set(Object.keys(run.cols)), ingested.mapping.customers);
  run.warnings.push(...chosen.warnings, ...dim.warnings);
  for (const d of dim.dims) run.cols[d.column] = d.values;
  run.dimensions = dim.dims.map((d) => ({ name: d.name, column: d.column }));
  preferencesStep(run);
  if (clv?.enabled) clvStep(run, clv, hasOrders);
  if (config.methods.rules.length > 0) rulesStep(run);
  progress(onProgress, 'summaries');
  const crosstabs: CrossTab[] = [];
  for (const d of dim.dims) for (const { summary, tiers } of run.tierColumns) crosstabs.push(crossTab(summary, tiers, d));
  return finish(run, crosstabs);
}

/** Ingested rows → per-customer metrics and the metric columns of the result. */
function startRun(ingested: IngestResult, config: TieringConfig, onProgress: ProgressFn | undefined, pre: PrecomputedMetrics | undefined, ownRun: boolean): Run {
  progress(onProgress, 'metrics');
  const metrics =
    pre?.run ??
    computeMetrics(ingested.orders, ingested.customers, {
      analysisDate: config.analysisDate,
      returns: config.returns,
      windowDays: config.methods.activity?.churn.windowDays ?? 90,
      keepOrders: !!config.methods.clv?.enabled,
      keepOrdersUntil: config.methods.clv?.enabled ? config.methods.clv.holdout?.end : undefined,
      buffers: ownRun ? REUSED : undefined,
    });
  // What reading did (header row found, amount computed, names taken) comes first.
  const warnings: Warning[] = [...(ingested.notes ?? [])];
  if (metrics.returnRows > 0) warnings.push({ code: config.returns === 'net' ? 'returns_netted' : 'returns_excluded', params: { count: metrics.returnRows } });
  if (metrics.ordersAfterAnalysisDate > 0) warnings.push({ code: 'orders_after_analysis_date', params: { count: metrics.ordersAfterAnalysisDate, date: metrics.analysisDate } });
  const cols = metricColumns(metrics.metrics, customerNames(ingested, metrics.metrics.ids), !pre && ownRun);
  return { ingested, config, onProgress, metrics, cols, summaries: [], tierColumns: [], cuts: {}, warnings, reports: {}, pre };
}

function abcStep(run: Run, cfg: NonNullable<TieringConfig['methods']['abc']>): void {
  progress(run.onProgress, 'abc');
  const res = classifyAbc(run.metrics.metrics, cfg);
  run.cols.abc = res.abc;
  run.cuts.abc = res.cuts;
  run.warnings.push(...res.warnings);
  addSummary(run, 'abc', res.abc, res.labels);
}

function rfmStep(run: Run, cfg: NonNullable<TieringConfig['methods']['rfm']>): void {
  progress(run.onProgress, 'rfm');
  const res = scoreRfm(run.metrics.metrics, cfg);
  Object.assign(run.cols, { rfm_r: res.r, rfm_f: res.f, rfm_m: res.m, rfm_score: res.score, rfm_segment: res.segment });
  run.cuts.rfm = res.cuts;
  run.warnings.push(...res.warnings);
  addSummary(run, 'rfm_segment', res.segment, [...res.segments.map((s) => s.name), OTHERS]);
}

function activityStep(run: Run, cfg: NonNullable<TieringConfig['methods']['activity']>): void {
  progress(run.onProgress, 'activity');
  const res = classifyActivity(run.metrics.metrics, cfg, run.metrics.analysisDay);
  Object.assign(run.cols, { activity: res.activity, frequency_tier: res.frequencyTier, spend_tier: res.spendTier, churn_risk: res.churnRisk });
  run.cuts.activity = res.cuts;
  addSummary(run, 'activity', res.activity, ACTIVITY_TIERS);
  addSummary(run, 'frequency_tier', res.frequencyTier, FREQUENCY_TIERS);
  addSummary(run, 'spend_tier', res.spendTier, SPEND_TIERS);
  addSummary(run, 'churn_risk', res.churnRisk, CHURN_TIERS);
}

function clvStep(run: Run, cfg: NonNullable<TieringConfig['methods']['clv']>, hasOrders: boolean): void {
  progress(run.onProgress, 'clv');
  const kept = run.metrics.keptOrders;
  const summary = run.pre ? run.pre.clvSummary(cfg.timeUnit) : null;
  if (!summary && (!kept || !hasOrders)) {
    run.warnings.push({ code: 'clv_needs_orders' });
    return;
  }
  const res = summary ? computeClvFromSummary(summary, cfg) : computeClv(kept!, run.metrics.metrics.ids, run.metrics.analysisDay, cfg);
  if (!res.ok) {
    run.warnings.push({ code: 'clv_failed', params: { code: res.code, message: res.message } });
    return;
  }
  for (const [column, values] of Object.entries(res.columns)) run.cols[column] = values as Column;
  run.reports.clv = res.report;
  const tiers = res.columns.clv_tier;
  if (Array.isArray(tiers)) addSummary(run, 'clv_tier', tiers as (string | null)[], clvTierKeys(cfg.tierCuts.length + 1));
}

/**
 * Needs and habits (issue 15): on when configured, or by default when the orders carry a category
 * or channel column. Runs after ABC, RFM and activity (its insight is cut by their tiers) and
 * before the rules (which may name its columns).
 */
function preferencesStep(run: Run): void {
  const orders = run.ingested.orders;
  const h = orders?.habits;
  const cfg = run.config.methods.preferences ?? (h && (h.category || h.subcategory || h.channel) ? PreferencesSchema.parse({}) : undefined);
  if (!orders || !cfg?.enabled) return;
  const by = run.tierColumns
    .filter((x) => x.summary.method === 'abc' || x.summary.method === 'rfm_segment' || x.summary.method === 'activity')
    .map((x) => ({ method: x.summary.method, tiers: x.tiers, order: x.summary.tiers.map((s) => s.tier) }));
  const res = runPreferences(orders, run.metrics.metrics.ids, run.metrics.analysisDay, cfg, by);
  if (!res) {
    run.warnings.push({ code: 'preferences_need_columns' });
    return;
  }
  for (const [column, values] of Object.entries(res.columns)) run.cols[column] = values;
  for (const x of res.habits) addSummary(run, x.method, x.tiers, x.order);
  run.reports.preferences = res.report;
}

/** Rule sets run last, so they can use every other column (CLV included). */
function rulesStep(run: Run): void {
  progress(run.onProgress, 'rules');
  const rules = run.config.methods.rules;
  const res = applyRuleSets(aq.table(run.cols) as ColumnTable, rules, run.config.locale, {
    analysisDate: dayToDate(run.metrics.analysisDay),
  });
  for (const [column, tiers] of Object.entries(res.columns)) {
    run.cols[column] = tiers;
    const rs = rules.find((r) => ruleColumnName(r.name) === column);
    addSummary(run, column, tiers, rs ? [...rs.rules.map((r) => r.tier), rs.otherwise] : []);
  }
  run.reports.rules = res.reports;
  for (const e of res.errors) run.warnings.push({ code: 'rule_error', params: { ruleSet: e.ruleSet, message: e.message } });
}

function finish(run: Run, crosstabs: CrossTab[]): ClassificationResult {
  const { metrics: mr, ingested, config } = run;
  const m = mr.metrics;
  const withOrders = countSet(m.hasOrders);
  return {
    analysisDate: mr.analysisDate,
    analysisDateSource: mr.analysisDateSource,
    configVersion: config.version,
    customers: aq.table(run.cols) as ColumnTable,
    summaries: run.summaries,
    crosstabs,
    cuts: run.cuts,
    issues: ingested.issues,
    issuesTotal: ingested.issuesTotal ?? ingested.issues.length,
    stats: {
      orderRows: ingested.orderRows,
      ordersUsed: mr.ordersUsed,
      ordersAfterAnalysisDate: mr.ordersAfterAnalysisDate,
      returnRows: mr.returnRows,
      returnsPolicy: config.returns,
      customers: m.n,
      customersWithOrders: withOrders,
      potentialCustomers: m.n - withOrders,
      rowsWithIssues: rowsWithIssues(ingested.issues),
    },
    warnings: run.warnings,
    reports: run.reports,
    dimensions: run.dimensions ?? [],
  };
}
