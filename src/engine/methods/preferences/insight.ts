// Category insight per tier: the top categories by spend of each tier of a method (ABC class,
// RFM segment), a category × tier share table for the heat map, and the "next category to
// offer" per customer from co-purchase counts among peers.
import type { Dimension } from './kernel';

export interface TopCategory {
  category: string;
  /** Spend in the tier on this category (money units). */
  spend: number;
  /** Share of the tier's spend with a known category. */
  share: number;
}

export interface TierCategories {
  tier: string;
  customers: number;
  top: TopCategory[];
}

/** Spend per category summed over each tier's customers, most first (ties: name order). */
export function topCategoriesByTier(cat: Dimension, tiers: readonly (string | null)[], order: readonly string[], k: number): TierCategories[] {
  const spend = spendByTier(cat, tiers, order);
  return order.map((tier, t) => {
    const row = spend.cents[t];
    const total = row.reduce((a, x) => a + x, 0);
    const codes = rankedCodes(row, cat.rank).slice(0, k).filter((j) => row[j] > 0);
    return { tier, customers: spend.customers[t], top: codes.map((j) => ({ category: cat.keys[j], spend: row[j] / 100, share: total > 0 ? row[j] / total : 0 })) };
  });
}

/** The heat map: the `k` categories with most spend overall (rows) × tiers (columns), share of the tier's spend. */
export function categoryTierShares(cat: Dimension, tiers: readonly (string | null)[], order: readonly string[], k: number): { categories: string[]; tiers: string[]; share: number[][] } {
  const spend = spendByTier(cat, tiers, order);
  const overall = new Float64Array(cat.keys.length);
  const totals = spend.cents.map((row) => row.reduce((a, x) => a + x, 0));
  for (const row of spend.cents) row.forEach((x, j) => (overall[j] += x));
  const codes = rankedCodes(overall, cat.rank).slice(0, k).filter((j) => overall[j] > 0);
  return {
    categories: codes.map((j) => cat.keys[j]),
    tiers: [...order],
    share: codes.map((j) => spend.cents.map((row, t) => (totals[t] > 0 ? row[j] / totals[t] : 0))),
  };
}

function spendByTier(cat: Dimension, tiers: readonly (string | null)[], order: readonly string[]): { cents: number[][]; customers: number[] } {
  const index = new Map(order.map((t, i) => [t, i]));
  const cents = order.map(() => new Array<number>(cat.keys.length).fill(0));
  const customers = order.map(() => 0);
  const { offsets, codes, cents: entry } = cat.entries;
  for (let c = 0; c < tiers.length; c++) {
    const t = tiers[c] === null ? undefined : index.get(tiers[c]!);
    if (t === undefined) continue;
    customers[t]++;
    for (let e = offsets[c]; e < offsets[c + 1]; e++) cents[t][codes[e]] += entry[e];
  }
  return { cents, customers };
}

/** Codes by value descending, ties by name rank. */
function rankedCodes(values: ArrayLike<number>, rank: Int32Array): number[] {
  return Array.from({ length: values.length }, (_, j) => j).sort((a, b) => values[b] - values[a] || rank[a] - rank[b]);
}

export interface NextCategory {
  /** Category code per customer, −1 when none. */
  code: Int32Array;
  /** Share of the peer group that bought the suggested category. */
  support: Float64Array;
  /** Size of each customer's peer group (0 when the customer has no dominant category). */
  peers: Int32Array;
}

/**
 * Next category to offer. A customer's peers are the customers of the same tier (e.g. ABC
 * class; everyone when `tiers` is null) with the same dominant category, the customer included.
 * Among the categories bought by at least `support` of those peers (and only when there are
 * at least `minPeers` of them), the suggestion is the one bought by most peers that the customer
 * never bought; equal counts → the category with more spend overall, then name order.
 */
export function nextCategory(cat: Dimension, tiers: readonly (string | null)[] | null, support: number, minPeers: number): NextCategory {
  const n = cat.dominant.length;
  const nk = cat.keys.length;
  const out: NextCategory = { code: new Int32Array(n).fill(-1), support: new Float64Array(n).fill(NaN), peers: new Int32Array(n) };
  const groups = peerGroups(cat, tiers);
  const { offsets, codes } = cat.entries;
  const overallRank = overallOrder(cat);
  const mark = new Int32Array(nk);
  const bought = new Int32Array(nk);
  for (const members of groups.values()) {
    for (const c of members) out.peers[c] = members.length;
    if (members.length < minPeers) continue;
    // Work proportional to the group's own lines: many groups × many categories stays cheap.
    const touched: number[] = [];
    for (const c of members) for (let e = offsets[c]; e < offsets[c + 1]; e++) if (bought[codes[e]]++ === 0) touched.push(codes[e]);
    const need = Math.ceil(support * members.length - 1e-9);
    const candidates = touched.filter((j) => bought[j] >= need).sort((a, b) => bought[b] - bought[a] || overallRank[a] - overallRank[b]);
    const counts = candidates.map((j) => bought[j]);
    for (const j of touched) bought[j] = 0;
    if (!candidates.length) continue;
    for (const c of members) {
      // mark[j] === c + 1: customer c bought category j (a stamp, not a set per customer)
      for (let e = offsets[c]; e < offsets[c + 1]; e++) mark[codes[e]] = c + 1;
      const pick = candidates.find((j) => mark[j] !== c + 1);
      if (pick === undefined) continue;
      out.code[c] = pick;
      out.support[c] = counts[candidates.indexOf(pick)] / members.length;
    }
  }
  return out;
}

/** Customers by (tier, dominant category), in customer order. */
function peerGroups(cat: Dimension, tiers: readonly (string | null)[] | null): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let c = 0; c < cat.dominant.length; c++) {
    const d = cat.dominant[c];
    if (d < 0) continue;
    const key = `${tiers ? (tiers[c] ?? '\u0000') : ''}\u0001${d}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(c);
  }
  return groups;
}

/** Rank of each category by overall spend (most first), ties by name. */
function overallOrder(cat: Dimension): Int32Array {
  const total = new Float64Array(cat.keys.length);
  const { codes, cents } = cat.entries;
  for (let e = 0; e < codes.length; e++) total[codes[e]] += cents[e];
  const order = rankedCodes(total, cat.rank);
  const out = new Int32Array(order.length);
  order.forEach((j, i) => (out[j] = i));
  return out;
}
