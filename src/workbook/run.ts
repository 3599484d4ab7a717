// Orchestration over any WorkbookPort: read the configured sources → classify → history →
// output plan → write → save state. Also "remove results": delete exactly what we own.
import type { RangeRef, TieringConfig } from '../config/schema';
import { isCalendarDate } from '../engine/calendar';
import { classifyTables } from '../engine/factsTable';
import { emptyHistory, readHistory, type History } from '../engine/history';
import { TieringError, type ClassificationResult, type InputTables, type ProgressFn, type SourceGrid } from '../engine/types';
import { t, type Locale } from '../i18n';
import { buildPlan, removalOps, type CustomerSource, type OutputPlan, type Target } from '../output/plan';
import { sheetKey } from '../output/sheetNames';
import { isCampaignSheet } from '../output/campaignSheet';
import { pendingRegistry, type Registry } from '../output/registry';
import { CancelledError, type RangeRead, type WorkbookPort, type WriteOp } from './port';
import { MAX_COLS, a1, rangeAddress } from './a1';
import { WorkbookError } from './errors';
import { loadConfig, loadRegistry, saveConfig, saveRegistry, verifyRegistry, type StateProblem } from './state';
import { applyEditChoice, type EditChoice } from './edits';
import { readNotes, type ReadNote } from './readNotes';
import { locateTable } from '../engine/ingest/layout';

export { EditedOutputError, type EditChoice } from './edits';

export interface RefreshOptions {
  /** The config to run (stored in the workbook afterwards); default: the stored one. */
  config?: TieringConfig;
  /** Overrides the config's analysis date (YYYY-MM-DD, a real day: else a TieringError 'bad_analysis_date'). */
  analysisDate?: string;
  /** Language of what is written; default: the config's. */
  locale?: Locale;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /**
   * The classifier to use; default: the engine in this thread. The task pane passes its
   * Web Worker here so that writing does not block the pane while classifying.
   */
  classify?: (inputs: InputTables, config: TieringConfig, onProgress?: ProgressFn) => Promise<ClassificationResult> | ClassificationResult;
  /**
   * What to do with our sheets and tier blocks the user edited since we wrote them: 'stop'
   * (default: an EditedOutputError naming them, nothing read or written), 'keep' (left as they
   * are and given up: they become the user's, fresh output goes beside them) or 'replace'.
   */
  edits?: EditChoice;
}

export interface RefreshReport {
  result: ClassificationResult;
  /** The config the run used (names the rule sets in summaries). */
  config: TieringConfig;
  /** Sheets we own after the run, by role key (summary, issues, history, group:abc:A...). */
  sheets: Record<string, string>;
  columns: number;
  tables: number;
  charts: number;
  ops: number;
  /** Things found wrong with the stored state (reported, never trusted). */
  problems: StateProblem[];
  registry: Registry;
}

export class WorkbookStateError extends Error {
  constructor(
    readonly code: 'noConfig' | 'configInvalid' | 'noSource',
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookStateError';
  }
}

function newRegistryId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('') + Date.now().toString(36).slice(-4);
}

/** "订单!A1:E40001" or "客户表 (客户!A1:E3001)": the range actually used as input (our columns excluded). */
function describeRef(ref: RangeRef, read: RangeRead, width: number): string {
  const where = `${read.sheet}!${a1(read.row, read.col)}:${a1(read.row + Math.max(read.values.length, 1) - 1, read.col + Math.max(width, 1) - 1)}`;
  return ref.kind === 'table' ? `${ref.table} (${where})` : ref.kind === 'name' ? `${ref.name} (${where})` : where;
}

