import { historyFromGrid, historyToGrid, migration, moversDown, previousSnapshot, tierRanks, upsertSnapshot, type Snapshot } from '../../src/engine/history';
import { defaultConfig } from '../../src/config';

const snap = (date: string, rows: Record<string, (string | null)[]>, methods = ['abc', 'rfm_segment', 'activity']): Snapshot => ({ date, methods, rows: new Map(Object.entries(rows)) });

const jan = snap('2024-01-31', {
  c1: ['A', 'Champions', 'active'],
  c2: ['A', 'Loyal Customers', 'active'],
  c3: ['B', 'Potential Loyalist', 'silent'],
  c4: ['C', 'Lost', 'lost'],
  c5: ['B', 'Others', 'active'],
});
const feb = snap('2024-02-29', {
  c1: ['B', 'At Risk', 'silent'], // down in all three
  c2: ['A', 'Champions', 'active'], // same rank everywhere
  c3: ['A', 'Promising', 'active'], // up
  c5: ['C', 'Lost', 'potential'], // ABC down; Others → Lost unranked; potential unranked
  c6: ['C', 'New Customers', 'new'], // new customer
});

describe('history', () => {
  it('counts migrations from tier to tier for customers present in both snapshots', () => {
    const m = migration(jan, feb, 'abc')!;
    expect(m.fromTiers).toEqual(['A', 'B']);
    expect(m.toTiers).toEqual(['A', 'B', 'C']);
    expect(m.counts).toEqual([
      [1, 1, 0],
      [1, 0, 1],
    ]);
    expect(m.entered).toBe(1); // c6
    expect(m.left).toBe(1); // c4
    const total = m.counts.flat().reduce((a, x) => a + x, 0);
    expect(total).toBe(4);
  });

  it('orders rows and columns alike (ranks, then the display order), so the unchanged sit on the diagonal', () => {
    const display = ['Loyal Customers', 'Champions', 'Promising', 'Potential Loyalist', 'At Risk', 'Lost', 'Others'];
    const m = migration(jan, feb, 'rfm_segment', undefined, display)!;
    expect(m.fromTiers).toEqual(['Loyal Customers', 'Champions', 'Potential Loyalist', 'Others']);
    expect(m.toTiers).toEqual(['Champions', 'Promising', 'At Risk', 'Lost']);
    // c2 Loyal → Champions, c1 Champions → At Risk, c3 Potential Loyalist → Promising, c5 Others → Lost.
    expect(m.counts).toEqual([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('lists movers down with an explicit order per method, ignoring unranked tiers', () => {
    const movers = moversDown(jan, feb, ['abc', 'rfm_segment', 'activity']);
    expect(movers).toEqual([
      { customer: 'c1', method: 'abc', from: 'A', to: 'B' },
      { customer: 'c1', method: 'rfm_segment', from: 'Champions', to: 'At Risk' },
      { customer: 'c1', method: 'activity', from: 'active', to: 'silent' },
      { customer: 'c5', method: 'abc', from: 'B', to: 'C' },
    ]);
  });

  it('ranks rule tiers in rule order with the fallback last, and ABC by its labels', () => {
    const config = defaultConfig({ methods: { abc: { cuts: [0.1, 0.5], labels: ['金', '银', '铜'] }, rules: [{ name: '电商 分级', rules: [{ tier: 'VIP', when: 'orders > 10' }, { tier: '普通', when: 'orders > 1' }], otherwise: '低频' }] } });
    expect([...tierRanks('rule_电商_分级', config)]).toEqual([
      ['VIP', 0],
      ['普通', 1],
      ['低频', 2],
    ]);
    expect(tierRanks('abc', config).get('铜')).toBe(2);
  });

  it('keeps one snapshot per date and finds the previous one', () => {
    const again = snap('2024-02-29', { c1: ['A', 'Champions', 'active'] });
    const h = upsertSnapshot(upsertSnapshot([feb], jan), again);
    expect(h.map((s) => s.date)).toEqual(['2024-01-31', '2024-02-29']);
    expect(h[1].rows.size).toBe(1);
    expect(previousSnapshot(h, '2024-02-29')?.date).toBe('2024-01-31');
    expect(previousSnapshot(h, '2024-01-31')).toBeNull();
  });

  it('round-trips through the history grid and skips rows that do not look like snapshot rows', () => {
    const grid = historyToGrid([jan, feb]);
    expect(grid[0]).toEqual(['analysis_date', 'customer_id', 'abc', 'rfm_segment', 'activity']);
    const damaged: unknown[][] = [['title'], ['marker'], [], ...grid, ['not a date', 'c9', 'A'], ['2024-03-01', '', 'A']];
    const back = historyFromGrid(damaged);
    expect(back.map((s) => [s.date, [...s.rows.entries()]])).toEqual([jan, feb].map((s) => [s.date, [...s.rows.entries()]]));
  });
});
