// Cell formats for the cells we write. Every format we need is appended to the user's
// styles part (fonts, fills, number formats, cell formats): existing entries and their
// indexes never change, so no cell of the user's changes look. A font we add copies the
// workbook's default font (name, size, scheme) so our bold headers are not a serif fallback.
import { attr, elementSpan, innerOf, setAttr, startTags, xmlEscape } from './xml';

export interface CellFormat {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  underline?: boolean;
  numberFormat?: string;
  align?: 'left' | 'center' | 'right';
  indent?: number;
}

const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

interface Section {
  name: string;
  items: string[];
}

export class StyleBook {
  private added: Record<'numFmts' | 'fonts' | 'fills' | 'cellXfs', string[]> = { numFmts: [], fonts: [], fills: [], cellXfs: [] };
  private readonly counts: Record<'fonts' | 'fills' | 'cellXfs', number>;
  private readonly numFmtCodes = new Map<string, number>();
  private nextNumFmt = 164;
  private readonly byKey = new Map<string, number>();
  private readonly answers = new Map<string, number>();
  /** The format we gave each of our cell-format indexes, to build on it. */
  private readonly formats = new Map<number, CellFormat>();
  private readonly defaultFont: string;
  changed = false;

  /** Index of our first cell format: everything from here on was appended by us. */
  readonly firstOwn: number;

  /** `original` is the part as it was before we first added to it (kept in our settings part). */
  constructor(
    private readonly xml: string,
    original?: string,
  ) {
    this.counts = { fonts: count(xml, 'fonts'), fills: count(xml, 'fills'), cellXfs: count(xml, 'cellXfs') };
    this.firstOwn = original === undefined ? this.counts.cellXfs : count(original, 'cellXfs');
    for (const { tag } of startTags(xml, 'numFmt')) {
      const id = Number(attr(tag, 'numFmtId'));
      this.numFmtCodes.set(attr(tag, 'formatCode') ?? '', id);
      if (id >= this.nextNumFmt) this.nextNumFmt = id + 1;
    }
    const fonts = elementSpan(xml, 'fonts');
    const first = fonts ? /<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>)/.exec(innerOf(xml, fonts)) : null;
    this.defaultFont = first ? first[0] : '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>';
    this.learnOwn();
  }

  /** Our formats from earlier runs, so a refresh reuses them instead of appending them again. */
  private learnOwn(): void {
    const items = (section: string, child: string) => {
      const span = elementSpan(this.xml, section);
      const inner = span ? innerOf(this.xml, span) : '';
      return [...inner.matchAll(new RegExp(`<${child}\\b[^>]*?(?:/>|>[\\s\\S]*?</${child}>)`, 'g'))].map((m) => m[0]);
    };
    const fonts = items('fonts', 'font');
    const fills = items('fills', 'fill');
    const xfs = items('cellXfs', 'xf');
    const codes = new Map([...this.numFmtCodes].map(([code, id]) => [id, code]));
    for (const [code, id] of Object.entries(BUILTIN_FORMATS)) codes.set(id, code);
    for (let i = this.firstOwn; i < xfs.length; i++) {
      const xf = xfs[i];
      const font = fonts[Number(attr(xf, 'fontId') ?? 0)] ?? '';
      const fill = fills[Number(attr(xf, 'fillId') ?? 0)] ?? '';
      const rgb = (x: string, el: string) => /^FF([0-9A-F]{6})$/i.exec(attr([...startTags(x, el)][0]?.tag ?? '', 'rgb') ?? '')?.[1];
      const fontColor = rgb(font, 'color');
      const fillColor = /patternType="solid"/.test(fill) ? rgb(fill, 'fgColor') : undefined;
      const code = codes.get(Number(attr(xf, 'numFmtId') ?? 0));
      const f: CellFormat = stripUndefined({
        fill: fillColor && `#${fillColor.toUpperCase()}`,
        fontColor: fontColor && `#${fontColor.toUpperCase()}`,
        bold: /<b\/>/.test(font) || undefined,
        underline: /<u\/>/.test(font) || undefined,
        numberFormat: code && code !== 'General' ? code : undefined,
        align: (/<alignment\b[^>]*horizontal="(left|center|right)"/.exec(xf)?.[1] as CellFormat['align']) || undefined,
        indent: Number(/<alignment\b[^>]*indent="(\d+)"/.exec(xf)?.[1] ?? 0) || undefined,
      });
      const key = formatKey(f);
      if (!this.byKey.has(key)) this.byKey.set(key, i);
      this.formats.set(i, f);
    }
  }

  /** The cell-format index for a cell that had `base` (ours or 0) with `change` applied. */
  indexFor(base: number, change: CellFormat): number {
    // Formats are only ever added, so an answer stays right: the plan's many small format ops
    // (a fill per run of one tier) ask the same few questions. NUL cannot occur in XML text.
    const asked = `${base}\0${part(change.fill)}\0${part(change.fontColor)}\0${part(change.bold)}\0${part(change.underline)}\0${part(change.numberFormat)}\0${part(change.align)}\0${part(change.indent)}`;
    let index = this.answers.get(asked);
    if (index === undefined) this.answers.set(asked, (index = this.newIndexFor(base, change)));
    return index;
  }

  private newIndexFor(base: number, change: CellFormat): number {
    const f: CellFormat = { ...(this.formats.get(base) ?? {}), ...stripUndefined(change) };
    const key = formatKey(f);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const numFmtId = f.numberFormat ? this.numFmtId(f.numberFormat) : 0;
    const fontId = f.bold || f.underline || f.fontColor ? this.push('fonts', this.font(f)) : 0;
    const fillId = f.fill ? this.push('fills', `<fill><patternFill patternType="solid"><fgColor rgb="${argb(f.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const applies = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${f.align || f.indent ? ' applyAlignment="1"' : ''}`;
    const alignment = `${f.align ? ` horizontal="${f.align}"` : ''}${f.indent ? ` indent="${f.indent}"` : ''}`;
    const body = alignment ? `><alignment${alignment}/></xf>` : '/>';
    const index = this.push('cellXfs', `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}${body}`);
    this.byKey.set(key, index);
    this.formats.set(index, f);
    return index;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.numFmtCodes.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmt++;
    this.numFmtCodes.set(code, id);
    this.added.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
    this.changed = true;
    return id;
  }

  private font(f: CellFormat): string {
    const inner = (/^<font\b[^>]*>([\s\S]*)<\/font>$/.exec(this.defaultFont)?.[1] ?? '').replace(/<(b|i|u|strike|color)\b[^>]*\/>/g, '');
    const color = f.fontColor ? `<color rgb="${argb(f.fontColor)}"/>` : '';
    return `<font>${f.bold ? '<b/>' : ''}${f.underline ? '<u/>' : ''}${inner.includes('<sz') ? inner.replace(/(<sz\b[^>]*\/>)/, `$1${color}`) : color + inner}</font>`;
  }

  private push(section: 'fonts' | 'fills' | 'cellXfs', item: string): number {
    this.added[section].push(item);
    this.changed = true;
    return this.counts[section] + this.added[section].length - 1;
  }

  /** The styles part with our entries appended (the part as it came when we added none). */
  toXml(): string {
    let xml = this.xml;
    const sections: Section[] = [
      { name: 'numFmts', items: this.added.numFmts },
      { name: 'fonts', items: this.added.fonts },
      { name: 'fills', items: this.added.fills },
      { name: 'cellXfs', items: this.added.cellXfs },
    ];
    for (const s of sections) if (s.items.length) xml = appendTo(xml, s.name, s.items);
    return xml;
  }
}

