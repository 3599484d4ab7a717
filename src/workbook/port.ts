// The few operations the app needs from a spreadsheet. Two adapters implement it:
// office/ (Excel JavaScript API) and xlsx/ (ExcelJS). The output plan is a list of
// WriteOps decided once, purely; each adapter carries out the same list.
import type { RangeRef } from '../config/schema';
import type { CellValue, PlanOp as WriteOp } from '../output/ops';

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
  /** 0-based sheet rows of the area that are hidden (by hand or by a filter); still read. */
  hiddenRows?: number[];
  /** Merged areas that meet the area (A1), whose cells but the top-left read blank. */
  merged?: string[];
}

// The ops are the output plan's vocabulary (src/output/ops.ts): decided once, purely,
// and carried out by each adapter.
export type { CellValue, ChartSpec, Fill, PlanOp as WriteOp } from '../output/ops';

export interface WorkbookPort {
  readonly kind: 'office' | 'xlsx';
  listSheets(): Promise<SheetInfo[]>;
  listTables(): Promise<TableInfo[]>;
  /** Names of the charts on a sheet (a missing sheet is a WorkbookError 'sheetNotFound'). */
  listCharts(sheet: string): Promise<string[]>;
  /**
   * A sheet's used range (or the part of an address inside it), a table, or a named range (cut
   * to the used range); chunked under the payload limit. A missing sheet, table or name and an
   * address that is not one are WorkbookErrors, the same from every adapter.
   */
  read(ref: RangeRef, opts?: IoOptions): Promise<RangeRead>;
  /**
   * Refuses, before anything is written, ops the workbook would not take whole: a read-only
   * workbook, protected structure when sheets are added or removed, a protected sheet the ops
   * change, merged cells inside a block they write (WorkbookErrors 'workbookReadOnly',
   * 'workbookProtected', 'sheetProtected', 'targetMerged'). What the ops touch is decided once,
   * for every adapter, by writeTargets (targets.ts). `write` runs the same check first.
   */
  checkWritable?(ops: readonly WriteOp[]): Promise<void>;
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
