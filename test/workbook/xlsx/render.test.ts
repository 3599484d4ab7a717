// Renders the tiered demo's summary with LibreOffice and checks that the page and its native
// charts are there. Chart titles exist only inside the charts (no cell holds them), so finding
// them in the PDF text means LibreOffice drew the charts.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateDemo } from '../../../src/cli/demoData';
import { demoWorkbook, tierDemo } from '../../../src/cli/demo';
import { XlsxPort } from '../../../src/workbook/ooxml/port';

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const hasPoppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;
const run = hasSoffice && hasPoppler ? it : it.skip;
if (!hasSoffice || !hasPoppler) console.warn('LibreOffice (soffice) or poppler-utils missing: the render test is skipped.');

/** Keeps only one sheet (its charts stay): LibreOffice then renders a few pages, not a thousand. */
export async function sheetOnly(file: string, sheet: string, out: string): Promise<void> {
  const port = await XlsxPort.fromFile(file);
  await port.write((await port.listSheets()).filter((s) => s.name !== sheet).map((s) => ({ op: 'deleteSheet' as const, name: s.name })));
  await port.save(out);
}

export function toPdf(xlsx: string, dir: string): string {
  const profile = `file://${path.join(dir, 'lo-profile')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  return path.join(dir, `${path.basename(xlsx, '.xlsx')}.pdf`);
}

describe('LibreOffice render of the tiered demo', () => {
  run('shows the summary page with its dashboard, tables and the three native charts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-render-'));
    const port = await XlsxPort.fromBuffer(await (await demoWorkbook(generateDemo({ customers: 600, seed: 3 }))).toBuffer());
    const report = await tierDemo(port, 'zh-CN', '2024-06-30');
    const tiered = path.join(dir, 'tiered.xlsx');
    await port.save(tiered);
    const summary = path.join(dir, 'summary.xlsx');
    await sheetOnly(tiered, report.sheets.summary, summary);
    const pdf = toPdf(summary, dir);
    const first = spawnSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(first).toContain('客户分级汇总');
    expect(first).toContain('ABC：各级别');
    // The dashboard and the Pareto chart beside it on the first page; the other charts under their tables.
    expect(first).toContain('概览（变化与 2024-06-30 相比）');
    expect(first.replace(/\s+/g, ' ')).toContain('ABC 帕累托：按客户排名的销售额');
    const all = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
    for (const title of ['各 RFM 分群客户数', '各 ABC 级别销售额']) expect(all.replace(/\s+/g, ' ')).toContain(title);
    expect(all).toContain('自 2024-06-30 以来');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
