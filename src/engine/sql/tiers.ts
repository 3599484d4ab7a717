// Warehouse tiers: SQL that computes ABC, RFM, activity, churn and rule tiers inside the
// database, identical to the engine's (docs/scale.md, "Tiers inside the warehouse").
//  Phase 1  the facts query (facts.ts) as a CTE, and the per-customer metrics from it, with
//           the same double arithmetic as engine/facts.ts (rates, gaps, recency).
//  Phase 2  small exact queries: a value histogram of recency and order counts, then the money
//           and average-order-value values at the positions type-7 reads (cuts.ts). The engine
//           computes the cut points from them with its own code.
//  Phase 3  CREATE TABLE … AS with the cut points bound: plain comparisons, ROW_NUMBER over a
//           total order (value, then the engine's id order), exact cumulative sums for ABC's
//           value share, MIN over ties (ties share the class of the first), rule CASEs (rules.ts).
// No percentile function, no NTILE. CLV is not computed here: it needs numerical fitting,
// which the engine does from the facts (`classify` on a facts source).
import type { TieringConfig } from '../../config/schema';
import { dayToDate } from '../calendar';
import { CANONICAL_INT, DAYS_PER_MONTH, MIN_RATE_WINDOW_DAYS } from '../metrics';
import { ABC_EPS, abcLabels, DEFAULT_CUTS, VALUE_SCALE } from '../methods/abc';
import { effectiveSegments, OTHERS } from '../methods/rfm';
import { compileRuleSet, ruleSetMessage } from '../methods/rules/compile';
import { engineFields } from '../methods/rules/fields';
import type { FieldInfo, RuleError } from '../methods/rules/types';
import { RESULT_COLUMNS } from '../columns';
import type { Locale } from '../../i18n';
import { Binder, int, type Statement } from './bind';
import { positionsRead, quantileProbs, type TierCuts } from './cuts';
import { factsSql, type FactsQueryInput } from './facts';
import { DIALECT } from './dialects';
import { ruleSetSql, type RuleColumns } from './rules';

export interface TiersInput {
  facts: FactsQueryInput;
  config: TieringConfig;
  /** The result table, as name parts (e.g. ["analytics", "customer_tiers"]). */
  into: string[];
  /** Language of rule messages (default: the config's). */
  locale?: Locale;
  /** Facts already stored (factsTableSql): read them instead of recomputing them in each phase. */
  factsTable?: string;
}

/** The id order as SQL sort keys: canonical integers first by value, then text by code point. */
const ID_ORDER = 'k1, k2, k3';
/** Outside a regex character class, \d means [0-9] in every dialect's regex flavour. */
const INT_RE = CANONICAL_INT.source.replace(/^\^|\$$/g, '').replace(/\\d/g, '[0-9]');

