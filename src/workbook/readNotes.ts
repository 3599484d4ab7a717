// What a read found that the run should say: hidden or filtered rows (read like the others,
// as Range.values gives them) and merged cells (only their top-left cell holds the value).
import type { RangeRead } from './port';
import type { Params } from '../i18n';

export interface ReadNote {
  code: string;
  params?: Params;
}

/** Merged areas named in a note at most (the rest are counted). */
const SHOWN_MERGES = 5;

export function readNotes(read: RangeRead): ReadNote[] {
  const notes: ReadNote[] = [];
  const hidden = read.hiddenRows ?? [];
  if (hidden.length > 0) notes.push({ code: 'source_hidden_rows', params: { sheet: read.sheet, count: hidden.length, row: hidden.reduce((a, b) => Math.min(a, b)) + 1 } });
  const merged = read.merged ?? [];
  if (merged.length > 0) {
    const areas = merged.length > SHOWN_MERGES ? [...merged.slice(0, SHOWN_MERGES), `… (+${merged.length - SHOWN_MERGES})`] : merged;
    notes.push({ code: 'source_merged', params: { sheet: read.sheet, areas } });
  }
  return notes;
}
