// Rule set → checked ASTs, or localised errors that name the rule, the line and column,
// what was expected, and a likely column when a name is misspelled.
import { t, tryT, type Locale, type Params } from '../../../i18n';
import type { RuleColumn } from '../../columns';
import { dateToDay } from '../../calendar';
import { checkRule, FieldIndex } from './check';
import { problemOf, RuleSyntaxError, type Problem } from './errors';
import { parseRule } from './parser';
import type { CompiledRule, CompiledRuleSet, FieldInfo, RuleError, RuleOptions, RuleSetConfig } from './types';

/** Output column of a rule set: rule_<name> with every run of other characters as one "_". */
export function ruleColumnName(name: string): RuleColumn {
  const core = name.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '');
  return `rule_${core || 'set'}`;
}

/** Config from a workbook may be malformed before validation: a missing text is empty. */
function textOf(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

/** Whole days since epoch of the analysis date, or null when none (or an invalid Date) was given. */
function analysisDayOf(options: RuleOptions): number | null {
  const day = options.analysisDate instanceof Date ? dateToDay(options.analysisDate) : NaN;
  return Number.isNaN(day) ? null : day;
}

/** Parses and type-checks one condition; problems carry offsets into `when`. */
export function analyseRule(text: string, fields: readonly FieldInfo[], options: RuleOptions = {}): { ast?: CompiledRule['ast']; problems: Problem[] } {
  const when = textOf(text);
  const index = new FieldIndex(fields);
  let ast: CompiledRule['ast'];
  try {
    ast = parseRule(when, { isColumn: (name) => index.has(name) });
  } catch (e) {
    if (e instanceof RuleSyntaxError) return { problems: [problemOf(e)] };
    throw e;
  }
  const problems = checkRule(ast, { fields, hasAnalysisDate: analysisDayOf(options) !== null }, when);
  return problems.length ? { problems } : { ast, problems };
}

/** Compiles a rule set for the given table fields (see fieldsOfTable). */
export function compileRuleSet(
  ruleSet: RuleSetConfig,
  fields: FieldInfo[],
  locale: Locale,
  options: RuleOptions = {},
): { ok: true; compiled: CompiledRuleSet } | { ok: false; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const rules: CompiledRule[] = [];
  ruleSet.rules.forEach((rule, index) => {
    const when = textOf(rule.when);
    const tier = textOf(rule.tier);
    const { ast, problems } = analyseRule(when, fields, options);
    for (const p of problems) errors.push(toRuleError(p, index, tier, when, locale));
    if (ast) rules.push({ index, tier, when, ast });
  });
  if (errors.length) return { ok: false, errors };
  const analysisDay = analysisDayOf(options) ?? NaN;
  return {
    ok: true,
    compiled: {
      name: ruleSet.name,
      column: ruleColumnName(ruleSet.name),
      otherwise: ruleSet.otherwise ?? 'Other',
      rules,
      analysisDay,
      fields: fields.map((f) => ({ ...f })),
    },
  };
}

/** Errors of one rule's text (for live feedback while typing); empty when it is valid. */
export function validateRule(
  when: string,
  fields: FieldInfo[],
  locale: Locale,
  options: RuleOptions & { ruleIndex?: number; tier?: string } = {},
): RuleError[] {
  const index = options.ruleIndex ?? 0;
  const text = textOf(when);
  return analyseRule(text, fields, options).problems.map((p) => toRuleError(p, index, options.tier ?? '', text, locale));
}

/** 1-based line and column (in characters, not UTF-16 units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
}

const TYPE_PARAMS = new Set(['type', 'left', 'right']);

function localiseParams(p: Problem, locale: Locale): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(p.params)) {
    if (TYPE_PARAMS.has(k) || (k === 'expected' && p.code === 'fn_arg_type')) out[k] = tryT(locale, `rules.type.${v}`, {}, String(v));
    else if (k === 'expected' && p.code === 'expected') out[k] = tryT(locale, `rules.expect.${v}`, {}, String(v));
    else if (k === 'found') out[k] = v === '' ? t(locale, 'rules.found.end') : t(locale, 'rules.found.token', { text: v });
    else out[k] = v;
  }
  return out;
}

function toRuleError(p: Problem, ruleIndex: number, tier: string, when: string, locale: Locale): RuleError {
  const { line, column } = lineColumn(when, p.offset);
  let detail = tryT(locale, `rules.err.${p.code}`, localiseParams(p, locale));
  if (p.suggestion) detail += t(locale, 'rules.suggest', { name: p.suggestion });
  const message = t(locale, 'rules.error.at', { rule: ruleIndex + 1, tier, line, column, detail });
  return { ruleIndex, line, column, offset: p.offset, length: p.length, message, ...(p.suggestion ? { suggestion: p.suggestion } : {}) };
}

/** A rule-set level error message (e.g. duplicate column), localised. */
export function ruleSetMessage(locale: Locale, name: string, code: string, params: Params = {}): string {
  return t(locale, 'rules.error.set', { name, detail: tryT(locale, `rules.err.${code}`, params) });
}