/** Drops our own tier columns (verified registry blocks) from what was read, so they are never input. */
function withoutOwnColumns(read: RangeRead, own: Registry | null): { values: RangeRead['values']; width: number } {
  const drop = new Set<number>();
  for (const c of own?.columns ?? []) {
    if (sheetKey(c.sheet) !== sheetKey(read.sheet)) continue;
    if (c.table && read.table && c.table.toLowerCase() === read.table.toLowerCase()) {
      const header = read.values[0] ?? [];
      header.forEach((h, i) => c.headers.includes(String(h)) && drop.add(i));
    } else if (!c.table && c.row === read.row) {
      for (let j = 0; j < c.headers.length; j++) drop.add(c.col + j - read.col);
    }
  }
  if (!drop.size) return { values: read.values, width: read.values[0]?.length ?? 0 };
  const keep = (read.values[0] ?? []).map((_, i) => i).filter((i) => !drop.has(i));
  return { values: read.values.map((r) => keep.map((i) => r[i])), width: keep.length };
}

/** A read without the title and blank rows above its header row (layout.ts), the skip said in a note. */
function fromHeaderRow(read: RangeRead & { notes?: ReadNote[] }, kind: 'orders' | 'customers', config: TieringConfig): RangeRead & { notes?: ReadNote[] } {
  if (read.table) return read;
  const grid = { name: read.sheet, headerRow: read.row + 1, values: read.values };
  const located = locateTable(grid, kind, (config.columns?.[kind] ?? {}) as Record<string, string | undefined>);
  const skipped = (located.grid.headerRow ?? 1) - 1 - read.row;
  if (skipped <= 0) return read;
  return { ...read, row: read.row + skipped, values: read.values.slice(skipped), notes: located.notes.filter((n) => n.code === 'source_header_row') };
}

function toGrid(read: RangeRead & { notes?: ReadNote[] }, values: RangeRead['values'], name: string): SourceGrid {
  const notes = [...(read.notes ?? []), ...readNotes(read)];
  return { name, headerRow: read.row + 1, firstColumn: read.col, values, dateSystem: read.dateSystem, ...(notes.length ? { notes } : {}) };
}

export async function refreshWorkbook(port: WorkbookPort, opts: RefreshOptions = {}): Promise<RefreshReport> {
  const check = () => {
    if (opts.signal?.aborted) throw new CancelledError();
  };
  const { config, locale, problems } = await runConfig(port, opts);
  // Campaign lists the user exported are not the run's output: a refresh leaves them as they are.
  const { owned, campaigns } = setAsideCampaigns(await ownedState(port, locale));
  // Edited output is settled first: without the user's choice nothing is read or written.
  const choice = applyEditChoice(owned, opts.edits ?? 'stop', locale);
  problems.push(...choice.problems);
  check();
  const { plan, result } = await prepareRefresh(port, { config, locale, previous: choice.previous, registryId: owned.registryId, kept: choice.kept }, opts);
  await checkTargets(port, plan.targets, choice.previous);
  const ops: readonly WriteOp[] = plan.ops;
  // Protection, read-only, merged cells: refused before anything (the registry too) is written.
  await port.checkWritable?.(ops);
  for (const n of plan.notes) problems.push({ code: n.code, message: n.code === 'blockMoved' ? t(locale, 'out.note.blockMoved', n.params) : t(locale, 'out.note.groupsCapped', n.params) });
  // If writing stops half-way (cancel, network, crash), the stored registry must already cover
  // what may exist by then, so the next refresh or remove can still find it: marked pending, a
  // half-written sheet counts as ours by its marker (its hash cannot match yet).
  await saveRegistry(port, withCampaigns(mergeRegistries(choice.previous, pendingRegistry(plan.registry)), campaigns));
  opts.onProgress?.({ stage: 'writing', done: 0, total: ops.length });
  await port.write(ops, {
    signal: opts.signal,
    onProgress: (p) => opts.onProgress?.({ stage: 'writing', done: p.done, total: p.total }),
  });
  // A one-off analysis date is not stored: next month's refresh should not inherit it.
  if (opts.config) await saveConfig(port, opts.analysisDate ? opts.config : config);
  await saveRegistry(port, withCampaigns(plan.registry, campaigns));
  return {
    result,
    config,
    sheets: plan.sheetNames,
    columns: plan.registry.columns.reduce((a, c) => a + c.headers.length, 0),
    tables: plan.registry.tables.length,
    charts: plan.registry.charts.length,
    ops: ops.length,
    problems,
    registry: plan.registry,
  };
}

