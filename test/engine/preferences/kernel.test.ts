// The preferences kernel directly: next category to offer on a hand-built peer group, top
// categories per tier, and properties on random tables (shares sum to 1 per customer; the result
// does not depend on row order; the category spend equals an independent per-row sum).
import fc from 'fast-check';
import { computePreferences, nextCategory, topCategoriesByTier } from '../../../src/engine/methods/preferences';
import type { OrderHabits } from '../../../src/engine/ingest/habits';
import type { OrderData } from '../../../src/engine/types';

interface Line {
  c: string;
  day: number;
  cents: number;
  cat: number;
  chan: number;
  promo: boolean;
  minute: number;
}

const CATS = ['有机蔬菜', '进口水果', '海鲜水产', '肉禽蛋', '乳品烘焙', '粮油干货'];
const CHANS = ['门店', '线上商城', '小程序', '电话订购'];

/** Lines → OrderData with habits; category/channel codes interned in first-seen order (as ingest does). */
function build(lines: Line[]): { orders: OrderData; ids: string[] } {
  const intern = (names: string[], pick: (l: Line) => number) => {
    const keys: string[] = [];
    const codes = Int32Array.from(lines, (l) => {
      const v = pick(l);
      if (v < 0) return -1;
      const name = names[v];
      let k = keys.indexOf(name);
      if (k < 0) k = keys.push(name) - 1;
      return k;
    });
    return { codes, keys };
  };
  const habits: OrderHabits = {
    category: intern(CATS, (l) => l.cat),
    subcategory: null,
    product: null,
    channel: intern(CHANS, (l) => l.chan),
    promoted: Uint8Array.from(lines, (l) => (l.promo ? 1 : 0)),
    minute: Float64Array.from(lines, (l) => l.minute),
  };
  const orders: OrderData = {
    n: lines.length,
    customer: lines.map((l) => l.c),
    day: Float64Array.from(lines, (l) => l.day),
    amount: Float64Array.from(lines, (l) => l.cents / 100),
    profit: null,
    orderId: null,
    sourceRow: Int32Array.from(lines, (_, i) => i + 2),
    habits,
  };
  const ids = [...new Set(lines.map((l) => l.c))].sort();
  return { orders, ids };
}

const line = (c: string, cat: number, cents = 1000, day = 19800): Line => ({ c, day, cents, cat, chan: 0, promo: false, minute: 600 });

describe('next category to offer', () => {
  // Six customers whose main category is 有机蔬菜 (A). 进口水果 (B) is bought by c1–c4 (4/6),
  // 海鲜水产 (C) by c1–c2 (2/6), 肉禽蛋 (D) by c1 only (1/6, below 20 % support).
  const lines: Line[] = [];
  for (const c of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) lines.push(line(c, 0, 10000));
  for (const c of ['c1', 'c2', 'c3', 'c4']) lines.push(line(c, 1));
  for (const c of ['c1', 'c2']) lines.push(line(c, 2));
  lines.push(line('c1', 3));
  const { orders, ids } = build(lines);
  const p = computePreferences({ orders, habits: orders.habits!, ids, analysisDay: 19800, level: 'category' });
  const cat = p.category!;
  const name = (j: number) => (j < 0 ? null : cat.keys[j]);

  test('the most-bought category among peers that the customer never bought, at ≥ support', () => {
    const next = nextCategory(cat, null, 0.2, 5);
    // c1, c2 have A, B, C (D is below support); c3, c4 lack C; c5, c6 lack B (bought by more peers)
    expect(Array.from(next.code, name)).toEqual([null, null, '海鲜水产', '海鲜水产', '进口水果', '进口水果']);
    expect(next.support[4]).toBeCloseTo(4 / 6, 12);
    expect(next.support[2]).toBeCloseTo(2 / 6, 12);
    expect(Array.from(next.peers)).toEqual([6, 6, 6, 6, 6, 6]);
  });

  test('support and minimum peers are honoured', () => {
    // at 50 % only 进口水果 (4/6) qualifies: c3, c4 already have it
    expect(Array.from(nextCategory(cat, null, 0.5, 5).code, name)).toEqual([null, null, null, null, '进口水果', '进口水果']);
    // at 10 % 肉禽蛋 (1/6) qualifies too: c2 gets it
    expect(name(nextCategory(cat, null, 0.1, 5).code[1])).toBe('肉禽蛋');
    expect(Array.from(nextCategory(cat, null, 0.2, 7).code).every((x) => x < 0)).toBe(true);
  });

  test('peers are split by tier', () => {
    // c5 alone in tier "B": its peer group is itself, and nobody there buys what it lacks
    const tiers = ['A', 'A', 'A', 'A', 'B', 'A'];
    const next = nextCategory(cat, tiers, 0.2, 1);
    expect(next.code[4]).toBe(-1);
    expect(next.peers[4]).toBe(1);
    expect(name(next.code[5])).toBe('进口水果');
  });

  test('top categories per tier with their share of the tier spend', () => {
    const top = topCategoriesByTier(cat, ['A', 'A', 'A', 'A', 'B', 'B'], ['A', 'B'], 2);
    // tier A: 有机蔬菜 4×100 = 400, 进口水果 4×10 = 40, 海鲜水产 20, 肉禽蛋 10 → total 470
    expect(top[0].top.map((x) => x.category)).toEqual(['有机蔬菜', '进口水果']);
    expect(top[0].top[0].spend).toBe(400);
    expect(top[0].top[0].share).toBeCloseTo(400 / 470, 12);
    expect(top[1].top).toEqual([{ category: '有机蔬菜', spend: 200, share: 1 }]);
  });
});

