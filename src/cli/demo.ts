// `npm run demo`: builds the demo workbook (客户 as an Excel table, 订单 as a plain range),
// saves it, then classifies it twice — half a year before the end and at the end — so the
// tiered copy shows history, migration and movers as well as the tiers, groups and charts.
import * as fs from 'fs';
import * as path from 'path';
import { t, type Locale } from '../i18n';
import '../output/labels';
import { refreshWorkbook, type RefreshReport } from '../workbook/run';
import ExcelJS from 'exceljs';
import { XlsxPort } from '../workbook/ooxml/port';
import { parseArgs } from './args';
import { summaryText } from './classify';
import { demoConfig, generateDemo, type DemoData } from './demoData';

export { demoConfig };

export const DEMO_FILE = 'customer-tiers-demo.xlsx';
export const DEMO_TIERED_FILE = 'customer-tiers-demo-tiered.xlsx';

/** The demo data as a workbook: 客户 (Excel table 客户表) and 订单 (plain range). */
export async function demoWorkbook(data: DemoData): Promise<XlsxPort> {
  // A new file (nothing of a user's to keep), so ExcelJS may write it whole.
  const wb = new ExcelJS.Workbook();
  const cs = wb.addWorksheet('客户');
  cs.addTable({
    name: '客户表',
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: ['客户ID', '客户名称', '地区', '行业', '规模'].map((name) => ({ name, filterButton: true })),
    rows: data.customers.map((c) => [c.id, c.name, c.region, c.industry, c.size]),
  });
  [12, 34, 8, 10, 10].forEach((w, i) => (cs.getColumn(i + 1).width = w));
  const os = wb.addWorksheet('订单');
  data.orders.forEach((row, r) => {
    const line = os.getRow(r + 1);
    row.forEach((v, c) => (line.getCell(c + 1).value = v));
  });
  os.getColumn(3).numFmt = 'yyyy-mm-dd';
  os.getColumn(4).numFmt = '#,##0.00';
  os.getColumn(5).numFmt = '#,##0.00';
  os.getRow(1).font = { bold: true };
  [12, 10, 12, 12, 12].forEach((w, i) => (os.getColumn(i + 1).width = w));
  os.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2' }];
  return XlsxPort.fromBuffer((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Runs the two refreshes; falls back to no rule set if the rule set does not compile (the
 *  engine reports that as a 'rule_error' warning, it does not throw). */
export async function tierDemo(port: XlsxPort, locale: Locale, midDate: string): Promise<RefreshReport> {
  let config = demoConfig(locale);
  const first = await refreshWorkbook(port, { config, analysisDate: midDate });
  if (first.result.warnings.some((w) => w.code === 'rule_error')) {
    config = demoConfig(locale, false);
    await refreshWorkbook(port, { config, analysisDate: midDate });
  }
  return refreshWorkbook(port, { config });
}

export async function runDemo(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['out-dir', 'lang', 'customers', 'seed'], flags: [] });
  if (!args.ok) {
    process.stderr.write(`${t('en-US', args.error.key, args.error.params)}\n`);
    return 2;
  }
  const lang = args.options.lang;
  const locale: Locale = lang === 'en-US' || lang === 'zh-CN' ? lang : 'zh-CN';
  const dir = path.resolve(args.options['out-dir'] ?? 'demo');
  fs.mkdirSync(dir, { recursive: true });
  const data = generateDemo({ customers: args.options.customers ? Number(args.options.customers) : undefined, seed: args.options.seed ? Number(args.options.seed) : undefined });
  const demoFile = path.join(dir, DEMO_FILE);
  await (await demoWorkbook(data)).save(demoFile);
  process.stdout.write(`${t(locale, 'out.cli.demoData', { customers: data.customers.length, orders: data.orders.length - 1, file: demoFile })}\n`);

  // Classify a fresh copy read from the file, as a user's workbook would be.
  const port = await XlsxPort.fromFile(demoFile);
  const report = await tierDemo(port, locale, '2024-06-30');
  const tiered = path.join(dir, DEMO_TIERED_FILE);
  await port.save(tiered);
  process.stdout.write(`\n${summaryText(report.result, locale, report.config)}\n\n`);
  process.stdout.write(`${t(locale, 'out.cli.refreshed', { file: tiered, sheets: Object.keys(report.sheets).length, columns: report.columns, charts: report.charts })}\n`);
  return 0;
}
