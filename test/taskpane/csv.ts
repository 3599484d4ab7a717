// Reference data from ../shared/data as grids of cells (header row first).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { CellValue } from '../../src/workbook/port';

export const DATA = path.resolve(__dirname, '../../../shared/data');

/** A CSV as a grid; cells that read as numbers become numbers (as Excel would hold them). */
export function csvGrid(file: string, maxRows = Infinity): CellValue[][] {
  const text = fs.readFileSync(path.join(DATA, file), 'utf8');
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  return parsed.data.slice(0, maxRows === Infinity ? undefined : maxRows + 1).map((row, i) =>
    row.map((v) => (i > 0 && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v)),
  );
}
