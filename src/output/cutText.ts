// The cut points and thresholds a run used, in plain words with units ("活跃：最近 90 天内有购买"),
// one line per tier: what a manager reads instead of config keys (basis, classes[1], perWeek).
import type { ClassificationResult } from '../engine/types';
import { t, type Locale } from '../i18n';
import { tierLabel } from './labels';

/** A number as people read it: thousands separators, at most 2 decimals. */
export function plainNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const pct = (x: number) => plainNumber(Math.round(x * 1000) / 10);
const list = (xs: readonly number[]) => xs.map(plainNumber).join(' / ');

/** [method key, tier key or '', sentence] rows, in the methods' order. */
export function cutSentences(L: Locale, result: Pick<ClassificationResult, 'cuts'>): [string, string, string][] {
  return [...abcLines(L, result), ...rfmLines(L, result), ...activityLines(L, result)];
}

function abcLines(L: Locale, { cuts }: Pick<ClassificationResult, 'cuts'>): [string, string, string][] {
  const abc = cuts.abc;
  if (!abc) return [];
  const basis = t(L, `mg.basis.${abc.basis}` as 'mg.basis.revenue');
  const bounds = [0, ...abc.cuts, 1];
  return abc.classes.map((c, i) => {
    const tier = tierLabel(L, 'abc', c.label);
    if (!c.customers) return ['abc', c.label, t(L, 'mg.cut.abc.empty', { tier })];
    const key = abc.mode === 'value-share' ? 'mg.cut.abc.value' : 'mg.cut.abc.share';
    return ['abc', c.label, t(L, key, { tier, basis, from: pct(bounds[i]), to: pct(bounds[i + 1]), customers: plainNumber(c.customers), min: plainNumber(c.min), max: plainNumber(c.max) })];
  });
}

function rfmLines(L: Locale, { cuts }: Pick<ClassificationResult, 'cuts'>): [string, string, string][] {
  const rfm = cuts.rfm;
  if (!rfm) return [];
  const basis = t(L, rfm.monetaryBasis === 'profit' ? 'mg.basis.profit' : 'mg.basis.revenue');
  const range = (x: readonly number[] | undefined) => (x ? (x[0] === x[1] ? String(x[0]) : `${x[0]}–${x[1]}`) : '—');
  const out: [string, string, string][] = [
    ['rfm_segment', '', t(L, 'mg.cut.rfm.scoring', { bins: rfm.bins, scoring: rfm.scoring, best: t(L, rfm.best === 'low' ? 'mg.cut.rfm.best.low' : 'mg.cut.rfm.best.high') })],
    ['rfm_segment', '', t(L, 'mg.cut.rfm.r', { cuts: list(rfm.recency) })],
    ['rfm_segment', '', t(L, 'mg.cut.rfm.f', { cuts: list(rfm.frequency) })],
    ['rfm_segment', '', t(L, 'mg.cut.rfm.m', { cuts: list(rfm.monetary), basis })],
  ];
  for (const s of rfm.segments) {
    out.push(['rfm_segment', s.name, t(L, 'mg.cut.rfm.segment', { segment: tierLabel(L, 'rfm_segment', s.name), r: range(s.r), f: range(s.f), m: range(s.m) })]);
  }
  return out;
}

function activityLines(L: Locale, { cuts }: Pick<ClassificationResult, 'cuts'>): [string, string, string][] {
  const a = cuts.activity;
  if (!a) return [];
  const tier = (m: string, k: string) => tierLabel(L, m, k);
  const spendHighPct = pct(1 - a.spend.highQuantile);
  return [
    ['activity', 'new', t(L, 'mg.cut.activity.new', { tier: tier('activity', 'new'), days: a.newDays })],
    ['activity', 'active', t(L, 'mg.cut.activity.active', { tier: tier('activity', 'active'), days: a.activeDays })],
    ['activity', 'silent', t(L, 'mg.cut.activity.silent', { tier: tier('activity', 'silent'), from: a.activeDays, to: a.silentDays })],
    ['activity', 'lost', t(L, 'mg.cut.activity.lost', { tier: tier('activity', 'lost'), days: a.silentDays })],
    ['activity', 'potential', t(L, 'mg.cut.activity.potential', { tier: tier('activity', 'potential') })],
    ['frequency_tier', 'several_per_week', t(L, 'mg.cut.freq.week', { tier: tier('frequency_tier', 'several_per_week'), n: a.frequency.perWeek })],
    ['frequency_tier', 'few_per_month', t(L, 'mg.cut.freq.month', { tier: tier('frequency_tier', 'few_per_month'), n: a.frequency.perMonth })],
    ['frequency_tier', 'monthly_or_less', t(L, 'mg.cut.freq.rest', { tier: tier('frequency_tier', 'monthly_or_less') })],
    ['spend_tier', 'high', t(L, 'mg.cut.spend.high', { tier: tier('spend_tier', 'high'), aov: plainNumber(a.spend.highAov), pct: spendHighPct })],
    ['spend_tier', 'mid', t(L, 'mg.cut.spend.mid', { tier: tier('spend_tier', 'mid'), low: plainNumber(a.spend.lowAov), high: plainNumber(a.spend.highAov) })],
    ['spend_tier', 'low', t(L, 'mg.cut.spend.low', { tier: tier('spend_tier', 'low'), aov: plainNumber(a.spend.lowAov), pct: pct(a.spend.lowQuantile) })],
    ['churn_risk', 'warning', t(L, 'mg.cut.churn', { tier: tier('churn_risk', 'warning'), ratio: a.churn.gapRatio, days: a.churn.windowDays, drop: pct(a.churn.rateDrop), min: a.churn.minOrders })],
  ];
}
