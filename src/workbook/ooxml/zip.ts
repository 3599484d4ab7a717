// The zip container of an .xlsx, read and written with Node's own zlib. An entry we do not
// change is copied as its compressed bytes (same data, CRC and sizes), so the user's parts
// come out bit for bit as they went in, and only our changed parts cost compression time.
// (JSZip compresses in JavaScript: 60% of a 100k-customer save went there.)
import * as zlib from 'zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  size: number;
  /** The entry's data as stored in the file (compressed for method 8). */
  raw: Buffer;
  /** DOS time and date from the central directory, kept for copied entries. */
  time: number;
  date: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

export class ZipError extends Error {}

function findEocd(buf: Buffer): number {
  // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  throw new ZipError('not a zip file (no end of central directory)');
}

/** Sizes and offset from a zip64 extra field where the 32-bit fields are saturated. */
function zip64(extra: Buffer, e: { size: number; csize: number; offset: number }): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let p = i + 4;
      const next = () => Number(extra.readBigUInt64LE((p += 8) - 8));
      if (e.size === 0xffffffff) e.size = next();
      if (e.csize === 0xffffffff) e.csize = next();
      if (e.offset === 0xffffffff) e.offset = next();
      return;
    }
    i += 4 + len;
  }
}

export function readZip(buf: Buffer): ZipEntry[] {
  const eocd = findEocd(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let dirOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || dirOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const at = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (buf.readUInt32LE(at) !== SIG_EOCD64) throw new ZipError('damaged zip64 end record');
    count = Number(buf.readBigUInt64LE(at + 32));
    dirOffset = Number(buf.readBigUInt64LE(at + 48));
  }
  const out: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipError('damaged central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const e = { size: buf.readUInt32LE(p + 24), csize: buf.readUInt32LE(p + 20), offset: buf.readUInt32LE(p + 42) };
    zip64(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e);
    if (flags & 1) throw new ZipError('the workbook is encrypted (password protected)');
    if (method !== 0 && method !== 8) throw new ZipError(`unsupported compression method ${method}`);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    if (buf.readUInt32LE(e.offset) !== SIG_LOCAL) throw new ZipError(`damaged entry ${name}`);
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    out.push({ name, method, crc: buf.readUInt32LE(p + 16), size: e.size, raw: buf.subarray(start, start + e.csize), time: buf.readUInt16LE(p + 12), date: buf.readUInt16LE(p + 14) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export function entryData(e: ZipEntry): Buffer {
  const data = e.method === 8 ? zlib.inflateRawSync(e.raw) : e.raw;
  if (data.length !== e.size) throw new ZipError(`damaged entry ${e.name}`);
  return data;
}

/**
 * zlib level 5: on worksheet XML a file about 1% bigger than at the default 6 for a quarter less
 * compression time (the demo's 18 MB order sheet, the tier sheets); lower levels grow it 10–20%.
 */
const DEFLATE_LEVEL = 5;

/** A new entry from its content (deflated unless tiny). Time 1980-01-01, so equal content gives equal files. */
export function newEntry(name: string, data: Buffer): ZipEntry {
  const deflate = data.length > 64;
  return { name, method: deflate ? 8 : 0, crc: zlib.crc32(data), size: data.length, raw: deflate ? zlib.deflateRawSync(data, { level: DEFLATE_LEVEL }) : data, time: 0, date: 0x21 };
}

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    if (offset > 0xfffffffe || e.raw.length > 0xfffffffe || e.size > 0xfffffffe) throw new ZipError('the workbook would be over 4 GB');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.raw.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(SIG_CENTRAL, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt16LE(e.time, 12);
    cd.writeUInt16LE(e.date, 14);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.raw.length, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, e.raw);
    central.push(cd, name);
    offset += 30 + name.length + e.raw.length;
  }
  if (entries.length > 0xfffe) throw new ZipError('the workbook would have too many parts');
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
