// The customer facts source: read the chosen range, check its headings, cells and the config
// it was computed for (engine/factsTable.ts), and keep it only when nothing is wrong; the
// problems are shown where the range was chosen.
import { useCallback, useMemo } from 'react';
import type { RangeRef } from '../../config';
import { dayToIso } from '../../engine/calendar';
import { readFactsGrid } from '../../engine/factsTable';
import { refLabel } from '../ranges';
import type { PaneContext } from './context';
import { toSourceGrid } from './useTasks';

export interface FactsCallbacks {
  loadFacts(ref: RangeRef): Promise<void>;
  factsFromSelection(): Promise<void>;
  clearFacts(): void;
}

export function useFactsSource(c: PaneContext): FactsCallbacks {
  const { host, dispatch, say, describe } = c;
  const loadFacts = useCallback(
    async (ref: RangeRef) => {
      try {
        const read = await host.port.read(ref);
        const range = `${read.sheet}!${read.address}`;
        const where = ref.kind === 'sheet' ? range : `${refLabel(ref)} (${range})`;
        const checked = readFactsGrid({ ...toSourceGrid(read), name: read.sheet }, c.stateRef.current.config);
        if (!checked.set) {
          dispatch({ type: 'facts', facts: { ref, where, problems: checked.problems } });
          return;
        }
        const facts = { customers: checked.set.ids.length, analysisDate: dayToIso(checked.set.analysisDay) };
        dispatch({ type: 'facts', facts: { ref, where, problems: [], ...facts } });
      } catch (e) {
        dispatch({ type: 'facts', facts: { ref, problems: [], error: describe(e) } });
      }
    },
    [c, host, dispatch, describe],
  );
  const factsFromSelection = useCallback(async () => {
    try {
      const sel = host.port.getSelection ? await host.port.getSelection() : null;
      if (!sel) {
        dispatch({ type: 'notice', notice: { intent: 'warning', text: say('data.error.noSelection') } });
        return;
      }
      await loadFacts({ kind: 'sheet', sheet: sel.sheet, address: sel.address });
    } catch (e) {
      dispatch({ type: 'notice', notice: { intent: 'error', text: describe(e) } });
    }
  }, [host, dispatch, loadFacts, say, describe]);
  const clearFacts = useCallback(() => dispatch({ type: 'facts', facts: null }), [dispatch]);
  return useMemo(() => ({ loadFacts, factsFromSelection, clearFacts }), [loadFacts, factsFromSelection, clearFacts]);
}
