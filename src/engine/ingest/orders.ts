// Order grid → OrderData. One pass over the rows writing into preallocated typed arrays; the
// date column is parsed column-wise first (its d/m order is a column decision). Issues are
// built only for rows that have a problem.
import type { OrderData, SourceGrid } from '../types';
import { isExcelError, normalizeId, type AnyCell } from './cells';
import { DATE_BLANK, DATE_EXCEL_ERROR, DATE_OK, parseDateGridColumn, type DateColumn, type DateOrder } from './dates';
import { resolveColumns, rowIsBlank } from './grid';
import { columnIssue, type GridPlace, type IssueList } from './issues';
import { StringInterner } from './intern';
import { cellToNumber, numberFailure } from './numbers';
import { settleDecimalCommas } from './decimalComma';
import { DATE_OUTLIER, reportOutlierDates, todayDay } from './dateOutliers';
import { amountNote, computedAmount, planAmount, reportComputedFailure, type AmountPlan } from './amounts';
import { OrderNames } from './orderNames';
import type { GridNote } from './layout';
import { lazyProperty } from '../lazy';
import { cellsOf, type GridCells } from './textColumns';
import { FRESH, type ColumnBuffers } from '../scratch';

export interface OrdersIngest {
  data: OrderData;
  /** Data rows that are not entirely blank. */
  rows: number;
  /** Column index per mapping key. */
  columns: Record<string, number>;
  dateFormat: string;
  /** How the amount was read and names taken, for the run's notes. */
  notes: GridNote[];
}

/** Column-level date issues: undecidable d/m order, conflicting evidence, mixed formats. */
export function reportDateColumn(place: GridPlace, col: number, dates: DateColumn, issues: IssueList): void {
  if (dates.ambiguous) issues.add(columnIssue(place, col, dates.ambiguousExample, 'date_ambiguous', 'warning', { order: dates.order ?? 'mdy' }));
  if (dates.conflict) issues.add(columnIssue(place, col, '', 'date_order_conflict', 'warning', { order: dates.order ?? 'mdy' }));
  if (dates.format.includes('+')) issues.add(columnIssue(place, col, '', 'date_formats_mixed', 'info', { formats: dates.format }));
}

export function ingestOrders(grid: SourceGrid, place: GridPlace, given: Record<string, string | undefined>, dateOrder: DateOrder, issues: IssueList, today = todayDay(), buffers: ColumnBuffers = FRESH): OrdersIngest {
  const cols = resolveColumns([...place.headers], 'orders', given, grid.name, ['customerId', 'orderDate'], place.firstColumn);
  const cells = cellsOf(grid);
  const plan = planAmount(cols, place, cells);
  const ci = cols.customerId;
  const di = cols.orderDate;
  const ai = plan.kind === 'column' ? plan.col : -1;
  const names = cols.customerName !== undefined ? new OrderNames(cols.customerName) : null;
  const pi = cols.profit ?? -1;
  const oi = cols.orderId ?? -1;
  const qi = cols.quantity ?? -1;

  const n = Math.max(cells.rows - 1, 0);
  if (grid.fromText) settleDecimalCommas(cells, plan.kind === 'computed' ? [pi, qi, plan.unitPrice, plan.discount] : [ai, pi, qi], place, issues);
  const dates = parseDateGridColumn(cells, di, { dateSystem: grid.dateSystem ?? 1900, order: dateOrder, buffers });
  reportDateColumn(place, di, dates, issues);
  reportOutlierDates(cells, di, dates, place, issues, today);

  const customerCode = buffers.i32('orders.customerCode', n);
  // Small start: structured ids bypass the hash table, which grows only for the others.
  const interner = new StringInterner(Math.min(n, 1 << 12));
  const customerKeys = interner.keys;
  // Kept rows are compacted in place into the parsed days (k <= i always): no second 8 MB array.
  const day = dates.days;
  const amount = buffers.f64('orders.amount', n);
  // Allocated at the first row left out: until then kept row k is sheet row headerRow + k + 1,
  // and when no row is left out (the usual case) the column is built only if read.
  let sourceRow: Int32Array | null = null;
  const profit = pi >= 0 ? new Float64Array(n) : null;
  const quantity = qi >= 0 ? new Float64Array(n) : null;
  const orderId = oi >= 0 ? new Array<string>(n) : null;
  const headerRow = place.headerRow;
  let k = 0;
  let rows = 0;
  // Locals: under tsx (the benchmarks) every read of an imported binding is a getter call.
  const [idOf, numberOf] = [normalizeId, cellToNumber];

  for (let i = 0; i < n; i++) {
    const r = i + 1;
    const idCell = cells.cell(r, ci) as AnyCell;
    // An id stored as a number is interned by its value: no string per row (see internNumber).
    const id = typeof idCell === 'number' && Number.isFinite(idCell) ? null : idOf(idCell);
    const amt = ai >= 0 ? numberOf(cells.cell(r, ai) as AnyCell) : computedAmount(cells, r, plan as Extract<AmountPlan, { kind: 'computed' }>);
    const d = day[i];
    // Slow path: something is wrong (or the row is empty).
    if (id === '' || amt !== amt || d !== d || (id !== null && id.charCodeAt(0) === 35 && isExcelError(id))) {
      const row = cells.row(r);
      if (rowIsBlank(row)) continue;
      rows++;
      reportBadRow(place, row!, r, ci, plan, di, id ?? idOf(idCell), amt, dates.errors[i], issues);
      continue;
    }
    rows++;
    const code = id === null ? interner.internNumber(idCell as number) : interner.intern(id);
    if (names) names.see(code, cells.cell(r, names.col));
    customerCode[k] = code;
    day[k] = d;
    amount[k] = amt;
    if (sourceRow) sourceRow[k] = headerRow + r;
    else if (k !== i) {
      sourceRow = new Int32Array(n);
      for (let q = 0; q < k; q++) sourceRow[q] = headerRow + q + 1;
      sourceRow[k] = headerRow + r;
    }
    if (profit) profit[k] = optionalNumber(place, cells, r, pi, 'profit_not_number', issues);
    if (quantity) quantity[k] = optionalNumber(place, cells, r, qi, 'number_not_number', issues);
    if (orderId) orderId[k] = orderIdAt(place, cells, r, oi, issues);
    k++;
  }

  if (orderId) orderId.length = k;
  const data = withLazyColumns(trimmed({ n: k, day, amount, profit, orderId, sourceRow, quantity, customerCode, customerKeys }, n), headerRow);
  return { data, rows, columns: cols, dateFormat: dates.format, notes: readingNotes(data, plan, names, place) };
}

