// Checks that turn would-be crashes late in a run into user errors before anything is written:
// an output that cannot be written, --in-place without a workbook, rules that do not compile.
import * as fs from 'fs';
import * as path from 'path';
import { TieringError, type ClassificationResult, type InputTables } from '../engine/types';
import { t, type Locale } from '../i18n';
import { cellsOf } from '../engine/ingest/textColumns';
import { splitSheetSpec } from './inputFiles';

export const isWorkbookSpec = (spec?: string): boolean => !!spec && /\.xls[xm]$/i.test(splitSheetSpec(spec).file);

/** Why `file` cannot be written (a folder missing or read-only, a directory, a read-only file), or null. */
export function checkWritable(file: string): string | null {
  const full = path.resolve(file);
  try {
    if (fs.existsSync(full)) {
      if (fs.statSync(full).isDirectory()) return 'EISDIR: it is a folder';
      fs.accessSync(full, fs.constants.W_OK);
      return null;
    }
    // The nearest existing folder must be writable (missing folders are created on write).
    let dir = path.dirname(full);
    while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    if (!fs.statSync(dir).isDirectory()) return `ENOTDIR: ${dir} is not a folder`;
    fs.accessSync(dir, fs.constants.W_OK);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The rule sets that did not compile, one line each (the engine reports them as 'rule_error' warnings). */
export function ruleErrorsText(result: Pick<ClassificationResult, 'warnings'>): string {
  return result.warnings
    .filter((w) => w.code === 'rule_error')
    .map((w) => `  - ${String(w.params?.ruleSet ?? '')}: ${String(w.params?.message ?? '')}`)
    .join('\n');
}

/**
 * A missing column usually means the headings are not on the row read as the header (a title
 * above them): say which row was read and what it held, in the user's words.
 */
export function headerRowHint(e: unknown, tables: InputTables, locale: Locale): string | null {
  if (!(e instanceof TieringError) || e.code !== 'missing_column') return null;
  const grid = e.params.table === 'customers' ? tables.customers : tables.orders;
  if (!grid) return null;
  const headers = (cellsOf(grid).row(0) ?? []).map((c) => (c === null || c === undefined ? '' : String(c))).filter((c) => c.trim() !== '');
  return t(locale, 'cli.hint_header_row', { row: grid.headerRow ?? 1, sheet: grid.name, headers: headers.length ? headers.map((h) => `"${h}"`) : '—' });
}
