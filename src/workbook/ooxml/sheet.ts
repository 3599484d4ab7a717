// A worksheet part held as text and edited row by row. Rows we never touch are written back
// as the author wrote them (attributes, spans, formulas, rich text, whitespace); a row we
// write into keeps its start tag and every cell we do not replace. Everything outside
// <sheetData> stays as text, and the few elements we set (cols, pane, colour scale, links,
// drawing, table parts, tab colour, page setup) are placed where CT_Worksheet orders them.
import { attr, elementSpan, encodeXstring, setAttr, startTags, stringItemText, xmlEscape } from './xml';
import type { CellValue } from '../port';

/** One cell; `xml` is the author's text, null once we (re)wrote it. */
export interface CellRec {
  col: number;
  xml: string | null;
  value: CellValue;
  style: number;
}

interface RowRec {
  r: number;
  /** Start tag as written (a self-closing one is turned into an open tag when we add cells). */
  open: string;
  /** Text between the previous row and this one. */
  lead: string;
  /** The author's inner text while the row is untouched. */
  body: string | null;
  selfClosing: boolean;
  cells: CellRec[] | null;
}

/** Bytes of a sheet's XML encoded into one block before the next is started (toBytes). */
const BLOCK = 4 << 20;

/** Bytes of sheetData decoded at a time for a sheet too big to be one string. */
const CHUNK = 64 << 20;

/** Child elements of <worksheet> in schema order (ECMA-376 Part 1, 18.3.1.99 CT_Worksheet). */
const ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
  'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF',
  'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
];

/** Column number of "AB12" (0-based), or -1. */
function colOf(ref: string): number {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  return i === 0 ? -1 : c - 1;
}

export function colName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// Column letters of every cell rendered: computed once per column, not once per cell.
const COL_NAMES: string[] = [];
const colRef = (col: number): string => COL_NAMES[col] ?? (COL_NAMES[col] = colName(col));

/** An attribute of the start tag body[from..to]: the common spelling fast, single quotes by the general rule. */
function quoted(body: string, from: number, to: number, key: string): string | null {
  const k = body.indexOf(key, from);
  if (k >= 0 && k < to) {
    const start = k + key.length;
    return body.slice(start, body.indexOf('"', start));
  }
  const q = body.indexOf("'", from);
  return q >= 0 && q < to ? attr(body.slice(from, to + 1), key.slice(1, -2)) : null;
}

// Inline strings repeat (tier labels down a column of 100,000 customers): one copy of each.
const interned = new Map<string, string>();
function intern(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size >= 50_000) interned.clear();
  interned.set(s, s);
  return s;
}

const ATTRS: [string | null, string | null, string | null] = [null, null, null];

/**
 * The r, t and s attributes of the <c …> tag body[i..gt], in one pass over the tag (three
 * searches each ran on into the row's later cells when the cell had no such attribute).
 * The array returned is reused: read it before the next call.
 */
function cellAttrs(body: string, i: number, gt: number, q: number): [string | null, string | null, string | null] {
  if (q >= 0 && q < gt) {
    ATTRS[0] = quoted(body, i, gt, ' r="');
    ATTRS[1] = quoted(body, i, gt, ' t="');
    ATTRS[2] = quoted(body, i, gt, ' s="');
    return ATTRS;
  }
  ATTRS[0] = ATTRS[1] = ATTRS[2] = null;
  for (let j = i + 2; ; ) {
    const eq = body.indexOf('="', j);
    if (eq < 0 || eq >= gt) break;
    const end = body.indexOf('"', eq + 2);
    const before = body.charCodeAt(eq - 2);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const name = body.charCodeAt(eq - 1);
      if (name === 114) ATTRS[0] = body.slice(eq + 2, end);
      else if (name === 116) ATTRS[1] = body.slice(eq + 2, end);
      else if (name === 115) ATTRS[2] = body.slice(eq + 2, end);
    }
    j = end + 1;
  }
  return ATTRS;
}

