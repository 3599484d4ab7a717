// Text files (CSV and friends) → grids of strings. Encodings: UTF-16 BOM first; else strict
// UTF-8 (after any UTF-8 BOM); else decided with evidence per file and per line (encoding.ts):
// GB18030 when the high bytes pair up like GBK text (what Excel saves on Chinese Windows),
// else windows-1252 (Latin-1 as browsers read it).
import Papa from 'papaparse';
import type { GridColumns, SourceGrid } from '../types';
import { decodeWithEvidence, type ReadNote } from './encoding';
import { parseRecoveringQuotes } from './quotes';
import { columnGrid, columnsToRows } from './textColumns';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name: utf-8, utf-16le, utf-16be, gb18030 or windows-1252. */
  encoding: string;
  /** Lines in another encoding, a BOM that did not match (absent when there is nothing to say). */
  notes?: ReadNote[];
}

/** UTF-16 without a BOM: every other byte of ASCII text is zero. */
function looksUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero === 0) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero === 0) return 'utf-16be';
  return null;
}

/** The file's text; `notes` lists what a reader should know (lines in another encoding, a BOM that lied). */
export function decodeText(bytes: Uint8Array): DecodedText {
  return decodeWithEvidence(bytes, looksUtf16);
}

const CANDIDATES = [',', ';', '\t'];

/** Lines the delimiter is judged on: enough to see past a title or a note above the headings. */
const SNIFF_LINES = 20;

/**
 * The delimiter the file's lines agree on, outside quotes (comma when none). Each candidate's
 * most common non-zero count per line is its row width; the candidate that many lines share
 * wins (then the wider one). The first line alone would take a title such as "Sales report,
 * 2024" above semicolon data for a comma file.
 */
export function detectDelimiter(text: string): string {
  const perLine: number[][] = [];
  let counts = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < text.length && perLine.length < SNIFF_LINES; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      perLine.push(counts);
      counts = [0, 0, 0];
    } else if (!quoted) {
      const k = CANDIDATES.indexOf(c);
      if (k >= 0) counts[k]++;
    }
  }
  if (perLine.length < SNIFF_LINES) perLine.push(counts);
  let best = 0;
  let bestLines = 0;
  let bestWidth = 0;
  for (let k = 0; k < CANDIDATES.length; k++) {
    const lines = new Map<number, number>();
    for (const line of perLine) if (line[k] > 0) lines.set(line[k], (lines.get(line[k]) ?? 0) + 1);
    for (const [width, n] of lines) {
      if (n > bestLines || (n === bestLines && width > bestWidth)) {
        best = k;
        bestLines = n;
        bestWidth = width;
      }
    }
  }
  return CANDIDATES[best];
}

/**
 * In CRLF text, a CR or LF that is not part of a CRLF: Papa Parse reads such text (a line
 * break inside a line), so the plain split does not.
 */
function strayLineBreak(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 2)) if (text.charCodeAt(i + 1) !== 10) return true;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (text.charCodeAt(i - 1) !== 13) return true;
  return false;
}

/**
 * Places a text may take per character (two Int32Arrays a column, every line): a table of short
 * cells stays far below it; a stray line of 5,000 commas in a million lines would take 40 GB.
 */
const PLACES_PER_CHAR = 4;

/**
 * Text without a single quote character, split at one kind of line end (LF, or CRLF when every
 * line ends so) and the delimiter, into columns of places in the text (no string per cell):
 * what Papa Parse gives for such text, row for row (columnsToRows), at a fraction of its time
 * and garbage. Null for anything else (quotes, mixed or CR-only line ends, empty text), which
 * Papa Parse reads, and for lines so ragged that columns would cost more than rows.
 */
