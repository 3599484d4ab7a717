// Ingest: Excel-shaped grids and text files → columnar orders/customers + data issues.
// Pure conversion; business policy (analysis date, returns) belongs to classify.
//
// Reading rules (for the README):
// - Order rows need a customer id, a date and an amount; a row missing any is left out with one
//   'error' issue per bad cell. Entirely blank rows are skipped silently and not counted.
// - Profit/quantity: blank → 0 silently; text → 0 with a warning (the row is kept).
// - Order id blank → the row counts as its own order ("#<row>") with a warning.
// - Ids: trimmed; whole numbers as decimal text (1001 = "1001" = " 1001 " = "1001.0").
// - Dates: serials (1900 system with Lotus's fake 1900-02-29 rejected, or 1904), Date objects,
//   yyyy-mm-dd / yyyy/m/d / yyyy.m.d / 2024年3月5日 (time ignored), yyyymmdd, English month names,
//   and a/b/yy(yy) whose day/month order is decided per column: a first part > 12 means dmy, a
//   second part > 12 means mdy; neither → config.dateOrder, and for 'auto' month-first plus one
//   'date_ambiguous' warning. Two-digit years: 00–69 → 20xx, 70–99 → 19xx.
// - Customers: first row per id kept, later ones → 'duplicate_customer'; order ids missing from
//   the customer list → one 'unknown_customer' warning per id (the orders still count).
// - At most ISSUE_CAP issues are listed; `issuesTotal` counts all and a final 'issues_truncated'
//   info issue says how many were left off.
import type { TieringConfig } from '../../config/schema';
import type { InputTables, IngestResult, ResolvedMapping } from '../types';
import { ingestCustomers, type CustomersIngest } from './customers';
import { headerTexts, placeOf, throwError } from './grid';
import { IssueList, type GridPlace } from './issues';
import { ingestOrders, type OrdersIngest } from './orders';
import { FRESH, type ColumnBuffers } from '../scratch';
import { readHabits } from './habits';
import { locatedTables, sourceNotes } from './sources';
import { cellsOf } from './textColumns';

export { normalizeId, isBlank, isExcelError, columnLetter, EXCEL_ERRORS } from './cells';
export { parseNumberCell, cellToNumber } from './numbers';
export { parseDateColumn, parseDateCell, serialToDays, DATE_OK, DATE_BLANK, DATE_INVALID, DATE_EXCEL_ERROR } from './dates';
export type { DateColumn, DateColumnOptions, DateOrder } from './dates';
export { detectColumns, foldHeader } from './headers';
export type { TableKind } from './headers';
export { decodeText, parseDelimited, detectDelimiter, textToGrid } from './text';
export { describeIssue, ISSUE_CAP } from './issues';

function mappingOf(headers: string[], cols: Record<string, number>): ResolvedMapping {
  const out: ResolvedMapping = {};
  for (const [k, j] of Object.entries(cols)) out[k] = headers[j];
  return out;
}

/**
 * Orders and/or customers → IngestResult. Throws TieringError: 'no_input' (no table given),
 * 'missing_column' / 'mapped_column_missing' (a needed column is not there), 'no_valid_rows'
 * (a table has no usable row; a customer list is optional when orders are usable).
 * `buffers`: where the order columns (day, amount, customer code) come from; REUSED only for a
 * caller that drops the result before the next ingest (classify).
 */
