// Reading the CLI's input files into SourceGrids: CSV/TXT through ingest's text reader
// (encodings, delimiters), XLSX through the workbook port's xlsx adapter, as the add-in reads.
import * as fs from 'fs';
import * as path from 'path';
import { textToGrid } from '../engine/ingest';
import type { TableKind } from '../engine/ingest/headers';
import type { SourceGrid } from '../engine/types';
import { WorkbookError } from '../workbook/errors';
import type { XlsxPort } from '../workbook/ooxml/port';
import { readNotes } from '../workbook/readNotes';
import { InputFileError } from './inputError';
import { withUncalculated } from './openWorkbook';
import { OpenBooks } from './reuse';
import { resolveSource } from './sourceSpec';

export { InputFileError };

/**
 * `book.xlsx#Sheet 1` → file + sheet. A path that exists as given is never split; otherwise the
 * split is after the workbook's extension, so a sheet name may hold "#" (`book.xlsx#Q1#2024`).
 */
export function splitSheetSpec(spec: string): { file: string; sheet?: string } {
  if (fs.existsSync(spec)) return { file: spec };
  const m = /^(.*?\.xls[xm])#(.*)$/is.exec(spec);
  if (m) return { file: m[1], sheet: m[2] || undefined };
  const hash = spec.lastIndexOf('#');
  if (hash > 0) return { file: spec.slice(0, hash), sheet: spec.slice(hash + 1) || undefined };
  return { file: spec };
}

/** The sheet, table, named range or address (the sheet holding the orders when none is named)
 *  read through the xlsx adapter: cells as Range.values gives them, as the add-in reads them. */
async function readXlsx(file: string, sheet: string | undefined, display: string, kind: TableKind, books: OpenBooks): Promise<SourceGrid> {
  let port: XlsxPort;
  try {
    port = await books.open(file);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    const reason = e instanceof WorkbookError ? String(e.params.reason) : e instanceof Error ? e.message : String(e);
    throw new InputFileError('cli.file_unreadable', { file: display, reason });
  }
  const { ref, notes } = await resolveSource(port, sheet, kind, display);
  // A table without headers or a name that is not one range: a WorkbookError, said in the user's words (exit 2).
  const read = await port.read(ref);
  const grid: SourceGrid = { name: read.sheet, headerRow: read.row + 1, firstColumn: read.col, values: read.values, dateSystem: read.dateSystem, notes: [...notes, ...readNotes(read)] };
  return withUncalculated(grid, port, read);
}

/** Reads `file.csv`, `file.txt`, `file.xlsx` or `file.xlsx#Sheet|Table|Name|Sheet!B3:G40` into a grid
 *  (workbooks opened through `books`, so a command that reads and then writes a workbook loads it once). */
export async function readInputFile(spec: string, kind: TableKind = 'orders', books = new OpenBooks()): Promise<SourceGrid> {
  const { file, sheet } = splitSheetSpec(spec);
  const display = path.basename(file);
  if (!fs.existsSync(file)) throw new InputFileError('cli.file_missing', { file });
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsx(file, sheet, display, kind, books);
  if (ext !== '.csv' && ext !== '.txt' && ext !== '.tsv') throw new InputFileError('cli.file_type', { file });
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file); // a Buffer is a Uint8Array: no copy of the file
  } catch (e) {
    throw new InputFileError('cli.file_unreadable', { file, reason: e instanceof Error ? e.message : String(e) });
  }
  return textToGrid(bytes, display);
}
