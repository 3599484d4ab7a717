// The fake is only useful if it is as strict as Excel where the adapter could go wrong.
import * as fs from 'fs';
import * as path from 'path';
import { createFakeExcel, installFakeOffice, snapshotWorkbook, valuesOf, workbookFromGrids, type FakeExcel } from '../../support/fake-excel';

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { code?: string }) => e.code ?? String(e),
  );

function book(): FakeExcel {
  return createFakeExcel(
    workbookFromGrids(
      [
        { name: 'Orders', rows: [['id', 'customer', 'amount'], [1, 'Ann', 10.5], [2, 'Bob', 20]] },
        { name: 'Empty', rows: [] },
      ],
      { tables: [{ name: 'OrdersTable', sheet: 'Orders', address: 'A1:C3' }], names: [{ name: 'OrderIds', sheet: 'Orders', address: 'A2:A3' }] },
    ),
  );
}

describe('proxies', () => {
  it('throws PropertyNotLoaded until load() and sync()', async () => {
    const fake = book();
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Orders').getRange('A1:C2');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      range.load('values');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(range.values).toEqual([
        ['id', 'customer', 'amount'],
        [1, 'Ann', 10.5],
      ]);
      expect(() => range.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('queues writes until sync; the proxy shows what was set', async () => {
    const fake = book();
    await fake.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem('Orders').getRange('D1');
      cell.values = [['note']];
      expect(cell.values).toEqual([['note']]);
      expect(valuesOf(fake.workbook, 'Orders')[0]).toHaveLength(3);
      await ctx.sync();
      expect(valuesOf(fake.workbook, 'Orders')[0][3]).toBe('note');
    });
  });

  it('fails getItem on a missing sheet at sync, not at the call', async () => {
    const fake = book();
    let reachedSync = false;
    const code = await codeOf(
      fake.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Nope');
        ws.load('name');
        reachedSync = true;
        await ctx.sync();
      }),
    );
    expect(reachedSync).toBe(true);
    expect(code).toBe('ItemNotFound');
  });

  it('tells a null object only after sync', async () => {
    const fake = book();
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const present = ctx.workbook.worksheets.getItemOrNullObject('orders'); // case-insensitive
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
    });
  });

  it('applies the commands before a failing one (a request is not a transaction)', async () => {
    const fake = book();
    const code = await codeOf(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.add('Kept');
        ctx.workbook.worksheets.getItem('Nope').delete();
        ctx.workbook.worksheets.add('Never');
        await ctx.sync();
      }),
    );
    expect(code).toBe('ItemNotFound');
    expect(fake.workbook.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual(['Orders', 'Empty', 'Kept']);
  });

  it('sends what is still queued when the batch returns', async () => {
    const fake = book();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.add('Late');
    });
    expect(snapshotWorkbook(fake.workbook).sheets.map((s) => s.name)).toContain('Late');
  });
});

