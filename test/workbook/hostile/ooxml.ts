// A small OOXML package writer for the hostile corpus: every part is written here by hand, so a
// case can hold exactly what Excel itself writes (VBA projects, pivot caches, slicers, legacy
// VML notes, x14 extensions…) and nothing a library would add or drop. Output is deterministic:
// fixed entry dates, fixed order, fixed compression.
import JSZip from 'jszip';
import type { Prim } from './data';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  x14ac: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac',
  x14: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main',
  xm: 'http://schemas.microsoft.com/office/excel/2006/main',
  pkgRels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
};

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  coreProps: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extProps: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  chartsheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  theme: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  vbaProject: 'http://schemas.microsoft.com/office/2006/relationships/vbaProject',
  pivotCacheDefinition: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition',
  pivotCacheRecords: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheRecords',
  pivotTable: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable',
  slicer: 'http://schemas.microsoft.com/office/2007/relationships/slicer',
  slicerCache: 'http://schemas.microsoft.com/office/2007/relationships/slicerCache',
  externalLink: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink',
  externalLinkPath: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath',
  customXml: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml',
  customXmlProps: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps',
  hyperlink: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink',
  customProps: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties',
  printerSettings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings',
  image: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image',
};

export const CT = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  workbookMacro: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  chartsheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  vba: 'application/vnd.ms-office.vbaProject',
  pivotCacheDefinition: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml',
  pivotCacheRecords: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml',
  pivotTable: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml',
  slicer: 'application/vnd.ms-excel.slicer+xml',
  slicerCache: 'application/vnd.ms-excel.slicerCache+xml',
  externalLink: 'application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml',
  customXmlProps: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  custom: 'application/vnd.openxmlformats-officedocument.custom-properties+xml',
  printerSettings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings',
  png: 'image/png',
};

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/** 0-based column → letters. */
export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
export const ref = (r: number, c: number) => `${colName(c)}${r + 1}`;
export const area = (r: number, c: number, rows: number, cols: number) => `${ref(r, c)}:${ref(r + rows - 1, c + cols - 1)}`;

/** A cell: a value, a styled value, a formula (with cached value), or rich text (raw <r> runs). */
export type Cell = Prim | { v: Prim; s: number } | { f: string; v?: Prim; s?: number } | { rich: string; s?: number };

/** The worksheet's children in CT_Worksheet order; a case fills the ones it needs. */
export const WS_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
  'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF',
  'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
] as const;
export type WsElement = (typeof WS_ORDER)[number];

export interface TableSpec {
  name: string;
  /** 0-based top-left cell and size (header row and totals row included). */
  row: number;
  col: number;
  rows: number;
  columns: string[];
  headerRow?: boolean;
  /** Totals row: per column a label or a function (sum, count, average…). */
  totals?: ({ label: string } | { fn: string })[];
  style?: string;
  autoFilter?: boolean;
  /** Calculated column formulas by column index. */
  calculated?: Record<number, string>;
}

export interface SheetSpec {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** Placed blocks of cells: top-left (0-based) and rows. */
  blocks: { row: number; col: number; rows: Cell[][] }[];
  tables?: TableSpec[];
  /** Raw worksheet children by element (may use r:id placeholders returned by addRel). */
  xml?: Partial<Record<Exclude<WsElement, 'sheetData' | 'dimension' | 'tableParts'>, string>>;
  /** Extra attributes of <row> by 0-based row (e.g. ht, customHeight, hidden). */
  rowAttrs?: Record<number, string>;
  /** A chartsheet instead of a worksheet: its raw XML (no cells). */
  chartsheetXml?: string;
}

export interface BookSpec {
  sheets: SheetSpec[];
  date1904?: boolean;
  macro?: boolean;
  /** Raw children of <workbook> besides sheets: workbookPr extras, protection, definedNames, pivotCaches, extLst. */
  workbookProtection?: string;
  /** Raw XML right after workbookPr (e.g. Excel's mc:AlternateContent absPath). */
  afterWorkbookPr?: string;
  externalReferences?: string;
  /** A theme other than the default Office one. */
  themeXml?: string;
  definedNames?: string;
  pivotCaches?: string;
  workbookExtLst?: string;
  /** Extra <styles.xml>; default: a small Excel-like one. */
  stylesXml?: string;
  /** Write strings inline instead of a shared-strings table. */
  inlineStrings?: boolean;
  /** Called after the base package is assembled: adds feature parts and relationships. */
  extend?: (pkg: Pkg) => WorkbookExtras | void;
}