const PLAIN_T = ['<is><t>', '<is><t xml:space="preserve">'];

/** The text of an inline string at body[at..]: one plain <t> read as it stands, anything else by the general rule. */
function inlineText(body: string, at: number, close: number): string {
  for (const open of PLAIN_T) {
    if (!body.startsWith(open, at)) continue;
    const from = at + open.length;
    const end = body.indexOf('</t></is>', from);
    if (end < 0 || end > close) break;
    const text = body.slice(from, end);
    if (text.includes('<') || text.includes('&') || text.includes('_x')) break;
    return text;
  }
  return stringItemText(body.slice(at, body.indexOf('</is>', at)));
}

/** Resolves a cell's text to a value as Range.values gives it (strings from the shared table). */
export type Decoder = (t: string | null, v: string | null, inline: string | null) => CellValue;

/**
 * Calls back for every cell of a row body: column, type, raw <v>, inline text, style, and where
 * the element starts and ends in `body` (a hot loop: indexes, not slices, until asked).
 */
export function eachCellIn(body: string, f: (col: number, t: string | null, v: string | null, inline: string | null, s: number, start: number, end: number) => void): void {
  let col = -1;
  let i = body.indexOf('<c');
  // The next single quote at or after the cell, searched again only once passed (most rows have
  // none: one scan of the row instead of one per cell).
  let quote = body.indexOf("'");
  while (i >= 0) {
    const ch = body.charCodeAt(i + 2);
    // "<c " / "<c>" / "<c/>" only (not <col…>, nor other elements).
    if (ch !== 32 && ch !== 62 && ch !== 47 && ch !== 9 && ch !== 10 && ch !== 13) {
      i = body.indexOf('<c', i + 2);
      continue;
    }
    const gt = body.indexOf('>', i);
    const self = body.charCodeAt(gt - 1) === 47;
    const close = self ? gt : body.indexOf('</c>', gt);
    const end = self ? gt + 1 : close + 4;
    if (quote >= 0 && quote < i) quote = body.indexOf("'", i);
    // Indexed, not destructured: destructuring goes through the array iterator, in the hottest loop.
    const attrs = cellAttrs(body, i, gt, quote);
    const r = attrs[0];
    const t = attrs[1];
    const s = attrs[2];
    col = r ? colOf(r) : col + 1;
    let v: string | null = null;
    let inline: string | null = null;
    if (!self) {
      // <v> right after the start tag (as Excel writes it) is taken without searching; else a
      // search back from the cell's end says first whether it has one (a search forward from a
      // text cell ran on through the rest of the row).
      const vi = body.charCodeAt(gt + 1) === 60 && body.charCodeAt(gt + 2) === 118 ? gt + 1 : body.lastIndexOf('<v', close) > gt ? body.indexOf('<v', gt) : -1;
      if (vi >= 0 && vi < close) {
        const vgt = body.indexOf('>', vi);
        v = body.charCodeAt(vgt - 1) === 47 ? '' : body.slice(vgt + 1, body.indexOf('</v>', vgt));
      } else {
        const ii = body.indexOf('<is', gt);
        if (ii >= 0 && ii < close) inline = intern(inlineText(body, ii, close));
      }
    }
    f(col, t, v, inline, s ? Number(s) : 0, i, end);
    i = body.indexOf('<c', end);
  }
}

/** Text whose leading or trailing blanks or line breaks a reader would drop without xml:space. */
const NEEDS_PRESERVE = /^\s|\s$|[\n\r\t]/;

// ` s="n"` for each style index, made once (every formatted cell has one).
const STYLE_ATTRS: string[] = [];
const styleAttr = (style: number): string => (style ? (STYLE_ATTRS[style] ?? (STYLE_ATTRS[style] = ` s="${style}"`)) : '');

