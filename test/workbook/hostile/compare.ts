// Part-by-part comparison of two .xlsx/.xlsm packages, for the hostile corpus.
//
// The rule it enforces is the product's first promise: what the user made is never changed or
// deleted. "What the user made" is the ORIGINAL package (the file as the user handed it over,
// plus any edit the user makes between runs): every part in it is a user part. The add-in may
//   - add parts of its own: sheets that were not in the original, listed in the registry and
//     carrying the registry's marker in A2, and every part reachable from them by relationships
//     (drawings, charts, tables); its settings part (customXml/itemN.xml in the settings
//     namespace, with its itemProps and rels); and xl/sharedStrings.xml / xl/styles.xml when the
//     original had none;
//   - edit these user parts, and only as described (ALLOWED_EDITS):
//       [Content_Types].xml   only Overrides of its own parts and added Defaults
//       xl/workbook.xml       only <sheet> entries of its own sheets
//       xl/_rels/workbook.xml.rels  only relationships to its own parts
//       docProps/app.xml      only HeadingPairs / TitlesOfParts (the sheet list)
//       docProps/core.xml     only dcterms:modified and cp:lastModifiedBy
//       xl/styles.xml         only appended entries (each list's old entries are a prefix of the new)
//       xl/sharedStrings.xml  only appended <si> (old ones a prefix, counts free)
//       a user worksheet      only cells that were empty in the original AND lie in an owned tier
//                             block of the registry (header row, data rows, and a table's totals
//                             row), plus <dimension>, row spans and the widths of the block's
//                             columns; every other cell, row attribute and element is compared
//       the customer table    only tier columns appended (tableColumns, ref, autoFilter widened)
//   - everything else in a user part is a violation; a part the add-in had no need to touch must
//     also stay byte-identical (canonically equal but rewritten is reported too).
// After "remove" the package must equal the original part by part: canonical XML for the parts
// above, bytes for the rest; only the settings part (the config stays) may remain.
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';

export const SETTINGS_NS = 'urn:customer-tiers:settings:1';
export const REGISTRY_SETTING = 'customerTiers.registry';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Parts that may have to be rewritten when the add-in adds its own things. */
export const REWRITABLE = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'docProps/app.xml', 'docProps/core.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];

// ---------------------------------------------------------------------------------------------
// Packages

export interface Package {
  files: Map<string, Buffer>;
}

export async function loadPackage(buf: Buffer | Uint8Array): Promise<Package> {
  const zip = await JSZip.loadAsync(buf);
  const files = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) files.set(name, await f.async('nodebuffer'));
  return { files };
}

export const isXmlPart = (p: string) => /\.(xml|rels|vml)$/i.test(p);
const text = (pkg: Package, p: string) => pkg.files.get(p)?.toString('utf8') ?? null;

export interface PartDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Every zip entry added, removed or changed (bytes). */
export function diffParts(before: Package, after: Package): PartDiff {
  const added = [...after.files.keys()].filter((p) => !before.files.has(p)).sort();
  const removed = [...before.files.keys()].filter((p) => !after.files.has(p)).sort();
  const changed = [...before.files.keys()].filter((p) => after.files.has(p) && !before.files.get(p)!.equals(after.files.get(p)!)).sort();
  return { added, removed, changed };
}

// ---------------------------------------------------------------------------------------------
// Canonical XML: namespaces resolved to URIs (prefixes do not matter), attributes sorted,
// xmlns declarations dropped, whitespace-only text between elements dropped.

export interface XNode {
  name: string;
  attrs: [string, string][];
  children: XNode[];
  text?: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  cdataPropName: false,
});

type Raw = Record<string, unknown>;

function qualify(name: string, scope: Map<string, string>, isAttr: boolean): string {
  const i = name.indexOf(':');
  if (i < 0) return isAttr ? name : `{${scope.get('') ?? ''}}${name}`;
  const prefix = name.slice(0, i);
  if (prefix === 'xml') return `{xml}${name.slice(i + 1)}`;
  return `{${scope.get(prefix) ?? `?${prefix}`}}${name.slice(i + 1)}`;
}

