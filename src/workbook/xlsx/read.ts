// Reading from the ExcelJS workbook, with the Office adapter's rules: a sheet's used range
// (cells with values), a sheet address or a named range cut to the used range, a table whole;
// values as Range.values gives them (cells.ts).
import type { RangeRef } from '../../config/schema';
import { CancelledError, type CellValue, type IoOptions, type RangeRead, type SheetInfo, type TableInfo } from '../port';
import { intersect, parseAddress, rangeAddress, type Area } from '../a1';
import { WorkbookError } from '../errors';
import { sheetOf, tableArea, tableOf, tablesOf, type Book, type Ws } from './book';
import { plainValue } from './cells';

export function listSheets(book: Book): SheetInfo[] {
  return book.workbook.worksheets.map((ws) => ({ name: ws.name, visible: ws.state === 'visible' || ws.state === undefined }));
}

export function listTables(book: Book): TableInfo[] {
  return book.workbook.worksheets.flatMap((ws) =>
    tablesOf(ws).map((m) => ({ name: m.name, sheet: ws.name, address: m.tableRef ?? m.ref, headers: m.columns.map((c) => c.name) })),
  );
}

/** Bounding box of the cells that hold a value (Excel's getUsedRange(valuesOnly)), or null. */
export function usedArea(ws: Ws): Area | null {
  let r0 = Infinity;
  let r1 = -1;
  let c0 = Infinity;
  let c1 = -1;
  ws.eachRow({ includeEmpty: false }, (row, rn) => {
    row.eachCell({ includeEmpty: false }, (cell, cn) => {
      const v = cell.value;
      if (v === null || v === undefined || v === '') return;
      r0 = Math.min(r0, rn);
      r1 = Math.max(r1, rn);
      c0 = Math.min(c0, cn);
      c1 = Math.max(c1, cn);
    });
  });
  return r1 < 0 ? null : { row: r0 - 1, col: c0 - 1, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

/** A cell block of one sheet named by "Sheet!A1:B2" or "'My sheet'!$A$1:$B$2". */
const SHEET_REFERENCE = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/;

/** Where the data of a reference is: the sheet, the block (null when empty), the table. */
function locate(book: Book, ref: RangeRef): { ws: Ws; area: Area | null; table?: string } {
  const wb = book.workbook;
  if (ref.kind === 'table') {
    const { ws, model } = tableOf(wb, ref.table);
    return { ws, area: tableArea(model), table: model.name };
  }
  if (ref.kind === 'name') {
    const ranges = wb.definedNames.getRanges(ref.name)?.ranges ?? [];
    if (!ranges.length) throw new WorkbookError('nameNotFound', { name: ref.name });
    const m = ranges.length === 1 ? SHEET_REFERENCE.exec(ranges[0]) : null;
    if (!m) throw new WorkbookError('nameUnsupported', { name: ref.name, reference: ranges.join(', ') });
    const ws = sheetOf(wb, m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
    const used = usedArea(ws);
    return { ws, area: used && intersect(parseAddress(m[3]), used) };
  }
  const ws = sheetOf(wb, ref.sheet);
  const given = ref.address ? parseAddress(ref.address) : null;
  const used = usedArea(ws);
  // Never more than the used range, even for an address like "A:F".
  return { ws, area: used && (given ? intersect(given, used) : used) };
}

export function readRange(book: Book, ref: RangeRef, opts: IoOptions = {}): RangeRead {
  const { ws, area, table } = locate(book, ref);
  const dateSystem = book.dateSystem;
  if (!area) return { sheet: ws.name, address: 'A1', row: 0, col: 0, values: [], dateSystem };
  const values: CellValue[][] = [];
  for (let r = 0; r < area.rows; r++) {
    if (opts.signal?.aborted) throw new CancelledError();
    const row = ws.getRow(area.row + r + 1);
    const line: CellValue[] = new Array(area.cols);
    for (let c = 0; c < area.cols; c++) line[c] = plainValue(row.getCell(area.col + c + 1).value, dateSystem);
    values.push(line);
  }
  opts.onProgress?.({ stage: 'reading', done: area.rows, total: area.rows });
  return { sheet: ws.name, address: rangeAddress(area.row, area.col, area.rows, area.cols), row: area.row, col: area.col, values, ...(table ? { table } : {}), dateSystem };
}
