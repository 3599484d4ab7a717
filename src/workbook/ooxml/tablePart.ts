// Table parts (xl/tables/*.xml): read whole, and the three edits we make — a table of our
// own on one of our sheets, tier columns appended to the user's customer table, and those
// columns taken away again, which gives back the part exactly as it was.
import { parseRange, rangeAddress, type Area } from '../a1';
import { attr, setAttr, startTags, xmlEscape } from './xml';

export interface TableDoc {
  path: string;
  sheetPath: string;
  /** Relationship id of the table on its sheet. */
  rId: string;
  id: number;
  name: string;
  area: Area;
  headerRows: number;
  totalsRows: number;
  columns: string[];
  xml: string;
}

export const TABLE_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export function parseTable(xml: string, path: string, sheetPath: string, rId: string): TableDoc {
  const tag = [...startTags(xml, 'table')][0]?.tag ?? '';
  const columns = [...startTags(xml, 'tableColumn')].map((t) => attr(t.tag, 'name') ?? '');
  return {
    path,
    sheetPath,
    rId,
    id: Number(attr(tag, 'id') ?? 0),
    name: attr(tag, 'displayName') ?? attr(tag, 'name') ?? '',
    area: parseRange(attr(tag, 'ref') ?? 'A1'),
    headerRows: Number(attr(tag, 'headerRowCount') ?? 1),
    totalsRows: Number(attr(tag, 'totalsRowCount') ?? 0),
    columns,
    xml,
  };
}

const refOf = (a: Area) => rangeAddress(a.row, a.col, a.rows, a.cols);

/** A new table part over cells whose header row already holds the (unique) column names. */
export function newTableXml(t: { id: number; name: string; area: Area; headers: string[]; style: string }): string {
  const ref = refOf(t.area);
  const cols = t.headers.map((h, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(h)}"/>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${TABLE_NS}" id="${t.id}" name="${xmlEscape(t.name)}" displayName="${xmlEscape(t.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.headers.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${xmlEscape(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** Sets the table's ref (and its autoFilter's, which covers the header and body, not the totals row). */
function withArea(xml: string, t: TableDoc, area: Area): string {
  const tableTag = [...startTags(xml, 'table')][0].tag;
  let out = xml.replace(tableTag, setAttr(tableTag, 'ref', refOf(area)));
  const af = [...startTags(out, 'autoFilter')][0];
  if (af) out = out.replace(af.tag, setAttr(af.tag, 'ref', refOf({ ...area, rows: area.rows - t.totalsRows })));
  return out;
}

function withColumnsCount(xml: string, n: number): string {
  const tag = [...startTags(xml, 'tableColumns')][0].tag;
  return xml.replace(tag, setAttr(tag, 'count', String(n)));
}

/** The part with columns appended at the right (the header cells are written by the caller). */
export function appendColumns(t: TableDoc, headers: string[]): string {
  const ids = [...startTags(t.xml, 'tableColumn')].map((x) => Number(attr(x.tag, 'id') ?? 0));
  let next = Math.max(0, ...ids);
  const els = headers.map((h) => `<tableColumn id="${++next}" name="${xmlEscape(h)}"/>`).join('');
  let xml = withArea(t.xml, t, { ...t.area, cols: t.area.cols + headers.length });
  xml = withColumnsCount(xml, t.columns.length + headers.length);
  return xml.replace('</tableColumns>', `${els}</tableColumns>`);
}

/** The part without the named columns (case-insensitive); returns their positions too. */
export function dropColumns(t: TableDoc, headers: string[]): { xml: string; dropped: number[] } {
  const drop = new Set(headers.map((h) => h.toLowerCase()));
  const dropped = t.columns.map((c, i) => (drop.has(c.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
  if (!dropped.length) return { xml: t.xml, dropped };
  let xml = t.xml;
  for (const m of [...xml.matchAll(/<tableColumn\b[^>]*?(?:\/>|>[\s\S]*?<\/tableColumn>)/g)]) {
    const name = attr(m[0].slice(0, m[0].indexOf('>') + 1), 'name') ?? '';
    if (drop.has(name.toLowerCase())) xml = xml.replace(m[0], '');
  }
  xml = withArea(xml, t, { ...t.area, cols: t.area.cols - dropped.length });
  return { xml: withColumnsCount(xml, t.columns.length - dropped.length), dropped };
}
