// The history sheet written by the plan and read back by the refresh: real classifications of
// rsquaredacademy/rfm's orders at month ends, in both languages, sorted by a user, migrated from
// the first version's long layout, capped at N dates, re-run for the same date.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { classify } from '../../src/engine/classify';
import { textToGrid } from '../../src/engine/ingest';
import { defaultConfig, type TieringConfig } from '../../src/config';
import { boundHistory, countTiers, emptyHistory, readHistory, snapshotOf, upsertHistory, type History, type Snapshot } from '../../src/engine/history';
import type { ClassificationResult, SourceGrid } from '../../src/engine/types';
import { buildPlan } from '../../src/output/plan';
import { SheetBuilder } from '../../src/output/cells';
import { historyLimits, writeHistory } from '../../src/output/historySheet';
import { ruleNames, tierLabel } from '../../src/output/labels';
import type { Locale } from '../../src/i18n';
import { asPreviousLayout, gridOf, legacyGrid, sortTable, tablesOf, visibleGrid } from './historyGrids';

const DATA = path.resolve(__dirname, '../../../shared/data');
const MONTHS = ['2006-07-31', '2006-08-31', '2006-09-30', '2006-10-31', '2006-11-30', '2006-12-31'];

let orders: SourceGrid;
let config: TieringConfig;
const results = new Map<string, ClassificationResult>();
beforeAll(() => {
  orders = textToGrid(new Uint8Array(fs.readFileSync(path.join(DATA, 'rfm_rsquaredacademy_orders.csv'))), 'orders.csv');
  config = defaultConfig({
    locale: 'zh-CN',
    columns: { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'revenue' } },
    methods: { rules: [{ name: '大客户', rules: [{ tier: '重要', when: 'revenue > 1000' }, { tier: '一般', when: 'orders >= 3' }], otherwise: '其他' }] },
    output: { groupSheets: [], historySnapshots: 4 },
  });
  for (const d of MONTHS) results.set(d, classify({ orders }, { ...config, analysisDate: d }));
});

/** One refresh: the plan for `date` over the history as read back from the last sheet. */
function refresh(history: History, date: string, locale: Locale = 'zh-CN', cfg = config) {
  const result = date === 'rerun' ? classify({ orders }, cfg) : results.get(date)!;
  const plan = buildPlan({ result, config: cfg, locale, registryId: 'hist01', previous: null, sheets: [], tables: [], history });
  const sheet = plan.sheetNames.history;
  return { plan, sheet, grid: gridOf(plan.ops, sheet), tables: tablesOf(plan.ops, sheet) };
}

/** Refreshes month after month, each time reading the history back from the sheet written. */
function months(dates: readonly string[], locale: Locale = 'zh-CN', start: History = emptyHistory()) {
  let history = start;
  let last!: ReturnType<typeof refresh>;
  for (const d of dates) {
    last = refresh(history, d, locale);
    history = readHistory(last.grid);
  }
  return { ...last, history };
}

/** A history as comparable data: per date, per method, customer → tier (method order aside). */
function plain(h: History) {
  const snaps = h.snapshots.map((s) => ({ date: s.date, byMethod: Object.fromEntries(s.methods.map((m, i) => [m, Object.fromEntries([...s.rows].map(([id, t]) => [id, t[i]]))])) }));
  const older = h.older.map((c) => ({ date: c.date, counts: Object.fromEntries([...c.counts].map(([m, k]) => [m, Object.fromEntries(k)])) }));
  return { snaps, older };
}

