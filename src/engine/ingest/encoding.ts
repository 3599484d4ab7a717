// A text file's encoding, decided per file with evidence and never by one bad byte: a file
// whose lines are UTF-8 stays UTF-8 and only the lines that are not (a pasted Latin-1 "é", a
// GBK name) are decoded on their own and reported by line number; a UTF-8 BOM in front of
// GBK text (an editor that added the mark but kept the bytes) is read as GBK and reported.
import type { Params } from '../../i18n';

/** Something the reader noticed about a file, reported as a data issue of the table. */
export interface ReadNote {
  code: string;
  severity: 'error' | 'warning' | 'info';
  params: Params;
}

export interface Decoded {
  text: string;
  encoding: string;
  notes?: ReadNote[];
}

function decode(bytes: Uint8Array, encoding: string, fatal = false): string {
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
}

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return decode(bytes, encoding, true);
  } catch {
    return null;
  }
}

/**
 * GBK evidence: high bytes that pair as GB2312 hanzi (both bytes A1–FE) against high bytes
 * standing alone between ASCII (typical of Latin-1 accents: "café", "Müller").
 */
export function looksGbk(bytes: Uint8Array): boolean {
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

/** The legacy encoding of bytes that are not UTF-8: GB18030 when they pair like GBK, else windows-1252. */
function legacy(bytes: Uint8Array): { text: string; encoding: string } {
  if (looksGbk(bytes)) {
    const text = tryDecode(bytes, 'gb18030');
    if (text !== null) return { text, encoding: 'gb18030' };
  }
  return { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
}

interface Line {
  start: number;
  end: number;
  /** 0 ASCII only, 1 valid UTF-8 with non-ASCII, 2 not UTF-8. */
  kind: 0 | 1 | 2;
}

/** Lines split at LF (CR stays with its line, so CRLF and CR files keep their bytes). */
function classifyLines(bytes: Uint8Array): Line[] {
  const lines: Line[] = [];
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  const n = bytes.length;
  while (start < n) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? n : end + 1;
    let high = false;
    for (let i = start; i < end; i++) {
      if (bytes[i] >= 0x80) {
        high = true;
        break;
      }
    }
    let kind: Line['kind'] = 0;
    if (high) {
      try {
        strict.decode(bytes.subarray(start, end));
        kind = 1;
      } catch {
        kind = 2;
      }
    }
    lines.push({ start, end, kind });
    start = end;
  }
  return lines;
}

/**
 * Bytes that are not valid UTF-8 as a whole (after any UTF-8 BOM, `bomLength` bytes, already
 * cut off). UTF-8 wins when at least as many lines are valid non-ASCII UTF-8 as lines are not;
 * then each bad line is decoded alone and reported with its 1-based line number.
 */
export function decodeMixed(bytes: Uint8Array, hadUtf8Bom: boolean): Decoded {
  const lines = classifyLines(bytes);
  let good = 0;
  let bad = 0;
  for (const l of lines) {
    if (l.kind === 1) good++;
    else if (l.kind === 2) bad++;
  }
  if (good === 0 || good < bad) {
    const { text, encoding } = legacy(bytes);
    const notes: ReadNote[] = hadUtf8Bom ? [{ code: 'text_bom_mismatch', severity: 'warning', params: { bom: 'UTF-8', used: encoding.toUpperCase() } }] : [];
    return notes.length ? { text, encoding, notes } : { text, encoding };
  }
  const parts: string[] = [];
  const notes: ReadNote[] = [];
  lines.forEach((l, i) => {
    const slice = bytes.subarray(l.start, l.end);
    if (l.kind !== 2) {
      parts.push(decode(slice, 'utf-8'));
      return;
    }
    const { text, encoding } = legacy(slice);
    parts.push(text);
    notes.push({ code: 'text_line_encoding', severity: 'warning', params: { line: i + 1, encoding: 'UTF-8', used: encoding.toUpperCase() } });
  });
  return { text: parts.join(''), encoding: 'utf-8', notes };
}

/** The text of a file and how it was decided (see the file comment). */
export function decodeWithEvidence(bytes: Uint8Array, looksUtf16: (b: Uint8Array) => 'utf-16le' | 'utf-16be' | null): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (!bom) {
    const u16 = looksUtf16(body);
    if (u16) return { text: decode(body, u16), encoding: u16 };
  }
  const utf8 = tryDecode(body, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return decodeMixed(body, bom);
}
