// The add-in's state inside the workbook: the config and the registry of what it created,
// stored as JSON settings. Both come back from files other people edited, so both are
// validated, and a registry entry is believed only when the workbook shows its proof: our
// marker and the hash of what we wrote (sheets), the hash of the block (tier columns), a proven
// sheet that really holds it (tables and charts).
import { parseConfigText, type TieringConfig } from '../config';
import { t, type Locale } from '../i18n';
import { isTierBlockHeader } from '../output/labels';
import { blockHash, sheetHash } from '../output/proof';
import { sheetKey } from '../output/sheetNames';
import { emptyRegistry, hasMarker, isMarkerText, parseRegistry, type Registry, type RegistryColumns, type RegistrySheet, MARKER_COL, MARKER_ROW } from '../output/registry';
import { rangeAddress } from './a1';
import type { CellValue, TableInfo, WorkbookPort } from './port';

export const CONFIG_KEY = 'customerTiers.config';
export const REGISTRY_KEY = 'customerTiers.registry';

export type StateProblemCode =
  | 'configInvalid'
  | 'registryInvalid'
  | 'registryEntryInvalid'
  | 'sheetNotOurs'
  | 'sheetEdited'
  | 'columnsNotOurs'
  | 'columnsEdited'
  | 'tableNotOurs'
  | 'chartNotOurs'
  | 'groupsCapped'
  | 'blockMoved';

/** Which item of the workbook a problem is about (for lists in the pane and the CLI). */
export interface ProblemItem {
  kind: 'sheet' | 'columns' | 'table' | 'chart' | 'entry';
  /** The sheet, table or chart name; the headers of a tier block; the registry list of an entry. */
  name: string;
  sheet?: string;
  /** A1 range of a plain tier block. */
  range?: string;
  /** The Excel table whose columns a tier block is. */
  table?: string;
}

export interface StateProblem {
  code: StateProblemCode;
  message: string;
  item?: ProblemItem;
}

export async function loadConfig(port: WorkbookPort, locale: Locale): Promise<{ config: TieringConfig | null; problems: StateProblem[] }> {
  const text = await port.getSetting(CONFIG_KEY);
  if (text === null) return { config: null, problems: [] };
  const res = parseConfigText(text);
  if (res.ok) return { config: res.config, problems: [] };
  const detail = res.errors.map((e) => `${e.path || '(config)'}: ${e.message}`).join('; ');
  return { config: null, problems: [{ code: 'configInvalid', message: t(locale, 'out.state.configInvalid', { detail }) }] };
}

export async function saveConfig(port: WorkbookPort, config: TieringConfig): Promise<void> {
  await port.setSetting(CONFIG_KEY, JSON.stringify(config));
}

/** The stored registry, parsed. A damaged one is reported and treated as absent (nothing is deleted on its word). */
export async function loadRegistry(port: WorkbookPort, locale: Locale): Promise<{ registry: Registry | null; problems: StateProblem[] }> {
  const parsed = parseRegistry(await port.getSetting(REGISTRY_KEY));
  if (!parsed) return { registry: null, problems: [] };
  if (parsed.ok) {
    // A damaged entry is left out (nothing is touched on its word); the others still count.
    const problems = parsed.dropped.map((d): StateProblem => {
      return { code: 'registryEntryInvalid', message: t(locale, 'out.state.registryEntryInvalid', { detail: d.error }), item: { kind: 'entry', name: `${d.list}.${d.index}` } };
    });
    return { registry: parsed.registry, problems };
  }
  return { registry: null, problems: [{ code: 'registryInvalid', message: t(locale, 'out.state.registryInvalid', { detail: parsed.error }) }] };
}

export async function saveRegistry(port: WorkbookPort, registry: Registry | null): Promise<void> {
  await port.setSetting(REGISTRY_KEY, registry ? JSON.stringify(registry) : null);
}

/**
 * The cells of a registered tier block as the workbook holds them now (header row first), or
 * null when nothing of it is left: table columns by their headers, a plain block by position.
 */
