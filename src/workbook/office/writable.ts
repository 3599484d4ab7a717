// The Office adapter's check before any write (WorkbookPort.checkWritable): three small syncs
// that read, never write. What the ops touch comes from writeTargets (the rule both adapters
// share); what Excel would refuse, or take only in part, is read here:
// - Workbook.readOnly (ExcelApi 1.8, "true if the workbook is open in read-only mode"): results
//   written then could not be saved to the file.
// - Workbook.protection.protected (ExcelApi 1.7): sheets cannot be added or deleted.
// - Worksheet.protection.protected (ExcelApi 1.2): the sheet's locked cells cannot change.
// - Range.getMergedAreasOrNullObject (ExcelApi 1.13, used when this Excel has it): the add-in
//   never merges cells, so every merged area is the user's; writing into one would unmerge or
//   lose it. It returns only areas whose top-left cell is inside the range asked about
//   (OfficeDev/office-js#3611), so it is asked about A1 to the bottom-right of the blocks.
// Not detectable: several sheets selected at once ("grouped"). Office.js has no API that tells
// which sheets are selected (OfficeDev/office-js#3343: "Currently we have no API supports this
// function"); while sheets are grouped Excel fails API calls with general errors
// (OfficeDev/office-js#2266), which the pane reports as Excel's own error.
import { rangeAddress, type Area } from '../a1';
import { WorkbookError } from '../errors';
import { sheetKey } from '../../output/sheetNames';
import { writeTargets, type SheetTargets } from '../targets';
import type { WriteOp } from '../port';
import { parseMergedAddresses } from './merges';

type Ctx = Excel.RequestContext;

interface Options {
  /** This Excel has ExcelApi 1.13 (merged areas can be read). */
  merges: boolean;
}

const BOUNDS = 'rowIndex,columnIndex,rowCount,columnCount';

export async function checkWritable(ctx: Ctx, ops: readonly WriteOp[], opts: Options): Promise<void> {
  const targets = writeTargets(ops);
  const book = ctx.workbook;
  book.load('readOnly');
  book.protection.load('protected');
  const sheets = book.worksheets.load('items/name');
  const tables = book.tables.load('items/name');
  await ctx.sync();
  if (book.readOnly) throw new WorkbookError('workbookReadOnly');
  if (targets.structure.length && book.protection.protected) throw new WorkbookError('workbookProtected', { sheets: targets.structure });
  const existing = new Map(sheets.items.map((s) => [sheetKey(s.name), s.name]));
  const byKey = new Map<string, SheetTargets>();
  for (const t of targets.sheets) if (existing.has(sheetKey(t.sheet))) byKey.set(sheetKey(t.sheet), { sheet: existing.get(sheetKey(t.sheet))!, areas: [...t.areas] });
  await addTableTargets(ctx, targets.tables, new Set(tables.items.map((t) => t.name.toLowerCase())), byKey);
  await checkSheets(ctx, [...byKey.values()], opts);
}

/** The sheet of each table whose columns change, and the cells new columns would take. */
async function addTableTargets(ctx: Ctx, wanted: { table: string; addCols: number }[], have: Set<string>, into: Map<string, SheetTargets>): Promise<void> {
  const found = wanted
    .filter((t) => have.has(t.table.toLowerCase()))
    .map((t) => {
      const table = ctx.workbook.tables.getItem(t.table);
      return { ...t, sheet: table.worksheet.load('name'), range: table.getRange().load(BOUNDS) };
    });
  if (!found.length) return;
  await ctx.sync();
  for (const f of found) {
    const entry = into.get(sheetKey(f.sheet.name)) ?? { sheet: f.sheet.name, areas: [] };
    if (f.addCols > 0) entry.areas.push({ row: f.range.rowIndex, col: f.range.columnIndex + f.range.columnCount, rows: f.range.rowCount, cols: f.addCols });
    into.set(sheetKey(f.sheet.name), entry);
  }
}

/** A loop, not Math.max(...): a tier column of 200,000 customers is tens of thousands of areas (stack overflow). */
const bottomRight = (areas: Area[]) => areas.reduce((b, a) => ({ rows: Math.max(b.rows, a.row + a.rows), cols: Math.max(b.cols, a.col + a.cols) }), { rows: -Infinity, cols: -Infinity });

async function checkSheets(ctx: Ctx, sheets: SheetTargets[], opts: Options): Promise<void> {
  if (!sheets.length) return;
  const probes = sheets.map((t) => {
    const ws = ctx.workbook.worksheets.getItem(t.sheet);
    const protection = ws.protection.load('protected');
    let merged: Excel.RangeAreas | null = null;
    if (opts.merges && t.areas.length) {
      const end = bottomRight(t.areas);
      merged = ws.getRangeByIndexes(0, 0, end.rows, end.cols).getMergedAreasOrNullObject().load('address');
    }
    return { target: t, protection, merged };
  });
  await ctx.sync();
  for (const p of probes) if (p.protection.protected) throw new WorkbookError('sheetProtected', { sheet: p.target.sheet });
  for (const p of probes) {
    if (!p.merged || p.merged.isNullObject) continue;
    const merges = parseMergedAddresses(p.merged.address);
    for (const area of p.target.areas) {
      const hit = merges.filter((m) => overlaps(m, area));
      if (hit.length)
        throw new WorkbookError('targetMerged', {
          sheet: p.target.sheet,
          range: rangeAddress(area.row, area.col, area.rows, area.cols),
          cells: hit.map((m) => rangeAddress(m.row, m.col, m.rows, m.cols)),
        });
    }
  }
}

const overlaps = (a: Area, b: Area) => a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
