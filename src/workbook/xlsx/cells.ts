// ExcelJS cell values → plain cell values as Excel's Range.values gives them: '' when blank,
// dates as serial numbers of the workbook's date system, formulas as their cached results,
// rich text as its text, errors as '#N/A'. The one flattening of ExcelJS cells: the
// adapter's reads use it, and the CLI reads .xlsx input through the adapter.
import type ExcelJS from 'exceljs';
import { dateToExcelSerial } from '../../engine/calendar';
import type { CellValue } from '../port';

export function plainValue(v: ExcelJS.CellValue, dateSystem: 1900 | 1904): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToExcelSerial(v, dateSystem);
  const o = v as unknown as Record<string, unknown>;
  if ('error' in o) return String(o.error);
  if ('richText' in o) return (o.richText as { text: string }[]).map((x) => x.text).join('');
  if ('formula' in o || 'sharedFormula' in o) return plainValue((o.result ?? null) as ExcelJS.CellValue, dateSystem);
  if ('text' in o) return typeof o.text === 'string' ? o.text : plainValue(o.text as ExcelJS.CellValue, dateSystem);
  return String(v);
}

/** A value of a write op as ExcelJS takes it: '' and non-finite numbers empty the cell. Text
 *  arrives cleaned (src/output/cells.ts) and ExcelJS writes strings as text, never formulas. */
export function excelValue(v: CellValue): ExcelJS.CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/** "#1F4E78" → ExcelJS's "FF1F4E78". */
export const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