async function readBlock(port: WorkbookPort, c: RegistryColumns, sheet: string, tables: TableInfo[]): Promise<{ rows: CellValue[][]; col: number; together: boolean } | null> {
  if (c.table) {
    const tb = tables.find((x) => x.name.toLowerCase() === c.table!.toLowerCase());
    if (!tb || c.headers.every((h) => !tb.headers.includes(h))) return null;
    const read = await port.read({ kind: 'table', table: tb.name });
    const idx = c.headers.map((h) => (read.values[0] ?? []).findIndex((x) => x === h));
    // Where the columns stand now (the user may have added table columns left of them). Side by
    // side still, or the widths given to them are left alone: a column the user put between ours
    // is not one the add-in made.
    const together = idx.every((i, j) => i >= 0 && i === idx[0] + j);
    return { rows: read.values.map((row) => idx.map((i) => (i < 0 ? null : row[i]))), col: idx[0] >= 0 ? read.col + idx[0] : c.col, together };
  }
  const read = await port.read({ kind: 'sheet', sheet, address: rangeAddress(c.row, c.col, c.rows + 1, c.headers.length) });
  const rows: CellValue[][] = Array.from({ length: c.rows + 1 }, (_, i) => Array.from({ length: c.headers.length }, (_, j) => read.values[c.row + i - read.row]?.[c.col + j - read.col] ?? null));
  return rows.some((r) => r.some((v) => v !== null && v !== '')) ? { rows, col: c.col, together: true } : null;
}

/**
 * What the add-in may treat as its own. `verified`: proven, replaced or removed freely.
 * `edited`: ours by every sign but content (our marker on the sheet, or our headers where we
 * wrote the block), whose cells changed since we wrote them, most likely the user's notes;
 * never replaced without the user's say. Everything else is reported in `problems` (edited
 * items too) and left alone.
 */
export interface Ownership {
  verified: Registry;
  edited: Registry;
  problems: StateProblem[];
}

export async function verifyRegistry(port: WorkbookPort, registry: Registry, locale: Locale): Promise<Ownership> {
  const own: Ownership = { verified: emptyRegistry(registry.id), edited: emptyRegistry(registry.id), problems: [] };
  const sheets = await port.listSheets();
  const actual = new Map(sheets.map((s) => [sheetKey(s.name), s.name]));
  const reg = withoutRepeats(registry);
  for (const s of reg.sheets) await verifySheet(port, own, s, actual.get(sheetKey(s.name)), locale);
  const tables = await port.listTables();
  for (const c of reg.columns) await verifyColumns(port, own, c, actual.get(sheetKey(c.sheet)), tables, locale);
  verifyTables(own, reg, tables, locale);
  await verifyCharts(port, own, reg, actual, locale);
  return own;
}

/** Each item once, whatever the stored list repeats (a sheet listed twice would be deleted twice, and the second delete would fail every run). */
function withoutRepeats(reg: Registry): Registry {
  const once = <T>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x] as const).reverse()).values()].reverse();
  return {
    ...reg,
    sheets: once(reg.sheets, (s) => sheetKey(s.name)),
    columns: once(reg.columns, (c) => `${sheetKey(c.sheet)}|${(c.table ?? '').toLowerCase()}|${c.row}|${c.col}`),
    tables: once(reg.tables, (x) => x.name.toLowerCase()),
    charts: once(reg.charts, (x) => `${sheetKey(x.sheet)}|${x.name}`),
  };
}

/** A sheet is ours when it carries our marker and exactly the cells we wrote (sheetHash). */
async function verifySheet(port: WorkbookPort, own: Ownership, s: RegistrySheet, name: string | undefined, locale: Locale): Promise<void> {
  if (!name) return; // already gone: nothing to delete
  const item: ProblemItem = { kind: 'sheet', name };
  // One read for marker and proof (a sync per sheet, not two).
  const read = await port.read({ kind: 'sheet', sheet: name });
  if (!hasMarker(read.values[MARKER_ROW - read.row]?.[MARKER_COL - read.col], own.verified.id)) {
    own.problems.push({ code: 'sheetNotOurs', message: t(locale, 'out.state.sheetNotOurs', { sheet: name }), item });
    return;
  }
  // A marker can be copied; only a recorded hash of the content proves the rest of the sheet.
  // Without one (an older version wrote it, or the entry was forged) it is asked about like an edit.
  if (!s.hash) {
    // Only a marker exactly as we write it makes the sheet worth asking about; a copied token is not.
    if (!isMarkerText(read.values[MARKER_ROW - read.row]?.[MARKER_COL - read.col], own.verified.id)) {
      own.problems.push({ code: 'sheetNotOurs', message: t(locale, 'out.state.sheetNotOurs', { sheet: name }), item });
      return;
    }
    own.edited.sheets.push({ ...s, name });
    own.problems.push({ code: 'sheetEdited', message: t(locale, 'out.state.sheetUnproven', { sheet: name }), item });
    return;
  }
  // Pending: our last write stopped half-way; the sheet is as far as it got, ours by its marker.
  if (sheetHash(read.values, read.col) === s.hash || s.pending) own.verified.sheets.push({ ...s, name });
  else {
    own.edited.sheets.push({ ...s, name });
    own.problems.push({ code: 'sheetEdited', message: t(locale, 'out.state.sheetEdited', { sheet: name }), item });
  }
}

