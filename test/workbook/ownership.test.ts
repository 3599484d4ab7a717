// Own only what you can prove, for sheets, tables and charts too (issue "Nothing the user made is
// ever lost"), on both adapters: a forged or damaged registry never makes a refresh or a remove
// delete or replace the user's sheet, table or chart; it is reported (which item, where, why) and
// the rest goes on. Output the user edited is never replaced silently: the refresh stops and
// names it, unless the user keeps it aside or replaces it.
import { fixtureConfig, portSnapshot, type FixtureName } from './contract';
import { officeFixture, xlsxFixture } from './ports';
import { EditedOutputError, refreshWorkbook, removeResults } from '../../src/workbook/run';
import { REGISTRY_KEY } from '../../src/workbook/state';
import { MARKER_COL, MARKER_ROW, type Registry } from '../../src/output/registry';
import type { CellValue, WorkbookPort } from '../../src/workbook/port';

const adapters: [string, (f: FixtureName) => Promise<WorkbookPort>][] = [
  ['xlsx', (f) => xlsxFixture(f)],
  ['office', async (f) => officeFixture(f).port],
];

async function registryOf(port: WorkbookPort): Promise<Registry> {
  return JSON.parse((await port.getSetting(REGISTRY_KEY))!) as Registry;
}

async function values(port: WorkbookPort, sheet: string): Promise<CellValue[][]> {
  return (await port.read({ kind: 'sheet', sheet })).values;
}

async function sheetNames(port: WorkbookPort): Promise<string[]> {
  return (await port.listSheets()).map((s) => s.name).sort();
}

/** A tiered workbook and the names of its sheets after the first refresh. */
async function tiered(make: (f: FixtureName) => Promise<WorkbookPort>, f: FixtureName = 'plain-customers') {
  const port = await make(f);
  const first = await refreshWorkbook(port, { config: fixtureConfig(f) });
  return { port, first, names: await sheetNames(port) };
}

