// Two columns with the same heading (two "amount", two 金额): which one holds the data cannot be
// told from the sheet, and taking the first (say, all zeros) would silently misread the file.
// A column detected from its heading therefore stops the run when another column has the same
// heading; a column named in the config is the user's choice and is never ambiguous.
import { columnLetter } from './cells';
import { foldHeader } from './headers';

/** headerTexts() makes repeated headings unique with " (2)", " (3)"…: the heading as written. */
function baseHeading(h: string): string {
  return h.replace(/ \(\d+\)$/, '');
}

export interface AmbiguousColumn {
  key: string;
  header: string;
  first: string;
  second: string;
  firstLetter: string;
  secondLetter: string;
}

/** The first detected key whose column shares its heading with another column, or null. */
export function findAmbiguousColumn(headers: readonly string[], detected: Record<string, number>, given: ReadonlySet<string>, firstColumn: number): AmbiguousColumn | null {
  const folded = headers.map((h) => foldHeader(baseHeading(h)));
  for (const [key, j] of Object.entries(detected)) {
    if (given.has(key) || folded[j] === '') continue;
    const k = folded.findIndex((f, i) => i !== j && f === folded[j]);
    if (k < 0) continue;
    const [a, b] = j < k ? [j, k] : [k, j];
    return { key, header: baseHeading(headers[j]), first: headers[a], second: headers[b], firstLetter: columnLetter(firstColumn + a), secondLetter: columnLetter(firstColumn + b) };
  }
  return null;
}
