// WorkbookPort over an ExcelJS workbook (Node: CLI, demo, tests). Settings and charts are
// kept in our own package parts (see package.ts); everything else is plain ExcelJS.
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import type { RangeRef } from '../../config/schema';
import { dateToExcelSerial } from '../../engine/calendar';
import {
  CancelledError,
  type CellValue,
  type ChartSpec,
  type IoOptions,
  type RangeRead,
  type SheetInfo,
  type TableInfo,
  type WorkbookPort,
  type WriteOp,
} from '../port';
import { a1, a1Range, parseRange, quoteSheet } from '../a1';
import { extractOwnParts, injectOwnParts, type OwnParts } from './package';

const MAX_TEXT = 32_767;
const SHEET_NAME_BAD = /[:\\/?*[\]]/;

type Ws = ExcelJS.Worksheet;
interface TableModel {
  name: string;
  tableRef?: string;
  ref: string;
  columns: { name: string }[];
  style?: { theme?: string; showRowStripes?: boolean };
  headerRow?: boolean;
  totalsRow?: boolean;
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** Strings never become formulas here (ExcelJS writes strings as text); this keeps them legal XML and within Excel's length. */
function textCell(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return clean.length > MAX_TEXT ? clean.slice(0, MAX_TEXT) : clean;
}

export class XlsxPort implements WorkbookPort {
  readonly kind = 'xlsx' as const;
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly own: OwnParts,
  ) {}

  static create(): XlsxPort {
    return new XlsxPort(new ExcelJS.Workbook(), { settings: new Map(), charts: new Map() });
  }

  static async fromBuffer(buf: Buffer | ArrayBuffer | Uint8Array): Promise<XlsxPort> {
    const { cleaned, own } = await extractOwnParts(buf);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((cleaned ?? buf) as unknown as ExcelJS.Buffer);
    const port = new XlsxPort(wb, own);
    port.normalizeTables();
    return port;
  }

  static async fromFile(path: string): Promise<XlsxPort> {
    return XlsxPort.fromBuffer(await fs.readFile(path));
  }

  async toBuffer(): Promise<Buffer> {
    const raw = await this.workbook.xlsx.writeBuffer();
    return injectOwnParts(raw as ArrayBuffer, this.own, (sheet, row, col) => {
      const ws = this.workbook.getWorksheet(sheet);
      return ws ? this.cellValue(ws.getCell(row + 1, col + 1)) : null;
    });
  }

  async save(path: string): Promise<void> {
    await fs.writeFile(path, await this.toBuffer());
  }

  get dateSystem(): 1900 | 1904 {
    return this.workbook.properties?.date1904 ? 1904 : 1900;
  }

  // ---------- reading ----------

  async listSheets(): Promise<SheetInfo[]> {
    return this.workbook.worksheets.map((ws) => ({ name: ws.name, visible: ws.state === 'visible' || ws.state === undefined }));
  }

  async listTables(): Promise<TableInfo[]> {
    const out: TableInfo[] = [];
    for (const ws of this.workbook.worksheets) {
      for (const t of ws.getTables() as unknown as { table: TableModel }[]) {
        const m = t.table;
        out.push({ name: m.name, sheet: ws.name, address: m.tableRef ?? m.ref, headers: m.columns.map((c) => c.name) });
      }
    }
    return out;
  }

  async listCharts(sheet: string): Promise<string[]> {
    return (this.own.charts.get(sheet) ?? []).map((c) => c.name);
  }

  async read(ref: RangeRef, opts: IoOptions = {}): Promise<RangeRead> {
    let ws: Ws | undefined;
    let area: { row: number; col: number; rows: number; cols: number } | null;
    let table: string | undefined;
    if (ref.kind === 'sheet') {
      ws = this.sheet(ref.sheet);
      area = ref.address ? parseRange(ref.address) : this.usedRange(ws);
    } else if (ref.kind === 'table') {
      const found = this.findTable(ref.table);
      if (!found) throw new Error(`table not found: ${ref.table}`);
      ws = found.ws;
      area = parseRange(found.model.tableRef ?? found.model.ref);
      table = found.model.name;
    } else {
      const ranges = this.workbook.definedNames.getRanges(ref.name)?.ranges ?? [];
      if (!ranges.length) throw new Error(`name not found: ${ref.name}`);
      const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(ranges[0]);
      if (!m) throw new Error(`unsupported name reference: ${ranges[0]}`);
      ws = this.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
      area = parseRange(m[3].replace(/\$/g, ''));
    }
    const values: CellValue[][] = [];
    if (area) {
      for (let r = 0; r < area.rows; r++) {
        if (opts.signal?.aborted) throw new CancelledError();
        const row = ws.getRow(area.row + r + 1);
        const line: CellValue[] = [];
        for (let c = 0; c < area.cols; c++) line.push(this.cellValue(row.getCell(area.col + c + 1)));
        values.push(line);
      }
      opts.onProgress?.({ stage: 'reading', done: area.rows, total: area.rows });
    }
    const a = area ?? { row: 0, col: 0, rows: 1, cols: 1 };
    return { sheet: ws.name, address: a1Range(a.row, a.col, a.rows, a.cols), row: a.row, col: a.col, values, ...(table ? { table } : {}), dateSystem: this.dateSystem };
  }

