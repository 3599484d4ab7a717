import { dayToIso } from '../../../src/engine/calendar';
import { DATE_BLANK, DATE_EXCEL_ERROR, DATE_INVALID, DATE_OK, parseDateColumn, serialToDays } from '../../../src/engine/ingest';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;
const opts = { dateSystem: 1900 as const, order: 'auto' as const };

describe('Excel serials', () => {
  test.each([
    [1, day(1900, 1, 1)],
    [59, day(1900, 2, 28)],
    [61, day(1900, 3, 1)], // after Lotus's fictitious 1900-02-29
    [25569, day(1970, 1, 1)],
    [43831, day(2020, 1, 1)],
    [45356, day(2024, 3, 5)],
    [45356.75, day(2024, 3, 5)], // time of day dropped
    [2958465, day(9999, 12, 31)],
  ])('1900 system: %p', (serial, expected) => {
    expect(serialToDays(serial, 1900)).toBe(expected);
  });

  test('the fake 1900-02-29 (serial 60) and out-of-range serials are invalid', () => {
    for (const s of [60, 0, -5, 2958466, Number.NaN]) expect(serialToDays(s, 1900)).toBeNaN();
  });

  test.each([
    [0, day(1904, 1, 1)],
    [1, day(1904, 1, 2)],
    [43894, day(2024, 3, 5)], // 1462 days less than the 1900 serial
  ])('1904 system: %p', (serial, expected) => {
    expect(serialToDays(serial, 1904)).toBe(expected);
  });

  test('8-digit whole numbers are yyyymmdd (CDNOW files)', () => {
    expect(serialToDays(19970101, 1900)).toBe(day(1997, 1, 1));
    expect(serialToDays(19970231, 1900)).toBeNaN();
  });
});

describe('parseDateColumn: one value per format', () => {
  test.each([
    ['2024-03-05', day(2024, 3, 5), 'ymd'],
    ['2024-03-05 14:30:00', day(2024, 3, 5), 'ymd'],
    ['2024-03-05T14:30:00Z', day(2024, 3, 5), 'ymd'],
    ['2024/3/5', day(2024, 3, 5), 'ymd'],
    ['2024.3.5', day(2024, 3, 5), 'ymd'],
    ['2024年3月5日', day(2024, 3, 5), 'ymd'],
    ['2024年3月5日 10:00', day(2024, 3, 5), 'ymd'],
    ['20240305', day(2024, 3, 5), 'yyyymmdd'],
    ['13/3/2024', day(2024, 3, 13), 'dmy'],
    ['3/13/2024', day(2024, 3, 13), 'mdy'],
    ['3/13/24', day(2024, 3, 13), 'mdy'],
    ['25.12.99', day(1999, 12, 25), 'dmy'],
    ['12/25/70', day(1970, 12, 25), 'mdy'],
    ['12/25/69', day(2069, 12, 25), 'mdy'],
    ['1/31/00', day(2000, 1, 31), 'mdy'],
  ])('%s', (text, expected, format) => {
    const col = parseDateColumn([text], opts);
    expect(col.days[0]).toBe(expected);
    expect(col.errors[0]).toBe(DATE_OK);
    expect(col.format).toBe(format);
  });

  test('JS Date objects (as ExcelJS gives them)', () => {
    const col = parseDateColumn([new Date(Date.UTC(2024, 2, 5, 12))], opts);
    expect(col.days[0]).toBe(day(2024, 3, 5));
    expect(col.format).toBe('date');
  });

  test('1904 system applies to serial cells of the column', () => {
    const col = parseDateColumn([0, 43894], { dateSystem: 1904, order: 'auto' });
    expect(Array.from(col.days)).toEqual([day(1904, 1, 1), day(2024, 3, 5)]);
  });

  test.each([
    ['', DATE_BLANK],
    ['  ', DATE_BLANK],
    [null, DATE_BLANK],
    [undefined, DATE_BLANK],
    ['#N/A', DATE_EXCEL_ERROR],
    ['soon', DATE_INVALID],
    ['2024-02-30', DATE_INVALID],
    ['2023-02-29', DATE_INVALID],
    ['2024-13-01', DATE_INVALID],
    ['2024-03', DATE_INVALID],
    ['2024-3/5', DATE_INVALID],
    ['12345', DATE_INVALID],
    [true, DATE_INVALID],
    [60, DATE_INVALID],
  ])('bad cell %p', (v, status) => {
    const col = parseDateColumn([v], opts);
    expect(col.errors[0]).toBe(status);
    expect(col.days[0]).toBeNaN();
  });

  test('2024-02-29 is a real leap day', () => {
    expect(parseDateColumn(['2024-02-29'], opts).days[0]).toBe(day(2024, 2, 29));
  });
});

