// classify: input grids + config → ClassificationResult. Runs ingest, the per-customer metrics
// kernel, then each configured method over the metric arrays, and only at the end builds the
// arquero result table. Deterministic: customers are ordered by id and every aggregate is
// independent of input row order.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { TieringConfig } from '../config/schema';
import { registerMessages } from '../i18n';
import { messages } from '../i18n/messages/engine';
import { ingest } from './ingest';
import { dayToDate, dayToIso } from './calendar';
import { computeMetrics, type CustomerMetrics } from './metrics';
import { classifyAbc } from './methods/abc';
import { ACTIVITY_TIERS, CHURN_TIERS, FREQUENCY_TIERS, SPEND_TIERS, classifyActivity } from './methods/activity';
import { computeClv } from './methods/clv';
import { tierNames as clvTierNames } from './methods/clv/value';
import { crossTab, dimensionColumns } from './methods/dimensions';
import { OTHERS, scoreRfm } from './methods/rfm';
import { applyRuleSets, ruleColumnName } from './methods/rules';
import { summarise } from './summaries';
import {
  TieringError,
  type ClassificationResult,
  type CrossTab,
  type DataIssue,
  type IngestResult,
  type InputTables,
  type MethodSummary,
  type ProgressFn,
  type ProgressStage,
} from './types';

registerMessages(messages);

type Column = ArrayLike<unknown> & Iterable<unknown>;
type Warning = ClassificationResult['warnings'][number];

const STAGES: ProgressStage[] = ['ingest', 'metrics', 'abc', 'rfm', 'activity', 'rules', 'clv', 'summaries'];

function progress(onProgress: ProgressFn | undefined, stage: ProgressStage): void {
  onProgress?.({ stage, done: STAGES.indexOf(stage), total: STAGES.length });
}

/**
 * NaN → null, so consumers (CSV, workbook, rules) see a blank rather than a NaN. A column with
 * no missing value stays the Float64Array it is (no copy).
 */
function nullable(a: Float64Array): Float64Array | (number | null)[] {
  let i = 0;
  while (i < a.length && a[i] === a[i]) i++;
  if (i === a.length) return a;
  const out = new Array<number | null>(a.length);
  for (let j = 0; j < a.length; j++) out[j] = a[j] === a[j] ? a[j] : null;
  return out;
}

