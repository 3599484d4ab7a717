// Strict fake Excel host: see install.ts for the entry points. No Node built-ins and no jest
// globals here — the task pane's browser tests bundle this folder with webpack.
export { createFakeExcel, installFakeOffice, workbookFromGrids } from './install';
export type { Batch, FakeExcel, FakeOptions, GridSheet, GridValue, InstalledFake, WorkbookExtras } from './install';
export { snapshotWorkbook, valuesOf, sheetValues } from './snapshot';
export type { SheetSnapshot, WorkbookSnapshot, SnapValue } from './snapshot';
export { emptyWorkbook, findSheet, findTable } from './model';
export type { FakeWorkbookData, SheetData, TableData } from './model';
export { PAYLOAD_LIMIT } from './context';
export type { FakeStats, SyncRecord } from './context';
export { FakeOfficeError, ErrorCodes } from './errors';
export { MAX_ROWS, MAX_COLS } from './address';
export type { ExcelContext } from './objects';
