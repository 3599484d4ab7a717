// The in-memory workbook behind the fake: sheets of cells, format layers, tables, charts,
// names and settings. Plain data, no proxies; objects.ts wraps it in Excel's API.
import { checkRect, contains, MAX_COLS, MAX_ROWS, overlaps, type Rect } from './address';
import { fail } from './errors';

export type Scalar = string | number | boolean;

/** Format attributes are stored as layers of rectangles (later wins), like a block format. */
export interface FormatLayer<T> {
  rect: Rect;
  value: T | undefined; // undefined: reset to default
}

export interface Hyperlink {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface ChartSeriesData {
  name: string;
  values?: { sheet: string; rect: Rect };
  xValues?: { sheet: string; rect: Rect };
  chartType?: string;
  axisGroup?: string;
  /** hasDataLabels with showValue. */
  dataLabels?: boolean;
}

export interface ChartData {
  id: number;
  name: string;
  chartType: string;
  title: string;
  series: ChartSeriesData[];
  position?: { start: string; end?: string };
  legend: { visible: boolean; position: string };
  /** Axis titles by "type/group", e.g. "Category/Primary", "Value/Secondary". */
  axisTitles?: Record<string, string>;
}

export interface ConditionalFormatData {
  type: string;
  rect: Rect;
  criteria?: unknown;
}

export interface SheetData {
  id: number;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  tabColor: string;
  deleted: boolean;
  /** Row-major, sparse: undefined rows and cells are empty. */
  rows: (Scalar | undefined)[][];
  /** Formulas by cell key (r * MAX_COLS + c). */
  formulas: Map<number, string>;
  numberFormat: FormatLayer<string>[];
  fill: FormatLayer<string>[];
  fontColor: FormatLayer<string>[];
  bold: FormatLayer<boolean>[];
  /** Font underline style ('Single', 'Double', …); 'None' and no layer read alike. */
  underline: FormatLayer<string>[];
  /** Horizontal alignment ('Left', 'Center', 'Right', …). */
  align: FormatLayer<string>[];
  /** Indent level (Range.format.indentLevel, 0–250). */
  indent: FormatLayer<number>[];
  hyperlinks: Map<number, Hyperlink>;
  columnWidths: Map<number, number>;
  freeze: { rows: number; cols: number };
  charts: ChartData[];
  conditionalFormats: ConditionalFormatData[];
  /** Merged areas (Range.merge); only the top-left cell holds a value. */
  merges: Rect[];
  /** Review › Protect Sheet: locked cells, tables and charts cannot change. */
  protected: boolean;
  /** Rows hidden by a filter or by hand: still read by `values`. */
  hiddenRows: Set<number>;
  /** Dynamic-array formulas: the anchor cell and the block its result spills into. */
  spills: SpillData[];
}

export interface SpillData {
  row: number;
  col: number;
  rect: Rect;
}

export interface TableData {
  id: number;
  name: string;
  sheet: SheetData;
  rect: Rect;
  style: string;
  deleted: boolean;
  /** Table Design › Header Row; when off, `rect` starts at the first data row. */
  showHeaders: boolean;
  /** Table Design › Total Row; when on, the last row of `rect` is the totals row. */
  showTotals: boolean;
  /** Column names Excel keeps while the header row is hidden. */
  hiddenHeaders?: string[];
}

export interface NameData {
  name: string;
  sheet: SheetData;
  rect: Rect;
}

export interface FakeWorkbookData {
  sheets: SheetData[];
  tables: TableData[];
  names: NameData[];
  settings: Map<string, unknown>;
  activeSheet: number; // sheet id
  selection?: { sheet: number; rect: Rect };
  nextId: number;
  /** The workbook's date system (File › Options › "Use 1904 date system"); default 1900. */
  dateSystem?: 1900 | 1904;
  /** Review › Protect Workbook (structure): sheets cannot be added, deleted or renamed. */
  protected?: boolean;
  /** Opened read-only (Workbook.readOnly). */
  readOnly?: boolean;
}

export const DEFAULT_COLUMN_WIDTH = 48; // points (8.43 characters of Calibri 11)
export const key = (r: number, c: number) => r * MAX_COLS + c;

export function newSheet(wb: FakeWorkbookData, name: string): SheetData {
  const sheet: SheetData = {
    id: wb.nextId++,
    name,
    visibility: 'Visible',
    tabColor: '',
    deleted: false,
    rows: [],
    formulas: new Map(),
    numberFormat: [],
    fill: [],
    fontColor: [],
    bold: [],
    underline: [],
    align: [],
    indent: [],
    hyperlinks: new Map(),
    columnWidths: new Map(),
    freeze: { rows: 0, cols: 0 },
    charts: [],
    conditionalFormats: [],
    merges: [],
    protected: false,
    hiddenRows: new Set(),
    spills: [],
  };
  wb.sheets.push(sheet);
  return sheet;
}

export function emptyWorkbook(): FakeWorkbookData {
  return { sheets: [], tables: [], names: [], settings: new Map(), activeSheet: -1, nextId: 1 };
}

// ---- sheet names ------------------------------------------------------------------------

/** Excel's rules: 1–31 characters, none of : \ / ? * [ ], no leading/trailing apostrophe,
 *  unique ignoring case, and "History" is reserved. */
export function checkSheetName(wb: FakeWorkbookData, name: unknown, self?: SheetData): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name))
    fail('InvalidArgument', `The sheet name "${String(name)}" is not valid.`);
  if (name.toLowerCase() === 'history') fail('InvalidArgument', 'The sheet name "History" is reserved by Excel.');
  if (wb.sheets.some((s) => s !== self && !s.deleted && s.name.toLowerCase() === name.toLowerCase()))
    fail('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
  return name;
}

