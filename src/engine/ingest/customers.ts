// Customer grid → CustomerData: one entry per distinct id (first row kept), mapped category
// columns under their keys, every column's raw values under its header (for rules), and
// customer-level facts (orders, revenue, last order, recency) when the table has them.
import type { CustomerData, SourceGrid } from '../types';
import { fastTrim, isBlank, isExcelError, normalizeId, type AnyCell } from './cells';
import { DATE_BLANK, DATE_OK, parseDateColumn, type DateOrder } from './dates';
import { resolveColumns, rowIsBlank } from './grid';
import { cellsOf } from './textColumns';
import type { GridPlace, IssueList } from './issues';
import { cellToNumber, numberFailure } from './numbers';
import { settleDecimalCommas } from './decimalComma';
import { reportDateColumn } from './orders';

export interface CustomersIngest {
  data: CustomerData;
  columns: Record<string, number>;
  dateFormats: Record<string, string>;
}

const CATEGORY_KEYS = ['region', 'industry', 'size'] as const;
const NUMBER_FACTS = ['orders', 'revenue', 'profit', 'recencyDays'] as const;
const DATE_FACTS = ['lastOrder', 'firstOrder'] as const;

type RawValue = string | number | boolean | null;

function textOf(v: unknown): string | null {
  if (isBlank(v)) return null;
  if (typeof v === 'string') return fastTrim(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  return String(v);
}

function rawOf(v: unknown): RawValue {
  if (isBlank(v)) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  return typeof v === 'string' ? fastTrim(v) : null;
}

/** The rows kept from the customer grid (by index into values, header excluded) and their ids. */
interface Kept {
  grid: SourceGrid;
  place: GridPlace;
  issues: IssueList;
  keep: number[];
  /** Values of column `col` for the kept rows, through f. */
  pick<T>(col: number, f: (v: AnyCell) => T): T[];
}

export function ingestCustomers(grid: SourceGrid, place: GridPlace, given: Record<string, string | undefined>, dateOrder: DateOrder, issues: IssueList): CustomersIngest {
  const cols = resolveColumns([...place.headers], 'customers', given, grid.name, ['customerId'], place.firstColumn);
  if (grid.fromText) settleDecimalCommas(cellsOf(grid), [cols.revenue ?? -1, cols.profit ?? -1, cols.orders ?? -1], place, issues);
  const { keep, customer } = keptRows(grid, place, cols.customerId, issues);
  const m = keep.length;
  const sourceRow = new Int32Array(m);
  for (let j = 0; j < m; j++) sourceRow[j] = place.headerRow + keep[j] + 1;
  const values = grid.values;
  const kept: Kept = {
    grid,
    place,
    issues,
    keep,
    pick<T>(col: number, f: (v: AnyCell) => T): T[] {
      const out = new Array<T>(m);
      for (let j = 0; j < m; j++) out[j] = f(values[keep[j] + 1][col] as AnyCell);
      return out;
    },
  };
  const name = cols.name !== undefined ? kept.pick(cols.name, textOf) : null;
  const { attributes, raw } = categoryAndRawColumns(kept, cols);
  const dateFormats: Record<string, string> = {};
  const hasFacts = [...NUMBER_FACTS, ...DATE_FACTS].some((k) => cols[k] !== undefined);
  const data: CustomerData = { n: m, customer, sourceRow, name, attributes, raw };
  if (hasFacts) {
    data.facts = {
      orders: numberFact(kept, cols.orders, 'orders'),
      revenue: numberFact(kept, cols.revenue, 'revenue'),
      profit: numberFact(kept, cols.profit, 'profit'),
      recencyDays: numberFact(kept, cols.recencyDays, 'recencyDays'),
      lastDay: dateFact(kept, cols.lastOrder, 'lastOrder', dateOrder, dateFormats),
      firstDay: dateFact(kept, cols.firstOrder, 'firstOrder', dateOrder, dateFormats),
    };
  }
  return { data, columns: cols, dateFormats };
}

/** Pass 1: which rows are kept (non-blank, id present, first of its id); the others reported. */
function keptRows(grid: SourceGrid, place: GridPlace, ci: number, issues: IssueList): { keep: number[]; customer: string[] } {
  const values = grid.values;
  const n = Math.max(values.length - 1, 0);
  const keep: number[] = [];
  const customer: string[] = [];
  const firstRow = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const row = values[i + 1];
    const r = i + 1;
    const id = row ? normalizeId(row[ci] as AnyCell) : '';
    if (id === '' || isExcelError(id)) {
      if (rowIsBlank(row)) continue;
      issues.cell(place, r, ci, row![ci], id === '' ? 'id_blank' : 'excel_error', 'error');
      continue;
    }
    const first = firstRow.get(id);
    if (first !== undefined) {
      issues.cell(place, r, ci, row![ci], 'duplicate_customer', 'warning', { firstRow: place.headerRow + first });
      continue;
    }
    firstRow.set(id, r);
    keep.push(i);
    customer.push(id);
  }
  return { keep, customer };
}