/** The facts query and the metrics from it: `WITH f AS (…), m0 AS (…), m AS (…)`. */
function metricsCtes(b: Binder, facts: Statement, withProfit: boolean): string {
  const { d, x } = b;
  const dbl = (e: string) => `CAST(${e} AS ${x.double})`;
  const H = 'f.order_rows > 0';
  const isInt = x.fullMatch('f.cid', INT_RE);
  const profit = withProfit ? `f.profit AS profit_text, ${dbl('f.profit')} AS profit,` : '';
  const win = `(CASE WHEN a - first_day + 1 > ${b.num(MIN_RATE_WINDOW_DAYS)} THEN a - first_day + 1 ELSE ${b.num(MIN_RATE_WINDOW_DAYS)} END)`;
  const month = b.num(DAYS_PER_MONTH);
  return `WITH f AS (
${facts.sql.trimEnd()}
),
m0 AS (
  SELECT f.cid AS cid, CASE WHEN ${H} THEN 1 ELSE 0 END AS h, ${dbl('f.a')} AS a,
    CASE WHEN ${isInt} THEN 0 ELSE 1 END AS k1, CASE WHEN ${isInt} THEN ${dbl('f.cid')} END AS k2, ${d.toText('f.cid')} AS k3,
    CASE WHEN ${H} THEN ${dbl('f.orders')} ELSE ${b.num(0)} END AS orders,
    f.revenue AS revenue_text, ${dbl('f.revenue')} AS revenue, ${profit}
    CASE WHEN ${H} THEN ${dbl('f.first_day')} END AS first_day,
    CASE WHEN ${H} THEN ${dbl('f.last_day')} END AS last_day,
    CASE WHEN ${H} THEN ${dbl('f.active_days')} END AS active_days,
    CASE WHEN ${H} THEN ${dbl('f.recent_days')} END AS recent_days,
    CASE WHEN ${H} AND f.active_days > 1 THEN ${dbl('f.gap2')} END AS gap2
  FROM f
),
m AS (
  SELECT m0.*, a - last_day AS recency_days,
    CASE WHEN h = 1 THEN revenue / orders END AS avg_order_value,
    (orders / ${win}) * ${b.num(7)} AS orders_per_week,
    (orders / ${win}) * ${month} AS orders_per_month,
    (revenue / ${win}) * ${month} AS monthly_spend,
    CASE WHEN active_days > 1 THEN (last_day - first_day) / (active_days - ${b.num(1)}) END AS mean_gap_days,
    gap2 / ${b.num(2)} AS median_gap_days,
    active_days - recent_days AS earlier_days
  FROM m0
)`;
}

/** Money value of ABC or RFM: revenue, or profit when mapped (else revenue, as the engine warns). */
function moneyColumn(basis: string, withProfit: boolean): 'revenue' | 'profit' {
  return basis === 'profit' && withProfit ? 'profit' : 'revenue';
}

function withProfitOf(input: TiersInput): boolean {
  return !!input.facts.columns.profit;
}

/** Phase 1 stored: CREATE TEMPORARY TABLE … AS the facts query, for engines where a session may
 * write temporary tables (the DuckDB run); the phases then read it instead of the orders. */
export function factsTableSql(input: TiersInput, table: string): Statement {
  const { facts } = startStatement({ ...input, factsTable: undefined });
  return { ...facts, sql: `CREATE TEMPORARY TABLE ${DIALECT[input.facts.dialect].ident(table)} AS\n${facts.sql}` };
}

/** A new binder whose placeholders follow the facts query's (or a stored facts table, no parameters). */
function startStatement(input: TiersInput): { b: Binder; facts: Statement } {
  if (input.factsTable) {
    const sql = `SELECT * FROM ${DIALECT[input.facts.dialect].ident(input.factsTable)}`;
    return { b: new Binder(input.facts.dialect), facts: { sql, params: [], named: [], order: [] } };
  }
  const q = factsSql(input.facts);
  // The facts parameters by name (a numbered dialect gives one value per name).
  const byName = factsSql({ ...input.facts, dialect: 'duckdb' });
  const named = q.names.map((name, i) => ({ name, type: 'int' as const, value: byName.params[i] }));
  // Each facts parameter occurs once in its text, in name order.
  return { b: new Binder(input.facts.dialect, q.names.length), facts: { sql: q.sql, params: q.params, named, order: q.names } };
}

/** Phase 2a: customers with orders, and the histograms of recency days and order counts. */
export function histogramSql(input: TiersInput): Statement {
  const { b, facts } = startStatement(input);
  const sql = `${metricsCtes(b, facts, withProfitOf(input))}
SELECT 'n' AS part, ${b.num(0)} AS v, COUNT(*) AS n FROM m WHERE h = 1
UNION ALL
SELECT 'r' AS part, recency_days AS v, COUNT(*) AS n FROM m WHERE h = 1 GROUP BY recency_days
UNION ALL
SELECT 'f' AS part, orders AS v, COUNT(*) AS n FROM m WHERE h = 1 GROUP BY orders`;
  return b.statement(sql, facts);
}

