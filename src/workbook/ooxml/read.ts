// Reading with the Office adapter's rules: a sheet's used range (cells with values), a sheet
// address or a named range cut to the used range, a table without its totals row (a
// header-less table is refused: its columns cannot be recognised).
import type { RangeRef } from '../../config/schema';
import { CancelledError, type CellValue, type IoOptions, type RangeRead, type SheetInfo, type TableInfo } from '../port';
import { intersect, parseAddress, rangeAddress, type Area } from '../a1';
import { asExcelReads } from './readFacts';
import { WorkbookError } from '../errors';
import { docOf, sheetOf, sheetOfPath, tableOf, type Book } from './book';
import type { SheetDoc } from './sheet';
import type { TableDoc } from './tablePart';

export function listSheets(book: Book): SheetInfo[] {
  return book.info.sheets.filter((s) => s.kind === 'worksheet').map((s) => ({ name: s.name, visible: s.state === 'visible' }));
}

/** Header row and body of a table (its totals row is not data). */
export function tableDataArea(t: TableDoc): Area {
  return { ...t.area, rows: t.area.rows - t.totalsRows };
}

export function listTables(book: Book): TableInfo[] {
  return book.tables.flatMap((t) => {
    const sheet = sheetOfPath(book, t.sheetPath);
    if (!sheet) return [];
    const a = t.area;
    return [{ name: t.name, sheet: sheet.name, address: rangeAddress(a.row, a.col, a.rows, a.cols), headers: [...t.columns] }];
  });
}

/** Characters of sheet XML above which a sheet read whole is not kept parsed. */
const BIG_SHEET = 64 << 20;

const usedCache = new WeakMap<SheetDoc, { version: number; area: Area | null }>();
/** A sheet's last whole read, while the sheet is unchanged (each read would parse every row again). */
const wholeCache = new WeakMap<SheetDoc, { version: number; read: RangeRead }>();

/** Bounding box of the cells that hold a value (Excel's getUsedRange(valuesOnly)), or null. */
export function usedArea(doc: SheetDoc): Area | null {
  const cached = usedCache.get(doc);
  if (cached && cached.version === doc.version) return cached.area;
  let r0 = Infinity;
  let r1 = -1;
  let c0 = Infinity;
  let c1 = -1;
  doc.forEachValue((r, c) => {
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (c < c0) c0 = c;
    if (c > c1) c1 = c;
  });
  const area = r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  usedCache.set(doc, { version: doc.version, area });
  return area;
}

const SHEET_REFERENCE = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/;

async function locate(book: Book, ref: RangeRef): Promise<{ doc: SheetDoc; name: string; area: Area | null; table?: TableDoc }> {
  if (ref.kind === 'table') {
    const t = tableOf(book, ref.table);
    // Without its header row a table's columns cannot be recognised (as in the Office adapter).
    if (t.headerRows === 0) throw new WorkbookError('tableNoHeaders', { table: t.name });
    const sheet = sheetOfPath(book, t.sheetPath)!;
    return { doc: await docOf(book, sheet), name: sheet.name, area: tableDataArea(t), table: t };
  }
  if (ref.kind === 'name') {
    const key = ref.name.toLowerCase();
    const found = book.info.names.filter((n) => n.name.toLowerCase() === key).sort((a, b) => (a.localSheetId === null ? -1 : 1) - (b.localSheetId === null ? -1 : 1))[0];
    if (!found) throw new WorkbookError('nameNotFound', { name: ref.name });
    const m = SHEET_REFERENCE.exec(found.text.trim());
    if (!m || found.text.includes(',')) throw new WorkbookError('nameUnsupported', { name: ref.name, reference: found.text });
    const sheet = sheetOf(book, m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
    const doc = await docOf(book, sheet);
    const used = usedArea(doc);
    return { doc, name: sheet.name, area: used && intersect(parseAddress(m[3]), used) };
  }
  const sheet = sheetOf(book, ref.sheet);
  const doc = await docOf(book, sheet);
  const given = ref.address ? parseAddress(ref.address) : null;
  const used = usedArea(doc);
  return { doc, name: sheet.name, area: used && (given ? intersect(given, used) : used) };
}

export async function readRange(book: Book, ref: RangeRef, opts: IoOptions = {}): Promise<RangeRead> {
  if (opts.signal?.aborted) throw new CancelledError();
  const whole = ref.kind === 'sheet' && !ref.address;
  const sheet = whole ? sheetOf(book, ref.sheet) : null;
  const kept = sheet && !book.docs.has(sheet.path) ? book.wholeReads?.get(sheet.path) : undefined;
  if (kept) return kept;
  const doc = sheet ? await docOf(book, sheet) : null;
  // The same sheet read whole again, unchanged since (a refresh after classify, two refreshes).
  const again = doc && wholeCache.get(doc);
  if (again && again.version === doc.version) return { ...again.read };
  // A whole sheet not yet measured: one pass finds the used range and reads it.
  if (doc && sheet && usedCache.get(doc)?.version !== doc.version) {
    const read = readWholeSheet(book, doc, sheet.name, opts);
    // A big sheet read whole and not written (the history, before it is rebuilt) is let go: its
    // text can be gigabytes, and it is parsed again should it be needed.
    const out = asExcelReads(doc, read);
    if (!doc.dirty && doc.size > BIG_SHEET) {
      book.docs.delete(sheet.path);
      (book.wholeReads ??= new Map()).set(sheet.path, out);
    } else wholeCache.set(doc, { version: doc.version, read: out });
    return out;
  }
  const { doc: d, name, area, table } = await locate(book, ref);
  const dateSystem = book.dateSystem;
  if (!area) return { sheet: name, address: 'A1', row: 0, col: 0, values: [], dateSystem };
  const values: CellValue[][] = Array.from({ length: area.rows }, () => new Array<CellValue>(area.cols).fill(''));
  d.forEachValue(
    (r, c, v) => {
      if (c >= area.col && c < area.col + area.cols) values[r - area.row][c - area.col] = v;
    },
    area.row,
    area.row + area.rows,
  );
  opts.onProgress?.({ stage: 'reading', done: area.rows, total: area.rows });
  return asExcelReads(d, { sheet: name, address: rangeAddress(area.row, area.col, area.rows, area.cols), row: area.row, col: area.col, values, ...(table ? { table: table.name } : {}), dateSystem });
}

function readWholeSheet(book: Book, doc: SheetDoc, name: string, opts: IoOptions): RangeRead {
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: CellValue[] = [];
  doc.forEachValue((r, c, v) => {
    rows.push(r);
    cols.push(c);
    vals.push(v);
  });
  let r0 = Infinity;
  let r1 = -1;
  let c0 = Infinity;
  let c1 = -1;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] < r0) r0 = rows[i];
    if (rows[i] > r1) r1 = rows[i];
    if (cols[i] < c0) c0 = cols[i];
    if (cols[i] > c1) c1 = cols[i];
  }
  const area = r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  usedCache.set(doc, { version: doc.version, area });
  const dateSystem = book.dateSystem;
  if (!area) return { sheet: name, address: 'A1', row: 0, col: 0, values: [], dateSystem };
  const values: CellValue[][] = Array.from({ length: area.rows }, () => new Array<CellValue>(area.cols).fill(''));
  for (let i = 0; i < rows.length; i++) values[rows[i] - r0][cols[i] - c0] = vals[i];
  opts.onProgress?.({ stage: 'reading', done: area.rows, total: area.rows });
  return { sheet: name, address: rangeAddress(area.row, area.col, area.rows, area.cols), row: area.row, col: area.col, values, dateSystem };
}
