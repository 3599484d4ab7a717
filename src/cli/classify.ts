// `customer-tiers classify`: files → classify → per-customer CSV, JSON report, one-screen summary.
import type { ClvReport } from '../engine/methods/clv';
import * as fs from 'fs';
import * as path from 'path';
import { formatConfigErrors, parseConfig, parseConfigText, CONFIG_VERSION, type TieringConfig } from '../config';
import { classify } from '../engine/classify';
import { describeIssue } from '../engine/ingest';
import type { ClassificationResult, InputTables } from '../engine/types';
import { t, tryT, type Locale, type MessageKey, type Params } from '../i18n';
import { describeKnownError } from '../workbook/describeError';
import { envLocale } from './locale';
import { parseArgs } from './args';
import { InputFileError, readInputFile, splitSheetSpec } from './inputFiles';
import { formatNumber, formatPercent, renderTable } from './table';
import { EDIT_FLAGS, editChoiceOf, editedStopText } from './edits';
import { writeTieredWorkbook } from './writeOut';
import { csvColumns, writeCustomerCsv } from '../output/customerCsv';
import { checkWritable, headerRowHint, isWorkbookSpec, ruleErrorsText } from './userErrors';
import { safeText, writeErr, writeOut } from './terminal';
import { ruleSenseProblems, ruleSenseText } from '../output/sense';
import { campaignCsv, campaignRows, parseTierSelection } from '../output/campaign';
import { writeCampaignXlsx } from './campaignXlsx';
import { OpenBooks } from './reuse';
import { methodLabel, ruleNames, tierLabel } from '../output/labels';
import { classifyFromSource, fallbackText, usesScaleSource } from './scaleSource';
import { SourceError } from '../sources/common';

const SPEC = {
  values: ['orders', 'customers', 'config', 'analysis-date', 'csv', 'json', 'lang', 'out', 'export', 'export-tiers', 'engine', 'orders-table', 'orders-query'],
  flags: ['in-place', 'help', 'csv-raw', ...EDIT_FLAGS],
} as const;

/** Thrown for bad usage/input; rendered as a localized message, exit code 2. */
export class UsageError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly detail = '',
  ) {
    super(key);
  }
}

/** --analysis-date as the config schema (the one judge of dates) sees it; its reason in the user's language. */
function checkAnalysisDate(value: string, locale: Locale): void {
  const res = parseConfig({ version: CONFIG_VERSION, analysisDate: value }, locale);
  if (!res.ok) throw new UsageError('cli.bad_date', { value, reason: res.errors[0].message });
}

export function loadConfig(file: string | undefined, analysisDate: string | undefined, lang: Locale | undefined): TieringConfig {
  let raw: Record<string, unknown> = { version: CONFIG_VERSION };
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UsageError('cli.file_missing', { file });
    }
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      const res = parseConfigText(text);
      throw new UsageError('cli.config_invalid', { file }, res.ok ? '' : formatConfigErrors(res.errors));
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError('cli.config_invalid', { file }, '  - (config): expected a JSON object');
  }
  if (analysisDate) raw = { ...raw, analysisDate };
  if (lang) raw = { ...raw, locale: lang };
  // No --lang and no locale written in the config: the environment's language, not the schema's default.
  else if (raw.locale === undefined) raw = { ...raw, locale: envLocale() };
  const res = parseConfig(raw);
  if (!res.ok) throw new UsageError('cli.config_invalid', { file: file ?? '--analysis-date' }, formatConfigErrors(res.errors));
  return res.config;
}

/** Tier key → label in the run's language, per tier column: maps the CSV's labels back to keys. */
export function tierLabelMap(result: ClassificationResult, locale: Locale): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of result.summaries) out[s.method] = Object.fromEntries(s.tiers.map((x) => [x.tier, tierLabel(locale, s.method, x.tier)]));
  return out;
}

export function toJsonReport(result: ClassificationResult, config: TieringConfig, locale: Locale): unknown {
  return {
    analysisDate: result.analysisDate,
    analysisDateSource: result.analysisDateSource,
    configVersion: result.configVersion,
    config,
    cuts: result.cuts,
    stats: result.stats,
    summaries: result.summaries,
    crosstabs: result.crosstabs,
    tierLabels: tierLabelMap(result, locale),
    warnings: result.warnings.map((w) => ({ ...w, message: tryT(locale, `warning.${w.code}`, w.params ?? {}, w.code) })),
    reports: result.reports,
    issuesTotal: result.issuesTotal ?? result.issues.length,
    issues: result.issues.map((issue) => ({ ...issue, ...describeIssue(issue, locale) })),
  };
}