/** Workbook-level XML a feature contributes while the package is built. */
export type WorkbookExtras = Partial<Pick<BookSpec, 'definedNames' | 'pivotCaches' | 'workbookExtLst' | 'externalReferences'>>;

const FIXED_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/** The package being built: parts in order, relationships per part, content types. */
export class Pkg {
  readonly parts = new Map<string, string | Uint8Array>();
  readonly rels = new Map<string, { id: string; type: string; target: string; external?: boolean }[]>();
  readonly overrides = new Map<string, string>();
  readonly defaults = new Map<string, string>([
    ['rels', 'application/vnd.openxmlformats-package.relationships+xml'],
    ['xml', 'application/xml'],
  ]);
  /** Sheet part path by sheet name. */
  readonly sheetPath = new Map<string, string>();
  /** Worksheet children added after the base build, by sheet name. */
  readonly sheetXml = new Map<string, Partial<Record<WsElement, string>>>();

  add(path: string, content: string | Uint8Array, contentType?: string): void {
    this.parts.set(path, content);
    if (contentType) this.overrides.set(`/${path}`, contentType);
  }

  /** Adds a relationship from a part (or '' for the package) and returns its id. */
  rel(from: string, type: string, target: string, opts: { id?: string; external?: boolean } = {}): string {
    const list = this.rels.get(from) ?? [];
    const id = opts.id ?? `rId${list.length + 1}`;
    list.push({ id, type, target, ...(opts.external ? { external: true } : {}) });
    this.rels.set(from, list);
    return id;
  }

  /** Adds (or extends) a worksheet child of a sheet built by the base builder. */
  sheetChild(sheet: string, el: WsElement, xml: string): void {
    const m = this.sheetXml.get(sheet) ?? {};
    m[el] = (m[el] ?? '') + xml;
    this.sheetXml.set(sheet, m);
  }

