// Text files (CSV and friends) → grids of strings. Encodings: BOM first; else strict UTF-8;
// else GB18030 when the high bytes pair up like GBK text (what Excel saves on Chinese
// Windows); else windows-1252 (Latin-1 as browsers read it).
import Papa from 'papaparse';
import type { SourceGrid } from '../types';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name: utf-8, utf-16le, utf-16be, gb18030 or windows-1252. */
  encoding: string;
}

function decode(bytes: Uint8Array, encoding: string, fatal = false): string {
  return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(bytes);
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

/**
 * GBK evidence: high bytes that pair as GB2312 hanzi (both bytes A1–FE) against high bytes
 * standing alone between ASCII (typical of Latin-1 accents: "café", "Müller").
 */
function looksGbk(bytes: Uint8Array): boolean {
  let pairs = 0;
  let lone = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const next = i + 1 < n ? bytes[i + 1] : 0;
    if (b >= 0x81 && b <= 0xfe && next >= 0x40 && next <= 0xfe && next !== 0x7f) {
      if (b >= 0xa1 && next >= 0xa1) pairs++;
      i++;
    } else lone++;
  }
  return pairs > 0 && pairs >= lone;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decode(bytes, 'utf-8'), encoding: 'utf-8' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode(bytes, 'utf-16le'), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode(bytes, 'utf-16be'), encoding: 'utf-16be' };
  const u16 = looksUtf16(bytes);
  if (u16) return { text: decode(bytes, u16), encoding: u16 };
  try {
    return { text: decode(bytes, 'utf-8', true), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through
  }
  if (looksGbk(bytes)) {
    try {
      return { text: decode(bytes, 'gb18030', true), encoding: 'gb18030' };
    } catch {
      // not GB18030 either
    }
  }
  return { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
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
 * Delimited text → rows of strings. LF, CRLF and CR-only line endings; quoted fields with
 * doubled quotes and embedded line breaks. Empty lines stay as [''] so row numbers match
 * the file's lines (ingest skips blank rows); a trailing newline adds no row.
 */
export function parseDelimited(text: string): { rows: string[][]; delimiter: string; skippedLines: number } {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Excel's "sep=;" first line names the delimiter and is not data.
  const sep = /^sep=(.)\r?\n?/i.exec(body.slice(0, 8));
  let skippedLines = 0;
  if (sep) {
    body = body.slice(sep[0].length).replace(/^\n/, '');
    skippedLines = 1;
  }
  const delimiter = sep ? sep[1] : detectDelimiter(body);
  const res = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false, quoteChar: '"' });
  const rows = res.data;
  if (rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last.length === 1 && last[0] === '') rows.pop();
  }
  return { rows, delimiter, skippedLines };
}

/** A text file → a SourceGrid of strings (fromText: numbers and dates are parsed from text). */
export function textToGrid(bytes: Uint8Array, name: string): SourceGrid & { encoding: string; delimiter: string } {
  const { text, encoding } = decodeText(bytes);
  const { rows, delimiter, skippedLines } = parseDelimited(text);
  return { name, headerRow: 1 + skippedLines, firstColumn: 0, values: rows, fromText: true, encoding, delimiter };
}