function convert(list: Raw[], scope: Map<string, string>): XNode[] {
  const out: XNode[] = [];
  for (const item of list) {
    if ('#text' in item) {
      const t = String(item['#text']);
      if (t.trim() !== '') out.push({ name: '#text', attrs: [], children: [], text: t });
      continue;
    }
    const tag = Object.keys(item).find((k) => k !== ':@')!;
    const rawAttrs = (item[':@'] ?? {}) as Record<string, string>;
    const inner = new Map(scope);
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (k === 'xmlns') inner.set('', String(v));
      else if (k.startsWith('xmlns:')) inner.set(k.slice(6), String(v));
    }
    const attrs: [string, string][] = [];
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      const name = qualify(k, inner, true);
      let value = String(v);
      // mc:Ignorable / PreserveElements list prefixes: compare the namespaces they stand for.
      if (/^\{http:\/\/schemas\.openxmlformats\.org\/markup-compatibility\/2006\}(Ignorable|PreserveElements|PreserveAttributes|ProcessContent)$/.test(name))
        value = value.split(/\s+/).filter(Boolean).map((p) => inner.get(p) ?? p).sort().join(' ');
      attrs.push([name, value]);
    }
    attrs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.push({ name: qualify(tag, inner, false), attrs, children: convert((item[tag] ?? []) as Raw[], inner) });
  }
  return out;
}

/** The canonical tree of an XML text (its root element). */
export function canonical(xml: string): XNode {
  const nodes = convert(parser.parse(xml) as Raw[], new Map([['xml', 'xml']]));
  const root = nodes.find((n) => n.name !== '#text');
  if (!root) throw new Error('no root element');
  return root;
}

export function serialize(n: XNode): string {
  if (n.name === '#text') return JSON.stringify(n.text);
  const attrs = n.attrs.map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('');
  return `<${n.name}${attrs}>${n.children.map(serialize).join('')}</${n.name}>`;
}

const local = (name: string) => name.replace(/^\{[^}]*\}/, '');

/** The first difference between two canonical trees, as a path and the two sides; null when equal. */
export function firstDifference(a: XNode, b: XNode, path = ''): string | null {
  const here = `${path}/${local(a.name)}`;
  if (a.name !== b.name) return `${path}: element ${a.name} became ${b.name}`;
  if (a.name === '#text') return a.text === b.text ? null : `${path}: text ${JSON.stringify(a.text)} became ${JSON.stringify(b.text)}`;
  const am = new Map(a.attrs);
  const bm = new Map(b.attrs);
  for (const [k, v] of am) if (bm.get(k) !== v) return `${here}@${local(k)}: ${JSON.stringify(v)} became ${bm.has(k) ? JSON.stringify(bm.get(k)) : '(removed)'}`;
  for (const [k, v] of bm) if (!am.has(k)) return `${here}@${local(k)}: added ${JSON.stringify(v)}`;
  const n = Math.max(a.children.length, b.children.length);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const ca = a.children[i];
    const cb = b.children[i];
    const key = local((ca ?? cb).name);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const step = `${here}/${key}[${counts.get(key)}]`;
    if (!ca) return `${step}: added ${serialize(cb).slice(0, 200)}`;
    if (!cb) return `${step}: removed ${serialize(ca).slice(0, 200)}`;
    const d = firstDifference(ca, cb, here);
    if (d) return d;
  }
  return null;
}

/** The first canonical difference of two XML texts (null when equal). */
export function xmlDifference(a: string, b: string): string | null {
  return firstDifference(canonical(a), canonical(b));
}

const without = (n: XNode, drop: (c: XNode) => boolean): XNode => ({ ...n, children: n.children.filter((c) => !drop(c)) });
const child = (n: XNode, name: string) => n.children.find((c) => local(c.name) === name);
const kids = (n: XNode | undefined, name: string) => (n ? n.children.filter((c) => local(c.name) === name) : []);
const attr = (n: XNode, name: string) => n.attrs.find(([k]) => k === name || k.endsWith(`}${name}`))?.[1];

// ---------------------------------------------------------------------------------------------
// Package structure: relationships, sheets, settings, registry

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function relsOf(pkg: Package, part: string): Rel[] {
  const xml = text(pkg, relsPathOf(part));
  if (!xml) return [];
  return canonical(xml).children.map((r) => ({ id: attr(r, 'Id') ?? '', type: attr(r, 'Type') ?? '', target: attr(r, 'Target') ?? '', external: attr(r, 'TargetMode') === 'External' }));
}