export function ingest(input: InputTables, config: TieringConfig, buffers: ColumnBuffers = FRESH): IngestResult {
  const issues = new IssueList();
  const dateOrder = config.dateOrder ?? 'auto';
  const given = config.columns ?? { orders: {}, customers: {} };
  // Title rows above the header and a totals row below the data are cut off (and said).
  const { tables, notes } = locatedTables(input, given);
  const hasOrders = !!tables.orders && cellsOf(tables.orders).rows > 0;
  const hasCustomers = !!tables.customers && cellsOf(tables.customers).rows > 0;
  if (!tables.orders && !tables.customers) throwError('no_input', {});
  for (const table of ['orders', 'customers'] as const) {
    const grid = tables[table];
    for (const note of grid?.readIssues ?? []) issues.add({ table, sheet: grid!.name, row: 0, column: '', value: '', code: note.code, severity: note.severity, params: note.params });
  }

  let orders: OrdersIngest | null = null;
  let orderPlace: GridPlace | null = null;
  let orderHeaders: string[] = [];
  if (tables.orders) {
    if (!hasOrders) throwError('no_valid_rows', { table: 'orders', sheet: tables.orders.name, rows: 0 });
    orderHeaders = headerTexts(tables.orders);
    orderPlace = placeOf(tables.orders, 'orders', orderHeaders);
    orders = ingestOrders(tables.orders, orderPlace, given.orders ?? {}, dateOrder, issues, undefined, buffers);
    if (orders.data.n === 0) throwError('no_valid_rows', { table: 'orders', sheet: tables.orders.name, rows: orders.rows });
    orders.data.habits = readHabits(tables.orders, orders.columns, orders.data, orderPlace.headerRow);
  }

  let customers: CustomersIngest | null = null;
  let customerHeaders: string[] = [];
  if (tables.customers && hasCustomers) {
    customerHeaders = headerTexts(tables.customers);
    const place = placeOf(tables.customers, 'customers', customerHeaders);
    customers = ingestCustomers(tables.customers, place, given.customers ?? {}, dateOrder, issues);
    if (customers.data.n === 0) {
      if (!orders) throwError('no_valid_rows', { table: 'customers', sheet: tables.customers.name, rows: cellsOf(tables.customers).rows - 1 });
      issues.add({ table: 'customers', sheet: tables.customers.name, row: 0, column: '', value: '', code: 'customers_empty', severity: 'warning' });
      customers = null;
    }
  } else if (tables.customers && !orders) {
    throwError('no_valid_rows', { table: 'customers', sheet: tables.customers.name, rows: 0 });
  }

  if (orders && customers && orderPlace) reportUnknownCustomers(orders, customers, orderPlace, issues);

  const dateFormats: Record<string, string> = {};
  if (orders) dateFormats[orderHeaders[orders.columns.orderDate]] = orders.dateFormat;
  if (customers) Object.assign(dateFormats, customers.dateFormats);
  const list = issues.finish();
  return {
    orders: orders ? orders.data : null,
    customers: customers ? customers.data : null,
    issues: list,
    mapping: {
      orders: orders ? mappingOf(orderHeaders, orders.columns) : {},
      customers: customers ? mappingOf(customerHeaders, customers.columns) : {},
    },
    dateFormats,
    orderRows: orders ? orders.rows : 0,
    issuesTotal: issues.total,
    rowsWithIssues: issues.rowsWithIssues,
    notes: sourceNotes(notes, orders, customers),
  };
}

/** One warning per order customer id missing from the customer list, at its first order row. */
function reportUnknownCustomers(orders: OrdersIngest, customers: CustomersIngest, place: GridPlace, issues: IssueList): void {
  const known = new Set(customers.data.customer);
  const { customerKeys, customerCode, sourceRow } = orders.data;
  if (!customerKeys || !customerCode) return;
  const unknown = new Uint8Array(customerKeys.length);
  let any = false;
  for (let c = 0; c < customerKeys.length; c++) {
    if (!known.has(customerKeys[c])) {
      unknown[c] = 1;
      any = true;
    }
  }
  if (!any) return;
  // Rows are in sheet order, so the first row seen per code is its first order.
  const col = orders.columns.customerId;
  for (let i = 0; i < orders.data.n; i++) {
    const c = customerCode[i];
    if (unknown[c] === 1) {
      unknown[c] = 0;
      issues.cell(place, sourceRow[i] - place.headerRow, col, customerKeys[c], 'unknown_customer', 'warning');
    }
  }
}
