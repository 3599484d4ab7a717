// Carrying out WriteOps on the package, in order, one function per kind of op. Our sheets
// are new parts we render; on a user's sheet we only ever touch the cells the plan owns
// (the checks that they are empty or ours are run.ts's, before any op reaches us).
import { CancelledError, type CellValue, type ChartSpec, type IoOptions, type WriteOp } from '../port';
import { a1, parseRange, quoteSheet, rangeAddress, type Area } from '../a1';
import { WorkbookError } from '../errors';
import { isValidSheetName } from '../../output/sheetNames';
import { isShortDecimal } from '../../output/csv';
import { docOf, findSheet, findTable, sheetOf, sheetOfPath, tableOf, type Book } from './book';
import { CT, REL, relativeTarget, relsPathOf, resolveTarget } from './opc';
import { addSheetEntry, removeSheetEntry } from './workbookPart';
import { SheetDoc, colName } from './sheet';
import { appendColumns, dropColumns, newTableXml, parseTable } from './tablePart';
import { attr, startTags, xmlEscape } from './xml';

type Op<K extends WriteOp['op']> = Extract<WriteOp, { op: K }>;
type Apply<K extends WriteOp['op']> = (book: Book, op: Op<K>) => Promise<void>;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** A sheet of ours: landscape, one page wide (the summary's charts sit right of its tables). */
function newSheetXml(tabColor?: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    `<sheetPr>${tabColor ? `<tabColor rgb="${argb(tabColor)}"/>` : ''}<pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/></worksheet>`
  );
}

async function addSheet(book: Book, op: Op<'addSheet'>): Promise<void> {
  if (!isValidSheetName(op.name)) throw new WorkbookError('sheetNameInvalid', { sheet: op.name });
  if (findSheet(book, op.name)) throw new WorkbookError('sheetExists', { sheet: op.name });
  const path = book.pkg.freeName('xl/worksheets/sheet', '.xml');
  book.pkg.set(path, newSheetXml(op.tabColor));
  await book.pkg.addOverride(path, CT.worksheet);
  book.info.sheets.push(await addSheetEntry(book.pkg, book.wbPath, op.name, path));
}

/** Takes a sheet away with the parts only it used: its tables, drawings and their charts. */
async function deleteSheet(book: Book, op: Op<'deleteSheet'>): Promise<void> {
  const sheet = sheetOf(book, op.name);
  const index = book.info.sheets.indexOf(sheet);
  await removeSheetEntry(book.pkg, book.wbPath, sheet, index, book.info.sheets.length);
  book.info.sheets.splice(index, 1);
  for (const r of await book.pkg.rels(sheet.path)) {
    if (r.external) continue;
    const part = resolveTarget(sheet.path, r.target);
    if (r.type === REL.drawing) for (const c of await book.pkg.rels(part)) if (!c.external) await removePart(book, resolveTarget(part, c.target));
    if (r.type === REL.table || r.type === REL.drawing) await removePart(book, part);
  }
  book.tables = book.tables.filter((t) => t.sheetPath !== sheet.path);
  await removePart(book, sheet.path);
  book.docs.delete(sheet.path);
  book.wholeReads?.delete(sheet.path);
  book.own.charts.delete(sheet.name);
  book.chartsChanged.delete(sheet.name);
}

async function removePart(book: Book, path: string): Promise<void> {
  book.pkg.remove(path);
  book.pkg.remove(relsPathOf(path));
  await book.pkg.removeOverride(path);
}

/** A value as Excel holds it once written: blank for null and non-finite numbers, numbers to 15 significant digits. */
function excelValue(v: CellValue): CellValue {
  if (v === null) return '';
  if (typeof v !== 'number') return v;
  if ((Number.isSafeInteger(v) && Math.abs(v) < 1e15) || isShortDecimal(v)) return v;
  return Number.isFinite(v) ? Number(v.toPrecision(15)) : '';
}

async function values(book: Book, op: Op<'values'>): Promise<void> {
  const doc = await docOf(book, sheetOf(book, op.sheet));
  for (let r = 0; r < op.values.length; r++) doc.putRow(op.row + r, op.col, op.values[r].map(excelValue));
}

async function clear(book: Book, op: Op<'clear'>): Promise<void> {
  (await docOf(book, sheetOf(book, op.sheet))).remove(op.row, op.col, op.rows, op.cols);
  await dropHyperlinks(book, op.sheet, op);
}

