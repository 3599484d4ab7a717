// `npm run demo`: builds the demo workbook (客户 as an Excel table, 订单 as a plain range),
// saves it, then classifies it twice — half a year before the end and at the end — so the
// tiered copy shows history, migration and movers as well as the tiers, groups and charts.
import * as fs from 'fs';
import * as path from 'path';
import { t, type Locale } from '../i18n';
import '../output/labels';
import { refreshWorkbook, type RefreshReport } from '../workbook/run';
import { XlsxPort } from '../workbook/ooxml/port';
import type { WriteOp } from '../workbook/port';
import { dateToExcelSerial } from '../engine/calendar';
import { envLocale } from './locale';
import { parseArgs } from './args';
import { writeErr, writeOut } from './terminal';
import { summaryText } from './classify';
import { demoConfig, generateDemo, type DemoData } from './demoData';

export { demoConfig };

export const DEMO_FILE = 'customer-tiers-demo.xlsx';
export const DEMO_TIERED_FILE = 'customer-tiers-demo-tiered.xlsx';

/** The demo data as a workbook: 客户 (Excel table 客户表) and 订单 (plain range), written by
 *  the same ops the add-in writes with (dates as 1900-system serials with a date format). */
export async function demoWorkbook(data: DemoData): Promise<XlsxPort> {
  const port = await XlsxPort.create();
  const customers = [['客户ID', '客户名称', '地区', '行业', '规模'], ...data.customers.map((c) => [c.id, c.name, c.region, c.industry, c.size])];
  const orders = data.orders.map((row) => row.map((v) => (v instanceof Date ? dateToExcelSerial(v, 1900) : v)));
  const n = orders.length;
  const widths = (sheet: string, ws: number[]): WriteOp[] => ws.map((width, col) => ({ op: 'columnWidth', sheet, col, cols: 1, width }));
  await port.write([
    { op: 'addSheet', name: '客户' },
    { op: 'values', sheet: '客户', row: 0, col: 0, values: customers },
    { op: 'addTable', sheet: '客户', row: 0, col: 0, rows: customers.length, cols: 5, name: '客户表', style: 'TableStyleMedium2' },
    ...widths('客户', [12, 34, 8, 10, 10]),
    { op: 'addSheet', name: '订单' },
    { op: 'values', sheet: '订单', row: 0, col: 0, values: orders },
    { op: 'format', sheet: '订单', row: 1, col: 2, rows: n - 1, cols: 1, numberFormat: 'yyyy-mm-dd' },
    { op: 'format', sheet: '订单', row: 1, col: 3, rows: n - 1, cols: 2, numberFormat: '#,##0.00' },
    { op: 'format', sheet: '订单', row: 0, col: 0, rows: 1, cols: 5, bold: true },
    ...widths('订单', [12, 10, 12, 12, 12]),
    { op: 'freeze', sheet: '订单', rows: 1, cols: 0 },
  ]);
  return port;
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
    writeErr(`${t(envLocale(), args.error.key, args.error.params)}\n`);
    return 2;
  }
  const lang = args.options.lang;
  const locale: Locale = lang === 'en-US' || lang === 'zh-CN' ? lang : envLocale();
  for (const option of ['customers', 'seed'] as const) {
    const v = args.options[option];
    if (v !== undefined && !/^[1-9]\d{0,6}$/.test(v)) {
      writeErr(`${t(locale, 'cli.bad_count', { option: `--${option}`, value: v })}\n`);
      return 2;
    }
  }
  const dir = path.resolve(args.options['out-dir'] ?? 'demo');
  fs.mkdirSync(dir, { recursive: true });
  const data = generateDemo({ customers: args.options.customers ? Number(args.options.customers) : undefined, seed: args.options.seed ? Number(args.options.seed) : undefined });
  const demoFile = path.join(dir, DEMO_FILE);
  // The workbook just saved is classified as it stands in memory: it holds what the file holds,
  // and reading the file back (inflating and parsing its 40,000-row order sheet) was a sixth of
  // the demo's time. A test reads the file back and checks it gives the same tiered workbook.
  const port = await demoWorkbook(data);
  await port.save(demoFile);
  writeOut(`${t(locale, 'out.cli.demoData', { customers: data.customers.length, orders: data.orders.length - 1, file: demoFile })}\n`);

  const report = await tierDemo(port, locale, '2024-06-30');
  const tiered = path.join(dir, DEMO_TIERED_FILE);
  await port.save(tiered);
  writeOut(`\n${summaryText(report.result, locale, report.config)}\n\n`);
  writeOut(`${t(locale, 'out.cli.refreshed', { file: tiered, sheets: Object.keys(report.sheets).length, columns: report.columns, charts: report.charts })}\n`);
  return 0;
}
