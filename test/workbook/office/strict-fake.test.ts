// The strict fake behaves as Excel does where the adapter's first promise depends on it
// (sources cited in test/support/fake-excel: model.ts, objects.ts, context.ts).
import { createFakeExcel, workbookFromGrids, type ExcelContext, type FakeExcel } from '../../support/fake-excel';

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e as { code?: string }).code ?? String(e));

function book(extras: Parameters<typeof workbookFromGrids>[1] = {}): FakeExcel {
  return createFakeExcel(
    workbookFromGrids(
      [
        { name: 'S', rows: [['Title', 'x', 'y'], ['id', 'amount', null], ['c1', 10], ['c2', 20], ['Total', 30]] },
        { name: 'T', rows: [] },
      ],
      extras,
    ),
  );
}

const run = <T>(fake: FakeExcel, f: (ctx: ExcelContext) => Promise<T>) => fake.run(f);

describe('strict fake Excel', () => {
  it('merged cells: values read "" outside the top-left cell; a write into part of the area fails, nothing applied', async () => {
    const fake = book({ merges: [{ sheet: 'S', address: 'A1:C1' }] });
    const values = await run(fake, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1:C1').load('values');
      await ctx.sync();
      return r.values;
    });
    expect(values).toEqual([['Title', '', '']]);
    expect(await code(run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('B1:B2').values = [['b'], ['c']];
      await ctx.sync();
    }))).toBe('InvalidOperation');
    expect(fake.workbook.sheets[0].rows[1][1]).toBe('amount');
    // The whole area written: only the top-left cell keeps a value.
    await run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1:C1').values = [['New', 'n', 'm']];
      await ctx.sync();
    });
    expect(fake.workbook.sheets[0].rows[0].slice(0, 3)).toEqual(['New', undefined, undefined]);
    const merged = await run(fake, async (ctx) => {
      // Only areas whose top-left is in the range asked about (OfficeDev/office-js#3611).
      const inside = ctx.workbook.worksheets.getItem('S').getRange('A1:D5').getMergedAreasOrNullObject().load('address');
      const partial = ctx.workbook.worksheets.getItem('S').getRange('B1:D5').getMergedAreasOrNullObject().load('address');
      await ctx.sync();
      return [inside.address, partial.isNullObject];
    });
    expect(merged).toEqual(['S!A1:C1', true]);
  });

  it('a protected sheet refuses values, formats, tables and charts; protected structure refuses sheet changes', async () => {
    const fake = book({ protectedSheets: ['S'], protectedStructure: true, readOnly: true });
    const flags = await run(fake, async (ctx) => {
      const p = ctx.workbook.worksheets.getItem('S').protection.load('protected');
      ctx.workbook.protection.load('protected');
      ctx.workbook.load('readOnly');
      await ctx.sync();
      return [p.protected, ctx.workbook.protection.protected, ctx.workbook.readOnly];
    });
    expect(flags).toEqual([true, true, true]);
    const s = (ctx: ExcelContext) => ctx.workbook.worksheets.getItem('S');
    const attempts: ((ctx: ExcelContext) => void)[] = [
      (ctx) => void (s(ctx).getRange('E1').values = [['x']]),
      (ctx) => void (s(ctx).getRange('E1').format.fill.color = '#FF0000'),
      (ctx) => void s(ctx).getRange('A2:B5').clear(),
      (ctx) => void s(ctx).tables.add('A2:B5', true),
      (ctx) => void ctx.workbook.worksheets.add('New'),
      (ctx) => void ctx.workbook.worksheets.getItem('T').delete(),
    ];
    for (const a of attempts)
      expect(await code(run(fake, async (ctx) => {
        a(ctx);
        await ctx.sync();
      }))).toBe('AccessDenied');
    expect(fake.workbook.sheets.map((x) => x.name)).toEqual(['S', 'T']);
    expect(fake.workbook.tables).toEqual([]);
  });

  it('a table with a totals row, or without a header row: what getRange, getDataBodyRange, getHeaderRowRange and getTotalRowRange give', async () => {
    const fake = book({
      tables: [
        { name: 'WithTotals', sheet: 'S', address: 'A2:B5', showTotals: true },
        { name: 'NoHeaders', sheet: 'T', address: 'A2:A3', showHeaders: false },
      ],
    });
    fake.workbook.sheets[1].rows[1] = ['v1'];
    fake.workbook.sheets[1].rows[2] = ['v2'];
    const got = await run(fake, async (ctx) => {
      const t = ctx.workbook.tables.getItem('WithTotals').load('showTotals,showHeaders');
      const parts = [t.getRange(), t.getDataBodyRange(), t.getHeaderRowRange(), t.getTotalRowRange()].map((r) => r.load('address'));
      const n = ctx.workbook.tables.getItem('NoHeaders').load('showHeaders');
      const nParts = [n.getRange(), n.getDataBodyRange()].map((r) => r.load('address'));
      await ctx.sync();
      return [t.showTotals, t.showHeaders, ...parts.map((p) => p.address), n.showHeaders, ...nParts.map((p) => p.address)];
    });
    expect(got).toEqual([true, true, 'S!A2:B5', 'S!A3:B4', 'S!A2:B2', 'S!A5:B5', false, 'T!A2:A3', 'T!A2:A3']);
    expect(await code(run(fake, async (ctx) => {
      ctx.workbook.tables.getItem('NoHeaders').getHeaderRowRange().load('address');
      await ctx.sync();
    }))).toBe('ItemNotFound');
  });

  it('hidden rows are still in values; numbers keep 15 significant digits; a write into a spill blocks it (#SPILL!)', async () => {
    const fake = book({ hiddenRows: [{ sheet: 'S', rows: [2, 3] }], spills: [{ sheet: 'T', anchor: 'B1', values: [[1], [2], [3]] }] });
    const out = await run(fake, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A3:A4').load('values,rowHidden');
      ctx.workbook.worksheets.getItem('T').getRange('A1:A2').values = [[Number("12345678901234567")], [0.1 + 0.2]];
      ctx.workbook.worksheets.getItem('T').getRange('B3').values = [['mine']];
      const back = ctx.workbook.worksheets.getItem('T').getRange('A1:B3').load('values');
      await ctx.sync();
      return [r.values, r.rowHidden, back.values];
    });
    expect(out).toEqual([[['c1'], ['c2']], true, [[12345678901234600, '#SPILL!'], [0.3, ''], ['', 'mine']]]);
  });

  it('a setting travels whole in its request: over 5 MB it is refused (RequestPayloadSizeLimitExceeded)', async () => {
    const fake = book();
    expect(await code(run(fake, async (ctx) => {
      ctx.workbook.settings.add('big', 'x'.repeat(5 * 1024 * 1024));
      await ctx.sync();
    }))).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.workbook.settings.size).toBe(0);
  });
});
