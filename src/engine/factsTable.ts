// The customer facts table: engine/facts.ts's CustomerFactsSet as a sheet holds it (one row
// per customer, headings in 中文 or English) and back. The analysis date, the returns policy
// and the churn window the facts were computed with are columns of every row: a database
// result has no header block, and a row copied on its own still says what it is. Reading
// refuses facts computed for another analysis date or config, a changed or garbled table,
// with the sheet and cell (docs/scale.md "The customer facts table").
import type { TieringConfig } from '../config/schema';
import { t, tryT, type Locale, type MessageKey, type Params } from '../i18n';
import { dayToIso } from './calendar';
import { classify } from './classify';
import { classifyFacts, factOf, factsColumns, type CustomerFact, type CustomerFactsSet } from './facts';
import { sortedIdOrder } from './metrics';
import { ingest } from './ingest';
import { cellText, columnLetter, isBlank, normalizeId } from './ingest/cells';
import { unguardFormula } from './csvGuard';
import { parseDateCell } from './ingest/dates';
import { foldHeader } from './ingest/headers';
import { cellToNumber } from './ingest/numbers';
import { TieringError, type ClassificationResult, type InputTables, type ProgressFn, type SourceGrid } from './types';

type FieldType = 'id' | 'date' | 'policy' | 'int' | 'money';
type FactKey = Exclude<keyof CustomerFact, 'id'>;
export type FactsField = {
  key: 'customerId' | 'analysisDate' | 'returns' | 'windowDays' | FactKey;
  type: FieldType;
  /** The facts query's output column (engine/sql/facts.ts FACT_COLUMNS), or how it is derived. */
  sql: string;
  /** Blank allowed: NaN (no second order day, no CLV day, no profit mapped). */
  optional?: boolean;
};

/** The columns in order: the one definition for the CLI, the SQL and the pane. */
export const FACTS_FIELDS: readonly FactsField[] = [
  { key: 'customerId', type: 'id', sql: 'cid' },
  { key: 'analysisDate', type: 'date', sql: 'a' },
  { key: 'returns', type: 'policy', sql: 'returns' },
  { key: 'windowDays', type: 'int', sql: 'window_days' },
  { key: 'orderRows', type: 'int', sql: 'order_rows' },
  { key: 'returnRows', type: 'int', sql: 'return_rows' },
  { key: 'afterRows', type: 'int', sql: 'after_rows' },
  { key: 'orders', type: 'int', sql: 'orders' },
  { key: 'revenue', type: 'money', sql: 'revenue' },
  { key: 'profit', type: 'money', sql: 'profit', optional: true },
  { key: 'firstDay', type: 'date', sql: 'first_day', optional: true },
  { key: 'lastDay', type: 'date', sql: 'last_day', optional: true },
  { key: 'activeDays', type: 'int', sql: 'active_days' },
  { key: 'recentDays', type: 'int', sql: 'recent_days' },
  { key: 'medianGapTwice', type: 'int', sql: 'gap2', optional: true },
  { key: 'clvDays', type: 'int', sql: 'clv_days' },
  { key: 'clvFirstDay', type: 'date', sql: 'clv_first', optional: true },
  { key: 'clvLastDay', type: 'date', sql: 'clv_last', optional: true },
  { key: 'clvRepeatSpend', type: 'money', sql: 'clv_repeat' },
];

/** The columns that hold the run (one value for the whole table), not a customer's fact. */
const RUN_FIELDS: ReadonlySet<string> = new Set(['customerId', 'analysisDate', 'returns', 'windowDays']);

const headingKey = (f: FactsField): MessageKey => `facts.col.${f.key}` as MessageKey;

/** The headings in one language. */
export function factsHeadings(locale: Locale): string[] {
  return FACTS_FIELDS.map((f) => t(locale, headingKey(f)));
}

/** The churn window the facts count recent purchase days in (the facts query's parameter). */
export function factsWindowDays(config: TieringConfig): number {
  return config.methods.activity?.churn.windowDays ?? 90;
}

/**
 * The facts as a table: headings, then one row per customer in the engine's id order (the same
 * file from every source), dates as YYYY-MM-DD, blanks null.
 */