// The tail of a text cell after its reference and style, by text: labels, ids and categories
// repeat down a column, and escaping and the xml:space test are the costly part of a cell.
const inlineTails = new Map<string, string>();
function inlineTail(v: string): string {
  let tail = inlineTails.get(v);
  if (tail !== undefined) return tail;
  tail = ` t="inlineStr"><is>${NEEDS_PRESERVE.test(v) ? '<t xml:space="preserve">' : '<t>'}${xmlEscape(encodeXstring(v))}</t></is></c>`;
  if (inlineTails.size >= 50_000) inlineTails.clear();
  inlineTails.set(v, tail);
  return tail;
}

/** A cell's XML; `rowText` is its 1-based row number as text (shared by the cells of a row). */
export function renderCell(row: number, c: CellRec, rowText = String(row + 1)): string {
  const s = styleAttr(c.style);
  const v = c.value;
  if (v === null || v === '') return s ? `<c r="${colRef(c.col)}${rowText}"${s}/>` : '';
  if (typeof v === 'number') return `<c r="${colRef(c.col)}${rowText}"${s}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${colRef(c.col)}${rowText}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${colRef(c.col)}${rowText}"${s}${inlineTail(v)}`;
}

export class SheetDoc {
  private rows: RowRec[] = [];
  private head = '';
  private tail = '';
  private sheetDataOpen = '<sheetData>';
  private sheetDataEnd = '';
  /** Whether anything changed since load (untouched sheets keep their part as it came). */
  dirty = false;
  /** Bumped on every change (caches of what the sheet holds compare it). */
  version = 0;
  /** Length of the part's text as loaded. */
  readonly size: number;

  /** A part's text, or its UTF-8 bytes (a sheet of more than 512 MB cannot be one JavaScript string). */
  constructor(
    xml: string | Buffer,
    private readonly decode: Decoder,
    private readonly chunk = CHUNK,
  ) {
    this.size = xml.length;
    if (typeof xml !== 'string') {
      this.fromBytes(xml);
      return;
    }
    const span = elementSpan(xml, 'sheetData');
    if (!span) {
      const at = xml.lastIndexOf('</worksheet>');
      this.head = xml.slice(0, at);
      this.tail = xml.slice(at);
      return;
    }
    this.head = xml.slice(0, span.start);
    this.tail = xml.slice(span.end);
    if (span.tag.endsWith('/>')) return;
    this.sheetDataOpen = span.tag;
    const inner = xml.slice(span.start + span.tag.length, span.end - '</sheetData>'.length);
    this.sheetDataEnd = this.parseRows(inner);
  }

  /**
   * The rows decoded in pieces cut after a "</row>" (ASCII, so never inside a character): each
   * piece is a string of at most CHUNK bytes, and a row's text is a slice of its piece.
   */
  private fromBytes(buf: Buffer): void {
    const start = buf.indexOf('<sheetData');
    const end = buf.lastIndexOf('</sheetData>');
    const openEnd = start < 0 ? -1 : buf.indexOf('>', start);
    if (start < 0 || end < 0 || buf[openEnd - 1] === 47) {
      // No rows to speak of: small enough to take as text.
      Object.assign(this, new SheetDoc(buf.toString('utf8'), this.decode));
      return;
    }
    this.head = buf.toString('utf8', 0, start).replace(/^\uFEFF/, '');
    this.sheetDataOpen = buf.toString('utf8', start, openEnd + 1);
    this.tail = buf.toString('utf8', end + '</sheetData>'.length);
    let carry = '';
    for (let pos = openEnd + 1; pos < end; ) {
      let cut = Math.min(pos + this.chunk, end);
      if (cut < end) {
        const rowEnd = buf.lastIndexOf('</row>', cut);
        cut = rowEnd > pos ? rowEnd + 6 : buf.indexOf('</row>', cut) + 6;
        if (cut < 6 || cut > end) cut = end;
      }
      carry = this.parseRows(carry + buf.toString('utf8', pos, cut));
      pos = cut;
    }
    this.sheetDataEnd = carry;
  }

