// The pane's behaviour: reading sources, running, cancelling, writing, refreshing and
// removing, all through the PaneHost. Components get `state` and these callbacks.
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { RangeRef, TieringConfig } from '../config';
import { detectColumns } from '../engine/ingest';
import type { InputTables, SourceGrid } from '../engine/types';
import { localeFromLanguage, t, type Locale, type MessageKey } from '../i18n';
import { CancelledError, type RangeRead } from '../workbook/port';
import type { PaneHost } from './host';
import { initialState, reducer, type Action, type PaneState, type SourceKind } from './state';

export interface Controller {
  state: PaneState;
  dispatch: (a: Action) => void;
  loadSource(kind: SourceKind, ref: RangeRef): Promise<void>;
  fromSelection(kind: SourceKind): Promise<void>;
  clearSource(kind: SourceKind): void;
  run(): Promise<void>;
  cancel(): void;
  write(): Promise<void>;
  refresh(): Promise<void>;
  remove(): Promise<void>;
  selectCell(sheet: string, address: string): void;
}

function headersOf(read: RangeRead): string[] {
  const first = read.values[0] ?? [];
  return first.map((v, i) => (v === null || v === '' ? `#${i + 1}` : String(v)));
}

/** Issues name the sheet (not the table) so a click can select their cell. */
export function toSourceGrid(read: RangeRead): SourceGrid {
  return { name: read.sheet, headerRow: read.row + 1, firstColumn: read.col, values: read.values, dateSystem: read.dateSystem };
}

function isCancel(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && (e.name === 'CancelledError' || e.name === 'AbortError'));
}

