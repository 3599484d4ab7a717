// String → dense integer code, first-seen order. A million ids through a Map<string, number>
// spend most of ingest's time on cache misses (string headers, hash fields, key strings scattered
// over the heap). Here a probe reads one 32-byte slot holding the hash, code, length and — for
// keys of up to 10 UTF-16 units, i.e. most ids — the key's characters themselves, so a lookup
// usually touches one cache line. Longer keys are compared against a contiguous arena.
//
// Most real ids are structured: a fixed prefix and a number ("C000123", "10042"). Those skip the
// hash table: the number indexes a small direct table (400 KB for 100,000 customers, which stays
// in cache, where the 8 MB hash table misses on almost every lookup). Which strings take this
// path is a fixed function of the string once the first id with trailing digits has set the
// prefix and width, so a string always gets the same code whichever path it takes.
//
// Hash-like ids (lowercase hex of a fixed length, 9 to 32 characters: "9e3779b185ebca6b", MD5s)
// take a third path: the text is the number, so the table holds the number itself (two to four
// Int32s) and a lookup never compares characters. Which strings take it is again fixed once the
// first such id has set the length.
const STRIDE = 8; // Int32s per slot: [hash, code (-1 = empty), length, 5 × two packed units | arena offset]
const INLINE = 10;
/** Numbers at or above this take the hash path (bounds a direct table at 8 MB). */
const DIRECT_LIMIT = 1 << 21;
const MAX_DIGITS = 9;
const HEX_MIN = 9;
const HEX_MAX = 32;
/** Value of a lowercase hex digit by character code, −1 for any other character below 128. */
const HEX_DIGIT = Int8Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1));
/**
 * Value of two lowercase hex digits by their character codes (first << 7 | second), −1 unless
 * both are hex digits: half the lookups of HEX_DIGIT (32 KB, stays in the L1 cache).
 */
const HEX_PAIR = Int16Array.from({ length: 1 << 14 }, (_, k) => {
  const hi = HEX_DIGIT[k >> 7];
  const lo = HEX_DIGIT[k & 127];
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
});

