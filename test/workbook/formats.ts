// The formats of a workbook in one comparable shape, whichever adapter wrote them: cell fills,
// font colours, bold, underline and number formats, column widths (in characters), frozen
// panes, colour scales, links, tab colours and table styles. The contract suite computes the
// shape the ops ask for (formatsFromOps) and compares it with what each adapter's workbook
// holds (officeFormats over the strict fake, xlsxFormats over a saved and reloaded file).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { FakeWorkbookData } from '../support/fake-excel';
import { layerValue } from '../support/fake-excel/model';
import type { WriteOp } from '../../src/workbook/port';
import { a1, parseRange, quoteSheet, rangeAddress } from '../../src/workbook/a1';

export interface CellFormat {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  underline?: boolean;
  numberFormat?: string;
}

export interface ColorScaleView {
  address: string;
  low: string;
  mid?: string;
  midPercentile?: number;
  high: string;
}

export interface SheetFormats {
  tabColor: string;
  /** Cells with any format set, by A1 address. */
  cells: Record<string, CellFormat>;
  /** Widths in characters (the port's unit) of the columns given a width, by column index. */
  columnWidths: Record<string, number>;
  freeze: { rows: number; cols: number };
  colorScales: ColorScaleView[];
  /** Link targets by A1 address, e.g. "'数据问题'!A1". */
  links: Record<string, string>;
  /** 0-based rows hidden, ascending. */
  hiddenRows: number[];
}

export interface FormatView {
  sheets: Record<string, SheetFormats>;
  /** Table styles by table name. */
  tables: Record<string, string>;
}

const emptySheet = (): SheetFormats => ({ tabColor: '', cells: {}, columnWidths: {}, freeze: { rows: 0, cols: 0 }, colorScales: [], links: {}, hiddenRows: [] });
const normAddress = (address: string) => {
  const a = parseRange(address);
  return rangeAddress(a.row, a.col, a.rows, a.cols);
};
const round2 = (x: number) => Math.round(x * 100) / 100;
const hex = (argb: string) => `#${argb.slice(-6).toUpperCase()}`;
const clean = (f: CellFormat): CellFormat => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== false)) as CellFormat;

/** What the ops of a run on a workbook without formats ask for (later ops win, attribute by attribute). */
export function formatsFromOps(ops: readonly WriteOp[]): FormatView {
  const view: FormatView = { sheets: {}, tables: {} };
  const sheet = (name: string) => (view.sheets[name] ??= emptySheet());
  for (const op of ops) {
    if (op.op === 'addSheet') sheet(op.name).tabColor = (op.tabColor ?? '').toUpperCase();
    else if (op.op === 'format') {
      const s = sheet(op.sheet);
      for (let r = op.row; r < op.row + op.rows; r++)
        for (let c = op.col; c < op.col + op.cols; c++) {
          const key = a1(r, c);
          s.cells[key] = clean({
            ...s.cells[key],
            ...(op.fill !== undefined ? { fill: op.fill.toUpperCase() } : {}),
            ...(op.fontColor !== undefined ? { fontColor: op.fontColor.toUpperCase() } : {}),
            ...(op.bold !== undefined ? { bold: op.bold } : {}),
            ...(op.underline !== undefined ? { underline: op.underline } : {}),
            ...(op.numberFormat !== undefined ? { numberFormat: op.numberFormat } : {}),
          });
          if (Object.keys(s.cells[key]).length === 0) delete s.cells[key];
        }
    } else if (op.op === 'columnWidth') {
      const widths = sheet(op.sheet).columnWidths;
      for (let c = op.col; c < op.col + op.cols; c++) if (!op.onlyStandard || widths[String(c)] === undefined) widths[String(c)] = op.width;
    } else if (op.op === 'standardWidth') {
      const widths = sheet(op.sheet).columnWidths;
      for (let c = op.col; c < op.col + op.cols; c++) if (widths[String(c)] === op.width) delete widths[String(c)];
    } else if (op.op === 'freeze') sheet(op.sheet).freeze = { rows: op.rows, cols: op.cols };
    else if (op.op === 'hideRows') {
      const s = sheet(op.sheet);
      s.hiddenRows = [...new Set([...s.hiddenRows, ...Array.from({ length: op.rows }, (_, i) => op.row + i)])].sort((x, y) => x - y);
    }
    else if (op.op === 'colorScale') {
      const s = sheet(op.sheet);
      const address = rangeAddress(op.row, op.col, op.rows, op.cols);
      s.colorScales = s.colorScales.filter((x) => x.address !== address);
      s.colorScales.push({ address, low: op.low.toUpperCase(), mid: op.mid.toUpperCase(), midPercentile: op.midPercentile, high: op.high.toUpperCase() });
    } else if (op.op === 'link') sheet(op.sheet).links[a1(op.row, op.col)] = `${quoteSheet(op.targetSheet)}!${op.targetCell}`;
    else if (op.op === 'addTable') view.tables[op.name] = op.style ?? 'TableStyleMedium2';
    else if (op.op === 'deleteSheet' || op.op === 'clear' || op.op === 'deleteTableColumns') throw new Error(`formatsFromOps covers a first run only, not ${op.op}`);
  }
  return view;
}

