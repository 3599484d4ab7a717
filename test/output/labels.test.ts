// Every tier the engine emits has a label in both languages and a colour: derived from the
// engine's own outputs (all methods, every CLV tier count, customers without orders), not from
// source text. Plus the visible bug that made the registry necessary: a 中文 workbook's CLV
// tier column read "top, 高, middle, 低, bottom" and the palette keyed "mid" where the engine
// emits "middle".
import { defaultConfig } from '../../src/config';
import { classifyIngested } from '../../src/engine/classify';
import { TIER_VOCABULARY, isTierMethod, isVocabularyMethod, isVocabularyTier, type VocabularyMethod } from '../../src/engine/columns';
import type { ClassificationResult, OrderData } from '../../src/engine/types';
import { buildPlan, type CustomerSource } from '../../src/output/plan';
import type { PlanOp } from '../../src/output/ops';
import { actionHeader, columnHeader, fixedFill, isTierBlockHeader, methodLabel, tierFill, tierLabel } from '../../src/output/labels';
import { customerData, ingested } from '../engine/helpers';
import { loadCdnowSample } from '../engine/clv/cdnow';
import { isMarkerText, markerToken } from '../../src/output/registry';
import { t } from '../../src/i18n';

const CJK = /[\u4e00-\u9fff]/;
const TIER_CUTS = [[0.5], [0.2, 0.5], [0.1, 0.3, 0.6], [0.05, 0.2, 0.5, 0.8]];

/** CDNOW lines with made-up categories, channels, promotion flags and times (every habit tier and time band occurs). */
function withHabits(orders: OrderData): OrderData {
  const keyed = (n: number, f: (i: number) => number) => ({ codes: Int32Array.from({ length: orders.n }, (_, i) => f(i) % n), keys: Array.from({ length: n }, (_, k) => `k${k}`) });
  const cust = (i: number) => Number(orders.customer[i].replace(/\D/g, '')) || 0;
  orders.habits = {
    category: keyed(6, (i) => (cust(i) % 4 === 0 ? 0 : i * 7)),
    subcategory: null,
    product: null,
    channel: keyed(3, (i) => i),
    promoted: Uint8Array.from({ length: orders.n }, (_, i) => (cust(i) % 3 === 0 ? 1 : 0)),
    minute: Float64Array.from({ length: orders.n }, (_, i) => (i * 97) % 1440),
  };
  return orders;
}

function run(tierCuts: number[], locale: 'zh-CN' | 'en-US' = 'zh-CN'): ClassificationResult {
  const orders = withHabits(loadCdnowSample());
  const ids = [...new Set(orders.customer), 'never-bought-1', 'never-bought-2'];
  const config = defaultConfig({
    locale,
    analysisDate: '1997-09-30',
    methods: { clv: { enabled: true, tierCuts }, rules: [{ name: '价值', rules: [{ tier: '高', when: 'revenue > 100' }], otherwise: '低' }] },
  });
  return classifyIngested(ingested(orders, customerData(ids)), config);
}

const results = TIER_CUTS.map((c) => run(c));

/** Distinct values of every tier column over all runs, by method. */
function emitted(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of results)
    for (const c of r.customers.columnNames().filter(isTierMethod)) {
      const set = out.get(c) ?? new Set<string>();
      for (const v of Array.from(r.customers.array(c) as ArrayLike<unknown>)) if (typeof v === 'string') set.add(v);
      for (const s of r.summaries.filter((x) => x.method === c)) for (const t of s.tiers) set.add(t.tier);
      out.set(c, set);
    }
  return out;
}

