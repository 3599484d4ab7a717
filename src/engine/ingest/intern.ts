// String → dense integer code, first-seen order. A million ids through a Map<string, number>
// spend most of ingest's time on cache misses (string headers, hash fields, key strings scattered
// over the heap). Here a probe reads one 32-byte slot holding the hash, code, length and — for
// keys of up to 10 UTF-16 units, i.e. most ids — the key's characters themselves, so a lookup
// usually touches one cache line. Longer keys are compared against a contiguous arena.
const STRIDE = 8; // Int32s per slot: [hash, code (-1 = empty), length, 5 × two packed units | arena offset]
const INLINE = 10;

export class StringInterner {
  /** Distinct strings in first-seen order: keys[code]. */
  readonly keys: string[] = [];
  private mask: number;
  private slots: Int32Array;
  /** Characters of the long keys back to back. */
  private chars: Uint16Array;
  private used = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = emptySlots(cap);
    this.chars = new Uint16Array(1024);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Code of s, adding it when new. */
  intern(s: string): number {
    const len = s.length;
    let h = 0x811c9dc5 | 0; // FNV-1a over UTF-16 code units
    for (let j = 0; j < len; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const p = slot * STRIDE;
      const c = slots[p + 1];
      if (c < 0) break;
      if (slots[p] === h && slots[p + 2] === len && (len <= INLINE ? sameInline(slots, p + 3, s, len) : this.sameArena(slots[p + 3], s, len))) return c;
      slot = (slot + 1) & mask;
    }
    return this.add(s, len, h, slot);
  }

  private sameArena(o: number, s: string, len: number): boolean {
    const chars = this.chars;
    for (let j = 0; j < len; j++) if (chars[o + j] !== s.charCodeAt(j)) return false;
    return true;
  }

  private add(s: string, len: number, h: number, slot: number): number {
    const code = this.keys.length;
    this.keys.push(s);
    const p = slot * STRIDE;
    const slots = this.slots;
    slots[p] = h;
    slots[p + 1] = code;
    slots[p + 2] = len;
    if (len <= INLINE) {
      // Two units per Int32; charCodeAt past the end is NaN, which packs as 0 (length disambiguates).
      for (let i = 0; 2 * i < len; i++) slots[p + 3 + i] = s.charCodeAt(2 * i) | (s.charCodeAt(2 * i + 1) << 16);
    } else {
      const o = this.used;
      if (o + len > this.chars.length) {
        const bigger = new Uint16Array(Math.max(this.chars.length * 2, o + len));
        bigger.set(this.chars);
        this.chars = bigger;
      }
      for (let j = 0; j < len; j++) this.chars[o + j] = s.charCodeAt(j);
      this.used = o + len;
      slots[p + 3] = o;
    }
    if (this.keys.length * 2 > this.mask + 1) this.grow();
    return code;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const mask = cap - 1;
    const old = this.slots;
    const slots = emptySlots(cap);
    for (let p = 0; p < old.length; p += STRIDE) {
      if (old[p + 1] < 0) continue;
      let s = old[p] & mask;
      while (slots[s * STRIDE + 1] >= 0) s = (s + 1) & mask;
      slots.set(old.subarray(p, p + STRIDE), s * STRIDE);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function sameInline(slots: Int32Array, q: number, s: string, len: number): boolean {
  for (let i = 0; 2 * i < len; i++) {
    if (slots[q + i] !== (s.charCodeAt(2 * i) | (s.charCodeAt(2 * i + 1) << 16))) return false;
  }
  return true;
}

function emptySlots(cap: number): Int32Array {
  const slots = new Int32Array(cap * STRIDE);
  for (let p = 1; p < slots.length; p += STRIDE) slots[p] = -1;
  return slots;
}
