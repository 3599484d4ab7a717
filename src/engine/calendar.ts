// The calendar, in one place: day numbers, ISO dates and Excel serials.
//
// A "day" is a whole number of days since 1970-01-01 UTC, so `day * DAY_MS` is that day's
// midnight UTC. Dates here carry no time zone: an order dated 2024-03-05 is day 19787 wherever
// the code runs, and only ever turns back into text or an Excel serial through UTC.
//
// Pure arithmetic (no Node built-ins, no DOM), and no Date.parse: Date.parse rolls
// "2024-02-30" over to March 1 instead of rejecting it.

/** Milliseconds in a day (UTC days have no leap seconds or DST). */
export const DAY_MS = 86_400_000;

/** Excel's two date systems: 1900 (the default) and 1904 (workbooks from old Mac Excel). */
export type DateSystem = 1900 | 1904;

/**
 * 1900-system serial of 1970-01-01 (day 0). Serial 1 is 1900-01-01, but Excel, copying
 * Lotus 1-2-3, takes 1900 for a leap year: serial 60 is a 1900-02-29 that never was. So from
 * 1900-03-01 (serial 61) on, serials are days since 1899-12-30, and 25569 is 1970-01-01.
 */
export const EXCEL_EPOCH_1900 = 25569;

/** 1900-system serial of 1904-01-01, which is serial 0 in the 1904 system: the two differ by this. */
export const EXCEL_1904_OFFSET = 1462;

/** 1900-system serial of 9999-12-31, the last day Excel shows. */
export const EXCEL_MAX_SERIAL_1900 = 2958465;

/** 1900-system serial of 1900-03-01, the first day after Lotus's fictitious 1900-02-29 (serial 60). */
const SERIAL_1900_MARCH_1 = 61;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** y-m-d (whole numbers) is a day of the proleptic Gregorian calendar with a year 0–9999 (what YYYY can spell). */
export function isCivilDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Day number of a proleptic Gregorian y-m-d (H. Hinnant's days_from_civil). No validation: check with isCivilDate. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1–12) and day of month of a day number, the inverse of daysFromCivil (Hinnant's civil_from_days). */
export function civilFromDays(day: number): { y: number; m: number; d: number } {
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** Value of the ASCII digits s[from..to), or −1 when one is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Day number of strict "YYYY-MM-DD" text naming a real day (years 0000–9999), NaN otherwise:
 * no other shape, no spaces, no time, and no rolling over (2024-02-30 is NaN, not March 1).
 * Char codes, no regex: the rules engine calls this once per cell.
 */
export function isoToDay(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  return isCivilDate(y, m, d) ? daysFromCivil(y, m, d) : NaN;
}

/** "YYYY-MM-DD" names a real calendar day: the one test of a date someone typed (config, CLI, pane). */
export function isCalendarDate(s: string): boolean {
  return typeof s === 'string' && !Number.isNaN(isoToDay(s));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Day number (time of day dropped) → "YYYY-MM-DD"; '' when not finite. Years outside 0–9999 are
 * written ±YYYYYY as Date#toISOString does (isoToDay does not read them back).
 */
export function dayToIso(day: number): string {
  if (!Number.isFinite(day)) return '';
  const { y, m, d } = civilFromDays(day);
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : `${y < 0 ? '-' : '+'}${pad(Math.abs(y), 6)}`;
  return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Day number of a Date's UTC day (time of day dropped); NaN for an invalid Date. */
export function dateToDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/** Midnight UTC of a day number. */
export function dayToDate(day: number): Date {
  return new Date(day * DAY_MS);
}

/**
 * Excel serial → day number (time of day dropped); NaN when it is no day Excel shows.
 * 1900 system: 1 (1900-01-01) … 2958465 (9999-12-31); 60 is Lotus's fictitious 1900-02-29,
 * so it is NaN, and serials 1–59 sit one day later than from 61 on (no day 60 to skip).
 * 1904 system: 0 (1904-01-01) … 2957003 (9999-12-31), no gap.
 */
export function excelSerialToDay(serial: number, system: DateSystem): number {
  if (!Number.isFinite(serial)) return NaN;
  const s = Math.floor(serial);
  if (system === 1904) return s >= 0 && s <= EXCEL_MAX_SERIAL_1900 - EXCEL_1904_OFFSET ? s - EXCEL_EPOCH_1900 + EXCEL_1904_OFFSET : NaN;
  if (s >= SERIAL_1900_MARCH_1 && s <= EXCEL_MAX_SERIAL_1900) return s - EXCEL_EPOCH_1900;
  if (s >= 1 && s < 60) return s - EXCEL_EPOCH_1900 + 1;
  return NaN;
}

/**
 * Day number → the Excel serial that shows it (the inverse of excelSerialToDay: never 60 in
 * the 1900 system, Jan–Feb 1900 one lower than the 1899-12-30 count); NaN for a day Excel
 * cannot show (before 1900-01-01 / 1904-01-01, after 9999-12-31).
 */
export function dayToExcelSerial(day: number, system: DateSystem): number {
  if (!Number.isFinite(day)) return NaN;
  const d = Math.floor(day);
  if (system === 1904) {
    const s = d + EXCEL_EPOCH_1900 - EXCEL_1904_OFFSET;
    return s >= 0 && s <= EXCEL_MAX_SERIAL_1900 - EXCEL_1904_OFFSET ? s : NaN;
  }
  const s = d + EXCEL_EPOCH_1900;
  if (s >= SERIAL_1900_MARCH_1 && s <= EXCEL_MAX_SERIAL_1900) return s;
  return s - 1 >= 1 && s - 1 < 60 ? s - 1 : NaN;
}

/**
 * Date → serial (with the time of day as a fraction), counted linearly from 1899-12-30 as
 * ExcelJS converts both ways. Exact from 1900-03-01 on. Before that a 1900-system serial comes
 * out one higher than dayToExcelSerial's (no fictitious 1900-02-29 is skipped), which mirrors
 * ExcelJS reading those serials one day early: a Date ExcelJS made from a serial goes back to
 * that same serial.
 */
export function dateToExcelSerial(date: Date, system: DateSystem): number {
  return date.getTime() / DAY_MS + EXCEL_EPOCH_1900 - (system === 1904 ? EXCEL_1904_OFFSET : 0);
}
