// Task pane entry: waits for Office, then renders the pane with the real host.
import { createRoot } from 'react-dom/client';
import { defaultConfig } from '../config';
import { officePortFromGlobals } from '../workbook/office';
import { App } from './App';
import { officeHost, themeFromOffice } from './officeHost';
import { workerClassifier, workerRulePreviewer } from './worker/client';

function start(): void {
  const ctx = typeof Office !== 'undefined' ? Office.context : undefined;
  const forced = typeof window.matchMedia === 'function' && window.matchMedia('(forced-colors: active)').matches;
  const engineWorker = () => new Worker(new URL('./worker/engine.worker.ts', import.meta.url));
  const host = officeHost({
    port: officePortFromGlobals(),
    classify: workerClassifier(engineWorker),
    previewRules: workerRulePreviewer(engineWorker),
    displayLanguage: ctx?.displayLanguage ?? navigator.language,
    theme: themeFromOffice(ctx?.officeTheme, forced),
  });
  const root = createRoot(document.getElementById('root')!);
  root.render(<App host={host} initialConfig={defaultConfig()} loadHistory={host.loadHistory} />);
}

Office.onReady(() => start());
