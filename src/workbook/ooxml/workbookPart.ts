// xl/workbook.xml as the adapter needs it: the sheets in order (name, state, part), the date
// system, structure protection and defined names; and the two edits we make to it, adding
// one of our sheets at the end and taking one of ours away.
import { attr, elementSpan, innerOf, setAttr, startTags, xmlEscape, xmlUnescape } from './xml';
import { REL, resolveTarget, type Package } from './opc';

export const WORKBOOK = 'xl/workbook.xml';

export interface SheetEntry {
  name: string;
  sheetId: number;
  rId: string;
  /** visible | hidden | veryHidden */
  state: string;
  /** Package path of the worksheet part (or a chartsheet/dialog sheet: `kind` says). */
  path: string;
  kind: 'worksheet' | 'other';
}

export interface DefinedName {
  name: string;
  /** Index of the sheet it is scoped to, or null for the whole workbook. */
  localSheetId: number | null;
  text: string;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
  lockStructure: boolean;
  names: DefinedName[];
}

const truthy = (v: string | null) => v === '1' || v === 'true';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The relationship id of a <sheet>, whatever prefix the writer bound to the relationships namespace. */
function relId(tag: string): string {
  return attr(tag, 'r:id') ?? /\s[\w.-]+:id="([^"]*)"/.exec(tag)?.[1] ?? '';
}

/** Finds the main workbook part through the package's root relationships (xl/workbook.xml by convention). */
export async function workbookPath(pkg: Package): Promise<string> {
  const root = (await pkg.rels('')).find((r) => r.type === REL.officeDocument);
  return root ? resolveTarget('', root.target) : WORKBOOK;
}

export async function readWorkbook(pkg: Package, path: string): Promise<WorkbookInfo> {
  const xml = await pkg.text(path);
  if (xml === null) throw new Error(`${path} is missing`);
  const rels = await pkg.rels(path);
  const sheets: SheetEntry[] = [];
  for (const { tag } of startTags(xml, 'sheet')) {
    const rId = relId(tag);
    const rel = rels.find((r) => r.id === rId);
    sheets.push({
      name: attr(tag, 'name') ?? '',
      sheetId: Number(attr(tag, 'sheetId') ?? 0),
      rId,
      state: attr(tag, 'state') ?? 'visible',
      path: rel ? resolveTarget(path, rel.target) : '',
      kind: rel?.type === REL.worksheet ? 'worksheet' : 'other',
    });
  }
  const pr = [...startTags(xml, 'workbookPr')][0]?.tag ?? '';
  const prot = [...startTags(xml, 'workbookProtection')][0]?.tag ?? '';
  const names: DefinedName[] = [];
  for (const m of xml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const local = attr(`<x ${m[1]}>`, 'localSheetId');
    names.push({ name: attr(`<x ${m[1]}>`, 'name') ?? '', localSheetId: local === null ? null : Number(local), text: xmlUnescape(m[2]) });
  }
  return { sheets, date1904: truthy(attr(pr, 'date1904')), lockStructure: truthy(attr(prot, 'lockStructure')), names };
}

/** Adds a worksheet entry after the last sheet, so the index of every existing sheet (and of sheet-scoped names) stays. */
export async function addSheetEntry(pkg: Package, wbPath: string, name: string, sheetPath: string): Promise<SheetEntry> {
  const xml = (await pkg.text(wbPath))!;
  const ids = [...startTags(xml, 'sheet')].map((t) => Number(attr(t.tag, 'sheetId') ?? 0));
  const sheetId = Math.max(0, ...ids) + 1;
  const rId = await pkg.addRel(wbPath, REL.worksheet, sheetPath.replace(/^xl\//, ''));
  // Some writers (openpyxl) declare the relationships prefix on each <sheet>, not on <workbook>.
  const root = [...startTags(xml, 'workbook')][0]?.tag ?? '';
  const declare = root.includes(`xmlns:r="${NS_REL}"`) ? '' : ` xmlns:r="${NS_REL}"`;
  const el = `<sheet${declare} name="${xmlEscape(name)}" sheetId="${sheetId}" r:id="${rId}"/>`;
  const span = elementSpan(xml, 'sheets')!;
  const inner = innerOf(xml, span);
  const open = span.tag.endsWith('/>') ? span.tag.replace('/>', '>') : span.tag;
  pkg.set(wbPath, xml.slice(0, span.start) + `${open}${inner}${el}</sheets>` + xml.slice(span.end));
  return { name, sheetId, rId, state: 'visible', path: sheetPath, kind: 'worksheet' };
}

/** Takes a sheet's entry out of the workbook: its <sheet>, its relationship, names scoped to it, and the view's tab indexes. */
export async function removeSheetEntry(pkg: Package, wbPath: string, sheet: SheetEntry, index: number, count: number): Promise<void> {
  let xml = (await pkg.text(wbPath))!;
  const tag = [...startTags(xml, 'sheet')].find((t) => relId(t.tag) === sheet.rId);
  if (tag) xml = xml.slice(0, tag.index) + xml.slice(tag.index + tag.tag.length);
  // Names scoped to later sheets shift down by one; names scoped to this sheet go with it.
  xml = xml.replace(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g, (whole, attrs: string) => {
    const local = attr(`<x ${attrs}>`, 'localSheetId');
    if (local === null) return whole;
    const n = Number(local);
    if (n === index) return '';
    return n > index ? whole.replace(/localSheetId="\d+"/, `localSheetId="${n - 1}"`) : whole;
  });
  xml = xml.replace(/<definedNames>\s*<\/definedNames>/, '');
  xml = xml.replace(/<workbookView\b[^>]*>/g, (view) => {
    let v = view;
    for (const a of ['activeTab', 'firstSheet']) {
      const cur = attr(v, a);
      if (cur === null) continue;
      const n = Number(cur);
      const next = Math.max(0, n > index ? n - 1 : Math.min(n, count - 2));
      if (next !== n) v = setAttr(v, a, String(next));
    }
    return v;
  });
  pkg.set(wbPath, xml);
  await pkg.removeRels(wbPath, [sheet.rId]);
}