/** What a refresh starts from: the config, and what it may replace (verified, or edited and the user said replace). */
export interface RefreshBasis {
  config: TieringConfig;
  locale: Locale;
  previous: Registry | null;
  registryId: string;
  /** Edited output the user keeps: never written, but its history is still read. */
  kept?: Registry | null;
}

/** Reads the sources, classifies and plans; writes nothing (a check stops here too). */
export async function prepareRefresh(port: WorkbookPort, basis: RefreshBasis, opts: Pick<RefreshOptions, 'classify' | 'onProgress' | 'signal'>): Promise<{ plan: OutputPlan; result: ClassificationResult }> {
  const check = () => {
    if (opts.signal?.aborted) throw new CancelledError();
  };
  const { config, locale, previous } = basis;
  opts.onProgress?.({ stage: 'reading', done: 0, total: 1 });
  const read = await readInputs(port, config, previous, basis.kept ?? null, check, opts.signal);
  const result = await (opts.classify ?? classifyTables)(read.inputs, config, opts.onProgress);
  check();
  const [sheets, tables] = await Promise.all([port.listSheets(), port.listTables()]);
  const planFor = (customerSource: CustomerSource | undefined) =>
    buildPlan({
      result,
      config,
      locale,
      registryId: basis.registryId,
      previous,
      sheets: sheets.map((s) => s.name),
      tables: tables.map((x) => x.name),
      customerSource,
      dateSystem: read.dateSystem,
      history: read.history,
      sources: read.sources,
    });
  const plan = planFor(read.customerSource);
  const moved = await freeBlockColumn(port, plan, read.customerSource, previous);
  if (moved === null) return { plan, result };
  // The user's cells stay where they are; the tier block goes to the first free columns right of them.
  const replanned = planFor({ ...read.customerSource!, blockCol: moved.col });
  replanned.notes.push({ code: 'blockMoved', params: { sheet: moved.sheet, from: moved.from, to: moved.to, cells: moved.cells } });
  return { plan: replanned, result };
}

/**
 * A tier block beside a plain range that would cover the user's cells (placed for the first time,
 * or grown wider than our block of last time, e.g. by the action columns of a newer version):
 * the first columns right of the range, or of our old block's place, that are empty on its rows
 * (our verified old block's cells count as empty: they are removed first). Null when the block's
 * place is free, is fixed (a table grows only at its edge), or when no free place is left.
 */
async function freeBlockColumn(
  port: WorkbookPort,
  plan: OutputPlan,
  src: CustomerSource | undefined,
  previous: Registry | null,
): Promise<{ col: number; sheet: string; from: string; to: string; cells: readonly string[] } | null> {
  if (!src || src.table) return null;
  const target = plan.targets.find((tg) => sheetKey(tg.sheet) === sheetKey(src.sheet) && tg.row === src.row);
  if (!target) return null;
  const [blocked] = await blockedTargets(port, [target], previous);
  if (!blocked) return null;
  const rows = await port.read({ kind: 'sheet', sheet: target.sheet, address: `${a1(target.row, target.col)}:${a1(target.row + target.rows - 1, MAX_COLS - 1)}` });
  const used = new Set<number>();
  const ours = ownCell(previous, target.sheet);
  rows.values.forEach((line, i) => line.forEach((v, j) => v !== '' && v !== null && v !== undefined && !ours(rows.row + i, rows.col + j) && used.add(rows.col + j)));
  // The first run of target.cols empty columns at or right of the planned place.
  let col = target.col;
  while ([...Array(target.cols).keys()].some((k) => used.has(col + k))) col++;
  if (col + target.cols > MAX_COLS) return null;
  const range = (c: number) => rangeAddress(target.row, c, target.rows, target.cols);
  return { col, sheet: target.sheet, from: range(target.col), to: range(col), cells: shownCells(blocked.cells) };
}