export interface SheetEntry {
  name: string;
  part: string;
  state: string;
}

export function sheetsOf(pkg: Package): SheetEntry[] {
  const wb = text(pkg, 'xl/workbook.xml');
  if (!wb) return [];
  const rels = relsOf(pkg, 'xl/workbook.xml');
  return kids(child(canonical(wb), 'sheets'), 'sheet').map((s) => {
    const rid = s.attrs.find(([k]) => k === `{${RELNS}}id`)?.[1];
    const rel = rels.find((r) => r.id === rid);
    return { name: attr(s, 'name') ?? '', part: rel ? resolveTarget('xl/workbook.xml', rel.target) : '', state: attr(s, 'state') ?? 'visible' };
  });
}

/** Parts reachable from a part by internal relationships (the part itself included). */
export function closure(pkg: Package, start: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const p = todo.pop()!;
    if (seen.has(p) || !pkg.files.has(p)) continue;
    seen.add(p);
    if (pkg.files.has(relsPathOf(p))) seen.add(relsPathOf(p));
    for (const r of relsOf(pkg, p)) if (!r.external) todo.push(resolveTarget(p, r.target));
  }
  return seen;
}

/** The settings part group (item, itemProps, rels) in the add-in's namespace, if any. */
export function settingsParts(pkg: Package): { parts: Set<string>; settings: Map<string, string> } {
  const parts = new Set<string>();
  const settings = new Map<string, string>();
  for (const p of pkg.files.keys()) {
    if (!/^customXml\/item\d+\.xml$/.test(p)) continue;
    const xml = text(pkg, p)!;
    if (!xml.includes(SETTINGS_NS)) continue;
    for (const q of closure(pkg, [p])) parts.add(q);
    for (const s of kids(canonical(xml), 'setting')) settings.set(attr(s, 'key') ?? '', s.children.map((c) => c.text ?? '').join(''));
  }
  return { parts, settings };
}

export interface RegistryView {
  id: string;
  sheets: { name: string; role?: string }[];
  charts?: { name: string; sheet: string }[];
  columns: { sheet: string; table?: string; row: number; col: number; rows: number; headers: string[] }[];
}

export function registryOf(pkg: Package): RegistryView | null {
  const raw = settingsParts(pkg).settings.get(REGISTRY_SETTING);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as RegistryView;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Cells

export const colIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
export function parseRef(r: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(r)!;
  return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
}

export interface CellView {
  /** Style index, value kind and content, in one comparable string. */
  key: string;
  /** The displayed content (text of a string, number as written), for assertions. */
  value: string | null;
  empty: boolean;
}

export interface SheetCells {
  cells: Map<string, CellView>;
  rows: Map<number, string>;
}

export function sharedStrings(pkg: Package): XNode[] {
  const xml = text(pkg, 'xl/sharedStrings.xml');
  return xml ? kids(canonical(xml), 'si') : [];
}

const plainText = (n: XNode): string => (n.name === '#text' ? n.text ?? '' : local(n.name) === 'rPh' ? '' : n.children.map(plainText).join(''));

/** Every cell of a worksheet part (shared strings resolved, so a moved index is not a change). */
export function sheetCells(pkg: Package, part: string, sst = sharedStrings(pkg)): SheetCells {
  const cells = new Map<string, CellView>();
  const rows = new Map<number, string>();
  const xml = text(pkg, part);
  if (!xml) return { cells, rows };
  const data = child(canonical(xml), 'sheetData');
  for (const row of kids(data, 'row')) {
    const r = Number(attr(row, 'r')) - 1;
    rows.set(r, JSON.stringify(row.attrs.filter(([k]) => k !== 'spans' && k !== 'r' && !k.includes('dyDescent'))));
    for (const c of kids(row, 'c')) {
      const ref = attr(c, 'r')!;
      const t = attr(c, 't') ?? 'n';
      const f = child(c, 'f');
      const v = child(c, 'v');
      const vText = v ? plainText(v) : null;
      let content: string;
      let value: string | null;
      if (t === 's') {
        const si = sst[Number(vText)];
        content = `str:${si ? si.children.map(serialize).join('') : `?${vText}`}`;
        value = si ? plainText(si) : null;
      } else if (t === 'inlineStr') {
        const is = child(c, 'is');
        content = `str:${is ? is.children.map(serialize).join('') : ''}`;
        value = is ? plainText(is) : '';
      } else {
        content = `${t}:${vText ?? ''}`;
        value = vText;
      }
      const style = attr(c, 's') ?? '0';
      const formula = f ? serialize(f) : '';
      cells.set(ref, { key: `s=${style}|${content}|${formula}`, value, empty: value === null && !f });
    }
  }
  return { cells, rows };
}

// ---------------------------------------------------------------------------------------------
// The check

export interface Violation {
  part: string;
  what: string;
}

export interface Block {
  sheet: string;
  row: number;
  col: number;
  /** Last row of the block (0-based, inclusive). */
  lastRow: number;
  cols: number;
  table?: string;
  headers: string[];
}

function blocksOf(reg: RegistryView | null): Block[] {
  return (reg?.columns ?? []).map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, lastRow: c.row + c.rows + (c.table ? 1 : 0), cols: c.headers.length, table: c.table, headers: c.headers }));
}

