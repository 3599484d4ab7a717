// `customer-tiers sql`: the customer-facts query of a config for a warehouse dialect, with its
// parameters, for data that must not leave the warehouse. Run it there; its result (one row per
// customer) is what `classify` would compute from the order rows (docs/scale.md says how to
// load it and how to check a warehouse with test/fixtures/sql/conformance).
import * as fs from 'fs';
import { parseConfig, CONFIG_VERSION, formatConfigErrors } from '../config';
import { factsSql, type FactsQueryInput } from '../engine/sql/facts';
import { factsSheetSql } from '../engine/sql/factsSheet';
import { DIALECTS, isDialect, type Dialect } from '../engine/sql/dialects';
import { t, type Locale } from '../i18n';
import { parseArgs } from './args';
import { envLocale } from './locale';

const SPEC = {
  values: ['dialect', 'config', 'table', 'lang', 'customer-id', 'order-date', 'amount', 'profit', 'order-id', 'orders', 'orders-table', 'orders-query', 'into', 'database', 'csv'],
  flags: ['help', 'tiers', 'run', 'raw'],
} as const;

/**
 * The SQL text with a header comment naming each bound parameter and its value. With `headings`
 * (what `customer-tiers sql` prints unless --raw): the facts table's columns and headings in that
 * language, to paste into a sheet; without: the bare facts query (the golden SQL).
 */
export function renderSql(input: FactsQueryInput, headings?: Locale): string {
  const q = headings ? factsSheetSql(input, headings) : factsSql(input);
  const values: Record<string, number | null> = { analysis_day: null, window_days: input.windowDays, net: input.returns === 'net' ? 1 : 0 };
  if (input.analysisDate) values.analysis_day = q.params[q.names.indexOf('analysis_day')] ?? values.analysis_day;
  const lines = [
    `-- customer-tiers customer facts, dialect ${input.dialect}. Bound parameters (never pasted into the SQL):`,
    ...q.names.map((n, i) => `--   ${i + 1}. ${n} = ${values[n] === null ? 'NULL' : values[n]}${n === 'analysis_day' ? ' (days since 1970-01-01; NULL = latest order day)' : ''}`),
    `-- Placeholder order for "?" dialects: ${q.names.join(', ')}.`,
    q.sql.trimEnd() + ';',
  ];
  return `${lines.join('\n')}\n`;
}

export async function runSql(argv: readonly string[]): Promise<number> {
  let locale: Locale = envLocale();
  const parsed = parseArgs(argv, SPEC);
  if (!parsed.ok) {
    process.stderr.write(`${t(locale, parsed.error.key, parsed.error.params)}\n${t(locale, 'scale.sql_usage')}\n`);
    return 2;
  }
  const o = parsed.options;
  if (o.lang === 'zh-CN' || o.lang === 'en-US') locale = o.lang;
  if (parsed.flags.has('help')) {
    process.stdout.write(`${t(locale, 'scale.sql_usage')}\n`);
    return 0;
  }
  const dialect = o.dialect ?? '';
  if (!isDialect(dialect)) {
    process.stderr.write(`${t(locale, 'scale.bad_dialect', { value: dialect, dialects: DIALECTS })}\n${t(locale, 'scale.sql_usage')}\n`);
    return 2;
  }
  let raw: unknown = { version: CONFIG_VERSION };
  if (o.config) {
    try {
      raw = JSON.parse(fs.readFileSync(o.config, 'utf8').replace(/^\uFEFF/, ''));
    } catch {
      process.stderr.write(`${t(locale, 'cli.config_invalid', { file: o.config })}\n`);
      return 2;
    }
  }
  const res = parseConfig(raw);
  if (!res.ok) {
    process.stderr.write(`${t(locale, 'cli.config_invalid', { file: o.config ?? '' })}\n${formatConfigErrors(res.errors)}\n`);
    return 2;
  }
  if (!parsed.flags.has('tiers') && !parsed.flags.has('run')) {
    process.stdout.write(renderSql(sqlInput(dialect, res.config, o), parsed.flags.has('raw') ? undefined : locale));
    return 0;
  }
  // Warehouse tiers: loaded only here, so the facts query alone stays light.
  const tiers = await import('./sqlTiers');
  const facts = sqlInput(dialect, res.config, o);
  try {
    if (parsed.flags.has('run')) {
      const run = { orders: o.orders, ordersTable: o['orders-table'], ordersQuery: o['orders-query'], into: o.into, database: o.database, csv: o.csv };
      process.stdout.write(`${await tiers.runTiers(facts, res.config, run, locale)}\n`);
    } else process.stdout.write(tiers.renderTiersScript({ facts, config: res.config, into: (o.into ?? 'customer_tiers').split('.'), locale }, locale));
    return 0;
  } catch (e) {
    const text = tiers.tiersErrorText(e, locale);
    if (text === null) throw e;
    process.stderr.write(`${text}\n`);
    return 2;
  }
}

/** Columns: the config's mapping, else the flags, else the usual names. */
function sqlInput(dialect: Dialect, config: import('../config').TieringConfig, o: Record<string, string>): FactsQueryInput {
  const m = config.columns?.orders ?? {};
  const name = (key: keyof typeof m, flag: string, fallback?: string) => m[key] ?? o[flag] ?? fallback;
  const profit = name('profit', 'profit');
  const orderId = name('orderId', 'order-id');
  return {
    dialect,
    source: { table: (o.table ?? 'orders').split('.') },
    columns: {
      customerId: { name: name('customerId', 'customer-id', 'customer_id')!, kind: 'text' },
      orderDate: { name: name('orderDate', 'order-date', 'order_date')!, kind: 'date' },
      amount: { name: name('amount', 'amount', 'amount')!, kind: 'number' },
      ...(profit ? { profit: { name: profit, kind: 'number' as const } } : {}),
      ...(orderId ? { orderId: { name: orderId, kind: 'text' as const } } : {}),
    },
    analysisDate: config.analysisDate,
    returns: config.returns,
    windowDays: config.methods.activity?.churn.windowDays ?? 90,
  };
}
