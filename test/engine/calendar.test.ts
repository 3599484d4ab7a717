// The calendar module: known values (Excel's quirks included) and round-trip properties, with
// the JavaScript Date as an independent oracle where it is one.
import fc from 'fast-check';
import {
  civilFromDays,
  DAY_MS,
  dateToDay,
  dateToExcelSerial,
  dayToDate,
  dayToExcelSerial,
  dayToIso,
  daysFromCivil,
  daysInMonth,
  EXCEL_1904_OFFSET,
  EXCEL_EPOCH_1900,
  EXCEL_MAX_SERIAL_1900,
  excelSerialToDay,
  isCalendarDate,
  isCivilDate,
  isLeapYear,
  isoToDay,
  type DateSystem,
} from '../../src/engine/calendar';

/** Midnight UTC of y-m-d through Date (setUTCFullYear: Date.UTC maps years 0–99 to 19xx). */
function utcDay(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime() / DAY_MS;
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const FIRST_DAY = daysFromCivil(0, 1, 1); // 0000-01-01
const LAST_DAY = daysFromCivil(9999, 12, 31);

/** A real y-m-d with a four-digit year. */
const civil = fc
  .record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }));
const dayInRange = fc.integer({ min: FIRST_DAY, max: LAST_DAY });
const system = fc.constantFrom<DateSystem>(1900, 1904);

describe('constants', () => {
  it('are the day in ms, the 1900 epoch and the 1904 offset', () => {
    expect(DAY_MS).toBe(86_400_000);
    expect(EXCEL_EPOCH_1900).toBe(25569);
    expect(EXCEL_1904_OFFSET).toBe(1462);
    expect(excelSerialToDay(EXCEL_MAX_SERIAL_1900, 1900)).toBe(isoToDay('9999-12-31'));
  });
});

