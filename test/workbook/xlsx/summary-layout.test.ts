// The summary as the written file holds it: an action column that stands right of a column of
// figures (the tier tables, "what changed") is left-aligned and indented, so the last figure and
// the action never read as one run of text (they did in LibreOffice and Excel alike).
import ExcelJS from 'exceljs';
import { generateDemo } from '../../../src/cli/demoData';
import { demoWorkbook, tierDemo } from '../../../src/cli/demo';
import { t, type Locale } from '../../../src/i18n';
import { XlsxPort } from '../../../src/workbook/ooxml/port';

async function summarySheet(locale: Locale): Promise<ExcelJS.Worksheet> {
  const port = await XlsxPort.fromBuffer(await (await demoWorkbook(generateDemo({ customers: 300, seed: 5 }))).toBuffer());
  const report = await tierDemo(port, locale, '2024-06-30');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await port.toBuffer()) as unknown as ArrayBuffer);
  return wb.getWorksheet(report.sheets.summary)!;
}

describe.each(['zh-CN', 'en-US'] as const)('summary layout (%s)', (locale) => {
  it('indents every action beside figures, header included, and leaves the figures right-aligned', async () => {
    const ws = await summarySheet(locale);
    const headers = new Set([t(locale, 'mg.tiers.action'), t(locale, 'mg.change.action')]);
    let blocks = 0;
    let actions = 0;
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (typeof cell.value !== 'string' || !headers.has(cell.value)) return;
        // The playbook's action (same header in 中文) stands beside the tier's name, not figures.
        if (typeof ws.getCell(r + 1, c - 1).value !== 'number') return;
        blocks++;
        // Down the column until the block ends: every action cell and the header.
        for (let i = r; typeof ws.getCell(i, c).value === 'string' && ws.getCell(i, c).value !== ''; i++) {
          const action = ws.getCell(i, c);
          expect([i, c, action.alignment?.horizontal, action.alignment?.indent]).toEqual([i, c, 'left', 1]);
          if (i > r) {
            const figure = ws.getCell(i, c - 1);
            // A figure, or nothing (a tier without orders has no average order value).
            expect([i, c - 1, figure.value === null ? 'number' : typeof figure.value, figure.alignment?.horizontal ?? 'general']).toEqual([i, c - 1, 'number', 'general']);
            actions++;
          }
        }
      });
    });
    // "What changed" and one tier table per method (ABC, RFM, activity, …).
    expect(blocks).toBeGreaterThanOrEqual(5);
    expect(actions).toBeGreaterThan(20);
  });
});
