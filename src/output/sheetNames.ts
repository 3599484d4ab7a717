// Excel's sheet-name rules: 1..31 characters, none of : \ / ? * [ ], not starting or
// ending with an apostrophe, unique ignoring case, and "History" is reserved by Excel.
export const MAX_SHEET_NAME = 31;
// Control characters are not forbidden by Excel's rule list but break names in XML and the UI.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[:\\/?*[\]\u0000-\u001f]/g;
const RESERVED = new Set(['history']);

const keys = new Map<string, string>();

/** Case-insensitive key Excel uses to compare sheet names (remembered: every write op names its sheet). */
export function sheetKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    if (keys.size >= 4096) keys.clear();
    keys.set(name, (key = name.normalize('NFC').toLocaleLowerCase('en-US')));
  }
  return key;
}

/** Truncates by code points so a surrogate pair is never cut in half. */
function truncate(s: string, max: number): string {
  const cps = Array.from(s);
  return cps.length <= max ? s : cps.slice(0, max).join('');
}

export function isValidSheetName(name: string): boolean {
  const len = Array.from(name).length;
  return (
    len >= 1 &&
    name.length <= MAX_SHEET_NAME &&
    !new RegExp(FORBIDDEN.source).test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.trim().length > 0 &&
    !RESERVED.has(sheetKey(name))
  );
}

/** Turns any text into a legal sheet name (not yet unique). */
export function sanitizeSheetName(raw: string, fallback = 'Sheet'): string {
  let s = raw.replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  s = s.replace(/^'+/, '').replace(/'+$/, '').trim();
  if (!s) s = fallback;
  // Excel counts UTF-16 units: cut by code points, then re-check the unit length.
  s = truncate(s, MAX_SHEET_NAME);
  while (s.length > MAX_SHEET_NAME) s = Array.from(s).slice(0, -1).join('');
  s = s.replace(/'+$/, '').trim();
  if (!s) s = fallback;
  if (RESERVED.has(sheetKey(s))) s = `${s} (1)`;
  return s;
}

/**
 * A legal name not in `taken` (a set of sheetKey()s, updated in place). Clashes get a
 * " (2)", " (3)"... suffix, cutting the base so the result stays within 31 characters.
 */
export function uniqueSheetName(raw: string, taken: Set<string>, fallback = 'Sheet'): string {
  const base = sanitizeSheetName(raw, fallback);
  let name = base;
  for (let i = 2; taken.has(sheetKey(name)) || !isValidSheetName(name); i++) {
    const suffix = ` (${i})`;
    let stem = base;
    while (stem.length + suffix.length > MAX_SHEET_NAME) stem = Array.from(stem).slice(0, -1).join('');
    stem = stem.replace(/'+$/, '').trimEnd();
    name = `${stem || fallback}${suffix}`;
  }
  taken.add(sheetKey(name));
  return name;
}

/** Excel table names: letters, digits, underscores, dots; start with a letter or underscore; not a cell reference. */
export function uniqueTableName(raw: string, taken: Set<string>): string {
  let base = raw.replace(/[^\p{L}\p{N}_.]/gu, '_');
  if (!/^[\p{L}_]/u.test(base)) base = `T_${base}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(base) || /^[RrCc]\d*$/.test(base)) base = `T_${base}`;
  base = base.slice(0, 200);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}
