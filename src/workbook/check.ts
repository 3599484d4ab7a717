// "Check this workbook": what a refresh and a remove would touch, and what they would leave
// alone and why, without writing anything. It reads exactly what a refresh reads (the config,
// the registry and every owned item's proof, the sources) and plans the refresh the same way
// (run.ts prepareRefresh), so what it says is what a refresh would do.
import type { TieringConfig } from '../config/schema';
import { t, type Locale } from '../i18n';
import type { OutputPlan } from '../output/plan';
import type { Registry, RegistryColumns } from '../output/registry';
import { sheetKey } from '../output/sheetNames';
import { rangeAddress } from './a1';
import { describeKnownError } from './describeError';
import { editedItems } from './edits';
import type { WorkbookPort } from './port';
import { blockedTargets, ownedState, prepareRefresh, setAsideCampaigns, targetError, type RefreshOptions } from './run';
import { loadConfig, type StateProblem } from './state';

export type CheckAction = 'replaceSheet' | 'addSheet' | 'deleteSheet' | 'rewriteColumns' | 'writeColumns' | 'clearColumns';

/** One thing a refresh or a remove would do, with the sentence that says it. */
export interface CheckEntry {
  action: CheckAction;
  sheet: string;
  /** Where a tier block is: "客户!F1:K151", or its table. */
  where?: string;
  text: string;
}

export interface CheckReport {
  /** True when everything registered is proven and nothing blocks a refresh. */
  ok: boolean;
  locale: Locale;
  refresh: CheckEntry[];
  remove: CheckEntry[];
  /** Our output the user edited: a refresh asks first, a remove leaves it. */
  edited: StateProblem[];
  /** Registered items that are not proven ours (and damaged entries): left alone by both. */
  unproven: StateProblem[];
  /** Why a refresh would stop: cells in the way, no usable config or source. */
  blocked: string[];
}

export interface CheckOptions extends Pick<RefreshOptions, 'classify' | 'onProgress' | 'signal'> {
  /** The report's language; without it, the language stored with the workbook's config. */
  locale?: Locale;
  /** The language when neither is known (no stored config): e.g. the environment's. */
  fallbackLocale?: Locale;
}

export async function checkWorkbook(port: WorkbookPort, opts: CheckOptions = {}): Promise<CheckReport> {
  const fallback = opts.fallbackLocale ?? 'en-US';
  const stored = await loadConfig(port, opts.locale ?? fallback);
  const locale: Locale = opts.locale ?? stored.config?.locale ?? fallback;
  const full = await ownedState(port, locale);
  // A refresh leaves campaign sheets as they are (run.ts); Remove takes them too.
  const { owned } = setAsideCampaigns(full);
  const edited = editedItems(owned.problems);
  const unproven = [...stored.problems, ...owned.problems.filter((p) => !edited.includes(p))];
  const blocked: string[] = [];
  let refresh: CheckEntry[] = [];
  if (!stored.config) {
    if (!stored.problems.length) blocked.push(t(locale, 'out.check.cannotRefresh', { message: t(locale, 'out.state.noConfig') }));
  } else {
    const planned = await planOrWhy(port, stored.config, locale, owned.previous, owned.registryId, edited.length ? owned.edited : null, opts);
    if (typeof planned === 'string') blocked.push(planned);
    else {
      refresh = refreshEntries(planned, owned.previous, locale);
      for (const b of await blockedTargets(port, planned.targets, owned.previous)) blocked.push(describeKnownError(targetError(b), locale)!);
    }
  }
  const remove = removeEntries(full.previous, locale);
  return { ok: !edited.length && !unproven.length && !blocked.length, locale, refresh, remove, edited, unproven, blocked };
}

/** The refresh's plan (edited output counted as kept, as the refresh does until the user says), or why there is none. */
async function planOrWhy(port: WorkbookPort, config: TieringConfig, locale: Locale, previous: Registry | null, registryId: string, kept: Registry | null, opts: CheckOptions): Promise<OutputPlan | string> {
  if (!config.sources.orders && !config.sources.customers && !config.sources.facts) return t(locale, 'out.check.cannotRefresh', { message: t(locale, 'out.state.noSource') });
  try {
    // Planned in the config's language, as the refresh writes; the report is in the reader's.
    return (await prepareRefresh(port, { config, locale: config.locale, previous, registryId, kept }, opts)).plan;
  } catch (e) {
    const known = describeKnownError(e, locale);
    if (known === null) throw e;
    return t(locale, 'out.check.cannotRefresh', { message: known });
  }
}

