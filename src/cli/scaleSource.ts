// classify's route to the scale sources: orders in PostgreSQL (--orders postgres://…), or a
// CSV/Parquet file read by DuckDB (--engine duckdb, a Parquet file, or a CSV larger than
// AUTO_DUCKDB_BYTES). Returns null when the orders are read in memory as before.
import * as fs from 'fs';
import type { TieringConfig } from '../config';
import { classifyFacts, type CustomerFactsSet } from '../engine/facts';
import { ingest } from '../engine/ingest';
import { classify } from '../engine/classify';
import { readInputFile } from './inputFiles';
import type { ClassificationResult, InputTables } from '../engine/types';
import { duckdbFacts, fileFormat } from '../sources/duckdb';
import { isPostgresUrl, postgresFacts } from '../sources/postgres';
import { SourceError } from '../sources/common';
import { t, tryT, type Locale } from '../i18n';

/**
 * CSV files above this size (≈ 10 M rows of id, date and amount) go through DuckDB unless
 * --engine memory. Below it the in-memory reader is faster and accepts more formats: since it
 * reads by column, 10 M rows / 950 k customers took 10.2 s CPU and peaked at 1.13 GiB in memory
 * (a quarter of the default heap here), where the DuckDB path took 18–20 s CPU for 5 M rows
 * (docs/scale.md). Above it the in-memory reader's memory keeps growing with rows (the text and
 * each cell's place in it), while DuckDB's stays under the limit it is given.
 */
export const AUTO_DUCKDB_BYTES = 256 * 1024 * 1024;

export interface ScaleOptions {
  orders?: string;
  engine?: string;
  'orders-table'?: string;
  'orders-query'?: string;
}

export function usesScaleSource(o: ScaleOptions): boolean {
  if (!o.orders) return false;
  if (o.engine && o.engine !== 'duckdb' && o.engine !== 'memory') throw new SourceError('scale.bad_engine', { value: o.engine });
  if (isPostgresUrl(o.orders)) return true;
  if (o.engine === 'memory') return false;
  if (o.engine === 'duckdb') return true;
  const format = fileFormat(o.orders);
  if (format === 'parquet') return true;
  if (format !== 'csv') return false;
  try {
    return fs.statSync(o.orders).size > AUTO_DUCKDB_BYTES;
  } catch {
    return false;
  }
}

/**
 * Facts from the database or DuckDB, then the unchanged methods; customers (names, dimensions)
 * in memory. A CSV chosen for DuckDB by its size that DuckDB would not read as the in-memory
 * reader does (sources/common.ts) is read in memory instead, and `onFallback` says why; with
 * --engine duckdb, a Parquet file or a database the SourceError stands (exit 2).
 */
export async function classifyFromSource(o: ScaleOptions, customers: InputTables['customers'], config: TieringConfig, onFallback?: (why: SourceError) => void): Promise<ClassificationResult> {
  const orders = o.orders!;
  let facts;
  try {
    facts = await sourceFacts(o, config);
  } catch (e) {
    const automatic = !o.engine && !isPostgresUrl(orders) && fileFormat(orders) === 'csv';
    if (!(automatic && e instanceof SourceError && e.key.startsWith('scale.not_plain'))) throw e;
    onFallback?.(e);
    return classify({ orders: await readInputFile(orders, 'orders'), ...(customers ? { customers } : {}) }, config);
  }
  const ingested = customers ? ingest({ customers }, config) : null;
  return classifyFacts(facts, config, ingested);
}

// Why DuckDB refused a file, as the note of the automatic fallback says it: the reason alone, not
// the refusal's advice (the file was classified, in memory).
const FALLBACK_WHY: Record<string, string> = {
  id: 'values', date: 'values', amount: 'values', profit: 'values', order_id: 'values',
  lines: 'lines', encoding: 'encoding', text: 'text', layout: 'layout', headers: 'headers', file: 'file',
};

/** The note of a CSV read in memory because DuckDB would not read it as the in-memory reader does. */
export function fallbackText(locale: Locale, e: SourceError): string {
  const why = FALLBACK_WHY[e.key.replace(/^scale\.not_plain_/, '')];
  const reason = tryT(locale, `scale.fallback_why.${why}`, e.params, t(locale, e.key, e.params));
  return t(locale, 'scale.fallback', { file: e.params.file ?? '', reason });
}

/** The customer facts of the orders in PostgreSQL or in a CSV/Parquet file read by DuckDB. */
export async function sourceFacts(o: ScaleOptions, config: TieringConfig): Promise<CustomerFactsSet> {
  const orders = o.orders!;
  return isPostgresUrl(orders) ? await postgresFacts({ url: orders, table: o['orders-table'], query: o['orders-query'] }, config) : await duckdbFacts(orders, config);
}
