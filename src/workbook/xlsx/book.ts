// The ExcelJS workbook behind XlsxPort and the lookups its reads and writes share. Sheet
// names compare as Excel compares them (output/sheetNames.ts sheetKey); table names
// ignoring case, as Excel does.
import type ExcelJS from 'exceljs';
import type { ChartSpec } from '../port';
import { parseRange, type Area } from '../a1';
import { WorkbookError } from '../errors';
import { sheetKey } from '../../output/sheetNames';
import type { OwnParts } from './package';

export type Ws = ExcelJS.Worksheet;

/** What XlsxPort's reads and writes work on: ExcelJS's workbook and our own parts. */
export interface Book {
  workbook: ExcelJS.Workbook;
  /** Settings and charts, kept in our own package parts (package.ts). */
  own: OwnParts;
  readonly dateSystem: 1900 | 1904;
}

/** ExcelJS's table model (its types leave most of it out). */
export interface TableModel {
  name: string;
  tableRef?: string;
  ref: string;
  columns: { name: string }[];
  style?: { theme?: string; showRowStripes?: boolean };
  headerRow?: boolean;
  totalsRow?: boolean;
}

export function findSheet(wb: ExcelJS.Workbook, name: string): Ws | undefined {
  const key = sheetKey(name);
  return wb.worksheets.find((w) => sheetKey(w.name) === key);
}

/** The sheet of that name, or a WorkbookError 'sheetNotFound'. */
export function sheetOf(wb: ExcelJS.Workbook, name: string): Ws {
  const ws = findSheet(wb, name);
  if (!ws) throw new WorkbookError('sheetNotFound', { sheet: name });
  return ws;
}

export function tablesOf(ws: Ws): TableModel[] {
  return (ws.getTables() as unknown as { table: TableModel }[]).map((t) => t.table);
}

export function findTable(wb: ExcelJS.Workbook, name: string): { ws: Ws; model: TableModel } | null {
  const key = name.toLowerCase();
  for (const ws of wb.worksheets) for (const model of tablesOf(ws)) if (model.name.toLowerCase() === key) return { ws, model };
  return null;
}

/** The table of that name, or a WorkbookError 'tableNotFound'. */
export function tableOf(wb: ExcelJS.Workbook, name: string): { ws: Ws; model: TableModel } {
  const found = findTable(wb, name);
  if (!found) throw new WorkbookError('tableNotFound', { table: name });
  return found;
}

export const tableArea = (model: TableModel): Area => parseRange(model.tableRef ?? model.ref);

export function eachCell(ws: Ws, a: Area, f: (cell: ExcelJS.Cell) => void): void {
  for (let r = 0; r < a.rows; r++) {
    const row = ws.getRow(a.row + r + 1);
    for (let c = 0; c < a.cols; c++) f(row.getCell(a.col + c + 1));
  }
}

/** Cell values as ExcelJS holds them (formulas, dates, rich text kept), for rebuilding a table in place. */
export function rawGrid(ws: Ws, a: Area): ExcelJS.CellValue[][] {
  return Array.from({ length: a.rows }, (_, r) => Array.from({ length: a.cols }, (_, c) => ws.getCell(a.row + r + 1, a.col + c + 1).value));
}

/** The charts we keep for a sheet (by the sheet's own spelling of its name). */
export function chartsOf(book: Book, sheet: string): ChartSpec[] {
  const ws = findSheet(book.workbook, sheet);
  return (ws && book.own.charts.get(ws.name)) ?? [];
}