/**
 * Mapped category columns, and the raw values of every column under its header (for rules);
 * text-file columns that are all numbers become numbers.
 */
function categoryAndRawColumns(kept: Kept, cols: Record<string, number>): { attributes: Record<string, (string | null)[]>; raw: Record<string, RawValue[]> } {
  const { grid } = kept;
  const attributes: Record<string, (string | null)[]> = {};
  for (const key of CATEGORY_KEYS) if (cols[key] !== undefined) attributes[key] = kept.pick(cols[key], textOf);
  const mappedCols = new Set(Object.values(cols));
  const raw: Record<string, RawValue[]> = {};
  kept.place.headers.forEach((h, col) => {
    // Text-file cells are all strings, so their text and raw forms are the same array.
    const text = grid.fromText || !mappedCols.has(col) ? kept.pick(col, textOf) : null;
    raw[h] = grid.fromText ? (col === cols.customerId ? text! : numericIfAll(text!)) : kept.pick(col, rawOf);
    // Unmapped columns are also categories by header text (unless a mapped key has that name).
    if (!mappedCols.has(col) && !(h in attributes)) attributes[h] = text!;
  });
  return { attributes, raw };
}

/** A customer-level number fact (orders, revenue, …); unreadable cells are warnings. */
function numberFact(kept: Kept, col: number | undefined, key: string): Float64Array | null {
  if (col === undefined) return null;
  const { keep, place, issues } = kept;
  const values = kept.grid.values;
  const out = new Float64Array(keep.length);
  for (let j = 0; j < keep.length; j++) {
    const v = values[keep[j] + 1][col] as AnyCell;
    const x = cellToNumber(v);
    out[j] = x;
    if (x !== x) {
      const why = numberFailure(v);
      if (why !== 'blank') issues.cell(place, keep[j] + 1, col, v, why === 'excel_error' ? 'excel_error' : why === 'out_of_range' ? 'number_out_of_range' : 'number_not_number', 'warning', { key });
    }
  }
  return out;
}

/** A customer-level date fact (first or last order); unreadable dates are warnings. */
function dateFact(kept: Kept, col: number | undefined, key: string, dateOrder: DateOrder, dateFormats: Record<string, string>): Float64Array | null {
  if (col === undefined) return null;
  const { keep, place, issues, grid } = kept;
  const cells = kept.pick(col, (v) => v);
  const dates = parseDateColumn(cells, { dateSystem: grid.dateSystem ?? 1900, order: dateOrder });
  reportDateColumn(place, col, dates, issues);
  dateFormats[place.headers[col]] = dates.format;
  for (let j = 0; j < keep.length; j++) {
    const status = dates.errors[j];
    if (status !== DATE_OK && status !== DATE_BLANK) {
      issues.cell(place, keep[j] + 1, col, cells[j], isExcelError(cells[j]) ? 'excel_error' : 'date_invalid', 'warning', { key });
    }
  }
  return dates.days;
}

/** Text values that all read as numbers (blanks aside) become numbers; otherwise unchanged. */
function numericIfAll(vals: RawValue[]): RawValue[] {
  const out = new Array<RawValue>(vals.length);
  let any = false;
  for (let j = 0; j < vals.length; j++) {
    const v = vals[j];
    if (v === null) {
      out[j] = null;
      continue;
    }
    // Zero-padded codes ("00042") are text, not numbers.
    if (typeof v === 'string' && v.length > 1 && v.charCodeAt(0) === 48 && v.charCodeAt(1) !== 46) return vals;
    const x = typeof v === 'string' ? cellToNumber(v) : NaN;
    if (x !== x) return vals;
    out[j] = x;
    any = true;
  }
  return any ? out : vals;
}
