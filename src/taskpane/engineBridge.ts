// The few engine facts the pane shows: the default RFM segment table and snapshots of
// results for the migration view (same shapes as the workbook's history sheet).
import { RfmSchema, type SegmentDef, type TieringConfig } from '../config';
import { effectiveSegments } from '../engine/methods/rfm';
import { migration, previousSnapshot, type Migration, type Snapshot } from '../engine/history';
import type { ClassificationResult } from '../engine/types';

export function defaultSegments(bins: number, best: 'high' | 'low' = 'high'): SegmentDef[] {
  return effectiveSegments(RfmSchema.parse({ bins, best })).map((s) => ({ ...s, r: [...s.r], f: [...s.f], m: [...s.m] }) as SegmentDef);
}

/** The customer id column of the result table (the engine names it customer_id). */
export const ID_COLUMN = 'customer_id';

export function snapshotOf(result: ClassificationResult): Snapshot {
  const t = result.customers;
  const methods = result.summaries.map((s) => s.method).filter((_, i) => t.columnNames().includes(result.summaries[i].column));
  const cols = methods.map((m) => t.array(result.summaries.find((s) => s.method === m)!.column) as ArrayLike<unknown>);
  const ids = t.array(ID_COLUMN) as ArrayLike<unknown>;
  const rows = new Map<string, (string | null)[]>();
  for (let i = 0; i < t.numRows(); i++) {
    rows.set(
      String(ids[i]),
      cols.map((c) => (c[i] === null || c[i] === undefined ? null : String(c[i]))),
    );
  }
  return { date: result.analysisDate, methods, rows };
}

/**
 * Migration per method against the snapshot before this result: the workbook's history when
 * it has one, else the previous result of this session.
 */
export function migrations(result: ClassificationResult, history: Snapshot[], previous: ClassificationResult | null, config: TieringConfig): Migration[] {
  const now = snapshotOf(result);
  const prev = previousSnapshot(history, result.analysisDate) ?? (previous ? snapshotOf(previous) : null);
  if (!prev) return [];
  return now.methods.map((m) => migration(prev, now, m, config)).filter((x): x is Migration => x !== null);
}
