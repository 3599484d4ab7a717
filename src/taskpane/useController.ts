// The pane's behaviour: reading sources, running, cancelling, writing, refreshing and
// removing, all through the PaneHost. Components get `state` and these callbacks. Each
// concern is a hook of its own in controller/; this one puts them together.
import { useMemo, useReducer } from 'react';
import type { TieringConfig } from '../config';
import { localeFromLanguage } from '../i18n';
import { usePaneContext } from './controller/context';
import { useRulePreview } from './controller/useRulePreview';
import { useSavedConfig } from './controller/useSavedConfig';
import { useFactsSource, type FactsCallbacks } from './controller/useFactsSource';
import { useSources, type SourceCallbacks } from './controller/useSources';
import { useTasks, type TaskCallbacks } from './controller/useTasks';
import type { PaneHost } from './host';
import { initialState, reducer, type Action, type PaneState } from './state';
import type { RulePreview } from './worker/rulePreview';

export interface Controller extends SourceCallbacks, TaskCallbacks, FactsCallbacks {
  state: PaneState;
  dispatch: (a: Action) => void;
  /** The worker's rule fields and coverage for the last result (while the methods step shows). */
  rulePreview: RulePreview | null;
}

export function useController(host: PaneHost, initialConfig: TieringConfig): Controller {
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(initialConfig, localeFromLanguage(host.displayLanguage)));
  const ctx = usePaneContext(host, state, dispatch);
  const sources = useSources(ctx, state.step);
  const tasks = useTasks(ctx);
  const facts = useFactsSource(ctx);
  useSavedConfig(ctx, sources.loadSource, facts.loadFacts);
  const rulePreview = useRulePreview(ctx, {
    customers: state.result?.customers ?? null,
    ruleSets: state.config.methods.rules,
    locale: state.locale,
    analysisDate: state.config.analysisDate,
    active: state.step === 'methods',
  });
  return useMemo(() => ({ state, dispatch, rulePreview, ...sources, ...tasks, ...facts }), [state, rulePreview, sources, tasks, facts]);
}