  async zip(): Promise<Buffer> {
    const zip = new JSZip();
    const opts = { date: FIXED_DATE, createFolders: false };
    const defaults = [...this.defaults].map(([e, t]) => `<Default Extension="${e}" ContentType="${t}"/>`).join('');
    const overrides = [...this.overrides].map(([p, t]) => `<Override PartName="${esc(p)}" ContentType="${t}"/>`).join('');
    zip.file('[Content_Types].xml', `${HEAD}<Types xmlns="${NS.ct}">${defaults}${overrides}</Types>`, opts);
    for (const [from, list] of this.rels) {
      const i = from.lastIndexOf('/');
      const path = from === '' ? '_rels/.rels' : `${from.slice(0, i + 1)}_rels/${from.slice(i + 1)}.rels`;
      const body = list.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${esc(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`).join('');
      zip.file(path, `${HEAD}<Relationships xmlns="${NS.pkgRels}">${body}</Relationships>`, opts);
    }
    for (const [path, content] of this.parts) zip.file(path, content, opts);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
  }
}

export const STYLES = `${HEAD}<styleSheet xmlns="${NS.main}" xmlns:mc="${NS.mc}" mc:Ignorable="x14ac" xmlns:x14ac="${NS.x14ac}"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/** Style ids of STYLES: date, amount, bold. */
export const S = { date: 1, amount: 2, bold: 3 };

export const THEME = `${HEAD}<a:theme xmlns:a="${NS.a}" name="Office Theme"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`;

class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(si: string): number {
    let i = this.index.get(si);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(si);
      this.index.set(si, i);
    }
    return i;
  }
}

const textXml = (s: string) => `<t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${esc(s)}</t>`;

function cellXml(r: number, c: number, cell: Cell, sst: Strings | null): string {
  if (cell === null) return '';
  const at = ref(r, c);
  const obj = typeof cell === 'object' ? cell : null;
  const s = obj && 's' in obj && obj.s !== undefined ? ` s="${obj.s}"` : '';
  if (obj && 'rich' in obj) return sst ? `<c r="${at}"${s} t="s"><v>${sst.id(obj.rich)}</v></c>` : `<c r="${at}"${s} t="inlineStr"><is>${obj.rich}</is></c>`;
  if (obj && 'f' in obj) {
    const v = obj.v;
    const t = typeof v === 'string' ? ' t="str"' : typeof v === 'boolean' ? ' t="b"' : '';
    const cached = v === undefined || v === null ? '' : `<v>${typeof v === 'boolean' ? (v ? 1 : 0) : esc(String(v))}</v>`;
    return `<c r="${at}"${s}${t}><f>${esc(obj.f)}</f>${cached}</c>`;
  }
  const v = obj && 'v' in obj ? obj.v : (cell as Prim);
  if (v === null) return s ? `<c r="${at}"${s}/>` : '';
  if (typeof v === 'number') return `<c r="${at}"${s}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${at}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (sst) return `<c r="${at}"${s} t="s"><v>${sst.id(textXml(v))}</v></c>`;
  return `<c r="${at}"${s} t="inlineStr"><is>${textXml(v)}</is></c>`;
}

function sheetDataXml(spec: SheetSpec, sst: Strings | null): { xml: string; dim: string } {
  const rows = new Map<number, Map<number, Cell>>();
  for (const b of spec.blocks)
    b.rows.forEach((line, i) =>
      line.forEach((cell, j) => {
        if (cell === null || cell === undefined) return;
        const row = rows.get(b.row + i) ?? new Map<number, Cell>();
        row.set(b.col + j, cell);
        rows.set(b.row + i, row);
      }),
    );
  let r0 = Infinity, r1 = -1, c0 = Infinity, c1 = -1;
  const out: string[] = [];
  for (const r of [...new Set([...rows.keys(), ...Object.keys(spec.rowAttrs ?? {}).map(Number)])].sort((a, b) => a - b)) {
    const cells = [...(rows.get(r) ?? new Map<number, Cell>())].sort(([a], [b]) => a - b);
    const extra = spec.rowAttrs?.[r] ? ` ${spec.rowAttrs[r]}` : '';
    if (cells.length) {
      r0 = Math.min(r0, r); r1 = Math.max(r1, r); c0 = Math.min(c0, cells[0][0]); c1 = Math.max(c1, cells[cells.length - 1][0]);
    }
    const spans = cells.length ? ` spans="${cells[0][0] + 1}:${cells[cells.length - 1][0] + 1}"` : '';
    out.push(`<row r="${r + 1}"${spans}${extra}>${cells.map(([c, v]) => cellXml(r, c, v, sst)).join('')}</row>`);
  }
  const dim = r1 < 0 ? 'A1' : r0 === r1 && c0 === c1 ? ref(r0, c0) : `${ref(r0, c0)}:${ref(r1, c1)}`;
  return { xml: out.length ? `<sheetData>${out.join('')}</sheetData>` : '<sheetData/>', dim };
}

function tableXml(t: TableSpec, id: number): string {
  const header = t.headerRow !== false;
  const reff = area(t.row, t.col, t.rows, t.columns.length);
  const dataEnd = t.totals ? t.rows - 1 : t.rows;
  const af = header && t.autoFilter !== false ? `<autoFilter ref="${area(t.row, t.col, dataEnd, t.columns.length)}"/>` : '';
  const cols = t.columns
    .map((name, i) => {
      const tot = t.totals?.[i];
      const a = tot ? ('label' in tot ? ` totalsRowLabel="${esc(tot.label)}"` : ` totalsRowFunction="${tot.fn}"`) : '';
      const calc = t.calculated?.[i];
      return calc ? `<tableColumn id="${i + 1}" name="${esc(name)}"${a}><calculatedColumnFormula>${esc(calc)}</calculatedColumnFormula></tableColumn>` : `<tableColumn id="${i + 1}" name="${esc(name)}"${a}/>`;
    })
    .join('');
  const attrs = `${header ? '' : ' headerRowCount="0"'}${t.totals ? ' totalsRowCount="1"' : ''}`;
  return `${HEAD}<table xmlns="${NS.main}" id="${id}" name="${esc(t.name)}" displayName="${esc(t.name)}" ref="${reff}"${attrs}>${af}<tableColumns count="${t.columns.length}">${cols}</tableColumns><tableStyleInfo name="${t.style ?? 'TableStyleMedium2'}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
}

/** Assembles the workbook package of a spec. */
export async function buildBook(spec: BookSpec): Promise<Buffer> {
  const pkg = new Pkg();
  const sst = spec.inlineStrings ? null : new Strings();
  const wbPath = 'xl/workbook.xml';
  pkg.rel('', REL.officeDocument, wbPath);
  pkg.rel('', REL.coreProps, 'docProps/core.xml');
  pkg.rel('', REL.extProps, 'docProps/app.xml');
  if (spec.macro) pkg.defaults.set('bin', CT.vba);
  pkg.overrides.set(`/${wbPath}`, spec.macro ? CT.workbookMacro : CT.workbook);
  spec.sheets.forEach((s, i) => {
    const chart = !!s.chartsheetXml;
    const path = chart ? `xl/chartsheets/sheet${i + 1}.xml` : `xl/worksheets/sheet${i + 1}.xml`;
    pkg.sheetPath.set(s.name, path);
  });
  // Features add their parts and worksheet children first (so rel ids are known).
  const extra = spec.extend?.(pkg) ?? {};
  spec = { ...spec, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, (spec[k as keyof WorkbookExtras] ?? '') + (v ?? '')])) };
  let tableId = 0;
  const sheetsXml: string[] = [];
  spec.sheets.forEach((s, i) => {
    const path = pkg.sheetPath.get(s.name)!;
    const rid = pkg.rel(wbPath, s.chartsheetXml ? REL.chartsheet : REL.worksheet, path.replace('xl/', ''), { id: `rId${i + 1}` });
    sheetsXml.push(`<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="${rid}"/>`);
    if (s.chartsheetXml) {
      pkg.add(path, s.chartsheetXml, CT.chartsheet);
      return;
    }
    const children: Partial<Record<WsElement, string>> = { ...s.xml, ...mergeChildren(s.xml ?? {}, pkg.sheetXml.get(s.name) ?? {}) };
    const data = sheetDataXml(s, sst);
    children.dimension = `<dimension ref="${data.dim}"/>`;
    children.sheetData = data.xml;
    children.sheetViews ??= `<sheetViews><sheetView ${i === 0 ? 'tabSelected="1" ' : ''}workbookViewId="0"/></sheetViews>`;
    children.sheetFormatPr ??= '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>';
    children.pageMargins ??= '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    if (s.tables?.length) {
      const ids = s.tables.map((t) => {
        const n = ++tableId;
        pkg.add(`xl/tables/table${n}.xml`, tableXml(t, n), CT.table);
        return pkg.rel(path, REL.table, `../tables/table${n}.xml`);
      });
      children.tableParts = `<tableParts count="${ids.length}">${ids.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`;
    }
    const body = WS_ORDER.map((el) => children[el] ?? '').join('');
    pkg.add(path, `${HEAD}<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}" xmlns:mc="${NS.mc}" mc:Ignorable="x14ac" xmlns:x14ac="${NS.x14ac}">${body}</worksheet>`, CT.worksheet);
  });
  const pr = `<workbookPr${spec.date1904 ? ' date1904="1"' : ''}${spec.macro ? ' codeName="ThisWorkbook"' : ''} defaultThemeVersion="166925"/>`;
  const wb = `${HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.r}" xmlns:mc="${NS.mc}" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>${pr}${spec.afterWorkbookPr ?? ''}${spec.workbookProtection ?? ''}<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${sheetsXml.join('')}</sheets>${spec.externalReferences ?? ''}${spec.definedNames ? `<definedNames>${spec.definedNames}</definedNames>` : ''}<calcPr calcId="191029"/>${spec.pivotCaches ?? ''}${spec.workbookExtLst ?? ''}</workbook>`;
  pkg.add(wbPath, wb);
  const n = spec.sheets.length;
  pkg.add('xl/theme/theme1.xml', spec.themeXml ?? THEME, CT.theme);
  pkg.rel(wbPath, REL.theme, 'theme/theme1.xml', { id: `rId${n + 1}` });
  pkg.add('xl/styles.xml', spec.stylesXml ?? STYLES, CT.styles);
  pkg.rel(wbPath, REL.styles, 'styles.xml', { id: `rId${n + 2}` });
  if (sst) {
    pkg.add('xl/sharedStrings.xml', `${HEAD}<sst xmlns="${NS.main}" count="${sst.list.length}" uniqueCount="${sst.list.length}">${sst.list.map((x) => `<si>${x}</si>`).join('')}</sst>`, CT.sharedStrings);
    pkg.rel(wbPath, REL.sharedStrings, 'sharedStrings.xml', { id: `rId${n + 3}` });
  }
  pkg.add(
    'docProps/core.xml',
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Hostile Corpus</dc:creator><cp:lastModifiedBy>Hostile Corpus</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>`,
    CT.core,
  );
  const names = spec.sheets.map((s) => `<vt:lpstr>${esc(s.name)}</vt:lpstr>`).join('');
  pkg.add(
    'docProps/app.xml',
    `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${names}</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`,
    CT.app,
  );
  // Parts in a stable order: workbook first, then sheets, then the rest as added.
  const order = [wbPath, ...[...pkg.parts.keys()].filter((p) => p !== wbPath)];
  const parts = new Map(order.map((p) => [p, pkg.parts.get(p)!]));
  pkg.parts.clear();
  for (const [p, c] of parts) pkg.parts.set(p, c);
  return pkg.zip();
}

function mergeChildren(a: Partial<Record<WsElement, string>>, b: Partial<Record<WsElement, string>>): Partial<Record<WsElement, string>> {
  const out: Partial<Record<WsElement, string>> = {};
  for (const k of Object.keys(b) as WsElement[]) out[k] = (a[k] ?? '') + b[k];
  return out;
}
