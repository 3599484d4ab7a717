// Never write over a user's cell (issue "Nothing the user made is ever lost", cases 1 and 2),
// on both adapters: the tier block goes where it stood before, and a refresh whose block would
// land on the user's data stops before anything — the registry included — is written.
import { fixtureConfig } from './contract';
import { officeFixture, xlsxFixture } from './ports';
import { refreshWorkbook, removeResults } from '../../src/workbook/run';
import type { WorkbookPort } from '../../src/workbook/port';

const adapters: [string, () => Promise<WorkbookPort>][] = [
  ['xlsx', () => xlsxFixture('plain-customers')],
  ['office', async () => officeFixture('plain-customers').port],
];

/** The value of one cell of a sheet (0-based), as the port reads it. */
async function cell(port: WorkbookPort, sheet: string, row: number, col: number): Promise<unknown> {
  const r = await port.read({ kind: 'sheet', sheet });
  return r.values[row - r.row]?.[col - r.col] ?? null;
}

describe.each(adapters)('%s adapter: never writes over a user cell', (_, make) => {
  it('a customer range given by address with notes where the tier block would go: the block goes right of them, the notes stay, the run says so', async () => {
    const port = await make();
    const base = fixtureConfig('plain-customers');
    const config = { ...base, sources: { ...base.sources, customers: { kind: 'sheet' as const, sheet: '客户', address: 'A1:E151' } } };
    // Notes two columns right of the data (G): inside the block the add-in would write (F…).
    const notes = [['跟进备注'], ['周一回电'], ['VIP']];
    await port.write([{ op: 'values', sheet: '客户', row: 0, col: 6, values: notes }]);
    const data = (await port.read({ kind: 'sheet', sheet: '客户', address: 'A1:E151' })).values;
    const first = await refreshWorkbook(port, { config, locale: 'zh-CN' });
    const block = first.registry.columns.find((c) => c.sheet === '客户')!;
    expect(block.col).toBe(7); // H: the first column right of the notes
    for (const [r, [v]] of notes.entries()) expect(await cell(port, '客户', r, 6)).toBe(v);
    expect(await cell(port, '客户', 0, 5)).toBe('');
    expect(await cell(port, '客户', 0, 7)).toBe(block.headers[0]);
    expect((await port.read({ kind: 'sheet', sheet: '客户', address: 'A1:E151' })).values).toEqual(data);
    const moved = first.problems.find((p) => p.code === 'blockMoved')!;
    expect(moved.message).toContain('G1, G2, G3');
    expect(moved.message).toContain('H1:');
    // Later refreshes keep it there and say nothing more; remove takes exactly the block away.
    const again = await refreshWorkbook(port, {});
    expect(again.registry.columns.find((c) => c.sheet === '客户')!.col).toBe(7);
    expect(again.problems).toEqual([]);
    await removeResults(port);
    for (const [r, [v]] of notes.entries()) expect(await cell(port, '客户', r, 6)).toBe(v);
    expect(['', null]).toContain(await cell(port, '客户', 0, 7));
  });

  it('a column the user adds right of the tier block survives the next refresh, and the block stays where it was', async () => {
    const port = await make();
    const first = await refreshWorkbook(port, { config: fixtureConfig('plain-customers') });
    const block = first.registry.columns.find((c) => c.sheet === '客户')!;
    expect(block.col).toBe(5);
    const userCol = block.col + block.headers.length;
    const notes = [['Follow-up owner'], ...Array.from({ length: 150 }, (_, i) => [`owner ${i + 1}`])];
    await port.write([{ op: 'values', sheet: '客户', row: 0, col: userCol, values: notes }]);
    const second = await refreshWorkbook(port);
    expect(second.registry.columns.find((c) => c.sheet === '客户')).toMatchObject({ col: block.col, headers: block.headers });
    for (const r of [0, 1, 75, 150]) expect(await cell(port, '客户', r, userCol)).toBe(notes[r][0]);
    expect(second.problems).toEqual([]);
  });
});
