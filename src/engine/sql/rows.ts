// Rows of the facts query (engine/sql/facts.ts) → CustomerFact. Database clients give
// integers as number, bigint or text and exact decimals as text: each is read with Number(),
// which rounds a decimal's exact value once to the nearest double (as the metrics kernel does).
import type { CustomerFact, CustomerFactsSet } from '../facts';
import type { ColumnKind } from './dialects';

/** A database value → number; NULL → NaN. */
export function num(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v);
  return Number(String(v));
}

export function factFromRow(row: Record<string, unknown>): CustomerFact {
  return {
    id: String(row.cid),
    orderRows: num(row.order_rows),
    returnRows: num(row.return_rows),
    afterRows: num(row.after_rows),
    orders: num(row.orders),
    revenue: num(row.revenue),
    profit: num(row.profit),
    firstDay: num(row.first_day),
    lastDay: num(row.last_day),
    activeDays: num(row.active_days),
    recentDays: num(row.recent_days),
    medianGapTwice: num(row.gap2),
    clvDays: num(row.clv_days),
    clvFirstDay: num(row.clv_first),
    clvLastDay: num(row.clv_last),
    clvRepeatSpend: num(row.clv_repeat),
  };
}

export function factsSetFromRows(rows: Record<string, unknown>[], o: { analysisDate?: string; returns: 'net' | 'exclude'; windowDays: number; withProfit: boolean }): CustomerFactsSet {
  const facts = rows.map(factFromRow);
  const analysisDay = rows.length > 0 ? num(rows[0].a) : NaN;
  return { facts, analysisDay, analysisDateSource: o.analysisDate ? 'config' : 'latest-order', returns: o.returns, windowDays: o.windowDays, withProfit: o.withProfit };
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
