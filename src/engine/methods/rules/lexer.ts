// Tokenizer of the rule language. Works on UTF-16 offsets (what editors highlight);
// line/column for people are computed later from the offset.
import { RuleSyntaxError } from './errors';

export type TokenKind =
  | 'number'
  | 'string'
  | 'ident' // bare column or function name
  | 'quoted' // `column name` or [column name]
  | 'keyword' // and or not between in is blank null contains starts with date true false (lower-cased)
  | 'op' // = != < <= > >= + - * / ( ) ,
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Normalised text: keyword in lower case (且→and …), op in ASCII form, name/string unquoted. */
  value: string;
  offset: number;
  length: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'between', 'in', 'is', 'blank', 'null', 'contains', 'starts', 'with', 'date', 'true', 'false']);
/** Chinese synonyms of the logical keywords. */
const CJK_KEYWORDS = new Map([
  ['且', 'and'],
  ['或', 'or'],
  ['非', 'not'],
]);
/** Comparison spellings → canonical operator (≥ ≤ ≠ and full-width brackets are what IMEs produce). */
const OPERATORS: [string, string][] = [
  ['<>', '!='],
  ['!=', '!='],
  ['==', '='],
  ['<=', '<='],
  ['>=', '>='],
  ['≤', '<='],
  ['≥', '>='],
  ['≠', '!='],
  ['=', '='],
  ['<', '<'],
  ['>', '>'],
  ['+', '+'],
  ['-', '-'],
  ['*', '*'],
  ['/', '/'],
  ['(', '('],
  [')', ')'],
  [',', ','],
  ['（', '('],
  ['）', ')'],
  ['，', ','],
];
/** Quote characters: opening → closing. Curly quotes are what Chinese IMEs type. */
const STRING_QUOTES = new Map([
  ["'", "'"],
  ['"', '"'],
  ['‘', '’'],
  ['“', '”'],
]);
const NAME_QUOTES = new Map([
  ['`', '`'],
  ['[', ']'],
]);

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_]/u;
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /\s/u;

/**
 * Splits rule text into tokens. `isColumn` lets a bare 中文 name that contains 且/或/非 stay one
 * name when the table really has such a column; otherwise those characters are keywords, so
 * `华东地区且大型` reads as two names joined by "and".
 */
export function tokenize(text: string, isColumn: (name: string) => boolean = () => false): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch >= '0' && ch <= '9') {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text)!;
      i += m[0].length;
      tokens.push({ kind: 'number', value: m[0], offset: start, length: i - start });
      continue;
    }
    const close = STRING_QUOTES.get(ch) ?? NAME_QUOTES.get(ch);
    if (close !== undefined) {
      const isName = NAME_QUOTES.has(ch);
      const { value, end } = readQuoted(text, i + 1, close, isName ? 'unterminated_name' : 'unterminated_string', start);
      i = end;
      tokens.push({ kind: isName ? 'quoted' : 'string', value, offset: start, length: i - start });
      continue;
    }
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    if (IDENT_START.test(cp)) {
      let end = i + cp.length;
      while (end < text.length) {
        const next = String.fromCodePoint(text.codePointAt(end)!);
        if (!IDENT_PART.test(next)) break;
        end += next.length;
      }
      const run = text.slice(i, end);
      const cjk = CJK_KEYWORDS.get(ch);
      if (cjk && !isColumn(run)) {
        tokens.push({ kind: 'keyword', value: cjk, offset: i, length: 1 });
        i++;
        continue;
      }
      if (!isColumn(run)) {
        // Stop a bare name at the first 且/或/非 (the keyword is read on the next turn).
        const cut = run.slice(1).search(/[且或非]/u);
        if (cut >= 0) end = i + 1 + cut;
      }
      const word = text.slice(i, end);
      i = end;
      const lower = word.toLowerCase();
      tokens.push(
        KEYWORDS.has(lower)
          ? { kind: 'keyword', value: lower, offset: start, length: word.length }
          : { kind: 'ident', value: word, offset: start, length: word.length },
      );
      continue;
    }
    const op = OPERATORS.find(([spelling]) => text.startsWith(spelling, i));
    if (op) {
      i += op[0].length;
      tokens.push({ kind: 'op', value: op[1], offset: start, length: op[0].length });
      continue;
    }
    throw new RuleSyntaxError('unexpected_char', { char: describeChar(cp) }, start, cp.length);
  }
  tokens.push({ kind: 'eof', value: '', offset: text.length, length: 0 });
  return tokens;
}

/** Reads up to the closing quote; a doubled closing quote stands for one. */
function readQuoted(text: string, from: number, close: string, code: string, start: number): { value: string; end: number } {
  let value = '';
  let i = from;
  for (;;) {
    const j = text.indexOf(close, i);
    if (j < 0) throw new RuleSyntaxError(code, { quote: close }, start, text.length - start);
    value += text.slice(i, j);
    if (text[j + 1] === close && close !== '’' && close !== '”') {
      value += close;
      i = j + 2;
      continue;
    }
    return { value, end: j + 1 };
  }
}

/** Shows invisible or confusing characters by code point so the message is readable. */
function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? `${c} (${hex})` : hex;
}
