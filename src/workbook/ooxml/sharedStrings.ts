// The shared string table, read once: rich text as its plain text, phonetic runs left out.
// We never write into it (our cells hold inline strings), so the user's part keeps its bytes.
import { stringItemText } from './xml';

export function parseSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let i = xml.indexOf('<si');
  while (i >= 0) {
    const selfClose = xml.indexOf('/>', i);
    const gt = xml.indexOf('>', i);
    if (gt === selfClose + 1) {
      out.push('');
      i = xml.indexOf('<si', gt);
      continue;
    }
    const end = xml.indexOf('</si>', gt);
    out.push(stringItemText(xml.slice(gt + 1, end)));
    i = xml.indexOf('<si', end);
  }
  return out;
}
