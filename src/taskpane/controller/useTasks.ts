// The long operations: run (read the sources, classify in the worker), and write, refresh
// and remove in the workbook. One of them at a time; Cancel aborts the current one.
import { useMemo, useRef } from 'react';
import type { InputTables, ProgressFn, SourceGrid } from '../../engine/types';
import { EditedOutputError, editedItemText, type EditChoice } from '../../workbook/edits';
import { CancelledError, type RangeRead } from '../../workbook/port';
import { readNotes } from '../../workbook/readNotes';
import type { CampaignRequest } from '../components/Playbook';
import { exportCampaign } from './campaign';
import { cancellable, type PaneContext } from './context';

export interface TaskCallbacks {
  run(): Promise<void>;
  cancel(): void;
  write(): Promise<void>;
  refresh(): Promise<void>;
  remove(): Promise<void>;
  /** The user's answer about edited output: keep aside, replace (the held task runs again), or cancel (null). */
  answerEdits(choice: 'keep' | 'replace' | null): Promise<void>;
  /** "Check this workbook": reads, plans and reports; writes nothing. */
  check(): Promise<void>;
  /** A campaign list of the chosen tiers: a CSV download or a sheet of our own. */
  exportCampaign(request: CampaignRequest): Promise<void>;
}

/** Issues name the sheet (not the table) so a click can select their cell. */
export function toSourceGrid(read: RangeRead): SourceGrid {
  const notes = readNotes(read);
  return { name: read.sheet, headerRow: read.row + 1, firstColumn: read.col, values: read.values, dateSystem: read.dateSystem, ...(notes.length ? { notes } : {}) };
}

export function useTasks(c: PaneContext): TaskCallbacks {
  const abortRef = useRef<AbortController | null>(null);
  return useMemo(
    () => ({
      run: () => runClassification(c, abortRef),
      cancel: () => abortRef.current?.abort(),
      write: () => writeResult(c, abortRef),
      refresh: () => refreshFromSaved(c, abortRef),
      remove: () => removeOwned(c),
      answerEdits: (choice) => answerEdits(c, abortRef, choice),
      check: () => checkWorkbook(c, abortRef),
      exportCampaign: (request) => exportCampaign(c, abortRef, request),
    }),
    [c],
  );
}

type AbortRef = { current: AbortController | null };

/** Reads every configured source, then classifies them in the host's engine (the worker). */
async function runClassification(c: PaneContext, abortRef: AbortRef): Promise<void> {
  const { host, dispatch, say, fmt } = c;
  const { config } = c.stateRef.current;
  const kinds = (['customers', 'orders', 'facts'] as const).filter((k) => config.sources[k]);
  if (kinds.length === 0) {
    dispatch({ type: 'activity', activity: { kind: 'error', task: 'run', message: say('run.error.noSources') } });
    return;
  }
  await cancellable(c, abortRef, 'run', { stage: 'reading', total: kinds.length }, async (signal) => {
    const tables: InputTables = {};
    for (const [i, kind] of kinds.entries()) {
      const read = await host.port.read(config.sources[kind]!, {
        signal,
        onProgress: (p) =>
          dispatch({ type: 'activity', activity: { kind: 'busy', task: 'run', stage: 'reading', done: i + (p.total ? p.done / p.total : 0), total: kinds.length } }),
      });
      tables[kind] = toSourceGrid(read);
    }
    if (signal.aborted) throw new CancelledError();
    // Handing the grids to the engine: the classifying stage starts now, not at its first report.
    dispatch({ type: 'activity', activity: { kind: 'busy', task: 'run', stage: 'ingest', done: 0, total: 1 } });
    const onProgress: ProgressFn = (p) =>
      dispatch({ type: 'activity', activity: { kind: 'busy', task: 'run', stage: p.stage, done: p.done, total: p.total } });
    const result = await host.classify(tables, config, onProgress, signal);
    dispatch({ type: 'result', result });
    return say('run.done', { customers: fmt(result.stats.customers), date: result.analysisDate });
  });
}

function reportProblems(c: PaneContext, problems: string[] | undefined): void {
  if (problems?.length) c.dispatch({ type: 'notice', notice: { intent: 'warning', text: problems.join(' ') } });
}

