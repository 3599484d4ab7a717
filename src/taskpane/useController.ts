// The pane's behaviour: reading sources, running, cancelling, writing, refreshing and
// removing, all through the PaneHost. Components get `state` and these callbacks. Each
// concern is a hook of its own in controller/; this one puts them together.
import { useMemo, useReducer } from 'react';
import type { TieringConfig } from '../config';
import { localeFromLanguage } from '../i18n';
import { usePaneContext } from './controller/context';
import { useSavedConfig } from './controller/useSavedConfig';
import { useSources, type SourceCallbacks } from './controller/useSources';
import { useTasks, type TaskCallbacks } from './controller/useTasks';
import type { PaneHost } from './host';
import { initialState, reducer, type Action, type PaneState } from './state';

export interface Controller extends SourceCallbacks, TaskCallbacks {
  state: PaneState;
  dispatch: (a: Action) => void;
}

export function useController(host: PaneHost, initialConfig: TieringConfig): Controller {
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(initialConfig, localeFromLanguage(host.displayLanguage)));
  const ctx = usePaneContext(host, state, dispatch);
  const sources = useSources(ctx, state.step);
  const tasks = useTasks(ctx);
  useSavedConfig(ctx, sources.loadSource);
  return useMemo(() => ({ state, dispatch, ...sources, ...tasks }), [state, sources, tasks]);
}
