// The Excel object model over the in-memory workbook: only what the adapter uses, strict
// where Excel is strict (names, grid bounds, array shapes, tables that may not overlap).
import { cellName, checkRect, contains, MAX_COLS, overlaps, parseLocal, quoteSheet, rectAddress, splitSheet, type Rect } from './address';
import { interpretInput } from './cells';
import { FakeRequestContext } from './context';
import { fail } from './errors';
import {
  addTable,
  blockSpills,
  DEFAULT_COLUMN_WIDTH,
  checkMerges,
  checkStructure,
  checkUnprotected,
  mergeAt,
  checkSheetName,
  checkTableName,
  clearRect,
  findName,
  findSheet,
  getCell,
  key,
  layerValue,
  liveTables,
  newSheet,
  normalizeHeaders,
  pushLayer,
  setCell,
  shiftColumns,
  tableHeaders,
  usedRect,
  type ChartData,
  type ChartSeriesData,
  type ConditionalFormatData,
  type FakeWorkbookData,
  type Hyperlink,
  type NameData,
  type Scalar,
  type SheetData,
  type TableData,
} from './model';
import { FakeClientResult, FakeCollection, FakeProxy } from './proxy';

interface RangeTarget {
  sheet: SheetData;
  rect: Rect;
}

const liveSheet = (s: SheetData): SheetData => (s.deleted ? fail('ItemNotFound', `The sheet "${s.name}" has been deleted.`) : s);
const rowsOf = (r: Rect) => r.r1 - r.r0 + 1;
const colsOf = (r: Rect) => r.c1 - r.c0 + 1;

function grid<T>(rect: Rect, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = new Array(rowsOf(rect));
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row: T[] = new Array(colsOf(rect));
    for (let c = rect.c0; c <= rect.c1; c++) row[c - rect.c0] = f(r, c);
    out[r - rect.r0] = row;
  }
  return out;
}

