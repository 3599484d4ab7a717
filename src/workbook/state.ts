// The add-in's state inside the workbook: the config and the registry of what it created,
// stored as JSON settings. Both come back from files other people edited, so both are
// validated, and a registry entry is believed only when the workbook shows our marker.
import { parseConfigText, type TieringConfig } from '../config';
import { t, type Locale } from '../i18n';
import '../output/labels';
import { blockHash } from '../output/proof';
import { sheetKey } from '../output/sheetNames';
import { hasMarker, parseRegistry, type Registry, MARKER_COL, MARKER_ROW } from '../output/registry';
import { a1, rangeAddress } from './a1';
import type { CellValue, TableInfo, WorkbookPort } from './port';

export const CONFIG_KEY = 'customerTiers.config';
export const REGISTRY_KEY = 'customerTiers.registry';

export interface StateProblem {
  code: 'configInvalid' | 'registryInvalid' | 'sheetNotOurs' | 'columnsNotOurs' | 'groupsCapped';
  message: string;
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
  if (parsed.ok) return { registry: parsed.registry, problems: [] };
  return { registry: null, problems: [{ code: 'registryInvalid', message: t(locale, 'out.state.registryInvalid', { detail: parsed.error }) }] };
}

export async function saveRegistry(port: WorkbookPort, registry: Registry | null): Promise<void> {
  await port.setSetting(REGISTRY_KEY, registry ? JSON.stringify(registry) : null);
}

/**
 * Keeps only the registry items the workbook confirms: sheets whose marker cell carries our
 * token, column blocks whose header cells (or table headers) still read as we wrote them.
 * Tables and charts are kept only on confirmed sheets. Sheet names take the workbook's case.
 */
/**
 * The cells of a registered tier block as the workbook holds them now (header row first), or
 * null when nothing of it is left: table columns by their headers, a plain block by position.
 */
async function readBlock(port: WorkbookPort, c: Registry['columns'][number], sheet: string, tables: TableInfo[]): Promise<CellValue[][] | null> {
  if (c.table) {
    const tb = tables.find((x) => x.name.toLowerCase() === c.table!.toLowerCase());
    if (!tb || c.headers.every((h) => !tb.headers.includes(h))) return null;
    const read = await port.read({ kind: 'table', table: tb.name });
    const idx = c.headers.map((h) => (read.values[0] ?? []).findIndex((x) => x === h));
    return read.values.map((row) => idx.map((i) => (i < 0 ? null : row[i])));
  }
  const read = await port.read({ kind: 'sheet', sheet, address: rangeAddress(c.row, c.col, c.rows + 1, c.headers.length) });
  const rows: CellValue[][] = Array.from({ length: c.rows + 1 }, (_, i) => Array.from({ length: c.headers.length }, (_, j) => read.values[c.row + i - read.row]?.[c.col + j - read.col] ?? null));
  return rows.some((r) => r.some((v) => v !== null && v !== '')) ? rows : null;
}

export async function verifyRegistry(port: WorkbookPort, registry: Registry, locale: Locale): Promise<{ verified: Registry; problems: StateProblem[] }> {
  const problems: StateProblem[] = [];
  const sheets = await port.listSheets();
  const actual = new Map(sheets.map((s) => [sheetKey(s.name), s.name]));
  const verified: Registry = { ...registry, sheets: [], columns: [], tables: [], charts: [] };
  for (const s of registry.sheets) {
    const name = actual.get(sheetKey(s.name));
    if (!name) continue; // already gone: nothing to delete
    const cell = await port.read({ kind: 'sheet', sheet: name, address: a1(MARKER_ROW, MARKER_COL) });
    if (hasMarker(cell.values[0]?.[0], registry.id)) verified.sheets.push({ ...s, name });
    else problems.push({ code: 'sheetNotOurs', message: t(locale, 'out.state.sheetNotOurs', { sheet: s.name }) });
  }
  const tables = await port.listTables();
  for (const c of registry.columns) {
    const sheet = actual.get(sheetKey(c.sheet));
    const found = sheet ? await readBlock(port, c, sheet, tables) : null;
    // Already gone: nothing to remove. Ours only when its content is what we wrote (the hash);
    // anything else in its place is reported and left alone, whatever its headers say.
    if (!found) continue;
    if (c.hash && blockHash(found) === c.hash) verified.columns.push({ ...c, sheet: sheet! });
    else problems.push({ code: 'columnsNotOurs', message: t(locale, 'out.state.columnsNotOurs', { sheet: c.sheet, headers: c.headers.join(', ') }) });
  }
  const mine = new Set(verified.sheets.map((s) => sheetKey(s.name)));
  verified.tables = registry.tables.filter((x) => mine.has(sheetKey(x.sheet)));
  verified.charts = registry.charts.filter((x) => mine.has(sheetKey(x.sheet)));
  return { verified, problems };
}
