// Post-processing of the .xlsx package around ExcelJS: our settings live in a custom XML
// part (customXml/itemN.xml, namespace urn:customer-tiers:settings:1), and our charts are
// DrawingML parts named xl/charts/ctChartN.xml + xl/drawings/ctDrawingN.xml. On load we take
// both out (ExcelJS would drop or mangle them); on save we put them back from our model.
import JSZip from 'jszip';
import type { ChartSpec } from '../port';
import { CT_CHART, CT_DRAWING, REL_CHART, REL_DRAWING, chartXml, drawingXml, xmlEscape, type CellReader } from './chartXml';

export const SETTINGS_NS = 'urn:customer-tiers:settings:1';
const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
const REL_CUSTOM_PROPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';
const CT_CUSTOM_PROPS = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface OwnParts {
  settings: Map<string, string>;
  /** Chart specs per sheet name. */
  charts: Map<string, ChartSpec[]>;
}

export function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|quot|apos|amp);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[e as 'lt']!;
  });
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? xmlUnescape(m[1]) : null;
};

interface Rel {
  id: string;
  type: string;
  target: string;
  raw: string;
}

function parseRels(xml: string): Rel[] {
  return [...xml.matchAll(/<Relationship\b[^>]*\/>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'Target') ?? '',
    raw: m[0],
  }));
}

