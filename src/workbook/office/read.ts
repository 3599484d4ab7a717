// Reading a sheet's used range, a table or a named range in row chunks that keep each
// response under the payload limit: a small first chunk measures bytes per row, later
// chunks are sized from what was measured, and a chunk Excel still finds too large is
// halved and read again. One sync per chunk.
import type { RangeRef } from '../../config/schema';
import { CancelledError, type CellValue, type IoOptions, type RangeRead } from '../port';
import { intersect, parseAddress, rangeAddress, type Area } from '../a1';
import { WorkbookError } from '../errors';
import { fromExcelValue } from './cells';
import { isPayloadLimitError, officeErrorCode } from './errors';
import { COMMAND_BYTES, gridJsonBytes, PAYLOAD_BUDGET } from './payload';
import { throwIfAborted, type AdapterLimits } from './types';
import { hiddenRows } from './readFacts';

/** A property if its load came back (a sync that failed for its size may not have loaded it). */
function loaded<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

const FIRST_CHUNK_ROWS = 100;
/** Headroom over the bytes per row measured so far (later rows may be longer): wide after
 *  the small first chunk, narrow once thousands of rows have been seen. */
const rowMargin = (rowsSeen: number) => (rowsSeen < 5_000 ? 1.25 : 1.05);

interface Located {
  sheet: string;
  /** Null when there is nothing to read (an empty sheet, an address outside the used range). */
  area: Area | null;
  table?: string;
}

const BOUNDS = 'rowIndex,columnIndex,rowCount,columnCount';

const areaOf = (b: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }): Area => ({
  row: b.rowIndex,
  col: b.columnIndex,
  rows: b.rowCount,
  cols: b.columnCount,
});

/** One sync; a missing sheet, table or name (Excel's ItemNotFound, the only getItem of the
 *  request) becomes the WorkbookError the xlsx adapter throws too. */
async function syncFinding(ctx: Excel.RequestContext, missing: () => WorkbookError): Promise<void> {
  try {
    await ctx.sync();
  } catch (e) {
    throw officeErrorCode(e) === 'ItemNotFound' ? missing() : e;
  }
}

/** What of a table is read: its header row and data body. Table.getRange is "the entire
 *  table", totals row included (ExcelApi 1.1): a totals row is not a customer, so it is left
 *  out. A table whose header row is turned off has no column names to recognise; it is refused
 *  with a message saying how to turn the header row back on. */
export function tableArea(table: string, whole: Area, showHeaders: boolean, showTotals: boolean): Area {
  if (!showHeaders) throw new WorkbookError('tableNoHeaders', { table });
  return showTotals && whole.rows > 1 ? { ...whole, rows: whole.rows - 1 } : whole;
}

/** Finds where the data is, without reading it: one sync. */
async function locate(ctx: Excel.RequestContext, ref: RangeRef): Promise<Located> {
  const book = ctx.workbook;
  if (ref.kind === 'table') {
    const table = book.tables.getItem(ref.table);
    const range = table.getRange().load(BOUNDS);
    const ws = table.worksheet.load('name');
    table.load('name,showHeaders,showTotals');
    await syncFinding(ctx, () => new WorkbookError('tableNotFound', { table: ref.table }));
    return { sheet: ws.name, area: tableArea(table.name, areaOf(range), table.showHeaders, table.showTotals), table: table.name };
  }
  if (ref.kind === 'name') {
    const range = book.names.getItem(ref.name).getRange().load(BOUNDS);
    const ws = range.worksheet.load('name');
    const used = ws.getUsedRangeOrNullObject(true).load(BOUNDS);
    await syncFinding(ctx, () => new WorkbookError('nameNotFound', { name: ref.name }));
    return { sheet: ws.name, area: used.isNullObject ? null : intersect(areaOf(range), areaOf(used)) };
  }
  // The address is checked here, by the rules the xlsx adapter uses, before Excel sees it.
  const given = ref.address ? parseAddress(ref.address) : null;
  const ws = book.worksheets.getItem(ref.sheet).load('name');
  const used = ws.getUsedRangeOrNullObject(true).load(BOUNDS);
  await syncFinding(ctx, () => new WorkbookError('sheetNotFound', { sheet: ref.sheet }));
  if (used.isNullObject) return { sheet: ws.name, area: null };
  // Never more than the used range, even for an address like "A:F".
  return { sheet: ws.name, area: given ? intersect(given, areaOf(used)) : areaOf(used) };
}

export async function readRange(ctx: Excel.RequestContext, ref: RangeRef, limits: AdapterLimits, opts: IoOptions = {}): Promise<RangeRead> {
  // The API has no date-system property (before a preview set), but DATE(1904,1,1) is serial 0
  // in a 1904 workbook and 1462 in a 1900 one; it rides along with locate's sync, writes nothing.
  const probe = ctx.workbook.functions.date(1904, 1, 1).load('value');
  const located = await locate(ctx, ref);
  const dateSystem: 1900 | 1904 = probe.value === 0 ? 1904 : 1900;
  if (!located.area) return { sheet: located.sheet, address: 'A1', row: 0, col: 0, values: [], dateSystem };
  const where = { sheet: located.sheet, table: located.table, ...located.area };
  const ws = ctx.workbook.worksheets.getItem(where.sheet);
  const budget = limits.payloadLimit * PAYLOAD_BUDGET - COMMAND_BYTES;
  const values: CellValue[][] = new Array(where.rows);
  let done = 0;
  let chunk = Math.min(where.rows, FIRST_CHUNK_ROWS);
  let bytesRead = 0;
  // Whether rows are hidden rides on the first chunk's sync (readFacts.ts).
  const hiddenProbe = ws.getRangeByIndexes(where.row, where.col, where.rows, 1).load('rowHidden');
  while (done < where.rows) {
    throwIfAborted(opts.signal, () => new CancelledError());
    const n = Math.min(chunk, where.rows - done);
    const range = ws.getRangeByIndexes(where.row + done, where.col, n, where.cols).load('values');
    try {
      await ctx.sync();
    } catch (e) {
      if (!isPayloadLimitError(e) || n === 1) throw e;
      chunk = Math.ceil(n / 2);
      continue;
    }
    const got = range.values;
    for (let i = 0; i < n; i++) {
      const src = got[i];
      const row: CellValue[] = new Array(where.cols);
      for (let j = 0; j < where.cols; j++) row[j] = fromExcelValue(src[j]);
      values[done + i] = row;
    }
    // Counted by the byte model, not by serialising what was just parsed (0.5 s per 1M-row read).
    const bytes = gridJsonBytes(got);
    bytesRead += bytes;
    done += n;
    // Size the next chunk from the larger of this chunk's and the overall bytes per row.
    const perRow = Math.max(bytes / n, bytesRead / done) * rowMargin(done);
    chunk = Math.max(1, Math.floor(budget / Math.max(perRow, 1)));
    opts.onProgress?.({ stage: 'reading', done, total: where.rows });
  }
  const hidden = await hiddenRows(ctx, ws, where, loaded(() => hiddenProbe.rowHidden));
  return {
    ...(hidden.length ? { hiddenRows: hidden } : {}),
    sheet: where.sheet,
    address: rangeAddress(where.row, where.col, where.rows, where.cols),
    row: where.row,
    col: where.col,
    values,
    ...(where.table ? { table: where.table } : {}),
    dateSystem,
  };
}