function checkShape(rect: Rect, v: unknown): unknown[][] {
  if (!Array.isArray(v) || v.length !== rowsOf(rect) || v.some((row) => !Array.isArray(row) || row.length !== colsOf(rect)))
    fail(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rowsOf(rect)} × ${colsOf(rect)}).`,
    );
  return v as unknown[][];
}

function cellValue(sheet: SheetData, r: number, c: number): Scalar {
  // A merged area's value is its top-left cell's; Range.values gives "" for its other cells
  // (Range.values: "If the specified range contains ... merged cells, ... the value of the
  // top-left cell"; the others read empty, as in the grid).
  if (sheet.merges.length) {
    const m = mergeAt(sheet, r, c);
    if (m && (m.r0 !== r || m.c0 !== c)) return '';
  }
  const v = getCell(sheet, r, c);
  return v === undefined ? '' : v;
}

function writeGrid(wb: FakeWorkbookData, t: RangeTarget, v: unknown, asFormula: boolean): void {
  const rows = checkShape(t.rect, v);
  const sheet = liveSheet(t.sheet);
  checkUnprotected(sheet);
  checkMerges(sheet, t.rect);
  const touched = new Set<TableData>();
  for (let i = 0; i < rows.length; i++) {
    const r = t.rect.r0 + i;
    const row = rows[i];
    for (let j = 0; j < row.length; j++) {
      const c = t.rect.c0 + j;
      // A whole merged area was written: only its top-left cell keeps a value.
      const m = sheet.merges.length ? mergeAt(sheet, r, c) : undefined;
      if (m && (m.r0 !== r || m.c0 !== c)) continue;
      const entry = interpretInput(row[j], layerValue(sheet.numberFormat, r, c) === '@', asFormula);
      if (!entry) continue;
      setCell(sheet, r, c, entry.value);
      if (entry.formula) sheet.formulas.set(key(r, c), entry.formula);
      else sheet.formulas.delete(key(r, c));
    }
  }
  blockSpills(sheet, t.rect);
  // Excel keeps a table's headers unique, non-empty text, whatever is written over them.
  for (const tb of liveTables(wb))
    if (tb.sheet === sheet && tb.rect.r0 >= t.rect.r0 && tb.rect.r0 <= t.rect.r1 && tb.rect.c0 <= t.rect.c1 && tb.rect.c1 >= t.rect.c0) touched.add(tb);
  touched.forEach(normalizeHeaders);
}

// ---- workbook ---------------------------------------------------------------------------

export class ExcelContext extends FakeRequestContext {
  readonly workbook = new Workbook(this);
  readonly application = this.workbook.application;
}

export class Application extends FakeProxy<FakeWorkbookData> {
  protected readonly _loadable = { calculationMode: () => 'Automatic' };
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue({ run: () => void (this.context.suspended.calculation = true) });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context.enqueue({ run: () => void (this.context.suspended.screen = true) });
  }
}

export class Workbook extends FakeProxy<FakeWorkbookData> {
  protected readonly _loadable = {
    name: () => 'Book1.xlsx',
    // Workbook.readOnly (ExcelApi 1.8): "Returns true if the workbook is open in read-only mode."
    readOnly: (wb: FakeWorkbookData) => !!wb.readOnly,
  };
  /** Workbook.protection (ExcelApi 1.7): structure protection. */
  readonly protection: WorkbookProtection;
  readonly application: Application;
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly names: NamedItemCollection;
  readonly settings: SettingCollection;
  readonly functions: Functions;
  constructor(context: FakeRequestContext) {
    super(context, context.host.workbook);
    const wb = context.host.workbook;
    this.application = new Application(context, wb);
    this.worksheets = new WorksheetCollection(context);
    this.tables = new TableCollection(context, null);
    this.names = new NamedItemCollection(context);
    this.settings = new SettingCollection(context);
    this.functions = new Functions(context);
    this.protection = new WorkbookProtection(context, wb);
  }
  get readOnly(): boolean {
    return this._prop('readOnly') as boolean;
  }
  getSelectedRange(): Range {
    return new Range(this.context, () => {
      const wb = this.context.host.workbook;
      const sel = wb.selection;
      const sheet = sel && wb.sheets.find((s) => s.id === sel.sheet && !s.deleted);
      if (sheet && sel) return { sheet, rect: sel.rect };
      const active = wb.sheets.find((s) => s.id === wb.activeSheet && !s.deleted) ?? wb.sheets.find((s) => !s.deleted);
      return active ? { sheet: active, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } } : fail('InvalidSelection', 'Nothing is selected.');
    });
  }
}

/** WorkbookProtection (ExcelApi 1.7): `protected` says whether the structure is locked. */
export class WorkbookProtection extends FakeProxy<FakeWorkbookData> {
  protected readonly _loadable = { protected: (wb: FakeWorkbookData) => !!wb.protected };
  get protected(): boolean {
    return this._prop('protected') as boolean;
  }
  protect(): void {
    this._call((wb) => (wb.protected ? fail('InvalidOperation', 'The workbook is already protected.') : (wb.protected = true)));
  }
  unprotect(): void {
    this._call((wb) => (wb.protected = false));
  }
}

/** WorksheetProtection (ExcelApi 1.2): `protected` says whether the sheet is locked. */
export class WorksheetProtection extends FakeProxy<SheetData> {
  protected readonly _loadable = { protected: (s: SheetData) => s.protected };
  constructor(context: FakeRequestContext, ws: Worksheet) {
    super(context, () => ws._sheet(), false, true);
  }
  get protected(): boolean {
    return this._prop('protected') as boolean;
  }
  protect(): void {
    this._call((s) => (s.protected = true));
  }
  unprotect(): void {
    this._call((s) => (s.protected = false));
  }
}

/** Worksheet functions (ExcelApi 1.2); only DATE, whose serial depends on the date system. */
export class Functions {
  constructor(readonly context: FakeRequestContext) {}
  date(year: number, month: number, day: number): FunctionResult {
    return new FunctionResult(this.context, this.context.host.workbook, () => {
      const wb = this.context.host.workbook;
      const epoch = wb.dateSystem === 1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
      return Math.round((Date.UTC(year, month - 1, day) - epoch) / 86_400_000);
    });
  }
}

export class FunctionResult extends FakeProxy<FakeWorkbookData> {
  protected readonly _loadable: Record<string, (t: FakeWorkbookData) => unknown>;
  constructor(context: FakeRequestContext, wb: FakeWorkbookData, compute: () => number) {
    super(context, wb);
    this._loadable = { value: () => compute(), error: () => null };
  }
  get value(): number {
    return this._prop('value') as number;
  }
  get error(): string | null {
    return this._prop('error') as string | null;
  }
}

// ---- worksheets -------------------------------------------------------------------------

export class WorksheetCollection extends FakeCollection<SheetData, Worksheet> {
  private get wb() {
    return this.context.host.workbook;
  }
  protected _list() {
    return this.wb.sheets.filter((s) => !s.deleted);
  }
  protected _wrap(s: SheetData) {
    return new Worksheet(this.context, s);
  }
  add(name?: string): Worksheet {
    return new Worksheet(
      this.context,
      () => {
        let n = name;
        if (n === undefined || n === null) {
          let i = 1;
          while (findSheet(this.wb, `Sheet${i}`)) i++;
          n = `Sheet${i}`;
        }
        checkStructure(this.wb);
        const s = newSheet(this.wb, checkSheetName(this.wb, n));
        this.wb.activeSheet = s.id;
        return s;
      },
    );
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.context, () => findSheet(this.wb, name) ?? fail('ItemNotFound', `The sheet "${name}" does not exist.`));
  }
  getItemOrNullObject(name: string): Worksheet {
    return new Worksheet(this.context, () => findSheet(this.wb, name), true);
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () => this._list().find((s) => s.id === this.wb.activeSheet) ?? this._list()[0] ?? null);
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.context.enqueue({ run: () => ({ data: 0, commit: () => r._resolve(this._list().length) }) });
    return r;
  }
}

export class Worksheet extends FakeProxy<SheetData> {
  protected readonly _loadable = {
    name: (s: SheetData) => s.name,
    id: (s: SheetData) => `{${s.id}}`,
    visibility: (s: SheetData) => s.visibility,
    tabColor: (s: SheetData) => s.tabColor,
    position: (s: SheetData) => this.context.host.workbook.sheets.filter((x) => !x.deleted).indexOf(s),
  };
  readonly tables: TableCollection;
  readonly charts: ChartCollection;
  readonly freezePanes: FreezePanes;
  readonly protection: WorksheetProtection;
  constructor(context: FakeRequestContext, resolve: (() => SheetData | null) | SheetData, nullable = false) {
    super(context, resolve, nullable);
    this.protection = new WorksheetProtection(context, this);
    this.tables = new TableCollection(context, this);
    this.charts = new ChartCollection(context, this);
    this.freezePanes = new FreezePanes(context, this);
  }
  /** The sheet, for objects created from this one (resolved when the request runs). */
  _sheet(): SheetData {
    return this._t();
  }
  get name(): string {
    return this._prop('name') as string;
  }
  set name(v: string) {
    this._set('name', v, (s) => {
      checkStructure(this.context.host.workbook);
      s.name = checkSheetName(this.context.host.workbook, v, s);
    });
  }
  get visibility(): string {
    return this._prop('visibility') as string;
  }
  set visibility(v: string) {
    this._set('visibility', v, (s) => {
      checkStructure(this.context.host.workbook);
      s.visibility = v as SheetData['visibility'];
    });
  }
  get tabColor(): string {
    return this._prop('tabColor') as string;
  }
  set tabColor(v: string) {
    this._set('tabColor', v, (s) => {
      if (v !== '' && !/^#[0-9A-Fa-f]{6}$/.test(v)) fail('InvalidArgument', `"${v}" is not a color.`);
      s.tabColor = v;
    });
  }
  get position(): number {
    return this._prop('position') as number;
  }
  delete(): void {
    this._call((s) => {
      const wb = this.context.host.workbook;
      checkStructure(wb);
      if (wb.sheets.filter((x) => !x.deleted && x.visibility === 'Visible' && x !== s).length === 0)
        fail('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      s.deleted = true;
      wb.tables.forEach((t) => t.sheet === s && (t.deleted = true));
      wb.names = wb.names.filter((n) => n.sheet !== s);
      if (wb.activeSheet === s.id) wb.activeSheet = wb.sheets.find((x) => !x.deleted)?.id ?? -1;
    });
  }
  activate(): void {
    this._call((s) => (this.context.host.workbook.activeSheet = s.id), undefined, false);
  }
  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const sheet = this._t();
      if (address === undefined || address === '') return { sheet, rect: { r0: 0, c0: 0, r1: 1_048_575, c1: MAX_COLS - 1 } };
      const { sheet: other, local } = splitSheet(address);
      if (other !== undefined && other.toLowerCase() !== sheet.name.toLowerCase()) fail('InvalidArgument', 'The address refers to another sheet.');
      return { sheet, rect: parseLocal(local) };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return new Range(this.context, () => ({
      sheet: this._t(),
      rect: checkRect({ r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 }),
    }));
  }
  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(valuesOnly?: boolean): Range {
    return new Range(this.context, () => {
      const sheet = this._t();
      return { sheet, rect: usedRect(sheet, !!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return new Range(
      this.context,
      () => {
        const sheet = this._t();
        const rect = usedRect(sheet, !!valuesOnly);
        return rect ? { sheet, rect } : null;
      },
      true,
    );
  }
}

export class FreezePanes {
  constructor(
    readonly context: FakeRequestContext,
    private readonly ws: Worksheet,
  ) {}
  private q(f: (s: SheetData) => void) {
    this.context.enqueue({ write: true, run: () => f(this.ws._sheet()) });
  }
  freezeRows(count = 1): void {
    this.q((s) => (s.freeze = { rows: count, cols: 0 }));
  }
  freezeColumns(count = 1): void {
    this.q((s) => (s.freeze = { rows: 0, cols: count }));
  }
  freezeAt(range: Range | string): void {
    this.q((s) => {
      const rect = typeof range === 'string' ? parseLocal(splitSheet(range).local) : range._range().rect;
      s.freeze = { rows: rect.r1 + 1, cols: rect.c1 + 1 };
    });
  }
  unfreeze(): void {
    this.q((s) => (s.freeze = { rows: 0, cols: 0 }));
  }
}

// ---- ranges -----------------------------------------------------------------------------

export class Range extends FakeProxy<RangeTarget> {
  protected readonly _loadable = {
    address: (t: RangeTarget) => `${quoteSheet(t.sheet.name)}!${rectAddress(t.rect)}`,
    addressLocal: (t: RangeTarget) => `${quoteSheet(t.sheet.name)}!${rectAddress(t.rect)}`,
    rowIndex: (t: RangeTarget) => t.rect.r0,
    columnIndex: (t: RangeTarget) => t.rect.c0,
    rowCount: (t: RangeTarget) => rowsOf(t.rect),
    columnCount: (t: RangeTarget) => colsOf(t.rect),
    cellCount: (t: RangeTarget) => rowsOf(t.rect) * colsOf(t.rect),
    values: (t: RangeTarget) => grid(t.rect, (r, c) => cellValue(liveSheet(t.sheet), r, c)),
    formulas: (t: RangeTarget) => grid(t.rect, (r, c) => t.sheet.formulas.get(key(r, c)) ?? cellValue(t.sheet, r, c)),
    numberFormat: (t: RangeTarget) => grid(t.rect, (r, c) => layerValue(t.sheet.numberFormat, r, c) ?? 'General'),
    text: (t: RangeTarget) => grid(t.rect, (r, c) => String(cellValue(t.sheet, r, c))),
    hyperlink: (t: RangeTarget) => t.sheet.hyperlinks.get(key(t.rect.r0, t.rect.c0)) ?? null,
    // Range.rowHidden (ExcelApi 1.2): true when every row is hidden, null when some are. Hidden
    // (filtered) rows are still in `values`: hiding is display only.
    rowHidden: (t: RangeTarget) => {
      let hidden = 0;
      for (let r = t.rect.r0; r <= t.rect.r1; r++) if (t.sheet.hiddenRows.has(r)) hidden++;
      return hidden === 0 ? false : hidden === rowsOf(t.rect) ? true : null;
    },
  };
  readonly format: RangeFormat;
  readonly conditionalFormats: ConditionalFormatCollection;
  constructor(context: FakeRequestContext, resolve: (() => RangeTarget | null) | RangeTarget, nullable = false) {
    super(context, resolve, nullable);
    this.format = new RangeFormat(context, this);
    this.conditionalFormats = new ConditionalFormatCollection(context, this);
  }
  _range(): RangeTarget {
    const t = this._t();
    liveSheet(t.sheet);
    return t;
  }
  private get wb() {
    return this.context.host.workbook;
  }
  get address(): string {
    return this._prop('address') as string;
  }
  get rowIndex(): number {
    return this._prop('rowIndex') as number;
  }
  get columnIndex(): number {
    return this._prop('columnIndex') as number;
  }
  get rowCount(): number {
    return this._prop('rowCount') as number;
  }
  get columnCount(): number {
    return this._prop('columnCount') as number;
  }
  get text(): string[][] {
    return this._prop('text') as string[][];
  }
  get rowHidden(): boolean | null {
    return this._prop('rowHidden') as boolean | null;
  }
  set rowHidden(v: boolean) {
    this._set('rowHidden', v, () => {
      const t = this._range();
      checkUnprotected(t.sheet);
      if (typeof v !== 'boolean') fail('InvalidArgument', 'rowHidden takes true or false.');
      for (let r = t.rect.r0; r <= t.rect.r1; r++) {
        if (v) t.sheet.hiddenRows.add(r);
        else t.sheet.hiddenRows.delete(r);
      }
    });
  }
  get values(): unknown[][] {
    return this._prop('values') as unknown[][];
  }
  set values(v: unknown[][]) {
    this._set('values', v, () => writeGrid(this.wb, this._range(), v, false));
  }
  get formulas(): unknown[][] {
    return this._prop('formulas') as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this._set('formulas', v, () => writeGrid(this.wb, this._range(), v, true));
  }
  get numberFormat(): unknown[][] {
    return this._prop('numberFormat') as unknown[][];
  }
  set numberFormat(v: unknown[][]) {
    this._set('numberFormat', v, () => {
      const t = this._range();
      checkUnprotected(t.sheet);
      const rows = checkShape(t.rect, v);
      const first = rows[0][0];
      if (rows.every((row) => row.every((x) => x === first))) pushLayer(t.sheet.numberFormat, t.rect, first === null ? undefined : String(first));
      else
        rows.forEach((row, i) =>
          row.forEach((x, j) => {
            if (x !== null) {
              const r = t.rect.r0 + i;
              const c = t.rect.c0 + j;
              pushLayer(t.sheet.numberFormat, { r0: r, r1: r, c0: c, c1: c }, String(x));
            }
          }),
        );
    });
  }
  get hyperlink(): Hyperlink | null {
    return this._prop('hyperlink') as Hyperlink | null;
  }
  set hyperlink(v: Hyperlink | null) {
    this._set('hyperlink', v, () => {
      const t = this._range();
      checkUnprotected(t.sheet);
      for (let r = t.rect.r0; r <= t.rect.r1; r++)
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          if (!v) {
            t.sheet.hyperlinks.delete(key(r, c));
            continue;
          }
          if (!v.address && !v.documentReference) fail('InvalidArgument', 'A hyperlink needs an address or a document reference.');
          t.sheet.hyperlinks.set(key(r, c), { ...v });
          if (v.textToDisplay !== undefined) setCell(t.sheet, r, c, v.textToDisplay === '' ? undefined : v.textToDisplay);
        }
    });
  }
  get worksheet(): Worksheet {
    return new Worksheet(this.context, () => this._range().sheet);
  }
  private derived(f: (t: RangeTarget) => Rect): Range {
    return new Range(this.context, () => {
      const t = this._range();
      return { sheet: t.sheet, rect: checkRect(f(t)) };
    });
  }
  getCell(row: number, column: number): Range {
    return this.derived((t) => ({ r0: t.rect.r0 + row, c0: t.rect.c0 + column, r1: t.rect.r0 + row, c1: t.rect.c0 + column }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived((t) => ({ ...t.rect, r1: t.rect.r1 + deltaRows, c1: t.rect.c1 + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived((t) => ({ r0: t.rect.r0 + rowOffset, r1: t.rect.r1 + rowOffset, c0: t.rect.c0 + columnOffset, c1: t.rect.c1 + columnOffset }));
  }
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this._call(() => {
      const t = this._range();
      checkUnprotected(t.sheet);
      if (applyTo !== 'Formats') checkMerges(t.sheet, t.rect);
      clearRect(t.sheet, t.rect, applyTo);
      if (applyTo !== 'Formats') for (const tb of liveTables(this.wb)) if (tb.sheet === t.sheet && t.rect.r0 <= tb.rect.r0 && t.rect.r1 >= tb.rect.r0) normalizeHeaders(tb);
    });
  }
  /** Range.merge (ExcelApi 1.2): the top-left cell keeps its value, the others are emptied. */
  merge(across = false): void {
    this._call(() => {
      const t = this._range();
      checkUnprotected(t.sheet);
      const areas = across ? Array.from({ length: rowsOf(t.rect) }, (_, i) => ({ ...t.rect, r0: t.rect.r0 + i, r1: t.rect.r0 + i })) : [t.rect];
      for (const a of areas) {
        t.sheet.merges = t.sheet.merges.filter((m) => !overlaps(m, a));
        for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) if (r !== a.r0 || c !== a.c0) setCell(t.sheet, r, c, undefined);
        if (rowsOf(a) * colsOf(a) > 1) t.sheet.merges.push({ ...a });
      }
    });
  }
  unmerge(): void {
    this._call(() => {
      const t = this._range();
      checkUnprotected(t.sheet);
      t.sheet.merges = t.sheet.merges.filter((m) => !overlaps(m, t.rect));
    });
  }
  /** Range.getMergedAreasOrNullObject (ExcelApi 1.13). As Excel does (OfficeDev/office-js#3611),
   *  only merged areas whose top-left cell lies in this range are returned. */
  getMergedAreasOrNullObject(): RangeAreas {
    return new RangeAreas(
      this.context,
      () => {
        const t = this._range();
        const rects = t.sheet.merges.filter((m) => m.r0 >= t.rect.r0 && m.r0 <= t.rect.r1 && m.c0 >= t.rect.c0 && m.c0 <= t.rect.c1);
        if (rects.length > 512) fail('InvalidOperation', 'More than 512 merged areas.');
        return rects.length ? { sheet: t.sheet, rects } : null;
      },
      true,
    );
  }
  select(): void {
    this._call((t) => {
      this.wb.selection = { sheet: t.sheet.id, rect: { ...t.rect } };
      this.wb.activeSheet = t.sheet.id;
    }, undefined, false);
  }
}

/** RangeAreas: several blocks of one sheet; `address` lists them comma-separated. */
export class RangeAreas extends FakeProxy<{ sheet: SheetData; rects: Rect[] }> {
  protected readonly _loadable = {
    address: (t: { sheet: SheetData; rects: Rect[] }) => t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${rectAddress(r)}`).join(','),
    areaCount: (t: { sheet: SheetData; rects: Rect[] }) => t.rects.length,
  };
  get address(): string {
    return this._prop('address') as string;
  }
  get areaCount(): number {
    return this._prop('areaCount') as number;
  }
}

