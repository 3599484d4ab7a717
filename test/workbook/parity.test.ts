// The two adapters side by side: the same fixture and the same run give the same values and
// the same formats in Excel (the strict fake) and in the .xlsx, and the same text at Excel's
// length limit. A drift between office/ and xlsx/ fails here even when each still matches
// the ops on its own.
import { fixtureConfig, portSnapshot } from './contract';
import { officeFormats, xlsxFileFormats } from './formats';
import { officeFixture, xlsxFixture } from './ports';
import { cleanOps, MAX_CELL_TEXT } from '../../src/output/cells';
import { sheetHash } from '../../src/output/proof';
import type { Registry } from '../../src/output/registry';
import { refreshWorkbook } from '../../src/workbook/run';
import { REGISTRY_KEY } from '../../src/workbook/state';
import type { WorkbookPort } from '../../src/workbook/port';
import { XlsxPort } from '../../src/workbook/ooxml/port';

/**
 * The whole workbook as the port sees it, with the registry's random id taken out. Each sheet's
 * proof hashes our marker (which holds the id), so in its place: whether it matches the sheet as
 * this adapter reads it back.
 */
async function picture(port: WorkbookPort) {
  const registry = JSON.parse((await port.getSetting(REGISTRY_KEY)) ?? '{}') as Registry;
  for (const s of registry.sheets ?? []) {
    const read = await port.read({ kind: 'sheet', sheet: s.name });
    s.hash = sheetHash(read.values, read.col) === s.hash ? 'proven' : `not proven: ${s.hash}`;
  }
  const snapshot = await portSnapshot(port);
  snapshot.settings[REGISTRY_KEY] = JSON.stringify(registry);
  return JSON.parse(JSON.stringify(snapshot).split(registry.id).join('<id>')) as unknown;
}

describe('the Office and xlsx adapters agree', () => {
  it('on the values, tables, charts and formats of a refresh, and again after a second one', async () => {
    const office = officeFixture('demo-small');
    const xlsx = await xlsxFixture('demo-small');
    const config = fixtureConfig('demo-small');
    for (const port of [office.port, xlsx]) await refreshWorkbook(port, { config, analysisDate: '2024-06-30' });
    for (const port of [office.port, xlsx]) await refreshWorkbook(port, {});
    const file = await xlsx.toBuffer();
    expect(await picture(await XlsxPort.fromBuffer(file))).toEqual(await picture(office.port));
    const a = officeFormats(office.fake.workbook);
    const b = await xlsxFileFormats(file);
    expect(Object.keys(b.sheets)).toEqual(Object.keys(a.sheets));
    for (const name of Object.keys(a.sheets)) expect([name, b.sheets[name]]).toEqual([name, a.sheets[name]]);
    expect(b.tables).toEqual(a.tables);
  });

  it('on text at Excel’s limit: 32,767 characters, never half a surrogate pair', async () => {
    const texts = [
      'x'.repeat(MAX_CELL_TEXT),
      'x'.repeat(MAX_CELL_TEXT + 10),
      'x'.repeat(MAX_CELL_TEXT - 1) + '😀',
      '😀'.repeat(20_000),
      `=${'中'.repeat(40_000)}`,
      'tab\tnew\nline\r\u0000\u0008\u000b\u001f\ufffe\uffff end',
    ];
    const ops = cleanOps([{ op: 'values', sheet: '订单', row: 0, col: 12, values: texts.map((s) => [s]) }]);
    const office = officeFixture('orders-only').port;
    const xlsx = await xlsxFixture('orders-only');
    const held: string[][] = [];
    for (const port of [office, xlsx]) {
      await port.write(ops);
      const p = port === xlsx ? await XlsxPort.fromBuffer(await xlsx.toBuffer()) : port;
      held.push((await p.read({ kind: 'sheet', sheet: '订单', address: `M1:M${texts.length}` })).values.map((r) => r[0] as string));
    }
    expect(held[1]).toEqual(held[0]);
    expect(held[0].map((s) => s.length)).toEqual([MAX_CELL_TEXT, MAX_CELL_TEXT, MAX_CELL_TEXT - 1, MAX_CELL_TEXT - 1, MAX_CELL_TEXT, 17]);
    for (const s of held[0]) expect(s).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(held[0][5]).toBe('tab\tnew\nline\n end');
  });
});
