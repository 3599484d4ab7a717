// Messages between the pane and the engine worker. A ClassificationResult holds an arquero
// table, which structured clone cannot copy: its columns travel as plain arrays.
import * as aq from 'arquero';
import type { TieringConfig } from '../../config';
import { TieringError, type ClassificationResult, type InputTables, type ProgressStage } from '../../engine/types';

export type WireResult = Omit<ClassificationResult, 'customers'> & { customers: { names: string[]; columns: Record<string, ArrayLike<unknown>> } };

/**
 * Large grids are sent in slices ('rows'), each cloned in a few milliseconds, so the main thread
 * never stalls on one big structured clone; 'classify' then names the slices' tables.
 */
export type ToWorker =
  | { type: 'rows'; id: number; table: 'orders' | 'customers'; rows: unknown[][] }
  | { type: 'classify'; id: number; tables: InputTables; config: TieringConfig };

/** Rows per slice: ~20,000 rows of a few columns clone in well under 50 ms. */
export const SLICE_ROWS = 20_000;
export type FromWorker =
  | { type: 'progress'; id: number; stage: ProgressStage; done: number; total: number }
  | { type: 'result'; id: number; result: WireResult }
  | { type: 'error'; id: number; error: { name: string; message: string; code?: string; params?: Record<string, string | number> } };

export function toWire(result: ClassificationResult): WireResult {
  const names = result.customers.columnNames();
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const n of names) columns[n] = result.customers.array(n) as ArrayLike<unknown>;
  return { ...result, customers: { names, columns } };
}

export function fromWire(wire: WireResult): ClassificationResult {
  const cols: Record<string, ArrayLike<unknown>> = {};
  for (const n of wire.customers.names) cols[n] = wire.customers.columns[n];
  return { ...wire, customers: aq.table(cols as Record<string, unknown[]>) };
}

export function errorToWire(e: unknown): Extract<FromWorker, { type: 'error' }>['error'] {
  if (e instanceof TieringError) return { name: e.name, message: e.message, code: e.code, params: e.params };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

export function errorFromWire(w: Extract<FromWorker, { type: 'error' }>['error']): Error {
  if (w.code !== undefined) return new TieringError(w.code, w.params ?? {}, w.message);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