/** The widths of a range's columns in points: one number when they agree, else null (as Excel answers). */
function columnWidthsOf(t: RangeTarget): { width: number | null; standard: boolean | null } {
  const ws = new Set<number>();
  const std = new Set<boolean>();
  for (let c = t.rect.c0; c <= t.rect.c1; c++) {
    const w = t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
    ws.add(w);
    std.add(w === DEFAULT_COLUMN_WIDTH);
  }
  return { width: ws.size === 1 ? [...ws][0] : null, standard: std.size === 1 ? [...std][0] : null };
}

export class RangeFormat extends FakeProxy<RangeTarget> {
  protected readonly _loadable = {
    columnWidth: (t: RangeTarget) => columnWidthsOf(t).width,
    useStandardWidth: (t: RangeTarget) => columnWidthsOf(t).standard,
  };
  readonly fill: RangeFill;
  readonly font: RangeFont;
  constructor(
    context: FakeRequestContext,
    readonly range: Range,
  ) {
    super(context, () => range._range(), false, true);
    this.fill = new RangeFill(context, range);
    this.font = new RangeFont(context, range);
  }
  get columnWidth(): number {
    return this._prop('columnWidth') as number;
  }
  get useStandardWidth(): boolean {
    return this._prop('useStandardWidth') as boolean;
  }
  set columnWidth(w: number) {
    this.context.enqueue(
      {
        write: true,
        run: () => {
          const t = this.range._range();
          checkUnprotected(t.sheet);
          if (!(w >= 0 && w <= 255 * 7.5)) fail('InvalidArgument', 'Column width out of range.');
          for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.set(c, w);
        },
      },
      w,
    );
  }
  /** Like Excel: only `true` does anything (the columns go back to the sheet's standard width). */
  set useStandardWidth(v: boolean) {
    this.context.enqueue(
      {
        write: true,
        run: () => {
          const t = this.range._range();
          checkUnprotected(t.sheet);
          if (v) for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.delete(c);
        },
      },
      v,
    );
  }
  set horizontalAlignment(v: string) {
    this.context.enqueue(
      {
        write: true,
        run: () => {
          const t = this.range._range();
          checkUnprotected(t.sheet);
          if (!['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'].includes(v)) fail('InvalidArgument', 'Unknown horizontal alignment.');
          pushLayer(t.sheet.align, t.rect, v);
        },
      },
      v,
    );
  }
  set indentLevel(v: number) {
    this.context.enqueue(
      {
        write: true,
        run: () => {
          const t = this.range._range();
          checkUnprotected(t.sheet);
          if (!(Number.isInteger(v) && v >= 0 && v <= 250)) fail('InvalidArgument', 'Indent level out of range.');
          pushLayer(t.sheet.indent, t.rect, v);
        },
      },
      v,
    );
  }
  autofitColumns(): void {
    this.context.enqueue({ write: true, run: () => void this.range._range() });
  }
}