describe('sheet names and the grid', () => {
  it.each([
    ['a/b', 'InvalidArgument'],
    ['what?', 'InvalidArgument'],
    ['[x]', 'InvalidArgument'],
    ['x'.repeat(32), 'InvalidArgument'],
    ["'quoted", 'InvalidArgument'],
    ['', 'InvalidArgument'],
    ['History', 'InvalidArgument'],
    ['history', 'InvalidArgument'],
    ['ORDERS', 'ItemAlreadyExists'],
    ['客户分层 A类', 'no error'],
    ['x'.repeat(31), 'no error'],
  ])('add(%j) → %s', async (name, expected) => {
    const fake = book();
    expect(await codeOf(fake.run(async (ctx) => void (ctx.workbook.worksheets.add(name), await ctx.sync())))).toBe(expected);
  });

  it('frees the name of a deleted sheet within the same request', async () => {
    const fake = book();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Empty').delete();
      ctx.workbook.worksheets.add('EMPTY').getRange('A1').values = [['new']];
      await ctx.sync();
    });
    expect(snapshotWorkbook(fake.workbook).sheets.map((s) => s.name)).toEqual(['Orders', 'EMPTY']);
    expect(valuesOf(fake.workbook, 'empty')).toEqual([['new']]);
  });

  it('renaming follows the same rules', async () => {
    const fake = book();
    expect(
      await codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Empty').name = 'orders';
          await ctx.sync();
        }),
      ),
    ).toBe('ItemAlreadyExists');
  });

  it('keeps ranges inside 1,048,576 rows × 16,384 columns', async () => {
    const fake = book();
    const at = (r: number, c: number, rows = 1, cols = 1) =>
      codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Empty').getRangeByIndexes(r, c, rows, cols).load('address');
          await ctx.sync();
        }),
      );
    expect(await at(1_048_575, 16_383)).toBe('no error');
    expect(await at(1_048_576, 0)).toBe('InvalidArgument');
    expect(await at(0, 16_384)).toBe('InvalidArgument');
    expect(await at(1_048_570, 0, 10, 1)).toBe('InvalidArgument');
    expect(await at(0, 0, 0, 1)).toBe('InvalidArgument');
    const corner = await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Empty').getRange('XFD1048576').load('address');
      await ctx.sync();
      return r.address;
    });
    expect(corner).toBe('Empty!XFD1048576');
    expect(
      await codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Empty').getRange('A1').getResizedRange(1_048_576, 0).load('address');
          await ctx.sync();
        }),
      ),
    ).toBe('InvalidArgument');
    expect(await codeOf(fake.run(async (ctx) => void (ctx.workbook.worksheets.getItem('Empty').getRange('XFE1').load('address'), await ctx.sync())))).toBe(
      'InvalidArgument',
    );
  });
});

describe('cell input', () => {
  async function write(value: unknown, format?: string): Promise<{ value: unknown; formula?: string }> {
    const fake = book();
    await fake.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem('Empty').getRange('B2');
      if (format) cell.numberFormat = [[format]];
      cell.values = [[value]];
      await ctx.sync();
    });
    const s = snapshotWorkbook(fake.workbook).sheets.find((x) => x.name === 'Empty')!;
    return { value: s.values[1][1], formula: s.formulas.B2 };
  }

  it('reads strings the way Excel reads typing', async () => {
    expect(await write("=cmd|' /C calc'!A0")).toEqual({ value: '#NAME?', formula: "=cmd|' /C calc'!A0" });
    expect(await write('=1+1')).toMatchObject({ formula: '=1+1' });
    expect(await write('+A1')).toMatchObject({ formula: '=+A1' });
    expect(await write('@x')).toMatchObject({ formula: '=@x' });
    expect(await write('-2')).toEqual({ value: -2 });
    expect(await write('+1')).toEqual({ value: 1 });
    expect(await write('00123')).toEqual({ value: 123 });
    expect(await write('TRUE')).toEqual({ value: true });
    expect(await write('2024-03-05')).toEqual({ value: 45356 });
    expect(await write('Ann')).toEqual({ value: 'Ann' });
  });

  it('keeps text formatted as "@" or marked with an apostrophe', async () => {
    expect(await write('=1+1', '@')).toEqual({ value: '=1+1' });
    expect(await write("'=cmd|' /C calc'!A0")).toEqual({ value: "=cmd|' /C calc'!A0" });
    expect(await write("'00123")).toEqual({ value: '00123' });
  });

  it('ignores nulls, rejects NaN, over-long text and shapes that do not match', async () => {
    const fake = book();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Orders').getRange('A2:B2').values = [[null, 'Zed']];
      await ctx.sync();
    });
    expect(valuesOf(fake.workbook, 'Orders')[1]).toEqual([1, 'Zed', 10.5]);
    const put = (range: string, v: unknown) =>
      codeOf(
        fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Orders').getRange(range).values = v as unknown[][];
          await ctx.sync();
        }),
      );
    expect(await put('A1:B1', [[1]])).toBe('InvalidArgument');
    expect(await put('A1:A2', [[1]])).toBe('InvalidArgument');
    expect(await put('A1', [[NaN]])).toBe('InvalidArgument');
    expect(await put('A1', [['x'.repeat(32768)]])).toBe('InvalidArgument');
    expect(await put('A1', [[{ a: 1 }]])).toBe('InvalidArgument');
  });
});

