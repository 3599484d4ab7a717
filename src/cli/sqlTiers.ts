// `customer-tiers sql --tiers`: the warehouse tiers script (engine/sql/tiers.ts) — printed with
// every bound parameter named and explained, or run (--run) against DuckDB (a CSV or Parquet
// file) or PostgreSQL, where the engine computes the cut points between phase 2 and phase 3.
import type { TieringConfig } from '../config';
import { t, type Locale } from '../i18n';
import type { Param, Statement } from '../engine/sql/bind';
import { emptyCutInputs, tierCuts } from '../engine/sql/cuts';
import type { FactsQueryInput } from '../engine/sql/facts';
import { RuleSqlError } from '../engine/sql/rules';
import { histogramSql, positionsSql, scoreSql, TiersRuleError, type TiersInput } from '../engine/sql/tiers';
import { TieringError } from '../engine/types';
import { describeKnownError } from '../workbook/describeError';
import { SourceError } from '../sources/common';
import { isPostgresUrl } from '../sources/postgres';
import { duckdbTiers, postgresTiers, type TiersRun } from '../sources/tiers';

/** Where each kind of parameter's value comes from, for the script's comments. */
function explain(locale: Locale, p: Param): string {
  const cut = /^rfm_([rfm])_cut_(\d+)$/.exec(p.name);
  if (p.value === null || (typeof p.value === 'number' && Number.isNaN(p.value))) {
    if (/^[ms]_pos_/.test(p.name)) return t(locale, 'scale.tiers_param_pos');
    if (cut) return t(locale, cut[1] === 'm' ? 'scale.tiers_param_money_cut' : 'scale.tiers_param_hist_cut', { k: Number(cut[2]) });
    if (p.name === 'spend_high' || p.name === 'spend_low') return t(locale, 'scale.tiers_param_spend');
    if (p.name === 'analysis_day') return 'NULL';
  }
  // JSON text: a label cannot end the comment line or open a new statement.
  return typeof p.value === 'string' ? JSON.stringify(p.value) : String(p.value);
}

function renderStatement(locale: Locale, title: string, s: Statement, positional: boolean): string {
  const lines = [`-- ${title}`, `-- ${t(locale, 'scale.tiers_params')}`];
  s.named.forEach((p, i) => lines.push(`--   ${positional ? '' : `${i + 1}. `}${p.name} = ${explain(locale, p)}`));
  if (positional) lines.push(`-- ${t(locale, 'scale.tiers_positional')} ${s.order.join(', ')}`);
  return `${lines.join('\n')}\n${s.sql.trimEnd()};\n`;
}

/** The whole script: phase 2 queries and phase 3, parameters named and explained. */
export function renderTiersScript(input: TiersInput, locale: Locale): string {
  const positional = input.facts.dialect === 'spark' || input.facts.dialect === 'mysql';
  const cuts = tierCuts(input.config, emptyCutInputs());
  const parts = [
    `-- ${t(locale, 'scale.tiers_header', { dialect: input.facts.dialect })}`,
    `-- ${t(locale, 'scale.tiers_no_clv')}`,
    '',
    renderStatement(locale, t(locale, 'scale.tiers_phase2a'), histogramSql(input), positional),
  ];
  const pos = positionsSql(input, null);
  if (pos) parts.push(renderStatement(locale, t(locale, 'scale.tiers_phase2b'), pos, positional));
  parts.push(renderStatement(locale, t(locale, 'scale.tiers_phase3'), scoreSql(input, cuts), positional));
  return parts.join('\n');
}

/** A rule the warehouse SQL cannot compute, or does not compile: the message, else null. */
export function tiersErrorText(e: unknown, locale: Locale): string | null {
  if (e instanceof TiersRuleError) return `${t(locale, 'scale.tiers_rule_invalid', { ruleSet: e.ruleSet })}\n${e.errors.map((x) => `  - ${x.message}`).join('\n')}`;
  if (e instanceof RuleSqlError) return t(locale, `scale.tiers_rule_${e.reason}`, { ruleSet: e.ruleSet, rule: e.rule + 1, what: e.what });
  if (e instanceof SourceError) return t(locale, e.key, e.params);
  if (e instanceof TieringError) return describeKnownError(e, locale);
  return null;
}

export interface RunOptions {
  orders?: string;
  ordersTable?: string;
  ordersQuery?: string;
  into?: string;
  database?: string;
  csv?: string;
}

/** --run: all phases against DuckDB or PostgreSQL; the summary line, or a SourceError. */
export async function runTiers(facts: FactsQueryInput, config: TieringConfig, o: RunOptions, locale: Locale): Promise<string> {
  if (!o.orders) throw new SourceError('scale.tiers_need_orders');
  if (!o.into) throw new SourceError('scale.tiers_need_into');
  const into = o.into.split('.');
  const pgSource = isPostgresUrl(o.orders);
  if (facts.dialect !== (pgSource ? 'postgres' : 'duckdb')) throw new SourceError('scale.tiers_run_dialect', { dialect: facts.dialect });
  let res: TiersRun;
  if (pgSource) res = await postgresTiers({ url: o.orders, table: o.ordersTable, query: o.ordersQuery }, config, into, locale);
  else {
    if (!o.database && !o.csv) throw new SourceError('scale.tiers_need_output');
    res = await duckdbTiers(o.orders, config, into, { database: o.database, csv: o.csv }, locale);
  }
  return t(locale, 'scale.tiers_done', { table: o.into, rows: res.rows, scored: res.scored });
}