const COLOR = /^#[0-9A-Fa-f]{6}$/;
function checkColor(v: string): string {
  if (!COLOR.test(v)) fail('InvalidArgument', `"${v}" is not a color the fake accepts (#RRGGBB).`);
  return v.toUpperCase();
}

function uniform<T>(layers: { rect: Rect; value: T | undefined }[], t: RangeTarget): T | null {
  const first = layerValue(layers, t.rect.r0, t.rect.c0);
  for (let r = t.rect.r0; r <= Math.min(t.rect.r1, t.rect.r0 + 200); r++)
    for (let c = t.rect.c0; c <= t.rect.c1; c++) if (layerValue(layers, r, c) !== first) return null;
  return first ?? null;
}

export class RangeFill extends FakeProxy<RangeTarget> {
  protected readonly _loadable = { color: (t: RangeTarget) => uniform(t.sheet.fill, t) ?? '#FFFFFF' };
  constructor(context: FakeRequestContext, range: Range) {
    super(context, () => range._range(), false, true);
  }
  get color(): string {
    return this._prop('color') as string;
  }
  set color(v: string) {
    this._set('color', v, (t) => {
      checkUnprotected(t.sheet);
      pushLayer(t.sheet.fill, t.rect, checkColor(v));
    });
  }
  clear(): void {
    this._call((t) => pushLayer(t.sheet.fill, t.rect, undefined));
  }
}

const UNDERLINES = ['None', 'Single', 'Double', 'SingleAccountant', 'DoubleAccountant'];

