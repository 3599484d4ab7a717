// Our own parts of a package: the settings part (customXml/itemN.xml in our namespace,
// holding the config, the registry and the list of our charts) and the drawing + chart
// parts of our charts (xl/drawings/ctDrawingN.xml, xl/charts/ctChartN.xml). The user's
// parts are never among them: ours are found by namespace and by name.
import type { ChartSpec } from '../port';
import { CT_CHART, CT_DRAWING, chartXml, drawingXml, type CellReader } from './chartXml';
import { CT, REL, relativeTarget, relsPathOf, resolveTarget, type Package } from './opc';
import { attr, startTags, xmlEscape, xmlUnescape } from './xml';

export const SETTINGS_NS = 'urn:customer-tiers:settings:1';

export interface OwnParts {
  settings: Map<string, string>;
  /** Chart specs per sheet name. */
  charts: Map<string, ChartSpec[]>;
  /**
   * The styles part as it was before we first added our formats to it, and a hash of it as we
   * last saved it: when no cell uses our formats any more (after a remove) and nobody changed
   * the part since, it is put back exactly as it was.
   */
  styles?: { original: string; saved: string };
  /** Where the settings part was found, and its text then (unchanged settings are not rewritten). */
  path: string | null;
  loaded: string | null;
}

const OUR_DRAWING = /(^|\/)ctDrawing\d+\.xml$/;

function isChartSpec(x: unknown): x is ChartSpec {
  const c = x as ChartSpec;
  const range = (r: unknown) => !!r && typeof (r as { sheet: unknown }).sheet === 'string' && Number.isInteger((r as { row: unknown }).row) && Number.isInteger((r as { col: unknown }).col) && Number.isInteger((r as { rows: unknown }).rows);
  return (
    !!c && typeof c.name === 'string' && typeof c.title === 'string' && ['column', 'bar', 'pie', 'pareto', 'line'].includes(c.type) && range(c.categories) &&
    Array.isArray(c.series) && c.series.every((s) => range(s) && typeof s.name === 'string') &&
    !!c.anchor && [c.anchor.row, c.anchor.col, c.anchor.rows, c.anchor.cols].every((n) => Number.isInteger(n) && n >= 0)
  );
}

/** Reads our settings part; a damaged chart list only loses our charts (the next refresh re-creates them). */
export async function readOwnParts(pkg: Package): Promise<OwnParts> {
  const own: OwnParts = { settings: new Map(), charts: new Map(), path: null, loaded: null };
  for (const path of pkg.paths().filter((p) => /^customXml\/item\d+\.xml$/.test(p))) {
    const xml = (await pkg.text(path))!;
    if (!xml.includes(SETTINGS_NS)) continue;
    own.path = path;
    own.loaded = xml;
    for (const m of xml.matchAll(/<setting key="([^"]*)">([\s\S]*?)<\/setting>/g)) own.settings.set(xmlUnescape(m[1]), xmlUnescape(m[2]));
    const styles = /<styles saved="([^"]*)">([\s\S]*?)<\/styles>/.exec(xml);
    if (styles) own.styles = { saved: styles[1], original: xmlUnescape(styles[2]) };
    const charts = /<charts>([\s\S]*?)<\/charts>/.exec(xml);
    try {
      const parsed = charts ? (JSON.parse(xmlUnescape(charts[1])) as Record<string, unknown>) : {};
      for (const [sheet, specs] of Object.entries(parsed)) if (Array.isArray(specs)) own.charts.set(sheet, specs.filter(isChartSpec));
    } catch {
      // Not JSON: no charts of ours are believed.
    }
    break;
  }
  return own;
}

export function settingsXml(own: OwnParts): string | null {
  if (!own.settings.size && ![...own.charts.values()].some((c) => c.length) && !own.styles) return null;
  const esc = (s: string) => xmlEscape(s).replace(/\r/g, '&#13;').replace(/'/g, '&apos;');
  const settings = [...own.settings].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `<setting key="${esc(k)}">${esc(v)}</setting>`).join('');
  const charts = [...own.charts].filter(([, c]) => c.length);
  const styles = own.styles ? `<styles saved="${esc(own.styles.saved)}">${esc(own.styles.original)}</styles>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ctSettings xmlns="${SETTINGS_NS}">${settings}<charts>${esc(JSON.stringify(Object.fromEntries(charts)))}</charts>${styles}</ctSettings>`;
}

