// The history stays within Excel's grid for years of monthly refreshes at 100,000 customers:
// the sheet's size depends on the customers and N, not on how many months have passed.
import { defaultConfig, MAX_HISTORY_SNAPSHOTS, MAX_RULE_SETS, DEFAULT_HISTORY_SNAPSHOTS } from '../../src/config';
import { RESULT_COLUMNS, TIER_VOCABULARY, outputColumns } from '../../src/engine/columns';
import { boundHistory, emptyHistory, upsertHistory, type History, type Snapshot } from '../../src/engine/history';
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS, SheetBuilder } from '../../src/output/cells';
import { historyLimits, writeHistory } from '../../src/output/historySheet';
import { ruleNames } from '../../src/output/labels';
import type { PlanOp } from '../../src/output/ops';

const config = defaultConfig({ locale: 'zh-CN' });
const METHODS = ['abc', 'rfm_segment', 'activity', 'churn_risk', 'clv_tier'];

/** Month ends from January 2022, as ISO dates. */
const monthEnd = (i: number) => new Date(Date.UTC(2022, i + 1, 0)).toISOString().slice(0, 10);

/** Customer ids, made once: a workbook's ids are the same strings month after month. */
const ids: string[] = [];
const idOf = (i: number) => (ids[i] ??= `C${String(i).padStart(7, '0')}`);

/** A snapshot of `count` customers from `first` on; tier rows shared, as real tiers repeat. */
function snapshot(date: string, first: number, count: number, month: number): Snapshot {
  const v = TIER_VOCABULARY;
  const combos = Array.from({ length: 60 }, (_, k) => [['A', 'B', 'C'][k % 3], v.rfm_segment.tiers[(k + month) % 11], v.activity.tiers[k % 5], v.churn_risk.tiers[k % 3], v.clv_tier.tiers[(k + month) % 5]]);
  const rows = new Map<string, (string | null)[]>();
  for (let i = first; i < first + count; i++) rows.set(idOf(i), combos[(i * 7 + month) % 60]);
  return { date, methods: METHODS, rows };
}

/** Rows and columns the ops reach on a sheet. */
function extent(ops: readonly PlanOp[]): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const o of ops) {
    if (o.op === 'values') {
      rows = Math.max(rows, o.row + o.values.length);
      cols = Math.max(cols, o.col + Math.max(...o.values.slice(0, 1).map((r) => r.length)));
    } else if (o.op === 'addTable' || o.op === 'format') {
      rows = Math.max(rows, o.row + o.rows);
      cols = Math.max(cols, o.col + o.cols);
    }
  }
  return { rows, cols };
}

function refreshMonths(months: number, snap: (m: number) => Snapshot, cfg = config): History {
  let h = emptyHistory();
  for (let m = 0; m < months; m++) {
    const merged = upsertHistory(h, snap(m));
    h = boundHistory(merged, historyLimits(merged, cfg));
  }
  return h;
}

describe('history limits', () => {
  it('the largest N keeps the widest detail (every history method, every rule set) within 16,384 columns', () => {
    const fixed = outputColumns('history', Object.keys(RESULT_COLUMNS)).length;
    const widest = 1 + 1 + MAX_HISTORY_SNAPSHOTS * (fixed + MAX_RULE_SETS);
    expect(widest).toBeLessThanOrEqual(EXCEL_MAX_COLS);
    expect(widest + fixed + MAX_RULE_SETS).toBeGreaterThan(EXCEL_MAX_COLS);
    expect(DEFAULT_HISTORY_SNAPSHOTS).toBeLessThanOrEqual(MAX_HISTORY_SNAPSHOTS);
  });

  it('100,000 customers × 36 monthly refreshes: 24 dates in detail, 12 as counts, within 1,048,576 rows and 16,384 columns', () => {
    // The customer base grows from 65,000 to 100,000 over three years; nobody leaves the data.
    const h = refreshMonths(36, (m) => snapshot(monthEnd(m), 0, 65_000 + m * 1_000, m));
    expect(h.snapshots.map((s) => s.date)).toEqual(Array.from({ length: 24 }, (_, m) => monthEnd(m + 12)));
    expect(h.older.map((c) => c.date)).toEqual(Array.from({ length: 12 }, (_, m) => monthEnd(m)));
    const b = new SheetBuilder('分级历史');
    b.row = 3;
    writeHistory(b, { history: h, config, locale: 'zh-CN', rules: ruleNames(config), names: new Map(), tableName: (w) => w });
    const size = extent(b.ops);
    // title, marker, blank, note; trend: note, keys, header, one row per method and tier, a
    // legend row per method and tier, blank; detail: note, keys, header, one row per customer.
    const trendRows = 3 + 11 + 5 + 3 + 5;
    expect(size.rows).toBe(4 + 3 + 2 * trendRows + 1 + 3 + 100_000);
    expect(size.cols).toBe(1 + 24 * METHODS.length);
    expect(size.rows).toBeLessThanOrEqual(EXCEL_MAX_ROWS);
    expect(size.cols).toBeLessThanOrEqual(EXCEL_MAX_COLS);
  });

  it('when every month brings 100,000 new customers, fewer dates stay in detail so the rows still fit', () => {
    const h = refreshMonths(12, (m) => snapshot(monthEnd(m), m * 100_000, 100_000, m));
    const customers = new Set(h.snapshots.flatMap((s) => [...s.rows.keys()])).size;
    expect(h.snapshots.length).toBe(10);
    expect(customers).toBeLessThanOrEqual(historyLimits(h, config).customers);
    expect(h.older.map((c) => c.date)).toEqual([monthEnd(0), monthEnd(1)]);
  });
});