export class RangeFont extends FakeProxy<RangeTarget> {
  protected readonly _loadable = {
    color: (t: RangeTarget) => uniform(t.sheet.fontColor, t) ?? '#000000',
    bold: (t: RangeTarget) => uniform(t.sheet.bold, t) ?? false,
    underline: (t: RangeTarget) => uniform(t.sheet.underline, t) ?? 'None',
  };
  constructor(context: FakeRequestContext, range: Range) {
    super(context, () => range._range(), false, true);
  }
  get color(): string {
    return this._prop('color') as string;
  }
  set color(v: string) {
    this._set('color', v, (t) => {
      checkUnprotected(t.sheet);
      pushLayer(t.sheet.fontColor, t.rect, checkColor(v));
    });
  }
  get bold(): boolean {
    return this._prop('bold') as boolean;
  }
  set bold(v: boolean) {
    this._set('bold', v, (t) => {
      checkUnprotected(t.sheet);
      pushLayer(t.sheet.bold, t.rect, !!v);
    });
  }
  get underline(): string {
    return this._prop('underline') as string;
  }
  set underline(v: string) {
    this._set('underline', v, (t) => {
      if (!UNDERLINES.includes(v)) fail('InvalidArgument', `"${v}" is not an underline style.`);
      pushLayer(t.sheet.underline, t.rect, v === 'None' ? undefined : v);
    });
  }
}

// ---- conditional formats ----------------------------------------------------------------

export class ConditionalFormatCollection {
  constructor(
    readonly context: FakeRequestContext,
    private readonly range: Range,
  ) {}
  add(type: string): ConditionalFormat {
    const cf = new ConditionalFormat(this.context, () => {
      const t = this.range._range();
      checkUnprotected(t.sheet);
      if (!['ColorScale', 'DataBar', 'IconSet', 'Custom', 'CellValue'].includes(type)) fail('InvalidArgument', `Unknown conditional format type "${type}".`);
      const data: ConditionalFormatData = { type, rect: { ...t.rect } };
      t.sheet.conditionalFormats.push(data);
      return data;
    });
    return cf;
  }
  clearAll(): void {
    this.context.enqueue({
      write: true,
      run: () => {
        const t = this.range._range();
        t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !contains(t.rect, cf.rect));
      },
    });
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.context.enqueue({
      run: () => {
        const t = this.range._range();
        const n = t.sheet.conditionalFormats.filter((cf) => contains(t.rect, cf.rect)).length;
        return { data: n, commit: () => r._resolve(n) };
      },
    });
    return r;
  }
}

export class ConditionalFormat extends FakeProxy<ConditionalFormatData> {
  protected readonly _loadable = { type: (c: ConditionalFormatData) => c.type };
  readonly colorScale: { criteria: unknown };
  constructor(context: FakeRequestContext, resolve: () => ConditionalFormatData) {
    super(context, resolve);
    const set = (v: unknown) => this._set('colorScale', v, (c) => checkCriteria(c, v));
    this.colorScale = Object.defineProperty({} as { criteria: unknown }, 'criteria', {
      set,
      get: () => fail('PropertyNotLoaded', 'The fake does not load colorScale.criteria.'),
      enumerable: true,
    });
  }
}

type Criterion = { type?: string; color?: string; formula?: string };
const CRITERION_TYPES = ['LowestValue', 'HighestValue', 'Number', 'Percent', 'Formula', 'Percentile'];

function checkCriterion(x: Criterion): void {
  if (!x.type || !CRITERION_TYPES.includes(x.type)) fail('InvalidArgument', `"${String(x.type)}" is not a color scale criterion type.`);
  if (!['LowestValue', 'HighestValue'].includes(x.type) && (x.formula === undefined || x.formula === null || x.formula === ''))
    fail('InvalidArgument', `A "${x.type}" criterion needs a formula.`);
  if (x.color) checkColor(x.color);
}

function checkCriteria(c: ConditionalFormatData, v: unknown): void {
  if (c.type !== 'ColorScale') fail('InvalidArgument', 'Only a color scale has colorScale criteria.');
  const crit = v as { minimum?: Criterion; midpoint?: Criterion; maximum?: Criterion };
  if (!crit?.minimum?.type || !crit?.maximum?.type) fail('InvalidArgument', 'A color scale needs a minimum and a maximum.');
  checkCriterion(crit.minimum);
  if (crit.midpoint) checkCriterion(crit.midpoint);
  checkCriterion(crit.maximum);
  c.criteria = JSON.parse(JSON.stringify(v));
}

// ---- tables -----------------------------------------------------------------------------

export class TableCollection extends FakeCollection<TableData, Table> {
  constructor(
    context: FakeRequestContext,
    private readonly ws: Worksheet | null,
  ) {
    super(context);
  }
  private get wb() {
    return this.context.host.workbook;
  }
  protected _list() {
    const all = liveTables(this.wb);
    return this.ws ? all.filter((t) => t.sheet === this.ws!._sheet()) : all;
  }
  protected _wrap(t: TableData) {
    return new Table(this.context, t);
  }
  add(address: Range | string, hasHeaders: boolean): Table {
    return new Table(this.context, () => {
      if (!hasHeaders) fail('InvalidArgument', 'The fake only creates tables whose first row holds the headers.');
      let target: RangeTarget;
      if (typeof address === 'string') {
        const { sheet: sheetName, local } = splitSheet(address);
        const sheet = sheetName !== undefined ? findSheet(this.wb, sheetName) : this.ws?._sheet();
        if (!sheet) fail('InvalidArgument', `The table address "${address}" does not name a sheet.`);
        target = { sheet, rect: parseLocal(local) };
      } else target = address._range();
      if (this.ws && target.sheet !== this.ws._sheet()) fail('InvalidArgument', 'The range is on another sheet.');
      checkUnprotected(target.sheet);
      checkMerges(target.sheet, target.rect);
      return addTable(this.wb, liveSheet(target.sheet), target.rect);
    });
  }
  getItem(name: string): Table {
    return new Table(this.context, () => {
      const t = this._list().find((x) => x.name.toLowerCase() === name.toLowerCase());
      return t ?? fail('ItemNotFound', `The table "${name}" does not exist.`);
    });
  }
  getItemOrNullObject(name: string): Table {
    return new Table(this.context, () => this._list().find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null, true);
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.context.enqueue({ run: () => ({ data: 0, commit: () => r._resolve(this._list().length) }) });
    return r;
  }
}