export function factsTable(set: CustomerFactsSet, locale: Locale): { headings: string[]; rows: (string | number | null)[][] } {
  const date = (d: number) => (Number.isFinite(d) ? dayToIso(d) : null);
  const order = sortedIdOrder(set.ids);
  const rows = Array.from(order, (i) => factOf(set, i)).map((f) =>
    FACTS_FIELDS.map((field): string | number | null => {
      if (field.key === 'customerId') return f.id;
      if (field.key === 'analysisDate') return dayToIso(set.analysisDay);
      if (field.key === 'returns') return set.returns;
      if (field.key === 'windowDays') return set.windowDays;
      const v = f[field.key];
      if (field.type === 'date') return date(v);
      return Number.isFinite(v) ? v : null;
    }),
  );
  return { headings: factsHeadings(locale), rows };
}

/** A problem with a facts table: `error.<code>` with its params (sheet, cell…). */
export interface FactsProblem {
  code: string;
  params: Params;
}

/** Column index per field, from headings in either language (case, spaces and _ ignored). */
function headingColumns(grid: SourceGrid, problems: FactsProblem[]): number[] | null {
  const header = grid.values[0] ?? [];
  const byText = new Map<string, number>();
  FACTS_FIELDS.forEach((f, i) => {
    for (const loc of ['en-US', 'zh-CN'] as const) byText.set(foldHeader(t(loc, headingKey(f))), i);
  });
  const cols = FACTS_FIELDS.map(() => -1);
  header.forEach((h, j) => {
    if (isBlank(h)) return;
    const i = byText.get(foldHeader(String(h)));
    if (i === undefined) return; // the user's own columns (names, notes, our tier block) are left alone
    if (cols[i] >= 0) problems.push({ code: 'facts_heading_twice', params: { sheet: grid.name, cell: cellAt(grid, 0, j), heading: String(h) } });
    else cols[i] = j;
  });
  FACTS_FIELDS.forEach((f, i) => {
    if (cols[i] < 0) problems.push({ code: 'facts_heading_missing', params: { sheet: grid.name, en: t('en-US', headingKey(f)), zh: t('zh-CN', headingKey(f)) } });
  });
  return problems.length ? null : cols;
}

function cellAt(grid: SourceGrid, r: number, j: number): string {
  return `${columnLetter((grid.firstColumn ?? 0) + j)}${(grid.headerRow ?? 1) + r}`;
}

/** One cell's value by the field's type: a number (NaN for an allowed blank), a policy, or a problem. */
function readCell(v: unknown, f: FactsField, grid: SourceGrid): number | string | { code: string } {
  if (isBlank(v)) return f.optional ? NaN : { code: 'facts_blank' };
  // A facts CSV is ours: its ids carry the formula guard our writer put on (`'=…`, `'@…`),
  // which is not part of the id (Excel keeps the ' when it opens a CSV, so sheets too).
  if (f.type === 'id') return normalizeId(typeof v === 'string' ? unguardFormula(v) : (v as string)) || { code: 'facts_blank' };
  if (f.type === 'policy') {
    const s = String(v).trim().toLowerCase();
    return s === 'net' || s === 'exclude' ? s : { code: 'facts_not_policy' };
  }
  if (f.type === 'date') {
    const d = parseDateCell(v as string | number, { dateSystem: grid.dateSystem ?? 1900, order: 'auto' });
    // Only unambiguous dates: a/b/y text could be read two ways, and a facts table never holds it.
    return Number.isFinite(d) && (typeof v !== 'string' || /^\s*\d{4}-\d{2}-\d{2}/.test(v)) ? d : { code: 'facts_not_date' };
  }
  const x = cellToNumber(v as string | number);
  if (!Number.isFinite(x)) return { code: f.type === 'int' ? 'facts_not_int' : 'facts_not_number' };
  if (f.type === 'int' && (!Number.isInteger(x) || x < 0)) return { code: 'facts_not_int' };
  return x;
}

/** At most this many problems are collected (the first ones say what is wrong). */
export const MAX_FACTS_PROBLEMS = 20;

