// Text cells read in SQL exactly as the in-memory ingest reads them (ingest/dates.ts tokenize,
// cells.ts normalizeId, numbers.ts plain numbers), for DuckDB reading a CSV as text. What SQL
// cannot read the same way (month names, currency signs, grouped or decimal-comma numbers, a
// blank order id …) is not guessed at: the validation query counts it as "not plain" and the
// source refuses, or the CLI reads the file in memory instead (sources/common.ts). The
// differential tests (test/scale/reading.test.ts) hold these expressions against the ingest
// functions on random text.
import { EXCEL_ERRORS } from '../ingest/cells';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Whitespace other than the space that fastTrim or isBlank (ingest/cells.ts) treat as blank: an
 * id or number with one of these at an end is not plain (SQL trims only spaces, cheaply).
 */
const OTHER_SPACE = String.raw`[\t\n\v\f\r\x{a0}\x{1680}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]`;

/** normalizeId on text with only spaces at its ends: trimmed, and "1001.0" → "1001" (the regex only on the rare candidates). */
export function duckdbId(s: string): string {
  return `(CASE WHEN suffix(${s}, '0') AND contains(${s}, '.') THEN regexp_replace(trim(${s}), '^([0-9]+)\\.0+$', '\\1') ELSE trim(${s}) END)`;
}

/** Text with whitespace other than spaces at an end (duckdbId would not trim it as the ingest does). */
export function duckdbOtherSpaceAtEnd(s: string): string {
  // RE2 costs ~0.1 µs a cell here, less than character tests in SQL (measured on 1 M ids).
  return `regexp_matches(${s}, '^ *${OTHER_SPACE}|${OTHER_SPACE} *$')`;
}

/** An id cell the ingest leaves out: blank after trimming, or an Excel error value (#N/A …). */
export function duckdbBadId(id: string): string {
  // A scalar list test behind the "#" check: an IN list of 15 became a join over every row.
  return `(${id} IS NULL OR ${id} = '' OR (starts_with(${id}, '#') AND list_contains([${[...EXCEL_ERRORS].map(lit).join(', ')}], upper(${id}))))`;
}

/** numbers.ts's fast path: only digits, dots and a leading minus, read by Number(). Anything else takes the loose path, which SQL does not copy. */
export function duckdbPlainNumber(s: string): string {
  return `regexp_full_match(${s}, '-?([0-9]+\\.?[0-9]*|\\.[0-9]+)')`;
}

/** The strict ISO shape: the fast path (no regex) of almost every date in a large file. */
const ISO_GLOB = `'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;

/**
 * tokenize() as one regex: up to three digit groups of 1–8 digits joined by - / . 年 月, then
 * 日 or a time part after a space, tab or T. Groups: g0 s1 g1 s2 g2.
 */
const DATE_RE = "^[ \\t]*([0-9]{1,8})(?:([-/.年月])([0-9]{1,8})(?:([-/.年月])([0-9]{1,8}))?)?日?(?s:[ \\tTt].*)?$";

/** The date parts of a text date that is not strict ISO (NULL for strict ISO: no regex for it). */
export function duckdbDateParts(s: string): string {
  return `CASE WHEN ${s} GLOB ${ISO_GLOB} THEN NULL ELSE regexp_extract(${s}, ${lit(DATE_RE)}, ['g0', 's1', 'g1', 's2', 'g2']) END`;
}

/** Day number of y-m-d when it is a real day with a year 1–9999 (ymdDays), else NULL. */
export function duckdbYmdDay(y: string, m: string, d: string): string {
  return `(CASE WHEN ${y} BETWEEN 1 AND 9999 AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND 31 THEN TRY_CAST(lpad(CAST(${y} AS VARCHAR), 4, '0') || '-' || lpad(CAST(${m} AS VARCHAR), 2, '0') || '-' || lpad(CAST(${d} AS VARCHAR), 2, '0') AS DATE) - DATE '1970-01-01' END)`;
}

const int = (e: string) => `TRY_CAST(${e} AS INTEGER)`;

/** The shape of the parts `p` (tokenize's S_YMD, S_YMD8, S_ABY), as SQL conditions. */
export function duckdbDateShapes(p: string) {
  const k2 = `${p}.s2 <> '' AND (${p}.s2 = ${p}.s1 OR (${p}.s1 = '年' AND ${p}.s2 = '月'))`;
  return {
    ymd8: `(${p}.g0 <> '' AND ${p}.s1 = '' AND length(${p}.g0) = 8)`,
    ymd: `(${k2} AND length(${p}.g0) = 4 AND length(${p}.g1) <= 2 AND length(${p}.g2) <= 2)`,
    aby: `(${k2} AND ${p}.s1 <> '年' AND length(${p}.g0) <= 2 AND length(${p}.g1) <= 2 AND length(${p}.g2) IN (2, 4))`,
  };
}

/** a/b/yy parts: first, second, and the year with the 00–69 → 20xx pivot (fullYear). */
export function duckdbAby(p: string): { a: string; b: string; y: string } {
  const y = int(`${p}.g2`);
  return { a: int(`${p}.g0`), b: int(`${p}.g1`), y: `(CASE WHEN length(${p}.g2) = 4 THEN ${y} WHEN ${y} < 70 THEN 2000 + ${y} ELSE 1900 + ${y} END)` };
}

/**
 * Day number of text date `s` with parts `p` (duckdbDateParts), NULL when the ingest would not
 * read it (or reads it by a rule SQL does not copy). `dmy` is a 0/1 expression: the column's
 * day/month order, decided by the validation's evidence with the ingest's own decideOrder.
 */
export function duckdbTextDay(s: string, p: string, dmy: string): string {
  const sh = duckdbDateShapes(p);
  const { a, b, y } = duckdbAby(p);
  return `(CASE WHEN ${s} GLOB ${ISO_GLOB} THEN (CASE WHEN ${s} NOT LIKE '0000%' THEN TRY_CAST(${s} AS DATE) - DATE '1970-01-01' END)
      WHEN ${sh.ymd8} THEN ${duckdbYmdDay(int(`substr(${p}.g0, 1, 4)`), int(`substr(${p}.g0, 5, 2)`), int(`substr(${p}.g0, 7, 2)`))}
      WHEN ${sh.ymd} THEN ${duckdbYmdDay(int(`${p}.g0`), int(`${p}.g1`), int(`${p}.g2`))}
      WHEN ${sh.aby} THEN (CASE WHEN ${dmy} = 1 THEN ${duckdbYmdDay(y, b, a)} ELSE ${duckdbYmdDay(y, a, b)} END) END)`;
}
