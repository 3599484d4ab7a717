// `customer-tiers sql --tiers --run`: the three phases of engine/sql/tiers.ts against DuckDB (a
// CSV or Parquet file) or PostgreSQL. Phase 2's rows come back (a histogram and a few values),
// the engine computes the cut points, phase 3 creates the result table. Nothing else is
// written: PostgreSQL phases 1–2 run in a READ ONLY transaction, and the result table is
// created (never replaced: CREATE TABLE fails if it exists) in a transaction of its own.
import * as fs from 'fs';
import * as path from 'path';
import type { TieringConfig } from '../config/schema';
import type { Locale } from '../i18n';
import type { ParamValue, Statement } from '../engine/sql/bind';
import { emptyCutInputs, tierCuts, type CutInputs, type TierCuts } from '../engine/sql/cuts';
import { DIALECT } from '../engine/sql/dialects';
import { sourceSql } from '../engine/sql/facts';
import { num } from '../engine/sql/rows';
import { RuleSqlError } from '../engine/sql/rules';
import { factsTableSql, histogramSql, positionsSql, scoreSql, TiersRuleError, type TiersInput } from '../engine/sql/tiers';
import { TieringError } from '../engine/types';
import { duckdbError, fileFormat, openDuckdb, openOrders } from './duckdb';
import { prepareFacts, queryInput, SourceError, type RunQuery } from './common';
import { describeServer, KIND_BY_OID, parseUrl, userError } from './postgres';

/** The result table's name, quoted (PostgreSQL and DuckDB quote alike). */
function tableName(into: string[]): string {
  return into.map((x) => DIALECT.duckdb.ident(x)).join('.');
}

export type RunParams = (sql: string, params: ParamValue[]) => Promise<Record<string, unknown>[]>;

export interface TiersRun {
  cuts: TierCuts;
  /** Customers with orders (scored). */
  scored: number;
  /** Rows of the result table. */
  rows: number;
}

/** Rules that cannot become SQL are reported before any query runs. */
function checkCompiles(input: TiersInput): void {
  scoreSql(input, tierCuts(input.config, emptyCutInputs()));
}

/** Phase 2 rows → the engine's cut inputs. */
export async function cutInputs(run: RunParams, input: TiersInput): Promise<CutInputs> {
  const h = histogramSql(input);
  const inputs: CutInputs = emptyCutInputs();
  for (const r of await run(h.sql, h.params)) {
    const part = String(r.part);
    if (part === 'n') inputs.n = num(r.n);
    else (part === 'r' ? inputs.recency : inputs.frequency).push({ value: num(r.v), count: num(r.n) });
  }
  const pos = inputs.n > 0 ? positionsSql(input, inputs.n) : null;
  if (pos) {
    for (const r of await run(pos.sql, pos.params)) {
      // Money as the facts' exact decimal text, read once by Number() as the engine reads facts.
      if (r.part === 'm') inputs.money.set(num(r.pos) - 1, num(r.v_text));
      else inputs.aov.set(num(r.pos) - 1, num(r.v));
    }
  }
  return inputs;
}

/** All three phases on an open connection; `write` runs phase 3 (the only write). */
export async function runTiersPhases(read: RunParams, write: RunParams, input: TiersInput): Promise<TiersRun> {
  const inputs = await cutInputs(read, input);
  const cuts = tierCuts(input.config, inputs);
  const s: Statement = scoreSql(input, cuts);
  await write(s.sql, s.params);
  const [count] = await read(`SELECT COUNT(*) AS n FROM ${tableName(input.into)}`, []);
  return { cuts, scored: inputs.n, rows: num(count.n) };
}

