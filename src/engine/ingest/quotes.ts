// Unclosed quotes in delimited text. A quote that opens a field and is never closed makes a
// CSV parser read the rest of the file as one cell (50 orders silently gone). Instead the line
// that opens it is left out and reported by number, and parsing resumes on the next line.
import type { ReadNote } from './encoding';

/**
 * Offset of a quote that opens a field and is never closed, or -1 (RFC 4180 quoting). A quoted
 * field that spans lines and is followed by more text after its "closing" quote counts as never
 * closed: two stray quotes must not swallow the lines between them.
 */
export function unclosedQuoteAt(text: string, delimiter: string): number {
  // Jumps from quote to quote (native indexOf): a file without quotes costs one search.
  let i = text.indexOf('"');
  while (i >= 0) {
    const before = i === 0 ? '\n' : text[i - 1];
    if (before !== delimiter && before !== '\n' && before !== '\r') {
      i = text.indexOf('"', i + 1); // a quote inside a field is a character
      continue;
    }
    const openedAt = i;
    let close = text.indexOf('"', i + 1);
    while (close >= 0 && text[close + 1] === '"') close = text.indexOf('"', close + 2);
    if (close < 0) return openedAt;
    if (strayClose(text, close + 1, delimiter) && /[\r\n]/.test(text.slice(openedAt, close))) return openedAt;
    i = text.indexOf('"', close + 1);
  }
  return -1;
}

/** A closing quote followed by more text in the field ("a\nb"c): it was another stray quote, and the first never closed. */
function strayClose(text: string, next: number, delimiter: string): boolean {
  const c = text[next];
  return c !== undefined && c !== delimiter && c !== '\n' && c !== '\r';
}

function lineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * Rows of `text` parsed by `parse`, with every unclosed quote's line left out (a blank row) and
 * reported ('unterminated_quote', 1-based `line` counted from `firstLine`).
 */
export function parseRecoveringQuotes(text: string, delimiter: string, parse: (text: string) => string[][], firstLine = 1): { rows: string[][]; notes: ReadNote[] } {
  if (unclosedQuoteAt(text, delimiter) < 0) return { rows: parse(text), notes: [] };
  const rows: string[][] = [];
  const notes: ReadNote[] = [];
  let rest = text;
  let line = firstLine;
  for (;;) {
    const at = unclosedQuoteAt(rest, delimiter);
    if (at < 0) break;
    const lineStart = Math.max(rest.lastIndexOf('\n', at), rest.lastIndexOf('\r', at)) + 1;
    const nl = rest.slice(at).search(/\r\n|\n|\r/);
    const lineEnd = nl < 0 ? rest.length : at + nl;
    const after = nl < 0 ? rest.length : lineEnd + (rest.startsWith('\r\n', lineEnd) ? 2 : 1);
    const head = rest.slice(0, lineStart);
    if (head !== '') append(rows, dropTrailingEmpty(parse(head)));
    const badLine = line + lineBreaks(head);
    // Left out as a blank row (row numbers still match lines): its fields cannot be told apart.
    rows.push(['']);
    rest = rest.slice(after);
    notes.push({ code: 'unterminated_quote', severity: 'error', params: { line: badLine, following: lineBreaks(rest) + (rest !== '' && !/[\r\n]$/.test(rest) ? 1 : 0) } });
    line = badLine + 1;
  }
  if (rest !== '') append(rows, parse(rest));
  return { rows, notes };
}

/** rows.push(...more) without spreading a million arguments onto the stack. */
function append(rows: string[][], more: string[][]): void {
  for (const r of more) rows.push(r);
}

/** Text ending with a line break parses to a last [''] row: not a row of the file. */
function dropTrailingEmpty(rows: string[][]): string[][] {
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '') rows.pop();
  return rows;
}
