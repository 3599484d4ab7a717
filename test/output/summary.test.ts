// The summary a manager reads: the first screen holds the dashboard and a chart; every written
// cell of a 中文 workbook is in the user's words (no engine keys); the movers are counted in
// customers and sorted by value; the playbook comes from the config; campaign lists are
// formula-guarded.
import { classify } from '../../src/engine/classify';
import { defaultConfig, parseConfig, type TieringConfig } from '../../src/config';
import type { ClassificationResult, SourceGrid } from '../../src/engine/types';
import { buildPlan, snapshotOf, type PlanInput } from '../../src/output/plan';
import type { CellValue, PlanOp } from '../../src/output/ops';
import { demoConfig, generateDemo } from '../../src/cli/demoData';
import { FIRST_CHART } from '../../src/output/summary';
import { RFM_SEGMENTS, TIER_VOCABULARY } from '../../src/engine/columns';
import { campaignCsv, campaignRows, contactColumns, guardFormula, parseTierSelection } from '../../src/output/campaign';
import { playFor } from '../../src/output/playbook';
import { ruleSenseProblems } from '../../src/output/sense';

const data = generateDemo({ customers: 400, seed: 7 });
const grid = (name: string, values: unknown[][]): SourceGrid => ({ name, values: values as SourceGrid['values'] });
const customers = grid('客户', [['客户ID', '客户名称', '地区', '行业', '规模', '手机', '邮箱', '负责人'], ...data.customers.map((c, i) => [c.id, i === 0 ? '=HYPERLINK("http://x")' : c.name, c.region, c.industry, c.size, `+86 138${String(i).padStart(8, '0')}`, `c${i}@example.com`, i % 2 ? '王伟' : '@李娜'])]);
const orders = grid('订单', data.orders as unknown[][]);

function run(locale: 'zh-CN' | 'en-US', over: Partial<TieringConfig> = {}): { config: TieringConfig; now: ClassificationResult; before: ClassificationResult } {
  const config = { ...demoConfig(locale), analysisDate: undefined, ...over };
  const before = classify({ orders, customers }, { ...config, analysisDate: '2024-06-30' });
  return { config, now: classify({ orders, customers }, config), before };
}

function plan(locale: 'zh-CN' | 'en-US', r = run(locale)) {
  const input: PlanInput = { result: r.now, config: r.config, locale, registryId: 'sum01', previous: null, sheets: ['客户', '订单'], tables: [], history: { snapshots: [snapshotOf(r.before)], older: [], names: new Map() } };
  return buildPlan(input);
}

/** Every text the plan writes into a cell, with where. */
function writtenTexts(ops: PlanOp[]): { sheet: string; row: number; col: number; text: string }[] {
  const out: { sheet: string; row: number; col: number; text: string }[] = [];
  for (const o of ops) {
    if (o.op === 'values') o.values.forEach((r, i) => r.forEach((v, j) => typeof v === 'string' && out.push({ sheet: o.sheet, row: o.row + i, col: o.col + j, text: v })));
    if (o.op === 'link') out.push({ sheet: o.sheet, row: o.row, col: o.col, text: o.text });
    if (o.op === 'addTableColumns') [o.headers, ...o.values].forEach((r) => r.forEach((v) => typeof v === 'string' && out.push({ sheet: o.table, row: -1, col: -1, text: v })));
  }
  return out;
}

let zh: ReturnType<typeof plan>;
let zhRun: ReturnType<typeof run>;
beforeAll(() => {
  zhRun = run('zh-CN');
  zh = plan('zh-CN', zhRun);
});