const inBlock = (bs: Block[], row: number, col: number) => bs.some((b) => row >= b.row && row <= b.lastRow && col >= b.col && col < b.col + b.cols);

function markerOk(pkg: Package, part: string, id: string): boolean {
  const a2 = sheetCells(pkg, part).cells.get('A2');
  return !!a2?.value && a2.value.includes(`ct-${id}`);
}

/** The parts the add-in owns in a package: its sheets (not in the original, registered, marked), what they reach, its settings. */
export function ownedParts(original: Package, pkg: Package, problems: Violation[] = []): Set<string> {
  const userSheets = new Set(sheetsOf(original).map((s) => s.name.toLowerCase()));
  const reg = registryOf(pkg);
  const owned = new Set<string>(settingsParts(pkg).parts);
  const roots: string[] = [];
  for (const s of sheetsOf(pkg)) {
    if (userSheets.has(s.name.toLowerCase())) continue;
    const registered = reg?.sheets.some((x) => x.name.toLowerCase() === s.name.toLowerCase());
    if (!registered) problems.push({ part: s.part, what: `sheet "${s.name}" was added but is not in the registry` });
    else if (!markerOk(pkg, s.part, reg!.id)) problems.push({ part: s.part, what: `sheet "${s.name}" was added without the registry's marker in A2` });
    roots.push(s.part);
  }
  for (const p of closure(pkg, roots)) if (!original.files.has(p)) owned.add(p);
  for (const p of ['xl/sharedStrings.xml', 'xl/styles.xml']) if (!original.files.has(p) && pkg.files.has(p)) owned.add(p);
  return owned;
}

