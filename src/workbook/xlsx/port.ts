// WorkbookPort over an ExcelJS workbook (Node: CLI, demo, tests). Settings and charts are
// kept in our own package parts (package.ts); reading is read.ts, writing write.ts.
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { RangeRef } from '../../config/schema';
import type { IoOptions, RangeRead, SheetInfo, TableInfo, WorkbookPort, WriteOp } from '../port';
import { WorkbookError } from '../errors';
import { findSheet, sheetOf, type Book } from './book';
import { plainValue } from './cells';
import { extractOwnParts, injectOwnParts, type OwnParts } from './package';
import { listSheets, listTables, readRange } from './read';
import { normalizeTables } from './tables';
import { writeOps } from './write';

export class XlsxPort implements WorkbookPort, Book {
  readonly kind = 'xlsx' as const;
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly own: OwnParts,
  ) {}

  static create(): XlsxPort {
    return new XlsxPort(new ExcelJS.Workbook(), { settings: new Map(), charts: new Map() });
  }

  static async fromBuffer(buf: Buffer | ArrayBuffer | Uint8Array): Promise<XlsxPort> {
    const { cleaned, own } = await extractOwnParts(buf);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((cleaned ?? buf) as unknown as ExcelJS.Buffer);
    normalizeTables(wb);
    return new XlsxPort(wb, own);
  }

  /** A workbook file; one that is not an .xlsx package is a WorkbookError 'fileUnreadable'. */
  static async fromFile(file: string): Promise<XlsxPort> {
    const bytes = await fs.readFile(file);
    try {
      return await XlsxPort.fromBuffer(bytes);
    } catch (e) {
      throw new WorkbookError('fileUnreadable', { file: path.basename(file), reason: e instanceof Error ? e.message : String(e) });
    }
  }

  async toBuffer(): Promise<Buffer> {
    const raw = await this.workbook.xlsx.writeBuffer();
    return injectOwnParts(raw as ArrayBuffer, this.own, (sheet, row, col) => {
      const ws = findSheet(this.workbook, sheet);
      return ws ? plainValue(ws.getCell(row + 1, col + 1).value, this.dateSystem) : null;
    });
  }

  async save(file: string): Promise<void> {
    await fs.writeFile(file, await this.toBuffer());
  }

  get dateSystem(): 1900 | 1904 {
    return this.workbook.properties?.date1904 ? 1904 : 1900;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return listSheets(this);
  }

  async listTables(): Promise<TableInfo[]> {
    return listTables(this);
  }

  async listCharts(sheet: string): Promise<string[]> {
    return (this.own.charts.get(sheetOf(this.workbook, sheet).name) ?? []).map((c) => c.name);
  }

  async read(ref: RangeRef, opts: IoOptions = {}): Promise<RangeRead> {
    return readRange(this, ref, opts);
  }

  async write(ops: readonly WriteOp[], opts: IoOptions = {}): Promise<void> {
    writeOps(this, ops, opts);
  }

  async getSetting(key: string): Promise<string | null> {
    return this.own.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string | null): Promise<void> {
    if (value === null) this.own.settings.delete(key);
    else this.own.settings.set(key, value);
  }
}
