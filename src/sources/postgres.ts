// Orders in PostgreSQL, reached with `pg`: the facts query runs in a read-only transaction and
// one row per customer comes back. The address names host and database; credentials come from
// the environment (PGUSER, PGPASSWORD, …) or the password file (~/.pgpass, PGPASSFILE), as for
// psql, and are never printed: messages name the server as host:port/database only.
import type { TieringConfig } from '../config/schema';
import type { CustomerFactsSet } from '../engine/facts';
import { TieringError } from '../engine/types';
import { DIALECT, type ColumnKind } from '../engine/sql/dialects';
import { sourceSql } from '../engine/sql/facts';
import { queryInput, runFacts, SourceError, type RunQuery } from './common';

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/** host:port/database of the address, without user or password. */
export function describeServer(url: URL): string {
  const host = url.hostname || process.env.PGHOST || 'localhost';
  return `${decodeURIComponent(host)}:${url.port || process.env.PGPORT || '5432'}/${decodeURIComponent(url.pathname.slice(1)) || process.env.PGDATABASE || ''}`;
}

// PostgreSQL type oids → how the facts query reads the column.
export const KIND_BY_OID: Record<number, ColumnKind> = { 25: 'text', 1043: 'text', 1042: 'text', 19: 'text', 1082: 'date', 1114: 'timestamp', 1184: 'timestamp', 20: 'integer', 21: 'integer', 23: 'integer' };

export interface PostgresSource {
  url: string;
  table?: string;
  query?: string;
}

export function parseUrl(s: string): URL {
  try {
    const url = new URL(s);
    if (isPostgresUrl(s)) return url;
  } catch {
    // reported below
  }
  // The address may hold a password: shown only up to the host.
  throw new SourceError('scale.bad_url', { url: s.replace(/\/\/[^@/]*@/, '//…@') });
}

/** A pg error → the user's message (refused connection, failed login, SQL error). */
export function userError(e: unknown, where: string, user: string): SourceError {
  const err = e as { code?: string; message?: string };
  const reason = (err.message ?? String(e)).split('\n')[0];
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'ENOENT' || err.code === 'ETIMEDOUT') return new SourceError('scale.pg_refused', { where, reason });
  if (err.code === '28P01' || err.code === '28000') return new SourceError('scale.pg_auth', { where, user });
  return new SourceError('scale.sql_failed', { where, reason });
}

export async function postgresFacts(src: PostgresSource, config: TieringConfig): Promise<CustomerFactsSet> {
  const url = parseUrl(src.url);
  if (!src.table && !src.query) throw new SourceError('scale.need_table');
  const where = describeServer(url);
  const { Client } = await import('pg');
  const client = new Client({ connectionString: src.url });
  const user = decodeURIComponent(url.username) || process.env.PGUSER || '';
  const source = src.table ? { table: src.table.split('.') } : { query: src.query! };
  const label = src.table ?? 'query';
  try {
    await client.connect();
    await client.query('BEGIN READ ONLY');
    const run: RunQuery = async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[];
    const head = await client.query(`SELECT * FROM ${sourceSql(DIALECT.postgres, source)} t LIMIT 0`);
    const columns = head.fields.map((f) => ({ name: f.name, kind: KIND_BY_OID[f.dataTypeID] ?? 'number' }));
    const place = { table: 'orders' as const, sheet: label, headerRow: 1, firstColumn: 0, headers: columns.map((c) => c.name) };
    // A table's rows have no order: outlier rows are numbered as the server returns them.
    const facts = await runFacts(run, queryInput('postgres', source, columns, config, `${where} ${label}`), `${where} ${label}`, 'PostgreSQL', { place, rowsAreLines: () => true });
    await client.query('COMMIT');
    return facts;
  } catch (e) {
    if (e instanceof SourceError || e instanceof TieringError) throw e;
    throw userError(e, where, user);
  } finally {
    await client.end().catch(() => undefined);
  }
}
