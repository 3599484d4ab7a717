// classify's route to the scale sources: orders in PostgreSQL (--orders postgres://…), or a
// CSV/Parquet file read by DuckDB (--engine duckdb, a Parquet file, or a CSV larger than
// AUTO_DUCKDB_BYTES). Returns null when the orders are read in memory as before.
import * as fs from 'fs';
import type { TieringConfig } from '../config';
import { classifyFacts } from '../engine/facts';
import { ingest } from '../engine/ingest';
import type { ClassificationResult, InputTables } from '../engine/types';
import { duckdbFacts, fileFormat } from '../sources/duckdb';
import { isPostgresUrl, postgresFacts } from '../sources/postgres';
import { SourceError } from '../sources/common';

/**
 * CSV files above this size go through DuckDB unless --engine memory. Measured (docs/scale.md):
 * at 1 M rows (≈ 40 MB) both engines take a few seconds; above ~100 MB the in-memory reader's
 * time and memory (≈ 400 bytes per row) grow past DuckDB's, whose memory grows with customers.
 */
export const AUTO_DUCKDB_BYTES = 100 * 1024 * 1024;

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

/** Facts from the database or DuckDB, then the unchanged methods; customers (names, dimensions) in memory. */
export async function classifyFromSource(o: ScaleOptions, customers: InputTables['customers'], config: TieringConfig): Promise<ClassificationResult> {
  const orders = o.orders!;
  const facts = isPostgresUrl(orders) ? await postgresFacts({ url: orders, table: o['orders-table'], query: o['orders-query'] }, config) : await duckdbFacts(orders, config);
  const ingested = customers ? ingest({ customers }, config) : null;
  return classifyFacts(facts, config, ingested);
}