export function findSheet(wb: FakeWorkbookData, name: string): SheetData | null {
  return wb.sheets.find((s) => !s.deleted && s.name.toLowerCase() === name.toLowerCase()) ?? null;
}

// ---- cells ------------------------------------------------------------------------------

export function getCell(sheet: SheetData, r: number, c: number): Scalar | undefined {
  return sheet.rows[r]?.[c];
}

export function setCell(sheet: SheetData, r: number, c: number, v: Scalar | undefined): void {
  let row = sheet.rows[r];
  if (!row) {
    if (v === undefined) return;
    row = sheet.rows[r] = [];
  }
  row[c] = v;
}

// Layers are indexed by bands of rows, so a format lookup or a new layer looks only at the
// layers on its rows: a tier column of 200,000 customers adds a fill layer per run of equal
// tiers, and scanning every older layer each time made a big refresh quadratic.
const BAND = 64;

interface LayerIndex {
  /** Layers touching each band of rows, oldest first. */
  bands: Map<number, FormatLayer<unknown>[]>;
  /** layers.length when the index was last in step with the array. */
  length: number;
}

const indexes = new WeakMap<FormatLayer<unknown>[], LayerIndex>();

function addToBands(index: LayerIndex, layer: FormatLayer<unknown>): void {
  for (let b = Math.floor(layer.rect.r0 / BAND); b <= Math.floor(layer.rect.r1 / BAND); b++) {
    const list = index.bands.get(b);
    if (list) list.push(layer);
    else index.bands.set(b, [layer]);
  }
}

function indexOf<T>(layers: FormatLayer<T>[]): LayerIndex {
  let index = indexes.get(layers as FormatLayer<unknown>[]);
  if (!index || index.length !== layers.length) {
    index = { bands: new Map(), length: layers.length };
    for (const l of layers) addToBands(index, l as FormatLayer<unknown>);
    indexes.set(layers as FormatLayer<unknown>[], index);
  }
  return index;
}

/** Call after changing a layer array other than through pushLayer (its index is rebuilt). */
export function layersReplaced<T>(layers: FormatLayer<T>[]): void {
  indexes.delete(layers as FormatLayer<unknown>[]);
}

export function layerValue<T>(layers: FormatLayer<T>[], r: number, c: number): T | undefined {
  const list = indexOf(layers).bands.get(Math.floor(r / BAND)) as FormatLayer<T>[] | undefined;
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const { rect } = list[i];
    if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) return list[i].value;
  }
  return undefined;
}

