// How Excel turns what an add-in writes through `values`/`formulas` into cell content: like
// typing it. "=…" becomes a formula, "+A1"/"@x" too, "00123" and "1e3" become numbers,
// "TRUE" a boolean, "2024-03-05" a date — unless the cell is formatted as text ("@") or the
// string starts with an apostrophe (a prefix that is not part of the value).
import { fail } from './errors';
import { excelNumber, type Scalar } from './model';

export interface Entry {
  value: Scalar | undefined; // undefined: the cell becomes empty
  formula?: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MAX_CELL_TEXT = 32767;

function dateSerial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

/** null: leave the cell as it is (Excel ignores nulls in a written array). */
export function interpretInput(v: unknown, textFormat: boolean, asFormula: boolean): Entry | null {
  if (v === null) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('InvalidArgument', 'A number written to a cell must be finite.');
    return { value: excelNumber(v) };
  }
  if (typeof v === 'boolean') return { value: v };
  if (typeof v !== 'string') return fail('InvalidArgument', `Cannot write a ${typeof v} to a cell.`);
  // The limit is on what the cell holds: the apostrophe prefix is not part of it.
  const held = !textFormat && v.startsWith("'") ? v.length - 1 : v.length;
  if (held > MAX_CELL_TEXT) fail('InvalidArgument', `A cell holds at most ${MAX_CELL_TEXT} characters.`);
  if (v === '') return { value: undefined };
  if (textFormat) return { value: v };
  if (v.startsWith("'")) return v.length === 1 ? { value: undefined } : { value: v.slice(1) };
  const trimmed = v.trim();
  if (NUMBER.test(trimmed)) {
    const pct = trimmed.endsWith('%');
    const n = Number(pct ? trimmed.slice(0, -1) : trimmed);
    return { value: excelNumber(pct ? n / 100 : n) };
  }
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  const iso = ISO_DATE.exec(trimmed);
  if (iso) return { value: dateSerial(Number(iso[1]), Number(iso[2]), Number(iso[3])) };
  if (v.length > 1 && (v[0] === '=' || v[0] === '+' || v[0] === '-' || v[0] === '@')) {
    const formula = v[0] === '=' ? v : `=${v}`;
    return { value: evaluate(formula), formula };
  }
  if (asFormula && v.startsWith('=')) return { value: evaluate(v), formula: v };
  return { value: v };
}

/** The fake does not calculate: numeric literals evaluate, anything else is #NAME?. */
function evaluate(formula: string): Scalar {
  const body = formula.slice(1).replace(/^[+@]/, '');
  return NUMBER.test(body) && !body.endsWith('%') ? Number(body) : '#NAME?';
}
