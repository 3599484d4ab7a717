// WorkbookPort over an .xlsx package, edited in place: the user's parts stay as they came
// (macros, charts, pivots, slicers, tables, names, protection, comments, custom XML…); we
// add or replace only our own parts and write only the cells the plan owns. Reading and
// writing are read.ts and write.ts; our settings and charts ownParts.ts.
import { promises as fs } from 'fs';
import * as path from 'path';
import type { RangeRef } from '../../config/schema';
import type { IoOptions, RangeRead, SheetInfo, TableInfo, WorkbookPort, WriteOp } from '../port';
import { WorkbookError } from '../errors';
import { docOf, findSheet, loadTables, sheetOf, type Book } from './book';
import { CT, Package, REL, resolveTarget } from './opc';
import { addOurDrawing, readOwnParts, removeOurDrawing, saveSettings, type OwnParts } from './ownParts';
import { checkWritable } from './protection';
import { listSheets, listTables, readRange } from './read';
import { parseSharedStrings } from './sharedStrings';
import { StyleBook } from './styles';
import { MINIMAL_STYLES, emptyWorkbook } from './template';
import { readWorkbook, workbookPath } from './workbookPart';
import { writeOps } from './write';
import { uncalculatedFormulas } from './formulas';
import { textHash } from '../../output/proof';

/** Whether a worksheet part's bytes hold an s="n" or style="n" attribute with n ≥ first (no decoding). */
function styleAtOrAfter(bytes: Buffer | null, first: number): boolean {
  if (!bytes) return false;
  for (const key of [' s="', ' style="']) {
    for (let i = bytes.indexOf(key); i >= 0; i = bytes.indexOf(key, i + key.length)) {
      let n = 0;
      let j = i + key.length;
      for (; bytes[j] >= 48 && bytes[j] <= 57; j++) n = n * 10 + bytes[j] - 48;
      if (bytes[j] === 34 && j > i + key.length && n >= first) return true;
    }
  }
  return false;
}

export class XlsxPort implements WorkbookPort {
  readonly kind = 'xlsx' as const;
  private constructor(readonly book: Book) {}

  /** A new, empty workbook (the demo and CSV input start from one). */
  static async create(): Promise<XlsxPort> {
    return XlsxPort.fromBuffer(await emptyWorkbook());
  }

  static async fromBuffer(buf: Buffer | ArrayBuffer | Uint8Array, name?: string): Promise<XlsxPort> {
    const pkg = await Package.load(buf);
    const wbPath = await workbookPath(pkg);
    // Strict OOXML names everything by other namespaces; read as transitional it would look empty.
    if ((await pkg.text(wbPath))?.includes('http://purl.oclc.org/ooxml/spreadsheetml/main')) throw new WorkbookError('strictOoxml', { file: name ?? 'workbook' });
    const info = await readWorkbook(pkg, wbPath);
    const rels = await pkg.rels(wbPath);
    const partOf = (type: string) => {
      const r = rels.find((x) => x.type === type);
      return r ? resolveTarget(wbPath, r.target) : null;
    };
    const stringsPath = partOf(REL.sharedStrings);
    const stylesPath = partOf(REL.styles);
    const strings = parseSharedStrings(stringsPath ? await pkg.text(stringsPath) : null);
    const own: OwnParts = await readOwnParts(pkg);
    const stylesXml = (stylesPath ? await pkg.text(stylesPath) : null) ?? MINIMAL_STYLES;
    // Our earlier formats count as ours only while the part is as we saved it (Excel rewrites it on save).
    if (own.styles && own.styles.saved !== textHash(stylesXml)) own.styles = undefined;
    const styles = new StyleBook(stylesXml, own.styles?.original);
    const tables = await loadTables(pkg, info.sheets);
    return new XlsxPort({
      pkg, wbPath, info, strings, styles, own, tables, stylesPath,
      docs: new Map(),
      chartsChanged: new Set(),
      dateSystem: info.date1904 ? 1904 : 1900,
    });
  }

  /** A workbook file; one that is not an .xlsx package is a WorkbookError 'fileUnreadable'. */
  static async fromFile(file: string): Promise<XlsxPort> {
    const bytes = await fs.readFile(file);
    try {
      return await XlsxPort.fromBuffer(bytes, path.basename(file));
    } catch (e) {
      if (e instanceof WorkbookError) throw e;
      throw new WorkbookError('fileUnreadable', { file: path.basename(file), reason: e instanceof Error ? e.message : String(e) });
    }
  }

  get dateSystem(): 1900 | 1904 {
    return this.book.dateSystem;
  }

  /** True for a workbook with macros (its main part is macro-enabled): it must be saved as .xlsm. */
  async isMacroEnabled(): Promise<boolean> {
    const ct = (await this.book.pkg.text('[Content_Types].xml')) ?? '';
    return /macroEnabled\.main\+xml/.test(ct);
  }