describe('payload meter', () => {
  it('rejects a request over the limit before applying any of it, and counts bytes', async () => {
    const fake = createFakeExcel(workbookFromGrids([{ name: 'S', rows: [] }]));
    const big = Array.from({ length: 100_000 }, (_, i) => [`customer name number ${i} with padding`, i, i * 1.5, 'segment text']);
    const code = await codeOf(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.add('Before');
        ctx.workbook.worksheets.getItem('S').getRangeByIndexes(0, 0, big.length, 4).values = big;
        await ctx.sync();
      }),
    );
    expect(code).toBe('RequestPayloadSizeLimitExceeded');
    expect(JSON.stringify(big).length).toBeGreaterThan(5 * 1024 * 1024);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['S']);
    expect(fake.stats.failedSyncs).toBe(1);
    expect(fake.stats.requestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('rejects a response over the limit', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [`row ${i} `.padEnd(60, 'x')]);
    const fake = createFakeExcel(workbookFromGrids([{ name: 'S', rows }]));
    const code = await codeOf(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A:A').load('values');
        await ctx.sync();
      }),
    );
    expect(code).toBe('ResponsePayloadSizeLimitExceeded');
    const ok = await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1:A1000').load('values');
      await ctx.sync();
      return r.values.length;
    });
    expect(ok).toBe(1000);
    expect(fake.stats.syncs).toBe(2);
    expect(fake.stats.log.map((l) => l.failed)).toEqual(['ResponsePayloadSizeLimitExceeded', undefined]);
    expect(fake.stats.log[0].responseBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(fake.stats.log[1].responseBytes).toBeGreaterThan(60_000);
    expect(fake.stats.log[1].responseBytes).toBeLessThan(100_000);
  });
});

describe('tables, charts, names, settings', () => {
  it('enforces table names and overlap, and moves cells when columns are added or deleted', async () => {
    const tableCode = (address: string, name: string) =>
      codeOf(
        book().run(async (ctx) => {
          const t = ctx.workbook.worksheets.getItem('Orders').tables.add(address, true);
          t.name = name;
          await ctx.sync();
        }),
      );
    expect(await tableCode('A1:C3', 'Other')).toBe('InvalidArgument'); // overlaps OrdersTable
    expect(await tableCode('E1:F3', 'has space')).toBe('InvalidArgument');
    expect(await tableCode('E1:F3', 'A1')).toBe('InvalidArgument');
    expect(await tableCode('E1:F3', 'orderstable')).toBe('ItemAlreadyExists');
    expect(await tableCode('E1:F3', 'orderids')).toBe('ItemAlreadyExists'); // a defined name
    expect(await tableCode('E1:F3', '客户_2024')).toBe('no error');
    const fake = book();
    fake.workbook.sheets[0].rows[0][4] = 'right of table';
    await fake.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem('OrdersTable');
      t.columns.add(undefined, undefined, 'tier');
      await ctx.sync();
    });
    let snap = snapshotWorkbook(fake.workbook);
    expect(snap.tables.find((t) => t.name === 'OrdersTable')).toMatchObject({ address: 'A1:D3', headers: ['id', 'customer', 'amount', 'tier'] });
    expect(snap.sheets[0].values[0]).toEqual(['id', 'customer', 'amount', 'tier', null, 'right of table']);
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem('OrdersTable').columns.getItem('customer').delete();
      await ctx.sync();
    });
    snap = snapshotWorkbook(fake.workbook);
    expect(snap.tables.find((t) => t.name === 'OrdersTable')).toMatchObject({ address: 'A1:C3', headers: ['id', 'amount', 'tier'] });
    expect(snap.sheets[0].values[1].slice(0, 2)).toEqual([1, 10.5]);
    expect(await codeOf(fake.run(async (ctx) => void (ctx.workbook.tables.getItem('Gone').load('name'), await ctx.sync())))).toBe('ItemNotFound');
  });

  it('builds charts from ranges and deletes them', async () => {
    const fake = book();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Orders');
      const chart = ws.charts.add('ColumnClustered', ws.getRange('C2:C3'), 'Columns');
      chart.name = 'Revenue';
      chart.title.text = 'Revenue per customer';
      chart.series.getItemAt(0).setXAxisValues(ws.getRange('B2:B3'));
      const line = chart.series.add('Cumulative');
      line.setValues(ws.getRange('A2:A3'));
      line.chartType = 'Line';
      line.axisGroup = 'Secondary';
      chart.setPosition('E2', 'L16');
      await ctx.sync();
    });
    const chart = snapshotWorkbook(fake.workbook).sheets[0].charts[0];
    expect(chart).toMatchObject({ name: 'Revenue', type: 'ColumnClustered', title: 'Revenue per customer', position: 'E2:L16' });
    expect(chart.series).toEqual([
      { name: 'Series1', values: 'Orders!C2:C3', x: 'Orders!B2:B3', type: undefined, axis: undefined },
      { name: 'Cumulative', values: 'Orders!A2:A3', x: undefined, type: 'Line', axis: 'Secondary' },
    ]);
    expect(
      await codeOf(
        fake.run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem('Orders');
          ws.charts.add('Radar3D', ws.getRange('C2:C3'), 'Columns');
          await ctx.sync();
        }),
      ),
    ).toBe('InvalidArgument');
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Orders').charts.getItem('Revenue').delete();
      await ctx.sync();
    });
    expect(snapshotWorkbook(fake.workbook).sheets[0].charts).toEqual([]);
  });

  it('stores settings and resolves named ranges', async () => {
    const fake = book();
    const got = await fake.run(async (ctx) => {
      ctx.workbook.settings.add('config', '{"version":1}');
      const s = ctx.workbook.settings.getItemOrNullObject('config').load('value');
      const none = ctx.workbook.settings.getItemOrNullObject('other').load('value');
      const named = ctx.workbook.names.getItem('OrderIds').getRange().load('values,address');
      await ctx.sync();
      return { value: s.value, none: none.isNullObject, named: named.values, address: named.address };
    });
    expect(got).toEqual({ value: '{"version":1}', none: true, named: [[1], [2]], address: 'Orders!A2:A3' });
  });
});