/** Adds a layer, dropping older ones it fully covers (keeps refresh loops from piling up). */
export function pushLayer<T>(layers: FormatLayer<T>[], rect: Rect, value: T | undefined): void {
  const index = indexOf(layers);
  const near = new Set<FormatLayer<unknown>>();
  for (let b = Math.floor(rect.r0 / BAND); b <= Math.floor(rect.r1 / BAND); b++) for (const l of index.bands.get(b) ?? []) near.add(l);
  const covered = new Set([...near].filter((l) => contains(rect, l.rect)));
  if (covered.size) {
    let kept = 0;
    for (const l of layers) if (!covered.has(l as FormatLayer<unknown>)) layers[kept++] = l;
    layers.length = kept;
    for (let b = Math.floor(rect.r0 / BAND); b <= Math.floor(rect.r1 / BAND); b++) {
      const list = index.bands.get(b);
      if (list) index.bands.set(b, list.filter((l) => !covered.has(l)));
    }
  }
  let overlapping = false;
  for (const l of near) if (!covered.has(l) && overlaps(l.rect, rect)) overlapping = true;
  if (value !== undefined || overlapping) {
    const layer = { rect: { ...rect }, value };
    layers.push(layer);
    addToBands(index, layer as FormatLayer<unknown>);
  }
  index.length = layers.length;
}

export function clearRect(sheet: SheetData, rect: Rect, what: 'All' | 'Contents' | 'Formats'): void {
  if (what !== 'Formats') {
    for (let r = rect.r0; r <= Math.min(rect.r1, sheet.rows.length - 1); r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (let c = rect.c0; c <= Math.min(rect.c1, row.length - 1); c++) {
        row[c] = undefined;
        sheet.formulas.delete(key(r, c));
        sheet.hyperlinks.delete(key(r, c));
      }
    }
  }
  if (what !== 'Contents') {
    pushLayer(sheet.numberFormat, rect, undefined);
    pushLayer(sheet.fill, rect, undefined);
    pushLayer(sheet.fontColor, rect, undefined);
    pushLayer(sheet.bold, rect, undefined);
    pushLayer(sheet.underline, rect, undefined);
    sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !contains(rect, cf.rect));
  }
}

/** Bounding box of non-empty cells (and, unless valuesOnly, formatted cells); null when empty. */
export function usedRect(sheet: SheetData, valuesOnly: boolean): Rect | null {
  let r0 = Infinity,
    r1 = -1,
    c0 = Infinity,
    c1 = -1;
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    let first = -1,
      last = -1;
    for (let c = 0; c < row.length; c++) {
      if (row[c] !== undefined) {
        if (first < 0) first = c;
        last = c;
      }
    }
    if (first < 0) continue;
    if (r < r0) r0 = r;
    r1 = r;
    if (first < c0) c0 = first;
    if (last > c1) c1 = last;
  }
  if (!valuesOnly) {
    for (const layers of [sheet.numberFormat, sheet.fill, sheet.fontColor, sheet.bold, sheet.underline] as FormatLayer<unknown>[][])
      for (const l of layers)
        if (l.value !== undefined) {
          r0 = Math.min(r0, l.rect.r0);
          r1 = Math.max(r1, l.rect.r1);
          c0 = Math.min(c0, l.rect.c0);
          c1 = Math.max(c1, l.rect.c1);
        }
  }
  return r1 < 0 ? null : { r0, r1, c0, c1 };
}

/** Where the cells of `rect` go when cells at column `col` in rows r0..r1 are inserted
 *  (n > 0) or removed (n < 0) and the rest of those rows shifts: zero to four pieces. */
export function shiftRect(rect: Rect, r0: number, r1: number, col: number, n: number): Rect[] {
  if (rect.r1 < r0 || rect.r0 > r1 || rect.c1 < col) return [rect];
  const out: Rect[] = [];
  if (rect.r0 < r0) out.push({ ...rect, r1: r0 - 1 });
  if (rect.r1 > r1) out.push({ ...rect, r0: r1 + 1 });
  const band = { ...rect, r0: Math.max(rect.r0, r0), r1: Math.min(rect.r1, r1) };
  if (n > 0) {
    if (band.c0 >= col) out.push({ ...band, c0: band.c0 + n, c1: band.c1 + n });
    else out.push({ ...band, c1: col - 1 }, { ...band, c0: col + n, c1: band.c1 + n });
  } else {
    const k = -n;
    if (band.c0 < col) out.push({ ...band, c1: Math.min(band.c1, col - 1) });
    if (band.c1 >= col + k) out.push({ ...band, c0: Math.max(band.c0, col + k) - k, c1: band.c1 - k });
  }
  return out;
}