describe('tier labels and colours, from what the engine emits', () => {
  const seen = emitted();

  it('runs every method with a fixed vocabulary, and CLV with 2 to 5 tiers', () => {
    for (const m of Object.keys(TIER_VOCABULARY)) expect([m, seen.has(m)]).toEqual([m, true]);
    expect(seen.get('clv_tier')).toEqual(new Set(TIER_VOCABULARY.clv_tier.tiers));
    expect(seen.get('activity')!.has('potential')).toBe(true);
  });

  it('labels every emitted tier in 中文 and English, and colours it from the palette', () => {
    for (const [method, tiers] of seen) {
      for (const tier of tiers) {
        const zh = tierLabel('zh-CN', method, tier);
        const en = tierLabel('en-US', method, tier);
        if (isVocabularyMethod(method)) {
          expect([method, tier, isVocabularyTier(method, tier)]).toEqual([method, tier, true]);
          expect([method, tier, CJK.test(zh)]).toEqual([method, tier, true]);
          expect([method, tier, /^tier\./.test(en) || en === '']).toEqual([method, tier, false]);
          expect([method, tier, fixedFill(method, tier)]).toEqual([method, tier, expect.stringMatching(/^#[0-9A-F]{6}$/)]);
        } else {
          // ABC labels and rule tiers are the user's own words, shown as written.
          expect([zh, en]).toEqual([tier, tier]);
        }
        expect(tierFill(method, tier, [...tiers])).toMatch(/^#[0-9A-F]{6}$/);
      }
      // Method names come from the catalogue (never the internal key), rule sets by their name.
      for (const L of ['zh-CN', 'en-US'] as const) expect([L, method, methodLabel(L, method, { rule_价值: '价值' }) === method]).toEqual([L, method, false]);
    }
  });

  it('gives the tiers of one method distinct labels and (where fixed) distinct colours', () => {
    for (const m of Object.keys(TIER_VOCABULARY) as VocabularyMethod[]) {
      const keys = TIER_VOCABULARY[m].tiers;
      for (const L of ['zh-CN', 'en-US'] as const) expect(new Set(keys.map((k) => tierLabel(L, m, k))).size).toBe(keys.length);
    }
    const clv = TIER_VOCABULARY.clv_tier.tiers.map((k) => fixedFill('clv_tier', k));
    expect(new Set(clv).size).toBe(clv.length);
  });
});

describe('no two tiers shown on one summary read the same', () => {
  // The summary shows a table per method of result.summaries; a manager must never see one
  // word (新客户, Lost) for two different groups of customers. The user's own words (ABC
  // classes, rule tiers) are theirs to choose, so only the fixed vocabularies are compared.
  it.each(['zh-CN', 'en-US'] as const)('in %s', (locale) => {
    const r = results[results.length - 1];
    const byLabel = new Map<string, string[]>();
    for (const s of r.summaries) {
      if (!isVocabularyMethod(s.method)) continue;
      for (const tier of TIER_VOCABULARY[s.method].tiers) {
        const label = tierLabel(locale, s.method, tier);
        byLabel.set(label, [...(byLabel.get(label) ?? []), `${s.method}.${tier}`]);
      }
    }
    expect(r.summaries.map((s) => s.method)).toEqual(expect.arrayContaining(['rfm_segment', 'activity', 'churn_risk', 'clv_tier']));
    const shared = [...byLabel].filter(([, tiers]) => tiers.length > 1);
    expect(shared).toEqual([]);
  });
});

describe('the CLV tier column of a 中文 workbook', () => {
  it('reads 最高价值 … 最低价值 with one palette colour per tier (was: top, 高, middle, 低, bottom)', () => {
    const result = results[3];
    const config = defaultConfig({ locale: 'zh-CN', methods: { clv: { enabled: true, tierCuts: TIER_CUTS[3] } } });
    const ids = result.customers.array('customer_id') as ArrayLike<unknown>;
    const src: CustomerSource = { sheet: '客户', row: 0, col: 0, values: [['客户ID'], ...Array.from(ids, (id) => [String(id)])] };
    const plan = buildPlan({ result, config, locale: 'zh-CN', registryId: 'clv01', previous: null, sheets: ['客户'], tables: [], customerSource: src });
    const block = plan.ops.find((o): o is Extract<PlanOp, { op: 'values' }> => o.op === 'values' && o.sheet === '客户' && o.col === 1)!;
    const header = block.values[0];
    const j = header.indexOf('CLV分级');
    expect(j).toBeGreaterThanOrEqual(0);
    const shown = new Set(block.values.slice(1).map((r) => r[j]).filter((v) => v !== null));
    expect(shown).toEqual(new Set(['最高价值', '高价值', '中等价值', '低价值', '最低价值']));
    const fills = plan.ops.filter((o): o is Extract<PlanOp, { op: 'format' }> => o.op === 'format' && o.sheet === '客户' && o.col === 1 + j && o.row > 0);
    const used = new Set(fills.map((f) => f.fill));
    expect(used).toEqual(new Set(TIER_VOCABULARY.clv_tier.tiers.map((k) => fixedFill('clv_tier', k))));
  });
});

describe('isTierBlockHeader: headers the add-in writes over its tier columns, and no others', () => {
  it('knows every tier-block header in both languages, rule columns included', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const c of ['abc', 'rfm_score', 'rfm_segment', 'activity', 'churn_risk', 'clv_tier']) expect([c, isTierBlockHeader(columnHeader(locale, c))]).toEqual([c, true]);
      expect(isTierBlockHeader(columnHeader(locale, 'rule_vip', { rule_vip: '电商分级' }))).toBe(true);
      for (const c of ['abc', 'rfm_segment', 'activity', 'churn_risk', 'clv_tier']) expect([c, isTierBlockHeader(actionHeader(locale, c))]).toEqual([c, true]);
      expect(isTierBlockHeader(actionHeader(locale, 'rule_vip', { rule_vip: '电商分级' }))).toBe(true);
    }
    // A user's own columns (a forged registry may name them), columns that are not tier columns,
    // and an action wording around a header that is not ours.
    const notOurs = ['负责人', '备注', '客户ID', 'Customer ID', '', null, 42, columnHeader('zh-CN', 'revenue'), actionHeader('zh-CN', 'revenue'), actionHeader('en-US', '备注'), '·建议行动', ': action'];
    for (const h of notOurs) expect([h, isTierBlockHeader(h)]).toEqual([h, false]);
  });
});

describe('isMarkerText: the whole marker as written, not a copied token', () => {
  it('accepts the marker in either language and refuses a cell that only contains the token', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) expect(isMarkerText(t(locale, 'out.marker', { date: '2024-06-30', marker: markerToken('abc123') }), 'abc123')).toBe(true);
    expect(isMarkerText(`${markerToken('abc123')} 不是标记`, 'abc123')).toBe(false);
    expect(isMarkerText(t('zh-CN', 'out.marker', { date: '2024-06-30', marker: markerToken('other') }), 'abc123')).toBe(false);
    expect(isMarkerText(t('en-US', 'out.marker', { date: 'yesterday', marker: markerToken('abc123') }), 'abc123')).toBe(false);
  });
});
