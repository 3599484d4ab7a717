// The CLV holdout section of the Summary sheet: verdict, tables and the two native charts,
// whose ranges point at the rows the section wrote; and the OOXML of the 'line' chart type.
import { SheetBuilder } from '../../src/output/cells';
import { clvValidation } from '../../src/output/clvValidation';
import { chartXml } from '../../src/workbook/ooxml/chartXml';
import { t } from '../../src/i18n';
import type { ClassificationResult } from '../../src/engine/types';
import type { HoldoutReport } from '../../src/engine/methods/clv';
import type { CellValue, PlanOp } from '../../src/output/ops';

const holdout: HoldoutReport = {
  calibrationEnd: '1997-09-30',
  holdoutEnd: '1998-06-30',
  days: 273,
  units: 39,
  customers: 3,
  bins: ['0', '1', '2', '3', '4', '5', '6', '7+'].map((bin, k) => ({ bin, customers: k + 1, predicted: k * 0.9, actual: k })),
  predicted: 1653.4,
  actual: 1882,
  mae: 0.785,
  ratio: 0.879,
  binError: 0.12,
  poor: false,
  weekly: [1, 2, 3].map((week) => ({ week, date: `1997-01-0${week}`, predicted: week * 10.04, actual: week * 11 })),
  ordersOfNewCustomers: 0,
  model: 'bgnbd',
  verdict: { code: 'clv.holdout.verdict_good', params: { predicted: 1653, actual: 1882, percent: 12, binError: 12 } },
};
const result = (h: HoldoutReport | undefined) => ({ reports: h ? { clv: { holdout: h } } : {} }) as unknown as ClassificationResult;

/** The grid the value ops wrote. */
function grid(ops: PlanOp[]): Map<string, CellValue> {
  const cells = new Map<string, CellValue>();
  for (const op of ops) if (op.op === 'values') op.values.forEach((row, i) => row.forEach((v, j) => cells.set(`${op.row + i},${op.col + j}`, v)));
  return cells;
}

describe('CLV holdout section', () => {
  it('writes nothing without a holdout report', () => {
    const b = new SheetBuilder('S');
    expect(clvValidation(b, result(undefined), 'en-US')).toEqual([]);
    expect(b.ops).toEqual([]);
  });

  it.each(['en-US', 'zh-CN'] as const)('writes the verdict, the bins and the weeks, and charts over exactly those cells (%s)', (L) => {
    const b = new SheetBuilder('S');
    b.row = 40;
    const charts = clvValidation(b, result(holdout), L);
    const cells = grid(b.ops);
    const texts = [...cells.values()].filter((v) => typeof v === 'string');
    expect(texts).toContain(t(L, 'clv.holdout.verdict_good', holdout.verdict.params));
    expect(charts.map((c) => c.type)).toEqual(['column', 'line']);
    const [bins, weeks] = charts;
    const col = (r: { row: number; col: number; rows: number }) => Array.from({ length: r.rows }, (_, i) => cells.get(`${r.row + i},${r.col}`));
    expect(col(bins.categories)).toEqual(holdout.bins.map((x) => x.bin));
    expect(col(bins.series[0])).toEqual(holdout.bins.map((x) => Math.round(x.predicted * 1e4) / 1e4));
    expect(col(bins.series[1])).toEqual(holdout.bins.map((x) => x.actual));
    expect(col(weeks.categories)).toEqual(holdout.weekly.map((w) => w.date));
    expect(col(weeks.series[1])).toEqual(holdout.weekly.map((w) => w.actual));
    // Charts sit beside the section (from column F), below its title and verdict.
    for (const c of charts) expect(c.anchor.col).toBe(5);
    expect(bins.anchor.row).toBeGreaterThan(41);
    // Where the charts go is the summary's rule (summary.ts placeInline: under the section, columns A–H).
  });

  it('shows a poor fit in bold red', () => {
    const b = new SheetBuilder('S');
    clvValidation(b, result({ ...holdout, poor: true, verdict: { ...holdout.verdict, code: 'clv.holdout.verdict_poor' } }), 'en-US');
    expect(b.ops.some((o) => o.op === 'format' && o.bold === true && o.fontColor === '#C00000')).toBe(true);
  });
});

describe("OOXML 'line' chart", () => {
  it('draws every series as a line on a primary axis with plain numbers', () => {
    const range = { sheet: 'S', row: 0, rows: 3 };
    const xml = chartXml(
      { name: 'c', type: 'line', title: 'x', categories: { ...range, col: 0 }, series: [{ name: 'a', ...range, col: 1, kind: 'line' }, { name: 'b', ...range, col: 2, kind: 'line' }], anchor: { row: 0, col: 5, rows: 10, cols: 5 } },
      (_s, r, c) => (c === 0 ? `w${r}` : r * c),
    );
    expect(xml).toContain('<c:lineChart>');
    expect(xml).not.toContain('<c:barChart>');
    expect(xml.match(/<c:ser>/g)).toHaveLength(2);
    expect(xml).not.toContain('0%');
  });
});