describe.each(adapters)('%s adapter: sheets, tables and charts are ours only when proven', (_, make) => {
  it('a chart entry with a missing field is reported and ignored; the rest still counts, so the refresh replaces in place', async () => {
    const { port, names } = await tiered(make);
    const reg = await registryOf(port);
    delete (reg.charts[0] as Partial<Registry['charts'][number]>).sheet;
    await port.setSetting(REGISTRY_KEY, JSON.stringify(reg));
    const second = await refreshWorkbook(port);
    expect(second.problems.map((p) => p.code)).toEqual(['registryEntryInvalid']);
    expect(second.problems[0].message).toContain('charts.0');
    // Not a second set of sheets ("汇总 (2)"): the damaged entry did not orphan the others.
    expect(await sheetNames(port)).toEqual(names);
    expect((await registryOf(port)).charts).toHaveLength(reg.charts.length);
  });

  it('a chart list naming a user sheet is reported and ignored: refresh and remove leave the sheet alone', async () => {
    const { port } = await tiered(make);
    const orders = await values(port, '订单');
    const reg = await registryOf(port);
    await port.setSetting(REGISTRY_KEY, JSON.stringify({ ...reg, charts: [...reg.charts, { name: 'ct_pareto', sheet: '订单' }] }));
    const second = await refreshWorkbook(port);
    expect(second.problems).toEqual([expect.objectContaining({ code: 'chartNotOurs', item: { kind: 'chart', name: 'ct_pareto', sheet: '订单' } })]);
    expect(second.problems[0].message).toContain('订单');
    await port.setSetting(REGISTRY_KEY, JSON.stringify({ ...second.registry, charts: [...second.registry.charts, { name: 'ct_pareto', sheet: '订单' }] }));
    const removed = await removeResults(port);
    expect(removed.problems.map((p) => p.code)).toEqual(['chartNotOurs']);
    expect(await sheetNames(port)).toEqual(['客户', '订单']);
    expect(await values(port, '订单')).toEqual(orders);
  });

  it('a sheet entry naming a user sheet with a copied marker (and a real hash) is never replaced or deleted', async () => {
    const { port, first } = await tiered(make);
    const summary = first.registry.sheets.find((s) => s.role === 'summary')!;
    const marker = (await values(port, summary.name))[MARKER_ROW][MARKER_COL];
    const mine: CellValue[][] = [['我的备忘'], [marker], ['周一给王总回电话']];
    await port.write([{ op: 'addSheet', name: '备忘' }, { op: 'values', sheet: '备忘', row: 0, col: 0, values: mine }]);
    const forged = { ...first.registry, sheets: [...first.registry.sheets, { name: '备忘', role: 'group' as const, key: 'group:abc:Z', hash: summary.hash }] };
    await port.setSetting(REGISTRY_KEY, JSON.stringify(forged));
    const before = await portSnapshot(port);
    // By every sign but content it looks like ours and edited: the refresh stops and names it.
    const err = await refreshWorkbook(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EditedOutputError);
    expect((err as EditedOutputError).items.map((p) => p.item)).toEqual([{ kind: 'sheet', name: '备忘' }]);
    expect(await portSnapshot(port)).toEqual(before);
    const kept = await refreshWorkbook(port, { edits: 'keep' });
    expect(await values(port, '备忘')).toEqual(mine);
    expect(kept.registry.sheets.map((s) => s.name)).not.toContain('备忘');
    await removeResults(port);
    expect(await sheetNames(port)).toEqual(['备忘', '客户', '订单']);
    expect(await values(port, '备忘')).toEqual(mine);
  });

  it('entries listed twice count once: the refresh and the remove go through', async () => {
    const { port, first, names } = await tiered(make);
    const reg = first.registry;
    const twice = { ...reg, sheets: [...reg.sheets, reg.sheets[1]], columns: [...reg.columns, ...reg.columns], tables: [...reg.tables, reg.tables[0]], charts: [...reg.charts, reg.charts[0]] };
    await port.setSetting(REGISTRY_KEY, JSON.stringify(twice));
    expect((await refreshWorkbook(port)).problems).toEqual([]);
    expect(await sheetNames(port)).toEqual(names);
    await port.setSetting(REGISTRY_KEY, JSON.stringify({ ...(await registryOf(port)), sheets: [...(await registryOf(port)).sheets, reg.sheets[1]] }));
    expect((await removeResults(port)).problems).toEqual([]);
    expect(await sheetNames(port)).toEqual(['客户', '订单']);
  });

  it('a sheet entry without a recorded hash (an older version, or forged) is asked about like an edit, never replaced silently', async () => {
    const { port, first } = await tiered(make);
    const summary = first.registry.sheets.find((s) => s.role === 'summary')!;
    const { hash: _dropped, ...unproven } = summary;
    await port.setSetting(REGISTRY_KEY, JSON.stringify({ ...first.registry, sheets: first.registry.sheets.map((s) => (s === summary ? unproven : s)) }));
    const kept = await values(port, summary.name);
    const err = await refreshWorkbook(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EditedOutputError);
    expect((err as EditedOutputError).items.map((p) => p.message)).toEqual([expect.stringContaining('没有记录其内容的凭据')]);
    const second = await refreshWorkbook(port, { edits: 'keep' });
    expect(second.problems.map((p) => p.code)).toEqual(['sheetEdited']);
    expect(await values(port, summary.name)).toEqual(kept);
    expect(second.sheets.summary).not.toBe(summary.name);
  });

  it("a table entry naming the user's table (or placing it on our sheet) is reported; the table keeps its data", async () => {
    const { port, first } = await tiered(make, 'demo-small');
    const user = await port.read({ kind: 'table', table: '客户表' });
    const userCols = user.values.map((r) => r.slice(0, 5));
    const summary = first.registry.sheets.find((s) => s.role === 'summary')!.name;
    // Where it is (a user sheet), or on our summary sheet, where it is not: neither makes it ours.
    for (const sheet of ['客户', summary]) {
      const reg = await registryOf(port);
      await port.setSetting(REGISTRY_KEY, JSON.stringify({ ...reg, tables: [...reg.tables, { name: '客户表', sheet }] }));
      const again = await refreshWorkbook(port);
      expect(again.problems.map((p) => [p.code, p.item?.name, p.item?.sheet])).toEqual([['tableNotOurs', '客户表', '客户']]);
    }
    const forged = { ...first.registry, tables: [...first.registry.tables, { name: '客户表', sheet: '客户' }] };
    await port.setSetting(REGISTRY_KEY, JSON.stringify(forged));
    await removeResults(port);
    const after = await port.read({ kind: 'table', table: '客户表' });
    expect(after.values.map((r) => r.slice(0, 5))).toEqual(userCols);
  });
});

