// Large settings in pieces, decided purely (settings.ts does the Excel I/O).
//
// Excel on the web refuses a request or a response over 5 MB ("Resource limits and performance
// optimization for Office Add-ins", Excel add-ins section:
// https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization),
// and a setting's value travels whole in the request that adds it and in the response that
// loads it. So a value over one chunk is stored as numbered chunk keys plus a manifest under
// the key itself. The manifest is written last, in a request of its own: until it lands, the
// old manifest (or none) is what readers see, so a half-written set is never read. The chunk
// keys carry a generation (a hash of the whole value): a set without a manifest pointing at its
// generation is stale and is removed after the next successful write.
import { jsonBytes } from './payload';

/** The largest value the adapter stores (UTF-8 bytes of its JSON). Office documents no size for
 *  settings ("Persist add-in state and settings" only speaks of "the size limits of the
 *  document Settings"), and every setting of the add-in is loaded with the document, so the
 *  add-in keeps to a bound of its own: 16 MB, about twice the largest config a user has made. */
export const MAX_SETTING_BYTES = 16 * 1024 * 1024;

/** Bytes per chunk: a few of them fit one request under the 5 MB limit. */
export const CHUNK_BYTES = 1024 * 1024;

export interface ChunkManifest {
  /** Marks the value as a manifest: stored values of the add-in are always strings. */
  customerTiersChunks: 1;
  gen: string;
  count: number;
  /** UTF-16 length and hash of the joined value, checked when it is read back. */
  length: number;
  hash: string;
  /** Largest chunk (JSON bytes), so a reader knows how many fit one response. */
  chunkBytes: number;
}

export const chunkPrefix = (key: string) => `${key}.chunk.`;
export const chunkKey = (key: string, gen: string, i: number) => `${chunkPrefix(key)}${gen}.${i}`;

/** FNV-1a over UTF-16 code units: detects a chunk that was lost, swapped or edited (not an
 *  attacker; the registry's own proof decides what the add-in may touch). */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Bytes one UTF-16 unit (or pair) takes inside a JSON string: escapes count, as Excel meters
 *  the request as JSON. Returns [bytes, units consumed]. */
function jsonCharBytes(s: string, i: number): [number, number] {
  const c = s.charCodeAt(i);
  if (c === 0x22 || c === 0x5c) return [2, 1];
  if (c < 0x20) return [c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6, 1];
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? [4, 2] : [6, 1];
  }
  if (c >= 0xdc00 && c <= 0xdfff) return [6, 1];
  return [3, 1];
}

/** Cuts a string into pieces of at most `maxBytes` JSON bytes each (quotes included), never
 *  through a surrogate pair. */
export function splitValue(value: string, maxBytes: number): string[] {
  const room = Math.max(8, maxBytes - 2);
  const out: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < value.length; ) {
    const [b, n] = jsonCharBytes(value, i);
    if (bytes + b > room && i > start) {
      out.push(value.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += b;
    i += n;
  }
  if (start < value.length || out.length === 0) out.push(value.slice(start));
  return out;
}

export function manifestFor(value: string, parts: readonly string[]): ChunkManifest {
  const hash = fnv1a(value);
  return {
    customerTiersChunks: 1,
    gen: `${hash}${value.length.toString(36)}`,
    count: parts.length,
    length: value.length,
    hash,
    chunkBytes: parts.reduce((m, p) => Math.max(m, jsonBytes(p)), 0),
  };
}

export function isManifest(v: unknown): v is ChunkManifest {
  const m = v as Partial<ChunkManifest> | null;
  return (
    !!m &&
    typeof m === 'object' &&
    m.customerTiersChunks === 1 &&
    typeof m.gen === 'string' &&
    /^[0-9a-z]+$/.test(m.gen) &&
    Number.isInteger(m.count) &&
    (m.count ?? 0) > 0 &&
    typeof m.length === 'number' &&
    typeof m.hash === 'string' &&
    typeof m.chunkBytes === 'number'
  );
}

/** The value the chunks make up, or null when one is missing or the whole does not match the
 *  manifest (lost, edited, or from another generation). */
export function joinChunks(m: ChunkManifest, parts: readonly unknown[]): string | null {
  if (parts.length !== m.count || parts.some((p) => typeof p !== 'string')) return null;
  const value = (parts as string[]).join('');
  return value.length === m.length && fnv1a(value) === m.hash ? value : null;
}

/** Setting keys that are chunks of `key` but not of the generation in use: what a finished
 *  write removes (older sets, and sets whose write never reached its manifest). */
export function staleChunkKeys(key: string, keys: readonly string[], keepGen: string | null): string[] {
  const prefix = chunkPrefix(key);
  return keys.filter((k) => k.startsWith(prefix) && (keepGen === null || !k.startsWith(`${prefix}${keepGen}.`)));
}