  async toBuffer(): Promise<Buffer> {
    const { book } = this;
    if (!book.info.sheets.length) throw new WorkbookError('sheetNotFound', { sheet: '' });
    for (const name of book.chartsChanged) await this.rebuildCharts(name);
    book.chartsChanged.clear();
    for (const [p, doc] of book.docs) {
      if (!doc.dirty) continue;
      book.pkg.setBytes(p, doc.toBytes());
      doc.dirty = false;
    }
    await this.saveStyles();
    await saveSettings(book.pkg, book.own, book.wbPath);
    return book.pkg.toBuffer();
  }

  /**
   * Our formats appended to the styles part; the part as it was before our first formats once no
   * cell uses them (a remove), so a workbook we leave has the styles it came with.
   */
  private async saveStyles(): Promise<void> {
    const { book } = this;
    const { own, styles } = book;
    if (!styles.changed && !own.styles) return;
    const loaded = book.stylesPath ? await book.pkg.text(book.stylesPath) : null;
    let xml = styles.toXml();
    if (own.styles && !(await this.usesStyleFrom(styles.firstOwn))) {
      xml = own.styles.original;
      own.styles = undefined;
    } else if (styles.changed) {
      own.styles = { original: own.styles?.original ?? loaded ?? MINIMAL_STYLES, saved: textHash(xml) };
    }
    if (xml === loaded) return;
    if (!book.stylesPath) {
      book.stylesPath = 'xl/styles.xml';
      await book.pkg.addRel(book.wbPath, REL.styles, 'styles.xml');
      await book.pkg.addOverride(book.stylesPath, CT.styles);
    }
    book.pkg.set(book.stylesPath, xml);
  }

  /** Whether any cell, row or column of any sheet uses a cell format at or after `first`. */
  private async usesStyleFrom(first: number): Promise<boolean> {
    const { pkg } = this.book;
    const sheets = this.book.info.sheets.filter((s) => s.kind === 'worksheet');
    // Sheets in memory first (ours, just written, use our formats): a user's sheet of a million
    // rows is inflated only when none of them does.
    const order = [...sheets.filter((s) => pkg.inMemory(s.path)), ...sheets.filter((s) => !pkg.inMemory(s.path))];
    for (const sheet of order) if (styleAtOrAfter(pkg.bytes(sheet.path), first)) return true;
    return false;
  }

  private async rebuildCharts(name: string): Promise<void> {
    const sheet = findSheet(this.book, name);
    if (!sheet) return;
    const doc = await docOf(this.book, sheet);
    const xml = await removeOurDrawing(this.book.pkg, sheet.path, doc.element('drawing') ?? '');
    doc.setElement('drawing', xml);
    const specs = this.book.own.charts.get(sheet.name) ?? [];
    // A sheet that already has a drawing of the user's (images, shapes) is not ours to merge into.
    if (!specs.length || doc.element('drawing')) return;
    const read = (s: string, r: number, c: number) => {
      const d = this.book.docs.get(sheetOf(this.book, s).path);
      return d?.cell(r, c)?.value ?? null;
    };
    doc.setElement('drawing', await addOurDrawing(this.book.pkg, sheet.path, specs, read));
  }

  /**
   * Writes the file whole or not at all: the bytes go to a temporary file beside it, which then
   * replaces it in one rename, so a crash or a full disk never leaves a user's workbook half written.
   */
  async save(file: string): Promise<void> {
    const bytes = await this.toBuffer();
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    try {
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async listSheets(): Promise<SheetInfo[]> {
    return listSheets(this.book);
  }

  async listTables(): Promise<TableInfo[]> {
    return listTables(this.book);
  }

  /** Defined names that refer to a range (Excel's own _xlnm.* names, e.g. print areas, left out). */
  listNames(): string[] {
    return this.book.info.names.filter((n) => !n.name.startsWith('_xlnm.')).map((n) => n.name);
  }

  async listCharts(sheet: string): Promise<string[]> {
    return (this.book.own.charts.get(sheetOf(this.book, sheet).name) ?? []).map((c) => c.name);
  }

  async read(ref: RangeRef, opts: IoOptions = {}): Promise<RangeRead> {
    return readRange(this.book, ref, opts);
  }

  /** Of the given blank cells, those holding a formula whose result was never saved ("r,c" → formula). */
  async uncalculatedFormulas(sheet: string, cells: readonly (readonly [number, number])[]): Promise<Map<string, string>> {
    return uncalculatedFormulas(this.book, sheet, cells);
  }

  /** Protection and merged cells, for the whole list of ops (run.ts asks before its first write). */
  async checkWritable(ops: readonly WriteOp[]): Promise<void> {
    await checkWritable(this.book, ops);
  }

  /** Checks the ops first, as the Office adapter does: a refused write writes nothing. */
  async write(ops: readonly WriteOp[], opts: IoOptions = {}): Promise<void> {
    await checkWritable(this.book, ops);
    await writeOps(this.book, ops, opts);
  }

  async getSetting(key: string): Promise<string | null> {
    return this.book.own.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string | null): Promise<void> {
    if (value === null) this.book.own.settings.delete(key);
    else this.book.own.settings.set(key, value);
  }
}
