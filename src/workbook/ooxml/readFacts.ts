// A read made to match Excel's Range.values: a merged area's cells other than its top-left read
// blank (a file may still hold values there — LibreOffice keeps hidden contents — which Excel
// never shows), and the hidden rows and merged areas met are reported with the read.
import { parseRange, rangeAddress, type Area } from '../a1';
import type { RangeRead } from '../port';
import type { SheetDoc } from './sheet';
import { attr, startTags } from './xml';

function mergedAreas(doc: SheetDoc): Area[] {
  const xml = doc.element('mergeCells');
  if (!xml) return [];
  const out: Area[] = [];
  for (const m of startTags(xml, 'mergeCell')) {
    const ref = attr(m.tag, 'ref');
    if (!ref) continue;
    try {
      out.push(parseRange(ref));
    } catch {
      // A damaged ref merges nothing Excel would show either.
    }
  }
  return out;
}

const meets = (a: Area, b: Area) => a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

export function asExcelReads(doc: SheetDoc, read: RangeRead): RangeRead {
  if (read.values.length === 0) return read;
  const area: Area = { row: read.row, col: read.col, rows: read.values.length, cols: read.values[0]?.length ?? 0 };
  const merged = mergedAreas(doc).filter((m) => meets(m, area));
  for (const m of merged) {
    for (let r = Math.max(m.row, area.row); r < Math.min(m.row + m.rows, area.row + area.rows); r++) {
      for (let c = Math.max(m.col, area.col); c < Math.min(m.col + m.cols, area.col + area.cols); c++) {
        if (r !== m.row || c !== m.col) read.values[r - area.row][c - area.col] = '';
      }
    }
  }
  const hidden = doc.hiddenRows(area.row, area.row + area.rows);
  const out: RangeRead = { ...read };
  if (hidden.length) out.hiddenRows = hidden;
  if (merged.length) out.merged = merged.map((m) => rangeAddress(m.row, m.col, m.rows, m.cols));
  return out;
}
