// The content hash that proves a tier block is ours: the same for the block as written and as
// read back in another row order or with blank rows appended; different after any cell changes.
import fc from 'fast-check';
import { blockHash } from '../../src/output/proof';

const cell = fc.oneof(fc.constantFrom('A', 'B', '重要价值客户', '流失', ''), fc.integer({ min: 111, max: 555 }), fc.constant(null));
const block = fc.tuple(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 40 }));

describe('blockHash', () => {
  it('ignores the order of the data rows and blank rows added at the end', () => {
    fc.assert(
      fc.property(block, fc.nat(), ([head, body], seed) => {
        const header = head.slice(0, 5);
        const rows = body.map((r) => r.slice(0, header.length));
        const shuffled = [...rows].sort((a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 31 + seed) % 7));
        const blanks = [header.map(() => null), header.map(() => '')];
        expect(blockHash([header, ...shuffled, ...blanks])).toBe(blockHash([header, ...rows]));
      }),
    );
  });

  it('changes when one cell changes, a header is renamed, or a number is read back as text', () => {
    const base = [['ABC class', 'RFM score'], ['A', 555], ['B', 431], ['C', 111]];
    const h = blockHash(base);
    expect(blockHash([['ABC class', 'RFM score'], ['A', 555], ['B', 431], ['B', 111]])).not.toBe(h);
    expect(blockHash([['ABC', 'RFM score'], ['A', 555], ['B', 431], ['C', 111]])).not.toBe(h);
    expect(blockHash([['ABC class', 'RFM score'], ['A', '555'], ['B', 431], ['C', 111]])).not.toBe(h);
    expect(blockHash([['ABC class', 'RFM score'], ['A', 555], ['B', 431]])).not.toBe(h);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
  });
});
