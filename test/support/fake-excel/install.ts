// Entry points: a fake Excel for Node tests (createFakeExcel) and the same fake installed as
// the globals `Excel`, `Office` and `OfficeExtension` of a page (installFakeOffice), so the
// task pane bundle runs against it in a browser.
import { parseLocal, splitSheet } from './address';
import { newStats, PAYLOAD_LIMIT, type FakeStats } from './context';
import { ErrorCodes, fail, FakeOfficeError } from './errors';
import { addTable, emptyWorkbook, findSheet, newSheet, setCell, tableHeaders, type FakeWorkbookData } from './model';
import { ExcelContext } from './objects';

export interface FakeOptions {
  /** Bytes per request and per response; Excel on the web allows 5 MB. */
  payloadLimit?: number;
  /** Highest ExcelApi requirement set supported, e.g. "1.9" (default "1.17"). */
  apiVersion?: string;
  /** Office.context.displayLanguage (default "en-US"). */
  language?: string;
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string };
  platform?: string;
}

export type Batch<T> = (context: ExcelContext) => Promise<T>;

export interface FakeExcel {
  workbook: FakeWorkbookData;
  stats: FakeStats;
  run<T>(batch: Batch<T>): Promise<T>;
  isSetSupported(name: string, version?: string): boolean;
  resetStats(): void;
}

function versionAtMost(version: string | undefined, max: string): boolean {
  if (!version) return true;
  const [a, b] = version.split('.').map(Number);
  const [x, y] = max.split('.').map(Number);
  return a < x || (a === x && (b || 0) <= (y || 0));
}

export function createFakeExcel(workbook: FakeWorkbookData = emptyWorkbook(), opts: FakeOptions = {}): FakeExcel {
  const host = { workbook, stats: newStats(), payloadLimit: opts.payloadLimit ?? PAYLOAD_LIMIT };
  const apiVersion = opts.apiVersion ?? '1.17';
  const fake: FakeExcel = {
    workbook,
    get stats() {
      return host.stats;
    },
    async run<T>(batch: Batch<T>): Promise<T> {
      if (typeof batch !== 'function') fail('InvalidArgument', 'Excel.run needs a batch function.');
      host.stats.runs = (host.stats.runs ?? 0) + 1;
      const context = new ExcelContext(host);
      const result = await batch(context);
      // Excel.run sends whatever is still queued when the batch's promise resolves.
      if (context.pending > 0) await context.sync();
      return result;
    },
    isSetSupported(name: string, version?: string) {
      return name === 'ExcelApi' && versionAtMost(version, apiVersion);
    },
    resetStats() {
      host.stats = newStats();
    },
  } as FakeExcel;
  return fake;
}

export interface InstalledFake extends FakeExcel {
  /** Functions registered with Office.actions.associate (ribbon commands). */
  actions: Map<string, (event: { completed(): void }) => unknown>;
  uninstall(): void;
}

const ENUMS = {
  ChartType: { columnClustered: 'ColumnClustered', barClustered: 'BarClustered', line: 'Line', pie: 'Pie', pareto: 'Pareto' },
  ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
  ChartAxisGroup: { primary: 'Primary', secondary: 'Secondary' },
  ChartLegendPosition: { top: 'Top', bottom: 'Bottom', left: 'Left', right: 'Right' },
  ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents' },
  ConditionalFormatType: { colorScale: 'ColorScale', dataBar: 'DataBar', custom: 'Custom' },
  ConditionalFormatColorCriterionType: { lowestValue: 'LowestValue', highestValue: 'HighestValue', number: 'Number', percent: 'Percent', formula: 'Formula', percentile: 'Percentile' },
  RangeUnderlineStyle: { none: 'None', single: 'Single', double: 'Double', singleAccountant: 'SingleAccountant', doubleAccountant: 'DoubleAccountant' },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  ErrorCodes,
};

/** Defines Excel, Office and OfficeExtension on `target` (window or globalThis). */
export function installFakeOffice(target: typeof globalThis, workbook: FakeWorkbookData = emptyWorkbook(), opts: FakeOptions = {}): InstalledFake {
  const fake = createFakeExcel(workbook, opts) as InstalledFake;
  const actions = new Map<string, (event: { completed(): void }) => unknown>();
  fake.actions = actions;
  const g = target as unknown as Record<string, unknown>;
  const previous = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
  g.Excel = { ...ENUMS, run: (a: unknown, b?: unknown) => fake.run((typeof a === 'function' ? a : b) as Batch<unknown>) };
  g.OfficeExtension = { Error: FakeOfficeError, ErrorCodes };
  const info = { host: 'Excel', platform: opts.platform ?? 'OfficeOnline' };
  g.Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    onReady: (cb?: (i: typeof info) => void) => {
      if (cb) cb(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: { isSetSupported: (name: string, version?: string) => fake.isSetSupported(name, version) },
      displayLanguage: opts.language ?? 'en-US',
      contentLanguage: opts.language ?? 'en-US',
      officeTheme: opts.officeTheme ?? {
        bodyBackgroundColor: '#FFFFFF',
        bodyForegroundColor: '#000000',
        controlBackgroundColor: '#FFFFFF',
        controlForegroundColor: '#000000',
      },
      host: 'Excel',
      platform: info.platform,
    },
    actions: { associate: (name: string, fn: (event: { completed(): void }) => unknown) => void actions.set(name, fn) },
    addin: {
      showAsTaskpane: () => Promise.resolve(),
      hide: () => Promise.resolve(),
      onVisibilityModeChanged: () => Promise.resolve(() => Promise.resolve()),
    },
  };
  fake.uninstall = () => Object.assign(g, previous);
  return fake;
}

