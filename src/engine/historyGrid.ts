// The history sheet's machine-readable frame, and reading it back. The writer (output/
// historySheet.ts) shows people labels in their language; what it reads back by is the hidden
// key row above each table (canonical keys) and the hidden legend rows below the counts table
// (method and tier keys beside their labels), so a sheet written in 中文 reads back exactly in
// English, a label renamed in a later version still maps to its key, and rule tiers (the user's
// own text) need no vocabulary. The previous layout (grey key rows, code columns in the counts
// table) and the first version's long layout are read too. Rows are found by content, never by
// position: a sorted or filtered table, a blank row or a note typed below reads back the same.
import type { History, Snapshot, TierCounts } from './history';

/** First cell of the counts table's key row; the tier-label column's key. */
export const COUNTS_KEY = 'tier_counts';
export const TIER_LABEL_KEY = 'tier_label';
/** Key-row cells of the previous layout's code columns in the counts table. */
export const METHOD_KEY = 'method';
export const TIER_KEY = 'tier';
/** First cell of each legend row: [tier_legend, method key, tier key, method label, tier label]. */
export const LEGEND_KEY = 'tier_legend';
/** First cell of the detail table's key row, and the name column's key. */
export const CUSTOMER_KEY = 'customer_id';
export const NAME_KEY = 'name';
/** Header cells of the first version's long layout (one row per customer per date). */
export const LEGACY_DATE = 'analysis_date';
export const LEGACY_CUSTOMER = 'customer_id';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Key of a detail column: the method and the analysis date it holds. */
export function detailKey(method: string, date: string): string {
  return `${method}@${date}`;
}

export function parseDetailKey(key: unknown): { method: string; date: string } | null {
  if (typeof key !== 'string') return null;
  const at = key.lastIndexOf('@');
  if (at <= 0) return null;
  const date = key.slice(at + 1);
  return ISO.test(date) ? { method: key.slice(0, at), date } : null;
}

type Grid = readonly (readonly unknown[])[];

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** Reads what the history sheet holds, in the current layout or the first version's long one. */
export function readHistory(values: Grid): History {
  const legacy = values.findIndex((r) => r[0] === LEGACY_DATE && r[1] === LEGACY_CUSTOMER);
  if (legacy >= 0) return { snapshots: readLegacy(values, legacy), older: [], names: new Map() };
  const { counts, legend } = readCounts(values);
  const { snapshots, names } = readDetail(values, legend);
  const detailed = new Set(snapshots.map((s) => s.date));
  return { snapshots, older: counts.filter((c) => !detailed.has(c.date)), names };
}

/** The snapshots kept in detail (what migration and movers compare), oldest first. */
export function historyFromGrid(values: Grid): Snapshot[] {
  return readHistory(values).snapshots;
}

/** label → tier key per method, from the counts table's rows (each row carries both). */
type Legend = Map<string, Map<string, string>>;

/** The legend rows: (method label, tier label) → keys, and per method label → tier key. */
function readLegend(values: Grid): { legend: Legend; byLabels: Map<string, [string, string]> } {
  const legend: Legend = new Map();
  const byLabels = new Map<string, [string, string]>();
  for (const row of values) {
    if (row[0] !== LEGEND_KEY) continue;
    const [method, tier, mLabel, tLabel] = [text(row[1]), text(row[2]), text(row[3]), text(row[4])];
    if (method === null || tier === null) continue;
    let words = legend.get(method);
    if (!words) legend.set(method, (words = new Map()));
    if (tLabel !== null) words.set(tLabel, tier);
    if (mLabel !== null && tLabel !== null) byLabels.set(`${mLabel}\u0000${tLabel}`, [method, tier]);
  }
  return { legend, byLabels };
}

/**
 * The counts table: a key row [tier_counts, tier_label, dates…], a header row, rows of method
 * and tier labels read through the legend; or, as the previous layout wrote it, a key row
 * [tier_counts, tier_label, dates…, method, tier] whose code columns carry the keys.
 */
