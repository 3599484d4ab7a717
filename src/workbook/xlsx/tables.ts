// Excel tables over ExcelJS. ExcelJS rewrites a table's cells from the rows it is given and
// cannot resize a table, so every change rebuilds the table in place, keeping the cells'
// values (formulas, dates, rich text) and styles.
import type ExcelJS from 'exceljs';
import type { WriteOp } from '../port';
import { a1, type Area } from '../a1';
import { WorkbookError } from '../errors';
import { findTable, rawGrid, sheetOf, tableArea, tableOf, tablesOf, type Book, type TableModel, type Ws } from './book';
import { excelValue, plainValue } from './cells';

type Op<K extends WriteOp['op']> = Extract<WriteOp, { op: K }>;

const DEFAULT_STYLE = { theme: 'TableStyleMedium2', showRowStripes: true };

/** Adds a table over cells, keeping the cells' styles (ExcelJS rewrites the values it is given). */
function putTable(ws: Ws, t: { name: string; at: Area; headers: string[]; rows: ExcelJS.CellValue[][]; style?: TableModel['style'] }): void {
  const { row, col } = t.at;
  const styles = t.rows.map((line, r) => line.map((_, c) => ({ ...ws.getCell(row + r + 2, col + c + 1).style })));
  const headStyles = t.headers.map((_, c) => ({ ...ws.getCell(row + 1, col + c + 1).style }));
  ws.addTable({
    name: t.name,
    ref: a1(row, col),
    headerRow: true,
    style: { ...DEFAULT_STYLE, ...(t.style ?? {}) } as ExcelJS.TableStyleProperties,
    columns: t.headers.map((name) => ({ name, filterButton: true })),
    rows: (t.rows.length ? t.rows : [t.headers.map(() => null)]).map((line) => line.map((v) => (v === '' || v === undefined ? null : v))),
  });
  t.rows.forEach((line, r) => line.forEach((_, c) => (ws.getCell(row + r + 2, col + c + 1).style = styles[r][c])));
  t.headers.forEach((_, c) => (ws.getCell(row + 1, col + c + 1).style = headStyles[c]));
}

/** Tables loaded from a file lack the row data ExcelJS needs to edit or re-save them: rebuild them from the cells. */
export function normalizeTables(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    for (const m of [...tablesOf(ws)]) {
      const area = tableArea(m);
      const grid = rawGrid(ws, { ...area, rows: m.totalsRow ? area.rows - 1 : area.rows });
      ws.removeTable(m.name);
      putTable(ws, { name: m.name, at: area, headers: m.columns.map((c) => c.name), rows: grid.slice(1), style: m.style });
    }
  }
}

export function addTable(book: Book, op: Op<'addTable'>): void {
  const ws = sheetOf(book.workbook, op.sheet);
  if (findTable(book.workbook, op.name)) throw new WorkbookError('tableExists', { table: op.name });
  const grid = rawGrid(ws, op);
  // Blank headers become Column1, Column2… as Excel names them.
  const headers = grid[0].map((h, i) => (h === null || h === undefined || h === '' ? `Column${i + 1}` : String(plainValue(h, book.dateSystem))));
  putTable(ws, { name: op.name, at: op, headers, rows: grid.slice(1), style: { ...DEFAULT_STYLE, theme: op.style ?? DEFAULT_STYLE.theme } });
}

/** A table that is already gone is skipped, as the Office adapter does. */
export function deleteTable(book: Book, op: Op<'deleteTable'>): void {
  const found = findTable(book.workbook, op.name);
  if (found) found.ws.removeTable(found.model.name);
}

export function addTableColumns(book: Book, op: Op<'addTableColumns'>): void {
  const { ws, model } = tableOf(book.workbook, op.table);
  const area = tableArea(model);
  if (op.values.length > area.rows - 1) throw new WorkbookError('tableRowsMismatch', { table: model.name, rows: op.values.length, tableRows: area.rows - 1 });
  const grid = rawGrid(ws, area);
  const headers = model.columns.map((c) => c.name).concat(op.headers);
  const rows = grid.slice(1).map((line, r) => [...line, ...op.headers.map((_, j) => excelValue(op.values[r]?.[j] ?? null))]);
  ws.removeTable(model.name);
  putTable(ws, { name: model.name, at: area, headers, rows, style: model.style });
}

/** Columns not in the table (or a table already gone) are skipped, as the Office adapter does. */
export function deleteTableColumns(book: Book, op: Op<'deleteTableColumns'>): void {
  const found = findTable(book.workbook, op.table);
  if (!found) return;
  const { ws, model } = found;
  const area = tableArea(model);
  const grid = rawGrid(ws, area);
  const names = model.columns.map((c) => c.name);
  const drop = new Set(op.headers.map((h) => h.toLowerCase()));
  const keep = names.map((h, i) => (drop.has(h.toLowerCase()) ? -1 : i)).filter((i) => i >= 0);
  if (keep.length === area.cols) return;
  // Cells of the kept columns move left (with their styles), as Excel does.
  const styles = keep.map((c) => Array.from({ length: area.rows }, (_, r) => ({ ...ws.getCell(area.row + r + 1, area.col + c + 1).style })));
  ws.removeTable(model.name);
  for (let r = 0; r < area.rows; r++) {
    for (let c = 0; c < area.cols; c++) {
      const cell = ws.getCell(area.row + r + 1, area.col + c + 1);
      cell.value = c < keep.length ? grid[r][keep[c]] : null;
      cell.style = c < keep.length ? styles[c][r] : {};
    }
  }
  putTable(ws, { name: model.name, at: area, headers: keep.map((i) => names[i]), rows: grid.slice(1).map((line) => keep.map((i) => line[i])), style: model.style });
}