async function format(book: Book, op: Op<'format'>): Promise<void> {
  const doc = await docOf(book, sheetOf(book, op.sheet));
  const change = { fill: op.fill, fontColor: op.fontColor, bold: op.bold, underline: op.underline, numberFormat: op.numberFormat, align: op.align, indent: op.indent };
  const memo = new Map<number, number>();
  doc.restyle(op.row, op.col, op.rows, op.cols, (base) => {
    let style = memo.get(base);
    if (style === undefined) memo.set(base, (style = book.styles.indexFor(base, change)));
    return style;
  });
}

/** The sheet's <col> ranges without columns lo..hi (1-based) of the tags `drop` picks, split where that cuts through one. */
function colsWithout(doc: SheetDoc, lo: number, hi: number, drop: (tag: string) => boolean = () => true): string[] {
  const cols: string[] = [];
  for (const { tag } of startTags(doc.element('cols') ?? '', 'col')) {
    const min = Number(attr(tag, 'min'));
    const max = Number(attr(tag, 'max'));
    if (max < lo || min > hi || !drop(tag)) cols.push(tag);
    else {
      if (min < lo) cols.push(tag.replace(/\smax="\d+"/, ` max="${lo - 1}"`));
      if (max > hi) cols.push(tag.replace(/\smin="\d+"/, ` min="${hi + 1}"`));
    }
  }
  return cols;
}

function setCols(doc: SheetDoc, cols: string[]): void {
  cols.sort((a, b) => Number(attr(a, 'min')) - Number(attr(b, 'min')));
  // An empty <cols> is invalid: without ranges the element goes.
  doc.setElement('cols', cols.length ? `<cols>${cols.join('')}</cols>` : '');
}

const colTag = (lo: number, hi: number, width: number) => `<col min="${lo}" max="${hi}" width="${width}" customWidth="1"/>`;

/** Widths of columns; with `onlyStandard`, a column any <col> of the sheet already covers keeps it. */
async function columnWidth(book: Book, op: Op<'columnWidth'>): Promise<void> {
  const doc = await docOf(book, sheetOf(book, op.sheet));
  const lo = op.col + 1;
  const hi = op.col + op.cols;
  if (!op.onlyStandard) return setCols(doc, [...colsWithout(doc, lo, hi), colTag(lo, hi, op.width)]);
  const cols = [...startTags(doc.element('cols') ?? '', 'col')].map((x) => x.tag);
  const covered = (c: number) => cols.some((tag) => Number(attr(tag, 'min')) <= c && c <= Number(attr(tag, 'max')));
  const added: string[] = [];
  for (let c = lo; c <= hi; c++) {
    if (covered(c)) continue;
    let end = c;
    while (end < hi && !covered(end + 1)) end++;
    added.push(colTag(c, end, op.width));
    c = end;
  }
  if (added.length) setCols(doc, [...cols, ...added]);
}

/** Columns back to the default width where they still have the <col> a tier block gave them. */
async function standardWidth(book: Book, op: Op<'standardWidth'>): Promise<void> {
  const doc = await docOf(book, sheetOf(book, op.sheet));
  const ours = (tag: string) => tag.replace(/\s(min|max)="\d+"/g, '') === colTag(0, 0, op.width).replace(/\s(min|max)="\d+"/g, '');
  setCols(doc, colsWithout(doc, op.col + 1, op.col + op.cols, ours));
}

async function hideRows(book: Book, op: Op<'hideRows'>): Promise<void> {
  const doc = await docOf(book, sheetOf(book, op.sheet));
  for (let r = op.row; r < op.row + op.rows; r++) doc.hideRow(r);
}

