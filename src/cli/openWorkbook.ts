// Opening a user's .xlsx in the CLI, with the checks that make a bad file a user error
// (exit 2, what to do) instead of a crash or a memory blow-up: not a zip (a CSV renamed
// .xlsx, an old .xls), a damaged or truncated package, a part whose declared size is beyond
// what can be read, an XML part that declares entities (an "entity bomb").
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { SourceGrid } from '../engine/types';
import { XlsxPort } from '../workbook/ooxml/port';
import { readZip, ZipError, type ZipEntry } from '../workbook/ooxml/zip';
import { InputFileError } from './inputError';

/** At most this many blank cells are checked for a formula without a saved result. */
export const UNCALCULATED_CHECK_CAP = 5000;

/** Parts other than worksheets are read as one string: V8 strings stop near 512 MB, keep margin. */
export const PART_LIMIT_BYTES = 400 * 1024 * 1024;
const MB = 1024 * 1024;

function notZipKey(bytes: Uint8Array): 'cli.xlsx_not_zip_xls' | 'cli.xlsx_not_zip_csv' | 'cli.xlsx_not_zip_other' {
  // OLE2 compound file: an .xls, or an .xlsx encrypted with a password.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'cli.xlsx_not_zip_xls';
  const head = bytes.subarray(0, 512);
  let text = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || b >= 32) text++;
  return head.length > 0 && text === head.length ? 'cli.xlsx_not_zip_csv' : 'cli.xlsx_not_zip_other';
}

/** The first bytes of an entry, inflated without inflating the rest. */
function entryHead(e: ZipEntry, bytes = 2048): string {
  if (e.method === 0) return e.raw.subarray(0, bytes).toString('utf8');
  try {
    return zlib.inflateRawSync(e.raw.subarray(0, Math.min(e.raw.length, 4096)), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, bytes).toString('utf8');
  } catch {
    return '';
  }
}

/** Throws InputFileError for a file that must not be opened; `display` is the name the user gave. */
export function preflightXlsx(buf: Buffer, display: string): void {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    throw new InputFileError(notZipKey(buf), { file: display });
  }
  let entries: ZipEntry[];
  try {
    entries = readZip(buf);
  } catch (e) {
    throw new InputFileError('cli.xlsx_damaged', { file: display, reason: e instanceof Error ? e.message : String(e) });
  }
  for (const e of entries) {
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    if (!isSheet && e.size > PART_LIMIT_BYTES) {
      throw new InputFileError('cli.xlsx_too_large', { file: display, part: e.name, size: Math.round(e.size / MB), limit: PART_LIMIT_BYTES / MB });
    }
    if (/\.(xml|rels)$/i.test(e.name) && /<!DOCTYPE/i.test(entryHead(e))) {
      throw new InputFileError('cli.xlsx_entities', { file: display, part: e.name });
    }
  }
}

/** XlsxPort.fromFile after the checks above; its own errors stay WorkbookErrors (exit 2 too). */
export async function openWorkbook(file: string): Promise<XlsxPort> {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new InputFileError('cli.file_unreadable', { file: path.basename(file), reason: e instanceof Error ? e.message : String(e) });
  }
  preflightXlsx(buf, path.basename(file));
  try {
    return await XlsxPort.fromBuffer(buf, path.basename(file));
  } catch (e) {
    if (e instanceof ZipError || e instanceof RangeError) throw new InputFileError('cli.xlsx_damaged', { file: path.basename(file), reason: e.message });
    throw e;
  }
}

/**
 * The grid with its blank cells that are formulas without a saved result (a workbook written by
 * a program that does not calculate), so ingest reports them as such and not as empty cells.
 */
export async function withUncalculated(grid: SourceGrid, port: XlsxPort, read: { sheet: string; row: number; col: number; values: readonly (readonly unknown[])[] }): Promise<SourceGrid> {
  const blanks: [number, number][] = [];
  // Capped: a sparse sheet of a million rows must not cost a million cell lookups (beyond the cap
  // a formula cell is reported as empty, as before).
  for (let r = 0; r < read.values.length && blanks.length < UNCALCULATED_CHECK_CAP; r++) {
    const row = read.values[r];
    for (let c = 0; c < row.length; c++) if (row[c] === null || row[c] === '') blanks.push([read.row + r, read.col + c]);
  }
  const found = await port.uncalculatedFormulas(read.sheet, blanks);
  if (found.size === 0) return grid;
  const local = new Map<string, string>();
  for (const [key, formula] of found) {
    const [r, c] = key.split(',').map(Number);
    local.set(`${r - read.row},${c - read.col}`, formula);
  }
  return { ...grid, uncalculated: local };
}

/** Saves the workbook; a file that cannot be written is a user error (exit 2), not a crash. */
export async function saveOrUserError(port: XlsxPort, out: string): Promise<void> {
  try {
    await port.save(out);
  } catch (e) {
    throw new InputFileError('cli.out_unwritable', { file: out, reason: e instanceof Error ? e.message : String(e) });
  }
}
