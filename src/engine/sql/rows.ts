// Rows of the facts query (engine/sql/facts.ts) → CustomerFact. Database clients give
// integers as number, bigint or text and exact decimals as text: each is read with Number(),
// which rounds a decimal's exact value once to the nearest double (as the metrics kernel does).
import { FACT_FIELDS, factsColumns, type CustomerFact, type CustomerFactsSet, type FactField } from '../facts';
import type { ColumnKind } from './dialects';

/** A database value → number; NULL → NaN. */
export function num(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v);
  return Number(String(v));
}

/** Fact ← the facts query's output column (FACT_COLUMNS). */
const COLUMN_OF: Record<FactField, string> = {
  orderRows: 'order_rows', returnRows: 'return_rows', afterRows: 'after_rows', orders: 'orders', revenue: 'revenue', profit: 'profit',
  firstDay: 'first_day', lastDay: 'last_day', activeDays: 'active_days', recentDays: 'recent_days', medianGapTwice: 'gap2',
  clvDays: 'clv_days', clvFirstDay: 'clv_first', clvLastDay: 'clv_last', clvRepeatSpend: 'clv_repeat',
};

export function factFromRow(row: Record<string, unknown>): CustomerFact {
  const f = { id: String(row.cid) } as CustomerFact;
  for (const k of FACT_FIELDS) f[k] = num(row[COLUMN_OF[k]]);
  return f;
}

export interface FactsOptions {
  analysisDate?: string;
  returns: 'net' | 'exclude';
  windowDays: number;
  withProfit: boolean;
}

function factsSet(cols: Pick<CustomerFactsSet, 'ids' | 'values'>, analysisDay: number, o: FactsOptions): CustomerFactsSet {
  return { ...cols, analysisDay, analysisDateSource: o.analysisDate ? 'config' : 'latest-order', returns: o.returns, windowDays: o.windowDays, withProfit: o.withProfit };
}

export function factsSetFromRows(rows: Record<string, unknown>[], o: FactsOptions): CustomerFactsSet {
  return factsSet(factsColumns(rows.map(factFromRow)), rows.length > 0 ? num(rows[0].a) : NaN, o);
}

/** The same from the query's columns: typed arrays, no object per customer (a million customers). */
export function factsSetFromColumns(cols: Record<string, unknown[]>, o: FactsOptions): CustomerFactsSet {
  const ids = (cols.cid ?? []).map(String);
  const values = {} as Record<FactField, Float64Array>;
  for (const k of FACT_FIELDS) {
    const from = cols[COLUMN_OF[k]];
    const to = new Float64Array(ids.length);
    for (let i = 0; i < to.length; i++) to[i] = num(from[i]);
    values[k] = to;
  }
  return factsSet({ ids, values }, ids.length > 0 ? num(cols.a[0]) : NaN, o);
}

/** A database's type name → how the facts query reads the column. */
export function kindOfType(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (/^(VARCHAR|TEXT|CHAR|CHARACTER|STRING|BPCHAR|NAME)/.test(t)) return 'text';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (/^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|INT2|INT4|INT8)/.test(t)) return 'integer';
  return 'number';
}
