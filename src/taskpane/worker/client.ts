// Runs classify() in a Web Worker. Cancel terminates the worker (classify is synchronous
// inside it, so there is nothing gentler); the next run starts a fresh one.
import type { TieringConfig } from '../../config';
import type { ClassificationResult, InputTables, ProgressFn } from '../../engine/types';
import { CancelledError } from '../../workbook/port';
import { errorFromWire, fromWire, SLICE_ROWS, type FromWorker, type ToWorker } from './protocol';

export type Classifier = (tables: InputTables, config: TieringConfig, onProgress: ProgressFn, signal: AbortSignal) => Promise<ClassificationResult>;

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Posts the grids in slices (yielding between them), then the classify request. */
async function send(w: Worker, id: number, tables: InputTables, config: TieringConfig, signal: AbortSignal): Promise<void> {
  const head: InputTables = {};
  for (const k of ['customers', 'orders'] as const) {
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
        } else {
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
