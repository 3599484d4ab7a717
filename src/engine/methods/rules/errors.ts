// Internal error shape of the parser and checker: a message code with parameters and a span.
// compile.ts turns these into localised RuleErrors with line and column.
import type { Params } from '../../../i18n';

export class RuleSyntaxError extends Error {
  constructor(
    readonly code: string,
    readonly params: Params,
    readonly offset: number,
    readonly length: number,
    readonly suggestion?: string,
  ) {
    super(code);
    this.name = 'RuleSyntaxError';
  }
}

/** A problem found without throwing (the type checker collects several). */
export interface Problem {
  code: string;
  params: Params;
  offset: number;
  length: number;
  suggestion?: string;
}

export function problemOf(e: RuleSyntaxError): Problem {
  return { code: e.code, params: e.params, offset: e.offset, length: e.length, suggestion: e.suggestion };
}
