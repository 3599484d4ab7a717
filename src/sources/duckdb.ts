// Large CSV and Parquet files through embedded DuckDB: the facts query runs over the file and
// only one row per customer comes back, so memory grows with customers, not order rows.
import * as fs from 'fs';
import * as path from 'path';
import type { TieringConfig } from '../config/schema';
import type { CustomerFactsSet } from '../engine/facts';
import { kindOfType } from '../engine/sql/rows';
import { TieringError } from '../engine/types';
import { detectDelimiter } from '../engine/ingest/text';
import { queryInput, runFacts, SourceError, type RunQuery } from './common';

export type FileFormat = 'csv' | 'parquet';

export function fileFormat(file: string): FileFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  return null;
}

/** SQL string literal of a file path (the one value DuckDB cannot bind in a table function). */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * The file as DuckDB reads it: CSV with every column as text (ids keep leading zeros, nothing
 * is guessed; dates and amounts are parsed by the facts query and checked row by row).
 */
export function readerSql(file: string, format: FileFormat): string {
  if (format === 'parquet') return `read_parquet(${literal(file)})`;
  // The delimiter as the in-memory reader detects it (DuckDB's sniffer can be misled by a
  // ragged row); short rows are padded with NULLs, which the validation then counts.
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(65536);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const delim = detectDelimiter(head.subarray(0, n).toString('utf8').replace(/^\uFEFF/, ''));
  return `read_csv(${literal(file)}, header = true, all_varchar = true, delim = ${literal(delim)}, quote = '"', escape = '"', null_padding = true)`;
}

/** `label` names the data in messages (the user's file when `file` is a temporary copy of it). */
export async function duckdbFacts(file: string, config: TieringConfig, label = file): Promise<CustomerFactsSet> {
  const format = fileFormat(file);
  if (!format) throw new SourceError('scale.duckdb_format', { file });
  if (!fs.existsSync(file)) throw new SourceError('scale.file_missing', { file });
  // Loaded on first use: the in-memory path never pays for the native module.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const run: RunQuery = async (sql, params) => (await conn.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, unknown>[];
  try {
    await conn.run(`CREATE VIEW orders AS SELECT * FROM ${readerSql(path.resolve(file), format)}`);
    const described = await run('DESCRIBE orders', []);
    const columns = described.map((r) => ({ name: String(r.column_name), kind: kindOfType(String(r.column_type)) }));
    return await runFacts(run, queryInput('duckdb', { table: ['orders'] }, columns, config, label), label, 'DuckDB');
  } catch (e) {
    if (e instanceof SourceError || e instanceof TieringError) throw e;
    throw new SourceError('scale.read_failed', { file: label, engine: 'DuckDB', reason: e instanceof Error ? e.message.split('\n')[0] : String(e) });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
