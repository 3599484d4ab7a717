// Tier history: snapshots of (analysis date, customer, tiers) and what changed between two
// of them. "Down" needs an order per method; it is written out here, explicitly.
import type { TieringConfig } from '../config/schema';
import { ruleColumnName } from './methods/rules';
import { TIER_VOCABULARY, isRuleColumn, isVocabularyMethod, outputColumns } from './columns';
import type { ClassificationResult } from './types';

export interface Snapshot {
  /** ISO analysis date, YYYY-MM-DD. */
  date: string;
  /** Method keys stored in this snapshot, e.g. ["abc", "rfm_segment", "activity"]. */
  methods: string[];
  /** customer id → tier key per method (same order as `methods`; null when none). */
  rows: Map<string, (string | null)[]>;
}

/**
 * What happened to one method's tiers between two snapshots, for every customer classified in
 * either: a from × to matrix over every tier present in either run, plus a "new this period" row
 * (a class now, none before: new buyers, or customers not in the earlier data) and a "no longer
 * classified" column (a class before, none now). Read across, a tier's row (with its gone cell)
 * adds up to its customers before; read down, its column (with its new cell) to its customers
 * now; the tiers' rows add up to `before`, the columns to `after` (test/engine/migration.test.ts).
 */
export interface Migration {
  method: string;
  from: string;
  to: string;
  /** Tier keys of the rows (before) and columns (now): both every tier of either run, in the method's order. */
  fromTiers: string[];
  toTiers: string[];
  /** counts[i][j]: customers in fromTiers[i] before and toTiers[j] now. */
  counts: number[][];
  /** newRow[j]: customers in toTiers[j] now with no class before ("new this period"). */
  newRow: number[];
  /** goneCol[i]: customers in fromTiers[i] before with no class now ("no longer classified"). */
  goneCol: number[];
  /** Customers with a class now but none before (the sum of newRow), and the reverse (of goneCol). */
  entered: number;
  left: number;
  /** Customers with a class in the earlier and in this run. */
  before: number;
  after: number;
}

export interface Mover {
  customer: string;
  method: string;
  from: string;
  to: string;
}

/**
 * Rank of each tier key (smaller = better) per method; tiers missing from the map are not
 * ranked, so moves to or from them never count as "down" (e.g. potential, unknown, Others).
 * ABC and rule tiers rank in their configured order.
 */
export function tierRanks(method: string, config?: TieringConfig): Map<string, number> {
  const ranks = (groups: readonly (readonly string[])[]) => {
    const m = new Map<string, number>();
    groups.forEach((g, i) => g.forEach((k) => m.set(k, i)));
    return m;
  };
  if (isVocabularyMethod(method)) return ranks(TIER_VOCABULARY[method].ranks);
  if (method === 'abc') {
    const labels = config?.methods.abc?.labels ?? 'ABCDEFGHIJ'.split('');
    return ranks(labels.map((l) => [l]));
  }
  if (isRuleColumn(method) && config) {
    const set = config.methods.rules.find((r) => ruleColumnName(r.name) === method);
    if (set) {
      const order: string[] = [];
      for (const r of set.rules) if (!order.includes(r.tier)) order.push(r.tier);
      if (!order.includes(set.otherwise)) order.push(set.otherwise);
      return ranks(order.map((k) => [k]));
    }
  }
  return new Map();
}

/** This run's snapshot: the tier key of every customer for each method kept in history. */
export function snapshotOf(result: Pick<ClassificationResult, 'analysisDate' | 'customers'>): Snapshot {
  const table = result.customers;
  const methods = outputColumns('history', table.columnNames());
  const ids = table.array('customer_id') as ArrayLike<unknown>;
  const cols = methods.map((m) => table.array(m) as ArrayLike<unknown>);
  const rows = new Map<string, (string | null)[]>();
  for (let i = 0; i < ids.length; i++) {
    rows.set(String(ids[i]), cols.map((c) => (c[i] === null || c[i] === undefined || c[i] === '' ? null : String(c[i]))));
  }
  return { date: result.analysisDate, methods, rows };
}

/**
 * Orders tier keys: ranked ones by rank, unranked ones after; ties by `display` order (e.g.
 * the summary's tier order) when given, then as first seen.
 */
