// The order amount: a mapped amount column, or — order lines as most ERPs and shops export
// them — quantity × unit price, less a discount column when there is one. A discount is an
// amount of money taken off the line (negative or positive, it is taken off: 优惠 -5 and
// 优惠 5 both mean 5 less). A discount written as a rate (0.9, 90%, 9折) says nothing about the
// money without knowing what it applies to, so it is never guessed: a rate in a cell leaves the
// row out with an issue, a whole column of rates stops the run saying what to do.
import { isBlank, type AnyCell } from './cells';
import { throwError } from './grid';
import { HEADER_EXAMPLES } from './headers';
import type { GridPlace, IssueList } from './issues';
import { cellToNumber, numberFailure } from './numbers';
import type { GridCells } from './textColumns';

export type AmountPlan =
  | { kind: 'column'; col: number }
  | { kind: 'computed'; quantity: number; unitPrice: number; discount: number };

/** How the amount is read, from the resolved columns; no way to get one is 'missing_column', a discount column of rates 'discount_is_rate'. */
export function planAmount(cols: Record<string, number>, place: GridPlace, cells: GridCells): AmountPlan {
  if (cols.amount !== undefined) return { kind: 'column', col: cols.amount };
  if (cols.quantity !== undefined && cols.unitPrice !== undefined) {
    if (cols.discount !== undefined) checkDiscountColumn(cells, cols.discount, place);
    return { kind: 'computed', quantity: cols.quantity, unitPrice: cols.unitPrice, discount: cols.discount ?? -1 };
  }
  throwError('missing_column', {
    table: place.table,
    sheet: place.sheet,
    column: 'amount',
    expected: `${HEADER_EXAMPLES.amount}; ${HEADER_EXAMPLES.quantity} + ${HEADER_EXAMPLES.unitPrice}`,
    headers: place.headers,
  });
}

/** A discount written as a rate: "90%", "9折", "9.5 折", "八折". */
const RATE_TEXT = /%\s*$|折\s*$|^\s*[0-9.]+\s*折/;

export function isRateText(v: unknown): boolean {
  return typeof v === 'string' && RATE_TEXT.test(v.normalize('NFKC'));
}

/**
 * A discount column whose every non-zero number lies strictly between 0 and 1 holds rates
 * (Excel's 90% is the number 0.9), not amounts: the run stops with 'discount_is_rate'.
 */
export function checkDiscountColumn(cells: GridCells, col: number, place: GridPlace): void {
  let seen = 0;
  let example: number | null = null;
  for (let i = 1; i < cells.rows; i++) {
    const x = cellToNumber(cells.cell(i, col) as AnyCell);
    if (x !== x || x === 0) continue;
    if (Math.abs(x) >= 1) return;
    seen++;
    example ??= x;
  }
  if (seen > 0) throwError('discount_is_rate', { sheet: place.sheet, column: place.headers[col], value: String(example) });
}

/** Row r's computed amount, NaN when quantity or unit price is not a number or the discount is unusable. */
export function computedAmount(cells: GridCells, r: number, plan: Extract<AmountPlan, { kind: 'computed' }>): number {
  const q = cellToNumber(cells.cell(r, plan.quantity) as AnyCell);
  const p = cellToNumber(cells.cell(r, plan.unitPrice) as AnyCell);
  let d = 0;
  if (plan.discount >= 0) {
    const cell = cells.cell(r, plan.discount) as AnyCell;
    if (!isBlank(cell)) d = cellToNumber(cell);
  }
  // Rounded to cents of cents: 3 × 19.9 is 59.7, not 59.699999999999996.
  return Math.round((q * p - Math.abs(d)) * 1e4) / 1e4;
}

/** Issues of a row whose computed amount is NaN: each cell at fault, in the user's header words. */
export function reportComputedFailure(place: GridPlace, row: readonly unknown[], r: number, plan: Extract<AmountPlan, { kind: 'computed' }>, issues: IssueList): void {
  for (const col of [plan.quantity, plan.unitPrice]) {
    const v = row[col] as AnyCell;
    if (cellToNumber(v) === cellToNumber(v)) continue;
    const why = numberFailure(v);
    const code = why === 'excel_error' ? 'excel_error' : why === 'blank' ? 'line_value_blank' : 'line_value_not_number';
    issues.cell(place, r, col, v, code, 'error', { column: place.headers[col] });
  }
  if (plan.discount < 0) return;
  const v = row[plan.discount] as AnyCell;
  if (isBlank(v) || cellToNumber(v) === cellToNumber(v)) return;
  const code = isRateText(v) ? 'discount_rate' : numberFailure(v) === 'excel_error' ? 'excel_error' : 'line_value_not_number';
  issues.cell(place, r, plan.discount, v, code, 'error', { column: place.headers[plan.discount] });
}

/** The note saying how the amount was read, in the user's header words. */
export function amountNote(plan: AmountPlan, headers: readonly string[]): { code: string; params: Record<string, string> } {
  if (plan.kind === 'column') return { code: 'amount_from_column', params: { column: headers[plan.col] } };
  const base = { quantity: headers[plan.quantity], unitPrice: headers[plan.unitPrice] };
  return plan.discount >= 0
    ? { code: 'amount_computed_discount', params: { ...base, discount: headers[plan.discount] } }
    : { code: 'amount_computed', params: base };
}
