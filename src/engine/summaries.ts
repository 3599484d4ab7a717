// Per-method tier summaries: customers, share, revenue, share of revenue, orders, AOV.
import type { MethodSummary, TierSummary } from './types';

/**
 * Summarises one tier column. `order` lists the tiers best first; tiers met in the data but not
 * listed are appended in sorted order. Customers with a null tier are not counted.
 * Tiers of `order` that nobody received are kept (with zeros) so layouts stay stable.
 */
export function summarise(
  method: string,
  column: string,
  tiers: (string | null)[],
  order: readonly string[],
  revenue: ArrayLike<number>,
  orders: ArrayLike<number>,
): MethodSummary {
  const index = new Map<string, number>();
  const names: string[] = [];
  for (const t of order) if (!index.has(t)) index.set(t, names.push(t) - 1);
  // Tiers met in the data but not listed: found by the counting pass itself (tier strings are
  // shared constants, so this is rare), appended in sorted order, then counted again.
  let counts = countTiers(tiers, names, index, revenue, orders);
  if (counts.extra.size > 0) {
    for (const t of [...counts.extra].sort()) index.set(t, names.push(t) - 1);
    counts = countTiers(tiers, names, index, revenue, orders);
  }
  const { cust, rev, ord, totalCust, totalRev } = counts;
  const out: TierSummary[] = names.map((tier, k) => ({
    tier,
    customers: cust[k],
    share: totalCust > 0 ? cust[k] / totalCust : 0,
    revenue: rev[k],
    revenueShare: totalRev !== 0 ? rev[k] / totalRev : 0,
    orders: ord[k],
    avgOrderValue: ord[k] > 0 ? rev[k] / ord[k] : null,
  }));
  return { method, column, tiers: out };
}

function countTiers(tiers: (string | null)[], names: string[], index: Map<string, number>, revenue: ArrayLike<number>, orders: ArrayLike<number>) {
  const cust = new Float64Array(names.length);
  const rev = new Float64Array(names.length);
  const ord = new Float64Array(names.length);
  const extra = new Set<string>();
  let totalCust = 0;
  let totalRev = 0;
  // Few tiers: a linear scan with === (tier strings are shared constants) beats hashing.
  const few = names.length <= 16;
  const nNames = names.length;
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i];
    if (t === null) continue;
    let k = 0;
    if (few) {
      while (k < nNames && names[k] !== t) k++;
    } else k = index.get(t) ?? nNames;
    if (k === nNames) {
      extra.add(t);
      continue;
    }
    cust[k]++;
    rev[k] += revenue[i];
    ord[k] += orders[i];
    totalCust++;
    totalRev += revenue[i];
  }
  return { cust, rev, ord, totalCust, totalRev, extra };
}