describe('the summary sheet', () => {
  it('holds the dashboard and a chart on its first screen (rows 1–30, columns A–H)', () => {
    const s = zh.sheetNames.summary;
    const firstScreen = writtenTexts(zh.ops).filter((c) => c.sheet === s && c.row < 30 && c.col < 8).map((c) => c.text);
    expect(firstScreen).toEqual(expect.arrayContaining(['概览（变化与 2024-06-30 相比）', '分析日期', '客户总数', '有订单的客户', '销售额', '新购买客户', '级别上升（ABC）', '级别下降（ABC）', '流失预警']));
    const charts = zh.ops.filter((o): o is Extract<PlanOp, { op: 'addChart' }> => o.op === 'addChart' && o.sheet === s);
    const onScreen = charts.filter((c) => c.chart.anchor.row < 30 && c.chart.anchor.col + c.chart.anchor.cols <= 8);
    expect(onScreen.map((c) => c.chart.name)).toContain('ct_pareto');
    expect(onScreen[0].chart.anchor).toEqual(FIRST_CHART);
    // Every chart has axis titles and sits within columns A–H.
    for (const c of charts) {
      expect(c.chart.axisTitles?.x).toBeTruthy();
      expect(c.chart.anchor.col + c.chart.anchor.cols).toBeLessThanOrEqual(8);
    }
  });

  it('writes no engine key or config key in any cell a person reads in a 中文 workbook: every sheet, the tier block with its action columns, the history', () => {
    const keys = new Set<string>([
      ...Object.values(TIER_VOCABULARY).flatMap((v) => [...v.tiers]).filter((k) => k.length > 1),
      ...RFM_SEGMENTS,
      'rfm_segment', 'churn_risk', 'frequency_tier', 'spend_tier', 'customer_id', 'basis', 'monetaryBasis', 'perWeek', 'perMonth',
      'highQuantile', 'lowQuantile', 'intervals', 'classes', 'gapRatio', 'rateDrop', 'windowDays', 'customer-share', 'value-share',
      'region', 'industry', 'size', 'dimensions', 'detectDimensions', 'tier_counts', 'tier_label', 'tier_legend', 'abc_action', 'activity_action',
    ]);
    const withBlock = (locale: 'zh-CN' | 'en-US', r = run(locale)) =>
      buildPlan({ result: r.now, config: r.config, locale, registryId: 'sum01', previous: null, sheets: ['客户', '订单'], tables: [], history: { snapshots: [snapshotOf(r.before)], older: [], names: new Map() }, customerSource: { sheet: '客户', row: 0, col: 0, values: customers.values as CellValue[][] } });
    const leaksIn = (p: ReturnType<typeof plan>) => {
      // Hidden rows hold the keys a refresh reads back by (the history sheet's key rows and legend).
      const hidden = new Set(p.ops.flatMap((o) => (o.op === 'hideRows' ? Array.from({ length: o.rows }, (_, i) => `${o.sheet}|${o.row + i}`) : [])));
      const leaks: string[] = [];
      const seen = new Set<string>();
      for (const c of writtenTexts(p.ops)) {
        if (hidden.has(`${c.sheet}|${c.row}`)) continue;
        if (c.row === 1 && c.col === 0 && c.sheet !== '客户') continue; // marker row: product name and id
        seen.add(c.sheet);
        for (const k of keys) if (new RegExp(`(^|[^A-Za-z_])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z_])`).test(c.text)) leaks.push(`${c.sheet}!R${c.row + 1}C${c.col + 1}: ${k} in "${c.text}"`);
      }
      return { leaks, seen };
    };
    const zhBlock = withBlock('zh-CN', zhRun);
    const { leaks, seen } = leaksIn(zhBlock);
    expect(leaks).toEqual([]);
    // Every sheet written was scanned: the summary, every group sheet, the issues and history sheets, and the tier block.
    expect([...seen].sort()).toEqual([...new Set([...Object.values(zhBlock.sheetNames), '客户'])].sort());
    expect(zhBlock.sheetNames.history).toBeTruthy();
    const block = zhBlock.registry.columns.find((c) => c.sheet === '客户')!;
    expect(block.headers).toEqual(expect.arrayContaining(['ABC分类·建议行动', '活跃度·建议行动']));
    // The scan does find keys where they are the words shown: an English workbook names Champions.
    expect(leaksIn(withBlock('en-US')).leaks.some((x) => x.includes('Champions'))).toBe(true);
  });

  it('counts the migration in customers: new row and gone column, totals equal both runs', () => {
    const s = zh.sheetNames.summary;
    const cells = new Map<string, unknown>();
    for (const o of zh.ops) if (o.op === 'values' && o.sheet === s) o.values.forEach((r, i) => r.forEach((v, j) => cells.set(`${o.row + i},${o.col + j}`, v)));
    const titleRow = [...cells].find(([, v]) => typeof v === 'string' && v.startsWith('ABC：自 2024-06-30'))![0].split(',').map(Number)[0];
    const header = titleRow + 2;
    const row = (r: number) => Array.from({ length: 7 }, (_, j) => cells.get(`${r},${j}`));
    expect(row(header)).toEqual(['之前 \\ 现在', 'A', 'B', 'C', '不再分级', '合计', undefined]);
    const total = row(header + 5);
    expect(total[0]).toBe('合计');
    // Independent counts: customers with an ABC class in each run.
    const count = (r: ClassificationResult, k: string) => (r.customers.array('abc') as unknown[]).filter((x) => x === k).length;
    expect(total.slice(1, 4)).toEqual(['A', 'B', 'C'].map((k) => count(zhRun.now, k)));
    const classified = (r: ClassificationResult) => (r.customers.array('abc') as unknown[]).filter((x) => x != null).length;
    expect(row(header + 4)[0]).toBe('本期新增');
    expect((row(header + 1)[5] as number) + (row(header + 2)[5] as number) + (row(header + 3)[5] as number)).toBe(classified(zhRun.before));
    expect((total[1] as number) + (total[2] as number) + (total[3] as number)).toBe(classified(zhRun.now));
  });

  it('lists each customer who moved down once, most revenue first', () => {
    const s = zh.sheetNames.summary;
    const texts = writtenTexts(zh.ops).filter((c) => c.sheet === s);
    const title = texts.find((c) => c.text.startsWith('自 2024-06-30 以来级别下降的客户'))!;
    // Title, the count in customers, the header, then the rows.
    const v = zh.ops.find((o): o is Extract<PlanOp, { op: 'values' }> => o.op === 'values' && o.sheet === s && o.row === title.row + 3 && o.col === 0)!;
    const ids = v.values.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(texts.find((c) => c.row === title.row + 1)?.text).toBe(`共 ${ids.length} 位客户至少在一种方法中级别下降。`);
    const values = v.values.map((r) => r[1] as number);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(ids.length).toBeGreaterThan(0);
  });

  it('takes the playbook from the config, and shows the action on the summary and the group sheets', () => {
    const parsed = parseConfig({ ...demoConfig('zh-CN'), playbook: { abc: { A: { action: '总经理亲自拜访' } } } });
    if (!parsed.ok) throw new Error('config');
    const p = plan('zh-CN', { ...zhRun, config: parsed.config });
    const texts = writtenTexts(p.ops).map((c) => c.text);
    expect(texts).toContain('总经理亲自拜访');
    expect(texts).toContain('应对措施：总经理亲自拜访（大客户经理 · 电话/面访）');
    expect(playFor('en-US', 'activity', 'silent')?.action).toMatch(/Win-back/);
    expect(playFor('zh-CN', 'abc', 'C', parsed.config)?.action).toMatch(/邮件/);
  });
});