/** The config to run (given, or stored in the workbook) with the one-off analysis date applied. */
async function runConfig(port: WorkbookPort, opts: RefreshOptions): Promise<{ config: TieringConfig; locale: Locale; problems: StateProblem[] }> {
  // The override has not been through the config schema (2024-02-30 would otherwise run as some
  // other day): judge it by the same calendar, before the workbook is read or written.
  if (opts.analysisDate && !isCalendarDate(opts.analysisDate)) {
    const params = { value: opts.analysisDate };
    throw new TieringError('bad_analysis_date', params, t('en-US', 'error.bad_analysis_date', params));
  }
  const stored = opts.config ? { config: null, problems: [] as StateProblem[] } : await loadConfig(port, opts.locale ?? 'en-US');
  let config = opts.config ?? stored.config;
  const loc0: Locale = opts.locale ?? config?.locale ?? 'en-US';
  if (!config) {
    if (stored.problems.length) throw new WorkbookStateError('configInvalid', stored.problems[0].message);
    throw new WorkbookStateError('noConfig', t(loc0, 'out.state.noConfig'));
  }
  if (opts.analysisDate) config = { ...config, analysisDate: opts.analysisDate };
  const locale: Locale = opts.locale ?? config.locale;
  if (!config.sources.orders && !config.sources.customers && !config.sources.facts) throw new WorkbookStateError('noSource', t(locale, 'out.state.noSource'));
  return { config, locale, problems: [...stored.problems] };
}

/** What the add-in made before, as far as it can be verified (unverified items are reported). */
export interface OwnedState {
  previous: Registry | null;
  edited: Registry | null;
  registryId: string;
  problems: StateProblem[];
}

export async function ownedState(port: WorkbookPort, locale: Locale): Promise<OwnedState> {
  const loaded = await loadRegistry(port, locale);
  const problems = [...loaded.problems];
  if (!loaded.registry) return { previous: null, edited: null, registryId: newRegistryId(), problems };
  const v = await verifyRegistry(port, loaded.registry, locale);
  problems.push(...v.problems);
  return { previous: v.verified, edited: v.edited, registryId: loaded.registry.id, problems };
}

interface Inputs {
  inputs: InputTables;
  sources: string[];
  customerSource?: CustomerSource;
  dateSystem: 1900 | 1904;
  history: History;
}

/** Reads the sources (never written, our own columns left out) and the history we own. */
async function readInputs(port: WorkbookPort, config: TieringConfig, previous: Registry | null, kept: Registry | null, check: () => void, signal?: AbortSignal): Promise<Inputs> {
  const out: Inputs = { inputs: {}, sources: [], dateSystem: 1900, history: emptyHistory() };
  const { orders: ordersRef, customers: customersRef, facts: factsRef } = config.sources;
  const readSource = async (ref: RangeRef, kind: 'orders' | 'customers' | 'facts') => {
    // A plain range is cut to its header row (titles above it skipped), so a tier block beside
    // the customers starts on the header row; the note is kept for the run.
    const read = await port.read(ref, { signal });
    const r = kind === 'facts' ? read : fromHeaderRow(read, kind, config);
    out.dateSystem = r.dateSystem;
    const { values, width } = withoutOwnColumns(r, previous);
    out.sources.push(describeRef(ref, r, width));
    return { r, values, grid: toGrid(r, values, r.table ?? r.sheet) };
  };
  if (ordersRef) out.inputs.orders = (await readSource(ordersRef, 'orders')).grid;
  check();
  // Tier columns go beside the customer list, else beside the customer facts (one row per customer too).
  const sideRef = customersRef ?? factsRef;
  if (factsRef && factsRef !== sideRef) out.inputs.facts = (await readSource(factsRef, 'facts')).grid;
  if (sideRef) {
    const kind = customersRef ? 'customers' : 'facts';
    const { r, values, grid } = await readSource(sideRef, kind);
    out.inputs[kind] = grid;
    out.customerSource = { sheet: r.sheet, row: r.row, col: r.col, values, ...(r.table ? { table: r.table } : {}) };
    const blockCol = r.table ? undefined : blockColumn(r, values[0]?.length ?? 0, previous, kept);
    if (blockCol !== undefined) out.customerSource.blockCol = blockCol;
  }
  // A history sheet the user edited and keeps is still the history: read (never written). Either
  // layout: a workbook from the first version (one row per customer per date) is read here and
  // written back in the bounded layout by this refresh.
  const historySheet = [...(previous?.sheets ?? []), ...(kept?.sheets ?? [])].find((s) => s.role === 'history');
  if (historySheet) out.history = readHistory((await port.read({ kind: 'sheet', sheet: historySheet.name })).values);
  check();
  return out;
}

