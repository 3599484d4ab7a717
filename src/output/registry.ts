// The registry: everything the add-in created in a workbook, with enough to find it again
// and to prove it is ours (a marker cell and a content hash per sheet, a content hash per tier
// block, the sheet each table and chart is on). It comes back from a shared workbook, so it is
// parsed with zod and never trusted blindly: an entry that does not parse is reported and left
// out, the rest still counts (one bad chart entry must not orphan every sheet we made).
import { t } from '../i18n';
import { z } from 'zod';

export const REGISTRY_VERSION = 1 as const;
export const MARKER_ROW = 1;
export const MARKER_COL = 0;

const sheetName = z.string().min(1).max(31);
/** How many entries each list may hold (500 sheets: the group-sheet cap keeps us far below). */
const MAX_ENTRIES = { sheets: 500, columns: 20, tables: 1000, charts: 100 } as const;
const HASH = z.string().regex(/^[0-9a-f]{16}$/);

export const RegistrySchema = z
  .object({
    version: z.literal(REGISTRY_VERSION),
    /** Random per workbook; the marker token `ct-<id>` is written on every sheet we own. */
    id: z.string().regex(/^[a-z0-9]{6,32}$/),
    sheets: z
      .array(
        z
          .object({
            name: sheetName,
            role: z.enum(['summary', 'issues', 'history', 'group', 'customers']),
            key: z.string().max(200).optional(),
            /** Hash of the cells as written (output/proof.ts sheetHash): with the marker, the proof. */
            hash: HASH.optional(),
            /** Set while the write that makes it runs: a sheet found half written is ours by its marker. */
            pending: z.literal(true).optional(),
          })
          .strict(),
      )
      .max(MAX_ENTRIES.sheets),
    /** Tier columns beside a user's data: a block of adjacent columns. */
    columns: z
      .array(
        z
          .object({
            sheet: sheetName,
            table: z.string().min(1).max(255).optional(),
            /** 0-based header row and first column of the block. */
            row: z.number().int().min(0).max(1048575),
            col: z.number().int().min(0).max(16383),
            /** Data rows below the header. */
            rows: z.number().int().min(0).max(1048575),
            headers: z.array(z.string().min(1).max(255)).min(1).max(100),
            /** Hash of the block as written (output/proof.ts): the proof that it is ours. */
            hash: HASH.optional(),
            /** The widths the block gave its columns (output/widths.ts blockWidths), undone on removal. */
            widths: z.array(z.number().min(0).max(255)).max(100).optional(),
            /** Set while the write that makes it runs (see sheets). */
            pending: z.literal(true).optional(),
          })
          .strict(),
      )
      .max(MAX_ENTRIES.columns),
    tables: z.array(z.object({ name: z.string().min(1).max(255), sheet: sheetName }).strict()).max(MAX_ENTRIES.tables),
    charts: z.array(z.object({ name: z.string().min(1).max(255), sheet: sheetName }).strict()).max(MAX_ENTRIES.charts),
  })
  .strict();

export type Registry = z.infer<typeof RegistrySchema>;
export type RegistrySheet = Registry['sheets'][number];
export type RegistryColumns = Registry['columns'][number];

export function markerToken(id: string): string {
  return `ct-${id}`;
}

/** True when the marker cell of a sheet carries this registry's token. */
/**
 * Whether a cell holds the whole marker text as the add-in writes it (either language, any
 * analysis date): stricter than hasMarker, for sheets no content hash can prove.
 */
export function isMarkerText(cell: unknown, id: string): boolean {
  if (typeof cell !== 'string') return false;
  return (['zh-CN', 'en-US'] as const).some((locale) => {
    const [head, tail] = t(locale, 'out.marker', { date: '\u0001', marker: '\u0002' }).split('\u0001');
    const [mid, end] = tail.split('\u0002');
    const m = cell.startsWith(head) && cell.endsWith(`${mid}${markerToken(id)}${end}`);
    return m && /^\d{4}-\d{2}-\d{2}$/.test(cell.slice(head.length, cell.length - mid.length - markerToken(id).length - end.length));
  });
}

export function hasMarker(cell: unknown, id: string): boolean {
  return typeof cell === 'string' && cell.includes(markerToken(id));
}

export function emptyRegistry(id: string): Registry {
  return { version: REGISTRY_VERSION, id, sheets: [], columns: [], tables: [], charts: [] };
}

/** An entry of the stored registry that did not parse: left out, and reported. */
export interface DroppedEntry {
  list: 'sheets' | 'columns' | 'tables' | 'charts';
  index: number;
  error: string;
}

export type RegistryParse = { ok: true; registry: Registry; dropped: DroppedEntry[] } | { ok: false; error: string };

const LISTS = ['sheets', 'columns', 'tables', 'charts'] as const;
const entrySchema = (list: (typeof LISTS)[number]) => RegistrySchema.shape[list].element;
/** The registry's frame: every entry is checked on its own below. */
const FrameSchema = RegistrySchema.extend({
  sheets: z.array(z.unknown()).max(MAX_ENTRIES.sheets),
  columns: z.array(z.unknown()).max(MAX_ENTRIES.columns),
  tables: z.array(z.unknown()).max(MAX_ENTRIES.tables),
  charts: z.array(z.unknown()).max(MAX_ENTRIES.charts),
});

/** "charts.0.sheet: Invalid input…": where in the registry, and what is wrong there. */
function issueText(error: z.ZodError, at: (string | number)[] = []): string {
  const i = error.issues[0];
  return `${[...at, ...i.path].map(String).join('.') || '(registry)'}: ${i.message}`;
}

export function parseRegistry(text: string | null): RegistryParse | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const frame = FrameSchema.safeParse(raw);
  if (!frame.success) return { ok: false, error: issueText(frame.error) };
  const registry = emptyRegistry(frame.data.id);
  const dropped: DroppedEntry[] = [];
  for (const list of LISTS) {
    frame.data[list].forEach((entry, index) => {
      const res = entrySchema(list).safeParse(entry);
      if (res.success) (registry[list] as unknown[]).push(res.data);
      else dropped.push({ list, index, error: issueText(res.error, [list, index]) });
    });
  }
  return { ok: true, registry, dropped };
}

/** The registry as saved before its write starts: every sheet and block marked pending until it ends. */
export function pendingRegistry(reg: Registry): Registry {
  return { ...reg, sheets: reg.sheets.map((s) => ({ ...s, pending: true })), columns: reg.columns.map((c) => ({ ...c, pending: true })) };
}
