// Text files (CSV and friends) → grids of strings. Encodings: UTF-16 BOM first; else strict
// UTF-8 (after any UTF-8 BOM); else decided with evidence per file and per line (encoding.ts):
// GB18030 when the high bytes pair up like GBK text (what Excel saves on Chinese Windows),
// else windows-1252 (Latin-1 as browsers read it).
import Papa from 'papaparse';
import type { SourceGrid } from '../types';
import { decodeWithEvidence, type ReadNote } from './encoding';
import { parseRecoveringQuotes } from './quotes';

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

/** The delimiter used most in the first line outside quotes (comma when none). */
export function detectDelimiter(text: string): string {
  const counts = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted) {
      const k = CANDIDATES.indexOf(c);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < 3; k++) if (counts[k] > counts[best]) best = k;
  return CANDIDATES[best];
}

/**
 * Distinct values a column's table holds before it gives up: small enough to stay in cache
 * (a lookup in a table of 100,000 ids cost more than the string it saved); dates and
 * categories fit, ids and amounts stop early.
 */
const DEDUPE_LIMIT = 4096;

/**
 * Repeated cells as one string: a million order rows hold about a thousand dates, and a string
 * per cell (32 bytes each) was a fifth of the grid's memory and garbage.
 */
class Dedupe {
  private readonly seen: (Map<string, string> | null)[] = [];

  row(cells: string[]): string[] {
    for (let j = 0; j < cells.length; j++) {
      let m = this.seen[j];
      if (m === null) continue;
      if (m === undefined) m = this.seen[j] = new Map();
      const v = cells[j];
      const old = m.get(v);
      if (old !== undefined) cells[j] = old;
      else if (m.size < DEDUPE_LIMIT) m.set(v, v);
      else this.seen[j] = null;
    }
    return cells;
  }
}

/**
 * Rows of text without a single quote character, split at one kind of line end (LF, or CRLF
 * when every line ends so) and the delimiter: what Papa Parse gives for such text, row for row,
 * at a fraction of its time and garbage. Null for anything else (quotes, mixed or CR-only line
 * ends, empty text), which Papa Parse reads.
 */
export function splitPlain(text: string, delimiter: string): string[][] | null {
  if (text === '' || text.includes('"')) return null;
  const crlf = text.includes('\r');
  const eol = crlf ? '\r\n' : '\n';
  const rows: string[][] = [];
  const dedupe = new Dedupe();
  let at = 0;
  for (;;) {
    const end = text.indexOf(eol, at);
    const line = text.slice(at, end < 0 ? text.length : end);
    if (crlf && (line.includes('\r') || line.includes('\n'))) return null;
    rows.push(dedupe.row(line.split(delimiter)));
    if (end < 0) return rows;
    at = end + eol.length;
  }
}

/**
 * Delimited text → rows of strings. LF, CRLF and CR-only line endings; quoted fields with
 * doubled quotes and embedded line breaks. Empty lines stay as [''] so row numbers match
 * the file's lines (ingest skips blank rows); a trailing newline adds no row.
 */
export function parseDelimited(text: string): { rows: string[][]; delimiter: string; skippedLines: number; notes?: ReadNote[] } {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Excel's "sep=;" first line names the delimiter and is not data.
  const sep = /^sep=(.)\r?\n?/i.exec(body.slice(0, 8));
  let skippedLines = 0;
  if (sep) {
    body = body.slice(sep[0].length).replace(/^\n/, '');
    skippedLines = 1;
  }
  const delimiter = sep ? sep[1] : detectDelimiter(body);
  const parse = (part: string) => splitPlain(part, delimiter) ?? Papa.parse<string[]>(part, { delimiter, skipEmptyLines: false, quoteChar: '"' }).data;
  const { rows, notes } = parseRecoveringQuotes(body, delimiter, parse, 1 + skippedLines);
  if (rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last.length === 1 && last[0] === '') rows.pop();
  }
  return notes.length > 0 ? { rows, delimiter, skippedLines, notes } : { rows, delimiter, skippedLines };
}

/** A text file → a SourceGrid of strings (fromText: numbers and dates are parsed from text). */
export function textToGrid(bytes: Uint8Array, name: string): SourceGrid & { encoding: string; delimiter: string } {
  const decoded = decodeText(bytes);
  const { rows, delimiter, skippedLines, notes } = parseDelimited(decoded.text);
  const encoding = decoded.encoding;
  const readNotes = [...(decoded.notes ?? []), ...(notes ?? [])];
  const grid: SourceGrid & { encoding: string; delimiter: string } = { name, headerRow: 1 + skippedLines, firstColumn: 0, values: rows, fromText: true, encoding, delimiter };
  if (readNotes.length > 0) grid.readIssues = readNotes;
  return grid;
}