/** DuckDB over a CSV or Parquet file; the result table in `database` (a DuckDB file) and/or copied to `csv`. */
export async function duckdbTiers(file: string, config: TieringConfig, into: string[], out: { database?: string; csv?: string }, locale?: Locale): Promise<TiersRun> {
  const format = fileFormat(file);
  if (!format) throw new SourceError('scale.duckdb_format', { file });
  if (!fs.existsSync(file)) throw new SourceError('scale.file_missing', { file });
  const db = await openDuckdb(out.database ? path.resolve(out.database) : ':memory:');
  const conn = await db.instance.connect();
  const run: RunParams = async (sql, params) => (await conn.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[];
  try {
    // The same reading as the facts path: every cell read as the in-memory ingest reads it, or refused.
    const opened = await openOrders(conn, file, format, config, 'ct_orders', file);
    checkCompiles({ facts: opened.input, config, into, locale });
    const facts = (await prepareFacts(run as RunQuery, opened.input, file, 'DuckDB', opened.where)).input;
    const input = { facts, config, into, locale };
    // Phase 1 once, into a temporary table of this session (dropped when it closes).
    const stored = factsTableSql(input, 'ct_facts');
    await run(stored.sql, stored.params);
    const res = await runTiersPhases(run, run, { ...input, factsTable: 'ct_facts' });
    if (out.csv) await conn.run(`COPY ${tableName(into)} TO '${path.resolve(out.csv).replace(/'/g, "''")}' (HEADER, DELIMITER ',')`);
    return res;
  } catch (e) {
    if (e instanceof TiersRuleError || e instanceof RuleSqlError) throw e;
    throw duckdbError(e, file, format);
  } finally {
    conn.closeSync();
    db.close();
  }
}

/** PostgreSQL: phases 1–2 read only; phase 3 creates `into` and nothing else. */
export async function postgresTiers(src: { url: string; table?: string; query?: string }, config: TieringConfig, into: string[], locale?: Locale): Promise<TiersRun> {
  if (!src.table && !src.query) throw new SourceError('scale.need_table');
  const url = parseUrl(src.url);
  const where = describeServer(url);
  const user = decodeURIComponent(url.username) || process.env.PGUSER || '';
  const { Client } = await import('pg');
  const client = new Client({ connectionString: src.url });
  const source = src.table ? { table: src.table.split('.') } : { query: src.query! };
  const label = `${where} ${src.table ?? 'query'}`;
  const run: RunParams = async (sql, params) => (await client.query(sql, params as unknown[])).rows as Record<string, unknown>[];
  try {
    await client.connect();
    await client.query('BEGIN READ ONLY');
    const head = await client.query(`SELECT * FROM ${sourceSql(DIALECT.postgres, source)} t LIMIT 0`);
    const columns = head.fields.map((f) => ({ name: f.name, kind: KIND_BY_OID[f.dataTypeID] ?? ('number' as const) }));
    const read = queryInput('postgres', source, columns, config, label);
    checkCompiles({ facts: read, config, into, locale });
    // A table's rows have no order: outlier rows are numbered as the server returns them (as postgresFacts).
    const place = { table: 'orders' as const, sheet: src.table ?? 'query', headerRow: 1, firstColumn: 0, headers: columns.map((c) => c.name) };
    const facts = (await prepareFacts(run as RunQuery, read, label, 'PostgreSQL', { place, rowsAreLines: () => true })).input;
    const input = { facts, config, into, locale };
    const inputs = await cutInputs(run, input);
    await client.query('COMMIT');
    await client.query('BEGIN');
    const cuts = tierCuts(config, inputs);
    const s = scoreSql(input, cuts);
    await run(s.sql, s.params);
    await client.query('COMMIT');
    const [count] = await run(`SELECT COUNT(*) AS n FROM ${tableName(into)}`, []);
    return { cuts, scored: inputs.n, rows: num(count.n) };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (e instanceof SourceError || e instanceof TieringError || e instanceof TiersRuleError || e instanceof RuleSqlError) throw e;
    throw userError(e, where, user);
  } finally {
    await client.end().catch(() => undefined);
  }
}
