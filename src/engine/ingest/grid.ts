// Shared grid plumbing: header texts, column mapping (given or detected), column extraction.
import { tryT, type Params } from '../../i18n';
import { TieringError, type SourceGrid } from '../types';
import { cellText, columnLetter, isBlank } from './cells';
import { detectRemaining, findHeader, HEADER_EXAMPLES, type TableKind } from './headers';
import type { GridPlace } from './issues';
import { findAmbiguousColumn } from './ambiguity';
import { cellsOf } from './textColumns';

/** Header texts of a grid (blank headers become "Column C"; repeated ones get " (2)"). */
export function headerTexts(grid: SourceGrid): string[] {
  const row = cellsOf(grid).row(0) ?? [];
  const firstColumn = grid.firstColumn ?? 0;
  const seen = new Map<string, number>();
  return row.map((c, i) => {
    let h = isBlank(c) ? '' : cellText(c, 200).trim();
    if (h === '') h = `Column ${columnLetter(firstColumn + i)}`;
    const count = seen.get(h) ?? 0;
    seen.set(h, count + 1);
    return count === 0 ? h : `${h} (${count + 1})`;
  });
}

export function placeOf(grid: SourceGrid, table: TableKind, headers: string[]): GridPlace {
  const place: GridPlace = { table, sheet: grid.name, headerRow: grid.headerRow ?? 1, firstColumn: grid.firstColumn ?? 0, headers };
  if (grid.uncalculated && grid.uncalculated.size > 0) place.uncalculated = grid.uncalculated;
  return place;
}

export function throwError(code: string, params: Params): never {
  throw new TieringError(code, params, tryT('en-US', `error.${code}`, params));
}

/**
 * Column index per mapping key: keys given in the config must exist (else
 * 'mapped_column_missing'); the rest are detected from the headers not already used.
 */
export function resolveColumns(
  headers: string[],
  table: TableKind,
  given: Record<string, string | undefined>,
  sheet: string,
  required: readonly string[],
  firstColumn = 0,
): Record<string, number> {
  const idx: Record<string, number> = {};
  const taken = new Set<number>();
  for (const [key, name] of Object.entries(given)) {
    if (!name) continue;
    const j = findHeader(headers, name);
    if (j < 0) throwError('mapped_column_missing', { table, sheet, key, column: name, headers });
    idx[key] = j;
    taken.add(j);
  }
  const givenKeys = new Set(Object.keys(idx));
  Object.assign(idx, detectRemaining(headers, table, taken, givenKeys));
  const twin = findAmbiguousColumn(headers, idx, givenKeys, firstColumn);
  if (twin) throwError('ambiguous_column', { table, sheet, ...twin, configPath: `columns.${table}.${twin.key}` });
  for (const key of required) {
    if (!(key in idx)) throwError('missing_column', { table, sheet, column: key, expected: HEADER_EXAMPLES[key] ?? key, headers });
  }
  return idx;
}

/** True when every cell of the row is blank (trailing empty rows of a used range). */
export function rowIsBlank(row: readonly unknown[] | undefined): boolean {
  if (!row) return true;
  for (let j = 0; j < row.length; j++) if (!isBlank(row[j])) return false;
  return true;
}
