// Cell text is decided once, here, for both adapters: cleaned, cut to Excel's 32,767
// characters without splitting a surrogate pair, line breaks as LF.
import { cleanCell, cleanOps, cleanText, LINK_FONT, MAX_CELL_TEXT, SheetBuilder } from '../../src/output/cells';
import type { PlanOp } from '../../src/output/ops';

describe('cell text', () => {
  it('keeps ordinary text, tabs and line feeds exactly', () => {
    for (const s of ['', 'abc', '客户 A', '=cmd', "'quoted", 'a\tb\nc', '😀']) expect(cleanText(s)).toBe(s);
  });

  it('drops what XML cannot carry and writes line breaks as LF', () => {
    expect(cleanText('a\u0000b\u0007c\u000b\u000c\u001fd\ufffe\uffff')).toBe('abcd');
    expect(cleanText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('cuts at 32,767 UTF-16 units and never leaves half a surrogate pair', () => {
    expect(MAX_CELL_TEXT).toBe(32_767);
    expect(cleanText('x'.repeat(MAX_CELL_TEXT))).toHaveLength(MAX_CELL_TEXT);
    expect(cleanText('x'.repeat(40_000))).toHaveLength(MAX_CELL_TEXT);
    const pairs = cleanText('😀'.repeat(20_000));
    expect(pairs).toBe('😀'.repeat(16_383));
    expect(cleanText('x'.repeat(MAX_CELL_TEXT - 1) + '😀')).toBe('x'.repeat(MAX_CELL_TEXT - 1));
    expect(cleanText('x'.repeat(MAX_CELL_TEXT - 2) + '😀')).toHaveLength(MAX_CELL_TEXT);
  });

  it('blanks non-finite numbers and leaves other values alone', () => {
    expect([NaN, Infinity, 3, true, null, 'a\u0000'].map(cleanCell)).toEqual([null, null, 3, true, null, 'a']);
  });
});

describe('cleanOps', () => {
  it('cleans every text that lands in a cell, and nothing else', () => {
    const ops: PlanOp[] = [
      { op: 'values', sheet: 'S', row: 0, col: 0, values: [['a\u0000', 1, NaN]] },
      { op: 'addTableColumns', table: 'T', headers: ['h\u0007'], values: [['v\r\n']] },
      { op: 'link', sheet: 'S', row: 1, col: 0, text: 'go\u0001', targetSheet: 'X', targetCell: 'A1' },
      { op: 'addChart', sheet: 'S', chart: { name: 'c', type: 'bar', title: 't\u0001', categories: { sheet: 'S', row: 0, col: 0, rows: 1 }, series: [], anchor: { row: 0, col: 0, rows: 1, cols: 1 } } },
    ];
    const out = cleanOps(ops);
    expect(out[0]).toEqual({ op: 'values', sheet: 'S', row: 0, col: 0, values: [['a', 1, null]] });
    expect(out[1]).toEqual({ op: 'addTableColumns', table: 'T', headers: ['h'], values: [['v\n']] });
    expect(out[2]).toMatchObject({ text: 'go' });
    expect(out[3]).toBe(ops[3]);
    expect(cleanOps(out)).toEqual(out);
  });

  it('a link is a link op plus the look of one (a format op)', () => {
    const b = new SheetBuilder('S');
    b.link(3, 1, 'Issues', '数据问题', 'A1');
    expect(b.ops).toEqual([
      { op: 'link', sheet: 'S', row: 3, col: 1, text: 'Issues', targetSheet: '数据问题', targetCell: 'A1' },
      { op: 'format', sheet: 'S', row: 3, col: 1, rows: 1, cols: 1, fontColor: LINK_FONT, underline: true },
    ]);
  });
});
