// What the DuckDB and PostgreSQL sources share: the error type the CLI renders (exit 2), the
// column mapping (the same header detection as the in-memory ingest) and the facts query input.
import type { TieringConfig } from '../config/schema';
import type { MessageKey, Params } from '../i18n';
import { resolveColumns } from '../engine/ingest/grid';
import { ambiguousExampleSql, factsSql, outlierRowsSql, validationSql, type FactsQueryInput, type SourceColumn } from '../engine/sql/facts';
import { factsSetFromColumns, factsSetFromRows, num } from '../engine/sql/rows';
import type { CustomerFactsSet } from '../engine/facts';
import { decideOrder, formatName, type DateColumn } from '../engine/ingest/dates';
import { farCutoffOf, todayDay, topDaysOf } from '../engine/ingest/dateOutliers';
import { IssueList, type GridPlace } from '../engine/ingest/issues';
import { reportDateColumn } from '../engine/ingest/orders';
import { dayToIso } from '../engine/calendar';
import type { ColumnKind, Dialect } from '../engine/sql/dialects';

/** A user-facing problem with a source: rendered in the user's language, exit 2. */
export class SourceError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    // The message is for logs and tests; users see t(key, params).
    super(`${key} ${JSON.stringify(params)}`);
  }
}

/** Runs one bound query and returns its rows as plain objects. */
export type RunQuery = (sql: string, params: (number | null)[]) => Promise<Record<string, unknown>[]>;
/** The same, as columns (name → values), where the client gives them faster. */
export type RunColumns = (sql: string, params: (number | null)[]) => Promise<Record<string, unknown[]>>;

/** The facts query input for a source whose columns (name → kind) are known, and the date column's index. */
export function queryInput(dialect: Dialect, source: FactsQueryInput['source'], columns: { name: string; kind: ColumnKind }[], config: TieringConfig, label: string): FactsQueryInput & { dateColumn: number } {
  const headers = columns.map((c) => c.name);
  const idx = resolveColumns(headers, 'orders', config.columns?.orders ?? {}, label, ['customerId', 'orderDate', 'amount']);
  const col = (key: string): SourceColumn | undefined => (idx[key] === undefined ? undefined : columns[idx[key]]);
  return {
    dialect,
    source,
    columns: { customerId: col('customerId')!, orderDate: col('orderDate')!, amount: col('amount')!, profit: col('profit'), orderId: col('orderId') },
    analysisDate: config.analysisDate,
    returns: config.returns,
    windowDays: config.methods.activity?.churn.windowDays ?? 90,
    dateOrder: config.dateOrder ?? 'auto',
    dateColumn: idx.orderDate,
  };
}

/** Where the source's cells are (for issues identical to the in-memory ingest's), and how rows map to lines. */
export interface SourcePlace {
  place: GridPlace;
  /** Whether data row k (1-based, as the database counts) is grid row k: no blank lines, no line breaks inside fields. */
  rowsAreLines(total: number): boolean;
  today?: number;
  /** Reads the facts query's result by column (faster where the client can). */
  runColumns?: RunColumns;
}

interface Summary {
  total: number;
  bad: Record<'id' | 'date' | 'amount' | 'profit' | 'order_id', { count: number; example: string }>;
  /** Rows per day (a/b/y text read in the decided order). */
  days: Map<number, number>;
  order: 'mdy' | 'dmy' | null;
  ambiguous: boolean;
  seen: Uint32Array;
  /** Every date strict YYYY-MM-DD; every id as it stands (no trim, no "1.0"). */
  iso: boolean;
  rawIds: boolean;
}

function summarise(rows: Record<string, unknown>[], dateOrder: FactsQueryInput['dateOrder']): Summary {
  const bad: Summary['bad'] = { id: { count: 0, example: '' }, date: { count: 0, example: '' }, amount: { count: 0, example: '' }, profit: { count: 0, example: '' }, order_id: { count: 0, example: '' } };
  // The smallest example of all groups, not the first: the groups come back in no fixed order
  // (DuckDB aggregates on several threads), and the message must not change from run to run.
  const see = (k: keyof Summary['bad'], n: number, ex: unknown) => {
    if (!(n > 0)) return;
    bad[k].count += n;
    if (ex === null || ex === undefined) return;
    const e = String(ex);
    if (!bad[k].example || e < bad[k].example) bad[k].example = e;
  };
  const ev = [0, 0, 0, 0];
  let total = 0;
  for (const r of rows) {
    const n = num(r.n);
    total += n;
    see('id', num(r.bad_id), r.ex_id);
    see('amount', num(r.bad_amount), r.ex_amount);
    see('profit', num(r.bad_profit), r.ex_profit);
    see('order_id', num(r.blank_oid), '');
    if (r.ev !== null && r.ev !== undefined) ev[num(r.ev)] += n;
  }
  const aby = ev[0] + ev[1] + ev[2] + ev[3];
  const decided = decideOrder(dateOrder ?? 'auto', ev[1], ev[2], ev[3] > 0 ? 'x' : '', aby);
  const days = new Map<number, number>();
  const seen = new Uint32Array(7);
  let iso = true;
  let rawIds = 0;
  for (const r of rows) rawIds += num(r.raw_ids) || 0;
  for (const r of rows) {
    const n = num(r.n);
    const isAby = r.ev !== null && r.ev !== undefined;
    const d = isAby ? num(decided.order === 'dmy' ? r.d_dmy : r.d_mdy) : num(r.d);
    if (d !== d) {
      see('date', n, r.ex_date ?? '');
      continue;
    }
    // Strict YYYY-MM-DD (shape 0) is the ingest's ymd.
    const shape = num(r.shape);
    seen[shape === 0 ? 1 : shape] += n;
    if (shape !== 0) iso = false;
    days.set(d, (days.get(d) ?? 0) + n);
  }
  return { total, bad, days, order: decided.order, ambiguous: decided.ambiguous, seen, iso, rawIds: rawIds === total };
}