/** Phase 2b: the money and average order values at the positions type-7 reads; null when none is needed. */
export function positionsSql(input: TiersInput, n: number | null): Statement | null {
  const probs = quantileProbs(input.config);
  if (probs.rfm.length === 0 && probs.spend.length === 0) return null;
  const { b, facts } = startStatement(input);
  const money = moneyColumn(input.config.methods.rfm?.monetary ?? 'revenue', withProfitOf(input));
  // Positions are bound (1-based); printed without a count they are NULL, to be filled in.
  const slots = (part: string, ps: number[]) => (n === null ? ps.flatMap(() => [null, null]) : positionsRead(n, ps)).map((k, i) => b.p(`${part}_pos_${int(i + 1)}`, 'int', k === null ? null : k + 1));
  const parts: string[] = [];
  if (probs.rfm.length) {
    parts.push(`SELECT 'm' AS part, pos, v_text, v FROM (SELECT ROW_NUMBER() OVER (ORDER BY ${money}, ${ID_ORDER}) AS pos, ${money}_text AS v_text, ${money} AS v FROM m WHERE h = 1) q
WHERE pos IN (${slots('m', probs.rfm).join(', ')})`);
  }
  if (probs.spend.length) {
    parts.push(`SELECT 's' AS part, pos, CAST(NULL AS ${b.x.text}) AS v_text, v FROM (SELECT ROW_NUMBER() OVER (ORDER BY avg_order_value, ${ID_ORDER}) AS pos, avg_order_value AS v FROM m WHERE h = 1) q
WHERE pos IN (${slots('s', probs.spend).join(', ')})`);
  }
  return b.statement(`${metricsCtes(b, facts, withProfitOf(input))}\n${parts.join('\nUNION ALL\n')}`, facts);
}

/** Nested CASE: the number of leading conditions that hold (conditions hold for a prefix). */
function prefixCount(conds: string[]): string {
  if (conds.length === 0) return '0';
  return `CASE ${conds.map((c, i) => `WHEN NOT (${c}) THEN ${int(i)}`).join(' ')} ELSE ${int(conds.length)} END`;
}

/** Sum of 0/1 conditions. */
function countTrue(conds: string[]): string {
  return conds.length ? conds.map((c) => `(CASE WHEN ${c} THEN 1 ELSE 0 END)`).join(' + ') : '0';
}

interface Parts {
  /** Window columns over m (ROW_NUMBER, counts, cumulative sums). */
  w: string[];
  /** Per-row columns over w. */
  c: string[];
  /** Columns over c (window over ties, scores from bins). */
  s: string[];
  /** Output columns: engine column name → expression over s. */
  out: [string, string][];
}

function abcParts(b: Binder, cfg: NonNullable<TieringConfig['methods']['abc']>, withProfit: boolean, p: Parts): void {
  const cuts = [...(cfg.cuts ?? DEFAULT_CUTS[cfg.mode])];
  const labels = abcLabels(cfg);
  const value = cfg.basis === 'orders' ? 'orders' : moneyColumn(cfg.basis, withProfit);
  const order = `PARTITION BY h ORDER BY abc_v DESC, ${ID_ORDER}`;
  const thresholds = cuts.map((cut, i) => b.p(`abc_cut_${int(i + 1)}`, 'double', cut - ABC_EPS));
  p.c.push(`${value} AS abc_v`);
  // Exact ten-thousandths of the positive values (abc.ts VALUE_SCALE), summed as integers.
  const scaled = value === 'orders' ? `CAST(orders AS ${b.x.bigint}) * ${int(VALUE_SCALE)}` : `CAST(${b.d.toDecimal(`${value}_text`, 'text')} * ${int(VALUE_SCALE)} AS ${b.x.bigint})`;
  p.c.push(`CASE WHEN ${value} > 0 THEN ${scaled} ELSE 0 END AS abc_s`);
  p.s.push(`ROW_NUMBER() OVER (${order}) AS abc_rn`, `SUM(abc_s) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS abc_before`, `SUM(abc_s) OVER (PARTITION BY h) AS abc_total`);
  const dbl = (e: string) => `CAST(${e} AS ${b.x.double})`;
  const share =
    cfg.mode === 'customer-share'
      ? `${dbl('abc_rn - 1')} / ${dbl('hn')}`
      : `(CASE WHEN abc_total > 0 THEN ${dbl('COALESCE(abc_before, 0)')} / ${dbl('abc_total')} ELSE ${b.num(0)} END)`;
  p.out.push(['abc_c0', prefixCount(thresholds.map((t) => `${share} >= ${t}`))]);
  const label = labels.map((l, i) => `WHEN ${int(i)} THEN ${b.p(`abc_label_${int(i + 1)}`, 'text', l)}`).join(' ');
  // Ties share the class of the first of them: classes grow with the rank, so the smallest.
  p.out.push(['abc', `CASE WHEN h = 1 THEN CASE MIN(abc_c0) OVER (PARTITION BY h, abc_v) ${label} END END`]);
}

