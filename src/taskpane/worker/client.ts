// Runs classify() in a Web Worker. Cancel terminates the worker (classify is synchronous
// inside it, so there is nothing gentler); the next run starts a fresh one.
//
// The rule editor's preview runs in a second worker of the same script: it keeps the last
// result's customer table between keystrokes, which cancelling a run (terminating the
// classify worker) would otherwise throw away, and a preview never waits behind a run.
import type { ColumnTable } from 'arquero';
import type { TieringConfig } from '../../config';
import type { ClassificationResult, InputTables, ProgressFn } from '../../engine/types';
import { CancelledError } from '../../workbook/port';
import { errorFromWire, fromWire, SLICE_ROWS, tableToWire, type FromWorker, type ToWorker } from './protocol';
import type { RulePreview, RulePreviewer } from './rulePreview';

export type Classifier = (tables: InputTables, config: TieringConfig, onProgress: ProgressFn, signal: AbortSignal) => Promise<ClassificationResult>;

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Posts the grids in slices (yielding between them), then the classify request. */
async function send(w: Worker, id: number, tables: InputTables, config: TieringConfig, signal: AbortSignal): Promise<void> {
  const head: InputTables = {};
  for (const k of ['customers', 'orders', 'facts'] as const) {
    const g = tables[k];
    if (!g) continue;
    const first = g.values.slice(0, SLICE_ROWS);
    head[k] = { ...g, values: first };
    for (let i = SLICE_ROWS; i < g.values.length; i += SLICE_ROWS) {
      await nextTask();
      if (signal.aborted) return;
      const msg: ToWorker = { type: 'rows', id, table: k, rows: g.values.slice(i, i + SLICE_ROWS) as unknown[][] };
      w.postMessage(msg);
    }
  }
  await nextTask();
  if (signal.aborted) return;
  const msg: ToWorker = { type: 'classify', id, tables: head, config };
  w.postMessage(msg);
}

export function workerClassifier(makeWorker: () => Worker): Classifier {
  let worker: Worker | null = null;
  let nextId = 1;
  return (tables, config, onProgress, signal) =>
    new Promise<ClassificationResult>((resolve, reject) => {
      if (signal.aborted) {
        reject(new CancelledError());
        return;
      }
      const w = (worker ??= makeWorker());
      const id = nextId++;
      const done = () => {
        w.removeEventListener('message', onMessage);
        w.removeEventListener('error', onError);
        signal.removeEventListener('abort', onAbort);
      };
      const onMessage = (ev: MessageEvent<FromWorker>) => {
        const m = ev.data;
        if (m.id !== id) return;
        if (m.type === 'progress') onProgress({ stage: m.stage, done: m.done, total: m.total });
        else if (m.type === 'result') {
          done();
          resolve(fromWire(m.result));
        } else if (m.type === 'error') {
          done();
          reject(errorFromWire(m.error));
        }
      };
      const onError = (ev: ErrorEvent) => {
        done();
        worker?.terminate();
        worker = null;
        reject(new Error(ev.message || 'worker failed'));
      };
      const onAbort = () => {
        done();
        w.terminate();
        if (worker === w) worker = null;
        reject(new CancelledError());
      };
      w.addEventListener('message', onMessage);
      w.addEventListener('error', onError);
      signal.addEventListener('abort', onAbort);
      void send(w, id, tables, config, signal).catch((e: unknown) => {
        done();
        reject(e);
      });
    });
}

/**
 * Rule previews in their own worker. The customer table is posted with the first request for
 * it (structured clone, once per result); later requests carry only the rule sets. A request
 * whose signal aborts is settled at once and its answer, when it comes, ignored.
 */
export function workerRulePreviewer(makeWorker: () => Worker): RulePreviewer {
  let worker: Worker | null = null;
  /** The table the current worker holds. */
  let held: ColumnTable | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(p: RulePreview): void; reject(e: Error): void }>();

  const start = (): Worker => {
    const w = makeWorker();
    w.addEventListener('message', (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      const p = waiting.get(m.id);
      if (!p) return;
      waiting.delete(m.id);
      if (m.type === 'rulePreview') p.resolve({ fields: m.fields, reports: m.reports });
      else if (m.type === 'error') {
        held = null; // the table may not have arrived: send it again next time
        p.reject(errorFromWire(m.error));
      }
    });
    w.addEventListener('error', (ev: ErrorEvent) => {
      w.terminate();
      if (worker === w) worker = null;
      held = null;
      for (const p of waiting.values()) p.reject(new Error(ev.message || 'worker failed'));
      waiting.clear();
    });
    return w;
  };

  return (customers, request, signal) =>
    new Promise<RulePreview>((resolve, reject) => {
      if (signal.aborted) {
        reject(new CancelledError());
        return;
      }
      const w = (worker ??= start());
      const id = nextId++;
      const onAbort = () => {
        waiting.delete(id);
        reject(new CancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = <T>(f: (x: T) => void) => (x: T) => {
        signal.removeEventListener('abort', onAbort);
        f(x);
      };
      waiting.set(id, { resolve: settle(resolve), reject: settle(reject) });
      const msg: ToWorker = { type: 'rulePreview', id, ...request, customers: customers === held ? undefined : tableToWire(customers) };
      held = customers;
      w.postMessage(msg);
    });
}
