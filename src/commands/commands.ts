// Ribbon commands (ExecuteFunction). "Refresh tiers" re-runs from the config saved in the
// workbook without opening the pane and reports the outcome in a small dialog.
// The same page, opened as that dialog (commands.html?report=...), shows the report.
import { localeFromLanguage, t, type Locale } from '../i18n';
import { describeError } from '../workbook/describeError';
import { officePortFromGlobals } from '../workbook/office';
import { refreshWorkbook, WorkbookStateError } from '../workbook/run';

// The command's own sentences (command.*); describeError brings the error catalogues.
/** The report sentence for a refresh outcome (exported for tests). */
export function refreshReport(outcome: { ok: true; customers: number; date: string } | { ok: false; error: unknown }, locale: Locale): string {
  if (outcome.ok) return t(locale, 'command.refresh.done', { customers: outcome.customers, date: outcome.date });
  const e = outcome.error;
  if (e instanceof WorkbookStateError && e.code === 'noConfig') return t(locale, 'command.refresh.noConfig');
  return t(locale, 'command.refresh.failed', { message: describeError(e, locale) });
}

function showReport(text: string, locale: Locale): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL('commands.html', window.location.href);
    url.searchParams.set('report', text);
    url.searchParams.set('lang', locale);
    Office.context.ui.displayDialogAsync(url.toString(), { height: 25, width: 30, displayInIframe: true }, (res) => {
      if (res.status === Office.AsyncResultStatus.Succeeded) {
        const dialog = res.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
      }
      resolve();
    });
  });
}

export async function refreshTiers(event: Office.AddinCommands.Event): Promise<void> {
  const locale = localeFromLanguage(Office.context.displayLanguage);
  try {
    let text: string;
    try {
      const report = await refreshWorkbook(officePortFromGlobals());
      text = refreshReport({ ok: true, customers: report.result.stats.customers, date: report.result.analysisDate }, locale);
    } catch (error) {
      text = refreshReport({ ok: false, error }, locale);
    }
    await showReport(text, locale);
  } finally {
    event.completed();
  }
}

/** Dialog mode: render the report and a Close button (the parent closes the dialog on its message). */
function renderReport(params: URLSearchParams): void {
  const locale = localeFromLanguage(params.get('lang'));
  document.documentElement.lang = locale;
  const main = document.createElement('main');
  const p = document.createElement('p');
  p.setAttribute('role', 'status');
  p.textContent = params.get('report') ?? '';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = t(locale, 'command.close');
  close.addEventListener('click', () => Office.context.ui.messageParent('close'));
  main.append(p, close);
  document.body.append(main);
}

// Guarded so tests can import the module without an Office host.
if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    const params = new URLSearchParams(window.location.search);
    if (params.has('report')) renderReport(params);
    else Office.actions.associate('refreshTiers', refreshTiers);
  });
}
