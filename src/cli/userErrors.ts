// Checks that turn would-be crashes late in a run into user errors before anything is written:
// an output that cannot be written, --in-place without a workbook, rules that do not compile.
import * as fs from 'fs';
import * as path from 'path';
import type { ClassificationResult } from '../engine/types';
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
