// Runs compiled rule sets over the customer table: first match wins, with coverage per rule.
import type { ColumnTable } from 'arquero';
import { t, type Locale } from '../../../i18n';
import { compileRuleSet, ruleSetMessage } from './compile';
import { ColumnSource, evaluateCondition, TRUE } from './evaluate';
import { fieldsOfTable } from './fields';
import type { CompiledRuleSet, FieldInfo, RuleOptions, RuleSetConfig, RuleSetReport, ValueType } from './types';

// A local copy: CommonJS builds turn imported bindings into getters, too slow for the row loop.
const MATCH = TRUE;

/** Tiers per row and coverage of one compiled rule set. */
export function evaluateRuleSet(compiled: CompiledRuleSet, table: ColumnTable): { tiers: (string | null)[]; report: RuleSetReport } {
  return evaluateWith(compiled, new ColumnSource(table, typeMap(compiled.fields)));
}

function typeMap(fields: readonly FieldInfo[]): Map<string, ValueType> {
  return new Map(fields.map((f) => [f.name, f.type]));
}

function evaluateWith(compiled: CompiledRuleSet, src: ColumnSource): { tiers: (string | null)[]; report: RuleSetReport } {
  const n = src.n;
  const tiers = new Array<string | null>(n).fill(compiled.otherwise);
  const assigned = new Uint8Array(n);
  const rules: RuleSetReport['rules'] = [];
  let remaining = n;
  for (const rule of compiled.rules) {
    const cond = evaluateCondition(rule.ast, { src, analysisDay: compiled.analysisDay });
    let matchedIfFirst = 0;
    let matched = 0;
    for (let i = 0; i < n; i++) {
      if (cond[i] !== MATCH) continue;
      matchedIfFirst++;
      if (assigned[i]) continue;
      assigned[i] = 1;
      tiers[i] = rule.tier;
      matched++;
    }
    remaining -= matched;
    rules.push({ index: rule.index, tier: rule.tier, when: rule.when, matched, matchedIfFirst, neverMatches: matchedIfFirst === 0 });
  }
  return { tiers, report: { name: compiled.name, column: compiled.column, rules, otherwise: remaining, total: n } };
}

/**
 * Runs every rule set over the table. A set with errors gives no column and one entry in
 * `errors` (its problems, one per line); the other sets still run.
 */
export function applyRuleSets(
  table: ColumnTable,
  ruleSets: RuleSetConfig[],
  locale: Locale,
  options: RuleOptions = {},
): { columns: Record<string, (string | null)[]>; reports: RuleSetReport[]; errors: { ruleSet: string; message: string }[] } {
  const columns: Record<string, (string | null)[]> = {};
  const reports: RuleSetReport[] = [];
  const errors: { ruleSet: string; message: string }[] = [];
  if (ruleSets.length === 0) return { columns, reports, errors };
  const fields = fieldsOfTable(table);
  const src = new ColumnSource(table, typeMap(fields));
  const taken = new Set<string>();
  for (const set of ruleSets) {
    const result = compileRuleSet(set, fields, locale, options);
    if (!result.ok) {
      const shown = result.errors.slice(0, 10).map((e) => e.message);
      if (result.errors.length > shown.length) shown.push(t(locale, 'rules.err.more', { count: result.errors.length - shown.length }));
      errors.push({ ruleSet: set.name, message: shown.join('\n') });
      continue;
    }
    const { column } = result.compiled;
    if (taken.has(column)) {
      errors.push({ ruleSet: set.name, message: ruleSetMessage(locale, set.name, 'duplicate_column', { column }) });
      continue;
    }
    taken.add(column);
    const { tiers, report } = evaluateWith(result.compiled, src);
    Object.defineProperty(columns, column, { value: tiers, enumerable: true, writable: true, configurable: true });
    reports.push(report);
  }
  return { columns, reports, errors };
}