function shiftKeys<V>(m: Map<number, V>, r0: number, r1: number, col: number, n: number): Map<number, V> {
  const out = new Map<number, V>();
  for (const [k, v] of m) {
    const r = Math.floor(k / MAX_COLS);
    const c = k % MAX_COLS;
    if (r < r0 || r > r1 || c < col) out.set(k, v);
    else if (n > 0 || c >= col - n) out.set(key(r, c + n), v);
  }
  return out;
}

/** Inserts (n > 0) or removes (n < 0) cells at column `col` in rows r0..r1, shifting the rest
 *  of those rows with their formulas, formats, links and conditional formats (Excel's
 *  insert/delete cells, as when a table column is added or deleted). */
export function shiftColumns(sheet: SheetData, r0: number, r1: number, col: number, n: number): void {
  for (let r = r0; r <= r1; r++) {
    const row = sheet.rows[r];
    if (!row || row.length <= col) continue;
    if (n > 0) row.splice(col, 0, ...new Array<undefined>(n));
    else row.splice(col, -n);
    if (row.length > MAX_COLS) fail('InvalidArgument', 'Cells would be shifted off the grid.');
  }
  sheet.formulas = shiftKeys(sheet.formulas, r0, r1, col, n);
  sheet.hyperlinks = shiftKeys(sheet.hyperlinks, r0, r1, col, n);
  for (const layers of [sheet.numberFormat, sheet.fill, sheet.fontColor, sheet.bold, sheet.underline] as FormatLayer<unknown>[][]) {
    const moved = layers.flatMap((l) => shiftRect(l.rect, r0, r1, col, n).map((rect) => ({ rect, value: l.value })));
    // Copied in place without a spread (hundreds of thousands of layers would overflow the stack).
    layers.length = 0;
    for (const l of moved) layers.push(l);
    layersReplaced(layers);
  }
  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((cf) => shiftRect(cf.rect, r0, r1, col, n).map((rect) => ({ ...cf, rect })));
}

// ---- tables and names -------------------------------------------------------------------

const CELL_LIKE = /^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*)$/;

/** Table and defined names: a letter, underscore or backslash first, then letters, digits,
 *  underscores and periods; no spaces; not a cell reference; unique among tables and names. */
export function checkTableName(wb: FakeWorkbookData, name: unknown, self?: TableData): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 255 ||
    !/^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*$/.test(name) ||
    CELL_LIKE.test(name)
  )
    fail('InvalidArgument', `The table name "${String(name)}" is not valid.`);
  const lower = name.toLowerCase();
  if (wb.tables.some((t) => t !== self && !t.deleted && t.name.toLowerCase() === lower) || wb.names.some((n) => n.name.toLowerCase() === lower))
    fail('ItemAlreadyExists', `A table or name "${name}" already exists.`);
  return name;
}

export function liveTables(wb: FakeWorkbookData): TableData[] {
  return wb.tables.filter((t) => !t.deleted && !t.sheet.deleted);
}

export function findTable(wb: FakeWorkbookData, name: string): TableData | null {
  return liveTables(wb).find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null;
}

/** Header texts of a table, from its first row (Excel keeps them as text). */
export function tableHeaders(t: TableData): string[] {
  if (!t.showHeaders) return t.hiddenHeaders ?? Array.from({ length: t.rect.c1 - t.rect.c0 + 1 }, (_, i) => `Column${i + 1}`);
  const out: string[] = [];
  for (let c = t.rect.c0; c <= t.rect.c1; c++) {
    const v = getCell(t.sheet, t.rect.r0, c);
    out.push(v === undefined ? '' : String(v));
  }
  return out;
}

