// `classify --out/--in-place`: the same outputs as the add-in, written into a copy of the
// input workbook (or the workbook itself), or — for CSV input — into a new workbook that
// holds the data sheets and the outputs. Source sheets keep their values.
import * as fs from 'fs';
import * as path from 'path';
import type { TieringConfig, RangeRef } from '../config/schema';
import type { InputTables, SourceGrid } from '../engine/types';
import type { Locale } from '../i18n';
import '../output/labels';
import { cleanCell } from '../output/cells';
import { uniqueSheetName, sheetKey } from '../output/sheetNames';
import { refreshWorkbook, type EditChoice, type RefreshReport } from '../workbook/run';
import { XlsxPort } from '../workbook/ooxml/port';
import { WorkbookError } from '../workbook/errors';
import { InputFileError, readInputFile, splitSheetSpec } from './inputFiles';
import { resolveSource } from './sourceSpec';
import { OpenBooks, reuseClassification } from './reuse';
import type { ClassificationResult } from '../engine/types';

export interface WriteOutOptions {
  orders?: string;
  customers?: string;
  /** Grids already read (e.g. by `classify`); read from the files when absent. */
  inputs?: InputTables;
  config: TieringConfig;
  out?: string;
  inPlace?: boolean;
  locale: Locale;
  /** What to do with our output the user edited in the workbook written into (default: stop). */
  edits?: EditChoice;
  /** Workbooks `inputs` were read from (each file is loaded once per command). */
  books?: OpenBooks;
  /** The classification of `inputs` under `config`: reused when the refresh reads the same cells. */
  result?: ClassificationResult;
}

const isXlsx = (spec?: string) => !!spec && /\.xls[xm]$/i.test(splitSheetSpec(spec).file);

/** Adds a data sheet holding a grid (CSV input) and returns a reference to it. */
async function addDataSheet(port: XlsxPort, grid: SourceGrid, wanted: string): Promise<RangeRef> {
  const taken = new Set((await port.listSheets()).map((s) => sheetKey(s.name)));
  const name = uniqueSheetName(wanted, taken);
  // Cell text as any output writes it (cleaned, cut to Excel's length).
  const values = grid.values.map((r) => r.map((v) => cleanCell(v === undefined ? null : v)));
  await port.write([
    { op: 'addSheet', name },
    { op: 'values', sheet: name, row: 0, col: 0, values },
  ]);
  return { kind: 'sheet', sheet: name };
}

export async function writeTieredWorkbook(opts: WriteOutOptions & Record<string, unknown>): Promise<RefreshReport> {
  const base = isXlsx(opts.orders) ? opts.orders : isXlsx(opts.customers) ? opts.customers : undefined;
  if (opts.inPlace && !base) throw new InputFileError('cli.in_place_not_xlsx', { file: opts.orders ?? opts.customers ?? '' });
  const target = opts.out ?? (opts.inPlace ? splitSheetSpec(base!).file : undefined);
  if (!target) throw new InputFileError('out.cli.needOut', {});
  const baseFile = base ? splitSheetSpec(base).file : undefined;
  const books = opts.books ?? new OpenBooks();
  const port = baseFile ? await books.open(baseFile) : await XlsxPort.create();
  // A macro-enabled package saved under .xlsx is a file Excel refuses to open: say so before any work.
  if ((await port.isMacroEnabled()) && !/\.xlsm$/i.test(target)) throw new WorkbookError('macroExtension', { file: path.basename(baseFile!), out: path.basename(target) });

  const sources: TieringConfig['sources'] = {};
  for (const key of ['orders', 'customers'] as const) {
    const spec = opts[key];
    if (!spec) continue;
    const { file, sheet } = splitSheetSpec(spec);
    if (baseFile && path.resolve(file) === path.resolve(baseFile)) {
      const { ref } = await resolveSource(port, sheet, key, path.basename(file));
      // A whole sheet that holds one Excel table is read as that table, so tier columns join it.
      const tables = ref.kind === 'sheet' && !ref.address ? (await port.listTables()).filter((x) => sheetKey(x.sheet) === sheetKey(ref.sheet)) : [];
      sources[key] = tables.length === 1 ? { kind: 'table', table: tables[0].name } : ref;
    } else {
      const grid = opts.inputs?.[key] ?? (await readInputFile(spec, key, books));
      sources[key] = await addDataSheet(port, grid, path.basename(file).replace(/\.[^.]+$/, ''));
    }
  }
  const classifier = opts.result && opts.inputs ? reuseClassification(opts.result, opts.inputs, opts.config) : undefined;
  const report = await refreshWorkbook(port, { config: { ...opts.config, sources: { ...opts.config.sources, ...sources } }, locale: opts.locale, edits: opts.edits, classify: classifier });
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    await port.save(target);
  } catch (e) {
    throw new InputFileError('cli.out_unwritable', { file: target, reason: e instanceof Error ? e.message : String(e) });
  }
  return report;
}
