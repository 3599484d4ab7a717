// The pane's campaign sheet (workbook/campaignSheet.ts) replaces only a sheet it can prove it
// wrote: exporting the same tiers again replaces its own unedited sheet; an edited one is kept
// and the new list goes on a sheet of its own; a forged registry entry naming the user's sheet
// as that campaign sheet deletes nothing of the user's. Both adapters.
import { officeFixture, xlsxFixture } from './ports';
import { refreshWorkbook } from '../../src/workbook/run';
import { fixtureConfig } from './contract';
import { writeCampaignSheet } from '../../src/workbook/campaignSheet';
import { REGISTRY_KEY } from '../../src/workbook/state';
import type { Registry } from '../../src/output/registry';
import type { CellValue, WorkbookPort } from '../../src/workbook/port';

const adapters: [string, () => Promise<WorkbookPort>][] = [
  ['xlsx', () => xlsxFixture('plain-customers')],
  ['office', async () => officeFixture('plain-customers').port],
];

const list = { headers: ['Customer', 'Phone'], rows: [['C1', '+86 138 0000 0001'], ['C2', '=HYPERLINK("x")']] as CellValue[][] };
const options = { list, locale: 'en-US' as const, analysisDate: '2024-12-31', tiersText: 'ABC: A', key: 'abc=A' };

async function names(port: WorkbookPort): Promise<string[]> {
  return (await port.listSheets()).map((s) => s.name).sort();
}

async function values(port: WorkbookPort, sheet: string): Promise<CellValue[][]> {
  return (await port.read({ kind: 'sheet', sheet })).values;
}

describe.each(adapters)('%s adapter: campaign sheets', (_, make) => {
  it('the same tiers exported again replace their own sheet; an edited one is kept beside the new one', async () => {
    const port = await make();
    await refreshWorkbook(port, { config: fixtureConfig('plain-customers') });
    const userSheets = await names(port);
    const first = await writeCampaignSheet(port, options);
    const again = await writeCampaignSheet(port, options);
    expect(again.sheet).toBe(first.sheet);
    expect(await names(port)).toEqual([...userSheets, first.sheet].sort());
    // The formula-like phone is text, never a formula.
    expect((await values(port, first.sheet)).flat()).toContain('=HYPERLINK("x")');
    // The user edits the list: the next export keeps it and writes a new sheet.
    const before = await values(port, first.sheet);
    const r = before.findIndex((row) => row.includes('C1'));
    const c = before[r].indexOf('C1');
    await port.write([{ op: 'values', sheet: first.sheet, row: r, col: c, values: [['C1 (called)']] }]);
    const third = await writeCampaignSheet(port, options);
    expect(third.sheet).not.toBe(first.sheet);
    expect((await values(port, first.sheet))[r][c]).toBe('C1 (called)');
    expect(await names(port)).toEqual([...userSheets, first.sheet, third.sheet].sort());
  });

  it('a forged entry that names a user sheet as the campaign sheet deletes nothing of the user', async () => {
    const port = await make();
    await refreshWorkbook(port, { config: fixtureConfig('plain-customers') });
    const userSheets = await names(port);
    const reg = JSON.parse((await port.getSetting(REGISTRY_KEY))!) as Registry;
    const victim = userSheets.find((n) => !reg.sheets.some((s) => s.name === n))!;
    const kept = await values(port, victim);
    reg.sheets.push({ ...reg.sheets[0], name: victim, key: 'campaign:abc=A' });
    await port.setSetting(REGISTRY_KEY, JSON.stringify(reg));
    const out = await writeCampaignSheet(port, options);
    expect(out.sheet).not.toBe(victim);
    expect(await values(port, victim)).toEqual(kept);
  });
});