export function splitColumns(text: string, delimiter: string): GridColumns | null {
  if (text === '' || text.includes('"')) return null;
  const crlf = text.includes('\r');
  if (crlf && strayLineBreak(text)) return null;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const eolLength = crlf ? 2 : 1;
  const n = text.length;
  const starts: Int32Array[] = [];
  const ends: Int32Array[] = [];
  let rows = 0;
  let at = 0;
  // Next line break and next delimiter at or after `at` (each searched once: a file with no
  // delimiter must not make every line search to the end of the text).
  let nl = text.indexOf('\n');
  let dl = text.indexOf(delimiter);
  for (;;) {
    if (nl < 0) nl = n;
    const end = nl === n ? n : nl + 1 - eolLength;
    for (let c = 0; ; c++) {
      if (dl >= 0 && dl < at) dl = text.indexOf(delimiter, at);
      const stop = dl >= 0 && dl < end ? dl : end;
      if (c === starts.length) {
        if ((c + 1) * lines > PLACES_PER_CHAR * n + 65536) return null;
        starts.push(new Int32Array(lines).fill(-1));
        ends.push(new Int32Array(lines));
      }
      starts[c][rows] = at;
      ends[c][rows] = stop;
      if (stop === end) break;
      at = stop + 1;
    }
    rows++;
    if (end === n) return { text, rows, starts, ends, edits: [] };
    at = nl + 1;
    nl = text.indexOf('\n', at);
  }
}

/** Rows of quote-free text (splitColumns as rows), or null where Papa Parse reads. */
export function splitPlain(text: string, delimiter: string): string[][] | null {
  const columns = splitColumns(text, delimiter);
  return columns && columnsToRows(columns);
}

/** Text ending with a line break gives a last row of one empty cell: not a row of the file. */
function dropTrailingEmptyRow(columns: GridColumns): void {
  const r = columns.rows - 1;
  const { starts, ends } = columns;
  if (r < 0 || starts[0][r] !== ends[0][r] || (starts.length > 1 && starts[1][r] >= 0)) return;
  columns.rows = r;
}

interface Delimited {
  /** Quote-free text, by column; else `rows`. */
  columns?: GridColumns;
  rows?: string[][];
  delimiter: string;
  skippedLines: number;
  notes?: ReadNote[];
}

/**
 * Delimited text → columns (quote-free text) or rows. LF, CRLF and CR-only line endings; quoted
 * fields with doubled quotes and embedded line breaks. Empty lines stay as [''] so row numbers
 * match the file's lines (ingest skips blank rows); a trailing newline adds no row.
 */
function readDelimited(text: string): Delimited {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Excel's "sep=;" first line names the delimiter and is not data.
  const sep = /^sep=(.)\r?\n?/i.exec(body.slice(0, 8));
  let skippedLines = 0;
  if (sep) {
    body = body.slice(sep[0].length).replace(/^\n/, '');
    skippedLines = 1;
  }
  const delimiter = sep ? sep[1] : detectDelimiter(body);
  const columns = splitColumns(body, delimiter);
  if (columns) {
    dropTrailingEmptyRow(columns);
    return { columns, delimiter, skippedLines };
  }
  const parse = (part: string) => splitPlain(part, delimiter) ?? Papa.parse<string[]>(part, { delimiter, skipEmptyLines: false, quoteChar: '"' }).data;
  const { rows, notes } = parseRecoveringQuotes(body, delimiter, parse, 1 + skippedLines);
  if (rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last.length === 1 && last[0] === '') rows.pop();
  }
  return notes.length > 0 ? { rows, delimiter, skippedLines, notes } : { rows, delimiter, skippedLines };
}

/** Delimited text → rows of strings (readDelimited's cells as rows). */
export function parseDelimited(text: string): { rows: string[][]; delimiter: string; skippedLines: number; notes?: ReadNote[] } {
  const { columns, rows, ...rest } = readDelimited(text);
  return { rows: rows ?? columnsToRows(columns!), ...rest };
}

/**
 * A text file → a SourceGrid of strings (fromText: numbers and dates are parsed from text):
 * quote-free text by column (`values` built only when read), other text by row.
 */
export function textToGrid(bytes: Uint8Array, name: string): SourceGrid & { encoding: string; delimiter: string } {
  const decoded = decodeText(bytes);
  const { columns, rows, delimiter, skippedLines, notes } = readDelimited(decoded.text);
  const encoding = decoded.encoding;
  const readNotes = [...(decoded.notes ?? []), ...(notes ?? [])];
  const base = { name, headerRow: 1 + skippedLines, firstColumn: 0, fromText: true, encoding, delimiter, ...(readNotes.length > 0 ? { readIssues: readNotes } : {}) };
  return columns ? columnGrid(base, columns) : { ...base, values: rows! };
}
