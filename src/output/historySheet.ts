// The history sheet: one row per customer, whatever the number of runs. On top, a small trend
// table (customers per tier at every analysis date kept, newest first); below it, the detail
// table (an Excel table with filter buttons): customer id, name, then per method one column per
// analysis date, newest first, for the last N dates (config output.historySnapshots). Newest
// first puts this month's tier beside the customer and keeps a method's trend in adjacent
// columns (filter "ABC now = B" and "ABC a month ago = A" side by side); the oldest date drops
// off the right end of each method's block.
//
// People read labels in their language, and only labels: every cell they see is a header, a
// label, a name, a date or a count. The refresh reads keys (engine/historyGrid.ts) from hidden
// rows: a key row above each table, and the legend below the trend table pairing each method's
// and tier's key with the label used on this sheet. That pairing is what the tables are read
// back by, so it is exact for any locale and for rule tiers (the user's own text). Keys sit in
// hidden rows, not hidden columns, because the detail table below spans the trend table's
// columns. Where two tiers of a method would show the same label (a custom segment named like a
// default one's translation), the later one gets a " (2)" suffix: a label never reads back as
// another tier, and a key is never shown in place of a label.
import type { TieringConfig } from '../config/schema';
import { allCounts, orderTiers, tierRanks, type History, type HistoryLimits, type Snapshot, type TierCounts } from '../engine/history';
import { COUNTS_KEY, CUSTOMER_KEY, LEGEND_KEY, NAME_KEY, TIER_LABEL_KEY, detailKey } from '../engine/historyGrid';
import { t, type Locale } from '../i18n';
import type { CellValue } from './ops';
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS, uniqueHeaders, type SheetBuilder } from './cells';
import { NOTE_FONT, columnHeader, methodLabel, tierLabel, type RuleNames } from './labels';
import { headerWidthOps } from './widths';

export interface HistorySheetInput {
  history: History;
  config: TieringConfig;
  locale: Locale;
  rules: RuleNames;
  /** Customer names (id → name): this run's, then those the sheet held. */
  names: ReadonlyMap<string, string>;
  /** A free table name for a wanted one (and marks it taken). */
  tableName: (wanted: string) => string;
}

/** Rows the sheet uses above the trend table: title, marker, a blank row, the keys note. */
const TOP_ROWS = 4;
/** Trend table columns besides the dates: method and tier. */
const TREND_FIXED_COLS = 2;

/** Methods in the order they are shown: as the newest snapshot has them, then older ones'. */
function methodOrder(history: History): string[] {
  const out: string[] = [];
  const add = (m: string) => {
    if (!out.includes(m)) out.push(m);
  };
  for (const s of [...history.snapshots].reverse()) s.methods.forEach(add);
  for (const c of [...history.older].reverse()) [...c.counts.keys()].forEach(add);
  return out;
}

/** Per method, the tiers any date holds, best first. */
function tiersByMethod(counts: readonly TierCounts[], methods: readonly string[], config: TieringConfig): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of methods) {
    const keys: string[] = [];
    for (const c of [...counts].reverse()) for (const k of c.counts.get(m)?.keys() ?? []) keys.push(k);
    out.set(m, orderTiers(keys, tierRanks(m, config)));
  }
  return out;
}

/** The sheet's limits for this history: rows left below the trend table, columns for dates. */
export function historyLimits(history: History, config: TieringConfig): HistoryLimits {
  const methods = methodOrder(history);
  const trendRows = [...tiersByMethod(allCounts(history), methods, config).values()].reduce((a, k) => a + k.length, 0);
  // note, key row, header, rows, legend rows, blank; then note, key row, header of the detail table.
  const above = TOP_ROWS + 3 + 2 * trendRows + 1 + 3;
  return {
    snapshots: config.output.historySnapshots,
    customers: EXCEL_MAX_ROWS - above,
    dates: EXCEL_MAX_COLS - TREND_FIXED_COLS,
  };
}

/** Text shown for each tier key of a method: its label, made distinct within the method. */
function displayOf(locale: Locale, method: string, keys: readonly string[]): Map<string, string> {
  const labels = uniqueHeaders(keys.map((k) => tierLabel(locale, method, k)));
  return new Map(keys.map((k, i) => [k, labels[i]]));
}

/** Writes the history sheet's content at the builder's cursor; returns the tables made. */
export function writeHistory(b: SheetBuilder, inp: HistorySheetInput): string[] {
  const L = inp.locale;
  const methods = methodOrder(inp.history);
  const counts = allCounts(inp.history);
  const tiers = tiersByMethod(counts, methods, inp.config);
  const display = new Map(methods.map((m) => [m, displayOf(L, m, tiers.get(m) ?? [])]));
  b.note(t(L, 'out.history.keys'));
  const tables: string[] = [];
  const trend = trendTable(b, inp, methods, tiers, display, counts);
  if (trend) tables.push(trend);
  tables.push(detailTable(b, inp, methods, display));
  return tables;
}

/**
 * The trend table: one row per method and tier, one column per date; then the legend (hidden
 * rows: legend key, method key, tier key, method label, tier label) and a blank row.
 */
