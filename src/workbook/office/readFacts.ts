// The hidden (or filtered) rows of a read area, as the xlsx reader reports them, so the pane's
// notes say what the CLI's say. Range.rowHidden (ExcelApi 1.2) is true when every row is hidden,
// false when none is, null when some are; the whole area's answer rides on the first chunk's sync,
// and mixed blocks are halved until each is all or nothing, one sync per level (a few hidden runs
// cost a few proxies per level). Merged areas are not asked for: Range.values already gives '' in
// their covered cells, and getMergedAreasOrNullObject fails outright past 512 areas, which would
// fail the read.
import type { Area } from '../a1';

/** Blocks whose rowHidden is asked in one sync at most (wider levels are not split further). */
const MAX_BLOCKS = 2_000;

/** Rows of `area` hidden, given the area's rowHidden if the first chunk's sync loaded it (no
 *  extra sync when nothing is hidden, the usual case). */
export async function hiddenRows(ctx: Excel.RequestContext, ws: Excel.Worksheet, area: Area, whole: boolean | null | undefined): Promise<number[]> {
  if (whole === false) return [];
  const out: number[] = [];
  let blocks: { row: number; rows: number }[] = [{ row: area.row, rows: area.rows }];
  if (whole === true) blocks = [];
  if (whole === true) for (let r = area.row; r < area.row + area.rows; r++) out.push(r);
  while (blocks.length > 0 && blocks.length <= MAX_BLOCKS) {
    const asked = blocks.map((b) => ({ ...b, range: ws.getRangeByIndexes(b.row, area.col, b.rows, 1).load('rowHidden') }));
    await ctx.sync();
    blocks = [];
    for (const b of asked) {
      if (b.range.rowHidden === true) for (let r = b.row; r < b.row + b.rows; r++) out.push(r);
      else if (b.range.rowHidden === null && b.rows > 1) {
        const half = Math.ceil(b.rows / 2);
        blocks.push({ row: b.row, rows: half }, { row: b.row + half, rows: b.rows - half });
      }
    }
  }
  return out.sort((a, b) => a - b);
}

