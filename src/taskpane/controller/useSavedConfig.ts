// Settings: the config saved in the workbook, read once when the pane opens; its sources are
// read again so their mapping and preview are there too.
import { useEffect } from 'react';
import type { RangeRef } from '../../config';
import type { SourceKind } from '../state';
import type { PaneContext } from './context';

export function useSavedConfig(c: PaneContext, loadSource: (kind: SourceKind, ref: RangeRef) => Promise<void>, loadFacts?: (ref: RangeRef) => Promise<void>): void {
  const { host, dispatch, say, describe } = c;
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
        const { locale } = c.stateRef.current;
        dispatch({ type: 'setConfig', config: { ...saved.config, locale } });
        dispatch({ type: 'notice', notice: { intent: 'info', text: say('config.loaded') } });
        for (const kind of ['customers', 'orders'] as const) {
          const ref = saved.config.sources[kind];
          if (ref) await loadSource(kind, ref);
        }
        if (saved.config.sources.facts) await loadFacts?.(saved.config.sources.facts);
        // loadSource put the refs back; the saved column choices must survive it.
        dispatch({ type: 'updateConfig', update: (cfg) => ({ ...cfg, columns: saved.config.columns }) });
      })
      .catch((e: unknown) => live && dispatch({ type: 'notice', notice: { intent: 'warning', text: describe(e) } }));
    return () => {
      live = false;
    };
  }, [c, host, dispatch, loadSource, loadFacts, say, describe]);
}