function trendTable(b: SheetBuilder, inp: HistorySheetInput, methods: string[], tiers: Map<string, string[]>, display: Map<string, Map<string, string>>, counts: TierCounts[]): string | null {
  const L = inp.locale;
  const dates = [...counts].reverse();
  const rows: CellValue[][] = [];
  const legend: CellValue[][] = [];
  for (const m of methods) {
    const label = methodLabel(L, m, inp.rules);
    for (const k of tiers.get(m) ?? []) {
      // 0 where the method ran that day and nobody had the tier; blank where it did not run.
      const n = dates.map((c) => (c.counts.has(m) ? (c.counts.get(m)!.get(k) ?? 0) : null));
      const shown = display.get(m)!.get(k) ?? k;
      rows.push([label, shown, ...n]);
      legend.push([LEGEND_KEY, m, k, label, shown]);
    }
  }
  if (!rows.length) return null;
  b.note(t(L, 'out.history.trend'));
  const keys = [COUNTS_KEY, TIER_LABEL_KEY, ...dates.map((c) => c.date)];
  const headers = [t(L, 'out.history.method'), t(L, 'out.history.tier'), ...dates.map((c) => c.date)];
  const name = table(b, inp, 'CT_HistoryTrend', keys, headers, rows);
  b.format(b.row - rows.length, 2, rows.length, dates.length, { numberFormat: '#,##0' });
  b.format(b.row - rows.length - 1, 2, 1, dates.length, { align: 'right' });
  b.ops.push({ op: 'columnWidth', sheet: b.sheet, col: 0, cols: 2, width: 22 });
  b.values(b.row, 0, legend);
  b.format(b.row, 0, legend.length, 5, { fontColor: NOTE_FONT });
  b.ops.push({ op: 'hideRows', sheet: b.sheet, row: b.row, rows: legend.length });
  b.row += legend.length + 1;
  return name;
}

/** One detail column: a method at a date (a snapshot and the method's place in it). */
interface DetailColumn {
  method: string;
  snap: number;
  at: number;
}

/** Columns of the detail: per method, its dates newest first (a date without it has no column). */
function detailColumns(snaps: readonly Snapshot[], methods: readonly string[]): DetailColumn[] {
  const cols: DetailColumn[] = [];
  for (const method of methods) {
    snaps.forEach((s, snap) => {
      const at = s.methods.indexOf(method);
      if (at >= 0) cols.push({ method, snap, at });
    });
  }
  return cols;
}

/** Customers in the detail: the newest snapshot's in its order, then those only older ones list. */
function customerOrder(snaps: readonly Snapshot[]): string[] {
  const seen = new Set<string>();
  for (const s of snaps) for (const id of s.rows.keys()) seen.add(id);
  return [...seen];
}

/** The detail table: one row per customer, one column per method and date. */
function detailTable(b: SheetBuilder, inp: HistorySheetInput, methods: string[], display: Map<string, Map<string, string>>): string {
  const L = inp.locale;
  const snaps = [...inp.history.snapshots].reverse();
  const cols = detailColumns(snaps, methods);
  const ids = customerOrder(snaps);
  const withNames = ids.some((id) => inp.names.has(id));
  const lead = withNames ? [CUSTOMER_KEY, NAME_KEY] : [CUSTOMER_KEY];
  const keys = [...lead, ...cols.map((c) => detailKey(c.method, snaps[c.snap].date))];
  const headers = [
    ...lead.map((k) => columnHeader(L, k)),
    ...cols.map((c) => t(L, 'out.history.column', { column: columnHeader(L, c.method, inp.rules), date: snaps[c.snap].date })),
  ];
  const shown = cols.map((c) => display.get(c.method)!);
  const rows = ids.map((id) => {
    const tiers = snaps.map((s) => s.rows.get(id));
    const row: CellValue[] = withNames ? [id, inp.names.get(id) ?? null] : [id];
    for (let j = 0; j < cols.length; j++) {
      const k = tiers[cols[j].snap]?.[cols[j].at];
      row.push(k == null ? null : (shown[j].get(k) ?? k));
    }
    return row;
  });
  b.note(t(L, 'out.history.detail', { n: snaps.length }));
  const name = table(b, inp, 'CT_History', keys, headers, rows);
  for (const op of headerWidthOps(b.sheet, 0, headers, 16)) b.ops.push(op);
  if (withNames) b.ops.push({ op: 'columnWidth', sheet: b.sheet, col: 1, cols: 1, width: 24 });
  b.ops.push({ op: 'freeze', sheet: b.sheet, rows: 0, cols: lead.length });
  return name;
}

/** Hidden key row, header and rows as an Excel table at the cursor; the cursor ends below it. */
function table(b: SheetBuilder, inp: HistorySheetInput, wanted: string, keys: string[], headers: string[], rows: CellValue[][]): string {
  b.values(b.row, 0, [keys]);
  b.format(b.row, 0, 1, keys.length, { fontColor: NOTE_FONT });
  b.ops.push({ op: 'hideRows', sheet: b.sheet, row: b.row, rows: 1 });
  b.row++;
  const top = b.row;
  const body = rows.length ? rows : [keys.map(() => null)];
  b.header(top, 0, uniqueHeaders(headers));
  b.values(top + 1, 0, body);
  const name = inp.tableName(wanted);
  b.ops.push({ op: 'addTable', sheet: b.sheet, row: top, col: 0, rows: body.length + 1, cols: headers.length, name, style: 'TableStyleLight9' });
  b.row = top + body.length + 1;
  return name;
}