describe('history sheet', () => {
  it('keeps one row per customer, the last N dates in detail and older dates as counts, and reads back exactly', () => {
    const run = months(MONTHS);
    expect(plain(run.history)).toEqual(plain(run.plan.history));
    expect(run.history.snapshots.map((s) => s.date)).toEqual(MONTHS.slice(-4));
    expect(run.history.older.map((c) => c.date)).toEqual(MONTHS.slice(0, 2));
    // What was kept of the summarised months is what those months' classifications counted.
    expect(plain({ ...emptyHistory(), older: run.history.older })).toEqual(plain({ ...emptyHistory(), older: MONTHS.slice(0, 2).map((d) => countTiers(snapshotOf(results.get(d)!))) }));
    const detail = run.tables.find((tb) => tb.name === 'CT_History')!;
    const inDetail = new Set(MONTHS.slice(-4).flatMap((d) => Array.from(results.get(d)!.customers.array('customer_id') as ArrayLike<unknown>, String)));
    expect(detail.rows - 1).toBe(inDetail.size);
    // 4 dates × (ABC, RFM segment, activity, churn risk, the rule set) + the id: N caps the width.
    expect(detail.cols).toBe(1 + 4 * 5);
  });

  it('shows labels and headers in the user language, and reads back the same in the other language', () => {
    const zh = months(MONTHS.slice(0, 3), 'zh-CN');
    const header = zh.grid[tablesOf(zh.plan.ops, zh.sheet).find((tb) => tb.name === 'CT_History')!.row];
    expect(header.slice(0, 3)).toEqual(['客户ID', 'ABC分类 2006-09-30', 'ABC分类 2006-08-31']);
    expect(header).toContain('规则：大客户 2006-07-31');
    const shown = new Set(visibleGrid(zh.plan.ops, zh.sheet).flat());
    expect(shown.has(tierLabel('zh-CN', 'rfm_segment', 'Champions'))).toBe(true);
    // Keys only in hidden rows (the key rows and the legend), never in a cell a person sees.
    expect(new Set(zh.grid.flat()).has('Champions')).toBe(true);
    for (const key of ['Champions', 'Lost', 'active', 'silent', 'potential', 'warning', 'unknown', 'abc', 'rfm_segment', 'activity', 'churn_risk', 'customer_id', 'tier_counts', `abc@${MONTHS[2]}`]) expect([key, shown.has(key)]).toEqual([key, false]);
    const en = refresh(zh.history, MONTHS[3], 'en-US');
    const back = readHistory(en.grid);
    const expected = boundHistory(upsertHistory(zh.history, snapshotOf(results.get(MONTHS[3])!)), historyLimits(zh.history, config));
    expect(plain(back)).toEqual(plain(expected));
    expect(en.grid.flat()).toContain('ABC class 2006-10-31');
  });

  it('reads back the same after the user sorted both tables', () => {
    const run = months(MONTHS.slice(0, 4));
    let grid = run.grid;
    for (const tb of run.tables) {
      // Sort descending by the second column (a tier label or a tier name): rows move, keys stay.
      grid = sortTable(grid, tb, (a, b) => String(b[1] ?? '').localeCompare(String(a[1] ?? '')) || String(b[0]).localeCompare(String(a[0])));
    }
    expect(grid).not.toEqual(run.grid);
    expect(plain(readHistory(grid))).toEqual(plain(run.history));
  });

  it('migrates the first version\u2019s long layout: read as it was, written back bounded', () => {
    const old = MONTHS.slice(0, 5).map((d) => snapshotOf(results.get(d)!));
    const legacy = legacyGrid(old);
    const read = readHistory(legacy);
    expect(plain(read)).toEqual(plain({ snapshots: old, older: [], names: new Map() }));
    const next = refresh(read, MONTHS[5]);
    const back = readHistory(next.grid);
    expect(back.snapshots.map((s) => s.date)).toEqual(MONTHS.slice(2));
    expect(back.older.map((c) => c.date)).toEqual(MONTHS.slice(0, 2));
    expect(plain({ ...back, snapshots: back.snapshots.slice(0, 3) })).toEqual(plain({ snapshots: old.slice(2), older: old.slice(0, 2).map(countTiers), names: new Map() }));
    // The summary still compares with the latest old snapshot.
    const summary = gridOf(next.plan.ops, next.plan.sheetNames.summary).flat();
    expect(summary.some((v) => typeof v === 'string' && v.includes(MONTHS[4]))).toBe(true);
  });

  it('reads back a history the previous layout wrote (grey key rows, code columns), and writes it in the new one', () => {
    const run = months(MONTHS.slice(0, 5));
    const previous = asPreviousLayout(run.grid);
    expect(previous.some((r) => r[0] === 'tier_legend')).toBe(false);
    expect(plain(readHistory(previous))).toEqual(plain(run.history));
    const next = refresh(readHistory(previous), MONTHS[5]);
    expect(next.grid.some((r) => r[0] === 'tier_legend')).toBe(true);
    expect(plain(readHistory(next.grid))).toEqual(plain(refresh(run.history, MONTHS[5]).plan.history));
  });

  it('a re-run of the same date replaces that date: one column per method, the new tiers', () => {
    const run = months(MONTHS.slice(0, 2));
    const cfg = { ...config, analysisDate: MONTHS[1], methods: { ...config.methods, abc: { ...config.methods.abc!, cuts: [0.5, 0.9] } } };
    const again = refresh(run.history, 'rerun', 'zh-CN', cfg);
    const back = readHistory(again.grid);
    expect(back.snapshots.map((s) => s.date)).toEqual(MONTHS.slice(0, 2));
    const keys = again.grid.find((r) => r[0] === 'customer_id')!;
    expect(keys.filter((k) => k === `abc@${MONTHS[1]}`)).toHaveLength(1);
    const rerun = snapshotOf(classify({ orders }, cfg));
    expect(plain({ ...back, snapshots: [back.snapshots[1]], older: [] })).toEqual(plain({ snapshots: [rerun], older: [], names: new Map() }));
  });

  it('never shows a key for a method whose labels would clash (a custom segment named like a default one): the later label gets a suffix', () => {
    const clash = '重要价值客户'; // the zh label of Champions, used by a user as a segment name
    const s: Snapshot = { date: '2024-01-31', methods: ['rfm_segment'], rows: new Map([['a', ['Champions']], ['b', [clash]], ['c', [null]], ['d', ['Lost']]]) };
    const h = boundHistory(upsertHistory(emptyHistory(), s), historyLimits(upsertHistory(emptyHistory(), s), config));
    const b = new SheetBuilder('H');
    b.row = 3;
    writeHistory(b, { history: h, config, locale: 'zh-CN', rules: ruleNames(config), names: new Map(), tableName: (w) => w });
    const grid = gridOf(b.ops, 'H');
    const [a, bb] = [grid.find((r) => r[0] === 'a')![1], grid.find((r) => r[0] === 'b')![1]];
    expect(new Set([a, bb])).toEqual(new Set([clash, `${clash} (2)`]));
    const back = readHistory(grid);
    expect(plain(back)).toEqual(plain({ snapshots: [{ ...s, rows: new Map([...s.rows].filter(([id]) => id !== 'c')) }], older: [], names: new Map() }));
  });

  it('property: any history (user text for ABC and rule tiers, default and custom segments) reads back exactly after any sort', () => {
    const tier = fc.constantFrom('A', 'B', 'C', '重要价值客户', 'Champions', 'Lost', 'Loyal Customers', '=1+1', ' x ', '1', 'Need Attention');
    const methods = ['abc', 'rfm_segment', 'activity', 'rule_x'];
    const activity = fc.constantFrom('active', 'silent', 'lost', 'potential', 'new');
    const row = fc.tuple(fc.option(tier), fc.option(tier), fc.option(activity), fc.option(tier));
    const snapshot = fc.record({ day: fc.integer({ min: 0, max: 2000 }), rows: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() === s && s !== ''), row, { maxKeys: 12 }) });
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom<Locale>('zh-CN', 'en-US'), fc.integer(), (snaps, n, locale, seed) => {
        const cfg = { ...config, output: { ...config.output, historySnapshots: n } };
        let h = emptyHistory();
        for (const x of snaps) {
          const date = new Date(Date.UTC(2020, 0, 1 + x.day)).toISOString().slice(0, 10);
          const rows = new Map(Object.entries(x.rows).filter(([, t]) => t.some((v) => v !== null)) as [string, (string | null)[]][]);
          const s: Snapshot = { date, methods, rows };
          const merged = upsertHistory(h, s);
          h = boundHistory(merged, historyLimits(merged, cfg));
        }
        const b = new SheetBuilder('H');
        b.row = 3;
        writeHistory(b, { history: h, config: cfg, locale, rules: ruleNames(cfg), names: new Map(), tableName: (w) => w });
        let grid = gridOf(b.ops, 'H');
        for (const tb of tablesOf(b.ops, 'H')) grid = sortTable(grid, tb, (p, q) => ((String(p[0]).length * 31 + seed) % 7) - ((String(q[0]).length * 31 + seed) % 7));
        const back = readHistory(grid);
        expect(h.snapshots.length).toBeLessThanOrEqual(n);
        const nonEmpty = (x: History) => ({ ...x, older: x.older.filter((c) => c.counts.size) });
        expect(plain(nonEmpty(back))).toEqual(plain(nonEmpty(h)));
      }),
      { numRuns: 150 },
    );
  });
});