export function summaryText(result: ClassificationResult, locale: Locale, config?: Pick<TieringConfig, 'methods'>): string {
  const rules = config ? ruleNames(config) : {};
  const s = result.stats;
  const out: string[] = [];
  out.push(t(locale, 'cli.summary_title', { date: result.analysisDate || '—', source: t(locale, result.analysisDateSource === 'config' ? 'cli.source_config' : 'cli.source_latest') }));
  out.push(
    t(locale, 'cli.summary_counts', {
      rows: s.orderRows,
      used: s.ordersUsed,
      after: s.ordersAfterAnalysisDate,
      returns: s.returnRows,
      policy: s.returnsPolicy,
      customers: s.customers,
      withOrders: s.customersWithOrders,
      potential: s.potentialCustomers,
    }),
  );
  // ABC and RFM as tables; the other methods on one line each, so the summary fits one screen.
  const compact: string[] = [];
  for (const m of result.summaries) {
    if (m.method !== 'abc' && m.method !== 'rfm_segment') {
      const parts = m.tiers.filter((x) => x.customers > 0).map((x) => `${tierLabel(locale, m.method, x.tier)} ${formatNumber(x.customers)} (${formatPercent(x.share)})`);
      compact.push(`${methodLabel(locale, m.method, rules)}: ${parts.join(' · ')}`);
      continue;
    }
    const rows = m.tiers.map((x) => [tierLabel(locale, m.method, x.tier), formatNumber(x.customers), formatPercent(x.share), formatNumber(x.revenue, 2), formatPercent(x.revenueShare)]);
    const header = [methodLabel(locale, m.method, rules), t(locale, 'cli.col_customers'), t(locale, 'cli.col_share'), t(locale, 'cli.col_revenue'), t(locale, 'cli.col_revenue_share')];
    out.push('', renderTable(header, rows, new Set([1, 2, 3, 4])));
  }
  if (compact.length > 0) out.push('', ...compact);
  const holdout = (result.reports.clv as ClvReport | undefined)?.holdout;
  if (holdout) out.push(tryT(locale, holdout.verdict.code, holdout.verdict.params));
  out.push('');
  const total = result.issuesTotal ?? result.issues.length;
  out.push(total > 0 ? t(locale, 'cli.summary_issues', { count: total, errors: s.rowsWithIssues }) : t(locale, 'cli.summary_no_issues'));
  // The first few issues inline, so a one-screen summary already says where to look.
  for (const issue of result.issues.slice(0, 5)) {
    const d = describeIssue(issue, locale);
    out.push(`  - ${d.where}: ${d.problem} ${d.action}`);
  }
  if (result.warnings.length > 0) {
    out.push(t(locale, 'cli.summary_warnings'));
    for (const w of result.warnings) out.push(`  - ${tryT(locale, `warning.${w.code}`, w.params ?? {}, w.code)}`);
  }
  return out.join('\n');
}

/** The same file on disk (symlinks and relative paths resolved; a file not there yet by path). */
function sameFile(a: string, b: string): boolean {
  const real = (f: string) => {
    try {
      return fs.realpathSync(f);
    } catch {
      return path.resolve(f);
    }
  };
  return real(a) === real(b);
}

/** An output named like an input (or the config) would destroy it: refused before anything is read. */
function refuseOutputOverInput(options: Partial<Record<(typeof SPEC.values)[number], string>>): void {
  const inputs = [options.orders, options.customers].filter((x): x is string => !!x && !/^postgres(ql)?:/i.test(x)).map((s) => splitSheetSpec(s).file);
  if (options.config) inputs.push(options.config);
  for (const key of ['csv', 'json', 'out', 'export'] as const) {
    const out = options[key] === STDOUT ? undefined : options[key];
    const hit = out ? inputs.find((f) => sameFile(f, out)) : undefined;
    if (out && hit) throw new UsageError('cli.output_is_input', { option: `--${key}`, file: out });
  }
}

