// Formula cells whose result was never saved (a workbook written by a program that does not
// calculate: openpyxl, a script, an export). Excel would compute them on opening; the file
// alone has no value, so the CLI must say "formula without a saved result", not "empty".
import { docOf, sheetOf, type Book } from './book';

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/**
 * Excel saves a formula's result in <v>. openpyxl writes an empty <v></v>; an empty <v> is a
 * cached result only for a text formula (t="str": the empty string).
 */
function hasCachedValue(xml: string): boolean {
  const v = /<v(?:\s[^>]*)?(?:\/>|>([^<]*)<\/v>)/.exec(xml);
  if (!v) return false;
  return (v[1] ?? '') !== '' || / t="str"/.test(xml.slice(0, xml.indexOf('>')));
}

/** Of `cells` (0-based sheet row, column), those holding a formula and no cached value: "r,c" → "=FORMULA" (or "=…" for a shared one). */
export async function uncalculatedFormulas(book: Book, sheet: string, cells: readonly (readonly [number, number])[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (cells.length === 0) return out;
  const doc = await docOf(book, sheetOf(book, sheet));
  for (const [r, c] of cells) {
    const xml = doc.cell(r, c)?.xml;
    if (!xml || !/<f[\s>/]/.test(xml) || hasCachedValue(xml)) continue;
    const text = /<f(?:\s[^>]*)?>([^<]*)<\/f>/.exec(xml)?.[1] ?? '';
    out.set(`${r},${c}`, text ? `=${text.replace(/&(?:lt|gt|amp|quot|apos);/g, (m) => XML_ENTITIES[m])}` : '=…');
  }
  return out;
}