const formatKey = (f: CellFormat) => JSON.stringify([f.fill?.toUpperCase() ?? '', f.fontColor?.toUpperCase() ?? '', !!f.bold, !!f.underline, f.numberFormat ?? '', f.align ?? '', f.indent ?? 0]);

/** A field of a format change in a memo key: unset (\u0001) differs from '' and false. */
const part = (v: string | number | boolean | undefined): string => (v === undefined ? '\u0001' : String(v));

function stripUndefined(f: CellFormat): CellFormat {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as CellFormat;
}

function count(xml: string, section: string): number {
  const span = elementSpan(xml, section);
  if (!span) return 0;
  const child = { fonts: 'font', fills: 'fill', cellXfs: 'xf' }[section]!;
  return [...startTags(innerOf(xml, span), child)].length;
}

/** Appends items to a section, creating it (in schema order) when the part has none, and sets its count. */
function appendTo(xml: string, section: string, items: string[]): string {
  const span = elementSpan(xml, section);
  if (!span) {
    // Only numFmts can be missing in a valid part; it comes first in <styleSheet>.
    const sheet = [...startTags(xml, 'styleSheet')][0];
    const at = sheet.index + sheet.tag.length;
    return `${xml.slice(0, at)}<${section} count="${items.length}">${items.join('')}</${section}>${xml.slice(at)}`;
  }
  const inner = innerOf(xml, span);
  const child = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', cellXfs: 'xf' }[section]!;
  const total = [...startTags(inner, child)].length + items.length;
  const open = setAttr(span.tag.replace(/\s*\/>$/, '>'), 'count', String(total));
  return `${xml.slice(0, span.start)}${open}${inner}${items.join('')}</${section}>${xml.slice(span.end)}`;
}
