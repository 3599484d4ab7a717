// Migration tells the truth: over random histories, the matrix (with its "new this period" row
// and "no longer classified" column) adds up to the customers classified in both runs, tier by
// tier, and every tier of either run appears.
import fc from 'fast-check';
import { customerMovesDown, migration, type Snapshot } from '../../src/engine/history';

const TIERS = ['A', 'B', 'C', 'D'];
/** A snapshot: customer → tier or null (unclassified), some customers absent. */
const snapshotArb = (date: string) =>
  fc.dictionary(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12'), fc.option(fc.constantFrom(...TIERS), { nil: null }), { maxKeys: 12 }).map(
    (rows): Snapshot => ({ date, methods: ['abc'], rows: new Map(Object.entries(rows).map(([k, v]) => [k, [v]])) }),
  );

/** Independent count: customers per tier in a snapshot, straight from its rows. */
function perTier(s: Snapshot): Map<string, number> {
  const out = new Map<string, number>();
  for (const [v] of s.rows.values()) if (v != null) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

describe('migration matrix', () => {
  it('rows and columns add up to the customer counts of both runs, tier by tier', () => {
    fc.assert(
      fc.property(snapshotArb('2024-01-31'), snapshotArb('2024-02-29'), (prev, now) => {
        const m = migration(prev, now, 'abc')!;
        const before = perTier(prev);
        const after = perTier(now);
        // Every tier present in either run appears, on both axes.
        expect(new Set(m.fromTiers)).toEqual(new Set([...before.keys(), ...after.keys()]));
        expect(m.toTiers).toEqual(m.fromTiers);
        m.fromTiers.forEach((tier, i) => {
          const rowTotal = m.counts[i].reduce((a, x) => a + x, 0) + m.goneCol[i];
          expect(rowTotal).toBe(before.get(tier) ?? 0);
          const colTotal = m.counts.reduce((a, r) => a + r[i], 0) + m.newRow[i];
          expect(colTotal).toBe(after.get(tier) ?? 0);
        });
        const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
        expect(m.before).toBe(sum([...before.values()]));
        expect(m.after).toBe(sum([...after.values()]));
        // Grand totals: before + new = after + gone.
        expect(m.before + m.entered).toBe(m.after + m.left);
      }),
      { numRuns: 300 },
    );
  });

  it('lists each customer who moved down once, with every move, most valuable first', () => {
    const snap = (date: string, rows: Record<string, (string | null)[]>): Snapshot => ({ date, methods: ['abc', 'activity'], rows: new Map(Object.entries(rows)) });
    const prev = snap('2024-01-31', { a: ['A', 'active'], b: ['B', 'active'], c: ['A', 'active'], d: ['C', 'lost'] });
    const now = snap('2024-02-29', { a: ['B', 'silent'], b: ['B', 'lost'], c: ['A', 'active'], d: ['B', 'lost'] });
    const value = new Map([
      ['a', 100],
      ['b', 900],
    ]);
    const movers = customerMovesDown(prev, now, ['abc', 'activity'], value);
    expect(movers.map((x) => x.customer)).toEqual(['b', 'a']);
    expect(movers[1].moves).toEqual([
      { method: 'abc', from: 'A', to: 'B', dir: -1 },
      { method: 'activity', from: 'active', to: 'silent', dir: -1 },
    ]);
    expect(movers[0].value).toBe(900);
  });
});
