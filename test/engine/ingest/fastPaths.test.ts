// The hot loops' fast paths against the general ones: a sheet's date column read straight from
// its rows equals the same column read cell by cell, the outlier pass that is skipped when no
// date is late marks exactly the rows the full rule marks, and an id stored as a number (interned
// by its value) is the customer its text is.
import fc from 'fast-check';
import { farCutoff, reportOutlierDates } from '../../../src/engine/ingest/dateOutliers';
import { DATE_OK, DATE_INVALID, parseDateGridColumn, type DateColumn } from '../../../src/engine/ingest/dates';
import { normalizeId } from '../../../src/engine/ingest/cells';
import { StringInterner } from '../../../src/engine/ingest/intern';
import { IssueList } from '../../../src/engine/ingest/issues';
import { ingestOrders } from '../../../src/engine/ingest/orders';
import { rowCells, type GridCells } from '../../../src/engine/ingest/textColumns';
import type { Cell } from '../../../src/engine/types';

/** The same rows without `sheetRows`: every cell through cell(r, c), as a text grid is read. */
function byCell(values: Cell[][]): GridCells {
  const rows = rowCells(values);
  return { rows: rows.rows, cell: (r, c) => rows.cell(r, c), set: (r, c, v) => rows.set(r, c, v), row: (r) => rows.row(r) };
}

const serial = fc.oneof(
  fc.integer({ min: -5, max: 3_000_000 }),
  fc.double({ min: -100, max: 3_000_000, noNaN: false }),
  fc.integer({ min: 40_000, max: 50_000 }).map((d) => d + 0.25),
  fc.integer({ min: 19_000_101, max: 21_001_231 }),
  fc.constantFrom(0, 59, 60, 61, 2_958_465, 2_958_466, NaN, Infinity, -Infinity),
);
const text = fc.oneof(
  fc.constantFrom('', ' ', '#N/A', '#VALUE!', '2024-03-05', '3/5/2024', '13/5/2024', '5/13/24', '5-Mar-2024', '２０２４-03-05', '20240305', 'later', '2024-02-30'),
  fc.string({ maxLength: 12 }),
);
const cell: fc.Arbitrary<Cell | undefined> = fc.oneof({ weight: 6, arbitrary: serial }, { weight: 3, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom(null, undefined, true) as fc.Arbitrary<Cell | undefined> });
/** A row with the date in column 1; now and then a short row (no date cell at all). */
const row = fc.tuple(cell, fc.boolean()).map(([v, short]) => (short ? ['K1'] : ['K1', v, 10]) as Cell[]);

const plain = (d: DateColumn) => ({ ...d, days: Array.from(d.days), errors: Array.from(d.errors) });

describe('a date column read from sheet rows directly', () => {
  test('equals the same column read cell by cell (serials incl. fractions, negatives, NaN, 1904; text; blanks; short rows)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.constantFrom<1900 | 1904>(1900, 1904), fc.constantFrom('auto' as const, 'mdy' as const, 'dmy' as const), (rows, dateSystem, order) => {
        const values: Cell[][] = [['customer', 'date', 'amount'], ...rows];
        const direct = parseDateGridColumn(rowCells(values), 1, { dateSystem, order });
        const general = parseDateGridColumn(byCell(values), 1, { dateSystem, order });
        expect(rowCells(values).sheetRows).toBe(values);
        expect(byCell(values).sheetRows).toBeUndefined();
        expect(plain(direct)).toEqual(plain(general));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the outlier pass', () => {
  const place = { table: 'orders' as const, sheet: 'Orders', headerRow: 1, firstColumn: 0, headers: ['customer', 'date', 'amount'] };
  test('marks exactly the ok rows after today or at or beyond the far cutoff, whether or not it runs over the rows', () => {
    const today = 20_000;
    const day = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 19_000, max: 20_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 90_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 19_000 }) });
    fc.assert(
      fc.property(fc.array(fc.tuple(day, fc.boolean()), { minLength: 1, maxLength: 60 }), (rows) => {
        const days = Float64Array.from(rows, ([d, bad]) => (bad ? NaN : d));
        const errors = Uint8Array.from(rows, ([, bad]) => (bad ? DATE_INVALID : DATE_OK));
        const until = today + 1;
        const far = farCutoff(days, errors, until);
        const expected = rows.map(([d, bad]) => !bad && (d > until || (far !== null && d >= far.cutoff)));
        const dates: DateColumn = { days: days.slice(), errors: errors.slice(), format: 'serial', ambiguous: false, conflict: false, order: null, ambiguousExample: '' };
        const values: Cell[][] = [['customer', 'date', 'amount'], ...rows.map(([d]) => ['K1', d, 1] as Cell[])];
        const issues = new IssueList();
        reportOutlierDates(rowCells(values), 1, dates, place, issues, today);
        const marked = Array.from(dates.errors, (e, i) => e !== errors[i]);
        expect(marked).toEqual(expected);
        expect(issues.items.map((i) => i.row)).toEqual(expected.flatMap((m, i) => (m ? [i + 2] : [])));
        for (let i = 0; i < rows.length; i++) if (marked[i]) expect(dates.days[i]).toBeNaN();
      }),
      { numRuns: 300 },
    );
  });
});

