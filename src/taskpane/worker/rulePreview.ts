// The rule editor's live preview: how many of the last result's customers each rule of each
// rule set would tier. It runs in the engine worker (see client.ts), over the customer table
// the worker was sent once per result; only rule sets and counts cross per keystroke.
import type { ColumnTable } from 'arquero';
import type { RuleSetConfig } from '../../config';
import { compileRuleSet, evaluateRuleSet, fieldsOfTable, type FieldInfo, type RuleSetReport } from '../../engine/methods/rules';
import type { Locale } from '../../i18n';

export interface RulePreviewRequest {
  ruleSets: RuleSetConfig[];
  locale: Locale;
  /** YYYY-MM-DD; anchors days_since(). */
  analysisDate?: string;
}

export interface RulePreview {
  /** Columns a rule may name, with the types inferred from the customer table's values. */
  fields: FieldInfo[];
  /** Coverage per rule set, in order; null for a set that does not compile (its errors are the editor's). */
  reports: (RuleSetReport | null)[];
}

export type RulePreviewer = (customers: ColumnTable, request: RulePreviewRequest, signal: AbortSignal) => Promise<RulePreview>;

/** Options of compileRuleSet for a request (the editor checks with the same). */
export function ruleOptions(analysisDate: string | undefined): { analysisDate?: Date } {
  return analysisDate ? { analysisDate: new Date(`${analysisDate}T00:00:00Z`) } : {};
}

/** Each rule set on its own (as if it were the only one), so one broken set hides no other's counts. */
export function previewRuleSets(table: ColumnTable, fields: FieldInfo[], request: RulePreviewRequest): (RuleSetReport | null)[] {
  const options = ruleOptions(request.analysisDate);
  return request.ruleSets.map((rs) => {
    const c = compileRuleSet(rs, fields, request.locale, options);
    if (!c.ok) return null;
    try {
      return evaluateRuleSet(c.compiled, table).report;
    } catch {
      return null;
    }
  });
}

/** The whole preview in the calling thread: the worker's work, for hosts without one (tests). */
export function rulePreviewOf(table: ColumnTable, request: RulePreviewRequest): RulePreview {
  const fields = fieldsOfTable(table);
  return { fields, reports: previewRuleSets(table, fields, request) };
}