/** The formats the strict fake holds. Widths come back from points to characters. */
export function officeFormats(wb: FakeWorkbookData): FormatView {
  const view: FormatView = { sheets: {}, tables: {} };
  for (const s of wb.sheets.filter((x) => !x.deleted)) {
    const out = emptySheet();
    out.tabColor = s.tabColor.toUpperCase();
    const cells = new Set<number>();
    for (const layers of [s.numberFormat, s.fill, s.fontColor, s.bold, s.underline] as { rect: { r0: number; r1: number; c0: number; c1: number } }[][])
      for (const l of layers) for (let r = l.rect.r0; r <= l.rect.r1; r++) for (let c = l.rect.c0; c <= l.rect.c1; c++) cells.add(r * 16_384 + c);
    for (const k of [...cells].sort((x, y) => x - y)) {
      const r = Math.floor(k / 16_384);
      const c = k % 16_384;
      const underline = layerValue(s.underline, r, c);
      const f = clean({
        fill: layerValue(s.fill, r, c)?.toUpperCase(),
        fontColor: layerValue(s.fontColor, r, c)?.toUpperCase(),
        bold: layerValue(s.bold, r, c),
        underline: underline !== undefined && underline !== 'None' ? true : undefined,
        numberFormat: layerValue(s.numberFormat, r, c),
      });
      if (Object.keys(f).length) out.cells[a1(r, c)] = f;
    }
    for (const [c, pt] of s.columnWidths) out.columnWidths[String(c)] = round2((pt / 0.75 - 5) / 7);
    out.freeze = { ...s.freeze };
    out.hiddenRows = [...s.hiddenRows].sort((x, y) => x - y);
    out.colorScales = s.conditionalFormats
      .filter((cf) => cf.type === 'ColorScale')
      .map((cf) => {
        const k = cf.criteria as { minimum: { color: string }; midpoint?: { color: string; type: string; formula: string }; maximum: { color: string } };
        return {
          address: rangeAddress(cf.rect.r0, cf.rect.c0, cf.rect.r1 - cf.rect.r0 + 1, cf.rect.c1 - cf.rect.c0 + 1),
          low: k.minimum.color.toUpperCase(),
          ...(k.midpoint ? { mid: k.midpoint.color.toUpperCase(), midPercentile: k.midpoint.type === 'Percentile' ? Number(k.midpoint.formula) : NaN } : {}),
          high: k.maximum.color.toUpperCase(),
        };
      });
    for (const [k, h] of s.hyperlinks) out.links[a1(Math.floor(k / 16_384), k % 16_384)] = h.documentReference ?? h.address ?? '';
    view.sheets[s.name] = out;
  }
  for (const t of wb.tables.filter((x) => !x.deleted && !x.sheet.deleted)) view.tables[t.name] = t.style;
  return view;
}

interface CfModel {
  ref: string;
  rules: { type: string; cfvo?: { type: string; value?: number }[]; color?: { argb?: string }[] }[];
}

const unescape = (x: string) => x.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Links to places in the workbook, by sheet and cell, from the package itself: ExcelJS does
 *  not read hyperlinks that have a location and no relationship. */
async function packageLinks(buf: Buffer): Promise<Record<string, Record<string, string>>> {
  const zip = await JSZip.loadAsync(buf);
  const text = (p: string) => zip.file(p)!.async('string');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const target = new Map([...rels.matchAll(/<Relationship [^>]*>/g)].map((m) => [/Id="([^"]+)"/.exec(m[0])![1], /Target="([^"]+)"/.exec(m[0])![1]]));
  const out: Record<string, Record<string, string>> = {};
  for (const m of (await text('xl/workbook.xml')).matchAll(/<sheet [^>]*>/g)) {
    const name = unescape(/name="([^"]*)"/.exec(m[0])![1]);
    const file = target.get(/r:id="([^"]+)"/.exec(m[0])![1])!.replace(/^\/?(xl\/)?/, 'xl/');
    const links: Record<string, string> = {};
    for (const h of (await text(file)).matchAll(/<hyperlink [^>]*>/g)) {
      const location = /location="([^"]*)"/.exec(h[0]);
      if (location) links[/ref="([^"]+)"/.exec(h[0])![1]] = unescape(location[1]);
    }
    out[name] = links;
  }
  return out;
}