export function useController(host: PaneHost, initialConfig: TieringConfig): Controller {
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialState(initialConfig, localeFromLanguage(host.displayLanguage)),
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  const abortRef = useRef<AbortController | null>(null);
  const say = useCallback((key: MessageKey, params?: Record<string, string | number>) => t(stateRef.current.locale, key, params), []);
  const fmt = useCallback((n: number) => new Intl.NumberFormat(stateRef.current.locale).format(n), []);
  const describe = useCallback((e: unknown) => host.describeError(e, stateRef.current.locale), [host]);

  const reportProblems = useCallback((problems: string[] | undefined) => {
    if (problems?.length) dispatch({ type: 'notice', notice: { intent: 'warning', text: problems.join(' ') } });
  }, []);

  const loadSource = useCallback(
    async (kind: SourceKind, ref: RangeRef) => {
      try {
        const read = await host.port.read(ref);
        if (read.values.length === 0) {
          dispatch({ type: 'sourceError', kind, message: say('data.error.empty') });
          return;
        }
        const headers = headersOf(read);
        dispatch({ type: 'sourceLoaded', kind, source: { ref, read, headers, detected: detectColumns(headers, kind) } });
      } catch (e) {
        dispatch({ type: 'sourceError', kind, message: describe(e) });
      }
    },
    [host, say, describe],
  );

  const fromSelection = useCallback(
    async (kind: SourceKind) => {
      try {
        const sel = host.port.getSelection ? await host.port.getSelection() : null;
        if (!sel) {
          dispatch({ type: 'sourceError', kind, message: say('data.error.noSelection') });
          return;
        }
        await loadSource(kind, { kind: 'sheet', sheet: sel.sheet, address: sel.address });
      } catch (e) {
        dispatch({ type: 'sourceError', kind, message: describe(e) });
      }
    },
    [host, loadSource, say, describe],
  );

  const clearSource = useCallback((kind: SourceKind) => dispatch({ type: 'sourceCleared', kind }), []);

  const run = useCallback(async () => {
    const { config } = stateRef.current;
    const kinds = (['customers', 'orders'] as const).filter((k) => config.sources[k]);
    if (kinds.length === 0) {
      dispatch({ type: 'activity', activity: { kind: 'error', task: 'run', message: say('run.error.noSources') } });
      return;
    }
    const ac = new AbortController();
    abortRef.current = ac;
    dispatch({ type: 'activity', activity: { kind: 'busy', task: 'run', stage: 'reading', done: 0, total: kinds.length } });
    try {
      const tables: InputTables = {};
      for (const [i, kind] of kinds.entries()) {
        const ref = config.sources[kind]!;
        const read = await host.port.read(ref, {
          signal: ac.signal,
          onProgress: (p) =>
            dispatch({ type: 'activity', activity: { kind: 'busy', task: 'run', stage: 'reading', done: i + (p.total ? p.done / p.total : 0), total: kinds.length } }),
        });
        tables[kind] = toSourceGrid(read);
      }
      if (ac.signal.aborted) throw new CancelledError();
      // Handing the grids to the engine: the classifying stage starts now, not at its first report.
      dispatch({ type: 'activity', activity: { kind: 'busy', task: 'run', stage: 'ingest', done: 0, total: 1 } });
      const result = await host.classify(
        tables,
        config,
        (p) => dispatch({ type: 'activity', activity: { kind: 'busy', task: 'run', stage: p.stage, done: p.done, total: p.total } }),
        ac.signal,
      );
      dispatch({ type: 'result', result });
      dispatch({
        type: 'activity',
        activity: { kind: 'done', task: 'run', message: say('run.done', { customers: fmt(result.stats.customers), date: result.analysisDate }) },
      });
    } catch (e) {
      if (isCancel(e) || ac.signal.aborted) dispatch({ type: 'activity', activity: { kind: 'cancelled', task: 'run' } });
      else dispatch({ type: 'activity', activity: { kind: 'error', task: 'run', message: describe(e) } });
    } finally {
      if (abortRef.current === ac) abortRef.current = null;
    }
  }, [host, say, describe, fmt]);

  const cancel = useCallback(() => abortRef.current?.abort(), []);

  const write = useCallback(async () => {
    const { result, config } = stateRef.current;
    if (!result) return;
    const ac = new AbortController();
    abortRef.current = ac;
    dispatch({ type: 'activity', activity: { kind: 'busy', task: 'write', stage: 'writing', done: 0, total: 1 } });
    try {
      const summary = await host.write(result, config, {
        signal: ac.signal,
        onProgress: (p) => dispatch({ type: 'activity', activity: { kind: 'busy', task: 'write', stage: p.stage, done: p.done, total: p.total } }),
      });
      dispatch({ type: 'activity', activity: { kind: 'done', task: 'write', message: say('write.done', { customers: fmt(summary.customers), sheets: summary.sheets }) } });
      reportProblems(summary.problems);
    } catch (e) {
      if (isCancel(e) || ac.signal.aborted) dispatch({ type: 'activity', activity: { kind: 'cancelled', task: 'write' } });
      else dispatch({ type: 'activity', activity: { kind: 'error', task: 'write', message: describe(e) } });
    } finally {
      if (abortRef.current === ac) abortRef.current = null;
    }
  }, [host, say, describe, fmt, reportProblems]);

  const refresh = useCallback(async () => {
    const ac = new AbortController();
    abortRef.current = ac;
    dispatch({ type: 'activity', activity: { kind: 'busy', task: 'refresh', stage: 'preparing', done: 0, total: 1 } });
    try {
      const summary = await host.refresh({
        signal: ac.signal,
        onProgress: (p) =>
          dispatch({ type: 'activity', activity: { kind: 'busy', task: 'refresh', stage: p.stage as 'reading', done: p.done, total: p.total } }),
      });
      if (summary.result) dispatch({ type: 'result', result: summary.result });
      reportProblems(summary.problems);
      dispatch({
        type: 'activity',
        activity: { kind: 'done', task: 'refresh', message: say('refresh.done', { customers: fmt(summary.customers), date: summary.analysisDate }) },
      });
    } catch (e) {
      if (isCancel(e) || ac.signal.aborted) dispatch({ type: 'activity', activity: { kind: 'cancelled', task: 'refresh' } });
      else dispatch({ type: 'activity', activity: { kind: 'error', task: 'refresh', message: describe(e) } });
    } finally {
      if (abortRef.current === ac) abortRef.current = null;
    }
  }, [host, say, describe, fmt, reportProblems]);

  const remove = useCallback(async () => {
    dispatch({ type: 'activity', activity: { kind: 'busy', task: 'remove', stage: 'writing', done: 0, total: 1 } });
    try {
      const n = await host.remove();
      dispatch({ type: 'activity', activity: { kind: 'done', task: 'remove', message: say('remove.done', { count: n }) } });
    } catch (e) {
      dispatch({ type: 'activity', activity: { kind: 'error', task: 'remove', message: describe(e) } });
    }
  }, [host, say, describe]);

  const selectCell = useCallback(
    (sheet: string, address: string) => {
      host.port.select?.(sheet, address).catch((e: unknown) => dispatch({ type: 'notice', notice: { intent: 'error', text: describe(e) } }));
    },
    [host, describe],
  );

  // The config saved in the workbook, once, when the pane opens; its sources are read again.
  useEffect(() => {
    let live = true;
    host
      .loadConfig()
      .then(async (saved) => {
        if (!live || !saved) return;
        if ('errors' in saved) {
          dispatch({ type: 'notice', notice: { intent: 'warning', text: say('config.invalid', { errors: saved.errors.slice(0, 3).join('; ') }) } });
          return;
        }
        const locale: Locale = stateRef.current.locale;
        dispatch({ type: 'setConfig', config: { ...saved.config, locale } });
        dispatch({ type: 'notice', notice: { intent: 'info', text: say('config.loaded') } });
        for (const kind of ['customers', 'orders'] as const) {
          const ref = saved.config.sources[kind];
          if (ref) await loadSource(kind, ref);
        }
        // loadSource put the refs back; the saved column choices must survive it.
        dispatch({ type: 'updateConfig', update: (c) => ({ ...c, columns: saved.config.columns }) });
      })
      .catch((e: unknown) => live && dispatch({ type: 'notice', notice: { intent: 'warning', text: describe(e) } }));
    return () => {
      live = false;
    };
  }, [host, loadSource, say, describe]);

  return useMemo(
    () => ({ state, dispatch, loadSource, fromSelection, clearSource, run, cancel, write, refresh, remove, selectCell }),
    [state, loadSource, fromSelection, clearSource, run, cancel, write, refresh, remove, selectCell],
  );
}
