// The pane's state: one TieringConfig being edited, what was read from the workbook,
// and the status of the current run or write. Pure reducer, tested without React.
import type { RangeRef, TieringConfig } from '../config';
import type { FactsProblem } from '../engine/factsTable';
import type { ClassificationResult, ProgressStage } from '../engine/types';
import type { Locale } from '../i18n';
import type { CheckReport } from '../workbook/check';
import type { RangeRead, SheetInfo, TableInfo } from '../workbook/port';

export type SourceKind = 'customers' | 'orders';
export type Step = 'data' | 'methods' | 'results';

/** A source range after it was read: its cells and the mapping detected from its headers. */
export interface LoadedSource {
  ref: RangeRef;
  read: RangeRead;
  headers: string[];
  /** Config key → header, as detected (before the user's corrections in config.columns). */
  detected: Record<string, string>;
}

/**
 * The customer facts source (engine/factsTable.ts): where it is and what reading it found. Its
 * ref is in config.sources.facts only when the table was read without a problem.
 */
export interface FactsSource {
  ref: RangeRef;
  /** "Sheet!A1:S996" (or "Table (Sheet!A1:S996)"), once read. */
  where?: string;
  problems: FactsProblem[];
  /** A read error (sheet gone, …) as a sentence. */
  error?: string;
  customers?: number;
  analysisDate?: string;
}

/** A long operation's status: reading + classifying (run) or writing / refreshing / removing. */
export type Task = 'run' | 'write' | 'refresh' | 'remove' | 'check' | 'export';
export type Activity =
  | { kind: 'idle' }
  | { kind: 'busy'; task: Task; stage: ProgressStage | 'preparing'; done: number; total: number }
  | { kind: 'done'; task: Task; message: string }
  | { kind: 'cancelled'; task: Task }
  | { kind: 'error'; task: Task | 'load'; message: string };

/** A write or refresh held back because our output was edited: the items, and the task to resume. */
export interface EditQuestion {
  task: 'write' | 'refresh';
  /** The edited items, as sentences in the pane's language. */
  items: string[];
}

/** The workbook's sheets and tables, offered as sources; `failed` when listing them failed. */
export interface WorkbookLists {
  sheets: SheetInfo[];
  tables: TableInfo[];
  failed: boolean;
}

export interface PaneState {
  locale: Locale;
  step: Step;
  config: TieringConfig;
  sources: Partial<Record<SourceKind, LoadedSource>>;
  lists: WorkbookLists;
  /** A sentence about the source being loaded or a read error, per source. */
  sourceErrors: Partial<Record<SourceKind, string>>;
  activity: Activity;
  result: ClassificationResult | null;
  /** The result before the latest one in this session (for migration when the workbook has no history). */
  previous: ClassificationResult | null;
  /** Notes about the stored config (loaded, invalid and ignored...). */
  notice: { intent: 'info' | 'warning' | 'error' | 'success'; text: string } | null;
  /** Set while the pane asks what to do with edited output (keep aside / replace / cancel). */
  editQuestion: EditQuestion | null;
  /** The last "Check this workbook" report (in the language it was made in; dropped on a switch). */
  check: CheckReport | null;
  /** Whether the result shown is in the workbook (written or refreshed since it was made). */
  written: boolean;
  /** The customer facts chosen instead of orders, if any. */
  facts: FactsSource | null;
}

export type Action =
  | { type: 'setLocale'; locale: Locale }
  | { type: 'setStep'; step: Step }
  | { type: 'setConfig'; config: TieringConfig }
  | { type: 'updateConfig'; update: (c: TieringConfig) => TieringConfig }
  | { type: 'sourceLoaded'; kind: SourceKind; source: LoadedSource }
  | { type: 'sourceError'; kind: SourceKind; message: string }
  | { type: 'sourceCleared'; kind: SourceKind }
  | { type: 'listed'; sheets: SheetInfo[]; tables: TableInfo[] }
  | { type: 'listFailed' }
  | { type: 'activity'; activity: Activity }
  | { type: 'result'; result: ClassificationResult }
  | { type: 'clearResult' }
  | { type: 'notice'; notice: PaneState['notice'] }
  | { type: 'askEdits'; question: EditQuestion | null }
  | { type: 'checked'; report: CheckReport | null }
  | { type: 'written'; written: boolean }
  | { type: 'facts'; facts: FactsSource | null };