/** A data row's values by field, and its index in the grid (for cell addresses). */
type Row = Record<FactsField['key'], number | string> & { r: number };

/** Rows read cell by cell; problems for unreadable cells, repeated ids and mixed runs. */
function readRows(grid: SourceGrid, cols: number[], problems: FactsProblem[]): Row[] {
  const rows: Row[] = [];
  const header = grid.values[0] ?? [];
  const firstRowOf = new Map<string, number>();
  const full = () => problems.length >= MAX_FACTS_PROBLEMS;
  for (let r = 1; r < grid.values.length && !full(); r++) {
    const line = grid.values[r] ?? [];
    if (cols.every((j) => isBlank(line[j]))) continue;
    const row = { r } as Row;
    FACTS_FIELDS.forEach((f, i) => {
      const j = cols[i];
      const v = readCell(line[j], f, grid);
      if (typeof v === 'object') {
        problems.push({ code: v.code, params: { sheet: grid.name, cell: cellAt(grid, r, j), heading: cellText(header[j], 60), value: cellText(line[j], 60) } });
      } else row[f.key] = v;
    });
    const id = row.customerId as string | undefined;
    if (id !== undefined) {
      const first = firstRowOf.get(id);
      if (first !== undefined) problems.push({ code: 'facts_id_twice', params: { sheet: grid.name, cell: cellAt(grid, r, cols[0]), id, first: (grid.headerRow ?? 1) + first } });
      else firstRowOf.set(id, r);
    }
    rows.push(row);
  }
  return rows;
}

/** The run-level columns are one value for the whole table; profit is given for all or none. */
function checkUniform(grid: SourceGrid, cols: number[], rows: Row[], problems: FactsProblem[]): void {
  const header = grid.values[0] ?? [];
  const shown = (k: FactsField['key'], v: number | string) => (k === 'analysisDate' ? dayToIso(v as number) : String(v));
  for (const k of ['analysisDate', 'returns', 'windowDays'] as const) {
    const i = FACTS_FIELDS.findIndex((f) => f.key === k);
    const first = rows[0]?.[k];
    const odd = rows.find((row) => row[k] !== undefined && row[k] !== first);
    if (odd && first !== undefined) {
      const r = odd.r;
      problems.push({ code: 'facts_mixed', params: { sheet: grid.name, cell: cellAt(grid, r, cols[i]), heading: cellText(header[cols[i]], 60), value: shown(k, odd[k]), first: shown(k, first) } });
    }
  }
  const p = FACTS_FIELDS.findIndex((f) => f.key === 'profit');
  const given = rows.filter((row) => Number.isFinite(row.profit as number)).length;
  if (given > 0 && given < rows.length) {
    const blank = rows.find((row) => !Number.isFinite(row.profit as number))!;
    problems.push({ code: 'facts_profit_partial', params: { sheet: grid.name, cell: cellAt(grid, blank.r, cols[p]) } });
  }
}

/** Relations every computed row keeps (docs/scale.md); a row that breaks one was edited. */
function brokenRelation(f: CustomerFact, analysisDay: number): [FactKey, FactKey] | null {
  if (f.orders > f.orderRows) return ['orders', 'orderRows'];
  if (f.orderRows > 0) {
    if (!(f.orders >= 1)) return ['orders', 'orderRows'];
    if (!(f.activeDays >= 1)) return ['activeDays', 'orderRows'];
    if (!(f.firstDay <= f.lastDay)) return ['firstDay', 'lastDay'];
    if (!(f.lastDay <= analysisDay)) return ['lastDay', 'orderRows'];
    if (!(f.activeDays <= f.lastDay - f.firstDay + 1)) return ['activeDays', 'firstDay'];
  }
  if (f.recentDays > f.activeDays) return ['recentDays', 'activeDays'];
  if (f.clvDays > 0 && !(f.clvFirstDay <= f.clvLastDay)) return ['clvFirstDay', 'clvLastDay'];
  return null;
}