/** The formats an .xlsx holds, as saved: read back from its bytes. */
export async function xlsxFileFormats(buf: Buffer): Promise<FormatView> {
  // ExcelJS reads the file as an independent reader of what the adapter wrote.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const view = xlsxFormats(wb);
  for (const [sheet, links] of Object.entries(await packageLinks(buf))) if (view.sheets[sheet]) view.sheets[sheet].links = links;
  return view;
}

/** The formats in the port's ExcelJS workbook (links only as ExcelJS holds them: see xlsxFileFormats). */
export function xlsxFormats(wb: ExcelJS.Workbook): FormatView {
  const view: FormatView = { sheets: {}, tables: {} };
  for (const ws of wb.worksheets) {
    const out = emptySheet();
    const tab = (ws.properties as { tabColor?: { argb?: string } }).tabColor?.argb;
    out.tabColor = tab ? hex(tab) : '';
    ws.eachRow({ includeEmpty: true }, (row, rn) => {
      if (row.hidden) out.hiddenRows.push(rn - 1);
    });
    ws.eachRow({ includeEmpty: true }, (row, rn) =>
      row.eachCell({ includeEmpty: true }, (cell: ExcelJS.Cell, cn) => {
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        const f = clean({
          fill: fill?.type === 'pattern' && fill.pattern === 'solid' && fill.fgColor?.argb ? hex(fill.fgColor.argb) : undefined,
          fontColor: cell.font?.color?.argb ? hex(cell.font.color.argb) : undefined,
          bold: cell.font?.bold || undefined,
          underline: cell.font?.underline ? true : undefined,
          numberFormat: cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined,
        });
        if (Object.keys(f).length) out.cells[a1(rn - 1, cn - 1)] = f;
        const v = cell.value as { hyperlink?: string } | null;
        if (v && typeof v === 'object' && typeof v.hyperlink === 'string') out.links[a1(rn - 1, cn - 1)] = v.hyperlink.replace(/^#/, '');
      }),
    );
    // Column definitions count too: a width the user gave an empty column is theirs.
    for (let c = 1; c <= Math.max(ws.columnCount, ws.columns?.length ?? 0); c++) {
      const w = ws.getColumn(c).width;
      if (w !== undefined) out.columnWidths[String(c - 1)] = round2(w);
    }
    const frozen = ws.views?.find((v) => v.state === 'frozen') as { xSplit?: number; ySplit?: number } | undefined;
    out.freeze = { rows: frozen?.ySplit ?? 0, cols: frozen?.xSplit ?? 0 };
    const cfs = (ws as unknown as { conditionalFormattings?: CfModel[] }).conditionalFormattings ?? [];
    out.colorScales = cfs.flatMap((cf) =>
      cf.rules
        .filter((r) => r.type === 'colorScale')
        .map((r) => {
          const colors = (r.color ?? []).map((x) => hex(x.argb ?? ''));
          const mid = r.cfvo?.length === 3 ? r.cfvo[1] : undefined;
          return {
            address: normAddress(cf.ref),
            low: colors[0],
            ...(mid ? { mid: colors[1], midPercentile: mid.type === 'percentile' ? Number(mid.value) : NaN } : {}),
            high: colors[colors.length - 1],
          };
        }),
    );
    view.sheets[ws.name] = out;
    for (const t of ws.getTables() as unknown as { table: { name: string; style?: { theme?: string } } }[]) view.tables[t.table.name] = t.table.style?.theme ?? '';
  }
  return view;
}

/** The part of a workbook's formats that the ops speak of: the sheets they name, and every
 *  table (a run adds tables only). Other sheets must hold no formats at all. */
export function formatsOf(view: FormatView, sheets: Iterable<string>): FormatView {
  const out: FormatView = { sheets: {}, tables: view.tables };
  for (const s of sheets) out.sheets[s] = view.sheets[s] ?? emptySheet();
  return out;
}
