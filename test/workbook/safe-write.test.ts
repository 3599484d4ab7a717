// Never write over a user's cell (issue "Nothing the user made is ever lost", cases 1 and 2),
// on both adapters: the tier block goes where it stood before, and a refresh whose block would
// land on the user's data stops before anything — the registry included — is written.
import { fixtureConfig } from './contract';
import { officeFixture, xlsxFixture } from './ports';
import { refreshWorkbook, removeResults } from '../../src/workbook/run';
import type { WorkbookPort } from '../../src/workbook/port';
import { rangeAddress } from '../../src/workbook/a1';
import { blockHash } from '../../src/output/proof';
import { playFor } from '../../src/output/playbook';
import { actionHeader, columnHeader } from '../../src/output/labels';
import { loadRegistry, saveRegistry } from '../../src/workbook/state';

/**
 * Turns the tier block of a fresh run into what the previous version wrote (the tier columns
 * without their action columns), registered with that block's hash; returns its width.
 */
async function asPreviousVersion(port: WorkbookPort): Promise<{ col: number; width: number; rows: number }> {
  const { registry } = await loadRegistry(port, 'zh-CN');
  const block = registry!.columns.find((c) => c.sheet === '客户')!;
  const area = rangeAddress(block.row, block.col, block.rows + 1, block.headers.length);
  const now = (await port.read({ kind: 'sheet', sheet: '客户', address: area })).values;
  const keep = block.headers.flatMap((h, j) => (h.endsWith('·建议行动') ? [] : [j]));
  expect(keep.length).toBeLessThan(block.headers.length);
  const old = now.map((row) => keep.map((j) => row[j] ?? null));
  await port.write([
    { op: 'clear', sheet: '客户', row: block.row, col: block.col, rows: block.rows + 1, cols: block.headers.length },
    { op: 'values', sheet: '客户', row: block.row, col: block.col, values: old as (string | number | null)[][] },
  ]);
  const back = (await port.read({ kind: 'sheet', sheet: '客户', address: rangeAddress(block.row, block.col, block.rows + 1, keep.length) })).values;
  const headers = old[0].map(String);
  await saveRegistry(port, { ...registry!, columns: registry!.columns.map((c) => (c === block ? { ...c, headers, hash: blockHash(back) } : c)) });
  return { col: block.col, width: keep.length, rows: block.rows };
}

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
    expect(moved.message).toContain('（G1、G2、G3）');
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

  it("a block written by the previous version (no action columns) grows in place by its action columns, in the user's language", async () => {
    const port = await make();
    const config = { ...fixtureConfig('plain-customers'), locale: 'zh-CN' as const };
    await refreshWorkbook(port, { config });
    const data = (await port.read({ kind: 'sheet', sheet: '客户', address: 'A1:E151' })).values;
    const old = await asPreviousVersion(port);
    const again = await refreshWorkbook(port, {});
    expect(again.problems).toEqual([]);
    const block = again.registry.columns.find((c) => c.sheet === '客户')!;
    expect(block.col).toBe(old.col);
    expect(block.headers.length).toBeGreaterThan(old.width);
    const abc = block.headers.indexOf(columnHeader('zh-CN', 'abc'));
    expect(block.headers[abc + 1]).toBe(actionHeader('zh-CN', 'abc'));
    expect(block.headers).toContain(actionHeader('zh-CN', 'activity'));
    // The action beside each customer's class is the playbook's for that class.
    const cells = (await port.read({ kind: 'sheet', sheet: '客户', address: rangeAddress(0, block.col, block.rows + 1, block.headers.length) })).values;
    const classes = new Set(cells.slice(1).map((r) => r[abc]).filter((v) => v));
    expect(classes.size).toBeGreaterThan(1);
    for (const row of cells.slice(1)) if (row[abc]) expect(row[abc + 1]).toBe(playFor('zh-CN', 'abc', String(row[abc]), config)!.action);
    // The user's columns beside the block are as they were.
    expect((await port.read({ kind: 'sheet', sheet: '客户', address: 'A1:E151' })).values).toEqual(data);
  });

  it("a previous version's block with the user's column right of it: the grown block moves to the first free columns, the user's column stays", async () => {
    const port = await make();
    const config = { ...fixtureConfig('plain-customers'), locale: 'zh-CN' as const };
    await refreshWorkbook(port, { config });
    const data = (await port.read({ kind: 'sheet', sheet: '客户', address: 'A1:E151' })).values;
    const old = await asPreviousVersion(port);
    const userCol = old.col + old.width;
    const notes = [['跟进人'], ...Array.from({ length: 150 }, (_, i) => [`跟进 ${i + 1}`])];
    await port.write([{ op: 'values', sheet: '客户', row: 0, col: userCol, values: notes }]);
    const again = await refreshWorkbook(port, {});
    const block = again.registry.columns.find((c) => c.sheet === '客户')!;
    expect(block.col).toBe(userCol + 1);
    expect(block.headers).toContain(actionHeader('zh-CN', 'abc'));
    expect(again.problems.map((p) => p.code)).toEqual(['blockMoved']);
    // Kept: every cell of the user's column and of their data; the old block's place is empty.
    for (const [r, [v]] of notes.entries()) expect(await cell(port, '客户', r, userCol)).toBe(v);
    expect((await port.read({ kind: 'sheet', sheet: '客户', address: 'A1:E151' })).values).toEqual(data);
    for (let j = 0; j < old.width; j++) expect(['', null]).toContain(await cell(port, '客户', 0, old.col + j));
    expect(await cell(port, '客户', 0, block.col)).toBe(block.headers[0]);
    // Remove takes the moved block away and leaves the user's column.
    await removeResults(port);
    for (const r of [0, 1, 150]) expect(await cell(port, '客户', r, userCol)).toBe(notes[r][0]);
    expect(['', null]).toContain(await cell(port, '客户', 0, block.col));
  });
});
