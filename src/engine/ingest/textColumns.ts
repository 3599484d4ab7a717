// How ingest reads any grid's cells: a sheet's rows, or a text file's columns (GridColumns). A
// million order lines as rows were a million arrays (most of the reader's memory and of the
// garbage collector's work); as columns they are three arrays, and the rows are built only if
// something asks for `values` (the customers table, the pane), never on the orders path.
import { lazyProperty } from '../lazy';
import type { GridColumns, SourceGrid } from '../types';

/** Cells by (row, column), row 0 the header; a cell past the end of its row is undefined. */
export interface GridCells {
  /** Rows, the header row included. */
  readonly rows: number;
  cell(r: number, c: number): unknown;
  /** Rewrites a cell that is there (a text grid's cells are its reader's own, see decimalComma.ts). */
  set(r: number, c: number, v: string): void;
  /** Row r as an array (for the few rows layout and header detection look at). */
  row(r: number): readonly unknown[] | undefined;
}

class RowCells implements GridCells {
  constructor(private readonly values: SourceGrid['values']) {}

  get rows(): number {
    return this.values.length;
  }

  cell(r: number, c: number): unknown {
    return this.values[r]?.[c];
  }

  set(r: number, c: number, v: string): void {
    const row = this.values[r] as unknown[] | undefined;
    if (row) row[c] = v;
  }

  row(r: number): readonly unknown[] | undefined {
    return this.values[r];
  }
}

class ColumnCells implements GridCells {
  readonly rows: number;
  private readonly cols: (string | undefined)[][];

  constructor(columns: GridColumns) {
    this.rows = columns.rows;
    this.cols = columns.cols;
  }

  cell(r: number, c: number): unknown {
    const col = this.cols[c];
    return col === undefined ? undefined : col[r];
  }

  set(r: number, c: number, v: string): void {
    this.cols[c][r] = v;
  }

  row(r: number): string[] | undefined {
    return r >= 0 && r < this.rows ? rowOf(this.cols, r) : undefined;
  }
}

/** Row r of columns: its cells up to the last one the line had. */
function rowOf(cols: (string | undefined)[][], r: number): string[] {
  let width = cols.length;
  while (width > 1 && cols[width - 1][r] === undefined) width--;
  const row = new Array<string>(width);
  for (let c = 0; c < width; c++) row[c] = cols[c][r] ?? '';
  return row;
}

/** The cells of a grid, by its columns when it has them. */
export function cellsOf(grid: SourceGrid): GridCells {
  return grid.columns ? new ColumnCells(grid.columns) : rowCells(grid.values);
}

/** Rows of cells (a sheet's `values`) as GridCells. */
export function rowCells(values: SourceGrid['values']): GridCells {
  return new RowCells(values);
}

/** Columns as rows (what the row reader gives for the same text). */
export function columnsToRows(columns: GridColumns): string[][] {
  const rows = new Array<string[]>(columns.rows);
  for (let r = 0; r < columns.rows; r++) rows[r] = rowOf(columns.cols, r);
  return rows;
}

/**
 * A grid of `columns` whose `values` are built from them on first read. From then on the rows
 * are the one copy (the columns are dropped), so a change to either is never lost to the other.
 */
export function columnGrid<T extends Omit<SourceGrid, 'values' | 'columns'>>(base: T, columns: GridColumns): T & SourceGrid {
  const grid = { ...base, columns } as T & SourceGrid;
  lazyProperty(
    grid,
    'values',
    () => columnsToRows(columns),
    () => delete grid.columns,
  );
  return grid;
}

/** The grid cut to rows from..to-1 (row `from` its new header row at sheet row `headerRow`), rows or columns as it holds them. */
export function gridRows(grid: SourceGrid, from: number, to: number, headerRow: number): SourceGrid {
  if (!grid.columns) return { ...grid, headerRow, values: grid.values.slice(from, to) };
  const base: Record<string, unknown> = {};
  // Not a spread: that would read `values` and build every row.
  for (const key of Object.keys(grid)) if (key !== 'values' && key !== 'columns') base[key] = (grid as unknown as Record<string, unknown>)[key];
  const { cols, rows } = grid.columns;
  const end = Math.min(to, rows);
  const cut: GridColumns = { rows: Math.max(end - from, 0), cols: cols.map((col) => col.slice(from, end)) };
  return columnGrid({ ...(base as Omit<SourceGrid, 'values' | 'columns'>), headerRow }, cut);
}