export class Table extends FakeProxy<TableData> {
  protected readonly _loadable = {
    name: (t: TableData) => t.name,
    id: (t: TableData) => `{${t.id}}`,
    style: (t: TableData) => t.style,
    // Table.showHeaders / showTotals (ExcelApi 1.1): the header row and the totals row shown.
    showHeaders: (t: TableData) => t.showHeaders,
    showTotals: (t: TableData) => t.showTotals,
  };
  readonly columns: TableColumnCollection;
  constructor(context: FakeRequestContext, resolve: (() => TableData | null) | TableData, nullable = false) {
    super(context, resolve, nullable);
    this.columns = new TableColumnCollection(context, this);
  }
  _table(): TableData {
    const t = this._t();
    if (t.sheet.deleted) fail('ItemNotFound', `The table "${t.name}" has been deleted.`);
    return t;
  }
  get name(): string {
    return this._prop('name') as string;
  }
  set name(v: string) {
    this._set('name', v, (t) => (t.name = checkTableName(this.context.host.workbook, v, t)));
  }
  get style(): string {
    return this._prop('style') as string;
  }
  set style(v: string) {
    this._set('style', v, (t) => {
      if (!/^TableStyle(Light|Medium|Dark)\d{1,2}$/.test(v) && v !== '') fail('InvalidArgument', `Unknown table style "${v}".`);
      t.style = v;
    });
  }
  get worksheet(): Worksheet {
    return new Worksheet(this.context, () => this._table().sheet);
  }
  private part(f: (t: TableData) => Rect | null): Range {
    return new Range(this.context, () => {
      const t = this._table();
      const rect = f(t);
      return rect ? { sheet: t.sheet, rect } : fail('ItemNotFound', 'The table has no data rows.');
    });
  }
  get showHeaders(): boolean {
    return this._prop('showHeaders') as boolean;
  }
  get showTotals(): boolean {
    return this._prop('showTotals') as boolean;
  }
  /** Table.getRange: "the entire table" — header row (when shown), data body and totals row (when shown). */
  getRange(): Range {
    return this.part((t) => t.rect);
  }
  /** Table.getHeaderRowRange. With the header row turned off there is none to give (the fake
   *  fails; Excel's documentation does not say, and the adapter never asks then). */
  getHeaderRowRange(): Range {
    return this.part((t) => (t.showHeaders ? { ...t.rect, r1: t.rect.r0 } : null));
  }
  /** Table.getDataBodyRange: the rows between the header row and the totals row (each when shown). */
  getDataBodyRange(): Range {
    // Excel keeps one (empty) body row in a table with no data.
    return this.part((t) => {
      const r0 = t.rect.r0 + (t.showHeaders ? 1 : 0);
      return { ...t.rect, r0, r1: Math.max(t.rect.r1 - (t.showTotals ? 1 : 0), r0) };
    });
  }
  /** Table.getTotalRowRange: the last row while the totals row is shown. */
  getTotalRowRange(): Range {
    return this.part((t) => (t.showTotals ? { ...t.rect, r0: t.rect.r1 } : null));
  }
  delete(): void {
    this._call((t) => {
      checkUnprotected(t.sheet);
      clearRect(t.sheet, t.rect, 'All');
      t.deleted = true;
    });
  }
}

interface ColumnTarget {
  table: TableData;
  id: number; // sheet column at resolution; rechecked by name
  name: string;
}

export class TableColumnCollection extends FakeCollection<ColumnTarget, TableColumn> {
  constructor(
    context: FakeRequestContext,
    private readonly table: Table,
  ) {
    super(context);
  }
  protected _list() {
    const t = this.table._table();
    return tableHeaders(t).map((name, i) => ({ table: t, id: t.rect.c0 + i, name }));
  }
  protected _wrap(c: ColumnTarget) {
    return new TableColumn(this.context, c);
  }
  add(index?: number | null, values?: unknown, name?: string): TableColumn {
    return new TableColumn(this.context, () => {
      const t = this.table._table();
      checkUnprotected(t.sheet);
      const count = colsOf(t.rect);
      const at = index === undefined || index === null || index === -1 ? count : index;
      if (!Number.isInteger(at) || at < 0 || at > count) fail('InvalidArgument', 'Column index out of range.');
      if (t.rect.c1 + 1 >= MAX_COLS) fail('InvalidArgument', 'No room for another column.');
      const headers = tableHeaders(t).map((h) => h.toLowerCase());
      if (name !== undefined && name !== null && headers.includes(String(name).toLowerCase()))
        fail('InvalidArgument', `The table already has a column "${name}".`);
      let rows: unknown[][] | null = null;
      if (values !== undefined && values !== null) {
        rows = checkShape({ r0: t.rect.r0, r1: t.rect.r1, c0: 0, c1: 0 }, values);
      }
      const col = t.rect.c0 + at;
      shiftColumns(t.sheet, t.rect.r0, t.rect.r1, col, 1);
      t.rect = { ...t.rect, c1: t.rect.c1 + 1 };
      let header = name ?? (rows ? String(rows[0][0]) : '');
      if (header === '' || headers.includes(header.toLowerCase())) {
        let i = count + 1;
        while (headers.includes(`column${i}`)) i++;
        header = header === '' ? `Column${i}` : `${header}${i}`;
      }
      setCell(t.sheet, t.rect.r0, col, header);
      if (rows)
        for (let i = 1; i < rows.length; i++) {
          const e = interpretInput(rows[i][0], false, false);
          if (e) setCell(t.sheet, t.rect.r0 + i, col, e.value);
        }
      return { table: t, id: col, name: header };
    });
  }
  getItem(key: string | number): TableColumn {
    return new TableColumn(this.context, () => this.find(key) ?? fail('ItemNotFound', `The table column "${key}" does not exist.`));
  }
  getItemOrNullObject(key: string | number): TableColumn {
    return new TableColumn(this.context, () => this.find(key), true);
  }
  private find(k: string | number): ColumnTarget | null {
    const list = this._list();
    return (typeof k === 'number' ? list[k] : list.find((c) => c.name.toLowerCase() === String(k).toLowerCase())) ?? null;
  }
}

export class TableColumn extends FakeProxy<ColumnTarget> {
  protected readonly _loadable = {
    name: (c: ColumnTarget) => this.col(c).name,
    index: (c: ColumnTarget) => this.col(c).id - c.table.rect.c0,
  };
  /** Re-finds the column by name: earlier commands may have moved it. */
  private col(c: ColumnTarget): ColumnTarget {
    const t = c.table;
    if (t.deleted || t.sheet.deleted) fail('ItemNotFound', 'The table has been deleted.');
    const i = tableHeaders(t).findIndex((h) => h.toLowerCase() === c.name.toLowerCase());
    if (i < 0) fail('ItemNotFound', `The table column "${c.name}" does not exist.`);
    return { table: t, id: t.rect.c0 + i, name: tableHeaders(t)[i] };
  }
  get name(): string {
    return this._prop('name') as string;
  }
  set name(v: string) {
    this._set('name', v, (c) => {
      const cur = this.col(c);
      if (tableHeaders(c.table).some((h, i) => i !== cur.id - c.table.rect.c0 && h.toLowerCase() === v.toLowerCase()))
        fail('InvalidArgument', `The table already has a column "${v}".`);
      setCell(c.table.sheet, c.table.rect.r0, cur.id, v);
      c.name = v;
    });
  }
  private part(f: (t: TableData, col: number) => Rect): Range {
    return new Range(this.context, () => {
      const cur = this.col(this._t());
      return { sheet: cur.table.sheet, rect: f(cur.table, cur.id) };
    });
  }
  getRange(): Range {
    return this.part((t, c) => ({ r0: t.rect.r0, r1: t.rect.r1, c0: c, c1: c }));
  }
  getHeaderRowRange(): Range {
    return this.part((t, c) => ({ r0: t.rect.r0, r1: t.rect.r0, c0: c, c1: c }));
  }
  getDataBodyRange(): Range {
    return this.part((t, c) => ({ r0: t.rect.r0 + 1, r1: Math.max(t.rect.r1, t.rect.r0 + 1), c0: c, c1: c }));
  }
  delete(): void {
    this._call((c) => {
      const cur = this.col(c);
      const t = cur.table;
      checkUnprotected(t.sheet);
      if (colsOf(t.rect) === 1) fail('InvalidOperation', 'A table keeps at least one column.');
      shiftColumns(t.sheet, t.rect.r0, t.rect.r1, cur.id, -1);
      t.rect = { ...t.rect, c1: t.rect.c1 - 1 };
    });
  }
}

