// The workbook port over the Excel JavaScript API (task pane and ribbon command).
import type { RangeRef } from '../../config/schema';
import type { IoOptions, RangeRead, SheetInfo, TableInfo, WorkbookPort, WriteOp } from '../port';
import { WorkbookError } from '../errors';
import { localAddress } from './address';
import { officeErrorCode } from './errors';
import { assertExcelSupported, officeIsSetSupported, type IsSetSupported } from './requirements';
import { readRange } from './read';
import { PAYLOAD_LIMIT } from './payload';
import type { AdapterLimits, ExcelRun } from './types';
import { writeOps } from './write';
import { readSetting, writeSetting } from './settings';
import { checkWritable } from './writable';

/** Range.getMergedAreasOrNullObject: read when this Excel has it (the check is skipped before). */
const MERGED_AREAS_API = '1.13';

export interface OfficePortOptions {
  /** Excel.run, or the fake's run in tests. */
  run: ExcelRun;
  /** Office.context.requirements.isSetSupported; checked before the first call. */
  isSetSupported?: IsSetSupported;
  /** Bytes per request and response (default 5 MB, Excel on the web's limit). */
  payloadLimit?: number;
}

export class OfficePort implements WorkbookPort {
  readonly kind = 'office' as const;
  private readonly run: ExcelRun;
  private readonly limits: AdapterLimits;
  private checked = false;

  constructor(private readonly options: OfficePortOptions) {
    this.run = options.run;
    this.limits = { payloadLimit: options.payloadLimit ?? PAYLOAD_LIMIT };
  }

  /** Runs a batch after checking, once, that this Excel has the API the adapter needs. */
  private async excel<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    if (!this.checked) {
      assertExcelSupported(this.options.isSetSupported);
      this.checked = true;
    }
    return this.run(batch);
  }

  listSheets(): Promise<SheetInfo[]> {
    return this.excel(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name,items/visibility');
      await ctx.sync();
      return sheets.items.map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
    });
  }

  listTables(): Promise<TableInfo[]> {
    return this.excel(async (ctx) => {
      const tables = ctx.workbook.tables.load('items/name,items/showHeaders');
      await ctx.sync();
      const parts = tables.items.map((t) => ({
        name: t.name,
        range: t.getRange().load('address'),
        sheet: t.worksheet.load('name'),
        // A table with its header row off has none to load; its names are not on the sheet.
        header: t.showHeaders ? t.getHeaderRowRange().load('values') : null,
      }));
      if (parts.length) await ctx.sync();
      return parts.map((p) => ({
        name: p.name,
        sheet: p.sheet.name,
        address: localAddress(p.range.address),
        headers: p.header ? p.header.values[0].map((h) => String(h)) : [],
      }));
    });
  }

  listCharts(sheet: string): Promise<string[]> {
    return this.excel(async (ctx) => {
      const charts = ctx.workbook.worksheets.getItem(sheet).charts.load('items/name');
      try {
        await ctx.sync();
      } catch (e) {
        throw officeErrorCode(e) === 'ItemNotFound' ? new WorkbookError('sheetNotFound', { sheet }) : e;
      }
      return charts.items.map((c) => c.name);
    });
  }

  read(ref: RangeRef, opts?: IoOptions): Promise<RangeRead> {
    return this.excel((ctx) => readRange(ctx, ref, this.limits, opts));
  }

  checkWritable(ops: readonly WriteOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    return this.excel((ctx) => checkWritable(ctx, ops, { merges: !!this.options.isSetSupported?.('ExcelApi', MERGED_AREAS_API) }));
  }

  /** Checks first (checkWritable), so a refused plan leaves nothing half-written. */
  write(ops: readonly WriteOp[], opts?: IoOptions): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    return this.excel(async (ctx) => {
      await checkWritable(ctx, ops, { merges: !!this.options.isSetSupported?.('ExcelApi', MERGED_AREAS_API) });
      await writeOps(ctx, ops, this.limits, opts);
    });
  }

  getSetting(key: string): Promise<string | null> {
    return this.excel((ctx) => readSetting(ctx, key, this.limits));
  }

  /** Values too large for one request are stored in chunks (settings.ts). */
  setSetting(key: string, value: string | null): Promise<void> {
    return this.excel((ctx) => writeSetting(ctx, key, value, this.limits));
  }

  getSelection(): Promise<{ sheet: string; address: string } | null> {
    return this.excel(async (ctx) => {
      const range = ctx.workbook.getSelectedRange().load('address');
      const ws = range.worksheet.load('name');
      await ctx.sync();
      return { sheet: ws.name, address: localAddress(range.address) };
    });
  }

  select(sheet: string, address: string): Promise<void> {
    return this.excel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await ctx.sync();
    });
  }
}

/** The port over the host's own Excel.run and requirement check (task pane, commands). */
export function officePortFromGlobals(options: Partial<OfficePortOptions> = {}): OfficePort {
  const excel = (globalThis as { Excel?: { run: ExcelRun } }).Excel;
  if (!excel) throw new WorkbookError('excelUnavailable');
  return new OfficePort({ run: (batch) => excel.run(batch), isSetSupported: officeIsSetSupported(), ...options });
}