function addRel(xml: string | null, rel: { id: string; type: string; target: string; external?: boolean }): string {
  const el = `<Relationship Id="${xmlEscape(rel.id)}" Type="${rel.type}" Target="${xmlEscape(rel.target)}"${rel.external ? ' TargetMode="External"' : ''}/>`;
  if (!xml) return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${el}</Relationships>`;
  return xml.replace('</Relationships>', `${el}</Relationships>`);
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** Resolves a relationship target relative to the part that holds it. */
function resolve(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Sheet name → worksheet part path, from xl/workbook.xml and its rels. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wbXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = parseRels((await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '');
  const out = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet\b[^>]*\/>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id');
    const rel = rels.find((r) => r.id === rid);
    if (name !== null && rel) out.set(name, resolve('xl/workbook.xml', rel.target));
  }
  return out;
}

/** Takes our settings part and chart parts out of a package. Returns null when there are none. */
export async function extractOwnParts(buf: Buffer | ArrayBuffer | Uint8Array): Promise<{ cleaned: Buffer | null; own: OwnParts }> {
  const zip = await JSZip.loadAsync(buf);
  const own: OwnParts = { settings: new Map(), charts: new Map() };
  let changed = false;
  let ct = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';

  for (const path of Object.keys(zip.files).filter((p) => /^customXml\/item\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    if (!xml.includes(SETTINGS_NS)) continue;
    for (const m of xml.matchAll(/<setting key="([^"]*)">([\s\S]*?)<\/setting>/g)) own.settings.set(xmlUnescape(m[1]), xmlUnescape(m[2]));
    const charts = /<charts>([\s\S]*?)<\/charts>/.exec(xml);
    if (charts) {
      try {
        const parsed = JSON.parse(xmlUnescape(charts[1])) as Record<string, ChartSpec[]>;
        for (const [sheet, specs] of Object.entries(parsed)) if (Array.isArray(specs)) own.charts.set(sheet, specs);
      } catch {
        // A damaged chart list only loses our charts; they are re-created by the next refresh.
      }
    }
    const n = /item(\d+)\.xml$/.exec(path)![1];
    zip.remove(path);
    zip.remove(`customXml/itemProps${n}.xml`);
    zip.remove(`customXml/_rels/item${n}.xml.rels`);
    ct = ct.replace(new RegExp(`<Override PartName="/customXml/itemProps${n}\\.xml"[^>]*/>`), '');
    const wbRelsPath = 'xl/_rels/workbook.xml.rels';
    const wbRels = (await zip.file(wbRelsPath)?.async('string')) ?? '';
    zip.file(wbRelsPath, wbRels.replace(new RegExp(`<Relationship\\b[^>]*Target="\\.\\./customXml/item${n}\\.xml"[^>]*/>`), ''));
    changed = true;
  }

  const ours = Object.keys(zip.files).filter((p) => /^xl\/(charts\/ctChart\d+\.xml|drawings\/ctDrawing\d+\.xml)$/.test(p));
  if (ours.length) {
    changed = true;
    for (const p of ours) {
      zip.remove(p);
      zip.remove(relsPathOf(p));
      ct = ct.replace(new RegExp(`<Override PartName="/${p.replace(/[.]/g, '\\.')}"[^>]*/>`), '');
    }
    for (const sheetPath of (await sheetParts(zip)).values()) {
      const relsPath = relsPathOf(sheetPath);
      const relsXml = await zip.file(relsPath)?.async('string');
      if (!relsXml) continue;
      const mine = parseRels(relsXml).filter((r) => /ctDrawing\d+\.xml$/.test(r.target));
      if (!mine.length) continue;
      let sheetXml = (await zip.file(sheetPath)?.async('string')) ?? '';
      let rels = relsXml;
      for (const r of mine) {
        rels = rels.replace(r.raw, '');
        sheetXml = sheetXml.replace(new RegExp(`<drawing r:id="${r.id}"\\s*/>`), '');
      }
      zip.file(relsPath, rels);
      zip.file(sheetPath, sheetXml);
    }
  }
  if (!changed) return { cleaned: null, own };
  zip.file('[Content_Types].xml', ct);
  return { cleaned: await zip.generateAsync({ type: 'nodebuffer' }), own };
}

function addOverride(ct: string, part: string, type: string): string {
  if (ct.includes(`PartName="${part}"`)) return ct;
  return ct.replace('</Types>', `<Override PartName="${part}" ContentType="${type}"/></Types>`);
}

/** Puts our parts into a package ExcelJS wrote; also turns internal hyperlinks into pure locations. */
export async function injectOwnParts(buf: Buffer | ArrayBuffer | Uint8Array, own: OwnParts, read: CellReader): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  let ct = (await zip.file('[Content_Types].xml')!.async('string'))!;
  if (!/Extension="xml"/.test(ct)) ct = ct.replace('</Types>', '<Default Extension="xml" ContentType="application/xml"/></Types>');
  const sheets = await sheetParts(zip);

  // ExcelJS writes an internal link both as location and as an external relationship;
  // Excel would then try to open a file. Keep the location only.
  for (const sheetPath of sheets.values()) {
    let xml = (await zip.file(sheetPath)?.async('string')) ?? '';
    if (!xml.includes('location="')) continue;
    const relsPath = relsPathOf(sheetPath);
    let rels = (await zip.file(relsPath)?.async('string')) ?? '';
    xml = xml.replace(/<hyperlink\b[^>]*\/>/g, (tag) => {
      if (!/\slocation="/.test(tag)) return tag;
      const rid = attr(tag, 'r:id');
      if (rid) rels = rels.replace(new RegExp(`<Relationship Id="${rid}"[^>]*/>`), '');
      return tag.replace(/\sr:id="[^"]*"/, '');
    });
    zip.file(sheetPath, xml);
    if (rels) zip.file(relsPath, rels);
  }

  let chartN = 0;
  let drawingN = 0;
  for (const [sheet, specs] of own.charts) {
    const sheetPath = sheets.get(sheet);
    if (!sheetPath || !specs.length) continue;
    let sheetXml = (await zip.file(sheetPath)!.async('string'))!;
    if (/<drawing\b/.test(sheetXml)) continue; // the sheet already has a drawing (images): not ours to merge
    const drawingPath = `xl/drawings/ctDrawing${++drawingN}.xml`;
    let drawingRels: string | null = null;
    specs.forEach((spec, i) => {
      const chartPath = `xl/charts/ctChart${++chartN}.xml`;
      zip.file(chartPath, chartXml(spec, read));
      ct = addOverride(ct, `/${chartPath}`, CT_CHART);
      drawingRels = addRel(drawingRels, { id: `rIdCt${i + 1}`, type: REL_CHART, target: `../charts/ctChart${chartN}.xml` });
    });
    zip.file(drawingPath, drawingXml(specs));
    zip.file(relsPathOf(drawingPath), drawingRels!);
    ct = addOverride(ct, `/${drawingPath}`, CT_DRAWING);
    const relsPath = relsPathOf(sheetPath);
    zip.file(relsPath, addRel((await zip.file(relsPath)?.async('string')) ?? null, { id: 'rIdCtDrawing', type: REL_DRAWING, target: `../drawings/ctDrawing${drawingN}.xml` }));
    // CT_Worksheet order: drawing comes after pageSetup/headerFooter/breaks and before legacyDrawing/tableParts/extLst.
    const el = '<drawing r:id="rIdCtDrawing"/>';
    const before = /<(legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(sheetXml);
    sheetXml = before ? sheetXml.slice(0, before.index) + el + sheetXml.slice(before.index) : sheetXml.replace('</worksheet>', `${el}</worksheet>`);
    zip.file(sheetPath, sheetXml);
  }

  if (own.settings.size || own.charts.size) {
    let n = 1;
    while (zip.file(`customXml/item${n}.xml`)) n++;
    const esc = (s: string) => xmlEscape(s).replace(/\r/g, '&#13;').replace(/'/g, '&apos;');
    const settings = [...own.settings].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `<setting key="${esc(k)}">${esc(v)}</setting>`).join('');
    const charts = `<charts>${esc(JSON.stringify(Object.fromEntries(own.charts)))}</charts>`;
    zip.file(`customXml/item${n}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ctSettings xmlns="${SETTINGS_NS}">${settings}${charts}</ctSettings>`);
    zip.file(
      `customXml/itemProps${n}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{6B1C2E0A-7D4B-4C55-9E3A-C7A1E5D0F${String(n).padStart(3, '0')}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${SETTINGS_NS}"/></ds:schemaRefs></ds:datastoreItem>`,
    );
    zip.file(`customXml/_rels/item${n}.xml.rels`, addRel(null, { id: 'rId1', type: REL_CUSTOM_PROPS, target: `itemProps${n}.xml` }));
    ct = addOverride(ct, `/customXml/itemProps${n}.xml`, CT_CUSTOM_PROPS);
    const wbRelsPath = 'xl/_rels/workbook.xml.rels';
    zip.file(wbRelsPath, addRel((await zip.file(wbRelsPath)!.async('string'))!, { id: 'rIdCtSettings', type: REL_CUSTOM_XML, target: `../customXml/item${n}.xml` }));
  }
  zip.file('[Content_Types].xml', ct);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
