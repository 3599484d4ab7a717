// The real PaneHost: Office for language and theme, the Office port for the workbook, the
// engine worker for classification, workbook/run for writing, refreshing and removing.
import type { TieringConfig } from '../config';
import { historyFromGrid, type Snapshot } from '../engine/history';
import type { InputTables, ProgressFn } from '../engine/types';
import type { Locale } from '../i18n';
import { describeError } from '../workbook/describeError';
import type { WorkbookPort } from '../workbook/port';
import { checkWorkbook } from '../workbook/check';
import { refreshWorkbook, removeResults, type RefreshOptions, type RefreshReport } from '../workbook/run';
import { loadConfig, loadRegistry } from '../workbook/state';
import type { PaneHost, ThemeKind, WriteSummary } from './host';
import type { Classifier } from './worker/client';
import type { RulePreviewer } from './worker/rulePreview';

/** Office's theme → ours. High contrast comes from the OS (forced colours), dark from the body colour. */
export function themeFromOffice(officeTheme: { bodyBackgroundColor?: string } | undefined, forcedColors: boolean): ThemeKind {
  if (forcedColors) return 'contrast';
  const bg = officeTheme?.bodyBackgroundColor;
  const m = bg && /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg.trim());
  if (!m) return 'light';
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? 'dark' : 'light';
}

function summaryOf(report: RefreshReport): WriteSummary {
  return {
    customers: report.result.stats.customers,
    sheets: Object.keys(report.sheets).length,
    analysisDate: report.result.analysisDate,
    problems: report.problems.map((p) => p.message),
  };
}


export interface OfficeHostOptions {
  port: WorkbookPort;
  classify: Classifier;
  previewRules: RulePreviewer;
  displayLanguage: string;
  theme: ThemeKind;
}

export function officeHost(o: OfficeHostOptions): PaneHost & { loadHistory(): Promise<Snapshot[]> } {
  const { port } = o;
  // Write and Refresh classify in the pane's worker too, so the pane stays responsive.
  const viaWorker = (signal: AbortSignal) => (inputs: InputTables, config: TieringConfig, onProgress?: ProgressFn) =>
    o.classify(inputs, config, onProgress ?? (() => {}), signal);
  return {
    port,
    displayLanguage: o.displayLanguage,
    theme: o.theme,
    classify: o.classify,
    previewRules: o.previewRules,
    async write(_result, config, { onProgress, signal, edits }) {
      const opts: RefreshOptions = {
        config,
        edits,
        locale: config.locale,
        signal,
        classify: viaWorker(signal),
        onProgress: (p) => (p.stage === 'writing' || p.stage === 'reading' ? onProgress({ stage: p.stage, done: p.done, total: p.total }) : undefined),
      };
      return summaryOf(await refreshWorkbook(port, opts));
    },
    async refresh({ onProgress, signal, edits }) {
      const opts: RefreshOptions = { signal, edits, classify: viaWorker(signal), onProgress: (p) => onProgress(p) };
      const report = await refreshWorkbook(port, opts);
      return { ...summaryOf(report), result: report.result };
    },
    check: ({ signal, locale }) => checkWorkbook(port, { signal, locale, classify: viaWorker(signal) }),
    async remove(locale) {
      const r = await removeResults(port, { locale });
      return { count: r.sheets.length + r.columns, problems: r.problems.map((p) => p.message) };
    },
    async loadConfig() {
      const { config, problems } = await loadConfig(port, localeOf(o.displayLanguage));
      if (config) return { config };
      if (problems.length) return { errors: problems.map((p) => p.message) };
      return null;
    },
    async loadHistory() {
      const { registry } = await loadRegistry(port, localeOf(o.displayLanguage));
      const sheet = registry?.sheets.find((s) => s.role === 'history');
      if (!sheet) return [];
      return historyFromGrid((await port.read({ kind: 'sheet', sheet: sheet.name })).values);
    },
    saveFile: downloadFile,
    describeError,
  };
}

/** A download of a text file (UTF-8; a leading BOM in the text stays, for Excel). */
export function downloadFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the file by the next task; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function localeOf(lang: string): Locale {
  return /^zh/i.test(lang) ? 'zh-CN' : 'en-US';
}
