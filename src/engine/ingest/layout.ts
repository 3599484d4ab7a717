// Where a table really is in a grid: the header row found below title and blank rows, and a
// trailing totals row ("合计", "Total") of a plain range left out. Both are said in notes, never
// done silently. One rule for the CLI and the pane (both hand their grids to ingest).
import type { SourceGrid } from '../types';
import { cellText, isBlank } from './cells';
import { detectColumns, findHeader, foldHeader, type TableKind } from './headers';
import { cellsOf, gridRows } from './textColumns';
import type { Params } from '../../i18n';

export interface GridNote {
  code: string;
  params?: Params;
}

/** Rows searched for the header (a title block is a few rows, never dozens). */
const HEADER_SCAN = 30;

/** Keys whose headers identify a table of that kind (a title row rarely matches two). */
const IDENTIFYING: Record<TableKind, readonly string[]> = {
  orders: ['customerId', 'orderDate', 'amount', 'quantity', 'unitPrice', 'orderId', 'customerName'],
  customers: ['customerId', 'name', 'region', 'industry', 'size', 'revenue', 'orders', 'lastOrder'],
};

/** Fewest identifying headers a row needs to be taken as the header row. */
const MIN_SCORE: Record<TableKind, number> = { orders: 2, customers: 1 };

/** Labels of a totals row, folded as headers are ("合计：", "Grand total" …). */
const TOTAL_LABELS = new Set(['合计', '总计', '小计', '总合计', '合计金额', '总额', 'total', 'totals', 'grandtotal', 'sum', 'subtotal']);

function rowTexts(row: readonly unknown[] | undefined): string[] {
  return (row ?? []).map((c) => (typeof c === 'string' && !isBlank(c) ? c.trim() : ''));
}

/** How many of a row's cells read as headers of the table kind (detected or named in the config). */
export function headerScore(row: readonly unknown[] | undefined, kind: TableKind, given: Record<string, string | undefined> = {}): number {
  const texts = rowTexts(row);
  // A title is one cell; a header row has at least two.
  if (texts.filter((t) => t !== '').length < 2) return 0;
  const detected = detectColumns(texts, kind);
  const keys = new Set(IDENTIFYING[kind].filter((k) => detected[k] !== undefined && detected[k] !== ''));
  for (const [key, name] of Object.entries(given)) if (name && findHeader(texts, name) >= 0) keys.add(key);
  return keys.size;
}

/**
 * Index of the header row in `values`: the first row that reads as one (data rows come after
 * it, so a data cell such as "华东地区" is never mistaken for a header), 0 when none does.
 */
export function findHeaderRow(values: readonly (readonly unknown[] | undefined)[], kind: TableKind, given: Record<string, string | undefined> = {}): number {
  const end = Math.min(values.length, HEADER_SCAN);
  for (let i = 0; i < end; i++) if (headerScore(values[i], kind, given) >= MIN_SCORE[kind]) return i;
  return 0;
}

/** Whether a row is a totals row: a cell labelled 合计/总计/Total… and a number beside it. */
export function isTotalsRow(row: readonly unknown[] | undefined): boolean {
  if (!row) return false;
  const labelled = row.some((c) => typeof c === 'string' && TOTAL_LABELS.has(foldHeader(c).replace(/[:：]$/, '')));
  return labelled && row.some((c) => typeof c === 'number');
}

/**
 * The grid cut to its table: rows above the header row dropped (headerRow moved down), a
 * trailing totals row dropped, each said in a note naming the sheet row. A table read as an
 * Excel table (`table: true`) has its totals row left out by the reader already.
 */
export function locateTable(grid: SourceGrid, kind: TableKind, given: Record<string, string | undefined> = {}): { grid: SourceGrid; notes: GridNote[] } {
  const notes: GridNote[] = [];
  const firstRow = grid.headerRow ?? 1;
  // Only the first rows and the last are looked at (a text file's rows are never all built).
  const cells = cellsOf(grid);
  const head: (readonly unknown[] | undefined)[] = [];
  for (let i = 0; i < Math.min(cells.rows, HEADER_SCAN); i++) head.push(cells.row(i));
  const h = findHeaderRow(head, kind, given);
  if (h > 0) {
    const title = rowTexts(head.slice(0, h).find((r) => !rowTexts(r).every((t) => t === '')) ?? []).find((t) => t !== '') ?? '';
    notes.push({ code: 'source_header_row', params: { sheet: grid.name, row: firstRow + h, skipped: h, title: cellText(title, 60) } });
  }
  let end = cells.rows;
  let last = end - 1;
  while (last > h && rowTexts(cells.row(last)).every((t) => t === '') && (cells.row(last) ?? []).every((c) => isBlank(c))) last--;
  if (last > h && isTotalsRow(cells.row(last))) {
    notes.push({ code: 'source_totals_row', params: { sheet: grid.name, row: firstRow + last } });
    end = last;
  }
  if (notes.length === 0) return { grid, notes };
  return { grid: gridRows(grid, h, end, firstRow + h), notes };
}
