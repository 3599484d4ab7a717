import fc from 'fast-check';
import Papa from 'papaparse';
import { defaultConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import { ingest, textToGrid } from '../../../src/engine/ingest';
import { locatedTables } from '../../../src/engine/ingest/sources';
import { splitColumns } from '../../../src/engine/ingest/text';
import { cellsOf } from '../../../src/engine/ingest/textColumns';
import { TieringError, type SourceGrid } from '../../../src/engine/types';

const config = defaultConfig();
const encode = (s: string) => new TextEncoder().encode(s);

/** The row reader's grid of the same file: Papa Parse's rows, as the reader read text before columns. */
function rowGrid(text: string, columnar: ReturnType<typeof textToGrid>): SourceGrid {
  const body = columnar.headerRow === 2 ? text.slice(text.indexOf('\n') + 1) : text;
  const rows = Papa.parse<string[]>(body, { delimiter: columnar.delimiter, skipEmptyLines: false, quoteChar: '"' }).data;
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '') rows.pop();
  return { name: columnar.name, headerRow: columnar.headerRow, firstColumn: 0, fromText: true, values: rows };
}

/** What ingest makes of a grid: everything it returns, or the error it stops with. */
function ingested(kind: 'orders' | 'customers', grid: SourceGrid): unknown {
  try {
    const r = ingest({ [kind]: grid }, config);
    return { ...r, orders: r.orders && { ...r.orders }, customers: r.customers && { ...r.customers } };
  } catch (e) {
    if (e instanceof TieringError) return { error: e.code, params: e.params };
    throw e;
  }
}

const CELLS: Record<string, string[]> = {
  customer_id: ['C1', 'C2', ' C2 ', '1001', '1001.0', '00042', '', '  ', '#N/A'],
  order_date: ['2024-03-05', '2023-12-31', '5/3/2024', '13/02/2024', '02/13/2024', '3/4/24', '20240305', 'bad', '', '2204-01-01', '#REF!', '2024-03-05 14:30'],
  amount: ['12.50', '100', '12,50', '1,234', '7,5', '1.234,50', '-3', '', 'abc', '#VALUE!', '1e400', '¥1,200'],
  quantity: ['1', '2', '3,5', '', 'x'],
  'unit price': ['9.90', '5', '19,9', '', '#DIV/0!'],
  discount: ['0', '1', '2,5', '', '10%'],
  customer_name: ['Ann', 'Bob', 'ann ', ''],
  profit: ['1.5', '2,25', '', 'n/a'],
  order_id: ['A1', 'A2', '', 'A3'],
  category: ['Tea', 'Coffee', 'tea', ''],
  name: ['Ann', 'Bob', ''],
  revenue: ['300', '12,5', '1.000,50', '1,234', ''],
  region: ['North', 'South', ''],
};

const LAYOUTS: Record<'orders' | 'customers', string[][]> = {
  orders: [
    ['customer_id', 'order_date', 'amount'],
    ['customer_id', 'order_date', 'amount', 'customer_name', 'profit', 'order_id', 'category'],
    ['order_date', 'customer_id', 'quantity', 'unit price', 'discount'],
  ],
  customers: [
    ['customer_id', 'name', 'revenue', 'region'],
    ['customer_id', 'revenue'],
  ],
};

/** A quote-free text file of one table: sep= and title lines, blank and ragged lines, LF or CRLF. */
const textFile = (kind: 'orders' | 'customers') =>
  fc
    .record({
      layout: fc.constantFrom(...LAYOUTS[kind]),
      delimiter: fc.constantFrom(',', ';', '\t'),
      eol: fc.constantFrom('\n', '\r\n'),
      sep: fc.boolean(),
      commas: fc.boolean(),
      title: fc.constantFrom('', 'Sales 2024', ' '),
      trailing: fc.boolean(),
      lines: fc.array(fc.record({ pick: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }), shape: fc.constantFrom('full', 'full', 'full', 'short', 'long', 'blank', 'spaces') }), { maxLength: 30 }),
    })
    .map(({ layout, delimiter, eol, sep, commas, title, trailing, lines }) => {
      const body = lines.map(({ pick, shape }) => {
        if (shape === 'blank') return '';
        if (shape === 'spaces') return ' ';
        // Mostly the first two (good) values of a column, so most files have rows to read.
        const chosen = layout.map((h, j) => CELLS[h][pick[j] % 10 < 6 ? pick[j] % 2 : pick[j] % CELLS[h].length]);
        // A file of decimal commas (a German Excel's semicolon CSV), where "1,234" is ambiguous.
        const cells = commas && delimiter !== ',' ? chosen.map((c) => c.replace(/^(-?\d+)\.(\d+)$/, '$1,$2')) : chosen;
        if (shape === 'short') return cells.slice(0, 1 + (pick[8] % (cells.length - 1))).join(delimiter);
        return (shape === 'long' ? [...cells, 'extra'] : cells).join(delimiter);
      });
      // A title row carries delimiters (a spreadsheet's empty cells), or the delimiter is not detected.
      const all = [...(sep ? [`sep=${delimiter}`] : []), ...(title ? [title + delimiter.repeat(2), ''] : []), layout.join(delimiter), ...body];
      return all.join(eol) + (trailing ? eol : '');
    });

