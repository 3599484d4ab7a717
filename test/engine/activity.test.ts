// Activity, frequency, spend tiers and the churn warning on hand-made purchase histories.
import { classifyIngested } from '../../src/engine/classify';
import { dayToIso, isoToDay } from '../../src/engine/calendar';
import { config, customerData, ingested, orderData, type OrderRow } from './helpers';

const ANALYSIS = '2024-06-30';
const A = isoToDay(ANALYSIS);

/** Orders of one customer on the given days before the analysis date. */
function history(id: string, daysAgo: number[], amount = 10): OrderRow[] {
  return daysAgo.map((d) => ({ id, date: dayToIso(A - d), amount }));
}

function every(step: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from; d >= to; d -= step) out.push(d);
  return out;
}

function run(rows: OrderRow[], extraCustomers: string[] = [], cfg: object = {}) {
  const ids = [...new Set(rows.map((r) => r.id)), ...extraCustomers];
  const res = classifyIngested(ingested(orderData(rows), customerData(ids)), config({ analysisDate: ANALYSIS, ...cfg }));
  const byId: Record<string, Record<string, unknown>> = {};
  for (const o of res.customers.objects() as Record<string, unknown>[]) byId[o.customer_id as string] = o;
  return { res, byId };
}

describe('activity (defaults: new 30, active 90, silent 180 days)', () => {
  test('new, active, silent, lost, potential with inclusive day thresholds', () => {
    const rows = [
      ...history('new', [20, 5]),
      ...history('active', [400, 90]),
      ...history('silent', [400, 91]),
      ...history('silent180', [400, 180]),
      ...history('lost', [400, 181]),
    ];
    const { byId, res } = run(rows, ['prospect']);
    expect(byId.new.activity).toBe('new');
    expect(byId.active.activity).toBe('active');
    expect(byId.silent.activity).toBe('silent');
    expect(byId.silent180.activity).toBe('silent');
    expect(byId.lost.activity).toBe('lost');
    expect(byId.prospect.activity).toBe('potential');
    expect(byId.prospect.churn_risk).toBeNull();
    expect(byId.prospect.abc).toBeNull();
    const summary = res.summaries.find((s) => s.method === 'activity')!;
    expect(summary.tiers.map((t) => [t.tier, t.customers])).toEqual([
      ['active', 1],
      ['new', 1],
      ['silent', 2],
      ['lost', 1],
      ['potential', 1],
    ]);
  });

  test('frequency tiers by purchase rate', () => {
    const rows = [
      ...history('daily', every(1, 59, 0)), // 60 orders over 60 days → 7 a week
      ...history('weekly', every(7, 119, 0)), // 1 a week → 4.3 a month
      ...history('quarterly', every(90, 360, 0)),
    ];
    const { byId } = run(rows);
    expect(byId.daily.frequency_tier).toBe('several_per_week');
    expect(byId.weekly.frequency_tier).toBe('few_per_month');
    expect(byId.quarterly.frequency_tier).toBe('monthly_or_less');
  });

  test('spend tiers by average order value against the population (80% / 30% quantiles)', () => {
    const rows: OrderRow[] = [];
    for (let k = 1; k <= 10; k++) rows.push(...history(`c${k}`, [10], k));
    const { byId, res } = run(rows);
    // type-7 quantiles of 1..10: 80% → 8.2, 30% → 3.7
    expect(res.cuts.activity!.spend).toMatchObject({ highAov: 8.2, lowAov: 3.7 });
    const tiers = Array.from({ length: 10 }, (_, k) => byId[`c${k + 1}`].spend_tier);
    expect(tiers).toEqual(['low', 'low', 'low', 'mid', 'mid', 'mid', 'mid', 'mid', 'high', 'high']);
  });

  test('churn warning: gap far above the usual gap, or a rate drop; unknown with little history', () => {
    const rows = [
      // every 10 days for a year, then nothing for 60 days: 60 > 2 × 10 → warning (gap)
      ...history('stopped', every(10, 420, 60)),
      // every 10 days until 5 days ago → ok
      ...history('steady', every(10, 365, 5)),
      // weekly for a year, then only twice in the last 90 days (and 5 days ago): rate 2/90 < 0.5 × 1/7
      ...history('slowing', [...every(7, 455, 91), 80, 5]),
      // once a year: no purchase in the last 90 days is not a drop (earlier rate × 90 < 1)
      ...history('yearly', [1095, 730, 365, 20]),
      // two purchase days → not enough history
      ...history('short', [100, 50]),
    ];
    const { byId } = run(rows);
    expect(byId.stopped.churn_risk).toBe('warning');
    expect(byId.steady.churn_risk).toBe('ok');
    expect(byId.slowing.churn_risk).toBe('warning');
    expect(byId.slowing.median_gap_days).toBe(7);
    expect(byId.yearly.churn_risk).toBe('ok');
    expect(byId.short.churn_risk).toBe('unknown');
  });

  test('thresholds come from the config', () => {
    const rows = history('x', [400, 100]);
    expect(run(rows).byId.x.activity).toBe('silent');
    expect(run(rows, [], { methods: { activity: { activeDays: 100, silentDays: 200 } } }).byId.x.activity).toBe('active');
  });
});