// ---- building and inspecting workbooks ---------------------------------------------------

export type GridValue = string | number | boolean | null;

export interface GridSheet {
  name: string;
  rows: GridValue[][];
  /** Top-left cell of the grid (default A1). */
  at?: { row: number; col: number };
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
}

export interface WorkbookExtras {
  /** `address` covers the whole table: header row (unless showHeaders is false), body, and
   *  totals row (when showTotals). */
  tables?: { name: string; sheet: string; address: string; style?: string; showHeaders?: boolean; showTotals?: boolean }[];
  names?: { name: string; sheet: string; address: string }[];
  settings?: Record<string, unknown>;
  dateSystem?: 1900 | 1904;
  /** Merged areas ("B2:D2"); their cells other than the top-left are emptied, as Excel does. */
  merges?: { sheet: string; address: string }[];
  /** Sheets with Protect Sheet on. */
  protectedSheets?: string[];
  /** Workbook structure protected, and/or opened read-only. */
  protectedStructure?: boolean;
  readOnly?: boolean;
  /** 0-based rows hidden (e.g. by a filter). */
  hiddenRows?: { sheet: string; rows: number[] }[];
  /** Dynamic-array results: the anchor cell and the values it spills (anchor first). */
  spills?: { sheet: string; anchor: string; values: (string | number)[][] }[];
}

/** A workbook holding the given grids as plain cell content (strings stay text). */
function applyExtras(wb: FakeWorkbookData, extras: WorkbookExtras): void {
  const sheet = (name: string) => findSheet(wb, name) ?? fail('ItemNotFound', `No sheet ${name}`);
  for (const m of extras.merges ?? []) {
    const s = sheet(m.sheet);
    const rect = parseLocal(m.address);
    for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) if (r !== rect.r0 || c !== rect.c0) setCell(s, r, c, undefined);
    s.merges.push(rect);
  }
  for (const name of extras.protectedSheets ?? []) sheet(name).protected = true;
  for (const h of extras.hiddenRows ?? []) h.rows.forEach((r) => sheet(h.sheet).hiddenRows.add(r));
  for (const sp of extras.spills ?? []) {
    const s = sheet(sp.sheet);
    const at = parseLocal(sp.anchor);
    sp.values.forEach((row, i) => row.forEach((v, j) => setCell(s, at.r0 + i, at.c0 + j, v)));
    s.spills.push({ row: at.r0, col: at.c0, rect: { r0: at.r0, c0: at.c0, r1: at.r0 + sp.values.length - 1, c1: at.c0 + Math.max(...sp.values.map((r) => r.length)) - 1 } });
  }
  if (extras.protectedStructure) wb.protected = true;
  if (extras.readOnly) wb.readOnly = true;
}

export function workbookFromGrids(sheets: GridSheet[], extras: WorkbookExtras = {}): FakeWorkbookData {
  const wb = emptyWorkbook();
  for (const g of sheets) {
    const s = newSheet(wb, g.name);
    if (g.visibility) s.visibility = g.visibility;
    const r0 = g.at?.row ?? 0;
    const c0 = g.at?.col ?? 0;
    g.rows.forEach((row, i) => {
      const out: (string | number | boolean | undefined)[] = new Array(c0 + row.length);
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        out[c0 + j] = v === null || v === '' ? undefined : v;
      }
      s.rows[r0 + i] = out;
    });
  }
  if (wb.sheets.length === 0) newSheet(wb, 'Sheet1');
  wb.activeSheet = wb.sheets[0].id;
  for (const t of extras.tables ?? []) {
    const sheet = findSheet(wb, t.sheet) ?? fail('ItemNotFound', `No sheet ${t.sheet}`);
    const rect = parseLocal(splitSheet(t.address).local);
    const table = addTable(wb, sheet, t.showHeaders === false ? { ...rect, r0: rect.r0 - 1 } : rect);
    if (t.showHeaders === false) {
      // Built with a header row, then turned off: the names stay, the row goes.
      table.hiddenHeaders = tableHeaders(table);
      for (let c = rect.c0; c <= rect.c1; c++) setCell(sheet, rect.r0 - 1, c, undefined);
      table.rect = rect;
      table.showHeaders = false;
    }
    table.showTotals = !!t.showTotals;
    table.name = t.name;
    if (t.style) table.style = t.style;
  }
  applyExtras(wb, extras);
  for (const n of extras.names ?? []) {
    const sheet = findSheet(wb, n.sheet) ?? fail('ItemNotFound', `No sheet ${n.sheet}`);
    wb.names.push({ name: n.name, sheet, rect: parseLocal(n.address) });
  }
  for (const [k, v] of Object.entries(extras.settings ?? {})) wb.settings.set(k, v);
  if (extras.dateSystem) wb.dateSystem = extras.dateSystem;
  return wb;
}
