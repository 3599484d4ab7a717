// Shapes of the rule language: tokens, AST, compiled rule sets, errors and coverage reports.
import type { RuleSetConfig } from '../../../config/schema';

export type { RuleSetConfig };

/** A column of the customer table as the type checker sees it. */
export interface FieldInfo {
  name: string;
  type: 'number' | 'string' | 'date' | 'boolean';
}

/** A problem in one rule's text, with its position (1-based line and column, 0-based offset). */
export interface RuleError {
  /** 0-based index of the rule in the rule set; -1 for a problem with the set itself. */
  ruleIndex: number;
  line: number;
  column: number;
  offset: number;
  length: number;
  /** Localised, complete message (names the rule, the position and what was expected). */
  message: string;
  /** A column name that was probably meant (edit distance), when there is one. */
  suggestion?: string;
}

/** Options of compile/apply: the analysis date anchors days_since(). */
export interface RuleOptions {
  analysisDate?: Date;
}

/** Coverage of one rule set. */
export interface RuleSetReport {
  name: string;
  column: string;
  rules: {
    index: number;
    tier: string;
    when: string;
    /** Customers this rule gave its tier to (first match wins). */
    matched: number;
    /** Customers it would match if it were the first rule. */
    matchedIfFirst: number;
    /** True when the rule matches nobody even on its own (matchedIfFirst = 0). */
    neverMatches: boolean;
  }[];
  /** Customers no rule matched (given the `otherwise` tier). */
  otherwise: number;
  total: number;
}

// ---------- AST ----------

export type ValueType = 'number' | 'string' | 'date' | 'boolean';

export interface Span {
  offset: number;
  length: number;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
export type FunctionName = 'abs' | 'min' | 'max' | 'round' | 'days_since' | 'lower' | 'upper';

/** An AST node; the type checker fills `type` in (and resolves column names). */
export type Expr = ExprNode & { type?: ValueType | 'error' };

type ExprNode =
  | ({ kind: 'number'; value: number } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'date'; value: number /* ms since epoch, UTC midnight */ } & Span)
  | ({ kind: 'boolean'; value: boolean } & Span)
  | ({ kind: 'column'; name: string } & Span)
  | ({ kind: 'neg'; arg: Expr } & Span)
  | ({ kind: 'arith'; op: ArithOp; left: Expr; right: Expr } & Span)
  | ({ kind: 'compare'; op: CompareOp; left: Expr; right: Expr } & Span)
  | ({ kind: 'between'; arg: Expr; low: Expr; high: Expr; negated: boolean } & Span)
  | ({ kind: 'in'; arg: Expr; items: Expr[]; negated: boolean } & Span)
  | ({ kind: 'blank'; arg: Expr; negated: boolean } & Span)
  | ({ kind: 'contains'; arg: Expr; needle: Expr; negated: boolean } & Span)
  | ({ kind: 'startsWith'; arg: Expr; prefix: Expr; negated: boolean } & Span)
  | ({ kind: 'and'; left: Expr; right: Expr } & Span)
  | ({ kind: 'or'; left: Expr; right: Expr } & Span)
  | ({ kind: 'not'; arg: Expr } & Span)
  | ({ kind: 'call'; name: string; args: Expr[] } & Span);

/** A rule after parsing and type checking. */
export interface CompiledRule {
  index: number;
  tier: string;
  when: string;
  ast: Expr;
}

export interface CompiledRuleSet {
  name: string;
  /** Output column: rule_<sanitised name>. */
  column: string;
  otherwise: string;
  rules: CompiledRule[];
  /** Days since epoch of the analysis date (for days_since), or NaN when none was given. */
  analysisDay: number;
  /** The fields the rule set was checked against (their types drive evaluation). */
  fields: FieldInfo[];
}