export class StringInterner {
  /** Distinct strings in first-seen order: keys[code]. */
  readonly keys: string[] = [];
  private mask: number;
  private slots: Int32Array;
  /** Characters of the long keys back to back. */
  private chars: Uint16Array;
  private used = 0;
  /** Keys in the hash table. */
  private hashedKeys = 0;
  /** Prefix before the trailing digits of the first id that has 1..MAX_DIGITS of them. */
  private prefix: string | null = null;
  /** Digit count of that id. */
  private width = 0;
  /** code + 1 by number: ids `prefix + digits` with exactly `width` digits. */
  private byWidth = new Int32Array(0);
  /** code + 1 by number: ids `prefix + digits` of another width, without leading zeros. */
  private byValue = new Int32Array(0);
  /** Length of the hex ids (0 until the first one); Int32 words per id; slots of the hex table. */
  private hexLen = 0;
  private hexWords = 0;
  private hexStride = 0;
  private hexMask = 0;
  private hexSlots = new Int32Array(0);
  private hexKeys = 0;
  private readonly hexWord = new Int32Array(4);

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
    const prefix = this.prefix ?? this.firstPrefix(s, len);
    // `prefix + 1..MAX_DIGITS digits`: the prefix compared first (other ids differ in its first
    // characters), then the digits read once. The prefix never ends in a digit, so its digits
    // are exactly the string's trailing ones.
    const j = prefix === null ? -1 : prefix.length;
    const w = len - j;
    if (j >= 0 && w > 0 && w <= MAX_DIGITS && (j === 0 || samePrefix(s, prefix!, j))) {
      let v = 0;
      let q = j;
      for (; q < len; q++) {
        const c = s.charCodeAt(q);
        if (c < 48 || c > 57) break;
        v = v * 10 + c - 48;
      }
      // Fixed width: the digits are the number. Other widths: only without leading zeros
      // ("C42", not "C042"), where the number gives back the digits too.
      if (q === len && v < DIRECT_LIMIT) {
        if (w === this.width) return this.direct(false, v, s);
        if (w === 1 || s.charCodeAt(j) !== 48) return this.direct(true, v, s);
      }
    }
    if (len >= HEX_MIN && len <= HEX_MAX && (this.hexLen === 0 || len === this.hexLen)) {
      const c = s.charCodeAt(0);
      if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) {
        const code = this.hex(s, len);
        if (code >= 0) return code;
      }
    }
    return this.hashed(s, len);
  }

  /**
   * Code of a finite number's id text, String(x) (normalizeId's rule for ids stored as numbers),
   * made only when the id is new. Once the ids are all digits (prefix ''), a whole x below
   * DIRECT_LIMIT is the direct path's number itself: String(x) has no leading zero.
   */
  internNumber(x: number): number {
    if (this.prefix === '' && x >= 0 && x < DIRECT_LIMIT && Math.floor(x) === x) {
      let w = 1;
      for (let t = x; t >= 10; t = Math.floor(t / 10)) w++;
      return this.direct(w !== this.width, x, null);
    }
    return this.intern(String(x));
  }

  /** Sets the prefix and width from s when it ends in 1..MAX_DIGITS digits (the first such id); the prefix, or null. */
  private firstPrefix(s: string, len: number): string | null {
    let j = len;
    while (j > 0) {
      const c = s.charCodeAt(j - 1);
      if (c < 48 || c > 57) break;
      j--;
    }
    const w = len - j;
    if (w === 0 || w > MAX_DIGITS) return null;
    this.prefix = s.slice(0, j);
    this.width = w;
    return this.prefix;
  }

  /** Code of a lowercase hex id of the hex length (fixing it at the first); -1 for any other string. */
  private hex(s: string, len: number): number {
    const word = this.hexWord;
    let w = 0;
    let v = 0;
    // Two characters a step, eight to a word; an odd length's last character alone.
    const even = len & ~1;
    for (let i = 0; i < even; i += 2) {
      const a = s.charCodeAt(i);
      const b = s.charCodeAt(i + 1);
      const d = (a | b) < 128 ? HEX_PAIR[(a << 7) | b] : -1;
      if (d < 0) return -1;
      v = (v << 8) | d;
      if ((i & 7) === 6) {
        word[w++] = v;
        v = 0;
      }
    }
    if (even !== len) {
      const c = s.charCodeAt(even);
      const d = c < 128 ? HEX_DIGIT[c] : -1;
      if (d < 0) return -1;
      v = (v << 4) | d;
    }
    if ((len & 7) !== 0) word[w++] = v;
    if (this.hexLen === 0) this.startHex(len, w);
    const stride = this.hexStride;
    const slots = this.hexSlots;
    const mask = this.hexMask;
    let slot = hexHash(word, w) & mask;
    for (;;) {
      const p = slot * stride;
      const c = slots[p];
      if (c === 0) break;
      let same = true;
      for (let q = 0; q < w; q++) {
        if (slots[p + 1 + q] !== word[q]) {
          same = false;
          break;
        }
      }
      if (same) return c - 1;
      slot = (slot + 1) & mask;
    }
    const code = this.keys.length;
    this.keys.push(s);
    const p = slot * stride;
    slots[p] = code + 1;
    for (let q = 0; q < w; q++) slots[p + 1 + q] = word[q];
    // Filled up to 4/5 (not 1/2): four 16-byte slots share a cache line, so a longer probe
    // seldom costs another miss, and a table half the size misses less (100,000 ids: 2 MB, not 4).
    if (++this.hexKeys * 5 > (mask + 1) * 4) this.growHex();
    return code;
  }

  private startHex(len: number, words: number): void {
    this.hexLen = len;
    this.hexWords = words;
    this.hexStride = words < 4 ? 4 : 8;
    this.hexMask = 1023;
    this.hexSlots = new Int32Array(1024 * this.hexStride);
  }

  private growHex(): void {
    const old = this.hexSlots;
    const stride = this.hexStride;
    const cap = (this.hexMask + 1) * 2;
    this.hexMask = cap - 1;
    this.hexSlots = new Int32Array(cap * stride);
    this.hexKeys = 0;
    const word = this.hexWord;
    for (let p = 0; p < old.length; p += stride) {
      if (old[p] === 0) continue;
      for (let q = 0; q < this.hexWords; q++) word[q] = old[p + 1 + q];
      this.placeHex(old[p]);
    }
  }

  /** Puts `hexWord` with code + 1 `c` into the (larger) table. */
  private placeHex(c: number): void {
    const w = this.hexWords;
    const word = this.hexWord;
    const stride = this.hexStride;
    let slot = hexHash(word, w) & this.hexMask;
    while (this.hexSlots[slot * stride] !== 0) slot = (slot + 1) & this.hexMask;
    const p = slot * stride;
    this.hexSlots[p] = c;
    for (let q = 0; q < w; q++) this.hexSlots[p + 1 + q] = word[q];
    this.hexKeys++;
  }

  /** s: the id's text, or null for String(v). */
  private direct(byValue: boolean, v: number, s: string | null): number {
    let table = byValue ? this.byValue : this.byWidth;
    if (v >= table.length) {
      let cap = Math.max(table.length, 1024);
      while (cap <= v) cap *= 2;
      const bigger = new Int32Array(cap);
      bigger.set(table);
      table = bigger;
      if (byValue) this.byValue = table;
      else this.byWidth = table;
    }
    const c = table[v];
    if (c > 0) return c - 1;
    const code = this.keys.length;
    this.keys.push(s ?? String(v));
    table[v] = code + 1;
    return code;
  }

  private hashed(s: string, len: number): number {
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
    if (++this.hashedKeys * 2 > this.mask + 1) this.grow();
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

/** The words of a hex id mixed into a slot hash (every bit of every word reaches the low bits). */
function hexHash(word: Int32Array, w: number): number {
  let h = word[0];
  for (let q = 1; q < w; q++) h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ word[q];
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

function samePrefix(s: string, prefix: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
  return true;
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