/** [Content_Types].xml without the Overrides of the add-in's parts and Defaults the original lacked, in a stable order. */
function contentTypesView(original: XNode, own: (part: string) => boolean): (n: XNode) => XNode {
  const exts = new Set(kids(original, 'Default').map((d) => (attr(d, 'Extension') ?? '').toLowerCase()));
  return (n) => sortedChildren(without(n, (c) => (local(c.name) === 'Override' ? own((attr(c, 'PartName') ?? '').replace(/^\//, '')) : !exts.has((attr(c, 'Extension') ?? '').toLowerCase()))));
}

/** Order carries no meaning in content types and relationships. */
const sortedChildren = (n: XNode): XNode => ({ ...n, children: [...n.children].sort((x, y) => (serialize(x) < serialize(y) ? -1 : serialize(x) > serialize(y) ? 1 : 0)) });

function compareSimple(part: string, a: string, b: string, out: Violation[], prepare?: (n: XNode) => XNode): void {
  const ca = canonical(a);
  const cb = canonical(b);
  const d = firstDifference(prepare ? prepare(ca) : ca, prepare ? prepare(cb) : cb);
  if (d) out.push({ part, what: d });
}

/** Lists that may only grow at their end (styles.xml children, sharedStrings si). */
function appendOnly(part: string, a: XNode, b: XNode, out: Violation[]): void {
  const counted = (n: XNode) => ({ ...n, attrs: n.attrs.filter(([k]) => k !== 'count' && k !== 'uniqueCount') });
  const ra = counted(a);
  const rb = counted(b);
  const head = firstDifference({ ...ra, children: [] }, { ...rb, children: [] });
  if (head) return void out.push({ part, what: head });
  const isList = (n: XNode) => n.attrs.some(([k]) => k === 'count') || local(n.name) === 'si';
  if (local(a.name) === 'sst') {
    a.children.forEach((c, i) => {
      const d = b.children[i] ? firstDifference(c, b.children[i]) : `entry ${i + 1} removed`;
      if (d) out.push({ part, what: `si[${i + 1}] ${d}` });
    });
    return;
  }
  const bByName = new Map(b.children.map((c) => [local(c.name), c]));
  for (const ca of a.children) {
    const cb = bByName.get(local(ca.name));
    if (!cb) {
      out.push({ part, what: `${local(ca.name)} removed` });
      continue;
    }
    if (!isList(ca) && !isList(cb)) {
      const d = firstDifference(ca, cb);
      if (d) out.push({ part, what: d });
      continue;
    }
    const d0 = firstDifference({ ...counted(ca), children: [] }, { ...counted(cb), children: [] });
    if (d0) out.push({ part, what: d0 });
    ca.children.forEach((x, i) => {
      const d = cb.children[i] ? firstDifference(x, cb.children[i]) : `removed`;
      if (d) out.push({ part, what: `${local(ca.name)}[${i + 1}] ${d} (only appending is allowed)` });
    });
  }
}

function compareSheet(original: Package, pkg: Package, part: string, blocks: Block[], out: Violation[]): void {
  const a = canonical(text(original, part)!);
  const b = canonical(text(pkg, part)!);
  const skip = new Set(['dimension', 'sheetData', 'cols']);
  const rest = firstDifference(without(a, (c) => skip.has(local(c.name))), without(b, (c) => skip.has(local(c.name))));
  if (rest) out.push({ part, what: rest });
  // Cell by cell: every cell of the original as it was; new cells only in an owned block.
  const ca = sheetCells(original, part);
  const cb = sheetCells(pkg, part);
  for (const [ref, cell] of ca.cells) {
    const now = cb.cells.get(ref);
    const { row, col } = parseRef(ref);
    if (inBlock(blocks, row, col) && cell.empty && cell.key.startsWith('s=0|')) continue;
    if (inBlock(blocks, row, col) && !cell.empty) out.push({ part, what: `cell ${ref} (${JSON.stringify(cell.value)}) lies in the owned block` });
    if (!now) out.push({ part, what: `cell ${ref} removed (was ${JSON.stringify(cell.value)})` });
    else if (now.key !== cell.key && !(inBlock(blocks, row, col) && cell.empty)) out.push({ part, what: `cell ${ref}: ${cell.key} became ${now.key}` });
  }
  for (const [ref, cell] of cb.cells) {
    if (ca.cells.has(ref)) continue;
    const { row, col } = parseRef(ref);
    if (!inBlock(blocks, row, col)) out.push({ part, what: `cell ${ref} added outside any owned block (${JSON.stringify(cell.value)})` });
  }
  for (const [r, attrs] of ca.rows) {
    if (!cb.rows.has(r)) {
      if (attrs !== '[]') out.push({ part, what: `row ${r + 1} removed` });
    } else if (cb.rows.get(r) !== attrs) out.push({ part, what: `row ${r + 1} attributes ${attrs} became ${cb.rows.get(r)}` });
  }
  // Column widths and attributes outside the blocks.
  const colsOf = (n: XNode) => {
    const m = new Map<number, string>();
    for (const c of kids(child(n, 'cols'), 'col')) {
      const lo = Number(attr(c, 'min'));
      const hi = Math.min(Number(attr(c, 'max')), lo + 300);
      const rest = JSON.stringify(c.attrs.filter(([k]) => k !== 'min' && k !== 'max'));
      for (let i = lo; i <= hi; i++) m.set(i - 1, rest);
    }
    return m;
  };
  const wa = colsOf(a);
  const wb = colsOf(b);
  const blockCols = (c: number) => blocks.some((x) => c >= x.col && c < x.col + x.cols);
  for (const c of new Set([...wa.keys(), ...wb.keys()])) if (!blockCols(c) && wa.get(c) !== wb.get(c)) out.push({ part, what: `column ${c + 1} attributes ${wa.get(c) ?? '(none)'} became ${wb.get(c) ?? '(none)'}` });
}

function compareTable(part: string, a: XNode, b: XNode, blocks: Block[], out: Violation[]): void {
  const name = attr(a, 'name');
  const block = blocks.find((x) => x.table && x.table.toLowerCase() === name?.toLowerCase());
  const extra = block?.headers.length ?? 0;
  const widen = (r: string | undefined, n: number) => {
    if (!r) return r;
    const [from, to] = r.split(':');
    const end = parseRef(to);
    const letters = (c: number) => {
      let s = '';
      for (let k = c + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
      return s;
    };
    return `${from}:${letters(end.col + n)}${end.row + 1}`;
  };
  const colsA = kids(child(a, 'tableColumns'), 'tableColumn');
  const colsB = kids(child(b, 'tableColumns'), 'tableColumn');
  const appended = colsB.length - colsA.length;
  if (appended !== 0 && appended !== extra) out.push({ part, what: `table ${name}: ${appended} columns appended, the owned block has ${extra}` });
  colsA.forEach((c, i) => {
    const d = colsB[i] ? firstDifference(c, colsB[i]) : 'removed';
    if (d) out.push({ part, what: `table ${name} column ${i + 1}: ${d}` });
  });
  colsB.slice(colsA.length).forEach((c) => {
    if (!block?.headers.includes(attr(c, 'name') ?? '')) out.push({ part, what: `table ${name}: column "${attr(c, 'name')}" appended that is not an owned tier column` });
  });
  // The rest, with ref and autoFilter widened as the appended columns explain.
  const fix = (n: XNode, by: number): XNode => ({
    ...n,
    attrs: n.attrs.map(([k, v]) => [k, k === 'ref' ? widen(v, by)! : v]),
    children: n.children
      .filter((c) => local(c.name) !== 'tableColumns')
      .map((c) => (local(c.name) === 'autoFilter' ? { ...c, attrs: c.attrs.map(([k, v]) => [k, k === 'ref' ? widen(v, by)! : v] as [string, string]) } : c)),
  });
  const d = firstDifference(fix(a, appended), fix(b, 0));
  if (d) out.push({ part, what: d });
}

/**
 * Everything that changed in `pkg` relative to the user's `original` and is not on the
 * allow-list. Empty when the add-in kept its promise.
 */
export function checkAgainstOriginal(original: Package, pkg: Package, extraBlocks: Block[] = []): Violation[] {
  const out: Violation[] = [];
  const owned = ownedParts(original, pkg, out);
  const userSettings = settingsParts(original).parts;
  const blocks = [...blocksOf(registryOf(pkg)), ...extraBlocks];
  const userSheets = sheetsOf(original);
  const userSheetNames = new Set(userSheets.map((s) => s.name.toLowerCase()));
  const sheetPart = new Map(userSheets.map((s) => [s.part, s.name]));
  const isOwnPart = (p: string) => owned.has(p) || userSettings.has(p);
  for (const p of pkg.files.keys()) if (!original.files.has(p) && !owned.has(p)) out.push({ part: p, what: 'part added that the add-in does not own' });
  for (const [p, bytes] of original.files) {
    if (userSettings.has(p)) continue; // the settings store (a forged one included) is the add-in's to replace
    const now = pkg.files.get(p);
    if (!now) {
      out.push({ part: p, what: 'user part removed' });
      continue;
    }
    if (bytes.equals(now)) continue;
    if (!isXmlPart(p)) {
      out.push({ part: p, what: 'binary part changed' });
      continue;
    }
    const a = bytes.toString('utf8');
    const b = now.toString('utf8');
    const before = out.length;
    if (p === '[Content_Types].xml') {
      compareSimple(p, a, b, out, contentTypesView(canonical(a), (part) => isOwnPart(part)));
    } else if (p === 'xl/workbook.xml') {
      const prep = (n: XNode): XNode => ({ ...n, children: n.children.map((c) => (local(c.name) === 'sheets' ? without(c, (s) => !userSheetNames.has((attr(s, 'name') ?? '').toLowerCase())) : c)) });
      compareSimple(p, a, b, out, prep);
    } else if (p === 'xl/_rels/workbook.xml.rels') {
      compareSimple(p, a, b, out, (n) => sortedChildren(without(n, (r) => attr(r, 'TargetMode') !== 'External' && isOwnPart(resolveTarget('xl/workbook.xml', attr(r, 'Target') ?? '')))));
    } else if (p === 'docProps/app.xml') {
      compareSimple(p, a, b, out, (n) => without(n, (c) => ['HeadingPairs', 'TitlesOfParts'].includes(local(c.name))));
    } else if (p === 'docProps/core.xml') {
      compareSimple(p, a, b, out, (n) => without(n, (c) => ['modified', 'lastModifiedBy'].includes(local(c.name))));
    } else if (p === 'xl/styles.xml' || p === 'xl/sharedStrings.xml') {
      appendOnly(p, canonical(a), canonical(b), out);
    } else if (sheetPart.has(p) && /^xl\/worksheets\//.test(p)) {
      const name = sheetPart.get(p)!.toLowerCase();
      compareSheet(original, pkg, p, blocks.filter((x) => x.sheet.toLowerCase() === name), out);
    } else if (/^xl\/tables\/[^/]+\.xml$/.test(p)) {
      compareTable(p, canonical(a), canonical(b), blocks, out);
    } else if (/\/_rels\/[^/]+\.rels$/.test(p) && sheetPart.has(p.replace(/_rels\/([^/]+)\.rels$/, '$1'))) {
      // A user sheet's relationships: only ones to the add-in's own parts may be added.
      const from = p.replace(/_rels\/([^/]+)\.rels$/, '$1');
      compareSimple(p, a, b, out, (n) => sortedChildren(without(n, (r) => attr(r, 'TargetMode') !== 'External' && isOwnPart(resolveTarget(from, attr(r, 'Target') ?? '')))));
    } else {
      compareSimple(p, a, b, out);
    }
    const editable = REWRITABLE.includes(p) || sheetPart.has(p) || /^xl\/tables\//.test(p) || /\/_rels\/[^/]+\.rels$/.test(p);
    if (out.length === before && !editable) out.push({ part: p, what: 'canonically equal but rewritten (bytes differ): a part the add-in had no reason to touch' });
  }
  return out;
}

/**
 * After remove: the original again, part by part (canonical XML for the parts the add-in had to
 * rewrite, bytes for all others). Only the settings part may remain, holding no registry.
 */
export function checkRestored(original: Package, pkg: Package): Violation[] {
  const out: Violation[] = [];
  const settings = settingsParts(pkg);
  const userSettings = settingsParts(original).parts;
  if (settings.settings.get(REGISTRY_SETTING)) out.push({ part: [...settings.parts][0], what: 'a registry is still stored after remove' });
  const own = (p: string) => settings.parts.has(p) && !original.files.has(p);
  for (const p of pkg.files.keys()) if (!original.files.has(p) && !own(p)) out.push({ part: p, what: 'part left behind after remove' });
  for (const [p, bytes] of original.files) {
    if (userSettings.has(p)) continue;
    const now = pkg.files.get(p);
    if (!now) {
      out.push({ part: p, what: 'user part missing after remove' });
      continue;
    }
    if (bytes.equals(now)) continue;
    const rewritable = REWRITABLE.includes(p) || /^xl\/worksheets\/[^/]+\.xml$/.test(p) || /^xl\/tables\/[^/]+\.xml$/.test(p) || /^xl\/worksheets\/_rels\//.test(p);
    if (!isXmlPart(p) || !rewritable) {
      const d = isXmlPart(p) ? xmlDifference(bytes.toString('utf8'), now.toString('utf8')) : null;
      out.push({ part: p, what: `not byte-identical after remove${d ? `: ${d}` : ''}` });
      continue;
    }
    let prep: ((n: XNode) => XNode) | undefined;
    if (p === '[Content_Types].xml') prep = contentTypesView(canonical(bytes.toString('utf8')), own);
    else if (/\.rels$/.test(p)) {
      const from = p === '_rels/.rels' ? '' : p.replace(/_rels\/([^/]+)\.rels$/, '$1');
      prep = (n) => sortedChildren(without(n, (r) => attr(r, 'TargetMode') !== 'External' && own(resolveTarget(from || 'x', attr(r, 'Target') ?? ''))));
    }
    else if (p === 'docProps/core.xml') prep = (n) => without(n, (c) => ['modified', 'lastModifiedBy'].includes(local(c.name)));
    compareSimple(p, bytes.toString('utf8'), now.toString('utf8'), out, prep);
  }
  return out;
}

export const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.part}: ${v.what}`);

export { MAIN };
