// What the package lets us write, checked for a whole list of ops before the first is
// carried out: workbook structure protection (no sheets added or removed), a protected
// sheet (no cells written), and merged cells (a value written into a merge would be hidden
// or split it). A refusal names the sheet or cells and writes nothing.
import type { WriteOp } from '../port';
import { parseRange, rangeAddress, type Area } from '../a1';
import { WorkbookError } from '../errors';
import { docOf, findSheet, findTable, sheetOfPath, type Book } from './book';
import { attr, startTags } from './xml';

const truthy = (v: string | null) => v === '1' || v === 'true';

/** The cells an op writes on an existing sheet, or null for ops that write none there. */
function target(book: Book, op: WriteOp): { sheet: string; area: Area | null } | null {
  switch (op.op) {
    case 'values':
      return { sheet: op.sheet, area: { row: op.row, col: op.col, rows: op.values.length, cols: Math.max(0, ...op.values.map((r) => r.length)) } };
    case 'link':
      return { sheet: op.sheet, area: { row: op.row, col: op.col, rows: 1, cols: 1 } };
    case 'clear':
    case 'format':
    case 'colorScale':
    case 'addTable':
      return { sheet: op.sheet, area: { row: op.row, col: op.col, rows: op.rows, cols: op.cols } };
    case 'columnWidth':
    case 'freeze':
    case 'addChart':
    case 'deleteChart':
      return { sheet: op.sheet, area: null };
    case 'addTableColumns':
    case 'deleteTableColumns': {
      const t = findTable(book, op.table);
      const sheet = t && sheetOfPath(book, t.sheetPath);
      if (!t || !sheet) return null;
      const cols = op.op === 'addTableColumns' ? op.headers.length : 0;
      return { sheet: sheet.name, area: op.op === 'addTableColumns' ? { row: t.area.row, col: t.area.col + t.area.cols, rows: t.area.rows, cols } : null };
    }
    default:
      return null;
  }
}

const overlaps = (a: Area, b: Area) => a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

export async function checkWritable(book: Book, ops: readonly WriteOp[]): Promise<void> {
  const created = new Set<string>();
  for (const op of ops) {
    if (op.op === 'addSheet' || op.op === 'deleteSheet') {
      if (book.info.lockStructure) throw new WorkbookError('workbookProtected', {});
      if (op.op === 'addSheet') created.add(op.name.toLowerCase());
      continue;
    }
    const t = target(book, op);
    if (!t || created.has(t.sheet.toLowerCase())) continue;
    const sheet = findSheet(book, t.sheet);
    if (!sheet || sheet.kind !== 'worksheet') continue;
    const doc = await docOf(book, sheet);
    const prot = doc.element('sheetProtection');
    if (prot && truthy(attr(prot, 'sheet'))) throw new WorkbookError('sheetProtected', { sheet: sheet.name });
    if (!t.area || op.op === 'clear' || op.op === 'format') continue;
    for (const { tag } of startTags(doc.element('mergeCells') ?? '', 'mergeCell')) {
      const m = parseRange(attr(tag, 'ref') ?? 'A1');
      if (overlaps(m, t.area)) throw new WorkbookError('targetMerged', { sheet: sheet.name, cells: rangeAddress(m.row, m.col, m.rows, m.cols) });
    }
  }
}