function checkRelations(grid: SourceGrid, cols: number[], rows: Row[], set: CustomerFactsSet, problems: FactsProblem[]): void {
  const header = grid.values[0] ?? [];
  set.ids.forEach((_, i) => {
    const f = factOf(set, i);
    const broken = brokenRelation(f, set.analysisDay);
    if (!broken || problems.length >= MAX_FACTS_PROBLEMS) return;
    const r = rows[i].r;
    const what = broken.map((k) => {
      const j = cols[FACTS_FIELDS.findIndex((x) => x.key === k)];
      return `${cellText(header[j], 60)} ${cellText(grid.values[r]?.[j], 30)}`;
    });
    problems.push({ code: 'facts_inconsistent', params: { sheet: grid.name, row: (grid.headerRow ?? 1) + r, id: f.id, what } });
  });
}

/** The facts against the config: the same analysis date (when set), returns policy and churn window. */
function checkConfig(grid: SourceGrid, set: CustomerFactsSet, config: TieringConfig, problems: FactsProblem[]): void {
  const sheet = grid.name;
  const facts = dayToIso(set.analysisDay);
  if (config.analysisDate && config.analysisDate !== facts) problems.push({ code: 'facts_date_mismatch', params: { sheet, facts, config: config.analysisDate } });
  if (config.returns !== set.returns) problems.push({ code: 'facts_returns_mismatch', params: { sheet, facts: set.returns, config: config.returns } });
  // The window only matters to the activity method (churn counts).
  if (config.methods.activity && factsWindowDays(config) !== set.windowDays) {
    problems.push({ code: 'facts_window_mismatch', params: { sheet, facts: set.windowDays, config: factsWindowDays(config) } });
  }
}

/** Reads a facts grid (headings in its first row): the facts, or every problem found (up to MAX_FACTS_PROBLEMS). */
export function readFactsGrid(grid: SourceGrid, config: TieringConfig): { set: CustomerFactsSet; problems: [] } | { set: null; problems: FactsProblem[] } {
  const problems: FactsProblem[] = [];
  const cols = headingColumns(grid, problems);
  if (!cols) return { set: null, problems };
  const rows = readRows(grid, cols, problems);
  if (rows.length === 0 && problems.length === 0) problems.push({ code: 'facts_empty', params: { sheet: grid.name } });
  if (problems.length) return { set: null, problems };
  checkUniform(grid, cols, rows, problems);
  if (problems.length) return { set: null, problems };
  const first = rows[0];
  const facts = rows.map((row): CustomerFact => {
    const f = { id: row.customerId } as CustomerFact;
    for (const field of FACTS_FIELDS) if (!RUN_FIELDS.has(field.key)) f[field.key as FactKey] = row[field.key] as number;
    return f;
  });
  const set: CustomerFactsSet = {
    ...factsColumns(facts),
    analysisDay: first.analysisDate as number,
    analysisDateSource: config.analysisDate ? 'config' : 'latest-order',
    returns: first.returns as 'net' | 'exclude',
    windowDays: first.windowDays as number,
    withProfit: facts.some((f) => Number.isFinite(f.profit)),
  };
  checkRelations(grid, cols, rows, set, problems);
  checkConfig(grid, set, config, problems);
  return problems.length ? { set: null, problems } : { set, problems: [] };
}

/** A problem as a sentence in the user's language. */
export function factsProblemText(p: FactsProblem, locale: Locale): string {
  return tryT(locale, `error.${p.code}`, p.params, p.code);
}

/**
 * classify() for the tables a workbook or the pane gives: customer facts (with an optional
 * customer list for names and attributes) or order rows, never both.
 */
export function classifyTables(tables: InputTables, config: TieringConfig, onProgress?: ProgressFn): ClassificationResult {
  if (!tables.facts) return classify(tables, config, onProgress);
  if (tables.orders) throw new TieringError('facts_with_orders', {}, tryT('en-US', 'error.facts_with_orders'));
  const read = readFactsGrid(tables.facts, config);
  if (!read.set) {
    const p = read.problems[0];
    throw new TieringError(p.code, p.params, factsProblemText(p, 'en-US'));
  }
  const customers = tables.customers ? ingest({ customers: tables.customers }, config) : null;
  return classifyFacts(read.set, config, customers, onProgress);
}
