// workbook.settings behind the port's getSetting/setSetting: small values as they are, large
// ones as chunks plus a manifest (the rules in chunks.ts), each request under the payload budget.
import { WorkbookError } from '../errors';
import { CHUNK_BYTES, chunkKey, isManifest, joinChunks, manifestFor, MAX_SETTING_BYTES, splitValue, staleChunkKeys, type ChunkManifest } from './chunks';
import { COMMAND_BYTES, jsonBytes, PAYLOAD_BUDGET } from './payload';
import type { AdapterLimits } from './types';

type Ctx = Excel.RequestContext;

const budgetOf = (limits: AdapterLimits) => limits.payloadLimit * PAYLOAD_BUDGET - COMMAND_BYTES;
/** A chunk leaves room for a second one in a request, whatever the payload limit. */
const chunkBytesFor = (limits: AdapterLimits) => Math.max(1024, Math.min(CHUNK_BYTES, Math.floor(budgetOf(limits) / 2)));
const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

export async function readSetting(ctx: Ctx, key: string, limits: AdapterLimits): Promise<string | null> {
  const item = ctx.workbook.settings.getItemOrNullObject(key).load('value');
  await ctx.sync();
  if (item.isNullObject) return null;
  const v: unknown = item.value;
  if (typeof v === 'string') return v;
  if (!isManifest(v)) return JSON.stringify(v);
  const value = joinChunks(v, await readChunks(ctx, key, v, limits));
  // A manifest whose chunks do not add up is never read as something else.
  if (value === null) throw new WorkbookError('settingIncomplete', { key });
  return value;
}

/** The chunks a manifest names, as many per request as fit the response budget. */
async function readChunks(ctx: Ctx, key: string, m: ChunkManifest, limits: AdapterLimits): Promise<unknown[]> {
  const perSync = Math.max(1, Math.floor(budgetOf(limits) / Math.max(1, m.chunkBytes + COMMAND_BYTES)));
  const parts: unknown[] = [];
  for (let i = 0; i < m.count; i += perSync) {
    const items = [];
    for (let j = i; j < Math.min(m.count, i + perSync); j++) items.push(ctx.workbook.settings.getItemOrNullObject(chunkKey(key, m.gen, j)).load('value'));
    await ctx.sync();
    for (const it of items) parts.push(it.isNullObject ? null : it.value);
  }
  return parts;
}

export async function writeSetting(ctx: Ctx, key: string, value: string | null, limits: AdapterLimits): Promise<void> {
  const settings = ctx.workbook.settings;
  if (value === null) {
    const item = settings.getItemOrNullObject(key);
    const all = settings.load('items/key');
    await ctx.sync();
    if (!item.isNullObject) item.delete();
    await removeKeys(ctx, staleChunkKeys(key, all.items.map((s) => s.key), null));
    return;
  }
  const bytes = jsonBytes(value);
  if (bytes > MAX_SETTING_BYTES) throw new WorkbookError('settingTooLarge', { key, size: megabytes(bytes), max: megabytes(MAX_SETTING_BYTES) });
  const chunkBytes = chunkBytesFor(limits);
  let keep: string | null = null;
  let stored: unknown = value;
  if (bytes > chunkBytes) {
    const parts = splitValue(value, chunkBytes);
    const m = manifestFor(value, parts);
    await writeChunks(ctx, key, m, parts, limits);
    keep = m.gen;
    stored = m;
  }
  // The commit: one command in a request of its own (after every chunk has landed).
  settings.add(key, stored);
  const all = settings.load('items/key');
  await ctx.sync();
  await removeKeys(ctx, staleChunkKeys(key, all.items.map((s) => s.key), keep));
}

async function writeChunks(ctx: Ctx, key: string, m: ChunkManifest, parts: readonly string[], limits: AdapterLimits): Promise<void> {
  const budget = budgetOf(limits);
  let pending = 0;
  for (let i = 0; i < parts.length; i++) {
    const cost = jsonBytes(parts[i]) + COMMAND_BYTES;
    if (pending > 0 && pending + cost > budget) {
      await ctx.sync();
      pending = 0;
    }
    ctx.workbook.settings.add(chunkKey(key, m.gen, i), parts[i]);
    pending += cost;
  }
  if (pending > 0) await ctx.sync();
}

async function removeKeys(ctx: Ctx, keys: readonly string[]): Promise<void> {
  if (!keys.length) return;
  for (const k of keys) ctx.workbook.settings.getItem(k).delete();
  await ctx.sync();
}
