// Reusable scratch buffers for the kernels' temporaries (grouping, sorting, selection).
// ArrayBuffer memory is "external" to V8, and every ~64 MB of it allocated triggers a full
// garbage collection, which must mark everything the caller holds (a million-row grid: ~100 ms).
// Temporaries that never leave a kernel are therefore carved from buffers kept per slot and
// reused by the next call. Each slot is one live temporary: a kernel must not hand out a slot
// it is still using, and never returns a scratch view to its caller. Single-threaded use only.
const buffers = new Map<string, ArrayBuffer>();

function buffer(slot: string, bytes: number): ArrayBuffer {
  let b = buffers.get(slot);
  if (!b || b.byteLength < bytes) {
    // some headroom, so a slightly larger next input does not reallocate
    b = new ArrayBuffer(Math.ceil((bytes * 1.25) / 8) * 8);
    buffers.set(slot, b);
  }
  return b;
}

/** Float64Array of length n over the slot's buffer; contents undefined unless `zero`. */
export function scratchF64(slot: string, n: number, zero = false): Float64Array {
  const a = new Float64Array(buffer(slot, n * 8), 0, n);
  if (zero) a.fill(0);
  return a;
}

/** Int32Array of length n over the slot's buffer; contents undefined unless `zero`. */
export function scratchI32(slot: string, n: number, zero = false): Int32Array {
  const a = new Int32Array(buffer(slot, n * 4), 0, n);
  if (zero) a.fill(0);
  return a;
}

/** Uint8Array of length n over the slot's buffer; contents undefined unless `zero`. */
export function scratchU8(slot: string, n: number, zero = false): Uint8Array {
  const a = new Uint8Array(buffer(slot, n), 0, n);
  if (zero) a.fill(0);
  return a;
}

/**
 * Where a step's per-row or per-customer columns come from. FRESH: new arrays (whatever may
 * outlive the call). REUSED: the named slot's buffer, for columns that live only inside one
 * classify run (ingested order columns, metric inputs no result column shows) and would
 * otherwise add tens of MB of external memory per run. Both give zero-filled arrays.
 */
export interface ColumnBuffers {
  f64(slot: string, n: number): Float64Array;
  i32(slot: string, n: number): Int32Array;
  u8(slot: string, n: number): Uint8Array;
}

export const FRESH: ColumnBuffers = {
  f64: (_slot, n) => new Float64Array(n),
  i32: (_slot, n) => new Int32Array(n),
  u8: (_slot, n) => new Uint8Array(n),
};

export const REUSED: ColumnBuffers = {
  f64: (slot, n) => scratchF64(slot, n, true),
  i32: (slot, n) => scratchI32(slot, n, true),
  u8: (slot, n) => scratchU8(slot, n, true),
};
