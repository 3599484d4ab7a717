// Own only what you can prove (issue "Nothing the user made is ever lost", case 3), on both
// adapters: a registry that lists the user's columns, with matching headers, is not proof; the
// content hash recorded when the block was written is. Sorting the customer table keeps the
// proof; editing a tier cell does not (the refresh asks; kept, it is left alone).
import { fixtureConfig, portSnapshot, type FixtureName } from './contract';
import { officeFixture, xlsxFixture } from './ports';
import { EditedOutputError, refreshWorkbook, removeResults } from '../../src/workbook/run';
import { REGISTRY_KEY } from '../../src/workbook/state';
import type { WorkbookPort } from '../../src/workbook/port';
import type { Registry } from '../../src/output/registry';

const adapters: [string, (f: FixtureName) => Promise<WorkbookPort>][] = [
  ['xlsx', (f) => xlsxFixture(f)],
  ['office', async (f) => officeFixture(f).port],
];

describe.each(adapters)('%s adapter: owns only what it can prove', (_, make) => {
  it('a forged registry listing the source columns (headers matching) makes Remove clear nothing, and says so', async () => {
    const port = await make('plain-customers');
    const forged: Registry = { version: 1, id: 'forged1', sheets: [], tables: [], charts: [], columns: [{ sheet: '客户', row: 0, col: 0, rows: 150, headers: ['客户ID', '客户名称'] }] };
    await port.setSetting(REGISTRY_KEY, JSON.stringify(forged));
    const before = (await portSnapshot(port)).sheets;
    const report = await removeResults(port);
    expect(report.columns).toBe(0);
    expect(report.problems.map((p) => p.code)).toEqual(['columnsNotOurs']);
    expect((await portSnapshot(port)).sheets).toEqual(before);
  });

  it('a sorted customer table keeps its tier columns: no second set, no problem', async () => {
    const port = await make('demo-small');
    await refreshWorkbook(port, { config: fixtureConfig('demo-small') });
    const table = await port.read({ kind: 'table', table: '客户表' });
    const [header, ...rows] = table.values;
    // Sorted by name descending, whole rows (tier cells move with their customers).
    const sorted = [...rows].sort((a, b) => String(b[1]).localeCompare(String(a[1])));
    await port.write([{ op: 'values', sheet: table.sheet, row: table.row + 1, col: table.col, values: sorted }]);
    const second = await refreshWorkbook(port);
    expect(second.problems).toEqual([]);
    const after = await port.read({ kind: 'table', table: '客户表' });
    expect(after.values[0]).toEqual(header);
  });

  it('a tier cell edited by hand: the refresh stops naming the block, and keeping it leaves it as the user made it', async () => {
    const port = await make('plain-customers');
    const first = await refreshWorkbook(port, { config: fixtureConfig('plain-customers') });
    const block = first.registry.columns[0];
    await port.write([{ op: 'values', sheet: '客户', row: block.row + 3, col: block.col, values: [['VIP（手动）']] }]);
    await expect(refreshWorkbook(port)).rejects.toBeInstanceOf(EditedOutputError);
    const second = await refreshWorkbook(port, { edits: 'keep' });
    expect(second.problems.map((p) => p.code)).toEqual(['columnsEdited']);
    const read = await port.read({ kind: 'sheet', sheet: '客户' });
    expect(read.values[block.row + 3 - read.row][block.col - read.col]).toBe('VIP（手动）');
  });
});
