// Order dates that cannot be right: after today, or far beyond every other order (one order
// typed 2204 instead of 2024). By default the latest order date is the analysis date, so one
// such typo would make almost every customer "lost"; these rows are left out and reported,
// and their dates are never taken as the analysis date.
import { dateToDay, dayToIso } from '../calendar';
import { DATE_OK, type DateColumn } from './dates';
import type { GridPlace, IssueList } from './issues';
import type { GridCells } from './textColumns';

/** Status in DateColumn.errors of a date left out as an outlier (next to DATE_OK … DATE_EXCEL_ERROR). */
export const DATE_OUTLIER = 4;

/** A gap larger than a year and than the whole span of the other orders sets the top dates apart. */
const MIN_GAP_DAYS = 366;
/** The dates set apart are a handful at most (1% of orders, at least 1): a real shift in the data is not an outlier. */
const MAX_SHARE = 0.01;
/** "Far beyond the rest" needs a rest to judge by: with fewer other dated orders than this (a
 *  customer who bought twice, a year apart), only a gap of over ten years (a mistyped decade or
 *  century, 2204 for 2024) sets dates apart. */
const MIN_REST = 20;
const SMALL_REST_GAP_DAYS = 3653;
const TOP = 16;

export function todayDay(): number {
  return dateToDay(new Date());
}

/** The TOP latest distinct days (descending) with their counts, the earliest day, how many days are valid, and how many are after `until`. */
function topDays(days: Float64Array, errors: Uint8Array, until: number): { top: number[]; counts: number[]; min: number; valid: number; after: number } {
  // Typed arrays and plain loops: this runs once per row of every order table.
  const top = new Float64Array(TOP);
  const counts = new Int32Array(TOP);
  // A local: under tsx (the benchmarks) an imported binding is a getter call per read.
  const ok = DATE_OK;
  let size = 0;
  let min = Infinity;
  let valid = 0;
  let after = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (errors[i] !== ok) continue;
    if (d > until) {
      after++;
      continue;
    }
    valid++;
    if (d < min) min = d;
    if (size === TOP && d < top[TOP - 1]) continue;
    let k = 0;
    while (k < size && top[k] > d) k++;
    if (k < size && top[k] === d) {
      counts[k]++;
      continue;
    }
    const last = size < TOP ? size++ : TOP - 1;
    for (let j = last; j > k; j--) {
      top[j] = top[j - 1];
      counts[j] = counts[j - 1];
    }
    top[k] = d;
    counts[k] = 1;
  }
  return { top: Array.from(top.subarray(0, size)), counts: Array.from(counts.subarray(0, size)), min, valid, after };
}

/** The first day of the far group (all days ≥ it are set apart) and the latest day below it; null when none. */
export function farCutoff(days: Float64Array, errors: Uint8Array, until: number): { cutoff: number; latest: number } | null {
  return farCutoffOf(topDays(days, errors, until));
}

/** The TOP latest distinct days (descending) with their counts, from a histogram of day → rows (a database's GROUP BY). */
export function topDaysOf(histogram: ReadonlyMap<number, number>, until: number): { top: number[]; counts: number[]; min: number; valid: number } {
  const days = [...histogram.keys()].filter((d) => d <= until).sort((a, b) => b - a);
  let valid = 0;
  for (const d of days) valid += histogram.get(d)!;
  const top = days.slice(0, TOP);
  return { top, counts: top.map((d) => histogram.get(d)!), min: days.length ? days[days.length - 1] : Infinity, valid };
}

/** farCutoff on the latest days (topDays or topDaysOf): one rule for the ingest and the databases. */
export function farCutoffOf({ top, counts, min, valid }: { top: number[]; counts: number[]; min: number; valid: number }): { cutoff: number; latest: number } | null {
  const limit = Math.max(1, Math.floor(valid * MAX_SHARE));
  let taken = 0;
  for (let g = 0; g + 1 < top.length; g++) {
    taken += counts[g];
    if (taken > limit) break;
    const gap = top[g] - top[g + 1];
    const needed = valid - taken < MIN_REST ? SMALL_REST_GAP_DAYS : MIN_GAP_DAYS;
    if (gap > needed && gap > top[g + 1] - min) return { cutoff: top[g], latest: top[g + 1] };
  }
  return null;
}

/**
 * Marks outlier dates DATE_OUTLIER (day NaN) so the row is left out, with one 'date_future' or
 * 'date_far' error per row. `today` is whole days since 1970-01-01 (a day of slack for time zones).
 */
export function reportOutlierDates(cells: GridCells, col: number, dates: DateColumn, place: GridPlace, issues: IssueList, today: number): void {
  const { days, errors } = dates;
  const until = today + 1;
  const latest = topDays(days, errors, until);
  const far = farCutoffOf(latest);
  // The usual table has neither: no second pass over its rows.
  if (!far && latest.after === 0) return;
  const ok = DATE_OK;
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (errors[i] !== ok || (d <= until && (!far || d < far.cutoff))) continue;
    const future = d > until;
    const params: Record<string, string> = future ? { date: dayToIso(d), today: dayToIso(today) } : { date: dayToIso(d), latest: dayToIso(far!.latest) };
    issues.cell(place, i + 1, col, cells.cell(i + 1, col), future ? 'date_future' : 'date_far', 'error', params);
    days[i] = NaN;
    errors[i] = DATE_OUTLIER;
  }
}