function writeFile(file: string, text: string): void {
  writeChunks(file, (sink) => sink(text));
}

/**
 * `--csv -`, `--json -`, `--export -`: that output on standard output, as a pipe or a redirect gets
 * it (the human text goes to stderr). One of them at most; never the workbook (`--out`).
 */
const STDOUT = '-';
const STDOUT_CAPABLE = ['csv', 'json', 'export'] as const;

/** Which output goes to standard output, if one does; a usage error for two, or for `--out -`. */
function stdoutOutput(options: Partial<Record<(typeof SPEC.values)[number], string>>): (typeof STDOUT_CAPABLE)[number] | null {
  if (options.out === STDOUT) throw new UsageError('cli.out_not_stdout');
  const keys = STDOUT_CAPABLE.filter((k) => options[k] === STDOUT);
  if (keys.length > 1) throw new UsageError('cli.stdout_twice', { options: keys.map((k) => `--${k} -`) });
  return keys[0] ?? null;
}

/**
 * The CSV on standard output: the same bytes as the file would get; only a terminal sees control
 * characters of cell text as visible codes, as every other text the CLI shows.
 */
function writeStdout(produce: (sink: (chunk: string) => void) => void): void {
  const shown = process.stdout.isTTY ? safeText : (s: string) => s;
  produce((chunk) => process.stdout.write(shown(chunk)));
}

