// Carrying out WriteOps on the ExcelJS workbook, in order, one function per kind of op. The
// ops arrive decided (text cleaned, colours and names chosen in src/output); this file only
// says how ExcelJS writes each of them.
import type ExcelJS from 'exceljs';
import { CancelledError, type ChartSpec, type IoOptions, type WriteOp } from '../port';
import { a1, a1Range, parseRange, quoteSheet } from '../a1';
import { WorkbookError } from '../errors';
import { isValidSheetName } from '../../output/sheetNames';
import { chartsOf, eachCell, findSheet, sheetOf, type Book } from './book';
import { argb, excelValue } from './cells';
import { addTable, addTableColumns, deleteTable, deleteTableColumns } from './tables';

type Op<K extends WriteOp['op']> = Extract<WriteOp, { op: K }>;
type Apply<K extends WriteOp['op']> = (book: Book, op: Op<K>) => void;

function addSheet(book: Book, op: Op<'addSheet'>): void {
  if (!isValidSheetName(op.name)) throw new WorkbookError('sheetNameInvalid', { sheet: op.name });
  if (findSheet(book.workbook, op.name)) throw new WorkbookError('sheetExists', { sheet: op.name });
  // Sheets we create print landscape, one page wide (the summary's charts sit right of its tables).
  book.workbook.addWorksheet(op.name, {
    ...(op.tabColor ? { properties: { tabColor: { argb: argb(op.tabColor) } } } : {}),
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
}

function deleteSheet(book: Book, op: Op<'deleteSheet'>): void {
  const ws = sheetOf(book.workbook, op.name);
  book.workbook.removeWorksheet(ws.id);
  book.own.charts.delete(ws.name);
}

function values(book: Book, op: Op<'values'>): void {
  const ws = sheetOf(book.workbook, op.sheet);
  op.values.forEach((line, r) => {
    const row = ws.getRow(op.row + r + 1);
    line.forEach((v, c) => (row.getCell(op.col + c + 1).value = excelValue(v)));
  });
}

function clear(book: Book, op: Op<'clear'>): void {
  eachCell(sheetOf(book.workbook, op.sheet), op, (cell) => {
    cell.value = null;
    cell.style = {};
  });
}

function format(book: Book, op: Op<'format'>): void {
  const fontChange: Partial<ExcelJS.Font> = {
    ...(op.bold !== undefined ? { bold: op.bold } : {}),
    ...(op.underline !== undefined ? { underline: op.underline } : {}),
    ...(op.fontColor ? { color: { argb: argb(op.fontColor) } } : {}),
  };
  const font = Object.keys(fontChange).length > 0;
  eachCell(sheetOf(book.workbook, op.sheet), op, (cell) => {
    if (op.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(op.fill) } };
    if (font) cell.font = { ...(cell.font ?? {}), ...fontChange };
    if (op.numberFormat) cell.numFmt = op.numberFormat;
  });
}

function columnWidth(book: Book, op: Op<'columnWidth'>): void {
  const ws = sheetOf(book.workbook, op.sheet);
  for (let c = 0; c < op.cols; c++) ws.getColumn(op.col + c + 1).width = op.width;
}

function freeze(book: Book, op: Op<'freeze'>): void {
  const ws = sheetOf(book.workbook, op.sheet);
  ws.views = op.rows > 0 || op.cols > 0 ? [{ state: 'frozen', xSplit: op.cols, ySplit: op.rows, topLeftCell: a1(op.rows, op.cols) }] : [];
}

/** Replaces the conditional formats within the range (Excel's clearAll on it), as the Office adapter does. */
function colorScale(book: Book, op: Op<'colorScale'>): void {
  const ws = sheetOf(book.workbook, op.sheet);
  const ref = a1Range(op.row, op.col, op.rows, op.cols);
  const inside = (part: string) => {
    const a = parseRange(part);
    return a.row >= op.row && a.col >= op.col && a.row + a.rows <= op.row + op.rows && a.col + a.cols <= op.col + op.cols;
  };
  // ExcelJS keeps them in an array its types leave out.
  const model = ws as unknown as { conditionalFormattings?: { ref: string }[] };
  model.conditionalFormattings = (model.conditionalFormattings ?? []).filter((cf) => !cf.ref.split(/\s+/).every(inside));
  ws.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'colorScale',
        priority: 1,
        cfvo: [{ type: 'min' }, { type: 'percentile', value: op.midPercentile }, { type: 'max' }],
        color: [{ argb: argb(op.low) }, { argb: argb(op.mid) }, { argb: argb(op.high) }],
      } as unknown as ExcelJS.ConditionalFormattingRule,
    ],
  });
}

function link(book: Book, op: Op<'link'>): void {
  const cell = sheetOf(book.workbook, op.sheet).getCell(op.row + 1, op.col + 1);
  cell.value = { text: op.text, hyperlink: `${quoteSheet(op.targetSheet)}!${op.targetCell}` };
}

function addChart(book: Book, op: Op<'addChart'>): void {
  const ws = sheetOf(book.workbook, op.sheet);
  if (op.chart.series.length === 0) throw new WorkbookError('chartNoSeries', { chart: op.chart.name });
  const list = chartsOf(book, ws.name).filter((c) => c.name !== op.chart.name);
  list.push(JSON.parse(JSON.stringify(op.chart)) as ChartSpec);
  book.own.charts.set(ws.name, list);
}

/** A chart (or sheet) already gone is skipped, as the Office adapter does. */
function deleteChart(book: Book, op: Op<'deleteChart'>): void {
  const ws = findSheet(book.workbook, op.sheet);
  const list = ws && book.own.charts.get(ws.name);
  if (ws && list) book.own.charts.set(ws.name, list.filter((c) => c.name !== op.name));
}

const APPLY: { [K in WriteOp['op']]: Apply<K> } = {
  addSheet,
  deleteSheet,
  values,
  clear,
  format,
  columnWidth,
  freeze,
  addTable,
  deleteTable,
  addTableColumns,
  deleteTableColumns,
  colorScale,
  link,
  addChart,
  deleteChart,
};

export function applyOp(book: Book, op: WriteOp): void {
  (APPLY[op.op] as Apply<WriteOp['op']>)(book, op as never);
}

export function writeOps(book: Book, ops: readonly WriteOp[], opts: IoOptions = {}): void {
  ops.forEach((op, i) => {
    if (opts.signal?.aborted) throw new CancelledError();
    applyOp(book, op);
    if ((i + 1) % 200 === 0 || i === ops.length - 1) opts.onProgress?.({ stage: 'writing', done: i + 1, total: ops.length });
  });
}