/** Where a tier block is, for people. */
function blockWhere(c: RegistryColumns): string {
  return c.table ? `${c.table} (${c.sheet})` : `${c.sheet}!${rangeAddress(c.row, c.col, c.rows + 1, c.headers.length)}`;
}

const sameBlock = (a: RegistryColumns, b: RegistryColumns) => sheetKey(a.sheet) === sheetKey(b.sheet) && (a.table ?? '').toLowerCase() === (b.table ?? '').toLowerCase() && (a.table !== undefined || a.row === b.row);

function refreshEntries(plan: OutputPlan, previous: Registry | null, locale: Locale): CheckEntry[] {
  const had = new Set((previous?.sheets ?? []).map((s) => sheetKey(s.name)));
  const will = new Set(plan.registry.sheets.map((s) => sheetKey(s.name)));
  const out: CheckEntry[] = [];
  for (const c of plan.registry.columns) {
    const action = previous?.columns.some((p) => sameBlock(p, c)) ? 'rewriteColumns' : 'writeColumns';
    out.push({ action, sheet: c.sheet, where: blockWhere(c), text: t(locale, `out.check.${action}`, { where: blockWhere(c) }) });
  }
  for (const c of previous?.columns ?? []) {
    if (!plan.registry.columns.some((n) => sameBlock(c, n))) out.push({ action: 'clearColumns', sheet: c.sheet, where: blockWhere(c), text: t(locale, 'out.check.clearColumns', { where: blockWhere(c) }) });
  }
  for (const s of plan.registry.sheets) {
    const action = had.has(sheetKey(s.name)) ? 'replaceSheet' : 'addSheet';
    out.push({ action, sheet: s.name, text: t(locale, `out.check.${action}`, { sheet: s.name }) });
  }
  for (const s of previous?.sheets ?? []) if (!will.has(sheetKey(s.name))) out.push(deleteEntry(s.name, previous!, locale));
  return out;
}

function deleteEntry(sheet: string, reg: Registry, locale: Locale): CheckEntry {
  const on = (x: { sheet: string }) => sheetKey(x.sheet) === sheetKey(sheet);
  return { action: 'deleteSheet', sheet, text: t(locale, 'out.check.deleteSheet', { sheet, tables: reg.tables.filter(on).length, charts: reg.charts.filter(on).length }) };
}

function removeEntries(previous: Registry | null, locale: Locale): CheckEntry[] {
  if (!previous) return [];
  const cols = previous.columns.map((c): CheckEntry => ({ action: 'clearColumns', sheet: c.sheet, where: blockWhere(c), text: t(locale, 'out.check.clearColumns', { where: blockWhere(c) }) }));
  return [...cols, ...previous.sheets.map((s) => deleteEntry(s.name, previous, locale))];
}

/** The report as lines of text (the CLI prints it; the pane shows the same sections). */
export function checkReportLines(r: CheckReport): string[] {
  const L = r.locale;
  const section = (title: string, lines: string[]) => [title, ...(lines.length ? lines : [t(L, 'out.check.none')]).map((x) => `  - ${x}`)];
  const count = r.edited.length + r.unproven.length + r.blocked.length;
  return [
    ...section(t(L, 'out.check.refresh'), r.refresh.map((e) => e.text)),
    ...section(t(L, 'out.check.remove'), r.remove.map((e) => e.text)),
    ...(r.edited.length ? section(t(L, 'out.check.edited'), r.edited.map((p) => p.message)) : []),
    ...(r.unproven.length ? section(t(L, 'out.check.unproven'), r.unproven.map((p) => p.message)) : []),
    ...(r.blocked.length ? section(t(L, 'out.check.blocked'), r.blocked) : []),
    r.ok ? t(L, 'out.check.ok') : t(L, 'out.check.attention', { count }),
  ];
}