export function initialState(config: TieringConfig, locale: Locale): PaneState {
  return {
    locale,
    step: 'data',
    config: { ...config, locale },
    sources: {},
    lists: { sheets: [], tables: [], failed: false },
    sourceErrors: {},
    activity: { kind: 'idle' },
    result: null,
    previous: null,
    notice: null,
    editQuestion: null,
    check: null,
    written: false,
    facts: null,
  };
}

export function reducer(state: PaneState, action: Action): PaneState {
  switch (action.type) {
    case 'setLocale':
      // The output language follows the pane's language: what the user reads is what gets written.
      // A check report is in the language it was made in: it goes, rather than stay half-translated.
      return { ...state, locale: action.locale, config: { ...state.config, locale: action.locale }, check: null };
    case 'setStep':
      return { ...state, step: action.step };
    case 'setConfig':
      return { ...state, config: action.config };
    case 'updateConfig':
      return { ...state, config: action.update(state.config) };
    case 'sourceLoaded': {
      const { [action.kind]: _gone, ...sourceErrors } = state.sourceErrors;
      // Corrections that name a header the new range lacks no longer mean anything.
      const kept = Object.fromEntries(
        Object.entries(state.config.columns[action.kind]).filter(([, h]) => h && action.source.headers.includes(h)),
      );
      return {
        ...state,
        sources: { ...state.sources, [action.kind]: action.source },
        sourceErrors,
        config: {
          ...state.config,
          sources: { ...state.config.sources, [action.kind]: action.source.ref },
          columns: { ...state.config.columns, [action.kind]: kept },
        },
      };
    }
    case 'sourceError':
      return { ...state, sourceErrors: { ...state.sourceErrors, [action.kind]: action.message } };
    case 'sourceCleared': {
      const { [action.kind]: _s, ...sources } = state.sources;
      const { [action.kind]: _r, ...refs } = state.config.sources;
      const { [action.kind]: _e, ...sourceErrors } = state.sourceErrors;
      return {
        ...state,
        sources,
        sourceErrors,
        config: { ...state.config, sources: refs, columns: { ...state.config.columns, [action.kind]: {} } },
      };
    }
    case 'listed':
      return { ...state, lists: { sheets: action.sheets, tables: action.tables, failed: false } };
    case 'listFailed':
      // What was listed before stays offered.
      return { ...state, lists: { ...state.lists, failed: true } };
    case 'activity':
      return { ...state, activity: action.activity };
    case 'result':
      return { ...state, previous: state.result ?? state.previous, result: action.result, written: false };
    case 'clearResult':
      return { ...state, result: null };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'askEdits':
      return { ...state, editQuestion: action.question };
    case 'checked':
      return { ...state, check: action.report };
    case 'written':
      return { ...state, written: action.written };
    case 'facts': {
      const { facts: _f, ...refs } = state.config.sources;
      const usable = action.facts && !action.facts.error && action.facts.problems.length === 0;
      return { ...state, facts: action.facts, config: { ...state.config, sources: usable ? { ...refs, facts: action.facts!.ref } : refs } };
    }
  }
}

/** The column mapping in effect for a source: the user's choice, else the detected header. */
export function effectiveMapping(state: PaneState, kind: SourceKind): Record<string, string> {
  const detected = state.sources[kind]?.detected ?? {};
  const chosen = state.config.columns[kind] as Record<string, string | undefined>;
  const out: Record<string, string> = { ...detected };
  for (const [k, v] of Object.entries(chosen)) {
    if (v) out[k] = v;
  }
  return out;
}

export function isBusy(state: PaneState): boolean {
  return state.activity.kind === 'busy';
}
