// Data issues: collected with a cap (huge bad files must not make a huge issue list), and
// rendered for people: where (A1 address), what is wrong, what to do.
import { t, tryT, type Locale, type Params } from '../../i18n';
import type { DataIssue } from '../types';
import { cellText, columnLetter } from './cells';

/** At most this many issues are kept; all are counted (see IssueList.finish). */
export const ISSUE_CAP = 10000;

export class IssueList {
  readonly items: DataIssue[] = [];
  total = 0;
  constructor(readonly cap = ISSUE_CAP) {}

  /** Sheet rows with an error or warning, per table (counted for every issue, kept or not). */
  private readonly rows = { orders: new Set<number>(), customers: new Set<number>() };

  add(issue: DataIssue): void {
    this.total++;
    if (issue.row > 0 && issue.severity !== 'info') this.rows[issue.table].add(issue.row);
    if (this.items.length < this.cap) this.items.push(issue);
  }

  get rowsWithIssues(): number {
    return this.rows.orders.size + this.rows.customers.size;
  }

  /** A cell issue, built only while under the cap (a million bad rows must not make a million objects). */
  cell(place: GridPlace, gridRow: number, colIndex: number, value: unknown, code: string, severity: DataIssue['severity'], params?: Params): void {
    // A "blank" cell that is a formula nobody calculated is reported as that, not as empty.
    const formula = place.uncalculated && BLANK_CODES.has(code) ? place.uncalculated.get(`${gridRow},${colIndex}`) : undefined;
    if (formula !== undefined) {
      code = 'formula_no_value';
      params = { ...params, formula };
    }
    this.total++;
    if (gridRow > 0 && severity !== 'info') this.rows[place.table].add(place.headerRow + gridRow);
    if (this.items.length < this.cap) this.items.push(cellIssue(place, gridRow, colIndex, value, code, severity, params));
  }

  /** The kept issues, plus one 'issues_truncated' info issue when some were left off. */
  finish(): DataIssue[] {
    if (this.total <= this.items.length) return this.items;
    const shown = this.items.length;
    return [
      ...this.items,
      { table: 'orders', sheet: '', row: 0, column: '', value: '', code: 'issues_truncated', severity: 'info', params: { total: this.total, shown } },
    ];
  }
}

/** Where a grid's cells are, for issue positions. */
export interface GridPlace {
  table: 'orders' | 'customers';
  sheet: string;
  /** 1-based sheet row of the header row. */
  headerRow: number;
  /** 0-based sheet column of the grid's first column. */
  firstColumn: number;
  headers: readonly string[];
  /** The grid's formula cells without a saved result ("gridRow,gridCol" → formula), if any. */
  uncalculated?: ReadonlyMap<string, string>;
}

const BLANK_CODES = new Set(['amount_blank', 'date_blank', 'id_blank']);

/** An issue about one cell: `gridRow` indexes grid.values (the header row is 0). */
export function cellIssue(
  place: GridPlace,
  gridRow: number,
  colIndex: number,
  value: unknown,
  code: string,
  severity: DataIssue['severity'],
  params?: Params,
): DataIssue {
  const issue: DataIssue = {
    table: place.table,
    sheet: place.sheet,
    row: place.headerRow + gridRow,
    column: colIndex >= 0 ? (place.headers[colIndex] ?? '') : '',
    value: cellText(value),
    code,
    severity,
  };
  if (colIndex >= 0) issue.col = place.firstColumn + colIndex;
  if (params) issue.params = params;
  return issue;
}

/** An issue about a whole column (row 0). */
export function columnIssue(
  place: GridPlace,
  colIndex: number,
  value: unknown,
  code: string,
  severity: DataIssue['severity'],
  params?: Params,
): DataIssue {
  return cellIssue(place, -place.headerRow, colIndex, value, code, severity, params);
}

function sheetRef(name: string): string {
  return /^[A-Za-z0-9_\u3400-\u9fff]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** An issue in words: where (e.g. "Orders!C17"), the problem, and what to do about it. */
export function describeIssue(issue: DataIssue, locale: Locale): { where: string; problem: string; action: string } {
  const sheet = issue.sheet || t(locale, `ingest.table.${issue.table}`);
  const params: Params = { value: issue.value, column: issue.column, row: issue.row, sheet, ...(issue.params ?? {}) };
  let where: string;
  if (issue.col !== undefined) {
    const letter = columnLetter(issue.col);
    where = issue.row > 0 ? `${sheetRef(sheet)}!${letter}${issue.row}` : `${sheetRef(sheet)}!${letter}:${letter}`;
    if (issue.row === 0 && issue.column) where += ` (${issue.column})`;
  } else if (issue.row > 0) {
    where = t(locale, issue.column ? 'issue.where.rowColumn' : 'issue.where.row', params);
  } else {
    where = issue.column ? t(locale, 'issue.where.column', params) : sheet;
  }
  return {
    where,
    problem: tryT(locale, `issue.${issue.code}.problem`, params, issue.code),
    action: tryT(locale, `issue.${issue.code}.action`, params, ''),
  };
}
