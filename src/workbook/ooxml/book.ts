// The workbook behind the package port: the package, its sheets (parsed on first use), its
// tables, shared strings and styles, and our own parts. Lookups compare sheet names as
// Excel does (sheetKey) and table names ignoring case.
import type { CellValue } from '../port';
import { WorkbookError } from '../errors';
import { sheetKey } from '../../output/sheetNames';
import { isoToDay, dayToExcelSerial } from '../../engine/calendar';
import { REL, relsPathOf, resolveTarget, type Package } from './opc';
import type { OwnParts } from './ownParts';
import { SheetDoc, type Decoder } from './sheet';
import type { StyleBook } from './styles';
import { parseTable, type TableDoc } from './tablePart';
import type { SheetEntry, WorkbookInfo } from './workbookPart';
import { decodeXstring, xmlUnescape } from './xml';

export interface Book {
  pkg: Package;
  wbPath: string;
  info: WorkbookInfo;
  strings: string[];
  styles: StyleBook;
  /** The styles part (null in a package without one: we add it when we need a format). */
  stylesPath: string | null;
  own: OwnParts;
  tables: TableDoc[];
  docs: Map<string, SheetDoc>;
  /**
   * Whole-sheet reads of big sheets whose document was let go (read.ts): a command that reads a
   * million-row sheet and then refreshes from it gets the same read again instead of inflating
   * and parsing the part twice. Valid while the sheet has no document (one made to write drops it).
   */
  wholeReads?: Map<string, import('../port').RangeRead>;
  /** Sheets whose charts changed in this session (their drawing is rebuilt at save). */
  chartsChanged: Set<string>;
  readonly dateSystem: 1900 | 1904;
}

export function findSheet(book: Book, name: string): SheetEntry | undefined {
  const key = sheetKey(name);
  return book.info.sheets.find((s) => sheetKey(s.name) === key);
}

/** The worksheet of that name, or a WorkbookError 'sheetNotFound' (a chart sheet is not one to read or write). */
export function sheetOf(book: Book, name: string): SheetEntry {
  const s = findSheet(book, name);
  if (!s || s.kind !== 'worksheet') throw new WorkbookError('sheetNotFound', { sheet: name });
  return s;
}

export function findTable(book: Book, name: string): TableDoc | undefined {
  const key = name.toLowerCase();
  return book.tables.find((t) => t.name.toLowerCase() === key);
}

export function tableOf(book: Book, name: string): TableDoc {
  const t = findTable(book, name);
  if (!t) throw new WorkbookError('tableNotFound', { table: name });
  return t;
}

export function sheetOfPath(book: Book, path: string): SheetEntry | undefined {
  return book.info.sheets.find((s) => s.path === path);
}

/** Cell text → value as Range.values gives it: '' when blank, numbers, booleans, text, errors as their text. */
export function decoder(strings: string[], dateSystem: 1900 | 1904): Decoder {
  return (t, v, inline) => {
    switch (t) {
      case 's':
        return v === null ? '' : (strings[Number(v)] ?? '');
      case 'inlineStr':
        return inline ?? '';
      case 'str':
      case 'e':
        return v === null ? '' : decodeXstring(xmlUnescape(v));
      case 'b':
        return v === null ? '' : v === '1' || v === 'true';
      case 'd': {
        // ISO 8601 in the cell (strict OOXML, some writers): the serial of that day (and time).
        if (!v) return '';
        const day = isoToDay(v.slice(0, 10));
        const time = /T(\d\d):(\d\d)(?::(\d\d(?:\.\d+)?))?/.exec(v);
        const frac = time ? (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86400 : 0;
        return Number.isNaN(day) ? v : dayToExcelSerial(day, dateSystem) + frac;
      }
      default: {
        if (v === null || v === '') return '';
        const n = Number(v);
        return Number.isFinite(n) ? n : v;
      }
    }
  };
}

/** Sheet parts above this many bytes are decoded row piece by row piece. */
export const BIG_PART = 256 << 20;

export async function docOf(book: Book, sheet: SheetEntry): Promise<SheetDoc> {
  let doc = book.docs.get(sheet.path);
  if (!doc) {
    // The document is the text's one holder, so a big sheet read once can be let go (read.ts).
    // A part over BIG_PART bytes is decoded in pieces: V8 strings stop at 512 MB.
    const bytes = book.pkg.bytes(sheet.path);
    if (bytes === null) throw new WorkbookError('sheetNotFound', { sheet: sheet.name });
    doc = new SheetDoc(bytes.length > BIG_PART ? bytes : bytes.toString('utf8').replace(/^\uFEFF/, ''), decoder(book.strings, book.dateSystem));
    book.docs.set(sheet.path, doc);
    book.wholeReads?.delete(sheet.path);
  }
  return doc;
}

/** Every table part of every worksheet. */
export async function loadTables(pkg: Package, sheets: SheetEntry[]): Promise<TableDoc[]> {
  const out: TableDoc[] = [];
  for (const s of sheets) {
    if (s.kind !== 'worksheet') continue;
    for (const r of await pkg.rels(s.path)) {
      if (r.type !== REL.table || r.external) continue;
      const path = resolveTarget(s.path, r.target);
      const xml = await pkg.text(path);
      if (xml) out.push(parseTable(xml, path, s.path, r.id));
    }
  }
  return out;
}

export { relsPathOf };
export type { CellValue };
