// The payload meter: the size of a request or response as UTF-8 JSON, as Excel counts it.

/** UTF-8 byte length of a string, without allocating a buffer. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonSize(value: unknown): number {
  return value === undefined ? 0 : utf8Length(JSON.stringify(value));
}

/** Fixed cost of one queued action (object path, method name, ids) in the request JSON. */
export const ACTION_OVERHEAD = 96;
