// A plain, comparable picture of a fake workbook: what a user would see (values, formulas,
// formats, tables, charts, names, settings), for tests that compare before and after.
import { cellName, rectAddress } from './address';
import { DEFAULT_COLUMN_WIDTH, findSheet, layerValue, liveTables, tableHeaders, usedRect, type FakeWorkbookData, type SheetData } from './model';

export type SnapValue = string | number | boolean | null;

export interface SheetSnapshot {
  name: string;
  visibility: string;
  tabColor: string;
  /** From A1 to the end of the used range; null for empty cells. */
  values: SnapValue[][];
  formulas: Record<string, string>;
  /** Non-default cell formats by cell, "numberFormat|fill|fontColor|bold", then "|underline" when underlined. */
  formats: Record<string, string>;
  columnWidths: Record<string, number>;
  freeze: { rows: number; cols: number };
  hyperlinks: Record<string, string>;
  charts: { name: string; type: string; title: string; series: { name: string; values?: string; x?: string; type?: string; axis?: string }[]; position?: string }[];
  conditionalFormats: { type: string; address: string; criteria?: unknown }[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  tables: { name: string; sheet: string; address: string; headers: string[]; style: string }[];
  names: { name: string; sheet: string; address: string }[];
  settings: Record<string, unknown>;
}

export function sheetValues(sheet: SheetData): SnapValue[][] {
  const used = usedRect(sheet, true);
  if (!used) return [];
  const out: SnapValue[][] = [];
  for (let r = 0; r <= used.r1; r++) {
    const row: SnapValue[] = [];
    for (let c = 0; c <= used.c1; c++) row.push(sheet.rows[r]?.[c] ?? null);
    out.push(row);
  }
  return out;
}

function sheetFormats(sheet: SheetData): Record<string, string> {
  const out: Record<string, string> = {};
  const used = usedRect(sheet, false);
  if (!used) return out;
  for (let r = 0; r <= used.r1; r++)
    for (let c = 0; c <= used.c1; c++) {
      const f = [layerValue(sheet.numberFormat, r, c), layerValue(sheet.fill, r, c), layerValue(sheet.fontColor, r, c), layerValue(sheet.bold, r, c)];
      const underline = layerValue(sheet.underline, r, c);
      if (underline !== undefined && underline !== 'None') f.push(underline);
      if (f.some((x) => x !== undefined)) out[cellName(r, c)] = f.map((x) => (x === undefined ? '' : String(x))).join('|');
    }
  return out;
}

const byKey = (m: Map<number, string>) => Object.fromEntries([...m].sort((a, b) => a[0] - b[0]).map(([k, v]) => [cellName(Math.floor(k / 16384), k % 16384), v]));

export function snapshotWorkbook(wb: FakeWorkbookData, opts: { formats?: boolean } = {}): WorkbookSnapshot {
  const sheets = wb.sheets.filter((s) => !s.deleted);
  return {
    sheets: sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      tabColor: s.tabColor,
      values: sheetValues(s),
      formulas: byKey(s.formulas),
      formats: opts.formats === false ? {} : sheetFormats(s),
      columnWidths: Object.fromEntries([...s.columnWidths].filter(([, w]) => w !== DEFAULT_COLUMN_WIDTH).sort((a, b) => a[0] - b[0]).map(([c, w]) => [String(c), w])),
      freeze: { ...s.freeze },
      hyperlinks: Object.fromEntries(
        [...s.hyperlinks].sort((a, b) => a[0] - b[0]).map(([k, h]) => [cellName(Math.floor(k / 16384), k % 16384), h.documentReference ?? h.address ?? '']),
      ),
      charts: s.charts.map((c) => ({
        name: c.name,
        type: c.chartType,
        title: c.title,
        series: c.series.map((x) => ({
          name: x.name,
          values: x.values && `${x.values.sheet}!${rectAddress(x.values.rect)}`,
          x: x.xValues && `${x.xValues.sheet}!${rectAddress(x.xValues.rect)}`,
          type: x.chartType,
          axis: x.axisGroup,
        })),
        position: c.position && `${c.position.start}:${c.position.end ?? ''}`,
      })),
      conditionalFormats: s.conditionalFormats.map((cf) => ({ type: cf.type, address: rectAddress(cf.rect), criteria: cf.criteria })),
    })),
    tables: liveTables(wb).map((t) => ({ name: t.name, sheet: t.sheet.name, address: rectAddress(t.rect), headers: tableHeaders(t), style: t.style })),
    names: wb.names.filter((n) => !n.sheet.deleted).map((n) => ({ name: n.name, sheet: n.sheet.name, address: rectAddress(n.rect) })),
    settings: Object.fromEntries(wb.settings),
  };
}

/** Values of one sheet from A1 (null for empty cells); throws when the sheet is missing. */
export function valuesOf(wb: FakeWorkbookData, sheet: string): SnapValue[][] {
  const s = findSheet(wb, sheet);
  if (!s || s.deleted) throw new Error(`no sheet "${sheet}"`);
  return sheetValues(s);
}
