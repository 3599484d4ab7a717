// Axis titles and value labels are drawn by both adapters from the same spec: the .xlsx writer
// puts them in the chart part, the Office adapter sets them through the API (strict fake).
import { chartXml } from '../../src/workbook/ooxml/chartXml';
import { createFakeExcel, workbookFromGrids } from '../support/fake-excel';
import { OfficePort, type ExcelRun } from '../../src/workbook/office';
import type { ChartSpec, WriteOp } from '../../src/workbook/port';

const span = { sheet: 'S', row: 1, rows: 3 };
const spec: ChartSpec = {
  name: 'ct_test',
  type: 'pareto',
  title: 'Pareto',
  categories: { ...span, col: 0 },
  series: [
    { name: '销售额', ...span, col: 1, axis: 'primary', kind: 'column' },
    { name: '累计占比', ...span, col: 2, axis: 'secondary', kind: 'line' },
  ],
  anchor: { row: 3, col: 3, rows: 16, cols: 5 },
  axisTitles: { x: '前 %', y: '销售额', y2: '累计占比' },
  dataLabels: true,
};
const grid = [['k', 'v', 'c'], ['A 5', 100, 0.5], ['B 50', 60, 0.8], ['C 100', 40, 1]];

describe('chart axis titles and value labels', () => {
  it('are in the .xlsx chart part, in schema order', () => {
    const xml = chartXml(spec, (_s, r, c) => grid[r][c] as never);
    for (const text of ['前 %', '销售额', '累计占比']) expect(xml).toContain(`<a:t>${text}</a:t>`);
    // catAx: axPos, then the title, then numFmt (CT_CatAx order); one value-label block per series.
    expect(xml).toMatch(/<c:axPos val="b"\/><c:title>[\s\S]*?前 %[\s\S]*?<\/c:title><c:numFmt/);
    expect(xml.match(/<c:dLbls>/g)).toHaveLength(2);
    expect(xml).toMatch(/<c:invertIfNegative val="0"\/><c:dLbls>/);
    expect(chartXml({ ...spec, axisTitles: undefined, dataLabels: false }, (_s, r, c) => grid[r][c] as never)).not.toContain('<c:dLbls>');
  });

  it('are set by the Office adapter', async () => {
    const fake = createFakeExcel(workbookFromGrids([{ name: 'S', rows: grid }]));
    const port = new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
    const ops: WriteOp[] = [{ op: 'addChart', sheet: 'S', chart: spec }];
    await port.write(ops);
    const chart = fake.workbook.sheets.find((s) => s.name === 'S')!.charts[0];
    expect(chart.axisTitles).toEqual({ 'Category/Primary': '前 %', 'Value/Primary': '销售额', 'Value/Secondary': '累计占比' });
    expect(chart.series.map((s) => s.dataLabels)).toEqual([true, true]);
  });
});
