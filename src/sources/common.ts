// What the DuckDB and PostgreSQL sources share: the error type the CLI renders (exit 2), the
// column mapping (the same header detection as the in-memory ingest) and the facts query input.
import type { TieringConfig } from '../config/schema';
import type { MessageKey } from '../i18n';
import { resolveColumns } from '../engine/ingest/grid';
import { factsSql, validationSql, type FactsQueryInput, type SourceColumn } from '../engine/sql/facts';
import { factsSetFromRows, num } from '../engine/sql/rows';
import type { CustomerFactsSet } from '../engine/facts';
import type { ColumnKind, Dialect } from '../engine/sql/dialects';

/** A user-facing problem with a source: rendered in the user's language, exit 2. */
export class SourceError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    // The message is for logs and tests; users see t(key, params).
    super(`${key} ${JSON.stringify(params)}`);
  }
}

/** Runs one bound query and returns its rows as plain objects. */
export type RunQuery = (sql: string, params: (number | null)[]) => Promise<Record<string, unknown>[]>;

/** The facts query input for a source whose columns (name → kind) are known. */
export function queryInput(dialect: Dialect, source: FactsQueryInput['source'], columns: { name: string; kind: ColumnKind }[], config: TieringConfig, label: string): FactsQueryInput {
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
  };
}

/** Validation (every row readable, or a SourceError) then the facts query. */
export async function runFacts(run: RunQuery, input: FactsQueryInput, label: string, engine: string): Promise<CustomerFactsSet> {
  await checkRows(run, input, label, engine);
  const q = factsSql(input);
  const rows = await run(q.sql, q.params);
  return factsSetFromRows(rows, { analysisDate: input.analysisDate, returns: input.returns, windowDays: input.windowDays, withProfit: !!input.columns.profit });
}

/** Every row readable (customer id, date, amount), and at least one; else a SourceError. */
export async function checkRows(run: RunQuery, input: FactsQueryInput, label: string, engine: string): Promise<void> {
  const v = validationSql(input);
  const [check] = await run(v.sql, v.params);
  const bad = { id: num(check.bad_id) || 0, date: num(check.bad_date) || 0, amount: num(check.bad_amount) || 0 };
  const total = num(check.total_rows) || 0;
  if (bad.id + bad.date + bad.amount > 0) {
    throw new SourceError('scale.bad_rows', { file: label, engine, total, bad: Math.min(total, bad.id + bad.date + bad.amount), ...bad });
  }
  if (total === 0) throw new SourceError('scale.no_rows', { file: label });
}
