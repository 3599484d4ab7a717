// Writes the source corpus (corpus.ts) to test/fixtures/sources/: Excel-like files with ExcelJS,
// openpyxl-style files with /usr/bin/python3 + openpyxl (render_openpyxl.py), and LibreOffice
// re-saves (soffice --headless --convert-to xlsx). Run: npx tsx test/cli/sources/generate.ts
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { corpus, type BookDesc, type Val } from './corpus';

export const OUT = path.resolve(__dirname, '../../fixtures/sources');

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function at(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return { row: Number(m[2]), col: colNumber(m[1]) };
}

const toCell = (v: Val): ExcelJS.CellValue => (v && typeof v === 'object' ? new Date(`${v.date}T00:00:00Z`) : v);

async function renderExcelJs(book: BookDesc, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Microsoft Excel';
  if (book.date1904) wb.properties.date1904 = true;
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    for (const block of s.cells) {
      const { row, col } = at(block.at);
      const isTable = s.table && s.table.ref.startsWith(block.at);
      if (isTable) {
        const [header, ...body] = block.rows;
        const rows = s.table!.totals ? body.slice(0, -1) : body;
        const totals = s.table!.totals ? body[body.length - 1] : null;
        ws.addTable({
          name: s.table!.name,
          ref: block.at,
          headerRow: true,
          totalsRow: !!totals,
          style: { theme: 'TableStyleMedium2', showRowStripes: true },
          columns: header.map((h, i) => ({
            name: String(h),
            ...(totals && typeof totals[i] === 'string' ? { totalsRowLabel: totals[i] as string } : {}),
            ...(totals && typeof totals[i] === 'number' ? { totalsRowFunction: 'sum' as const } : {}),
          })),
          rows: rows.map((r) => r.map(toCell)),
        });
        continue;
      }
      block.rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v === null) return;
          const c = ws.getCell(row + i, col + j);
          c.value = toCell(v);
          if (v && typeof v === 'object') c.numFmt = 'yyyy-mm-dd';
        }),
      );
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const r of s.hiddenRows ?? []) ws.getRow(r).hidden = true;
    if (s.autoFilter) ws.autoFilter = s.autoFilter;
  }
  for (const n of book.names ?? []) wb.definedNames.add(n.ref, n.name);
  await wb.xlsx.writeFile(file);
}

function renderOpenpyxl(jobs: { book: BookDesc; file: string }[]): void {
  const tmp = path.join(os.tmpdir(), `openpyxl-jobs-${process.pid}.json`);
  fs.writeFileSync(tmp, JSON.stringify(jobs));
  const res = spawnSync('/usr/bin/python3', [path.join(__dirname, 'render_openpyxl.py'), tmp], { encoding: 'utf8' });
  fs.rmSync(tmp, { force: true });
  if (res.status !== 0) throw new Error(`openpyxl: ${res.stderr}`);
}

/** LibreOffice re-saves `from` as `file` (its own writer: shared strings, styles, no table parts as given). */
function renderLibreOffice(from: string, file: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  const src = path.join(dir, 'in', path.basename(file).replace(/\.xlsx$/, '.ods'));
  fs.mkdirSync(path.dirname(src));
  // Through ODS and back, so the .xlsx is written by LibreOffice from its own model.
  const toOds = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'ods', '--outdir', path.dirname(src), from], { encoding: 'utf8' });
  const ods = path.join(path.dirname(src), path.basename(from).replace(/\.xlsx$/, '.ods'));
  if (toOds.status !== 0 || !fs.existsSync(ods)) throw new Error(`soffice: ${toOds.stderr}`);
  const back = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', dir, ods], { encoding: 'utf8' });
  const made = path.join(dir, path.basename(ods).replace(/\.ods$/, '.xlsx'));
  if (back.status !== 0 || !fs.existsSync(made)) throw new Error(`soffice: ${back.stderr}`);
  fs.copyFileSync(made, file);
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const all = corpus();
  for (const e of all.filter((x) => x.writer === 'exceljs')) await renderExcelJs(e.book, path.join(OUT, e.file));
  renderOpenpyxl(all.filter((x) => x.writer === 'openpyxl').map((e) => ({ book: e.book, file: path.join(OUT, e.file) })));
  for (const e of all.filter((x) => x.writer === 'libreoffice')) renderLibreOffice(path.join(OUT, e.from!), path.join(OUT, e.file));
  process.stdout.write(`${all.length} workbooks in ${OUT}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