  /** A cell as Excel's Range.values gives it: '' when blank, dates as serials, formulas as results, errors as '#N/A'. */
  private cellValue(cell: ExcelJS.Cell): CellValue {
    return this.plain(cell.value);
  }

  private plain(v: ExcelJS.CellValue): CellValue {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    if (v instanceof Date) return dateToExcelSerial(v, this.dateSystem);
    const o = v as unknown as Record<string, unknown>;
    if ('error' in o) return String(o.error);
    if ('richText' in o) return (o.richText as { text: string }[]).map((x) => x.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return this.plain((o.result ?? null) as ExcelJS.CellValue);
    if ('text' in o) return typeof o.text === 'string' ? o.text : this.plain(o.text as ExcelJS.CellValue);
    return String(v);
  }

  private usedRange(ws: Ws): { row: number; col: number; rows: number; cols: number } | null {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    ws.eachRow({ includeEmpty: false }, (row, rn) => {
      row.eachCell({ includeEmpty: false }, (cell, cn) => {
        const v = cell.value;
        if (v === null || v === undefined || v === '') return;
        r0 = Math.min(r0, rn);
        r1 = Math.max(r1, rn);
        c0 = Math.min(c0, cn);
        c1 = Math.max(c1, cn);
      });
    });
    return r1 < 0 ? null : { row: r0 - 1, col: c0 - 1, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  private sheet(name: string): Ws {
    const ws = this.workbook.worksheets.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!ws) throw new Error(`sheet not found: ${name}`);
    return ws;
  }

  private findTable(name: string): { ws: Ws; model: TableModel } | null {
    for (const ws of this.workbook.worksheets) {
      for (const t of ws.getTables() as unknown as { table: TableModel }[]) if (t.table.name.toLowerCase() === name.toLowerCase()) return { ws, model: t.table };
    }
    return null;
  }

  // ---------- settings ----------

  async getSetting(key: string): Promise<string | null> {
    return this.own.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string | null): Promise<void> {
    if (value === null) this.own.settings.delete(key);
    else this.own.settings.set(key, value);
  }

  // ---------- writing ----------

  async write(ops: readonly WriteOp[], opts: IoOptions = {}): Promise<void> {
    ops.forEach((op, i) => {
      if (opts.signal?.aborted) throw new CancelledError();
      this.apply(op);
      if ((i + 1) % 200 === 0 || i === ops.length - 1) opts.onProgress?.({ stage: 'writing', done: i + 1, total: ops.length });
    });
  }

  private apply(op: WriteOp): void {
    switch (op.op) {
      case 'addSheet': {
        if (!op.name || op.name.length > 31 || SHEET_NAME_BAD.test(op.name) || /^'|'$/.test(op.name) || op.name.toLowerCase() === 'history') throw new Error(`invalid sheet name: ${op.name}`);
        if (this.workbook.worksheets.some((w) => w.name.toLowerCase() === op.name.toLowerCase())) throw new Error(`sheet already exists: ${op.name}`);
        // Sheets we create print landscape, one page wide (the summary's charts sit right of its tables).
        this.workbook.addWorksheet(op.name, {
          ...(op.tabColor ? { properties: { tabColor: { argb: argb(op.tabColor) } } } : {}),
          pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
        });
        return;
      }
      case 'deleteSheet': {
        const ws = this.sheet(op.name);
        this.workbook.removeWorksheet(ws.id);
        this.own.charts.delete(ws.name);
        return;
      }
      case 'values': {
        const ws = this.sheet(op.sheet);
        op.values.forEach((line, r) => {
          const row = ws.getRow(op.row + r + 1);
          line.forEach((v, c) => {
            const cell = row.getCell(op.col + c + 1);
            if (typeof v === 'string') cell.value = v === '' ? null : textCell(v);
            else if (typeof v === 'number') cell.value = Number.isFinite(v) ? v : null;
            else cell.value = v;
          });
        });
        return;
      }
      case 'clear': {
        const ws = this.sheet(op.sheet);
        this.eachCell(ws, op, (cell) => {
          cell.value = null;
          cell.style = {};
        });
        return;
      }
      case 'format': {
        const ws = this.sheet(op.sheet);
        this.eachCell(ws, op, (cell) => {
          if (op.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(op.fill) } };
          if (op.bold !== undefined || op.fontColor) {
            cell.font = { ...(cell.font ?? {}), ...(op.bold !== undefined ? { bold: op.bold } : {}), ...(op.fontColor ? { color: { argb: argb(op.fontColor) } } : {}) };
          }
          if (op.numberFormat) cell.numFmt = op.numberFormat;
        });
        return;
      }
      case 'columnWidth': {
        const ws = this.sheet(op.sheet);
        for (let c = 0; c < op.cols; c++) ws.getColumn(op.col + c + 1).width = op.width;
        return;
      }
      case 'freeze': {
        const ws = this.sheet(op.sheet);
        ws.views = [{ state: 'frozen', xSplit: op.cols, ySplit: op.rows, topLeftCell: a1(op.rows, op.cols) }];
        return;
      }
      case 'addTable': {
        const ws = this.sheet(op.sheet);
        if (this.findTable(op.name)) throw new Error(`table already exists: ${op.name}`);
        const grid = this.rawGrid(ws, op.row, op.col, op.rows, op.cols);
        const headers = grid[0].map((h, i) => (h === null || h === undefined || h === '' ? `Column${i + 1}` : String(this.plain(h))));
        this.putTable(ws, { name: op.name, ref: a1(op.row, op.col), headers, rows: grid.slice(1), style: { theme: op.style ?? 'TableStyleMedium2', showRowStripes: true } });
        return;
      }
      case 'deleteTable': {
        const found = this.findTable(op.name);
        if (found) found.ws.removeTable(found.model.name);
        return;
      }
      case 'addTableColumns': {
        const found = this.findTable(op.table);
        if (!found) throw new Error(`table not found: ${op.table}`);
        const { ws, model } = found;
        const area = parseRange(model.tableRef ?? model.ref);
        const grid = this.rawGrid(ws, area.row, area.col, area.rows, area.cols);
        const headers = model.columns.map((c) => c.name).concat(op.headers);
        const rows = grid.slice(1).map((line, r) => [...line, ...(op.values[r] ?? op.headers.map(() => null)).map((v) => (typeof v === 'string' ? textCell(v) : v))]);
        ws.removeTable(model.name);
        this.putTable(ws, { name: model.name, ref: a1(area.row, area.col), headers, rows, style: model.style });
        return;
      }
      case 'deleteTableColumns': {
        const found = this.findTable(op.table);
        if (!found) return;
        const { ws, model } = found;
        const area = parseRange(model.tableRef ?? model.ref);
        const grid = this.rawGrid(ws, area.row, area.col, area.rows, area.cols);
        const names = model.columns.map((c) => c.name);
        const drop = new Set(op.headers.map((h) => h.toLowerCase()));
        const keep = names.map((h, i) => (drop.has(h.toLowerCase()) ? -1 : i)).filter((i) => i >= 0);
        if (keep.length === area.cols) return;
        // Cells of the kept columns move left (with their styles), as Excel does.
        const styles = keep.map((c) => Array.from({ length: area.rows }, (_, r) => ({ ...ws.getCell(area.row + r + 1, area.col + c + 1).style })));
        ws.removeTable(model.name);
        for (let r = 0; r < area.rows; r++) {
          for (let c = 0; c < area.cols; c++) {
            const cell = ws.getCell(area.row + r + 1, area.col + c + 1);
            if (c < keep.length) {
              cell.value = grid[r][keep[c]];
              cell.style = styles[c][r];
            } else {
              cell.value = null;
              cell.style = {};
            }
          }
        }
        this.putTable(ws, { name: model.name, ref: a1(area.row, area.col), headers: keep.map((i) => names[i]), rows: grid.slice(1).map((line) => keep.map((i) => line[i])), style: model.style });
        return;
      }
      case 'colorScale': {
        const ws = this.sheet(op.sheet);
        ws.addConditionalFormatting({
          ref: a1Range(op.row, op.col, op.rows, op.cols),
          rules: [
            {
              type: 'colorScale',
              priority: 1,
              // Three colours with the median in the middle (Excel's red-yellow-green): skewed
              // amounts would otherwise leave all but the top cell at the low colour.
              cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
              color: [{ argb: argb(op.low) }, { argb: 'FFFFEB84' }, { argb: argb(op.high) }],
            } as unknown as ExcelJS.ConditionalFormattingRule,
          ],
        });
        return;
      }
      case 'link': {
        const ws = this.sheet(op.sheet);
        const cell = ws.getCell(op.row + 1, op.col + 1);
        cell.value = { text: textCell(op.text), hyperlink: `${quoteSheet(op.targetSheet)}!${op.targetCell}` };
        cell.font = { ...(cell.font ?? {}), underline: true, color: { argb: 'FF0563C1' } };
        return;
      }
      case 'addChart': {
        const ws = this.sheet(op.sheet);
        const list = (this.own.charts.get(ws.name) ?? []).filter((c) => c.name !== op.chart.name);
        list.push(JSON.parse(JSON.stringify(op.chart)) as ChartSpec);
        this.own.charts.set(ws.name, list);
        return;
      }
      case 'deleteChart': {
        const list = this.own.charts.get(op.sheet);
        if (list) this.own.charts.set(op.sheet, list.filter((c) => c.name !== op.name));
        return;
      }
    }
  }

  private eachCell(ws: Ws, a: { row: number; col: number; rows: number; cols: number }, f: (cell: ExcelJS.Cell) => void): void {
    for (let r = 0; r < a.rows; r++) {
      const row = ws.getRow(a.row + r + 1);
      for (let c = 0; c < a.cols; c++) f(row.getCell(a.col + c + 1));
    }
  }

  private grid(ws: Ws, row: number, col: number, rows: number, cols: number): CellValue[][] {
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.cellValue(ws.getCell(row + r + 1, col + c + 1))));
  }

  /** Cell values as ExcelJS holds them (formulas, dates, rich text kept) for rebuilding a table in place. */
  private rawGrid(ws: Ws, row: number, col: number, rows: number, cols: number): ExcelJS.CellValue[][] {
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => ws.getCell(row + r + 1, col + c + 1).value));
  }

  /** Adds a table over cells, keeping the cells' styles (ExcelJS rewrites the values it is given). */
  private putTable(ws: Ws, t: { name: string; ref: string; headers: string[]; rows: ExcelJS.CellValue[][]; style?: TableModel['style'] }): void {
    const tl = parseRange(t.ref);
    const styles = t.rows.map((line, r) => line.map((_, c) => ({ ...ws.getCell(tl.row + r + 2, tl.col + c + 1).style })));
    const headStyles = t.headers.map((_, c) => ({ ...ws.getCell(tl.row + 1, tl.col + c + 1).style }));
    ws.addTable({
      name: t.name,
      ref: t.ref,
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true, ...(t.style ?? {}) } as ExcelJS.TableStyleProperties,
      columns: t.headers.map((name) => ({ name, filterButton: true })),
      rows: (t.rows.length ? t.rows : [t.headers.map(() => null)]).map((line) => line.map((v) => (v === '' || v === undefined ? null : v))),
    });
    t.rows.forEach((line, r) => line.forEach((_, c) => (ws.getCell(tl.row + r + 2, tl.col + c + 1).style = styles[r][c])));
    t.headers.forEach((_, c) => (ws.getCell(tl.row + 1, tl.col + c + 1).style = headStyles[c]));
  }

  /** Tables loaded from a file lack the row data ExcelJS needs to edit or re-save them: rebuild them from the cells. */
  private normalizeTables(): void {
    for (const ws of this.workbook.worksheets) {
      for (const t of [...(ws.getTables() as unknown as { table: TableModel }[])]) {
        const m = t.table;
        const area = parseRange(m.tableRef ?? m.ref);
        const body = m.totalsRow ? area.rows - 1 : area.rows;
        const grid = this.rawGrid(ws, area.row, area.col, body, area.cols);
        ws.removeTable(m.name);
        this.putTable(ws, { name: m.name, ref: a1(area.row, area.col), headers: m.columns.map((c) => c.name), rows: grid.slice(1), style: m.style });
      }
    }
  }
}
