// Reading the CLI's input files into SourceGrids: CSV/TXT through ingest's text reader
// (encodings, delimiters), XLSX through ExcelJS with cell values shaped as Range.values gives them.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { dateToExcelSerial } from '../engine/calendar';
import { textToGrid } from '../engine/ingest';
import type { Cell, SourceGrid } from '../engine/types';

/** A file the CLI cannot use; `key`/`params` render through i18n (cli.*). */
export class InputFileError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number>,
  ) {
    super(key);
    this.name = 'InputFileError';
  }
}

/** `book.xlsx#Sheet 1` → file + sheet. A path that exists as given is never split. */
export function splitSheetSpec(spec: string): { file: string; sheet?: string } {
  if (fs.existsSync(spec)) return { file: spec };
  const hash = spec.lastIndexOf('#');
  if (hash > 0) return { file: spec.slice(0, hash), sheet: spec.slice(hash + 1) || undefined };
  return { file: spec };
}

/** ExcelJS cell value → a Range.values-like cell (dates as 1900-system serial numbers). */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToExcelSerial(v, 1900);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('error' in o) return String(o.error);
    if ('formula' in o || 'sharedFormula' in o) return toCell(o.result);
    if ('text' in o) return toCell(o.text);
    if ('result' in o) return toCell(o.result);
  }
  return String(v);
}

async function readXlsx(file: string, sheet: string | undefined, display: string): Promise<SourceGrid> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new InputFileError('cli.file_unreadable', { file: display, reason: e instanceof Error ? e.message : String(e) });
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new InputFileError('cli.sheet_missing', { file: display, sheet: sheet ?? '', sheets: wb.worksheets.map((w) => w.name).join(', ') });
  const rows: Cell[][] = [];
  let width = 0;
  let headerRow = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (headerRow === 0) headerRow = rowNumber;
    const values = row.values as unknown[];
    const cells: Cell[] = [];
    for (let j = 1; j < values.length; j++) cells.push(toCell(values[j]));
    width = Math.max(width, cells.length);
    // Keep sheet row numbers: blank rows between data rows stay as blank rows.
    while (rows.length < rowNumber - headerRow) rows.push([]);
    rows.push(cells);
  });
  for (const r of rows) while (r.length < width) r.push('');
  return { name: ws.name, headerRow: headerRow || 1, firstColumn: 0, values: rows, dateSystem: 1900 };
}

/** Reads `file.csv`, `file.txt`, `file.xlsx` or `file.xlsx#Sheet` into a grid. */
export async function readInputFile(spec: string): Promise<SourceGrid> {
  const { file, sheet } = splitSheetSpec(spec);
  const display = path.basename(file);
  if (!fs.existsSync(file)) throw new InputFileError('cli.file_missing', { file });
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsx(file, sheet, display);
  if (ext !== '.csv' && ext !== '.txt' && ext !== '.tsv') throw new InputFileError('cli.file_type', { file });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new InputFileError('cli.file_unreadable', { file, reason: e instanceof Error ? e.message : String(e) });
  }
  return textToGrid(bytes, display);
}
