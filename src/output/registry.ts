// The registry: everything the add-in created in a workbook, with enough to find it again
// and to prove it is ours (a marker cell on each sheet, the header text of each column).
// It comes back from a shared workbook, so it is parsed with zod and never trusted blindly.
import { z } from 'zod';

export const REGISTRY_VERSION = 1 as const;
export const MARKER_ROW = 1;
export const MARKER_COL = 0;

const sheetName = z.string().min(1).max(31);

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
          })
          .strict(),
      )
      .max(500),
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
            hash: z.string().regex(/^[0-9a-f]{16}$/).optional(),
          })
          .strict(),
      )
      .max(20),
    tables: z.array(z.object({ name: z.string().min(1).max(255), sheet: sheetName }).strict()).max(1000),
    charts: z.array(z.object({ name: z.string().min(1).max(255), sheet: sheetName }).strict()).max(100),
  })
  .strict();

export type Registry = z.infer<typeof RegistrySchema>;
export type RegistrySheet = Registry['sheets'][number];
export type RegistryColumns = Registry['columns'][number];

export function markerToken(id: string): string {
  return `ct-${id}`;
}

/** True when the marker cell of a sheet carries this registry's token. */
export function hasMarker(cell: unknown, id: string): boolean {
  return typeof cell === 'string' && cell.includes(markerToken(id));
}

export function emptyRegistry(id: string): Registry {
  return { version: REGISTRY_VERSION, id, sheets: [], columns: [], tables: [], charts: [] };
}

export type RegistryParse = { ok: true; registry: Registry } | { ok: false; error: string };

export function parseRegistry(text: string | null): RegistryParse | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const res = RegistrySchema.safeParse(raw);
  if (!res.success) {
    const i = res.error.issues[0];
    return { ok: false, error: `${i.path.map(String).join('.') || '(registry)'}: ${i.message}` };
  }
  return { ok: true, registry: res.data };
}