/** What the facts query reads once the rows are checked: the input with the reading decided, and the issues. */
export interface PreparedFacts {
  input: FactsQueryInput;
  reading: NonNullable<CustomerFactsSet['reading']>;
}

/** Validation, then the facts query; the facts carry the reading's issues. */
export async function runFacts(run: RunQuery, input: FactsQueryInput & { dateColumn: number }, label: string, engine: string, where: SourcePlace): Promise<CustomerFactsSet> {
  const p = await prepareFacts(run, input, label, engine, where);
  const q = factsSql(p.input);
  const opts = { analysisDate: input.analysisDate, returns: input.returns, windowDays: input.windowDays, withProfit: !!input.columns.profit };
  const set = where.runColumns ? factsSetFromColumns(await where.runColumns(q.sql, q.params), opts) : factsSetFromRows(await run(q.sql, q.params), opts);
  set.reading = p.reading;
  return set;
}

/**
 * Validation (every cell read as the in-memory ingest reads it, or a SourceError saying which
 * column is not), the ingest's outlier dates and date-column issues: the facts query's input
 * (shared by the facts path and the warehouse tiers, so both read the same rows).
 */
export async function prepareFacts(run: RunQuery, input: FactsQueryInput & { dateColumn: number }, label: string, engine: string, where: SourcePlace): Promise<PreparedFacts> {
  const v = validationSql(input);
  const s = summarise(await run(v.sql, v.params), input.dateOrder);
  if (s.total === 0) throw new SourceError('scale.no_rows', { file: label });
  const names = { id: input.columns.customerId.name, date: input.columns.orderDate.name, amount: input.columns.amount.name, profit: input.columns.profit?.name ?? '', order_id: input.columns.orderId?.name ?? '' };
  for (const k of ['id', 'date', 'amount', 'profit', 'order_id'] as const) {
    const b = s.bad[k];
    if (b.count > 0) throw new SourceError(`scale.not_plain_${k}` as MessageKey, { file: label, engine, column: names[k], count: b.count, total: s.total, value: b.example });
  }
  const issues = new IssueList();
  const di = input.dateColumn;
  let example = '';
  if (s.ambiguous) {
    const q = ambiguousExampleSql(input);
    example = String((await run(q.sql, q.params))[0]?.v ?? '').trim();
  }
  const format = formatName(s.seen, s.order);
  const column = { ambiguous: s.ambiguous, conflict: false, order: s.order, ambiguousExample: example, format } as DateColumn;
  reportDateColumn(where.place, di, column, issues);
  // Outlier dates as ingest/dateOutliers.ts finds them: after today, or far beyond the rest.
  const today = where.today ?? todayDay();
  const until = today + 1;
  const far = farCutoffOf(topDaysOf(s.days, until));
  const dayBefore = far ? Math.min(far.cutoff, until + 1) : until + 1;
  let outliers = 0;
  for (const [d, n] of s.days) if (d >= dayBefore) outliers += n;
  const dmy = s.order === 'dmy';
  if (outliers > 0) {
    if (!where.rowsAreLines(s.total)) throw new SourceError('scale.not_plain_lines', { file: label, engine, count: outliers });
    const q = outlierRowsSql({ ...input, dmy, dayBefore, isoDates: s.iso });
    for (const r of await run(q.sql, q.params)) {
      const d = num(r.d);
      const future = d > until;
      issues.cell(where.place, num(r.rn), di, r.v, future ? 'date_future' : 'date_far', 'error', future ? { date: dayToIso(d), today: dayToIso(today) } : { date: dayToIso(d), latest: dayToIso(far!.latest) });
    }
  }
  if (s.total - outliers === 0) throw new SourceError('scale.no_rows', { file: label });
  let latestDay = -Infinity;
  for (const d of s.days.keys()) if (d < dayBefore && d > latestDay) latestDay = d;
  const fast = { isoDates: s.iso, rawIds: s.rawIds };
  return {
    input: { ...input, dmy, dayBefore, latestDay, ...fast },
    reading: { issues: issues.finish(), issuesTotal: issues.total, rowsWithIssues: issues.rowsWithIssues, dateFormats: { [where.place.headers[di]]: format }, orderRows: s.total },
  };
}