export function orderTiers(keys: Iterable<string>, ranks: Map<string, number>, display: readonly string[] = []): string[] {
  const seen = [...new Set(keys)];
  const pos = (k: string) => {
    const i = display.indexOf(k);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  return seen
    .map((k, i) => ({ k, i, r: ranks.get(k) ?? Number.POSITIVE_INFINITY, d: pos(k) }))
    .sort((a, b) => a.r - b.r || a.d - b.d || a.i - b.i)
    .map((x) => x.k);
}

/** Adds `next` to the list, replacing a snapshot of the same date; sorted by date. */
export function upsertSnapshot(history: readonly Snapshot[], next: Snapshot): Snapshot[] {
  return [...history.filter((s) => s.date !== next.date), next].sort((a, b) => a.date.localeCompare(b.date));
}

/** The latest snapshot strictly before `date`, if any. */
export function previousSnapshot(history: readonly Snapshot[], date: string): Snapshot | null {
  let best: Snapshot | null = null;
  for (const s of history) if (s.date < date && (!best || s.date > best.date)) best = s;
  return best;
}

/** The tier of each customer with one in the snapshot for `method` (none when the method is absent). */
function tiersOf(s: Snapshot, method: string): Map<string, string> {
  const i = s.methods.indexOf(method);
  const out = new Map<string, string>();
  if (i < 0) return out;
  for (const [id, tiers] of s.rows) if (tiers[i] != null) out.set(id, tiers[i] as string);
  return out;
}

/**
 * Migration of one method between two snapshots over every customer classified in either (see
 * Migration). Rows and columns share one tier order, so unchanged customers sit on the diagonal.
 * Null when neither snapshot has the method.
 */
export function migration(prev: Snapshot, now: Snapshot, method: string, config?: TieringConfig, display: readonly string[] = []): Migration | null {
  if (!prev.methods.includes(method) && !now.methods.includes(method)) return null;
  const before = tiersOf(prev, method);
  const after = tiersOf(now, method);
  const tiers = orderTiers([...before.values(), ...after.values()], tierRanks(method, config), display);
  const at = new Map(tiers.map((k, i) => [k, i]));
  const counts = tiers.map(() => tiers.map(() => 0));
  const newRow = tiers.map(() => 0);
  const goneCol = tiers.map(() => 0);
  for (const [id, a] of before) {
    const b = after.get(id);
    if (b === undefined) goneCol[at.get(a)!]++;
    else counts[at.get(a)!][at.get(b)!]++;
  }
  for (const [id, b] of after) if (!before.has(id)) newRow[at.get(b)!]++;
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  return {
    method,
    from: prev.date,
    to: now.date,
    fromTiers: tiers,
    toTiers: [...tiers],
    counts,
    newRow,
    goneCol,
    entered: sum(newRow),
    left: sum(goneCol),
    before: before.size,
    after: after.size,
  };
}

/** One customer whose tiers changed: every move, and what the customer is worth (value at stake). */
export interface CustomerMoves {
  customer: string;
  /** Every method whose tier changed, in the methods' order; `dir` by tierRanks (0 = unranked). */
  moves: { method: string; from: string | null; to: string | null; dir: -1 | 0 | 1 }[];
  /** The customer's value in this run (revenue by default), 0 when unknown. */
  value: number;
}

/**
 * Customers who moved down in at least one method (by tierRanks), one entry each with all their
 * moves, most valuable first (ties by id). A customer new or gone is not "down".
 */
export function customerMovesDown(prev: Snapshot, now: Snapshot, methods: readonly string[], value: ReadonlyMap<string, number>, config?: TieringConfig): CustomerMoves[] {
  const pos = methods.map((m) => [prev.methods.indexOf(m), now.methods.indexOf(m)] as const);
  const ranks = methods.map((m) => tierRanks(m, config));
  const out: CustomerMoves[] = [];
  for (const [id, nowTiers] of now.rows) {
    const was = prev.rows.get(id);
    if (!was) continue;
    const moves: CustomerMoves['moves'] = [];
    methods.forEach((method, k) => {
      const [pi, ni] = pos[k];
      if (pi < 0 || ni < 0) return;
      const a = was[pi] ?? null;
      const b = nowTiers[ni] ?? null;
      if (a === b) return;
      const ra = a === null ? undefined : ranks[k].get(a);
      const rb = b === null ? undefined : ranks[k].get(b);
      const dir = ra === undefined || rb === undefined ? 0 : rb > ra ? -1 : rb < ra ? 1 : 0;
      moves.push({ method, from: a, to: b, dir });
    });
    if (moves.some((m) => m.dir === -1)) out.push({ customer: id, moves, value: value.get(id) ?? 0 });
  }
  return out.sort((x, y) => y.value - x.value || (x.customer < y.customer ? -1 : x.customer > y.customer ? 1 : 0));
}

/** Customers whose tier got worse (by tierRanks) between two snapshots, per method, in id order. */
export function moversDown(prev: Snapshot, now: Snapshot, methods: readonly string[], config?: TieringConfig): Mover[] {
  const out: Mover[] = [];
  for (const method of methods) {
    const pi = prev.methods.indexOf(method);
    const ni = now.methods.indexOf(method);
    if (pi < 0 || ni < 0) continue;
    const ranks = tierRanks(method, config);
    for (const [id, nowTiers] of now.rows) {
      const before = prev.rows.get(id);
      if (!before) continue;
      const a = before[pi];
      const b = nowTiers[ni];
      if (a == null || b == null) continue;
      const ra = ranks.get(a);
      const rb = ranks.get(b);
      if (ra !== undefined && rb !== undefined && rb > ra) out.push({ customer: id, method, from: a, to: b });
    }
  }
  return out.sort((x, y) => (x.customer < y.customer ? -1 : x.customer > y.customer ? 1 : 0) || methods.indexOf(x.method) - methods.indexOf(y.method));
}

/** Customers per tier of each method at one analysis date: what is kept of a snapshot once it
 *  leaves the detail, so the trend over years stays visible in a few rows. */
export interface TierCounts {
  date: string;
  /** method → tier key → customers (only counts above 0; a method with none is left out). */
  counts: Map<string, Map<string, number>>;
}

/** The history a workbook keeps: recent snapshots in detail, older dates as counts. */
export interface History {
  /** Snapshots kept per customer, oldest first. */
  snapshots: Snapshot[];
  /** Dates before them, summarised, oldest first; never a date of `snapshots`. */
  older: TierCounts[];
  /** Customer names last written (id → name), for customers who are no longer in the data. */
  names: Map<string, string>;
}

export function emptyHistory(): History {
  return { snapshots: [], older: [], names: new Map() };
}

// Counts per snapshot, computed once: a refresh counts every kept snapshot to size and write the
// sheet, and 24 snapshots of 100,000 customers are worth not counting twice. Snapshots are
// built whole by snapshotOf and the sheet reader and never changed afterwards.
const counted = new WeakMap<Snapshot, TierCounts>();

/** Customers per tier per method in a snapshot (customers without a tier are not counted). */
export function countTiers(s: Snapshot): TierCounts {
  let c = counted.get(s);
  if (!c) counted.set(s, (c = tally(s)));
  return c;
}

function tally(s: Snapshot): TierCounts {
  const counts = new Map<string, Map<string, number>>();
  s.methods.forEach((m, i) => {
    const byTier = new Map<string, number>();
    for (const tiers of s.rows.values()) {
      const k = tiers[i];
      if (k != null) byTier.set(k, (byTier.get(k) ?? 0) + 1);
    }
    if (byTier.size) counts.set(m, byTier);
  });
  return { date: s.date, counts };
}

/** Adds this run's snapshot; a re-run of a date replaces that date, in detail and in counts. */
export function upsertHistory(h: History, next: Snapshot): History {
  return { ...h, snapshots: upsertSnapshot(h.snapshots, next), older: h.older.filter((c) => c.date !== next.date) };
}

/** How much history a sheet can hold. */
export interface HistoryLimits {
  /** Snapshots kept in detail at most (the config's output.historySnapshots). */
  snapshots: number;
  /** Distinct customers the detail may list (rows left on the sheet). */
  customers: number;
  /** Analysis dates in all, detail and counts (columns left for the counts table). */
  dates: number;
}

/**
 * The newest snapshots that fit in detail (at most `snapshots` of them, listing at most
 * `customers` distinct customers); every older one is summarised as counts, and the oldest
 * counts beyond `dates` are dropped. So the sheet's size depends on the customers and the
 * limits, never on how many months the workbook has been refreshed.
 */
export function boundHistory(h: History, limits: HistoryLimits): History {
  const newestFirst = [...h.snapshots].sort((a, b) => b.date.localeCompare(a.date));
  const ids = new Set<string>();
  let kept = 0;
  for (const s of newestFirst) {
    if (kept >= limits.snapshots) break;
    const added: string[] = [];
    for (const id of s.rows.keys()) if (!ids.has(id)) added.push(id);
    // The newest snapshot is always kept: it is this run, and it fits (the tier block does).
    if (kept > 0 && ids.size + added.length > limits.customers) break;
    for (const id of added) ids.add(id);
    kept++;
  }
  const snapshots = newestFirst.slice(0, kept).reverse();
  const summarised = newestFirst.slice(kept).map(countTiers);
  const older = [...h.older, ...summarised].sort((a, b) => a.date.localeCompare(b.date));
  const room = Math.max(0, limits.dates - snapshots.length);
  return { ...h, snapshots, older: older.slice(Math.max(0, older.length - room)) };
}

/** Counts of every date the history holds, detail and summarised alike, oldest first. */
export function allCounts(h: History): TierCounts[] {
  return [...h.older, ...h.snapshots.map(countTiers)].sort((a, b) => a.date.localeCompare(b.date));
}

export { historyFromGrid, readHistory } from './historyGrid';