/**
 * Where a plain-range tier block goes: where our verified block stood (so a column the user
 * added right of it is not taken for data), else right of a block the user kept as edited when
 * the source range stops short of it (it is theirs now, and not to be written over).
 */
function blockColumn(r: RangeRead, width: number, previous: Registry | null, kept: Registry | null): number | undefined {
  const onRows = (c: Registry['columns'][number]) => !c.table && sheetKey(c.sheet) === sheetKey(r.sheet) && c.row === r.row;
  const block = previous?.columns.find(onRows);
  if (block) return block.col;
  const keptBlock = kept?.columns.find(onRows);
  return keptBlock && keptBlock.col >= r.col + width ? keptBlock.col + keptBlock.headers.length : undefined;
}

/** The cells of one target that hold something not ours (A1 addresses), read before any write. */
export interface BlockedTarget {
  target: Target;
  cells: string[];
}

/**
 * Every cell of the user's sheets that the plan writes into must be empty or ours (a verified
 * block of last time, removed first). Checked before anything is written, the registry included.
 */
export async function blockedTargets(port: WorkbookPort, targets: readonly Target[], previous: Registry | null): Promise<BlockedTarget[]> {
  const out: BlockedTarget[] = [];
  for (const tg of targets) {
    const ours = ownCell(previous, tg.sheet);
    const read = await port.read({ kind: 'sheet', sheet: tg.sheet, address: rangeAddress(tg.row, tg.col, tg.rows, tg.cols) });
    const taken: string[] = [];
    read.values.forEach((line, i) =>
      line.forEach((v, j) => {
        if (v !== null && v !== undefined && v !== '' && !ours(read.row + i, read.col + j)) taken.push(a1(read.row + i, read.col + j));
      }),
    );
    if (taken.length) out.push({ target: tg, cells: taken });
  }
  return out;
}

/** Whether a cell of a sheet lies in one of our verified tier blocks of last time (removed before writing). */
function ownCell(previous: Registry | null, sheet: string): (row: number, col: number) => boolean {
  const own = (previous?.columns ?? []).filter((c) => sheetKey(c.sheet) === sheetKey(sheet));
  return (row, col) => own.some((c) => row >= c.row && row <= c.row + c.rows && col >= c.col && col < c.col + c.headers.length);
}

/** The first few cells of a list, as a message names them (the rest stand as "…"). */
const shownCells = (cells: readonly string[]): readonly string[] => (cells.length > 5 ? [...cells.slice(0, 5), '…'] : cells);

/** The error a blocked target makes: the sheet, the range and the first few cells named. */
export function targetError({ target: tg, cells }: BlockedTarget): WorkbookError {
  return new WorkbookError('targetNotEmpty', { sheet: tg.sheet, range: rangeAddress(tg.row, tg.col, tg.rows, tg.cols), count: cells.length, cells: shownCells(cells) });
}

