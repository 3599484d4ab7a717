// The few operations the app needs from a spreadsheet. Two adapters implement it:
// office/ (Excel JavaScript API) and xlsx/ (ExcelJS). The output plan is a list of
// WriteOps decided once, purely; each adapter carries out the same list.
import type { RangeRef } from '../config/schema';

export type CellValue = string | number | boolean | null;

export interface IoProgress {
  stage: 'reading' | 'writing';
  done: number;
  total: number;
}

export interface IoOptions {
  onProgress?: (p: IoProgress) => void;
  /** Checked between chunks; an aborted signal stops with a CancelledError. */
  signal?: AbortSignal;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export interface SheetInfo {
  name: string;
  visible: boolean;
}

export interface TableInfo {
  name: string;
  sheet: string;
  /** A1 address of the whole table including its header row, e.g. "A1:F120". */
  address: string;
  headers: string[];
}

export interface RangeRead {
  sheet: string;
  /** A1 address of what was read (header row included), e.g. "A1:F120". */
  address: string;
  /** 0-based sheet row and column of the top-left cell. */
  row: number;
  col: number;
  values: CellValue[][];
  /** The range is an Excel table (its columns can be extended as table columns). */
  table?: string;
  dateSystem: 1900 | 1904;
}

export interface ChartSpec {
  /** Unique name, recorded in the registry. */
  name: string;
  type: 'column' | 'bar' | 'pie' | 'pareto';
  title: string;
  /** Category labels and value series as ranges on a sheet (0-based, header excluded). */
  categories: { sheet: string; row: number; col: number; rows: number };
  series: { name: string; sheet: string; row: number; col: number; rows: number; axis?: 'primary' | 'secondary'; kind?: 'column' | 'line' }[];
  /** Where to put it: top-left cell and size in cells. */
  anchor: { row: number; col: number; rows: number; cols: number };
}

export type Fill = string; // "#RRGGBB"

export type WriteOp =
  | { op: 'addSheet'; name: string; tabColor?: Fill }
  | { op: 'deleteSheet'; name: string }
  /** Strings are written as text, never as formulas. */
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
      numberFormat?: string;
    }
  | { op: 'columnWidth'; sheet: string; col: number; cols: number; width: number }
  | { op: 'freeze'; sheet: string; rows: number; cols: number }
  | { op: 'addTable'; sheet: string; row: number; col: number; rows: number; cols: number; name: string; style?: string }
  | { op: 'deleteTable'; name: string }
  /** Adds columns to an existing Excel table (tier columns beside a user's table). */
  | { op: 'addTableColumns'; table: string; headers: string[]; values: CellValue[][] }
  | { op: 'deleteTableColumns'; table: string; headers: string[] }
  | { op: 'colorScale'; sheet: string; row: number; col: number; rows: number; cols: number; low: Fill; high: Fill }
  | { op: 'link'; sheet: string; row: number; col: number; text: string; targetSheet: string; targetCell: string }
  | { op: 'addChart'; sheet: string; chart: ChartSpec }
  | { op: 'deleteChart'; sheet: string; name: string };

export interface WorkbookPort {
  readonly kind: 'office' | 'xlsx';
  listSheets(): Promise<SheetInfo[]>;
  listTables(): Promise<TableInfo[]>;
  /** Names of the charts on a sheet. */
  listCharts(sheet: string): Promise<string[]>;
  /** A sheet's used range, a table, or a named range; chunked under the payload limit. */
  read(ref: RangeRef, opts?: IoOptions): Promise<RangeRead>;
  /** Carries out the ops in order, chunked and batched as the adapter sees fit. */
  write(ops: readonly WriteOp[], opts?: IoOptions): Promise<void>;
  /** Document-level key/value storage (workbook.settings, or a hidden part in .xlsx). */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string | null): Promise<void>;
  /** The user's current selection (office only; the task pane's "use selection"). */
  getSelection?(): Promise<{ sheet: string; address: string } | null>;
  /** Selects a cell or range and shows it (office only; the task pane's data-issue links). */
  select?(sheet: string, address: string): Promise<void>;
}