describe('civil dates', () => {
  it('knows leap years and month lengths', () => {
    expect([2024, 2000, 1600, 0].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([2023, 1900, 2100, 1].map(isLeapYear)).toEqual([false, false, false, false]);
    expect([1, 2, 4, 12].map((m) => daysInMonth(2024, m))).toEqual([31, 29, 30, 31]);
    expect(daysInMonth(2023, 2)).toBe(28);
  });

  it('validates y-m-d', () => {
    expect(isCivilDate(2024, 2, 29)).toBe(true);
    expect(isCivilDate(0, 1, 1)).toBe(true);
    expect(isCivilDate(9999, 12, 31)).toBe(true);
    for (const [y, m, d] of [[2023, 2, 29], [2024, 2, 30], [2024, 13, 1], [2024, 0, 1], [2024, 1, 0], [2024, 4, 31], [-1, 1, 1], [10000, 1, 1], [2024, 1.5, 1]]) {
      expect([y, m, d, isCivilDate(y, m, d)]).toEqual([y, m, d, false]);
    }
  });

  it('counts days from 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(daysFromCivil(2024, 2, 29)).toBe(19782);
    expect(civilFromDays(19782)).toEqual({ y: 2024, m: 2, d: 29 });
    expect(civilFromDays(-1)).toEqual({ y: 1969, m: 12, d: 31 });
    expect(civilFromDays(19782.9)).toEqual({ y: 2024, m: 2, d: 29 });
  });

  it('daysFromCivil agrees with Date, and civilFromDays inverts it', () => {
    fc.assert(
      fc.property(civil, ({ y, m, d }) => {
        const day = daysFromCivil(y, m, d);
        expect(day).toBe(utcDay(y, m, d));
        expect(civilFromDays(day)).toEqual({ y, m, d });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ISO dates', () => {
  it('reads and writes YYYY-MM-DD', () => {
    expect(isoToDay('1970-01-01')).toBe(0);
    expect(isoToDay('2024-02-29')).toBe(19782);
    expect(isoToDay('0000-01-01')).toBe(FIRST_DAY);
    expect(dayToIso(19782)).toBe('2024-02-29');
    expect(dayToIso(19782.75)).toBe('2024-02-29');
    expect(dayToIso(-1)).toBe('1969-12-31');
    expect(dayToIso(FIRST_DAY)).toBe('0000-01-01');
    expect(dayToIso(LAST_DAY)).toBe('9999-12-31');
    expect(dayToIso(LAST_DAY + 1)).toBe('+010000-01-01');
    expect(dayToIso(FIRST_DAY - 1)).toBe('-000001-12-31');
    expect([NaN, Infinity, -Infinity].map(dayToIso)).toEqual(['', '', '']);
  });

  it('accepts only real days: 2024-02-29 yes; 2023-02-29, 2024-02-30, 2024-13-01 no', () => {
    for (const s of ['2024-02-29', '2000-02-29', '1970-01-01', '0000-01-01', '9999-12-31']) expect([s, isCalendarDate(s)]).toEqual([s, true]);
    const bad = ['2023-02-29', '2024-02-30', '2024-02-31', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '1900-02-29', '2100-02-29',
      '2024-1-01', '2024-01-1', ' 2024-01-01', '2024-01-01 ', '2024-01-01T00:00', '2024/01/01', '20240101', '+02024-01-01', '２０２４-01-01', '', 'yesterday'];
    for (const s of bad) {
      expect([s, isCalendarDate(s)]).toEqual([s, false]);
      expect([s, isoToDay(s)]).toEqual([s, NaN]);
    }
  });

  it('round-trips iso → day → iso for every real day 0000-01-01 … 9999-12-31', () => {
    fc.assert(
      fc.property(civil, ({ y, m, d }) => {
        const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        expect(isCalendarDate(iso)).toBe(true);
        expect(dayToIso(isoToDay(iso))).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips day → iso → day, and writes what Date#toISOString writes', () => {
    fc.assert(fc.property(dayInRange, (day) => expect(isoToDay(dayToIso(day))).toBe(day)), { numRuns: 2000 });
    // Date covers ±100,000,000 days.
    fc.assert(fc.property(fc.integer({ min: -1e8, max: 1e8 }), (day) => expect(dayToIso(day)).toBe(new Date(day * DAY_MS).toISOString().split('T')[0])));
  });

  it('judges any YYYY-MM-DD shape as the Date round trip the config schema used to', () => {
    const old = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    const shaped = fc.tuple(digits(4), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`);
    fc.assert(fc.property(fc.oneof(shaped, fc.string()), (s) => expect(isCalendarDate(s)).toBe(old(s))), { numRuns: 5000 });
  });
});

describe('Excel serials', () => {
  const day = isoToDay;

  it('1900 system: serial 1 is 1900-01-01, 60 is the fictitious 1900-02-29, 61 is 1900-03-01', () => {
    expect(excelSerialToDay(1, 1900)).toBe(day('1900-01-01'));
    expect(excelSerialToDay(59, 1900)).toBe(day('1900-02-28'));
    expect(excelSerialToDay(60, 1900)).toBeNaN();
    expect(excelSerialToDay(61, 1900)).toBe(day('1900-03-01'));
    expect(excelSerialToDay(25569, 1900)).toBe(0);
    expect(excelSerialToDay(45351, 1900)).toBe(day('2024-02-29'));
    expect(excelSerialToDay(45351.99, 1900)).toBe(day('2024-02-29'));
    expect(excelSerialToDay(2958465, 1900)).toBe(day('9999-12-31'));
    for (const s of [0, -1, 2958466, NaN, Infinity]) expect([s, excelSerialToDay(s, 1900)]).toEqual([s, NaN]);
    expect(dayToExcelSerial(day('1900-01-01'), 1900)).toBe(1);
    expect(dayToExcelSerial(day('1900-02-28'), 1900)).toBe(59);
    expect(dayToExcelSerial(day('1900-03-01'), 1900)).toBe(61);
    expect(dayToExcelSerial(day('2024-02-29'), 1900)).toBe(45351);
    for (const d of [day('1899-12-31'), day('9999-12-31') + 1, NaN]) expect([d, dayToExcelSerial(d, 1900)]).toEqual([d, NaN]);
  });

  it('1904 system: serial 0 is 1904-01-01, 1462 less than in the 1900 system', () => {
    expect(excelSerialToDay(0, 1904)).toBe(day('1904-01-01'));
    expect(excelSerialToDay(1462, 1900)).toBe(day('1904-01-01'));
    expect(excelSerialToDay(43894, 1904)).toBe(day('2024-03-05'));
    expect(excelSerialToDay(2958465 - 1462, 1904)).toBe(day('9999-12-31'));
    for (const s of [-1, 2958465 - 1461, NaN]) expect([s, excelSerialToDay(s, 1904)]).toEqual([s, NaN]);
    expect(dayToExcelSerial(day('1904-01-01'), 1904)).toBe(0);
    expect(dayToExcelSerial(day('2024-03-05'), 1904)).toBe(43894);
    expect(dayToExcelSerial(day('1903-12-31'), 1904)).toBeNaN();
  });

  it('round-trips day → serial → day in both systems, for every day Excel shows', () => {
    fc.assert(
      fc.property(fc.integer({ min: day('1900-01-01'), max: day('9999-12-31') }), system, (d, sys) => {
        const s = dayToExcelSerial(d, sys);
        if (sys === 1904 && d < day('1904-01-01')) return expect(s).toBeNaN();
        expect(Number.isInteger(s)).toBe(true);
        expect(s).not.toBe(sys === 1900 ? 60 : NaN);
        expect(excelSerialToDay(s, sys)).toBe(d);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips serial → day → serial in both systems (the 1900 system has no serial 60)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: EXCEL_MAX_SERIAL_1900 }), system, (s, sys) => {
        const d = excelSerialToDay(s, sys);
        const none = sys === 1900 ? s === 0 || s === 60 : s > EXCEL_MAX_SERIAL_1900 - EXCEL_1904_OFFSET;
        if (none) return expect(d).toBeNaN();
        expect(dayToExcelSerial(d, sys)).toBe(s);
      }),
      { numRuns: 3000 },
    );
    for (const s of [1, 59, 61]) expect(dayToExcelSerial(excelSerialToDay(s, 1900), 1900)).toBe(s);
  });

  it('dateToExcelSerial counts linearly from 1899-12-30, as ExcelJS does, keeping the time of day', () => {
    expect(dateToExcelSerial(new Date('1970-01-01T12:00:00Z'), 1900)).toBe(25569.5);
    expect(dateToExcelSerial(new Date('1970-01-01T12:00:00Z'), 1904)).toBe(25569.5 - 1462);
    expect(dateToExcelSerial(new Date('1904-01-01T00:00:00Z'), 1904)).toBe(0);
    // From 1900-03-01 on it is the serial Excel shows; before, one more (no 1900-02-29 to skip).
    fc.assert(
      fc.property(fc.integer({ min: day('1904-01-01'), max: day('9999-12-31') }), system, (d, sys) => {
        expect(dateToExcelSerial(dayToDate(d), sys)).toBe(dayToExcelSerial(d, sys));
      }),
    );
    expect(dateToExcelSerial(dayToDate(day('1900-02-28')), 1900)).toBe(60);
    expect(dayToExcelSerial(day('1900-02-28'), 1900)).toBe(59);
  });
});

describe('Date objects', () => {
  it('map to their UTC day and back to its midnight', () => {
    expect(dateToDay(new Date('2024-02-29T23:59:59.999Z'))).toBe(19782);
    expect(dateToDay(new Date('1969-12-31T23:00:00Z'))).toBe(-1);
    expect(dateToDay(new Date(NaN))).toBeNaN();
    expect(dayToDate(19782).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    fc.assert(fc.property(dayInRange, (d) => expect(dateToDay(dayToDate(d))).toBe(d)));
  });
});
