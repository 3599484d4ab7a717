// Formula-injection guard for CSV files opened in spreadsheets (OWASP "CSV Injection"): a
// cell starting with = + - @ tab or CR is prefixed with ' so Excel and LibreOffice show it
// as text instead of running it (=HYPERLINK(…), =cmd|' /C calc'!A0). Genuine numbers
// (-12.5, +3) are left alone; `--csv-raw` writes every value as it is.

const TRIGGER = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The text a spreadsheet cannot mistake for a formula. */
export function guardFormula(s: string): string {
  const c = s.charCodeAt(0);
  // the TRIGGER characters, checked first: most text starts with none of them
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return s;
  if (!TRIGGER.test(s) || NUMBER.test(s)) return s;
  return `'${s}`;
}

/** The text guardFormula was given: its `'` taken off again (a table we wrote, read back). */
export function unguardFormula(s: string): string {
  if (s.charCodeAt(0) !== 39 || s.length < 2) return s;
  const rest = s.slice(1);
  return guardFormula(rest) === s ? rest : s;
}
