// The content hash that proves a tier block is ours: the same for the block as written and as
// read back in another row order or with blank rows appended; different after any cell changes.
import fc from 'fast-check';
import { blockHash, sheetHash, withSheetProof } from '../../src/output/proof';
import { emptyRegistry, parseRegistry } from '../../src/output/registry';
import type { PlanOp } from '../../src/output/ops';

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

describe('the hash format stays as stored in workbooks (proofs written by earlier versions still verify)', () => {
  // The definition the registry's hashes were written with: FNV-1a over each cell's text
  // ("s" + text, a number to 15 significant digits, TRUE/FALSE), each followed by 0x1f.
  const canonical = (v: unknown): string =>
    v === null || v === undefined || v === '' ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(Number(v.toPrecision(15))) : '') : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : `s${v}`;
  const rowHash = (row: readonly unknown[]): [number, number] | null => {
    let h1 = 0x811c9dc5;
    let h2 = 0xcbf29ce4;
    let w = row.length;
    while (w > 0 && canonical(row[w - 1]) === '') w--;
    for (let j = 0; j < w; j++) {
      const s = canonical(row[j]);
      for (let i = 0; i <= s.length; i++) {
        const code = i < s.length ? s.charCodeAt(i) : 0x1f;
        h1 = Math.imul(h1 ^ code, 0x01000193) >>> 0;
        h2 = Math.imul(h2 ^ code, 0x0100019d) >>> 0;
      }
    }
    return w ? [h1, h2] : null;
  };
  const reference = (rows: readonly (readonly unknown[])[]): string => {
    let s1 = 0;
    let s2 = 0;
    let n = 0;
    for (const r of rows.map(rowHash)) {
      if (!r) continue;
      s1 = (s1 + r[0]) >>> 0;
      s2 = (s2 + Math.imul(r[1], 0x9e3779b1)) >>> 0;
      n++;
    }
    return ((s1 ^ n) >>> 0).toString(16).padStart(8, '0') + s2.toString(16).padStart(8, '0');
  };
  const anyCell = fc.oneof(fc.string(), fc.double(), fc.integer().map((k) => k / 100), fc.boolean(), fc.constant(null), fc.constant(''));

  it('sheetHash equals the stored definition for any cells (text, doubles, amounts, booleans, blanks)', () => {
    fc.assert(fc.property(fc.array(fc.array(anyCell, { maxLength: 8 }), { maxLength: 20 }), (rows) => expect(sheetHash(rows)).toBe(reference(rows))), { numRuns: 2000 });
    expect(sheetHash([['Title'], ['A', 1344.68, -0.07, 0.1 + 0.2, true, 1e21]])).toBe(reference([['Title'], ['A', 1344.68, -0.07, 0.1 + 0.2, true, 1e21]]));
  });
});

describe('sheetHash and withSheetProof: the proof of a whole sheet', () => {
  const grid = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 });

  it('is the same read back in another row order, wider (blank cells right), or from a used range starting right of A', () => {
    fc.assert(
      fc.property(grid, fc.nat({ max: 3 }), (rows, offset) => {
        const reversed = [...rows].reverse().map((r) => [...r, null, '']);
        // A used range starting at column `offset` (its first columns blank) read from there.
        const startsRight = rows.map((r) => [...Array<null>(offset).fill(null), ...r]);
        expect(sheetHash(reversed)).toBe(sheetHash(rows));
        expect(sheetHash(startsRight.map((r) => r.slice(offset)), offset)).toBe(sheetHash(startsRight));
      }),
    );
  });

  it('changes when a cell changes or moves to another column', () => {
    const rows = [['Title'], ['ct-abc123'], ['A', 1, 2], ['B', 3, 4]];
    expect(sheetHash([['Title'], ['ct-abc123'], ['A', 1, 2], ['B', 3, 5]])).not.toBe(sheetHash(rows));
    expect(sheetHash([['Title'], ['ct-abc123'], ['A', 1, 2], ['B', 3, null, 4]])).not.toBe(sheetHash(rows));
    expect(sheetHash([['Title'], ['ct-abc123'], ['A', 1, 2], ['B', 3, 4], ['note']])).not.toBe(sheetHash(rows));
  });

  it("records for each sheet the hash of the cells the ops leave on it, from its last addSheet on", () => {
    const reg = { ...emptyRegistry('abc123'), sheets: [{ name: 'Summary', role: 'summary' as const }, { name: 'G', role: 'group' as const }] };
    const ops: PlanOp[] = [
      { op: 'addSheet', name: 'summary' },
      { op: 'values', sheet: 'Summary', row: 0, col: 0, values: [['old']] },
      { op: 'deleteSheet', name: 'Summary' },
      { op: 'addSheet', name: 'Summary' },
      { op: 'values', sheet: 'Summary', row: 0, col: 0, values: [['Title', null], ['x', 1]] },
      { op: 'link', sheet: 'Summary', row: 3, col: 1, text: 'Issues', targetSheet: 'Issues', targetCell: 'A1' },
      { op: 'addSheet', name: 'G' },
      { op: 'values', sheet: 'G', row: 0, col: 0, values: [['a', 'b'], ['c', 'd']] },
      { op: 'clear', sheet: 'G', row: 1, col: 0, rows: 1, cols: 1 },
      { op: 'values', sheet: 'Other', row: 0, col: 0, values: [['not ours']] },
    ];
    const proven = withSheetProof(reg, ops);
    expect(proven.sheets.map((s) => s.hash)).toEqual([sheetHash([['Title'], ['x', 1], [], [null, 'Issues']]), sheetHash([['a', 'b'], [null, 'd']])]);
  });
});

describe('parseRegistry: each entry on its own', () => {
  it('leaves out a damaged entry, says where, and keeps the rest', () => {
    const reg = { version: 1, id: 'abc123', sheets: [{ name: 'S', role: 'summary', hash: '0123456789abcdef' }], columns: [], tables: [{ name: 'T', sheet: 'S' }], charts: [{ name: 'c1' }, { name: 'c2', sheet: 'S' }] };
    const parsed = parseRegistry(JSON.stringify(reg));
    expect(parsed).toEqual({ ok: true, registry: { ...reg, charts: [{ name: 'c2', sheet: 'S' }] }, dropped: [{ list: 'charts', index: 0, error: expect.stringMatching(/^charts\.0\.sheet: /) }] });
  });

  it('rejects a registry whose frame is damaged (no id, unknown version)', () => {
    expect(parseRegistry(JSON.stringify({ version: 1, sheets: [], columns: [], tables: [], charts: [] }))).toMatchObject({ ok: false, error: expect.stringContaining('id') });
    expect(parseRegistry(JSON.stringify({ version: 2, id: 'abc123', sheets: [], columns: [], tables: [], charts: [] }))).toMatchObject({ ok: false });
  });
});
