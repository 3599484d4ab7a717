// Custom rule classification: ordered rule sets written in a small, safe language.
// Pipeline: text → tokens (lexer) → AST (Pratt parser) → types checked against the table's
// fields (check) → vectorised evaluation over column arrays (evaluate) → first match wins,
// with coverage per rule (apply). Nothing is ever turned into JavaScript source.
export { applyRuleSets, evaluateRuleSet } from './apply';
export { engineFields, fieldsOfTable } from './fields';
export { analyseRule, compileRuleSet, lineColumn, ruleColumnName, validateRule } from './compile';
export { FUNCTIONS } from './check';
export { MAX_NESTING, MAX_RULE_LENGTH } from './parser';
export type { CompiledRuleSet, FieldInfo, RuleError, RuleOptions, RuleSetConfig, RuleSetReport } from './types';