/** A refresh that would overwrite a note stops with the cells named, and the workbook is as it was. */
async function checkTargets(port: WorkbookPort, targets: readonly Target[], previous: Registry | null): Promise<void> {
  const [first] = await blockedTargets(port, targets, previous);
  if (first) throw targetError(first);
}

/** Everything either registry lists (same id), without duplicates. */
export function mergeRegistries(a: Registry | null, b: Registry): Registry {
  if (!a) return b;
  const uniq = <T>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];
  return {
    ...b,
    sheets: uniq([...a.sheets, ...b.sheets], (s) => sheetKey(s.name)),
    columns: uniq([...a.columns, ...b.columns], (c) => `${c.sheet}|${c.table ?? ''}|${c.row}|${c.col}|${c.headers.join('|')}`),
    tables: uniq([...a.tables, ...b.tables], (x) => x.name.toLowerCase()),
    charts: uniq([...a.charts, ...b.charts], (x) => `${sheetKey(x.sheet)}|${x.name}`),
  };
}

/** The owned state without campaign sheets (verified or edited), and those sheets with their tables. */
export function setAsideCampaigns(owned: OwnedState): { owned: OwnedState; campaigns: Pick<Registry, 'sheets' | 'tables'> } {
  const campaigns: Pick<Registry, 'sheets' | 'tables'> = { sheets: [], tables: [] };
  const names = new Set<string>();
  const strip = (reg: Registry | null): Registry | null => {
    if (!reg) return reg;
    const mine = reg.sheets.filter(isCampaignSheet);
    if (!mine.length) return reg;
    mine.forEach((s) => names.add(sheetKey(s.name)));
    const on = (sheet: string) => mine.some((s) => sheetKey(s.name) === sheetKey(sheet));
    campaigns.sheets.push(...mine);
    campaigns.tables.push(...reg.tables.filter((x) => on(x.sheet)));
    return { ...reg, sheets: reg.sheets.filter((s) => !isCampaignSheet(s)), tables: reg.tables.filter((x) => !on(x.sheet)) };
  };
  const previous = strip(owned.previous);
  const edited = strip(owned.edited);
  const problems = owned.problems.filter((p) => !(p.item?.kind === 'sheet' && names.has(sheetKey(p.item.name))));
  return { owned: { ...owned, previous, edited, problems }, campaigns };
}

function withCampaigns(reg: Registry, campaigns: Pick<Registry, 'sheets' | 'tables'>): Registry {
  if (!campaigns.sheets.length) return reg;
  return { ...reg, sheets: [...reg.sheets, ...campaigns.sheets], tables: [...reg.tables, ...campaigns.tables] };
}

export interface RemoveReport {
  sheets: string[];
  columns: number;
  problems: StateProblem[];
}

/** Deletes exactly what the (verified) registry lists, then forgets the registry. The config stays. */
export async function removeResults(port: WorkbookPort, opts: { locale?: Locale; signal?: AbortSignal; edits?: 'keep' | 'replace' } = {}): Promise<RemoveReport> {
  const locale = opts.locale ?? 'en-US';
  const owned = await ownedState(port, locale);
  if (!owned.previous) return { sheets: [], columns: 0, problems: owned.problems };
  // Edited output is left as the user made it (and becomes theirs) unless they say remove it too.
  const choice = applyEditChoice(owned, opts.edits ?? 'keep', locale, 'remove');
  const ops: WriteOp[] = removalOps(choice.previous!);
  await port.write(ops, { signal: opts.signal });
  await saveRegistry(port, null);
  const { sheets, columns } = choice.previous!;
  return { sheets: sheets.map((s) => s.name), columns: columns.reduce((a, c) => a + c.headers.length, 0), problems: choice.problems };
}
