// What the controller's hooks share: the host, dispatch, the latest state (for callbacks that
// must not change identity on every render), and sentences in the pane's language.
import { useMemo, useRef, type MutableRefObject } from 'react';
import { t, type MessageKey, type Params } from '../../i18n';
import { CancelledError } from '../../workbook/port';
import type { PaneHost } from '../host';
import type { Action, PaneState } from '../state';

export interface PaneContext {
  host: PaneHost;
  dispatch: (a: Action) => void;
  /** The state of the latest render. */
  stateRef: MutableRefObject<PaneState>;
  say(key: MessageKey, params?: Params): string;
  fmt(n: number): string;
  describe(e: unknown): string;
}

export function usePaneContext(host: PaneHost, state: PaneState, dispatch: (a: Action) => void): PaneContext {
  const stateRef = useRef(state);
  stateRef.current = state;
  return useMemo(
    () => ({
      host,
      dispatch,
      stateRef,
      say: (key, params) => t(stateRef.current.locale, key, params),
      fmt: (n) => new Intl.NumberFormat(stateRef.current.locale).format(n),
      describe: (e) => host.describeError(e, stateRef.current.locale),
    }),
    [host, dispatch],
  );
}

export function isCancel(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && (e.name === 'CancelledError' || e.name === 'AbortError'));
}

type CancellableTask = 'run' | 'write' | 'refresh' | 'check' | 'export';

/**
 * Runs a task the user may cancel: busy (with `first` as its stage) → done with the sentence
 * `body` returns (idle when it returns null: the task waits for the user's answer to a
 * question), or cancelled, or an error sentence. The AbortController sits in `abortRef`
 * while the task runs, so Cancel reaches it.
 */
export async function cancellable(
  c: PaneContext,
  abortRef: MutableRefObject<AbortController | null>,
  task: CancellableTask,
  first: { stage: 'reading' | 'writing' | 'preparing'; total: number },
  body: (signal: AbortSignal) => Promise<string | null>,
): Promise<void> {
  const ac = new AbortController();
  abortRef.current = ac;
  c.dispatch({ type: 'activity', activity: { kind: 'busy', task, stage: first.stage, done: 0, total: first.total } });
  try {
    const message = await body(ac.signal);
    c.dispatch({ type: 'activity', activity: message === null ? { kind: 'idle' } : { kind: 'done', task, message } });
  } catch (e) {
    if (isCancel(e) || ac.signal.aborted) c.dispatch({ type: 'activity', activity: { kind: 'cancelled', task } });
    else c.dispatch({ type: 'activity', activity: { kind: 'error', task, message: c.describe(e) } });
  } finally {
    if (abortRef.current === ac) abortRef.current = null;
  }
}
