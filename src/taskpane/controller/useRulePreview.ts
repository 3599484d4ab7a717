// The rule editor's live preview. Parsing and type-checking a rule is cheap (the rule's text
// against a list of fields) and stays in the editor, so errors show on the keystroke. Counting
// the customers each rule tiers evaluates the rules over the whole customer table, and so do
// the fields' types (inferred from every value): both run in the worker (host.previewRules).
// Requests follow the rule sets as the editor had them: deferred (useDeferredValue) and
// debounced, the newest superseding any still on its way.
import type { ColumnTable } from 'arquero';
import { useDeferredValue, useEffect, useState } from 'react';
import type { RuleSetConfig } from '../../config';
import type { Locale } from '../../i18n';
import type { RulePreview } from '../worker/rulePreview';
import { isCancel, type PaneContext } from './context';

/** Quiet time after the last edit before a preview is requested. */
export const PREVIEW_DEBOUNCE_MS = 150;

export interface RulePreviewInput {
  /** The last result's customer table; null before any run. */
  customers: ColumnTable | null;
  ruleSets: RuleSetConfig[];
  locale: Locale;
  analysisDate?: string;
  /** Only while the rules can be seen (the methods step). */
  active: boolean;
}

/** The latest preview for the current customer table; null until the first one arrives. */
export function useRulePreview(c: PaneContext, input: RulePreviewInput): RulePreview | null {
  const { host } = c;
  const { customers, locale, analysisDate, active } = input;
  const ruleSets = useDeferredValue(input.ruleSets);
  const [preview, setPreview] = useState<{ customers: ColumnTable; preview: RulePreview } | null>(null);

  useEffect(() => {
    // Also with no rule set yet: the answer lists the fields a first rule may use.
    if (!active || !customers) return;
    const ac = new AbortController();
    const timer = setTimeout(() => {
      host
        .previewRules(customers, { ruleSets, locale, analysisDate }, ac.signal)
        .then((p) => setPreview({ customers, preview: p }))
        .catch((e: unknown) => {
          // A superseded request is expected; a failed preview only leaves the counts out.
          if (!isCancel(e)) setPreview(null);
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [host, customers, ruleSets, locale, analysisDate, active]);

  // A preview of an earlier result's customers says nothing about this one.
  return preview && preview.customers === customers ? preview.preview : null;
}
