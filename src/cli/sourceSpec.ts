// What follows "#" in `--orders book.xlsx#…`, as Excel would understand it: a sheet name, an
// Excel table, a defined (named) range, or an address `Sheet!B3:G403` / `'Q1 2024'!B3:F50`.
// Names match ignoring case, as in Excel. Without "#…" the sheet that holds the orders (its
// headers say so) is read, not blindly the first one, and the run says which.
import type { RangeRef } from '../config/schema';
import { findHeaderRow, headerScore, type GridNote } from '../engine/ingest/layout';
import type { TableKind } from '../engine/ingest/headers';
import { sheetKey } from '../output/sheetNames';
import { parseAddress } from '../workbook/a1';
import type { XlsxPort } from '../workbook/ooxml/port';
import { InputFileError } from './inputError';

export interface ResolvedSource {
  ref: RangeRef;
  notes: GridNote[];
}

const ADDRESS = /^(?:'((?:[^']|'')+)'|(.+))!([^!]+)$/;

const listOf = (xs: string[]) => (xs.length ? xs : '—');

/** The reference a source text names in this workbook; none is an InputFileError listing what there is. */
export async function resolveSource(port: XlsxPort, source: string | undefined, kind: TableKind, file: string): Promise<ResolvedSource> {
  const sheets = (await port.listSheets()).map((s) => s.name);
  if (source === undefined) return pickSheet(port, kind, file);
  const key = sheetKey(source);
  const sheet = sheets.find((s) => sheetKey(s) === key);
  if (sheet) return { ref: { kind: 'sheet', sheet }, notes: [] };
  const tables = (await port.listTables()).map((t) => t.name);
  const table = tables.find((t) => t.toLowerCase() === source.toLowerCase());
  if (table) return { ref: { kind: 'table', table }, notes: [] };
  const names = port.listNames();
  const name = names.find((n) => n.toLowerCase() === source.toLowerCase());
  if (name) return { ref: { kind: 'name', name }, notes: [] };
  const m = ADDRESS.exec(source.trim());
  if (m) {
    const wanted = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2].trim();
    const onSheet = sheets.find((s) => sheetKey(s) === sheetKey(wanted));
    if (onSheet) {
      const address = m[3].trim().replace(/\$/g, '').toUpperCase();
      try {
        parseAddress(address);
      } catch {
        throw new InputFileError('cli.source_bad_address', { file, source });
      }
      return { ref: { kind: 'sheet', sheet: onSheet, address }, notes: [] };
    }
  }
  throw new InputFileError('cli.source_missing', { file, source, sheets: listOf(sheets), tables: listOf(tables), names: listOf(names) });
}

/** The first visible sheet whose header row (found below any title) reads best as the kind's headers. */
async function pickSheet(port: XlsxPort, kind: TableKind, file: string): Promise<ResolvedSource> {
  const sheets = await port.listSheets();
  const candidates = sheets.filter((s) => s.visible).length ? sheets.filter((s) => s.visible) : sheets;
  let best = candidates[0]?.name ?? sheets[0]?.name;
  let bestScore = 0;
  if (candidates.length > 1) {
    for (const s of candidates) {
      const read = await port.read({ kind: 'sheet', sheet: s.name });
      const score = headerScore(read.values[findHeaderRow(read.values, kind)], kind);
      if (score > bestScore) {
        best = s.name;
        bestScore = score;
      }
    }
  }
  if (best === undefined) throw new InputFileError('cli.source_missing', { file, source: '', sheets: '—', tables: '—', names: '—' });
  const notes: GridNote[] = sheets.length > 1 && kind === 'orders' ? [{ code: 'source_sheet_chosen', params: { sheet: best, file } }] : [];
  return { ref: { kind: 'sheet', sheet: best }, notes };
}