describe.each(adapters)('%s adapter: edits to our output are never replaced silently', (_, make) => {
  it('an edited group sheet stops the refresh (nothing written), is kept aside on request, or replaced on request', async () => {
    const { port, first, names } = await tiered(make);
    const group = first.sheets['group:abc:A'];
    await port.write([{ op: 'values', sheet: group, row: 0, col: 12, values: [['跟进：本周拜访']] }]);
    const edited = await values(port, group);
    const before = await portSnapshot(port);
    const err = await refreshWorkbook(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EditedOutputError);
    expect((err as Error).message).toContain(group);
    expect(await portSnapshot(port)).toEqual(before);

    const kept = await refreshWorkbook(port, { edits: 'keep' });
    expect(kept.problems.map((p) => p.code)).toEqual(['sheetEdited']);
    expect(await values(port, group)).toEqual(edited);
    expect(kept.sheets['group:abc:A']).not.toBe(group);
    expect(kept.registry.sheets.map((s) => s.name)).not.toContain(group);
    // Now the user's: the next refresh has nothing to ask.
    expect((await refreshWorkbook(port)).problems).toEqual([]);
    expect(await values(port, group)).toEqual(edited);
    expect((await port.listSheets()).length).toBe(names.length + 1);
  });

  it('Remove results leaves an edited group sheet as the user made it, and says so', async () => {
    const { port, first } = await tiered(make);
    const group = first.sheets['group:abc:C'];
    await port.write([{ op: 'values', sheet: group, row: 0, col: 12, values: [['保留']] }]);
    const edited = await values(port, group);
    const removed = await removeResults(port);
    expect(removed.sheets).not.toContain(group);
    expect(removed.problems.map((p) => p.message)).toEqual([`Left your edited sheet "${group}" as it is; it is yours now.`]);
    expect(await sheetNames(port)).toEqual([group, '客户', '订单'].sort());
    expect(await values(port, group)).toEqual(edited);
  });

  it('replace: the edited group sheet is written afresh, in place, and nothing else changes', async () => {
    const { port, first, names } = await tiered(make);
    const group = first.sheets['group:abc:B'];
    const fresh = await values(port, group);
    await port.write([{ op: 'values', sheet: group, row: 5, col: 1, values: [['改过的名字']] }]);
    const second = await refreshWorkbook(port, { edits: 'replace' });
    expect(second.problems.map((p) => p.code)).toEqual(['sheetEdited']);
    expect(second.problems[0].message).toContain(group);
    expect(await sheetNames(port)).toEqual(names);
    expect(await values(port, group)).toEqual(fresh);
  });

  it('a write that stopped half-way is not an edit: the next refresh finishes it without asking', async () => {
    const { port, names } = await tiered(make);
    const write = port.write.bind(port);
    let calls = 0;
    port.write = async (ops, opts) => {
      if (calls++ > 0) return write(ops, opts);
      await write(ops.slice(0, Math.floor(ops.length / 2)), opts);
      throw new Error('connection lost');
    };
    await expect(refreshWorkbook(port, { analysisDate: '2024-05-31' })).rejects.toThrow('connection lost');
    const again = await refreshWorkbook(port);
    expect(again.problems).toEqual([]);
    expect(await sheetNames(port)).toEqual(names);
    expect((await registryOf(port)).sheets.every((s) => !('pending' in s))).toBe(true);
  });

  it('keep with a customer range given by address: the fresh block goes right of the kept one, not over it', async () => {
    const port = await make('plain-customers');
    const base = fixtureConfig('plain-customers');
    const config = { ...base, sources: { ...base.sources, customers: { kind: 'sheet' as const, sheet: '客户', address: 'A1:E151' } } };
    const first = await refreshWorkbook(port, { config });
    const block = first.registry.columns[0];
    await port.write([{ op: 'values', sheet: '客户', row: 2, col: block.col + 1, values: [['手动']] }]);
    const kept = await refreshWorkbook(port, { edits: 'keep' });
    expect(kept.registry.columns[0]).toMatchObject({ col: block.col + block.headers.length, headers: block.headers });
    expect((await values(port, '客户'))[2][block.col + 1]).toBe('手动');
  });

  it("sorting a group sheet's table keeps its proof: no question, replaced in place", async () => {
    const { port, first, names } = await tiered(make);
    const table = first.registry.tables.find((x) => x.sheet === first.sheets['group:abc:A'])!;
    const read = await port.read({ kind: 'table', table: table.name });
    const sorted = [...read.values.slice(1)].reverse();
    await port.write([{ op: 'values', sheet: read.sheet, row: read.row + 1, col: read.col, values: sorted }]);
    expect((await refreshWorkbook(port)).problems).toEqual([]);
    expect(await sheetNames(port)).toEqual(names);
  });

  it('an edited tier cell stops the refresh naming the block; keep leaves it and writes afresh beside it; replace rewrites it', async () => {
    const { port, first } = await tiered(make);
    const block = first.registry.columns[0];
    const at = { sheet: '客户', row: block.row + 3, col: block.col };
    const written = (await values(port, '客户'))[at.row][at.col];
    await port.write([{ op: 'values', ...at, values: [['VIP（手动）']] }]);
    const err = await refreshWorkbook(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EditedOutputError);
    expect((err as EditedOutputError).items[0].item).toMatchObject({ kind: 'columns', sheet: '客户', range: expect.stringMatching(/^F1:/) });
    expect((err as Error).message).toContain('客户!F1:');

    const replaced = await refreshWorkbook(port, { edits: 'replace' });
    expect(replaced.registry.columns[0]).toMatchObject({ col: block.col, headers: block.headers });
    expect((await values(port, '客户'))[at.row][at.col]).toBe(written);

    await port.write([{ op: 'values', ...at, values: [['VIP（手动）']] }]);
    const kept = await refreshWorkbook(port, { edits: 'keep' });
    const grid = await values(port, '客户');
    expect(grid[at.row][at.col]).toBe('VIP（手动）');
    expect(grid[block.row].slice(block.col, block.col + block.headers.length)).toEqual(block.headers);
    expect(kept.registry.columns[0].col).toBe(block.col + block.headers.length);
  });
});
