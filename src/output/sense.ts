// Does a rule set make business sense next to ABC? A rule set that puts much of the top ABC
// class (over a quarter of its revenue, or 40 % of its customers) in its own lowest tier is almost certainly mis-set (thresholds too high, or
// the wrong unit): the run says so, in the summary and on the command line.
import type { TieringConfig } from '../config/schema';
import { isRuleColumn } from '../engine/columns';
import { tierRanks } from '../engine/history';
import type { ClassificationResult } from '../engine/types';
import { t, type Locale } from '../i18n';
import { plainNumber } from './cutText';
import { ruleNames } from './labels';

export interface RuleSenseProblem {
  /** The rule set's result column and name. */
  column: string;
  name: string;
  /** Its lowest tier, the top ABC class, and the top-class customers and revenue found there. */
  lowest: string;
  top: string;
  customers: number;
  topCustomers: number;
  revenue: number;
  topRevenue: number;
}

/** Over this share of the top class's revenue, or of its customers, in a rule set's lowest tier is a warning. */
export const SENSE_REVENUE_SHARE = 0.25;
export const SENSE_CUSTOMER_SHARE = 0.4;

/** Rule sets whose lowest tier holds a large part of the top ABC class (its revenue or its customers). */
export function ruleSenseProblems(result: Pick<ClassificationResult, 'customers' | 'summaries'>, config: TieringConfig): RuleSenseProblem[] {
  const tbl = result.customers;
  const abcSummary = result.summaries.find((s) => s.method === 'abc');
  if (!abcSummary || !abcSummary.tiers.length) return [];
  const top = abcSummary.tiers[0].tier;
  const abc = tbl.array('abc') as ArrayLike<unknown>;
  const rev = tbl.array('revenue') as ArrayLike<unknown>;
  const names = ruleNames(config);
  const out: RuleSenseProblem[] = [];
  for (const column of tbl.columnNames().filter(isRuleColumn)) {
    const ranks = tierRanks(column, config);
    if (ranks.size < 2) continue;
    const lowest = [...ranks].sort((a, b) => b[1] - a[1])[0][0];
    const tiers = tbl.array(column) as ArrayLike<unknown>;
    let customers = 0;
    let topCustomers = 0;
    let revenue = 0;
    let topRevenue = 0;
    for (let i = 0; i < abc.length; i++) {
      if (abc[i] !== top) continue;
      const v = typeof rev[i] === 'number' ? (rev[i] as number) : 0;
      topCustomers++;
      topRevenue += v;
      if (tiers[i] === lowest) {
        customers++;
        revenue += v;
      }
    }
    if (topRevenue > 0 && (revenue > topRevenue * SENSE_REVENUE_SHARE || customers > topCustomers * SENSE_CUSTOMER_SHARE)) out.push({ column, name: names[column as `rule_${string}`] ?? column, lowest, top, customers, topCustomers, revenue, topRevenue });
  }
  return out;
}

export function ruleSenseText(locale: Locale, p: RuleSenseProblem): string {
  return t(locale, 'mg.warn.rulesTopInLowest', { name: p.name, n: plainNumber(p.customers), top: plainNumber(p.topCustomers), a: p.top, revenue: plainNumber(Math.round(p.revenue * 100) / 100), tier: p.lowest });
}