describe('the column reader and the row reader ingest alike', () => {
  for (const kind of ['orders', 'customers'] as const) {
    test(`${kind}: the same data, issues with their rows and cells, notes and errors`, () => {
      fc.assert(
        fc.property(textFile(kind), (text) => {
          const columnar = textToGrid(encode(text), `${kind}.csv`);
          expect(columnar.columns).toBeDefined();
          const rows = rowGrid(text, columnar);
          expect(ingested(kind, columnar)).toEqual(ingested(kind, rows));
        }),
        { numRuns: 250 },
      );
    });
  }
});

describe('a text grid by column', () => {
  const text = 'Report;;;\n\ncustomer_id;order_date;amount;category\nC1;2024-03-05;12,50;Tea\nC2;2024-03-06;1,234;Coffee\n\nC1;bad;3\nC3;2024-03-07;7,5;Tea\n';

  const unbuilt = (g: SourceGrid) => Object.getOwnPropertyDescriptor(g, 'values')!.get !== undefined && g.columns !== undefined;

  test('the orders path (decimal commas, habits, a bad row) never builds its rows', () => {
    const g = textToGrid(encode(text.split('\n').slice(2).join('\n')), 'orders.csv');
    const result = classify({ orders: g }, config);
    expect(result.issues.map((i) => [i.code, i.row])).toEqual([
      ['decimal_comma_ambiguous', 3],
      ['date_invalid', 5],
    ]);
    expect(result.stats.ordersUsed).toBe(3);
    expect(unbuilt(g)).toBe(true);
  });

  test('nor does a title row above the header (the table is cut by column)', () => {
    const g = textToGrid(encode(text), 'orders.csv');
    const { tables, notes } = locatedTables({ orders: g }, {});
    expect(notes.map((n) => n.code)).toEqual(['source_header_row']);
    const result = classify(tables, config);
    expect(result.issues.map((i) => [i.code, i.row])).toEqual([
      ['decimal_comma_ambiguous', 5],
      ['date_invalid', 7],
    ]);
    expect(unbuilt(g) && unbuilt(tables.orders!)).toBe(true);
  });

  test('rows are built when read, with the cells ingest settled, and then are the one copy', () => {
    const g = textToGrid(encode(text.split('\n').slice(2).join('\n')), 'orders.csv');
    ingest({ orders: g }, config);
    expect(g.values[2]).toEqual(['C2', '2024-03-06', '1.234', 'Coffee']);
    expect(g.values[4]).toEqual(['C1', 'bad', '3']);
    expect(g.columns).toBeUndefined();
    (g.values[1] as string[])[2] = '99';
    expect(cellsOf(g).cell(1, 2)).toBe('99');
  });

  test('a stray line far wider than the rest is read by row (columns would take a place for every line)', () => {
    const lines = ['id,date,amount', ...Array.from({ length: 3000 }, (_, i) => `C${i},2024-01-01,1`)];
    lines[1500] = ','.repeat(50_000);
    const text = lines.join('\n');
    expect(splitColumns(text, ',')).toBeNull();
    const g = textToGrid(encode(text), 'f.csv');
    expect(g.columns).toBeUndefined();
    expect(g.values[1500]).toHaveLength(50_001);
    expect(g.values[1501]).toEqual(['C1500', '2024-01-01', '1']);
    expect(splitColumns(lines.slice(0, 1500).join('\n'), ',')?.rows).toBe(1500);
  });

  test('a ragged file keeps each line its own length', () => {
    const g = textToGrid(encode('a,b,c\r\n1\r\n\r\n1,2,3,4\r\n'), 'f.csv');
    expect(cellsOf(g).cell(1, 1)).toBeUndefined();
    expect(cellsOf(g).row(3)).toEqual(['1', '2', '3', '4']);
    expect(g.values).toEqual([['a', 'b', 'c'], ['1'], [''], ['1', '2', '3', '4']]);
  });
});
