import { boundHistory, countTiers, emptyHistory, migration, moversDown, previousSnapshot, tierRanks, upsertHistory, upsertSnapshot, type Snapshot } from '../../src/engine/history';
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
  it('counts migrations from tier to tier, with new customers in a row and gone ones in a column', () => {
    const m = migration(jan, feb, 'abc')!;
    // Every tier of either run on both axes: C was in January (c4) and is in February (c5, c6).
    expect(m.fromTiers).toEqual(['A', 'B', 'C']);
    expect(m.toTiers).toEqual(['A', 'B', 'C']);
    expect(m.counts).toEqual([
      [1, 1, 0], // c2 A→A, c1 A→B
      [1, 0, 1], // c3 B→A, c5 B→C
      [0, 0, 0], // c4 C → gone
    ]);
    expect(m.newRow).toEqual([0, 0, 1]); // c6 new in C
    expect(m.goneCol).toEqual([0, 0, 1]); // c4
    expect(m.entered).toBe(1);
    expect(m.left).toBe(1);
    expect([m.before, m.after]).toEqual([5, 5]);
  });

  it('orders rows and columns alike (ranks, then the display order), so the unchanged sit on the diagonal', () => {
    const display = ['Loyal Customers', 'Champions', 'Promising', 'Potential Loyalist', 'At Risk', 'Lost', 'Others'];
    const m = migration(jan, feb, 'rfm_segment', undefined, display)!;
    const tiers = ['Loyal Customers', 'Champions', 'Promising', 'Potential Loyalist', 'New Customers', 'At Risk', 'Lost', 'Others'];
    expect(m.fromTiers).toEqual(tiers);
    expect(m.toTiers).toEqual(tiers);
    // c2 Loyal → Champions, c1 Champions → At Risk, c3 Potential Loyalist → Promising, c5 Others → Lost,
    // c4 Lost → gone, c6 new → New Customers.
    const cell = (a: string, b: string) => m.counts[tiers.indexOf(a)][tiers.indexOf(b)];
    expect([cell('Loyal Customers', 'Champions'), cell('Champions', 'At Risk'), cell('Potential Loyalist', 'Promising'), cell('Others', 'Lost')]).toEqual([1, 1, 1, 1]);
    expect(m.counts.flat().reduce((a, x) => a + x, 0)).toBe(4);
    expect(m.newRow[tiers.indexOf('New Customers')]).toBe(1);
    expect(m.goneCol[tiers.indexOf('Lost')]).toBe(1);
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

  it('counts customers per tier, leaving out customers without a tier', () => {
    const c = countTiers(snap('2024-03-31', { a: ['A', null, 'active'], b: ['A', 'Lost', 'lost'], d: ['B', null, 'lost'] }));
    expect([...c.counts.get('abc')!]).toEqual([['A', 2], ['B', 1]]);
    expect([...c.counts.get('rfm_segment')!]).toEqual([['Lost', 1]]);
    expect(c.counts.get('activity')!.get('lost')).toBe(2);
  });

  it('a re-run of a date replaces it, whether that date is kept in detail or only as counts', () => {
    const limits = { snapshots: 1, customers: 100, dates: 100 };
    const h1 = boundHistory(upsertHistory(upsertHistory(emptyHistory(), jan), feb), limits);
    expect(h1.snapshots.map((s) => s.date)).toEqual(['2024-02-29']);
    expect(h1.older.map((c) => c.date)).toEqual(['2024-01-31']);
    const janAgain = snap('2024-01-31', { c1: ['C', 'Lost', 'lost'] });
    const h2 = boundHistory(upsertHistory(h1, janAgain), limits);
    // January is re-run: it is the only January, and February (newer) stays in detail.
    expect(h2.snapshots.map((s) => s.date)).toEqual(['2024-02-29']);
    expect(h2.older).toEqual([countTiers(janAgain)]);
  });

  it('keeps the newest N snapshots in detail, summarises the rest, and drops counts past the date limit', () => {
    const months = ['2023-10-31', '2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29'];
    let h = emptyHistory();
    for (const d of months) h = boundHistory(upsertHistory(h, { ...jan, date: d }), { snapshots: 2, customers: 100, dates: 4 });
    expect(h.snapshots.map((s) => s.date)).toEqual(months.slice(-2));
    expect(h.older.map((c) => c.date)).toEqual(months.slice(1, 3));
    expect(h.older[0].counts.get('abc')!.get('A')).toBe(2);
  });

  it('keeps fewer snapshots in detail when their customers would not fit the rows left', () => {
    const a = snap('2024-01-31', { x: ['A', null, null], y: ['B', null, null] });
    const b = snap('2024-02-29', { z: ['A', null, null], w: ['C', null, null] });
    const h = boundHistory(upsertHistory(upsertHistory(emptyHistory(), a), b), { snapshots: 24, customers: 3, dates: 100 });
    expect(h.snapshots.map((s) => s.date)).toEqual(['2024-02-29']);
    expect(h.older).toEqual([countTiers(a)]);
  });
});
