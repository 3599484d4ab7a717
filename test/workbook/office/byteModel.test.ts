// The Office adapter's byte model: what a values array costs as JSON, counted without
// serialising it. Exact per cell and per row (checked against JSON.stringify on arbitrary
// values), and within a few per cent for large blocks, where it samples rows per column.
import fc from 'fast-check';
import { cellJsonBytes, gridJsonBytes, jsonBytes, jsonStringBytes, rowJsonBytes } from '../../../src/workbook/office/payload';

const cell = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('"', '\\', '\u0000', '\u001f', '\b\f\n\r\t', '\u2028', '\ud800', '\udc00x', '😀', '客户', 1e21, -0, 1e-7, NaN, Infinity),
);

test('a cell and a row: exactly the bytes of their JSON', () => {
  fc.assert(
    fc.property(cell, (v) => {
      expect(cellJsonBytes(v)).toBe(jsonBytes(v));
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.array(cell, { maxLength: 20 }), (row) => {
      expect(rowJsonBytes(row)).toBe(jsonBytes(row));
    }),
  );
  expect(jsonStringBytes('a"b\\c\n')).toBe(Buffer.byteLength(JSON.stringify('a"b\\c\n')));
});

test('a block of up to 512 rows: exact', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 512 })),
      (rows) => {
        expect(gridJsonBytes(rows)).toBe(jsonBytes(rows));
      },
    ),
    { numRuns: 200 },
  );
  expect(gridJsonBytes([])).toBe(jsonBytes([]));
});

/** Order rows as a sheet holds them: ids, serial dates, amounts, regions in two scripts, some blanks. */
function orders(n: number, seed: number): unknown[][] {
  let s = seed;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const regions = ['华东', '华南', 'East', 'Nord-Ost "Zentrale"', ''];
  const rows: unknown[][] = [['order_id', 'customer', 'order_date', 'amount', 'region']];
  for (let i = 1; i < n; i++) {
    const id = seed % 2 ? `C${String(Math.floor(next() * 1e5)).padStart(6, '0')}` : Math.floor(next() * 2 ** 53).toString(16).padStart(16, '0');
    rows.push([i, id, 44_927 + Math.floor(next() * 730), Math.round(next() * 1e7) / 100, regions[Math.floor(next() * regions.length)]]);
  }
  return rows;
}

test.each([
  [5_000, 1],
  [60_000, 2],
  [250_000, 3],
])('a block of %i order rows (seed %i): within 2%% of its JSON', (n, seed) => {
  const rows = orders(n, seed);
  const real = jsonBytes(rows);
  expect(Math.abs(gridJsonBytes(rows) / real - 1)).toBeLessThan(0.02);
});
