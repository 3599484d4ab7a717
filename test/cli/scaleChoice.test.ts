// Which engine reads --orders when the user names none: a CSV is read in memory up to
// AUTO_DUCKDB_BYTES and by DuckDB above; --engine and the file's kind decide otherwise. The
// big files are sparse (their size is what is judged, nothing is read).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AUTO_DUCKDB_BYTES, usesScaleSource } from '../../src/cli/scaleSource';

describe('the engine a classify run takes', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-choice-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sparse = (name: string, bytes: number) => {
    const file = path.join(dir, name);
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, bytes);
    return file;
  };

  test('a CSV of up to 256 MB (≈ 10 M order rows) in memory, a larger one by DuckDB', () => {
    expect(AUTO_DUCKDB_BYTES).toBe(256 * 1024 * 1024);
    expect(usesScaleSource({ orders: sparse('at.csv', AUTO_DUCKDB_BYTES) })).toBe(false);
    expect(usesScaleSource({ orders: sparse('over.csv', AUTO_DUCKDB_BYTES + 1) })).toBe(true);
    expect(usesScaleSource({ orders: sparse('small.csv', 26_000_000) })).toBe(false);
  });

  test('--engine decides over the size; Parquet and PostgreSQL are never read in memory; .xlsx always is', () => {
    const big = sparse('big.csv', AUTO_DUCKDB_BYTES + 1);
    expect(usesScaleSource({ orders: big, engine: 'memory' })).toBe(false);
    expect(usesScaleSource({ orders: sparse('tiny.csv', 100), engine: 'duckdb' })).toBe(true);
    expect(usesScaleSource({ orders: sparse('o.parquet', 100) })).toBe(true);
    expect(usesScaleSource({ orders: 'postgres://localhost/shop', engine: 'memory' })).toBe(true);
    expect(usesScaleSource({ orders: sparse('big.xlsx', AUTO_DUCKDB_BYTES + 1) })).toBe(false);
    expect(() => usesScaleSource({ orders: big, engine: 'spark' })).toThrow();
  });
});