/** A tier block is ours when its content is what we wrote (the hash); header text alone never is. */
async function verifyColumns(port: WorkbookPort, own: Ownership, c: RegistryColumns, sheet: string | undefined, tables: TableInfo[], locale: Locale): Promise<void> {
  const block = sheet ? await readBlock(port, c, sheet, tables) : null;
  if (!block || !sheet) return; // already gone: nothing to remove
  const found = block.rows;
  const headersOurs = (found[0] ?? []).every((h, j) => h === c.headers[j]);
  // Pending: our last write stopped half-way; the block is as far as it got (its headers are ours).
  if (c.hash && (blockHash(found) === c.hash || (c.pending && (found[0] ?? []).some((h, j) => h === c.headers[j])))) {
    own.verified.columns.push({ ...c, sheet, col: block.col, ...(block.together ? {} : { widths: undefined }) });
    return;
  }
  const range = c.table ? undefined : rangeAddress(c.row, c.col, c.rows + 1, c.headers.length);
  const item: ProblemItem = { kind: 'columns', name: c.headers.join(', '), sheet, ...(range ? { range } : {}), ...(c.table ? { table: c.table } : {}) };
  const params = { sheet, headers: c.headers, where: c.table ?? `${sheet}!${range}` };
  // Our headers where we wrote them, with a hash of our own: the user changed cells of our block.
  // Headers the add-in never writes (a registry naming the user's own columns) prove nothing.
  if (c.hash && headersOurs && c.headers.every(isTierBlockHeader)) {
    own.edited.columns.push({ ...c, sheet });
    own.problems.push({ code: 'columnsEdited', message: t(locale, 'out.state.columnsEdited', params), item });
  } else own.problems.push({ code: 'columnsNotOurs', message: t(locale, 'out.state.columnsNotOurs', params), item });
}

/** Sheets already reported as not ours: what the registry puts on them goes unsaid (the sheet's report covers it). */
function reportedSheets(own: Ownership): Set<string> {
  return new Set(own.problems.filter((p) => p.code === 'sheetNotOurs' && p.item).map((p) => sheetKey(p.item!.name)));
}

/** A registered table counts only where it really is on a sheet we proved (or that was edited). */
function verifyTables(own: Ownership, registry: Registry, tables: TableInfo[], locale: Locale): void {
  const mine = new Set(own.verified.sheets.map((s) => sheetKey(s.name)));
  const edited = new Set(own.edited.sheets.map((s) => sheetKey(s.name)));
  const reported = reportedSheets(own);
  for (const x of registry.tables) {
    const tb = tables.find((y) => y.name.toLowerCase() === x.name.toLowerCase());
    if (!tb) continue; // already gone
    const key = sheetKey(tb.sheet);
    const onItsSheet = key === sheetKey(x.sheet);
    if (onItsSheet && mine.has(key)) own.verified.tables.push({ name: tb.name, sheet: tb.sheet });
    else if (onItsSheet && edited.has(key)) own.edited.tables.push({ name: tb.name, sheet: tb.sheet });
    else if (!(onItsSheet && reported.has(key))) own.problems.push({ code: 'tableNotOurs', message: t(locale, 'out.state.tableNotOurs', { table: tb.name, sheet: tb.sheet }), item: { kind: 'table', name: tb.name, sheet: tb.sheet } });
  }
}

/** A registered chart counts only on a sheet we proved (or that was edited), and only if it is there. */
async function verifyCharts(port: WorkbookPort, own: Ownership, registry: Registry, actual: Map<string, string>, locale: Locale): Promise<void> {
  const mine = new Set(own.verified.sheets.map((s) => sheetKey(s.name)));
  const edited = new Set(own.edited.sheets.map((s) => sheetKey(s.name)));
  const reported = reportedSheets(own);
  const charts = new Map<string, string[]>();
  for (const x of registry.charts) {
    const sheet = actual.get(sheetKey(x.sheet));
    if (!sheet) continue; // already gone, with its sheet
    const key = sheetKey(sheet);
    if (reported.has(key)) continue;
    if (!mine.has(key) && !edited.has(key)) {
      own.problems.push({ code: 'chartNotOurs', message: t(locale, 'out.state.chartNotOurs', { chart: x.name, sheet }), item: { kind: 'chart', name: x.name, sheet } });
      continue;
    }
    if (!charts.has(key)) charts.set(key, await port.listCharts(sheet));
    if (!charts.get(key)!.includes(x.name)) continue; // already gone
    (mine.has(key) ? own.verified : own.edited).charts.push({ name: x.name, sheet });
  }
}

/** Where an item is, for sentences: "客户!F1:K151", a table's name, or a sheet's. */
export function itemWhere(item: ProblemItem): string {
  if (item.range) return `${item.sheet}!${item.range}`;
  return item.table ?? item.sheet ?? item.name;
}