/** Writes the settings part when it changed: in place, as a new part, or takes it away when empty. */
export async function saveSettings(pkg: Package, own: OwnParts, wbPath: string): Promise<void> {
  const xml = settingsXml(own);
  if (xml === own.loaded) return;
  if (own.path && xml) {
    pkg.set(own.path, xml);
  } else if (own.path) {
    const n = /item(\d+)\.xml$/.exec(own.path)![1];
    const rel = (await pkg.rels(wbPath)).find((r) => r.type === REL.customXml && resolveTarget(wbPath, r.target) === own.path);
    if (rel) await pkg.removeRels(wbPath, [rel.id]);
    for (const p of [own.path, `customXml/itemProps${n}.xml`, relsPathOf(own.path)]) pkg.remove(p);
    await pkg.removeOverride(`customXml/itemProps${n}.xml`);
    own.path = null;
  } else if (xml) {
    const path = pkg.freeName('customXml/item', '.xml');
    const n = /item(\d+)\.xml$/.exec(path)![1];
    pkg.set(path, xml);
    pkg.set(
      `customXml/itemProps${n}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{6B1C2E0A-7D4B-4C55-9E3A-C7A1E5D0F${n.padStart(3, '0')}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${SETTINGS_NS}"/></ds:schemaRefs></ds:datastoreItem>`,
    );
    await pkg.addRel(path, REL.customXmlProps, `itemProps${n}.xml`);
    await pkg.addOverride(`customXml/itemProps${n}.xml`, CT.customXmlProps);
    await pkg.addRel(wbPath, REL.customXml, relativeTarget(wbPath, path));
    own.path = path;
  }
  own.loaded = xml;
}

/** Takes our drawing (and its charts) off a sheet part; the user's drawings stay. */
export async function removeOurDrawing(pkg: Package, sheetPath: string, sheetXml: string): Promise<string> {
  let xml = sheetXml;
  const mine = (await pkg.rels(sheetPath)).filter((r) => r.type === REL.drawing && OUR_DRAWING.test(r.target));
  for (const r of mine) {
    const drawing = resolveTarget(sheetPath, r.target);
    for (const c of await pkg.rels(drawing)) {
      const chart = resolveTarget(drawing, c.target);
      pkg.remove(chart);
      pkg.remove(relsPathOf(chart));
      await pkg.removeOverride(chart);
    }
    pkg.remove(drawing);
    pkg.remove(relsPathOf(drawing));
    await pkg.removeOverride(drawing);
    xml = xml.replace(new RegExp(`<drawing r:id="${r.id}"\\s*/>`), '');
  }
  if (mine.length) await pkg.removeRels(sheetPath, mine.map((r) => r.id));
  return xml;
}

/** Our drawing with its charts for a sheet part that has no drawing; returns the <drawing> element to put in the sheet. */
export async function addOurDrawing(pkg: Package, sheetPath: string, specs: ChartSpec[], read: CellReader): Promise<string> {
  const drawingPath = pkg.freeName('xl/drawings/ctDrawing', '.xml');
  pkg.set(drawingPath, drawingXml(specs));
  await pkg.addOverride(drawingPath, CT_DRAWING);
  for (let i = 0; i < specs.length; i++) {
    const chartPath = pkg.freeName('xl/charts/ctChart', '.xml');
    pkg.set(chartPath, chartXml(specs[i], read));
    await pkg.addOverride(chartPath, CT_CHART);
    await pkg.addRel(drawingPath, REL.chart, relativeTarget(drawingPath, chartPath), { id: `rIdCt${i + 1}` });
  }
  const rId = await pkg.addRel(sheetPath, REL.drawing, relativeTarget(sheetPath, drawingPath));
  return `<drawing r:id="${rId}"/>`;
}

export { attr, startTags };
