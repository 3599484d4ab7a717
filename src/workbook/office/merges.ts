// RangeAreas.address as blocks: Excel gives the areas comma-separated, each with its sheet
// ("Sheet1!A1:B2, Sheet1!D4" or "'My sheet'!A1:B2,'My sheet'!C3"), as for any RangeAreas.
import { parseRange, type Area } from '../a1';

export function parseMergedAddresses(address: string): Area[] {
  const out: Area[] = [];
  // A sheet name may hold commas only inside quotes: split outside them.
  let part = '';
  let quoted = false;
  for (const ch of `${address},`) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      const local = part.slice(part.lastIndexOf('!') + 1).trim().replace(/\$/g, '');
      if (local) out.push(parseRange(local));
      part = '';
    } else part += ch;
  }
  return out;
}