function isoColumn(days: Float64Array): (string | null)[] {
  const cache = new Map<number, string>();
  const out = new Array<string | null>(days.length);
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

function metricColumns(m: CustomerMetrics, names: (string | null)[] | null): Record<string, Column> {
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
  if (!c || !c.name) return null;
  const rowOf = new Map<string, number>();
  for (let i = 0; i < c.n; i++) if (!rowOf.has(c.customer[i])) rowOf.set(c.customer[i], i);
  return ids.map((id) => {
    const r = rowOf.get(id);
    return r === undefined ? null : c.name![r];
  });
}

/** Rows left out because of an error (distinct table rows; issues beyond ingest's cap are not seen). */
function rowsWithIssues(issues: DataIssue[]): number {
  const rows = new Set<string>();
  for (const i of issues) if (i.row > 0 && i.severity === 'error') rows.add(`${i.table}:${i.sheet}:${i.row}`);
  return rows.size;
}

export function classify(tables: InputTables, config: TieringConfig, onProgress?: ProgressFn): ClassificationResult {
  progress(onProgress, 'ingest');
  return classifyIngested(ingest(tables, config), config, onProgress);
}

export function classifyIngested(ingested: IngestResult, config: TieringConfig, onProgress?: ProgressFn): ClassificationResult {
  const hasOrders = !!ingested.orders && ingested.orders.n > 0;
  const hasCustomers = !!ingested.customers && ingested.customers.n > 0;
  if (!hasOrders && !hasCustomers) throw new TieringError('no_usable_rows', {}, 'no usable order or customer rows');

  const { abc: abcCfg, rfm: rfmCfg, activity: actCfg, dimensions, rules, clv: clvCfg } = config.methods;
  const warnings: Warning[] = [];

  progress(onProgress, 'metrics');
  const run = computeMetrics(ingested.orders, ingested.customers, {
    analysisDate: config.analysisDate,
    returns: config.returns,
    windowDays: actCfg?.churn.windowDays ?? 90,
    keepOrders: !!clvCfg?.enabled,
  });
  const m = run.metrics;
  if (run.returnRows > 0) warnings.push({ code: config.returns === 'net' ? 'returns_netted' : 'returns_excluded', params: { count: run.returnRows } });
  if (run.ordersAfterAnalysisDate > 0) warnings.push({ code: 'orders_after_analysis_date', params: { count: run.ordersAfterAnalysisDate, date: run.analysisDate } });

  const cols = metricColumns(m, customerNames(ingested, m.ids));
  const summaries: MethodSummary[] = [];
  const tierColumns: { summary: MethodSummary; tiers: (string | null)[] }[] = [];
  const cuts: Record<string, unknown> = {};
  const addSummary = (method: string, column: string, tiers: (string | null)[], order: readonly string[]) => {
    const summary = summarise(method, column, tiers, order, m.revenue, m.orders);
    summaries.push(summary);
    tierColumns.push({ summary, tiers });
  };

  if (abcCfg?.enabled) {
    progress(onProgress, 'abc');
    const res = classifyAbc(m, abcCfg);
    cols.abc = res.abc;
    cuts.abc = res.cuts;
    warnings.push(...res.warnings);
    addSummary('abc', 'abc', res.abc, res.labels);
  }
  if (rfmCfg?.enabled) {
    progress(onProgress, 'rfm');
    const res = scoreRfm(m, rfmCfg);
    Object.assign(cols, { rfm_r: res.r, rfm_f: res.f, rfm_m: res.m, rfm_score: res.score, rfm_segment: res.segment });
    cuts.rfm = res.cuts;
    warnings.push(...res.warnings);
    addSummary('rfm_segment', 'rfm_segment', res.segment, [...res.segments.map((s) => s.name), OTHERS]);
  }
  if (actCfg?.enabled) {
    progress(onProgress, 'activity');
    const res = classifyActivity(m, actCfg, run.analysisDay);
    Object.assign(cols, { activity: res.activity, frequency_tier: res.frequencyTier, spend_tier: res.spendTier, churn_risk: res.churnRisk });
    cuts.activity = res.cuts;
    addSummary('activity', 'activity', res.activity, ACTIVITY_TIERS);
    addSummary('frequency_tier', 'frequency_tier', res.frequencyTier, FREQUENCY_TIERS);
    addSummary('spend_tier', 'spend_tier', res.spendTier, SPEND_TIERS);
    addSummary('churn_risk', 'churn_risk', res.churnRisk, CHURN_TIERS);
  }

  const dim = dimensionColumns(dimensions, ingested.customers, m.ids, new Set(Object.keys(cols)), ingested.mapping.customers);
  warnings.push(...dim.warnings);
  for (const d of dim.dims) cols[d.column] = d.values;

  const reports: Record<string, unknown> = {};
  if (clvCfg?.enabled) {
    progress(onProgress, 'clv');
    if (!run.keptOrders || !hasOrders) warnings.push({ code: 'clv_needs_orders' });
    else {
      const res = computeClv(run.keptOrders, m.ids, run.analysisDay, clvCfg);
      if (res.ok) {
        for (const [column, values] of Object.entries(res.columns)) cols[column] = values as Column;
        reports.clv = res.report;
        const tiers = res.columns.clv_tier;
        if (Array.isArray(tiers)) addSummary('clv_tier', 'clv_tier', tiers as (string | null)[], clvTierNames(clvCfg.tierCuts.length + 1));
      } else warnings.push({ code: 'clv_failed', params: { code: res.code, message: res.message } });
    }
  }

  if (rules.length > 0) {
    progress(onProgress, 'rules');
    const res = applyRuleSets(aq.table(cols) as ColumnTable, rules, config.locale, {
      analysisDate: dayToDate(run.analysisDay),
    });
    for (const [column, tiers] of Object.entries(res.columns)) {
      cols[column] = tiers;
      const rs = rules.find((r) => ruleColumnName(r.name) === column);
      addSummary(column, column, tiers, rs ? [...rs.rules.map((r) => r.tier), rs.otherwise] : []);
    }
    reports.rules = res.reports;
    for (const e of res.errors) warnings.push({ code: 'rule_error', params: { ruleSet: e.ruleSet, message: e.message } });
  }

  progress(onProgress, 'summaries');
  const crosstabs: CrossTab[] = [];
  for (const d of dim.dims) for (const { summary, tiers } of tierColumns) crosstabs.push(crossTab(summary, tiers, d));

  let withOrders = 0;
  for (let i = 0; i < m.n; i++) withOrders += m.hasOrders[i];
  return {
    analysisDate: run.analysisDate,
    analysisDateSource: run.analysisDateSource,
    configVersion: config.version,
    customers: aq.table(cols) as ColumnTable,
    summaries,
    crosstabs,
    cuts,
    issues: ingested.issues,
    issuesTotal: ingested.issuesTotal ?? ingested.issues.length,
    stats: {
      orderRows: ingested.orderRows,
      ordersUsed: run.ordersUsed,
      ordersAfterAnalysisDate: run.ordersAfterAnalysisDate,
      returnRows: run.returnRows,
      returnsPolicy: config.returns,
      customers: m.n,
      customersWithOrders: withOrders,
      potentialCustomers: m.n - withOrders,
      rowsWithIssues: rowsWithIssues(ingested.issues),
    },
    warnings,
    reports,
  };
}
