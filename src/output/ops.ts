// The plan's vocabulary: what to write, decided once and purely. The workbook port
// re-exports these as WriteOp/ChartSpec and both adapters carry them out as given: every
// choice (text clean-up, colours, names) is made here in src/output, none in an adapter.
export type CellValue = string | number | boolean | null;
export type Fill = string; // "#RRGGBB"

export interface ChartSpec {
  name: string;
  type: 'column' | 'bar' | 'pie' | 'pareto' | 'line';
  title: string;
  categories: { sheet: string; row: number; col: number; rows: number };
  series: { name: string; sheet: string; row: number; col: number; rows: number; axis?: 'primary' | 'secondary'; kind?: 'column' | 'line' }[];
  anchor: { row: number; col: number; rows: number; cols: number };
  /** Axis titles: categories (x), values (y), the secondary value axis (y2). */
  axisTitles?: { x?: string; y?: string; y2?: string };
  /** Show each bar's value on it. */
  dataLabels?: boolean;
}

export type PlanOp =
  | { op: 'addSheet'; name: string; tabColor?: Fill }
  | { op: 'deleteSheet'; name: string }
  /** Strings are written as text, never as formulas; they arrive clean (cells.ts cleanOps). */
  | { op: 'values'; sheet: string; row: number; col: number; values: CellValue[][] }
  | { op: 'clear'; sheet: string; row: number; col: number; rows: number; cols: number }
  | {
      op: 'format';
      sheet: string;
      row: number;
      col: number;
      rows: number;
      cols: number;
      fill?: Fill;
      fontColor?: Fill;
      bold?: boolean;
      underline?: boolean;
      numberFormat?: string;
      /** Horizontal alignment (headers over numbers are right-aligned like their numbers). */
      align?: 'left' | 'center' | 'right';
      /** Indent levels from the left edge: text beside a column of right-aligned numbers keeps a gap from them. */
      indent?: number;
    }
  /**
   * With `onlyStandard`, only the columns still at the sheet's standard width change: on a
   * user's sheet a width or column format they gave is kept (the tier block's columns).
   */
  | { op: 'columnWidth'; sheet: string; col: number; cols: number; width: number; onlyStandard?: boolean }
  /**
   * Columns back to the sheet's standard width where they still have `width`, the width a tier
   * block gave them (a width the user set since, or had before, stays).
   */
  | { op: 'standardWidth'; sheet: string; col: number; cols: number; width: number }
  | { op: 'freeze'; sheet: string; rows: number; cols: number }
  /** Rows hidden from view (still read): the machine keys of a sheet of ours, never a user's rows. */
  | { op: 'hideRows'; sheet: string; row: number; rows: number }
  | { op: 'addTable'; sheet: string; row: number; col: number; rows: number; cols: number; name: string; style?: string }
  | { op: 'deleteTable'; name: string }
  | { op: 'addTableColumns'; table: string; headers: string[]; values: CellValue[][] }
  | { op: 'deleteTableColumns'; table: string; headers: string[] }
  /**
   * A three-colour scale on the range, replacing the conditional formats within it (a refresh
   * leaves one scale, not two): the lowest value gets `low`, the value at the `midPercentile`th
   * percentile gets `mid`, the highest gets `high`, and Excel blends in between.
   */
  | { op: 'colorScale'; sheet: string; row: number; col: number; rows: number; cols: number; low: Fill; mid: Fill; midPercentile: number; high: Fill }
  /** A link to a cell of this workbook; the text is written into the cell. How it looks is a format op. */
  | { op: 'link'; sheet: string; row: number; col: number; text: string; targetSheet: string; targetCell: string }
  | { op: 'addChart'; sheet: string; chart: ChartSpec }
  | { op: 'deleteChart'; sheet: string; name: string };
