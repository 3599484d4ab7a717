// What the pane needs from the outside world, as one object handed to <App>. The real
// one (officeHost.ts) wires the Office port, the engine worker and workbook/run; tests
// hand in fakes. Components never touch Office or the worker directly.
import type { TieringConfig } from '../config';
import type { ClassificationResult, InputTables, ProgressFn } from '../engine/types';
import type { Locale } from '../i18n';
import type { CheckReport } from '../workbook/check';
import type { EditChoice } from '../workbook/edits';
import type { IoProgress, WorkbookPort } from '../workbook/port';
import type { RulePreviewer } from './worker/rulePreview';

export type ThemeKind = 'light' | 'dark' | 'contrast';

/** Outcome of writing or refreshing: sentences for the user come from i18n keys. */
export interface WriteSummary {
  customers: number;
  sheets: number;
  analysisDate: string;
  /** Things found wrong with the workbook's stored state, as sentences (reported, not fatal). */
  problems?: string[];
}

export interface PaneHost {
  port: WorkbookPort;
  /** Office display language, e.g. "zh-CN". */
  displayLanguage: string;
  theme: ThemeKind;
  /** Classifies off the main thread; rejects with CancelledError when the signal aborts. */
  classify(tables: InputTables, config: TieringConfig, onProgress: ProgressFn, signal: AbortSignal): Promise<ClassificationResult>;
  /**
   * The rule editor's coverage counts over a result's customer table, off the main thread;
   * rejects with CancelledError when the signal aborts (a newer request superseded it).
   */
  previewRules: RulePreviewer;
  /**
   * Writes a result (and saves the config) in the workbook. The Office host hands the config to
   * workbook/run's refreshWorkbook, which reads the sources again and classifies before writing,
   * so what is written matches the workbook at that moment. Output the user edited stops it
   * with an EditedOutputError (nothing written) unless `edits` says keep or replace.
   */
  write(result: ClassificationResult, config: TieringConfig, opts: { onProgress: (p: IoProgress) => void; signal: AbortSignal; edits?: EditChoice }): Promise<WriteSummary>;
  /** Reads, classifies and writes from the config saved in the workbook (edited output: as write). */
  refresh(opts: { onProgress: (p: { stage: string; done: number; total: number }) => void; signal: AbortSignal; edits?: EditChoice }): Promise<WriteSummary & { result?: ClassificationResult }>;
  /** "Check this workbook": what a refresh and a remove would touch, and why; writes nothing. */
  check(opts: { signal: AbortSignal; locale: Locale }): Promise<CheckReport>;
  /** Deletes what the add-in can prove it created: how many objects went, and what was left alone and why. */
  remove(locale: Locale): Promise<{ count: number; problems?: string[] }>;
  /** The config saved in the workbook: null when none, or the reasons it was rejected. */
  loadConfig(): Promise<{ config: TieringConfig } | { errors: string[] } | null>;
  /** Hands a file to the user (a download in the pane's browser): campaign lists as CSV. */
  saveFile(name: string, text: string, type: string): void;
  /** Turns any thrown value into a sentence for the user. */
  describeError(e: unknown, locale: 'zh-CN' | 'en-US'): string;
}