// ---- charts -----------------------------------------------------------------------------

const CHART_TYPES = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'BarClustered',
  'BarStacked',
  'Line',
  'LineMarkers',
  'Pie',
  'Doughnut',
  'Area',
  'XYScatter',
  'Pareto',
]);

function chartType(v: string): string {
  if (!CHART_TYPES.has(v)) fail('InvalidArgument', `Unknown chart type "${v}".`);
  return v;
}

interface ChartTarget {
  sheet: SheetData;
  chart: ChartData;
}

export class ChartCollection extends FakeCollection<ChartTarget, Chart> {
  constructor(
    context: FakeRequestContext,
    private readonly ws: Worksheet,
  ) {
    super(context);
  }
  protected _list() {
    const sheet = this.ws._sheet();
    return sheet.charts.map((chart) => ({ sheet, chart }));
  }
  protected _wrap(t: ChartTarget) {
    return new Chart(this.context, t);
  }
  add(type: string, sourceData: Range, seriesBy: string = 'Auto'): Chart {
    return new Chart(this.context, () => {
      const sheet = this.ws._sheet();
      checkUnprotected(sheet);
      const src = sourceData._range();
      const wb = this.context.host.workbook;
      const byRows = seriesBy === 'Rows';
      const n = byRows ? rowsOf(src.rect) : colsOf(src.rect);
      const series: ChartSeriesData[] = Array.from({ length: n }, (_, i) => ({
        name: `Series${i + 1}`,
        values: {
          sheet: src.sheet.name,
          rect: byRows ? { ...src.rect, r0: src.rect.r0 + i, r1: src.rect.r0 + i } : { ...src.rect, c0: src.rect.c0 + i, c1: src.rect.c0 + i },
        },
      }));
      const chart: ChartData = {
        id: wb.nextId++,
        name: `Chart ${wb.nextId}`,
        chartType: chartType(type),
        title: '',
        series,
        legend: { visible: true, position: 'Right' },
      };
      sheet.charts.push(chart);
      return { sheet, chart };
    });
  }
  getItem(name: string): Chart {
    return new Chart(this.context, () => this._list().find((c) => c.chart.name === name) ?? fail('ItemNotFound', `The chart "${name}" does not exist.`));
  }
  getItemOrNullObject(name: string): Chart {
    return new Chart(this.context, () => this._list().find((c) => c.chart.name === name) ?? null, true);
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.context.enqueue({ run: () => ({ data: 0, commit: () => r._resolve(this._list().length) }) });
    return r;
  }
}

export class Chart extends FakeProxy<ChartTarget> {
  protected readonly _loadable = {
    name: (t: ChartTarget) => t.chart.name,
    chartType: (t: ChartTarget) => t.chart.chartType,
  };
  readonly title: { text: string; visible: boolean };
  readonly legend: { visible: boolean; position: string };
  readonly series: ChartSeriesCollection;
  readonly axes: { categoryAxis: ChartAxis; valueAxis: ChartAxis; getItem(type: string, group?: string): ChartAxis };
  constructor(context: FakeRequestContext, resolve: (() => ChartTarget | null) | ChartTarget, nullable = false) {
    super(context, resolve, nullable);
    const axis = (type: string, group = 'Primary') => {
      if (!['Category', 'Value', 'Series'].includes(type) || !['Primary', 'Secondary'].includes(group)) fail('InvalidArgument', 'Unknown chart axis.');
      return new ChartAxis(context, this, `${type}/${group}`);
    };
    this.axes = { categoryAxis: axis('Category'), valueAxis: axis('Value'), getItem: axis };
    this.title = chartPart<{ text: string; visible: boolean }>(context, this, { text: (t, v) => (t.chart.title = String(v)), visible: () => undefined });
    this.legend = chartPart<{ visible: boolean; position: string }>(context, this, {
      visible: (t, v) => (t.chart.legend.visible = !!v),
      position: (t, v) => {
        if (!['Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom', 'Invalid'].includes(String(v))) fail('InvalidArgument', 'Unknown legend position.');
        t.chart.legend.position = String(v);
      },
    });
    this.series = new ChartSeriesCollection(context, this);
  }
  _chart(): ChartTarget {
    const t = this._t();
    if (t.sheet.deleted || !t.sheet.charts.includes(t.chart)) fail('ItemNotFound', 'The chart has been deleted.');
    return t;
  }
  get name(): string {
    return this._prop('name') as string;
  }
  set name(v: string) {
    this._set('name', v, (t) => {
      if (typeof v !== 'string' || v.length === 0 || v.length > 255) fail('InvalidArgument', 'Invalid chart name.');
      t.chart.name = v;
    });
  }
  set chartType(v: string) {
    this._set('chartType', v, (t) => (t.chart.chartType = chartType(v)));
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._call((t) => {
      const addr = (x: Range | string) => (typeof x === 'string' ? rectAddress(parseLocal(splitSheet(x).local)) : rectAddress(x._range().rect));
      t.chart.position = { start: addr(startCell), end: endCell === undefined ? undefined : addr(endCell) };
    });
  }
  delete(): void {
    this._call(() => {
      const t = this._chart();
      checkUnprotected(t.sheet);
      t.sheet.charts = t.sheet.charts.filter((c) => c !== t.chart);
    });
  }
}

/** A chart axis: only its title can be set (what the adapter does). */
export class ChartAxis {
  readonly title: { text: string; visible: boolean };
  constructor(context: FakeRequestContext, chart: Chart, key: string) {
    this.title = chartPart<{ text: string; visible: boolean }>(context, chart, {
      text: (t, v) => (t.chart.axisTitles = { ...t.chart.axisTitles, [key]: String(v) }),
      visible: () => undefined,
    });
  }
}

/** A settable part of a chart (title, legend): each property applies through a setter. */
function chartPart<P extends object>(context: FakeRequestContext, chart: Chart, setters: { [K in keyof P]: (t: ChartTarget, v: unknown) => void }): P {
  const part = {} as P;
  for (const k of Object.keys(setters) as (keyof P & string)[])
    Object.defineProperty(part, k, {
      enumerable: true,
      set: (v: unknown) => context.enqueue({ write: true, run: () => setters[k](chart._chart(), v) }, v),
      get: () => fail('PropertyNotLoaded', `The fake does not load chart.${k}.`),
    });
  return part;
}