/** A file written as `produce` hands its text over, chunk by chunk (no whole-file string). */
function writeChunks(file: string, produce: (sink: (chunk: string) => void) => void): void {
  if (file === STDOUT) return writeStdout(produce);
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'w');
    const out = fd;
    // One buffer encoded into again and again (chunks are about a megabyte of text), not a new
    // one per chunk for the garbage collector.
    const buf = Buffer.allocUnsafe(4 << 20);
    produce((chunk) => {
      const bytes = chunk.length * 3 <= buf.length ? buf.subarray(0, buf.write(chunk, 0, 'utf8')) : Buffer.from(chunk, 'utf8');
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(out, bytes, at);
    });
  } catch (e) {
    throw new UsageError('cli.write_failed', { file, reason: e instanceof Error ? e.message : String(e) });
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** --export <file> --export-tiers abc=A,activity=silent: the chosen tiers' customers with their contacts. */
async function exportCampaign(file: string | undefined, spec: string | undefined, run: { result: ClassificationResult; config: TieringConfig; locale: Locale; customers?: InputTables['customers']; say: (s: string) => void }): Promise<void> {
  if (!file || !spec) throw new UsageError('mg.export.needTiers');
  const rules = ruleNames(run.config);
  const sel = parseTierSelection(spec, run.result, rules);
  if (!sel.ok) throw new UsageError(sel.key, sel.params);
  const list = campaignRows({ result: run.result, selection: sel.selection, locale: run.locale, config: run.config, rules, customers: run.customers });
  if (/\.xlsx$/i.test(file)) {
    try {
      await writeCampaignXlsx(list, file, t(run.locale, 'mg.export.sheet'));
    } catch (e) {
      throw new UsageError('cli.write_failed', { file, reason: e instanceof Error ? e.message : String(e) });
    }
  } else writeFile(file, campaignCsv(list));
  run.say(`${t(run.locale, 'mg.export.written', { n: list.rows.length, file: file === STDOUT ? t(run.locale, 'cli.stdout') : file })}\n`);
}

/** The message of a user's mistake with the command (usage, an input file, a source), or null for anything else. */
export function usageErrorText(e: unknown, locale: Locale): string | null {
  if (e instanceof UsageError) return `${t(locale, e.key, e.params)}${e.detail ? `\n${e.detail}` : ''}`;
  if (e instanceof InputFileError || e instanceof SourceError) return t(locale, e.key, e.params);
  return null;
}

export async function runClassify(argv: readonly string[]): Promise<number> {
  let locale: Locale = envLocale();
  const parsed = parseArgs(argv, SPEC);
  if (!parsed.ok) {
    writeErr(`${t(locale, parsed.error.key, parsed.error.params)}\n${t(locale, 'cli.usage')}\n`);
    return 2;
  }
  const { options, flags } = parsed;
  const tables: InputTables = {};
  try {
    if (options.lang && options.lang !== 'zh-CN' && options.lang !== 'en-US') throw new UsageError('cli.bad_lang', { value: options.lang });
    if (options.lang) locale = options.lang as Locale;
    if (flags.has('help')) {
      writeOut(`${t(locale, 'cli.usage')}\n`);
      return 0;
    }
    const date = options['analysis-date'];
    if (date) checkAnalysisDate(date, locale);
    if (!options.orders && !options.customers) throw new UsageError('cli.need_input');
    const config = loadConfig(options.config, date, options.lang as Locale | undefined);
    refuseOutputOverInput(options);
    if (!options.lang) locale = config.locale;
    // Checked before anything is read or written: a run that cannot finish writes nothing.
    if (flags.has('in-place') && !isWorkbookSpec(options.orders) && !isWorkbookSpec(options.customers)) {
      throw new UsageError('cli.in_place_not_xlsx', { file: options.orders ?? options.customers ?? '' });
    }
    // With an output on stdout, the summary and notes go to stderr: stdout carries only that output.
    const toStdout = stdoutOutput(options);
    const say = toStdout ? writeErr : writeOut;
    for (const key of ['csv', 'json', 'out'] as const) {
      const problem = options[key] && options[key] !== STDOUT ? checkWritable(options[key]) : null;
      if (problem) throw new UsageError('cli.out_unwritable', { file: options[key]!, reason: problem });
    }

    const scaled = usesScaleSource(options);
    if (scaled && (options.out || flags.has('in-place'))) throw new SourceError('scale.no_workbook');
    const books = new OpenBooks();
    if (options.orders && !scaled) tables.orders = await readInputFile(options.orders, 'orders', books);
    if (options.customers) tables.customers = await readInputFile(options.customers, 'customers', books);
    const result = scaled ? await classifyFromSource(options, tables.customers, config, (why) => writeErr(`${fallbackText(locale, why)}\n`)) : classify(tables, config);
    // A rule that does not compile is a config error: a scheduled job must notice (exit 2, nothing written).
    const ruleErrors = ruleErrorsText(result);
    if (ruleErrors) throw new UsageError('cli.rules_invalid', { file: options.config ?? '' }, ruleErrors);

    const dimColumns = (result.dimensions ?? []).map((d) => d.column);
    if (options.csv) {
      const columns = csvColumns(result, dimColumns);
      writeChunks(options.csv, (sink) => writeCustomerCsv(result, columns, sink, { locale, config }, flags.has('csv-raw')));
    }
    if (options.json) writeFile(options.json, `${JSON.stringify(toJsonReport(result, config, locale), null, 2)}\n`);
    say(`${summaryText(result, locale, config)}\n`);
    for (const p of ruleSenseProblems(result, config)) say(`  - ${ruleSenseText(locale, p)}\n`);
    if (options.csv && options.csv !== STDOUT) say(`${t(locale, 'cli.wrote', { file: options.csv })}\n`);
    if (options.json && options.json !== STDOUT) say(`${t(locale, 'cli.wrote', { file: options.json })}\n`);
    if (options.export || options['export-tiers']) await exportCampaign(options.export, options['export-tiers'], { result, config, locale, customers: tables.customers, say });

    if (options.out || flags.has('in-place')) {
      const edits = editChoiceOf(flags);
      if (!edits) throw new UsageError('out.cli.editsExclusive');
      const report = await writeTieredWorkbook({ result, inputs: tables, books, config, locale, orders: options.orders, customers: options.customers, out: options.out, inPlace: flags.has('in-place'), edits });
      for (const p of report.problems) say(`${t(locale, 'out.cli.problem', { message: p.message })}\n`);
      if (options.out) say(`${t(locale, 'cli.wrote', { file: options.out })}\n`);
    }
    return 0;
  } catch (e) {
    const usage = usageErrorText(e, locale);
    if (usage !== null) {
      writeErr(`${usage}\n`);
      return 2;
    }
    const known = editedStopText(e, locale) ?? describeKnownError(e, locale);
    if (known !== null) {
      const hint = headerRowHint(e, tables, locale);
      writeErr(`${known}${hint ? `\n${hint}` : ''}\n`);
      return 2;
    }
    writeErr(`${t(locale, 'cli.unexpected', { message: e instanceof Error ? e.message : String(e) })}\n`);
    return 1;
  }
}