/** How the amount was read and where names came from (names are set on the data here). */
function readingNotes(data: OrderData, plan: AmountPlan, names: OrderNames | null, place: GridPlace): GridNote[] {
  const notes: GridNote[] = plan.kind === 'computed' ? [amountNote(plan, place.headers)] : [];
  if (names && data.customerKeys) {
    data.customerName = names.names(data.customerKeys.length);
    notes.push(...names.notes(place, data.customerKeys));
  }
  return notes;
}

/** The kept rows' arrays cut to length k (no copy when every row was kept). */
function trimmed(d: EagerOrderData, n: number): EagerOrderData {
  const k = d.n;
  const cut = <A extends Float64Array | Int32Array>(a: A): A => (k === n ? a : (a.slice(0, k) as A));
  return {
    ...d,
    day: cut(d.day),
    amount: cut(d.amount),
    profit: d.profit && cut(d.profit),
    sourceRow: d.sourceRow && cut(d.sourceRow),
    quantity: d.quantity && cut(d.quantity),
    customerCode: cut(d.customerCode),
  };
}

type EagerOrderData = Omit<OrderData, 'customer' | 'sourceRow'> & { sourceRow: Int32Array | null; customerCode: Int32Array; customerKeys: string[] };

/**
 * Adds `customer` (the id per row) as a property built on first read from the interned codes,
 * and `sourceRow` likewise when no row was left out (row k is sheet row headerRow + k + 1): the
 * kernels work on customerCode, so the arrays of a million ids and row numbers (and the garbage
 * collection they cost) are made only for a consumer that reads them. After the first read or
 * a write they are ordinary data properties.
 */
function withLazyColumns(data: EagerOrderData, headerRow: number): OrderData {
  lazyProperty(data, 'customer', () => {
    const { n, customerCode, customerKeys } = data;
    const ids = new Array<string>(n);
    for (let i = 0; i < n; i++) ids[i] = customerKeys[customerCode[i]];
    return ids;
  });
  if (data.sourceRow === null) {
    lazyProperty(data, 'sourceRow', () => {
      const rows = new Int32Array(data.n);
      for (let i = 0; i < rows.length; i++) rows[i] = headerRow + i + 1;
      return rows;
    });
  }
  return data as unknown as OrderData;
}

/** Issues of a row that is left out (every problem of the row, so one fix pass suffices). */
function reportBadRow(
  place: GridPlace,
  row: readonly unknown[],
  r: number,
  ci: number,
  plan: AmountPlan,
  di: number,
  id: string,
  amt: number,
  dateStatus: number,
  issues: IssueList,
): void {
  const idCell = row[ci];
  if (id === '') issues.cell(place, r, ci, idCell, 'id_blank', 'error');
  else if (isExcelError(id)) issues.cell(place, r, ci, idCell, 'excel_error', 'error');
  if (dateStatus !== DATE_OK && dateStatus !== DATE_OUTLIER) {
    const code = dateStatus === DATE_BLANK ? 'date_blank' : dateStatus === DATE_EXCEL_ERROR ? 'excel_error' : 'date_invalid';
    issues.cell(place, r, di, row[di], code, 'error');
  }
  if (amt !== amt && plan.kind === 'computed') reportComputedFailure(place, row, r, plan, issues);
  else if (amt !== amt && plan.kind === 'column') {
    const ai = plan.col;
    const why = numberFailure(row[ai] as AnyCell);
    const code = why === 'blank' ? 'amount_blank' : why === 'excel_error' ? 'excel_error' : why === 'out_of_range' ? 'amount_out_of_range' : 'amount_not_number';
    issues.cell(place, r, ai, row[ai], code, 'error');
  }
}

/** The order id of row r; a blank one is the row's own order (`#` and its sheet row), with a warning. */
function orderIdAt(place: GridPlace, cells: GridCells, r: number, oi: number, issues: IssueList): string {
  const oid = normalizeId(cells.cell(r, oi) as AnyCell);
  if (oid !== '') return oid;
  issues.cell(place, r, oi, cells.cell(r, oi), 'order_id_blank', 'warning');
  return `#${place.headerRow + r}`;
}

/** Optional number column (profit, quantity): blank → 0; text → 0 with a warning (the row is kept). */
function optionalNumber(place: GridPlace, cells: GridCells, r: number, col: number, code: string, issues: IssueList): number {
  const v = cells.cell(r, col) as AnyCell;
  const x = cellToNumber(v);
  if (x === x) return x;
  const why = numberFailure(v);
  if (why !== 'blank') issues.cell(place, r, col, v, why === 'excel_error' ? 'excel_error' : why === 'out_of_range' ? 'number_out_of_range' : code, 'warning', { column: place.headers[col] });
  return 0;
}