export class ChartSeriesCollection {
  constructor(
    readonly context: FakeRequestContext,
    private readonly chart: Chart,
  ) {}
  add(name?: string, index?: number): ChartSeries {
    return new ChartSeries(this.context, () => {
      const t = this.chart._chart();
      const s: ChartSeriesData = { name: name ?? `Series${t.chart.series.length + 1}` };
      const at = index === undefined ? t.chart.series.length : index;
      t.chart.series.splice(at, 0, s);
      return { ...t, series: s };
    });
  }
  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, () => {
      const t = this.chart._chart();
      const s = t.chart.series[index] ?? fail('ItemNotFound', `The chart has no series ${index}.`);
      return { ...t, series: s };
    });
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.context.enqueue({
      run: () => {
        const n = this.chart._chart().chart.series.length;
        return { data: n, commit: () => r._resolve(n) };
      },
    });
    return r;
  }
}

export class ChartSeries extends FakeProxy<ChartTarget & { series: ChartSeriesData }> {
  protected readonly _loadable = { name: (t: ChartTarget & { series: ChartSeriesData }) => t.series.name };
  get name(): string {
    return this._prop('name') as string;
  }
  set name(v: string) {
    this._set('name', v, (t) => (t.series.name = String(v)));
  }
  set chartType(v: string) {
    this._set('chartType', v, (t) => (t.series.chartType = chartType(v)));
  }
  set hasDataLabels(v: boolean) {
    this._set('hasDataLabels', v, (t) => (t.series.dataLabels = !!v));
  }
  get dataLabels(): { showValue: boolean } {
    const part = {} as { showValue: boolean };
    Object.defineProperty(part, 'showValue', { enumerable: true, set: (v: unknown) => this._set('dataLabels.showValue', v, () => undefined) });
    return part;
  }
  set axisGroup(v: string) {
    this._set('axisGroup', v, (t) => {
      if (v !== 'Primary' && v !== 'Secondary') fail('InvalidArgument', 'axisGroup is Primary or Secondary.');
      t.series.axisGroup = v;
    });
  }
  private ref(r: Range): { sheet: string; rect: Rect } {
    const t = r._range();
    if (rowsOf(t.rect) > 1 && colsOf(t.rect) > 1) fail('InvalidArgument', 'A series takes one row or one column.');
    return { sheet: t.sheet.name, rect: { ...t.rect } };
  }
  setValues(source: Range): void {
    this._call((t) => (t.series.values = this.ref(source)));
  }
  setXAxisValues(source: Range): void {
    this._call((t) => (t.series.xValues = this.ref(source)));
  }
  delete(): void {
    this._call((t) => (t.chart.series = t.chart.series.filter((s) => s !== t.series)));
  }
}

// ---- names and settings -----------------------------------------------------------------

export class NamedItemCollection extends FakeCollection<NameData, NamedItem> {
  private get wb() {
    return this.context.host.workbook;
  }
  protected _list() {
    return this.wb.names.filter((n) => !n.sheet.deleted);
  }
  protected _wrap(n: NameData) {
    return new NamedItem(this.context, n);
  }
  add(name: string, reference: Range | string): NamedItem {
    return new NamedItem(this.context, () => {
      checkTableName(this.wb, name);
      let target: RangeTarget;
      if (typeof reference === 'string') {
        const { sheet, local } = splitSheet(reference.replace(/^=/, ''));
        const s = sheet !== undefined ? findSheet(this.wb, sheet) : null;
        if (!s) fail('InvalidArgument', `The reference "${reference}" does not name a sheet.`);
        target = { sheet: s, rect: parseLocal(local) };
      } else target = reference._range();
      const n: NameData = { name, sheet: target.sheet, rect: target.rect };
      this.wb.names.push(n);
      return n;
    });
  }
  getItem(name: string): NamedItem {
    return new NamedItem(this.context, () => findName(this.wb, name) ?? fail('ItemNotFound', `The name "${name}" does not exist.`));
  }
  getItemOrNullObject(name: string): NamedItem {
    return new NamedItem(this.context, () => findName(this.wb, name), true);
  }
}

export class NamedItem extends FakeProxy<NameData> {
  protected readonly _loadable = {
    name: (n: NameData) => n.name,
    type: () => 'Range',
    value: (n: NameData) => `${quoteSheet(n.sheet.name)}!${rectAddress(n.rect)}`,
    formula: (n: NameData) => `=${quoteSheet(n.sheet.name)}!$${rectAddress(n.rect).replace(/([A-Z]+)(\d+)/g, '$1$$$2')}`,
    visible: () => true,
  };
  get name(): string {
    return this._prop('name') as string;
  }
  get value(): string {
    return this._prop('value') as string;
  }
  getRange(): Range {
    return new Range(this.context, () => {
      const n = this._t();
      return { sheet: liveSheet(n.sheet), rect: n.rect };
    });
  }
  getRangeOrNullObject(): Range {
    return new Range(this.context, () => (this._target && !this._target.sheet.deleted ? { sheet: this._target.sheet, rect: this._target.rect } : null), true);
  }
  delete(): void {
    this._call((n) => (this.context.host.workbook.names = this.context.host.workbook.names.filter((x) => x !== n)));
  }
}

interface SettingTarget {
  key: string;
}

export class SettingCollection extends FakeCollection<SettingTarget, Setting> {
  private get map() {
    return this.context.host.workbook.settings;
  }
  protected _list() {
    return [...this.map.keys()].map((key) => ({ key }));
  }
  protected _wrap(t: SettingTarget) {
    return new Setting(this.context, t);
  }
  add(key: string, value: unknown): Setting {
    const s = new Setting(this.context, () => {
      if (typeof key !== 'string' || key.length === 0 || key.length > 255) fail('InvalidArgument', 'Invalid setting key.');
      if (value === undefined) fail('InvalidArgument', 'A setting needs a value.');
      this.map.set(key, JSON.parse(JSON.stringify(value)));
      return { key };
    }, false, value);
    return s;
  }
  getItem(key: string): Setting {
    return new Setting(this.context, () => (this.map.has(key) ? { key } : fail('ItemNotFound', `The setting "${key}" does not exist.`)));
  }
  getItemOrNullObject(key: string): Setting {
    return new Setting(this.context, () => (this.map.has(key) ? { key } : null), true);
  }
}

export class Setting extends FakeProxy<SettingTarget> {
  protected readonly _loadable = {
    key: (s: SettingTarget) => s.key,
    value: (s: SettingTarget) => this.context.host.workbook.settings.get(s.key),
  };
  constructor(context: FakeRequestContext, resolve: (() => SettingTarget | null) | SettingTarget, nullable = false, payload?: unknown) {
    super(context, resolve, nullable);
    // The value travels with the request that adds it.
    if (payload !== undefined) context.enqueue({ write: true, run: () => undefined }, payload);
  }
  get key(): string {
    return this._prop('key') as string;
  }
  get value(): unknown {
    return this._prop('value');
  }
  set value(v: unknown) {
    this._set('value', v, (s) => this.context.host.workbook.settings.set(s.key, JSON.parse(JSON.stringify(v))));
  }
  delete(): void {
    this._call((s) => this.context.host.workbook.settings.delete(s.key));
  }
}

export { cellName };