const lineArb = fc.record({
  c: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  day: fc.integer({ min: 19700, max: 19900 }),
  cents: fc.integer({ min: -5000, max: 100000 }),
  cat: fc.integer({ min: -1, max: CATS.length - 1 }),
  chan: fc.integer({ min: -1, max: CHANS.length - 1 }),
  promo: fc.boolean(),
  minute: fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constant(NaN)),
});

/** Every per-customer output as plain values, names instead of codes (codes depend on row order). */
function snapshot(lines: Line[]) {
  const { orders, ids } = build(lines);
  const p = computePreferences({ orders, habits: orders.habits!, ids, analysisDay: 19850, level: 'category' });
  const cat = p.category!;
  const chan = p.channel!;
  return ids.map((id, c) => ({
    id,
    spend: p.spendCents[c],
    cats: Array.from(cat.entries.codes.subarray(cat.entries.offsets[c], cat.entries.offsets[c + 1]), (j, e) => [cat.keys[j], cat.entries.cents[cat.entries.offsets[c] + e]]),
    dom: cat.dominant[c] < 0 ? null : cat.keys[cat.dominant[c]],
    domShare: cat.dominantShare[c],
    newest: p.newestCategory[c] < 0 ? null : cat.keys[p.newestCategory[c]],
    chan: chan.dominant[c] < 0 ? null : chan.keys[chan.dominant[c]],
    weekend: p.weekendShare[c],
    band: p.timeBand[c],
    month: p.peakMonth[c],
    discount: p.discountShare[c],
  }));
}

describe('properties', () => {
  test('category and channel shares of each customer sum to 1, and equal an independent per-row sum', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 60 }), (lines) => {
        const { orders, ids } = build(lines);
        const p = computePreferences({ orders, habits: orders.habits!, ids, analysisDay: 19850, level: 'category' });
        for (const d of [p.category!, p.channel!]) {
          const { offsets, cents } = d.entries;
          ids.forEach((id, c) => {
            let total = 0;
            for (let e = offsets[c]; e < offsets[c + 1]; e++) total += cents[e];
            if (total > 0) {
              let sum = 0;
              for (let e = offsets[c]; e < offsets[c + 1]; e++) sum += cents[e] / total;
              expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
            }
          });
        }
        // independent: the rows of category k of customer id, purchases up to the analysis day
        ids.forEach((id, c) => {
          const cat = p.category!;
          for (let e = cat.entries.offsets[c]; e < cat.entries.offsets[c + 1]; e++) {
            const k = CATS.indexOf(cat.keys[cat.entries.codes[e]]);
            const want = lines.filter((l) => l.c === id && l.cat === k && l.cents >= 0 && l.day <= 19850).reduce((a, l) => a + l.cents, 0);
            expect(cat.entries.cents[e]).toBe(want);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  test('the result does not depend on row order', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 60 }), fc.integer(), (lines, seed) => {
        const shuffled = [...lines];
        let s = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(snapshot(shuffled)).toEqual(snapshot(lines));
      }),
      { numRuns: 200 },
    );
  });
});