describe('day/month order per column', () => {
  test('one day > 12 decides dmy for the whole column', () => {
    const col = parseDateColumn(['05/03/2024', '13/03/2024', '01/02/2024'], opts);
    expect(col.order).toBe('dmy');
    expect(col.ambiguous).toBe(false);
    expect(Array.from(col.days)).toEqual([day(2024, 3, 5), day(2024, 3, 13), day(2024, 2, 1)]);
  });

  test('a second part > 12 decides mdy', () => {
    const col = parseDateColumn(['05/03/2024', '03/13/2024'], opts);
    expect(col.order).toBe('mdy');
    expect(dayToIso(col.days[0])).toBe('2024-05-03');
  });

  test('undecidable with auto: read month-first and flagged ambiguous', () => {
    const col = parseDateColumn(['05/03/2024', '06/04/2024', '2024-01-01'], opts);
    expect(col.ambiguous).toBe(true);
    expect(col.order).toBe('mdy');
    expect(col.ambiguousExample).toBe('05/03/2024');
    expect(dayToIso(col.days[0])).toBe('2024-05-03');
  });

  test('equal day and month is not ambiguous', () => {
    expect(parseDateColumn(['01/01/2024', '02/02/2024'], opts).ambiguous).toBe(false);
  });

  test('a configured order is obeyed, and values that do not fit it are invalid', () => {
    const col = parseDateColumn(['05/03/2024', '03/13/2024'], { dateSystem: 1900, order: 'dmy' });
    expect(col.ambiguous).toBe(false);
    expect(dayToIso(col.days[0])).toBe('2024-03-05');
    expect(col.errors[1]).toBe(DATE_INVALID);
  });

  test('conflicting evidence: majority wins, the others are invalid', () => {
    const col = parseDateColumn(['13/01/2024', '14/01/2024', '01/15/2024'], opts);
    expect(col.conflict).toBe(true);
    expect(col.order).toBe('dmy');
    expect(Array.from(col.errors)).toEqual([DATE_OK, DATE_OK, DATE_INVALID]);
  });

  test('mixed formats in one column are each read by their own shape', () => {
    const col = parseDateColumn([45356, '2024-03-06', '2024年3月7日', '3/8/2024', '20240309'], opts);
    expect(Array.from(col.days)).toEqual([5, 6, 7, 8, 9].map((d) => day(2024, 3, d)));
    expect(col.format).toBe('serial+ymd+yyyymmdd+mdy');
  });
});

describe('English month names', () => {
  test.each([
    ['5-Mar-2024', day(2024, 3, 5)],
    ['05-Mar-24', day(2024, 3, 5)],
    ['5 March 2024', day(2024, 3, 5)],
    ['Mar 5, 2024', day(2024, 3, 5)],
    ['March 5th, 2024 10:30', day(2024, 3, 5)],
    ['Tue Mar 5 2024', day(2024, 3, 5)],
    ['2024-Mar-05', day(2024, 3, 5)],
    ['31-dec-99', day(1999, 12, 31)],
    ['Sept 30, 2023', day(2023, 9, 30)],
  ])('%s', (text, expected) => {
    const col = parseDateColumn([text], opts);
    expect(col.days[0]).toBe(expected);
    expect(col.format).toBe('month-name');
  });

  test.each(['5-Foo-2024', '30-Feb-2024', 'March 2024', 'Mar 5'])('not a date: %s', (text) => {
    expect(parseDateColumn([text], opts).errors[0]).toBe(DATE_INVALID);
  });
});
