// Every workbook of the source corpus (ExcelJS, openpyxl and LibreOffice writers; notes sheets,
// title rows, tables at B3, totals rows, merged cells, 1904 dates, hidden rows, names, quantity ×
// price lines) read the CLI's way under every source spec it lists: the customers, names, orders,
// revenue and last order dates equal sums of the generator's lines, and the notes say what was done.
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig, type TieringConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import { TieringError } from '../../../src/engine/types';
import { readInputFile } from '../../../src/cli/inputFiles';
import { expectSameCustomers } from './check';
import { corpus } from './corpus';

const DIR = path.resolve(__dirname, '../../fixtures/sources');

function config(): TieringConfig {
  const res = parseConfig({ version: 1 });
  if (!res.ok) throw new Error('config');
  return res.config;
}

const entries = corpus();

test('the corpus holds at least 25 workbooks from three writers, all generated', () => {
  expect(entries.length).toBeGreaterThanOrEqual(25);
  expect(new Set(entries.map((e) => e.writer))).toEqual(new Set(['exceljs', 'openpyxl', 'libreoffice']));
  for (const e of entries) expect([e.file, fs.existsSync(path.join(DIR, e.file))]).toEqual([e.file, true]);
});

describe.each(entries.map((e) => [e.file, e] as const))('%s', (_file, e) => {
  test.each(e.specs.map((s) => [s ?? '(no #)', s] as const))('read as %s', async (_label, spec) => {
    const grid = await readInputFile(spec === null ? path.join(DIR, e.file) : `${path.join(DIR, e.file)}#${spec}`);
    if (e.error) {
      let code = '';
      try {
        classify({ orders: grid }, config());
      } catch (err) {
        code = err instanceof TieringError ? err.code : String(err);
      }
      expect(code).toBe(e.error);
      return;
    }
    const result = classify({ orders: grid }, config());
    expectSameCustomers(result, e, e.lines.some((l) => l.name) && e.book.sheets.some((s) => s.cells.some((b) => b.rows[0]?.includes('客户名称') || b.rows[0]?.includes('Customer Name'))));
    const notes = result.warnings.map((w) => w.code);
    for (const n of e.notes) if (n !== 'source_sheet_chosen' || spec === null) expect(notes).toContain(n);
    const issues = new Set(result.issues.map((i) => i.code));
    for (const code of e.issues ?? []) expect([...issues]).toContain(code);
    // Lines left out are exactly the ones Excel would not count: one error per such line.
    const errorRows = new Set(result.issues.filter((i) => i.severity === 'error').map((i) => i.row));
    expect(errorRows.size).toBe(e.uncounted?.length ?? 0);
  });
});
