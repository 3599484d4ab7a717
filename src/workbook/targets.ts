// What a list of write ops would touch in the workbook as it stands: the sheets that already
// exist and get cells, formats, tables or charts (with the blocks of cells), the tables whose
// columns change, and whether sheets are added or removed. Decided once, purely, so every
// adapter checks the same things before its first write (WorkbookPort.checkWritable).
import { sheetKey } from '../output/sheetNames';
import type { Area } from './a1';
import type { WriteOp } from './port';

export interface SheetTargets {
  sheet: string;
  /** Blocks whose cells get values or formats (where a merged area or a spill would break). */
  areas: Area[];
}

export interface WriteTargets {
  /** Existing sheets the ops change, in the order first met. */
  sheets: SheetTargets[];
  /** Existing tables whose columns are added (`addCols` > 0, at the right) or removed. */
  tables: { table: string; addCols: number }[];
  /** Sheets added or deleted: the workbook's structure must be open to changes. */
  structure: string[];
}

/** The block an op writes cells or formats into; null for ops that touch no cells. */
function cellArea(op: WriteOp): Area | null {
  switch (op.op) {
    case 'values':
      return { row: op.row, col: op.col, rows: op.values.length, cols: op.values.reduce((m, r) => Math.max(m, r.length), 0) };
    case 'clear':
    case 'format':
    case 'colorScale':
    case 'addTable':
      return { row: op.row, col: op.col, rows: op.rows, cols: op.cols };
    case 'link':
      return { row: op.row, col: op.col, rows: 1, cols: 1 };
    default:
      return null;
  }
}

/** The sheet an op changes (null for table ops and sheet additions/deletions). */
function sheetOf(op: WriteOp): string | null {
  return 'sheet' in op && typeof op.sheet === 'string' ? op.sheet : null;
}

export function writeTargets(ops: readonly WriteOp[]): WriteTargets {
  const added = new Set<string>();
  const sheets = new Map<string, SheetTargets>();
  const tables = new Map<string, { table: string; addCols: number }>();
  const structure: string[] = [];
  for (const op of ops) {
    if (op.op === 'addSheet' || op.op === 'deleteSheet') {
      structure.push(op.name);
      // Cells written later on a sheet this plan adds are the add-in's own new cells.
      if (op.op === 'addSheet') added.add(sheetKey(op.name));
      continue;
    }
    if (op.op === 'addTableColumns' || op.op === 'deleteTableColumns' || op.op === 'deleteTable') {
      const key = (op.op === 'deleteTable' ? op.name : op.table).toLowerCase();
      const t = tables.get(key) ?? { table: op.op === 'deleteTable' ? op.name : op.table, addCols: 0 };
      if (op.op === 'addTableColumns') t.addCols += op.headers.length;
      tables.set(key, t);
      continue;
    }
    const sheet = sheetOf(op);
    if (sheet === null || added.has(sheetKey(sheet))) continue;
    const entry = sheets.get(sheetKey(sheet)) ?? { sheet, areas: [] };
    const area = cellArea(op);
    if (area && area.rows > 0 && area.cols > 0) entry.areas.push(area);
    sheets.set(sheetKey(sheet), entry);
  }
  return { sheets: [...sheets.values()], tables: [...tables.values()], structure };
}