/** Makes header cells non-empty unique text, as Excel does when a table is created. */
export function normalizeHeaders(t: TableData): void {
  if (!t.showHeaders) return;
  const seen = new Set<string>();
  for (let c = t.rect.c0; c <= t.rect.c1; c++) {
    const raw = getCell(t.sheet, t.rect.r0, c);
    const base = raw === undefined || raw === '' ? `Column${c - t.rect.c0 + 1}` : String(raw);
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base}${i}`;
    seen.add(name.toLowerCase());
    setCell(t.sheet, t.rect.r0, c, name);
  }
}

export function addTable(wb: FakeWorkbookData, sheet: SheetData, rect: Rect): TableData {
  checkRect(rect);
  if (liveTables(wb).some((t) => t.sheet === sheet && overlaps(t.rect, rect)))
    fail('InvalidArgument', 'A table cannot overlap another table.');
  let n = 1;
  while (findTable(wb, `Table${n}`)) n++;
  const t: TableData = { id: wb.nextId++, name: `Table${n}`, sheet, rect: { ...rect }, style: 'TableStyleMedium2', deleted: false, showHeaders: true, showTotals: false };
  normalizeHeaders(t);
  wb.tables.push(t);
  return t;
}

export function findName(wb: FakeWorkbookData, name: string): NameData | null {
  return wb.names.find((n) => n.name.toLowerCase() === name.toLowerCase() && !n.sheet.deleted) ?? null;
}

export { MAX_ROWS, MAX_COLS };

// ---- protection, merged cells, spills ------------------------------------------------------

/** Excel refuses changes to a protected sheet. The error code is the one the add-in's catalogue
 *  already describes for it (AccessDenied); Excel's documentation names no code for this case. */
export function checkUnprotected(sheet: SheetData): void {
  if (sheet.protected) fail('AccessDenied', `The sheet "${sheet.name}" is protected. To make a change, unprotect the sheet.`);
}

/** Workbook structure protection: no sheet may be added, deleted, renamed, hidden or shown. */
export function checkStructure(wb: FakeWorkbookData): void {
  if (wb.protected) fail('AccessDenied', 'The workbook structure is protected. To add, delete or rename sheets, unprotect the workbook.');
}

/** The merged area a cell belongs to, if any. */
export function mergeAt(sheet: SheetData, r: number, c: number): Rect | undefined {
  return sheet.merges.find((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1);
}

/** Excel's rule for merged cells: a change must take a merged area whole ("We can't do that to
 *  a merged cell"); the add-in's API errors for it are InvalidOperation. */
export function checkMerges(sheet: SheetData, rect: Rect): void {
  for (const m of sheet.merges)
    if (overlaps(m, rect) && !contains(rect, m))
      fail('InvalidOperation', `Cannot change part of a merged cell (${rectLabel(m)}).`);
}

const rectLabel = (r: Rect) => `R${r.r0 + 1}C${r.c0 + 1}:R${r.r1 + 1}C${r.c1 + 1}`;

/** Number precision: Excel keeps 15 significant digits ("Excel specifications and limits",
 *  Calculation specifications: "Number precision 15 digits"). The fake rounds a written number
 *  to 15 digits (12345678901234567 is kept as 12345678901234600; 0.1 + 0.2 as 0.3). Typing in
 *  the grid drops the extra digits instead of rounding them; whether the API rounds or drops is
 *  not documented, and no test depends on the difference. */
export function excelNumber(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(15));
}

/** A value written into a spilled cell (not the anchor) blocks the spill: the anchor shows
 *  #SPILL! and the rest of the spilled block empties ("#SPILL! error - Spill range isn't blank",
 *  Microsoft Support). */
export function blockSpills(sheet: SheetData, written: Rect): void {
  for (const sp of sheet.spills) {
    if (!overlaps(sp.rect, written)) continue;
    let hit = false;
    for (let r = Math.max(sp.rect.r0, written.r0); r <= Math.min(sp.rect.r1, written.r1) && !hit; r++)
      for (let c = Math.max(sp.rect.c0, written.c0); c <= Math.min(sp.rect.c1, written.c1); c++)
        if (!(r === sp.row && c === sp.col) && getCell(sheet, r, c) !== undefined) hit = true;
    if (!hit) continue;
    for (let r = sp.rect.r0; r <= sp.rect.r1; r++)
      for (let c = sp.rect.c0; c <= sp.rect.c1; c++)
        if (!(r >= written.r0 && r <= written.r1 && c >= written.c0 && c <= written.c1)) setCell(sheet, r, c, undefined);
    setCell(sheet, sp.row, sp.col, '#SPILL!');
    sp.rect = { r0: sp.row, r1: sp.row, c0: sp.col, c1: sp.col };
  }
}
