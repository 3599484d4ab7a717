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
  /** The rows themselves when the grid holds rows (a loop over a million cells reads them without a call per cell). */
  readonly sheetRows?: SourceGrid['values'];
  cell(r: number, c: number): unknown;
  /** Rewrites a cell that is there (a text grid's cells are its reader's own, see decimalComma.ts). */
  set(r: number, c: number, v: string): void;
  /** Row r as an array (for the few rows layout and header detection look at). */
  row(r: number): readonly unknown[] | undefined;
}

class RowCells implements GridCells {
  constructor(private readonly values: SourceGrid['values']) {}

  get sheetRows(): SourceGrid['values'] {
    return this.values;
  }

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
  private readonly text: string;
  private readonly starts: Int32Array[];
  private readonly ends: Int32Array[];
  private readonly edits: (Map<number, string> | undefined)[];

  constructor(columns: GridColumns) {
    this.rows = columns.rows;
    this.text = columns.text;
    this.starts = columns.starts;
    this.ends = columns.ends;
    this.edits = columns.edits;
  }

  cell(r: number, c: number): string | undefined {
    const starts = this.starts[c];
    if (starts === undefined || r < 0 || r >= this.rows) return undefined;
    const at = starts[r];
    if (at < 0) return undefined;
    const edits = this.edits[c];
    if (edits !== undefined) {
      const v = edits.get(r);
      if (v !== undefined) return v;
    }
    return this.text.slice(at, this.ends[c][r]);
  }

  set(r: number, c: number, v: string): void {
    (this.edits[c] ??= new Map()).set(r, v);
  }

  row(r: number): string[] | undefined {
    if (r < 0 || r >= this.rows) return undefined;
    let width = this.starts.length;
    while (width > 1 && this.starts[width - 1][r] < 0) width--;
    const row = new Array<string>(width);
    for (let c = 0; c < width; c++) row[c] = this.cell(r, c) ?? '';
    return row;
  }
}

/** The cells of a grid, by its columns when it has them. */
export function cellsOf(grid: SourceGrid): GridCells {
  return grid.columns ? new ColumnCells(grid.columns) : rowCells(grid.values);
}

/** Rows of cells (a sheet's `values`) as GridCells. */
export function rowCells(values: SourceGrid['values']): GridCells {
  return new RowCells(values);
}

/**
 * Distinct values a column's table holds before it gives up: small enough to stay in cache
 * (a lookup in a table of 100,000 ids cost more than the string it saved); dates and
 * categories fit, ids and amounts stop early.
 */
const DEDUPE_LIMIT = 4096;

/**
 * Columns as rows (what the row reader gives for the same text). Repeated cells of a column are
 * one string: a table of orders holds about a thousand dates, and a string per cell was a fifth
 * of the rows' memory.
 */
export function columnsToRows(columns: GridColumns): string[][] {
  const cells = new ColumnCells(columns);
  const seen: (Map<string, string> | null)[] = columns.starts.map(() => new Map());
  const rows = new Array<string[]>(columns.rows);
  for (let r = 0; r < columns.rows; r++) {
    const row = cells.row(r)!;
    for (let c = 0; c < row.length; c++) {
      const m = seen[c];
      if (m === null) continue;
      const old = m.get(row[c]);
      if (old !== undefined) row[c] = old;
      else if (m.size < DEDUPE_LIMIT) m.set(row[c], row[c]);
      else seen[c] = null;
    }
    rows[r] = row;
  }
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
  const { text, rows, starts, ends, edits } = grid.columns;
  const end = Math.max(Math.min(to, rows), from);
  const cut: GridColumns = {
    text,
    rows: end - from,
    starts: starts.map((s) => s.subarray(from, end)),
    ends: ends.map((e) => e.subarray(from, end)),
    edits: edits.map((m) => (m ? new Map([...m].filter(([r]) => r >= from && r < end).map(([r, v]) => [r - from, v])) : undefined)),
  };
  return columnGrid({ ...(base as Omit<SourceGrid, 'values' | 'columns'>), headerRow }, cut);
}