/**
 * Our output was edited: nothing was written; the pane asks what to do (the answer runs the
 * task again with it). True when that is what `e` says.
 */
function askAboutEdits(c: PaneContext, task: 'write' | 'refresh', e: unknown): boolean {
  if (!(e instanceof EditedOutputError)) return false;
  const locale = c.stateRef.current.locale;
  c.dispatch({ type: 'askEdits', question: { task, items: e.items.map((p) => editedItemText(p.item, locale)) } });
  return true;
}

async function answerEdits(c: PaneContext, abortRef: AbortRef, choice: 'keep' | 'replace' | null): Promise<void> {
  const question = c.stateRef.current.editQuestion;
  c.dispatch({ type: 'askEdits', question: null });
  if (!question) return;
  if (choice === null) {
    c.dispatch({ type: 'activity', activity: { kind: 'cancelled', task: question.task } });
    return;
  }
  await (question.task === 'write' ? writeResult(c, abortRef, choice) : refreshFromSaved(c, abortRef, choice));
}

async function writeResult(c: PaneContext, abortRef: AbortRef, edits?: EditChoice): Promise<void> {
  const { result, config } = c.stateRef.current;
  if (!result) return;
  await cancellable(c, abortRef, 'write', { stage: 'writing', total: 1 }, async (signal) => {
    const summary = await c.host
      .write(result, config, {
        signal,
        edits,
        onProgress: (p) => c.dispatch({ type: 'activity', activity: { kind: 'busy', task: 'write', stage: p.stage, done: p.done, total: p.total } }),
      })
      .catch((e: unknown) => {
        if (askAboutEdits(c, 'write', e)) return null;
        throw e;
      });
    if (!summary) return null;
    reportProblems(c, summary.problems);
    c.dispatch({ type: 'written', written: true });
    return c.say('write.done', { customers: c.fmt(summary.customers), sheets: summary.sheets });
  });
}

/** Reads, classifies and writes again from the config saved in the workbook. */
async function refreshFromSaved(c: PaneContext, abortRef: AbortRef, edits?: EditChoice): Promise<void> {
  await cancellable(c, abortRef, 'refresh', { stage: 'preparing', total: 1 }, async (signal) => {
    const summary = await c.host
      .refresh({
        signal,
        edits,
        onProgress: (p) =>
          c.dispatch({ type: 'activity', activity: { kind: 'busy', task: 'refresh', stage: p.stage as 'reading', done: p.done, total: p.total } }),
      })
      .catch((e: unknown) => {
        if (askAboutEdits(c, 'refresh', e)) return null;
        throw e;
      });
    if (!summary) return null;
    if (summary.result) c.dispatch({ type: 'result', result: summary.result });
    c.dispatch({ type: 'written', written: true });
    reportProblems(c, summary.problems);
    return c.say('refresh.done', { customers: c.fmt(summary.customers), date: summary.analysisDate });
  });
}

/** Deletes what the add-in made (host.remove takes no signal: not cancellable). */
async function removeOwned(c: PaneContext): Promise<void> {
  c.dispatch({ type: 'activity', activity: { kind: 'busy', task: 'remove', stage: 'writing', done: 0, total: 1 } });
  try {
    const { count, problems } = await c.host.remove(c.stateRef.current.locale);
    reportProblems(c, problems);
    c.dispatch({ type: 'written', written: false });
    c.dispatch({ type: 'activity', activity: { kind: 'done', task: 'remove', message: c.say('remove.done', { count }) } });
  } catch (e) {
    c.dispatch({ type: 'activity', activity: { kind: 'error', task: 'remove', message: c.describe(e) } });
  }
}

/** Reads what a refresh would read, plans it, and shows what it and a remove would touch. */
async function checkWorkbook(c: PaneContext, abortRef: AbortRef): Promise<void> {
  c.dispatch({ type: 'checked', report: null });
  await cancellable(c, abortRef, 'check', { stage: 'reading', total: 1 }, async (signal) => {
    const report = await c.host.check({ signal, locale: c.stateRef.current.locale });
    c.dispatch({ type: 'checked', report });
    return c.say('check.done');
  });
}