describe('ids stored as numbers', () => {
  const numberId = fc.oneof(
    fc.integer({ min: 0, max: 3_000_000 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: -50, max: -1 }),
    fc.double({ min: 0, max: 5000, noNaN: true }),
    fc.constantFrom(-0, 0, 1e21, 2 ** 21, 2 ** 21 - 1, 123456789012, 0.5, 1e-7),
  );
  const textId = fc.oneof(fc.stringMatching(/^[0-9]{1,10}$/), fc.constantFrom('C000123', 'C12', '007', '0', ' 42 ', '42.0', 'abc', '#N/A', '１２３'));

  test('get the code of their text (String(x)) whatever came first: numbers and text mixed', () => {
    fc.assert(
      // Drawn from a small pool, so ids repeat (the second sight must find the first's code).
      fc.property(fc.array(fc.oneof(numberId, textId), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 200 }), (pool, picks) => {
        const ids = picks.map((p) => pool[p % pool.length]);
        const fast = new StringInterner(16);
        const text = new StringInterner(16);
        const codes = ids.map((x) => (typeof x === 'number' ? fast.internNumber(x) : fast.intern(normalizeId(x))));
        const expected = ids.map((x) => text.intern(normalizeId(x)));
        expect(codes).toEqual(expected);
        expect(fast.keys).toEqual(text.keys);
      }),
      { numRuns: 400 },
    );
  });

  test('ingest the same as the same ids written as text; NaN and infinities are blank ids', () => {
    const place = { table: 'orders' as const, sheet: 'Orders', headerRow: 1, firstColumn: 0, headers: ['customer', 'date', 'amount'] };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(numberId, textId), fc.constantFrom<Cell>(45000, 45100, '', 'x'), fc.constantFrom<Cell>(10, 2.5, '', 'n/a')), { minLength: 1, maxLength: 60 }), (rows) => {
        const read = (asText: boolean) => {
          const values: Cell[][] = [['customer', 'date', 'amount'], ...rows.map(([id, d, a]) => [asText && typeof id === 'number' ? String(id) : id, d, a] as Cell[])];
          const issues = new IssueList();
          try {
            const { data, rows: n } = ingestOrders({ name: 'Orders', values }, place, {}, 'auto', issues, 30_000);
            return { n, codes: Array.from(data.customerCode!), keys: data.customerKeys, day: Array.from(data.day), issues: issues.items.map((i) => [i.code, i.row, i.column]) };
          } catch (e) {
            return { error: String(e) };
          }
        };
        expect(read(false)).toEqual(read(true));
      }),
      { numRuns: 300 },
    );
    const issues = new IssueList();
    const values: Cell[][] = [['customer', 'date', 'amount'], [NaN, 45000, 1], [Infinity, 45000, 1], [-Infinity, 45000, 1], [7, 45000, 1]];
    const { data } = ingestOrders({ name: 'Orders', values }, place, {}, 'auto', issues, 30_000);
    expect(data.customerKeys).toEqual(['7']);
    expect(issues.items.map((i) => [i.code, i.row])).toEqual([['id_blank', 2], ['id_blank', 3], ['id_blank', 4]]);
  });
});
