// What the package lets us write, checked for a whole list of ops before the first is
// carried out, by the same rule as the Office adapter (workbook/targets.ts): workbook
// structure protection (no sheets added or removed), a protected sheet (no cells written),
// and merged cells of the user's in a block we would write. A refusal names the sheet or
// cells and writes nothing.
import type { WriteOp } from '../port';
import { parseRange, rangeAddress, type Area } from '../a1';
import { WorkbookError } from '../errors';
import { writeTargets } from '../targets';
import { docOf, findSheet, findTable, sheetOfPath, type Book } from './book';
import { attr, startTags } from './xml';

const truthy = (v: string | null) => v === '1' || v === 'true';
const overlaps = (a: Area, b: Area) => a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

export async function checkWritable(book: Book, ops: readonly WriteOp[]): Promise<void> {
  const targets = writeTargets(ops);
  if (targets.structure.length && book.info.lockStructure) throw new WorkbookError('workbookProtected', { sheets: targets.structure });
  const sheets = targets.sheets.map((s) => ({ ...s, areas: [...s.areas] }));
  // Columns added to a table land right of it, on the table's sheet.
  for (const t of targets.tables) {
    const table = findTable(book, t.table);
    const sheet = table && sheetOfPath(book, table.sheetPath);
    if (!table || !sheet) continue;
    let entry = sheets.find((s) => s.sheet.toLowerCase() === sheet.name.toLowerCase());
    if (!entry) sheets.push((entry = { sheet: sheet.name, areas: [] }));
    if (t.addCols > 0) entry.areas.push({ row: table.area.row, col: table.area.col + table.area.cols, rows: table.area.rows, cols: t.addCols });
  }
  for (const target of sheets) {
    const sheet = findSheet(book, target.sheet);
    if (!sheet || sheet.kind !== 'worksheet') continue;
    const doc = await docOf(book, sheet);
    const prot = doc.element('sheetProtection');
    if (prot && truthy(attr(prot, 'sheet'))) throw new WorkbookError('sheetProtected', { sheet: sheet.name });
    const merges = [...startTags(doc.element('mergeCells') ?? '', 'mergeCell')].map((m) => parseRange(attr(m.tag, 'ref') ?? 'A1'));
    for (const area of target.areas) {
      const hit = merges.filter((m) => overlaps(m, area));
      if (hit.length)
        throw new WorkbookError('targetMerged', {
          sheet: sheet.name,
          range: rangeAddress(area.row, area.col, area.rows, area.cols),
          cells: hit.map((m) => rangeAddress(m.row, m.col, m.rows, m.cols)),
        });
    }
  }
}