function rfmParts(b: Binder, cfg: NonNullable<TieringConfig['methods']['rfm']>, withProfit: boolean, cuts: TierCuts, p: Parts): void {
  const bins = cfg.bins;
  const money = moneyColumn(cfg.monetary, withProfit);
  const measures = [
    ['r', 'recency_days', cuts.recency],
    ['f', 'orders', cuts.frequency],
    ['m', money, cuts.monetary],
  ] as const;
  const bin: Record<string, string> = {};
  for (const [k, col, cut] of measures) {
    if (cfg.scoring === 'rank') {
      // Exact n-tiles by rank: position p (0-based) of N → ⌊p·bins/N⌋, by integer comparisons.
      p.s.push(`ROW_NUMBER() OVER (PARTITION BY h ORDER BY ${col}, ${ID_ORDER}) - 1 AS rfm_${k}_pos`);
      const conds: string[] = [];
      for (let j = 1; j < bins; j++) conds.push(`rfm_${k}_pos * ${int(bins)} >= ${int(j)} * hn`);
      bin[k] = countTrue(conds);
    } else {
      // quantile: [lower, upper) → cut ≤ value; quantile-inclusive and fixed: cut < value.
      const op = cfg.scoring === 'quantile' ? '>=' : '>';
      bin[k] = countTrue(cut.map((c, j) => `${col} ${op} ${b.p(`rfm_${k}_cut_${int(j + 1)}`, 'double', c)}`));
    }
  }
  const low = cfg.best === 'low';
  // R reversed (recent = high); best "low" mirrors every score.
  p.out.push(['rfm_r', `CASE WHEN h = 1 THEN ${low ? `1 + (${bin.r})` : `${int(bins)} - (${bin.r})`} END`]);
  p.out.push(['rfm_f', `CASE WHEN h = 1 THEN ${low ? `${int(bins)} - (${bin.f})` : `1 + (${bin.f})`} END`]);
  p.out.push(['rfm_m', `CASE WHEN h = 1 THEN ${low ? `${int(bins)} - (${bin.m})` : `1 + (${bin.m})`} END`]);
  p.out.push(['rfm_score', '100 * rfm_r + 10 * rfm_f + rfm_m']);
  const segs = effectiveSegments(cfg).map((s, i) => {
    const range = (col: string, [lo, hi]: [number, number]) => `${col} BETWEEN ${int(lo)} AND ${int(hi)}`;
    return `WHEN ${range('rfm_r', s.r)} AND ${range('rfm_f', s.f)} AND ${range('rfm_m', s.m)} THEN ${b.p(`rfm_segment_${int(i + 1)}`, 'text', s.name)}`;
  });
  p.out.push(['rfm_segment', `CASE WHEN h = 1 THEN CASE ${segs.join(' ')} ELSE ${b.p('rfm_segment_others', 'text', OTHERS)} END END`]);
}

