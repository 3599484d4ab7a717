// Large CSV and Parquet files through embedded DuckDB: the facts query runs over the file and
// only one row per customer comes back, so memory grows with customers, not order rows.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { TieringConfig } from '../config/schema';
import type { CustomerFactsSet } from '../engine/facts';
import { kindOfType } from '../engine/sql/rows';
import { TieringError } from '../engine/types';
import { textToGrid } from '../engine/ingest/text';
import { headerTexts, placeOf, resolveColumns } from '../engine/ingest/grid';
import { locateTable } from '../engine/ingest/layout';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { FactsQueryInput } from '../engine/sql/facts';
import { queryInput, runFacts, SourceError, type RunQuery, type SourcePlace } from './common';

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

function head(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(65536);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  return buf.subarray(0, n);
}

/**
 * What of a CSV's reading the in-memory reader does and DuckDB does not (text.ts, encoding.ts,
 * layout.ts): another encoding than UTF-8, Excel's "sep=" line, title rows above the header.
 * Such a file is not plain (the CLI then reads it in memory). The head's grid gives the
 * issues' place, as the in-memory reader names it.
 */
function csvHead(file: string, bytes: Buffer, config: TieringConfig): GridPlaceOf {
  const cut = bytes.length === 65536 ? bytes.subarray(0, bytes.lastIndexOf(10) + 1) : bytes;
  const grid = textToGrid(cut, path.basename(file));
  if (grid.encoding !== 'utf-8') throw new SourceError('scale.not_plain_encoding', { file, encoding: grid.encoding });
  if (grid.readIssues?.length) throw new SourceError('scale.not_plain_text', { file });
  const layout = new SourceError('scale.not_plain_layout', { file });
  if (grid.headerRow !== 1) throw layout;
  const located = locateTable(grid, 'orders', config.columns?.orders ?? {});
  if (located.notes.length > 0 || located.grid.headerRow !== 1) throw layout;
  const headers = headerTexts(grid);
  // The ingest's own column check (two columns headed "amount" is an error there, not a pick).
  resolveColumns([...headers], 'orders', config.columns?.orders ?? {}, grid.name, ['customerId', 'orderDate']);
  return { place: placeOf(grid, 'orders', headers), delimiter: grid.delimiter };
}

interface GridPlaceOf {
  place: SourcePlace['place'];
  delimiter: string;
}

/** Lines of the file (a last line without a line break counts). */
function countLines(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 22);
  let lines = 0;
  let last = 10;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n <= 0) break;
    let i = buf.indexOf(10);
    while (i >= 0 && i < n) {
      lines++;
      i = buf.indexOf(10, i + 1);
    }
    last = buf[n - 1];
  }
  fs.closeSync(fd);
  return last === 10 ? lines : lines + 1;
}

/**
 * The file as DuckDB reads it: CSV with every column as text (ids keep leading zeros, nothing
 * is guessed; dates and amounts are parsed by the facts query and checked row by row), with the
 * delimiter as the in-memory reader detects it.
 */
function readerSql(file: string, format: FileFormat, delimiter: string): string {
  if (format === 'parquet') return `read_parquet(${literal(file)})`;
  return `read_csv(${literal(file)}, header = true, all_varchar = true, delim = ${literal(delimiter)}, quote = '"', escape = '"', null_padding = true)`;
}

