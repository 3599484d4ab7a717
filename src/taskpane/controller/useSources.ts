// Sources: the workbook's sheets and tables on offer, reading a chosen range (or the
// selection) with its detected column mapping, leaving a source out, and selecting a cell.
import { useCallback, useEffect, useMemo } from 'react';
import type { RangeRef } from '../../config';
import { detectColumns } from '../../engine/ingest';
import { findHeaderRow } from '../../engine/ingest/layout';
import type { RangeRead } from '../../workbook/port';
import type { SourceKind, Step } from '../state';
import type { PaneContext } from './context';

export interface SourceCallbacks {
  loadSource(kind: SourceKind, ref: RangeRef): Promise<void>;
  fromSelection(kind: SourceKind): Promise<void>;
  clearSource(kind: SourceKind): void;
  /** Lists the workbook's sheets and tables again. */
  reloadLists(): void;
  selectCell(sheet: string, address: string): void;
}

/** The header row as ingest will find it: below any title and blank rows (layout.ts). */
function headersOf(read: RangeRead, kind: SourceKind): string[] {
  const first = read.values[findHeaderRow(read.values, kind)] ?? [];
  return first.map((v, i) => (v === null || v === '' ? `#${i + 1}` : String(v)));
}

export function useSources(c: PaneContext, step: Step): SourceCallbacks {
  const { host, dispatch, say, describe } = c;
  const loadSource = useCallback(
    async (kind: SourceKind, ref: RangeRef) => {
      try {
        const read = await host.port.read(ref);
        if (read.values.length === 0) {
          dispatch({ type: 'sourceError', kind, message: say('data.error.empty') });
          return;
        }
        const headers = headersOf(read, kind);
        dispatch({ type: 'sourceLoaded', kind, source: { ref, read, headers, detected: detectColumns(headers, kind) } });
      } catch (e) {
        dispatch({ type: 'sourceError', kind, message: describe(e) });
      }
    },
    [host, dispatch, say, describe],
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
    [host, dispatch, loadSource, say, describe],
  );

  const clearSource = useCallback((kind: SourceKind) => dispatch({ type: 'sourceCleared', kind }), [dispatch]);

  const reloadLists = useCallback(() => {
    Promise.all([host.port.listSheets(), host.port.listTables()])
      .then(([sheets, tables]) => dispatch({ type: 'listed', sheets, tables }))
      .catch(() => dispatch({ type: 'listFailed' }));
  }, [host, dispatch]);
  // Listed whenever the data step is shown: sheets and tables may have changed meanwhile.
  useEffect(() => {
    if (step === 'data') reloadLists();
  }, [step, reloadLists]);

  const selectCell = useCallback(
    (sheet: string, address: string) => {
      host.port.select?.(sheet, address).catch((e: unknown) => dispatch({ type: 'notice', notice: { intent: 'error', text: describe(e) } }));
    },
    [host, dispatch, describe],
  );

  return useMemo(() => ({ loadSource, fromSelection, clearSource, reloadLists, selectCell }), [loadSource, fromSelection, clearSource, reloadLists, selectCell]);
}