  /** Adds the rows of a piece of sheetData; returns the text after its last row. */
  private parseRows(inner: string): string {
    let pos = 0;
    let prev = this.rows.length ? this.rows[this.rows.length - 1].r : -1;
    for (let i = inner.indexOf('<row', 0); i >= 0; i = inner.indexOf('<row', pos)) {
      const gt = inner.indexOf('>', i);
      const open = inner.slice(i, gt + 1);
      const selfClosing = open.endsWith('/>');
      const close = selfClosing ? gt + 1 : inner.indexOf('</row>', gt);
      const rAttr = attr(open, 'r');
      const r = rAttr ? Number(rAttr) - 1 : prev + 1;
      prev = r;
      this.rows.push({ r, open, lead: inner.slice(pos, i), body: selfClosing ? '' : inner.slice(gt + 1, close), selfClosing, cells: null });
      pos = selfClosing ? close : close + 6;
    }
    return inner.slice(pos);
  }

  private cellsOf(row: RowRec): CellRec[] {
    if (row.cells) return row.cells;
    const cells: CellRec[] = [];
    const body = row.body ?? '';
    eachCellIn(body, (col, t, v, inline, s, start, end) => cells.push({ col, xml: body.slice(start, end), value: this.decode(t, v, inline), style: s }));
    row.cells = cells;
    return cells;
  }

  /** Every cell holding a value, row by row (rows in sheet order). */
  forEachValue(f: (row: number, col: number, value: CellValue) => void, rowFrom = 0, rowTo = Infinity): void {
    for (const row of this.rows) {
      if (row.r < rowFrom || row.r >= rowTo) continue;
      if (row.cells) {
        for (const c of row.cells) if (c.value !== '' && c.value !== null) f(row.r, c.col, c.value);
      } else {
        eachCellIn(row.body ?? '', (col, t, v, inline) => {
          const value = this.decode(t, v, inline);
          if (value !== '' && value !== null) f(row.r, col, value);
        });
      }
    }
  }