/** The orders file opened as the view `view`: the facts query's input and where its cells are. */
export async function openOrders(
  conn: DuckDBConnection,
  file: string,
  format: FileFormat,
  config: TieringConfig,
  view: string,
  label: string,
  today?: number,
): Promise<{ input: FactsQueryInput & { dateColumn: number }; where: SourcePlace }> {
  const run: RunQuery = async (sql, params) => (await conn.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, unknown>[];
  const csv = format === 'csv' ? csvHead(label, head(file), config) : null;
  await conn.run(`CREATE TEMP VIEW ${view} AS SELECT * FROM ${readerSql(path.resolve(file), format, csv?.delimiter ?? ',')}`);
  const described = await run(`DESCRIBE ${view}`, []);
  const columns = described.map((r) => ({ name: String(r.column_name), kind: kindOfType(String(r.column_type)) }));
  const headers = columns.map((c) => c.name);
  // DuckDB names repeated or blank headers its own way; the config names them as the ingest does.
  if (csv && headers.join('\n') !== csv.place.headers.join('\n')) throw new SourceError('scale.not_plain_headers', { file: label, headers: csv.place.headers.filter((h, i) => h !== headers[i]).map((h) => `"${h}"`) });
  const where: SourcePlace = {
    place: csv?.place ?? { table: 'orders', sheet: path.basename(label), headerRow: 1, firstColumn: 0, headers },
    rowsAreLines: (total) => format === 'parquet' || countLines(file) === total + 1,
    today,
    runColumns: async (sql, params) => (await conn.runAndReadAll(sql, params)).getColumnsObjectJS() as Record<string, unknown[]>,
  };
  return { input: queryInput('duckdb', { table: [view] }, columns, config, label), where };
}

/** Environment variable that sets DuckDB's memory limit (a DuckDB size: "4GB", "512MB"). */
export const DUCKDB_MEMORY_ENV = 'CUSTOMER_TIERS_DUCKDB_MEMORY';
/**
 * Without the variable DuckDB keeps its own limit, 80 % of the machine's memory (50 M order rows
 * peaked at 9.9 GB). With it, DuckDB's hash aggregates spill to the folder below and the process
 * stays near the limit; each customer's list of order days (the median gap) must still fit, so a
 * limit too small for the data stops with a message saying so (docs/scale.md, "Memory").
 */
function memoryLimit(): string | undefined {
  return process.env[DUCKDB_MEMORY_ENV]?.trim() || undefined;
}

/** A DuckDB instance with the memory limit and a spill folder of its own (removed by `close`). */
export async function openDuckdb(database = ':memory:'): Promise<{ instance: DuckDBInstance; close(): void }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const limit = memoryLimit();
  const spill = fs.mkdtempSync(path.join(os.tmpdir(), 'customer-tiers-duckdb-'));
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(database, { ...(limit ? { memory_limit: limit } : {}), temp_directory: spill, preserve_insertion_order: 'false' });
  } catch (e) {
    fs.rmSync(spill, { recursive: true, force: true });
    throw new SourceError('scale.duckdb_memory_setting', { value: limit ?? '', variable: DUCKDB_MEMORY_ENV, reason: e instanceof Error ? e.message.split('\n')[0] : String(e) });
  }
  return {
    instance,
    close: () => {
      instance.closeSync();
      fs.rmSync(spill, { recursive: true, force: true });
    },
  };
}

/** A DuckDB failure as the user's problem: a CSV it cannot parse is not plain (the in-memory reader reports such lines one by one). */
export function duckdbError(e: unknown, label: string, format: FileFormat): unknown {
  if (e instanceof SourceError || e instanceof TieringError) return e;
  const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (/out of memory/i.test(reason)) return new SourceError(memoryLimit() ? 'scale.duckdb_out_of_memory' : 'scale.duckdb_out_of_memory_default', { file: label, limit: memoryLimit() ?? '', variable: DUCKDB_MEMORY_ENV });
  if (format === 'csv') return new SourceError('scale.not_plain_file', { file: label, why: reason });
  return new SourceError('scale.read_failed', { file: label, engine: 'DuckDB', reason });
}

/** `label` names the data in messages (the user's file when `file` is a temporary copy of it). */
export async function duckdbFacts(file: string, config: TieringConfig, label = file, today?: number): Promise<CustomerFactsSet> {
  const format = fileFormat(file);
  if (!format) throw new SourceError('scale.duckdb_format', { file: label });
  if (!fs.existsSync(file)) throw new SourceError('scale.file_missing', { file: label });
  // Loaded on first use: the in-memory path never pays for the native module.
  const db = await openDuckdb();
  const conn = await db.instance.connect();
  const run: RunQuery = async (sql, params) => (await conn.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, unknown>[];
  try {
    const { input, where } = await openOrders(conn, file, format, config, 'orders', label, today);
    return await runFacts(run, input, label, 'DuckDB', where);
  } catch (e) {
    throw duckdbError(e, label, format);
  } finally {
    conn.closeSync();
    db.close();
  }
}