async function freeze(book: Book, op: Op<'freeze'>): Promise<void> {
  const doc = await docOf(book, sheetOf(book, op.sheet));
  if (op.rows <= 0 && op.cols <= 0) return doc.setElement('sheetViews', '<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  const pane = op.rows > 0 && op.cols > 0 ? 'bottomRight' : op.rows > 0 ? 'bottomLeft' : 'topRight';
  const split = `${op.cols > 0 ? ` xSplit="${op.cols}"` : ''}${op.rows > 0 ? ` ySplit="${op.rows}"` : ''}`;
  doc.setElement(
    'sheetViews',
    `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${a1(op.rows, op.cols)}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${a1(op.rows, op.cols)}" sqref="${a1(op.rows, op.cols)}"/></sheetView></sheetViews>`,
  );
}

async function addTable(book: Book, op: Op<'addTable'>): Promise<void> {
  const sheet = sheetOf(book, op.sheet);
  if (findTable(book, op.name)) throw new WorkbookError('tableExists', { table: op.name });
  const doc = await docOf(book, sheet);
  // Blank or repeated headers become Column1, Column2… and "x2", as Excel names them.
  const headers: string[] = [];
  for (let c = 0; c < op.cols; c++) {
    const v = doc.cell(op.row, op.col + c)?.value;
    let h = v === null || v === undefined || v === '' ? `Column${c + 1}` : String(v);
    for (let n = 2; headers.some((x) => x.toLowerCase() === h.toLowerCase()); n++) h = `${String(v)}${n}`;
    headers.push(h);
    if (h !== v) doc.put(op.row, op.col + c, { value: h });
  }
  const area: Area = { row: op.row, col: op.col, rows: Math.max(2, op.rows), cols: op.cols };
  const id = Math.max(0, ...book.tables.map((t) => t.id)) + 1;
  const path = book.pkg.freeName('xl/tables/table', '.xml');
  const xml = newTableXml({ id, name: op.name, area, headers, style: op.style ?? 'TableStyleMedium2' });
  book.pkg.set(path, xml);
  await book.pkg.addOverride(path, CT.table);
  const rId = await book.pkg.addRel(sheet.path, REL.table, relativeTarget(sheet.path, path));
  book.tables.push(parseTable(xml, path, sheet.path, rId));
  setTableParts(book, doc, sheet.path);
}

function setTableParts(book: Book, doc: SheetDoc, sheetPath: string): void {
  const ids = book.tables.filter((t) => t.sheetPath === sheetPath).map((t) => t.rId);
  doc.setElement('tableParts', ids.length ? `<tableParts count="${ids.length}">${ids.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>` : '');
}

/** A table already gone is skipped, as the Office adapter does. The cells stay. */
async function deleteTable(book: Book, op: Op<'deleteTable'>): Promise<void> {
  const t = findTable(book, op.name);
  if (!t) return;
  book.tables = book.tables.filter((x) => x !== t);
  await book.pkg.removeRels(t.sheetPath, [t.rId]);
  await removePart(book, t.path);
  const sheet = sheetOfPath(book, t.sheetPath);
  if (sheet) setTableParts(book, await docOf(book, sheet), t.sheetPath);
}

async function addTableColumns(book: Book, op: Op<'addTableColumns'>): Promise<void> {
  const t = tableOf(book, op.table);
  const dataRows = t.area.rows - t.headerRows - t.totalsRows;
  if (op.values.length > dataRows) throw new WorkbookError('tableRowsMismatch', { table: t.name, rows: op.values.length, tableRows: dataRows });
  const doc = await docOf(book, sheetOfPath(book, t.sheetPath)!);
  const col = t.area.col + t.area.cols;
  // Cells right of the table move with it only in Excel's UI; here the plan checked they are free.
  if (t.headerRows) op.headers.forEach((h, j) => doc.put(t.area.row, col + j, { value: h }));
  op.values.forEach((line, r) => doc.putRow(t.area.row + t.headerRows + r, col, line.map((v) => v ?? '')));
  const xml = appendColumns(t, op.headers);
  book.pkg.set(t.path, xml);
  Object.assign(t, parseTable(xml, t.path, t.sheetPath, t.rId));
}

/** Columns not in the table (or a table already gone) are skipped; cells right of them move left, as Excel does. */
async function deleteTableColumns(book: Book, op: Op<'deleteTableColumns'>): Promise<void> {
  const t = findTable(book, op.table);
  if (!t) return;
  const { xml, dropped } = dropColumns(t, op.headers);
  if (!dropped.length) return;
  const doc = await docOf(book, sheetOfPath(book, t.sheetPath)!);
  for (const i of [...dropped].sort((a, b) => b - a)) {
    const col = t.area.col + i;
    doc.remove(t.area.row, col, t.area.rows, 1);
    doc.shift(t.area.row, t.area.rows, col + 1, -1, t.area.col + t.area.cols);
  }
  book.pkg.set(t.path, xml);
  Object.assign(t, parseTable(xml, t.path, t.sheetPath, t.rId));
}

/** Replaces the conditional formats within the range (Excel's clearAll on it), as the Office adapter does. */
async function colorScale(book: Book, op: Op<'colorScale'>): Promise<void> {
  const doc = await docOf(book, sheetOf(book, op.sheet));
  const inside = (part: string) => {
    const a = parseRange(part);
    return a.row >= op.row && a.col >= op.col && a.row + a.rows <= op.row + op.rows && a.col + a.cols <= op.col + op.cols;
  };
  const all = doc.elements('conditionalFormatting');
  const kept = all.filter((cf) => !(attr(cf, 'sqref') ?? '').split(/\s+/).every(inside));
  const priority = Math.max(0, ...kept.flatMap((cf) => [...startTags(cf, 'cfRule')].map((r) => Number(attr(r.tag, 'priority') ?? 0)))) + 1;
  const ref = rangeAddress(op.row, op.col, op.rows, op.cols);
  const scale =
    `<conditionalFormatting sqref="${ref}"><cfRule type="colorScale" priority="${priority}"><colorScale>` +
    `<cfvo type="min"/><cfvo type="percentile" val="${op.midPercentile}"/><cfvo type="max"/>` +
    `<color rgb="${argb(op.low)}"/><color rgb="${argb(op.mid)}"/><color rgb="${argb(op.high)}"/></colorScale></cfRule></conditionalFormatting>`;
  doc.setElement('conditionalFormatting', kept.join('') + scale);
}

/** An internal link: a location only (an external relationship would make Excel look for a file). */
async function link(book: Book, op: Op<'link'>): Promise<void> {
  const doc = await docOf(book, sheetOf(book, op.sheet));
  doc.put(op.row, op.col, { value: op.text });
  const ref = a1(op.row, op.col);
  const links = [...startTags(doc.element('hyperlinks') ?? '', 'hyperlink')].map((x) => x.tag).filter((tag) => attr(tag, 'ref') !== ref);
  links.push(`<hyperlink ref="${ref}" location="${xmlEscape(`${quoteSheet(op.targetSheet)}!${op.targetCell}`)}" display="${xmlEscape(op.text)}"/>`);
  doc.setElement('hyperlinks', `<hyperlinks>${links.join('')}</hyperlinks>`);
}

async function dropHyperlinks(book: Book, sheet: string, a: Area): Promise<void> {
  const doc = await docOf(book, sheetOf(book, sheet));
  const links = doc.element('hyperlinks');
  if (!links) return;
  const inside = (tag: string) => {
    const p = parseRange(attr(tag, 'ref') ?? 'A1');
    return p.row >= a.row && p.col >= a.col && p.row < a.row + a.rows && p.col < a.col + a.cols && !attr(tag, 'r:id');
  };
  const tags = [...startTags(links, 'hyperlink')].map((x) => x.tag);
  if (!tags.some(inside)) return;
  const kept = tags.filter((tag) => !inside(tag));
  doc.setElement('hyperlinks', kept.length ? `<hyperlinks>${kept.join('')}</hyperlinks>` : '');
}

async function addChart(book: Book, op: Op<'addChart'>): Promise<void> {
  const sheet = sheetOf(book, op.sheet);
  if (op.chart.series.length === 0) throw new WorkbookError('chartNoSeries', { chart: op.chart.name });
  const list = (book.own.charts.get(sheet.name) ?? []).filter((c) => c.name !== op.chart.name);
  list.push(JSON.parse(JSON.stringify(op.chart)) as ChartSpec);
  book.own.charts.set(sheet.name, list);
  book.chartsChanged.add(sheet.name);
}

/** A chart (or sheet) already gone is skipped, as the Office adapter does. */
async function deleteChart(book: Book, op: Op<'deleteChart'>): Promise<void> {
  const sheet = findSheet(book, op.sheet);
  const list = sheet && book.own.charts.get(sheet.name);
  if (!sheet || !list || !list.some((c) => c.name === op.name)) return;
  book.own.charts.set(sheet.name, list.filter((c) => c.name !== op.name));
  book.chartsChanged.add(sheet.name);
}

const APPLY: { [K in WriteOp['op']]: Apply<K> } = {
  addSheet,
  deleteSheet,
  values,
  clear,
  format,
  columnWidth,
  standardWidth,
  freeze,
  hideRows,
  addTable,
  deleteTable,
  addTableColumns,
  deleteTableColumns,
  colorScale,
  link,
  addChart,
  deleteChart,
};

export async function writeOps(book: Book, ops: readonly WriteOp[], opts: IoOptions = {}): Promise<void> {
  for (let i = 0; i < ops.length; i++) {
    if (opts.signal?.aborted) throw new CancelledError();
    const op = ops[i];
    await (APPLY[op.op] as Apply<WriteOp['op']>)(book, op as never);
    if ((i + 1) % 200 === 0 || i === ops.length - 1) opts.onProgress?.({ stage: 'writing', done: i + 1, total: ops.length });
  }
}

export { colName };