describe('installFakeOffice', () => {
  it('defines Excel, Office and OfficeExtension on a global object', async () => {
    const target = {} as typeof globalThis;
    const fake = installFakeOffice(target, book().workbook, { apiVersion: '1.9', language: 'zh-CN' });
    const g = target as unknown as {
      Excel: { run: (b: (ctx: never) => Promise<unknown>) => Promise<unknown> };
      Office: {
        onReady(): Promise<{ host: string }>;
        context: { displayLanguage: string; requirements: { isSetSupported(n: string, v: string): boolean } };
        actions: { associate(name: string, fn: () => void): void };
      };
    };
    expect((await g.Office.onReady()).host).toBe('Excel');
    expect(g.Office.context.displayLanguage).toBe('zh-CN');
    expect(g.Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(g.Office.context.requirements.isSetSupported('ExcelApi', '1.10')).toBe(false);
    g.Office.actions.associate('refreshTiers', () => undefined);
    expect([...fake.actions.keys()]).toEqual(['refreshTiers']);
    const names = await g.Excel.run(async (ctx: never) => {
      const c = ctx as unknown as { workbook: { worksheets: { load(s: string): { items: { name: string }[] } } }; sync(): Promise<void> };
      const sheets = c.workbook.worksheets.load('items/name');
      await c.sync();
      return sheets.items.map((s) => s.name);
    });
    expect(names).toEqual(['Orders', 'Empty']);
    expect(fake.stats.syncs).toBe(1);
  });
});

describe('bundling', () => {
  it('uses no Node built-ins and no jest globals, so webpack can put it in a page', () => {
    const dir = path.resolve(__dirname, '../../support/fake-excel');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((i) => !i.startsWith('./'))).toEqual([]);
      expect(src).not.toMatch(/\b(jest|expect|describe|process|require|Buffer)\s*[.(]/);
    }
  });
});

describe('table headers', () => {
  it('stay unique non-empty text when values are written over them', async () => {
    const fake = book();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Orders').getRange('A1:C2').values = [
        ['name', 'name', ''],
        [7, 'Cy', 1],
      ];
      await ctx.sync();
    });
    expect(snapshotWorkbook(fake.workbook).tables[0].headers).toEqual(['name', 'name2', 'Column3']);
  });
});