describe('campaign lists', () => {
  it('exports the chosen tiers with contacts found by header, formula-guarded', () => {
    const sel = parseTierSelection('abc=A,activity=沉默', zhRun.now);
    if (!sel.ok) throw new Error(sel.key);
    const list = campaignRows({ result: zhRun.now, selection: sel.selection, locale: 'zh-CN', config: zhRun.config, customers });
    expect(list.headers.slice(0, 5)).toEqual(['客户ID', '客户名称', '电话', '邮箱', '负责人']);
    const abc = zhRun.now.customers.array('abc') as unknown[];
    const act = zhRun.now.customers.array('activity') as unknown[];
    expect(list.rows).toHaveLength(abc.filter((x, i) => x === 'A' || act[i] === 'silent').length);
    const csv = campaignCsv(list);
    expect(csv).not.toMatch(/(^|,)[=+@-][^,]*/m); // nothing a spreadsheet would run
    expect(csv).toContain("'+86 138");
    expect(csv).toContain("'@李娜");
    expect(guardFormula('-12.5')).toBe('-12.5');
    expect(guardFormula('=1+1')).toBe("'=1+1");
    expect(guardFormula('\tx')).toBe("'\tx");
    expect(guardFormula(-3)).toBe(-3);
    expect(contactColumns(['Customer', 'Mobile', 'E-mail', 'Account manager'])).toEqual({ phone: 1, email: 2, owner: 3 });
    const bad = parseTierSelection('abc=Z', zhRun.now);
    expect(bad.ok || bad.key).toBe('mg.export.unknownTier');
  });
});

describe('rule sets against ABC', () => {
  it('warns when a rule set puts much of ABC-A in its lowest tier, and not for the demo rule set', () => {
    const strict = defaultConfig({ ...demoConfig('zh-CN'), methods: { ...demoConfig('zh-CN').methods, rules: [{ name: '严格', rules: [{ tier: 'A', when: 'monthly_spend > 100000' }], otherwise: 'C' }] } });
    const r = classify({ orders, customers }, strict);
    const problems = ruleSenseProblems(r, strict);
    expect(problems.map((p) => [p.name, p.lowest])).toEqual([['严格', 'C']]);
    expect(ruleSenseProblems(zhRun.now, zhRun.config)).toEqual([]);
  });
});