  private rowAt(r: number, create: boolean): RowRec | null {
    let lo = 0;
    let hi = this.rows.length;
    if (hi && this.rows[hi - 1].r < r) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid].r < r) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.rows.length && this.rows[lo].r === r) return this.rows[lo];
    if (!create) return null;
    const row: RowRec = { r, open: `<row r="${r + 1}">`, lead: '', body: '', selfClosing: false, cells: [] };
    this.rows.splice(lo, 0, row);
    return row;
  }

  cell(r: number, c: number): CellRec | null {
    const row = this.rowAt(r, false);
    return row ? (this.cellsOf(row).find((x) => x.col === c) ?? null) : null;
  }

  /** Sets a cell (a new value and/or style); the row is re-rendered, its other cells kept as written. */
  put(r: number, c: number, change: { value?: CellValue; style?: number }): void {
    const row = this.rowAt(r, true)!;
    const cells = this.cellsOf(row);
    row.body = null;
    this.touch();
    let i = cells.length;
    while (i > 0 && cells[i - 1].col > c) i--;
    const found = i > 0 && cells[i - 1].col === c ? cells[i - 1] : null;
    if (found) {
      found.xml = null;
      if (change.value !== undefined) found.value = change.value;
      if (change.style !== undefined) found.style = change.style;
    } else cells.splice(i, 0, { col: c, xml: null, value: change.value ?? '', style: change.style ?? 0 });
  }

  /**
   * Sets the values of cells c0, c0+1… of row r: put() for each, with the row found once and,
   * where the row holds nothing from c0 on (a new sheet, a block right of the data), the cells
   * appended without searching.
   */
  putRow(r: number, c0: number, values: readonly CellValue[]): void {
    if (!values.length) return;
    const row = this.rowAt(r, true)!;
    const cells = this.cellsOf(row);
    row.body = null;
    this.touch();
    if (cells.length && cells[cells.length - 1].col >= c0) {
      values.forEach((value, j) => this.put(r, c0 + j, { value }));
      return;
    }
    for (let j = 0; j < values.length; j++) cells.push({ col: c0 + j, xml: null, value: values[j] ?? '', style: 0 });
  }

  /**
   * Sets the format of every cell of a rectangle to style(its format now), creating the cells
   * that do not exist yet; one pass over the rows instead of a lookup per cell.
   */
  restyle(r0: number, c0: number, rows: number, cols: number, style: (base: number) => number): void {
    if (rows <= 0 || cols <= 0) return;
    for (let r = r0; r < r0 + rows; r++) {
      const row = this.rowAt(r, true)!;
      const cells = this.cellsOf(row);
      row.body = null;
      let i = 0;
      for (let c = c0; c < c0 + cols; c++) {
        while (i < cells.length && cells[i].col < c) i++;
        if (i < cells.length && cells[i].col === c) {
          const cell = cells[i];
          cell.style = style(cell.style);
          cell.xml = null;
        } else cells.splice(i, 0, { col: c, xml: null, value: '', style: style(0) });
      }
    }
    this.touch();
  }

  /** Takes cells away entirely (value and format), as if never written. */
  remove(r0: number, c0: number, rows: number, cols: number): void {
    for (const row of this.rows) {
      if (row.r < r0 || row.r >= r0 + rows) continue;
      const cells = this.cellsOf(row);
      const kept = cells.filter((x) => x.col < c0 || x.col >= c0 + cols);
      if (kept.length === cells.length) continue;
      row.cells = kept;
      row.body = null;
      this.touch();
    }
  }

  /** Moves the cells of columns [from, to) of some rows `by` columns (negative: left). */
  shift(r0: number, rows: number, from: number, by: number, to = Infinity): void {
    for (const row of this.rows) {
      if (row.r < r0 || row.r >= r0 + rows) continue;
      const cells = this.cellsOf(row);
      const moving = cells.filter((x) => x.col >= from && x.col < to);
      if (!moving.length) continue;
      for (const x of moving) {
        x.col += by;
        if (x.xml) x.xml = moveCellXml(x.xml, row.r, x.col);
      }
      cells.sort((a, b) => a.col - b.col);
      row.body = null;
      this.touch();
    }
  }

  /** The part's text: untouched rows as written, touched ones rendered. */
  toXml(): string {
    return this.toBytes().toString('utf8');
  }

  /**
   * The part as UTF-8, rendered in chunks: a 100,000-row sheet never becomes one JavaScript
   * string (a gigabyte once a Chinese label makes it two bytes a character).
   */
  toBytes(): Buffer {
    // Each piece is encoded into a 4 MB block as it comes (a row is a few hundred bytes), not
    // joined into megabyte strings first; full blocks are joined at the end, as before.
    const out: Buffer[] = [];
    let buf = Buffer.allocUnsafe(BLOCK);
    let at = 0;
    const push = (text: string) => {
      if (at + text.length * 3 > buf.length) {
        out.push(buf.subarray(0, at));
        buf = Buffer.allocUnsafe(Math.max(BLOCK, text.length * 3));
        at = 0;
      }
      at += buf.write(text, at, 'utf8');
    };
    push(this.head);
    push(this.sheetDataOpen === '<sheetData/>' ? '<sheetData>' : this.sheetDataOpen);
    for (const row of this.rows) this.renderRow(row, push);
    push(this.sheetDataEnd);
    push('</sheetData>');
    push(this.tail);
    out.push(buf.subarray(0, at));
    return out.length === 1 ? Buffer.from(out[0]) : Buffer.concat(out);
  }

  private renderRow(row: RowRec, push: (text: string) => void): void {
    if (row.body !== null) {
      push(row.lead);
      push(row.open);
      if (!row.selfClosing) push(`${row.body}</row>`);
      return;
    }
    // The cells in one pass (no filtered copy of the row): the author's as written, ours
    // rendered, blank unformatted ones left out.
    const rowText = String(row.r + 1);
    let text = '';
    let kept = 0;
    for (const c of row.cells ?? []) {
      if (c.xml !== null) text += c.xml;
      else if (c.style !== 0 || (c.value !== '' && c.value !== null)) text += renderCell(row.r, c, rowText);
      else continue;
      kept++;
    }
    // A row we created and emptied again goes away; one the author wrote keeps its tag.
    if (!kept && (row.open === `<row r="${rowText}">` || row.selfClosing)) {
      if (row.selfClosing) {
        push(row.lead);
        push(row.open);
      }
      return;
    }
    push(row.lead);
    push(`${row.selfClosing ? row.open.replace(/\s*\/>$/, '>') : row.open}${text}</row>`);
  }

  /** Hides a row (its <row> says hidden="1"); the row is made if it has no cells yet. */
  hideRow(r: number): void {
    const row = this.rowAt(r, true)!;
    if (attr(row.open, 'hidden') === '1') return;
    row.open = row.open.replace(/\s+hidden="[^"]*"/, '').replace(/^<row\b/, '<row hidden="1"');
    this.touch();
  }

  /** 0-based rows in [from, to) whose <row> says hidden="1" (hidden by hand or by a filter). */
  hiddenRows(from = 0, to = Infinity): number[] {
    const out: number[] = [];
    for (const row of this.rows) {
      if (row.r < from || row.r >= to || !row.open.includes('hidden')) continue;
      const h = attr(row.open, 'hidden');
      if (h === '1' || h === 'true') out.push(row.r);
    }
    return out;
  }

  /** The text of an element outside sheetData (first one), or null. */
  element(name: string): string | null {
    for (const part of [this.head, this.tail]) {
      const span = elementSpan(part, name);
      if (span) return part.slice(span.start, span.end);
    }
    return null;
  }

  elements(name: string): string[] {
    const out: string[] = [];
    for (const part of [this.head, this.tail]) {
      let from = 0;
      for (let span = elementSpan(part, name, from); span; span = elementSpan(part, name, from)) {
        out.push(part.slice(span.start, span.end));
        from = span.end;
      }
    }
    return out;
  }

  /** Replaces every element of that name by `xml` (or removes them, for ''), placed in schema order. */
  setElement(name: string, xml: string): void {
    const inHead = ORDER.indexOf(name) < ORDER.indexOf('sheetData');
    let text = inHead ? this.head : this.tail;
    let at = -1;
    for (let span = elementSpan(text, name); span; span = elementSpan(text, name, at)) {
      text = text.slice(0, span.start) + text.slice(span.end);
      at = span.start;
    }
    if (at < 0) at = insertionPoint(text, name, inHead);
    text = text.slice(0, at) + xml + text.slice(at);
    if (inHead) this.head = text;
    else this.tail = text;
    this.touch();
  }

  private touch(): void {
    this.dirty = true;
    this.version++;
  }
}

/** Where an element goes: before the first existing element that the schema puts after it. */
function insertionPoint(text: string, name: string, inHead: boolean): number {
  const later = ORDER.slice(ORDER.indexOf(name) + 1);
  let best = inHead ? text.length : text.lastIndexOf('</worksheet>');
  for (const other of later) {
    const first = [...startTags(text, other)][0];
    if (first && first.index < best) best = first.index;
  }
  if (inHead) {
    // In the head, after the <worksheet …> start tag at least.
    const ws = [...startTags(text, 'worksheet')][0];
    if (ws && best <= ws.index + ws.tag.length) best = ws.index + ws.tag.length;
  }
  return best;
}

function moveCellXml(xml: string, row: number, col: number): string {
  const gt = xml.indexOf('>');
  const tag = xml.slice(0, gt + 1);
  return setAttr(tag, 'r', `${colName(col)}${row + 1}`) + xml.slice(gt + 1);
}