function activityParts(b: Binder, cfg: NonNullable<TieringConfig['methods']['activity']>, cuts: TierCuts, p: Parts): void {
  const q = (name: string, v: number) => b.p(name, 'double', v);
  const { gapRatio, rateDrop, windowDays, minOrders } = cfg.churn;
  const wd = q('churn_window_days', windowDays);
  p.c.push(`CASE WHEN a - ${wd} - first_day > 0 THEN a - ${wd} - first_day ELSE ${b.num(0)} END AS span`);
  p.c.push(`CASE WHEN a - ${wd} - first_day > 0 THEN earlier_days / (a - ${wd} - first_day) ELSE ${b.num(0)} END AS earlier_rate`);
  p.out.push([
    'activity',
    `CASE WHEN h = 0 THEN 'potential' WHEN a - first_day <= ${q('new_days', cfg.newDays)} THEN 'new' WHEN recency_days <= ${q('active_days', cfg.activeDays)} THEN 'active' WHEN recency_days <= ${q('silent_days', cfg.silentDays)} THEN 'silent' ELSE 'lost' END`,
  ]);
  p.out.push([
    'frequency_tier',
    `CASE WHEN h = 1 THEN CASE WHEN orders_per_week >= ${q('per_week', cfg.frequency.perWeek)} THEN 'several_per_week' WHEN orders_per_month >= ${q('per_month', cfg.frequency.perMonth)} THEN 'few_per_month' ELSE 'monthly_or_less' END END`,
  ]);
  p.out.push([
    'spend_tier',
    `CASE WHEN h = 1 THEN CASE WHEN avg_order_value > ${q('spend_high', cuts.spendHigh)} THEN 'high' WHEN avg_order_value < ${q('spend_low', cuts.spendLow)} THEN 'low' ELSE 'mid' END END`,
  ]);
  const gapRule = `recency_days > ${q('gap_ratio', gapRatio)} * median_gap_days`;
  const rateRule = `(span >= ${wd} AND earlier_rate * ${wd} >= ${b.num(1)} AND recent_days / ${wd} < ${q('rate_drop', rateDrop)} * earlier_rate)`;
  p.out.push(['churn_risk', `CASE WHEN h = 0 THEN NULL WHEN NOT (active_days >= ${q('min_orders', minOrders)}) THEN 'unknown' WHEN ${gapRule} OR ${rateRule} THEN 'warning' ELSE 'ok' END`]);
}

/** A rule that cannot be compiled for the warehouse: the engine's message, or a column/function the SQL lacks. */
export class TiersRuleError extends Error {
  constructor(
    readonly ruleSet: string,
    readonly errors: RuleError[],
  ) {
    super(`${ruleSet}: ${errors.map((e) => e.message).join('; ')}`);
  }
}

/** Engine columns the tiers SQL computes, as SQL expressions over the final CTE (rules name these). */
function ruleColumns(available: Set<string>): RuleColumns {
  const sqlName: Record<string, string> = { customer_id: 'cid', first_order: 'first_day', last_order: 'last_day' };
  return { get: (name) => (available.has(name) ? (sqlName[name] ?? name) : undefined) };
}

const METRIC_COLUMNS = ['customer_id', 'orders', 'revenue', 'recency_days', 'first_order', 'last_order', 'avg_order_value', 'orders_per_week', 'orders_per_month', 'monthly_spend', 'active_days', 'mean_gap_days', 'median_gap_days'];

/** Every column a rule may name in the engine (CLV's too), so a column the SQL lacks is named as such. */
function ruleFields(): FieldInfo[] {
  const fields = engineFields();
  const known = new Set(fields.map((f) => f.name));
  for (const [name, kind] of Object.entries(RESULT_COLUMNS)) {
    if (!known.has(name)) fields.push({ name, type: kind === 'date' ? 'date' : kind === 'text' || kind === 'tier' || kind === 'id' ? 'string' : 'number' });
  }
  return fields;
}

