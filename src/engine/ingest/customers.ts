// Customer grid → CustomerData: one entry per distinct id (first row kept), mapped category
// columns under their keys, every column's raw values under its header (for rules), and
// customer-level facts (orders, revenue, last order, recency) when the table has them.
import type { CustomerData, SourceGrid } from '../types';
import { fastTrim, isBlank, isExcelError, normalizeId, type AnyCell } from './cells';
import { DATE_BLANK, DATE_OK, parseDateColumn, type DateOrder } from './dates';
import { resolveColumns, rowIsBlank } from './grid';
import type { GridPlace, IssueList } from './issues';
import { cellToNumber, numberFailure } from './numbers';
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

export function ingestCustomers(grid: SourceGrid, place: GridPlace, given: Record<string, string | undefined>, dateOrder: DateOrder, issues: IssueList): CustomersIngest {
  const headers = place.headers;
  const cols = resolveColumns([...headers], 'customers', given, grid.name, ['customerId']);
  const ci = cols.customerId;
  const values = grid.values;
  const n = Math.max(values.length - 1, 0);

  // Pass 1: which rows are kept (non-blank, id present, first of its id).
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
  const m = keep.length;
  const sourceRow = new Int32Array(m);
  for (let j = 0; j < m; j++) sourceRow[j] = place.headerRow + keep[j] + 1;

  const pick = <T>(col: number, f: (v: AnyCell) => T): T[] => {
    const out = new Array<T>(m);
    for (let j = 0; j < m; j++) out[j] = f(values[keep[j] + 1][col] as AnyCell);
    return out;
  };

  const name = cols.name !== undefined ? pick(cols.name, textOf) : null;
  const attributes: Record<string, (string | null)[]> = {};
  for (const key of CATEGORY_KEYS) if (cols[key] !== undefined) attributes[key] = pick(cols[key], textOf);

  // Raw values of every column under its header; text-file columns that are all numbers become numbers.
  const mappedCols = new Set(Object.values(cols));
  const raw: Record<string, RawValue[]> = {};
  headers.forEach((h, col) => {
    // Text-file cells are all strings, so their text and raw forms are the same array.
    const text = grid.fromText || !mappedCols.has(col) ? pick(col, textOf) : null;
    raw[h] = grid.fromText ? (col === ci ? text! : numericIfAll(text!)) : pick(col, rawOf);
    // Unmapped columns are also categories by header text (unless a mapped key has that name).
    if (!mappedCols.has(col) && !(h in attributes)) attributes[h] = text!;
  });

  const dateFormats: Record<string, string> = {};
  const hasFacts = [...NUMBER_FACTS, ...DATE_FACTS].some((k) => cols[k] !== undefined);
  let facts: CustomerData['facts'];
  if (hasFacts) {
    const numberFact = (key: string): Float64Array | null => {
      const col = cols[key];
      if (col === undefined) return null;
      const out = new Float64Array(m);
      for (let j = 0; j < m; j++) {
        const v = values[keep[j] + 1][col] as AnyCell;
        const x = cellToNumber(v);
        out[j] = x;
        if (x !== x) {
          const why = numberFailure(v);
          if (why !== 'blank') issues.cell(place, keep[j] + 1, col, v, why === 'excel_error' ? 'excel_error' : 'number_not_number', 'warning', { key });
        }
      }
      return out;
    };
    const dateFact = (key: string): Float64Array | null => {
      const col = cols[key];
      if (col === undefined) return null;
      const cells = pick(col, (v) => v);
      const dates = parseDateColumn(cells, { dateSystem: grid.dateSystem ?? 1900, order: dateOrder });
      reportDateColumn(place, col, dates, issues);
      dateFormats[headers[col]] = dates.format;
      for (let j = 0; j < m; j++) {
        const status = dates.errors[j];
        if (status !== DATE_OK && status !== DATE_BLANK) {
          issues.cell(place, keep[j] + 1, col, cells[j], isExcelError(cells[j]) ? 'excel_error' : 'date_invalid', 'warning', { key });
        }
      }
      return dates.days;
    };
    facts = {
      orders: numberFact('orders'),
      revenue: numberFact('revenue'),
      profit: numberFact('profit'),
      recencyDays: numberFact('recencyDays'),
      lastDay: dateFact('lastOrder'),
      firstDay: dateFact('firstOrder'),
    };
  }

  const data: CustomerData = { n: m, customer, sourceRow, name, attributes, raw };
  if (facts) data.facts = facts;
  return { data, columns: cols, dateFormats };
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
