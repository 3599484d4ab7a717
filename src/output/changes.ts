// The headline changes of a run: new buyers, moved up, moved down (in the lead method, ABC when
// it ran) since the previous snapshot, and the customers with a churn warning now; each with its
// customers and the revenue they bring. Pure: the summary's dashboard and "what changed" block
// read it, and so can the task pane.
import type { TieringConfig } from '../config/schema';
import { tierRanks, type Snapshot } from '../engine/history';
import type { ClassificationResult } from '../engine/types';
import type { ChangeKind } from './playbook';

export interface ChangeLine {
  kind: ChangeKind;
  customers: number;
  /** Revenue of these customers in this run. */
  value: number;
}

export interface Changes {
  /** The method new/up/down are measured in (null when no method is kept in history). */
  method: string | null;
  /** Date of the previous snapshot (null on a first run: only at-risk is known). */
  from: string | null;
  lines: ChangeLine[];
}

/** id → revenue of this run's customers (0 when not a number). */
export function revenueById(result: Pick<ClassificationResult, 'customers'>): Map<string, number> {
  const tbl = result.customers;
  const ids = tbl.array('customer_id') as ArrayLike<unknown>;
  const rev = tbl.columnNames().includes('revenue') ? (tbl.array('revenue') as ArrayLike<unknown>) : null;
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const v = rev?.[i];
    out.set(String(ids[i]), typeof v === 'number' && Number.isFinite(v) ? v : 0);
  }
  return out;
}

export function headlineChanges(result: Pick<ClassificationResult, 'customers'>, prev: Snapshot | null, now: Snapshot, config?: TieringConfig): Changes {
  const value = revenueById(result);
  const method = now.methods.includes('abc') ? 'abc' : (now.methods[0] ?? null);
  const lines: ChangeLine[] = [];
  const add = (kind: ChangeKind, ids: string[]) => lines.push({ kind, customers: ids.length, value: ids.reduce((a, id) => a + (value.get(id) ?? 0), 0) });
  if (prev && method && prev.methods.includes(method)) {
    const pi = prev.methods.indexOf(method);
    const ni = now.methods.indexOf(method);
    const ranks = tierRanks(method, config);
    const fresh: string[] = [];
    const up: string[] = [];
    const down: string[] = [];
    for (const [id, tiers] of now.rows) {
      const b = tiers[ni];
      if (b == null) continue;
      const a = prev.rows.get(id)?.[pi] ?? null;
      if (a === null) {
        fresh.push(id);
        continue;
      }
      const ra = ranks.get(a);
      const rb = ranks.get(b);
      if (ra === undefined || rb === undefined || ra === rb) continue;
      (rb < ra ? up : down).push(id);
    }
    add('new', fresh);
    add('up', up);
    add('down', down);
  }
  const ci = now.methods.indexOf('churn_risk');
  if (ci >= 0) add('atRisk', [...now.rows].filter(([, tiers]) => tiers[ci] === 'warning').map(([id]) => id));
  return { method, from: prev && method && prev.methods.includes(method) ? prev.date : null, lines };
}