function readCounts(values: Grid): { counts: TierCounts[]; legend: Legend } {
  const { legend, byLabels } = readLegend(values);
  const at = values.findIndex((r) => r[0] === COUNTS_KEY);
  if (at < 0) return { counts: [], legend };
  const keys = values[at];
  const mCol = keys.indexOf(METHOD_KEY);
  const tCol = keys.indexOf(TIER_KEY);
  const labelCol = keys.indexOf(TIER_LABEL_KEY);
  const coded = mCol > 0 && tCol > 0;
  if (!coded && !byLabels.size) return { counts: [], legend };
  const dateCols = keys.flatMap((k, c) => (typeof k === 'string' && ISO.test(k) ? [c] : []));
  const byDate = new Map<string, Map<string, Map<string, number>>>(dateCols.map((c) => [keys[c] as string, new Map()]));
  // The table ends at the first row it cannot place (the legend or blank row below it).
  for (let r = at + 2; r < values.length; r++) {
    const row = values[r];
    const label = labelCol > 0 ? text(row[labelCol]) : null;
    // A row whose labels the legend does not know (edited by hand) is skipped, not guessed.
    if (!coded && text(row[0]) !== null && !byLabels.has(`${text(row[0])}\u0000${label}`)) continue;
    const pair = coded ? [text(row[mCol]), text(row[tCol])] : (byLabels.get(`${text(row[0])}\u0000${label}`) ?? [null, null]);
    const [method, tier] = pair;
    if (method === null || tier === null) break;
    let words = legend.get(method);
    if (!words) legend.set(method, (words = new Map()));
    if (coded && label !== null) words.set(label, tier);
    for (const c of dateCols) {
      const n = row[c];
      if (typeof n !== 'number' || !(n > 0)) continue;
      const perMethod = byDate.get(keys[c] as string)!;
      let tiers = perMethod.get(method);
      if (!tiers) perMethod.set(method, (tiers = new Map()));
      tiers.set(tier, n);
    }
  }
  const counts = [...byDate].map(([date, c]) => ({ date, counts: c })).sort((a, b) => a.date.localeCompare(b.date));
  return { counts, legend };
}

/** The detail table: a key row [customer_id, name?, method@date…], a header row, one row per customer. */
function readDetail(values: Grid, legend: Legend): { snapshots: Snapshot[]; names: Map<string, string> } {
  const names = new Map<string, string>();
  const at = values.findIndex((r) => r[0] === CUSTOMER_KEY && r.some((k) => parseDetailKey(k) !== null));
  if (at < 0) return { snapshots: [], names };
  const keys = values[at];
  const nameCol = keys.indexOf(NAME_KEY);
  const byDate = new Map<string, { methods: string[]; cols: number[]; words: (Map<string, string> | undefined)[] }>();
  keys.forEach((k, c) => {
    const key = parseDetailKey(k);
    if (!key) return;
    let d = byDate.get(key.date);
    if (!d) byDate.set(key.date, (d = { methods: [], cols: [], words: [] }));
    d.methods.push(key.method);
    d.cols.push(c);
    d.words.push(legend.get(key.method));
  });
  const snapshots = [...byDate].map(([date, d]) => ({ date, methods: d.methods, rows: new Map<string, (string | null)[]>() }));
  const frames = [...byDate.values()];
  for (let r = at + 2; r < values.length; r++) {
    const row = values[r];
    const id = text(row[0]);
    if (id === null) continue;
    const name = nameCol > 0 ? text(row[nameCol]) : null;
    if (name !== null) names.set(id, name);
    frames.forEach((d, i) => {
      // A label maps back through the sheet's own legend; text it does not know is taken as
      // written (a tier typed by hand shows up as itself in the migration, never as another).
      const tiers = d.cols.map((c, j) => {
        const v = text(row[c]);
        return v === null ? null : (d.words[j]?.get(v) ?? v);
      });
      // A customer with no tier at a date was not in that snapshot.
      if (tiers.some((x) => x !== null)) snapshots[i].rows.set(id, tiers);
    });
  }
  return { snapshots: snapshots.sort((a, b) => a.date.localeCompare(b.date)), names };
}

/** The first version's long layout: one row per customer per date, tier keys in the cells. */
function readLegacy(values: Grid, h: number): Snapshot[] {
  const header = values[h];
  const methods: string[] = [];
  for (let c = 2; c < header.length; c++) {
    const k = header[c];
    if (typeof k === 'string' && k) methods.push(k);
    else break;
  }
  const byDate = new Map<string, Snapshot>();
  for (let r = h + 1; r < values.length; r++) {
    const row = values[r];
    const date = row[0];
    const id = text(row[1]);
    if (typeof date !== 'string' || !ISO.test(date) || id === null) continue;
    let snap = byDate.get(date);
    if (!snap) byDate.set(date, (snap = { date, methods, rows: new Map() }));
    snap.rows.set(
      id,
      methods.map((_, i) => text(row[i + 2])),
    );
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
