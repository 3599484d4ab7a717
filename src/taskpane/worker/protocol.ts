// Messages between the pane and the engine worker. A ClassificationResult holds an arquero
// table, which structured clone cannot copy: its columns travel as plain arrays.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { TieringConfig } from '../../config';
import type { FieldInfo, RuleSetReport } from '../../engine/methods/rules';
import { TieringError, type ClassificationResult, type InputTables, type ProgressStage } from '../../engine/types';
import type { RulePreviewRequest } from './rulePreview';
import type { Params } from '../../i18n';

/** An arquero table as structured clone can copy it. */
export interface WireTable {
  names: string[];
  columns: Record<string, ArrayLike<unknown>>;
}

export type WireResult = Omit<ClassificationResult, 'customers'> & { customers: WireTable };

/**
 * Large grids are sent in slices ('rows'), each cloned in a few milliseconds, so the main thread
 * never stalls on one big structured clone; 'classify' then names the slices' tables.
 */
export type ToWorker =
  | { type: 'rows'; id: number; table: 'orders' | 'customers' | 'facts'; rows: unknown[][] }
  | { type: 'classify'; id: number; tables: InputTables; config: TieringConfig }
  | RulePreviewMessage;

/**
 * Rule coverage for the rule editor. `customers` is sent with the first request for a result
 * and kept by the worker; later requests for the same table leave it out.
 */
export type RulePreviewMessage = { type: 'rulePreview'; id: number; customers?: WireTable } & RulePreviewRequest;

/** Rows per slice: ~20,000 rows of a few columns clone in well under 50 ms. */
export const SLICE_ROWS = 20_000;
export type FromWorker =
  | { type: 'progress'; id: number; stage: ProgressStage; done: number; total: number }
  | { type: 'result'; id: number; result: WireResult }
  | { type: 'rulePreview'; id: number; fields: FieldInfo[]; reports: (RuleSetReport | null)[] }
  | { type: 'error'; id: number; error: { name: string; message: string; code?: string; params?: Params } };

export function tableToWire(table: ColumnTable): WireTable {
  const names = table.columnNames();
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const n of names) columns[n] = table.array(n) as ArrayLike<unknown>;
  return { names, columns };
}

export function tableFromWire(wire: WireTable): ColumnTable {
  const cols: Record<string, ArrayLike<unknown>> = {};
  for (const n of wire.names) cols[n] = wire.columns[n];
  return aq.table(cols as Record<string, unknown[]>);
}

export function toWire(result: ClassificationResult): WireResult {
  return { ...result, customers: tableToWire(result.customers) };
}

export function fromWire(wire: WireResult): ClassificationResult {
  return { ...wire, customers: tableFromWire(wire.customers) };
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
