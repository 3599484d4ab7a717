// The few engine facts the pane shows: the default RFM segment table and snapshots of
// results for the migration view (same shapes as the workbook's history sheet).
import { RfmSchema, type SegmentDef, type TieringConfig } from '../config';
import { effectiveSegments } from '../engine/methods/rfm';
export { detectedDimensionHeaders } from '../engine/methods/dimensions';
import { migration, previousSnapshot, snapshotOf, type Migration, type Snapshot } from '../engine/history';
import type { ClassificationResult } from '../engine/types';

export function defaultSegments(bins: number, best: 'high' | 'low' = 'high'): SegmentDef[] {
  return effectiveSegments(RfmSchema.parse({ bins, best })).map((s) => ({ ...s, r: [...s.r], f: [...s.f], m: [...s.m] }) as SegmentDef);
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
