// `customer-tiers facts`: order rows → the customer facts table (engine/factsTable.ts), one row
// per customer, as a CSV (formula-guarded, UTF-8 BOM) or a new .xlsx. The orders go the ways
// classify's do: PostgreSQL or DuckDB (scaleSource.ts); in memory (an Excel workbook, a small
// CSV, --engine memory) the rows are read and checked by the usual reader, then handed to
// DuckDB as a normalised temporary CSV, so every path computes the facts with one query.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { TieringConfig } from '../config';
import { dayToIso } from '../engine/calendar';
import type { CustomerFactsSet } from '../engine/facts';
import { factsTable } from '../engine/factsTable';
import { describeIssue, ingest } from '../engine/ingest';
import type { IngestResult, OrderData } from '../engine/types';
import { t, type Locale } from '../i18n';
import { EXCEL_MAX_ROWS } from '../output/cells';
import { csvDocument, csvField } from '../output/csv';
import { SourceError } from '../sources/common';
import { duckdbFacts } from '../sources/duckdb';
import { describeKnownError } from '../workbook/describeError';
import { parseArgs } from './args';
import { loadConfig, usageErrorText, UsageError } from './classify';
import { writeCampaignXlsx } from './campaignXlsx';
import { readInputFile } from './inputFiles';
import { envLocale } from './locale';
import { sourceFacts, usesScaleSource } from './scaleSource';
import { writeErr, writeOut } from './terminal';
import { checkWritable } from './userErrors';

const SPEC = { values: ['orders', 'out', 'config', 'analysis-date', 'lang', 'engine', 'orders-table', 'orders-query'], flags: ['help'] } as const;

/** Issues shown on screen before "…and N more" (the rows they name were left out, as in classify). */
const SHOWN_ISSUES = 5;

/** The facts table as CSV: UTF-8 BOM (Excel opens Chinese headings right), text formula-guarded. */
export function factsCsv(set: CustomerFactsSet, locale: Locale): string {
  const { headings, rows } = factsTable(set, locale);
  return csvDocument(headings, rows, false);
}

/**
 * The ingested orders as a CSV DuckDB reads exactly: ids as text, ISO days, plain numbers.
 * Profit and order id only when mapped (their headers would be detected otherwise).
 */
function normalisedCsv(o: OrderData): string {
  const head = ['customer_id', 'order_date', 'amount', ...(o.profit ? ['profit'] : []), ...(o.orderId ? ['order_id'] : [])];
  const lines = [head.join(',')];
  for (let i = 0; i < o.n; i++) {
    const row: unknown[] = [o.customer[i], dayToIso(o.day[i]), String(o.amount[i])];
    if (o.profit) row.push(Number.isFinite(o.profit[i]) ? String(o.profit[i]) : '');
    if (o.orderId) row.push(o.orderId[i]);
    lines.push(row.map((v) => csvField(v)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Orders read in memory (any format the workbook reader takes), facts by DuckDB from a normalised copy. */
async function memoryFacts(file: string, config: TieringConfig, locale: Locale): Promise<CustomerFactsSet> {
  const ingested = ingest({ orders: await readInputFile(file, 'orders') }, config);
  reportIssues(ingested, locale);
  if (!ingested.orders || ingested.orders.n === 0) throw new SourceError('scale.no_rows', { file });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-facts-'));
  const tmp = path.join(dir, 'orders.csv');
  try {
    fs.writeFileSync(tmp, normalisedCsv(ingested.orders));
    const o = ingested.orders;
    const columns = { customerId: 'customer_id', orderDate: 'order_date', amount: 'amount', ...(o.profit ? { profit: 'profit' } : {}), ...(o.orderId ? { orderId: 'order_id' } : {}) };
    return await duckdbFacts(tmp, { ...config, columns: { ...config.columns, orders: columns } }, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function reportIssues(ingested: IngestResult, locale: Locale): void {
  const issues = ingested.issues;
  for (const issue of issues.slice(0, SHOWN_ISSUES)) {
    const d = describeIssue(issue, locale);
    writeErr(`  - ${d.where}: ${d.problem}\n`);
  }
  const total = ingested.issuesTotal ?? issues.length;
  if (total > SHOWN_ISSUES) writeErr(`  ${t(locale, 'data.facts.more', { count: total - SHOWN_ISSUES })}\n`);
}

async function writeFacts(set: CustomerFactsSet, out: string, locale: Locale): Promise<void> {
  if (/\.csv$/i.test(out)) {
    fs.writeFileSync(out, factsCsv(set, locale));
    return;
  }
  if (set.ids.length + 1 > EXCEL_MAX_ROWS) throw new UsageError('facts.too_many', { customers: set.ids.length, max: EXCEL_MAX_ROWS });
  const { headings, rows } = factsTable(set, locale);
  await writeCampaignXlsx({ headers: headings, rows }, out, t(locale, 'facts.sheet'), 'CustomerFacts');
}

export async function runFacts(argv: readonly string[]): Promise<number> {
  let locale: Locale = envLocale();
  const parsed = parseArgs(argv, SPEC);
  if (!parsed.ok) {
    writeErr(`${t(locale, parsed.error.key, parsed.error.params)}\n${t(locale, 'facts.usage')}\n`);
    return 2;
  }
  const { options: o, flags } = parsed;
  try {
    if (o.lang && o.lang !== 'zh-CN' && o.lang !== 'en-US') throw new UsageError('cli.bad_lang', { value: o.lang });
    if (o.lang) locale = o.lang as Locale;
    if (flags.has('help')) {
      writeOut(`${t(locale, 'facts.usage')}\n`);
      return 0;
    }
    if (!o.orders || !o.out) throw new UsageError('facts.need_orders');
    if (!/\.(csv|xlsx)$/i.test(o.out)) throw new UsageError('facts.bad_out', { value: o.out });
    const config = loadConfig(o.config, o['analysis-date'], o.lang as Locale | undefined);
    if (!o.lang) locale = config.locale;
    const problem = checkWritable(o.out);
    if (problem) throw new UsageError('cli.out_unwritable', { file: o.out, reason: problem });
    const set = usesScaleSource(o) ? await sourceFacts(o, config) : await memoryFacts(o.orders, config, locale);
    await writeFacts(set, o.out, locale);
    writeOut(`${t(locale, 'facts.written', { customers: set.ids.length, file: o.out, date: dayToIso(set.analysisDay) })}\n`);
    return 0;
  } catch (e) {
    const usage = usageErrorText(e, locale);
    if (usage !== null) {
      writeErr(`${usage}\n`);
      return 2;
    }
    const known = describeKnownError(e, locale);
    if (known !== null) {
      writeErr(`${known}\n`);
      return 2;
    }
    writeErr(`${t(locale, 'cli.unexpected', { message: e instanceof Error ? e.message : String(e) })}\n`);
    return 1;
  }
}