/** Rule sets → CASE expressions; a rule the engine rejects, or that names a column the SQL lacks, throws. */
function rulesParts(b: Binder, config: TieringConfig, available: Set<string>, locale: Locale): [string, string][] {
  const out: [string, string][] = [];
  // The analysis date only matters for checking days_since(); its value in SQL is the facts' day.
  const analysisDate = dayToDate(0);
  config.methods.rules.forEach((set, i) => {
    const res = compileRuleSet(set, ruleFields(), locale, { analysisDate });
    if (!res.ok) throw new TiersRuleError(set.name, res.errors);
    const column = res.compiled.column;
    // Two sets writing one column (some databases ignore the case of column names): stop.
    if (out.some(([c]) => c.toLowerCase() === column.toLowerCase())) {
      const message = ruleSetMessage(locale, set.name, 'duplicate_column', { column });
      throw new TiersRuleError(set.name, [{ ruleIndex: -1, line: 1, column: 1, offset: 0, length: 0, message }]);
    }
    out.push([column, ruleSetSql(res.compiled, `rule${int(i + 1)}`, b, ruleColumns(available), 'a')]);
  });
  return out;
}

/** Phase 3: the CREATE TABLE … AS statement, with the cut points bound. */
export function scoreSql(input: TiersInput, cuts: TierCuts): Statement {
  const { b, facts } = startStatement(input);
  const withProfit = withProfitOf(input);
  const { abc, rfm, activity } = input.config.methods;
  const p: Parts = { w: [], c: [], s: [], out: [] };
  if (abc?.enabled) abcParts(b, abc, withProfit, p);
  if (rfm?.enabled) rfmParts(b, rfm, withProfit, cuts, p);
  if (activity?.enabled) activityParts(b, activity, cuts, p);
  const tierCols = p.out.map(([name]) => name).filter((n) => n !== 'abc_c0');
  const available = new Set([...METRIC_COLUMNS, ...(withProfit ? ['profit'] : []), ...tierCols]);
  const rules = rulesParts(b, input.config, available, input.locale ?? input.config.locale);
  const { d } = b;
  // Each output column is computed in its own CTE level when it reads an earlier one.
  const levels: [string, string][][] = [[], [], []];
  for (const [name, expr] of p.out) {
    if (name === 'abc' || name === 'rfm_score') levels[1].push([name, expr]);
    else if (name === 'rfm_segment') levels[2].push([name, expr]);
    else levels[0].push([name, expr]);
  }
  const cols = (xs: string[]) => (xs.length ? `, ${xs.join(', ')}` : '');
  const select = (from: string, list: [string, string][]) => `SELECT ${from}.*${cols(list.map(([n, e]) => `${e} AS ${n}`))} FROM ${from}`;
  const outCols = [
    `cid AS ${d.ident('customer_id')}`,
    `orders AS ${d.ident('orders')}`,
    `${d.toDecimal('revenue_text', 'text')} AS ${d.ident('revenue')}`,
    ...(withProfit ? [`${d.toDecimal('profit_text', 'text')} AS ${d.ident('profit')}`] : []),
    `recency_days AS ${d.ident('recency_days')}`,
    ...tierCols.map((n) => `${n} AS ${d.ident(n)}`),
    ...rules.map(([n, e]) => `${e} AS ${d.ident(n)}`),
  ];
  const sql = `${b.x.createAs(input.into.map((x) => d.ident(x)).join('.'))}
${metricsCtes(b, facts, withProfit)},
c AS (SELECT m.*, COUNT(*) OVER (PARTITION BY h) AS hn${cols(p.c)} FROM m),
w AS (SELECT c.*${cols(p.s)} FROM c),
s0 AS (${select('w', levels[0])}),
s1 AS (${select('s0', levels[1])}),
s AS (${select('s1', levels[2])})
SELECT ${outCols.join(',\n  ')}
FROM s`;
  return b.statement(sql, facts);
}
