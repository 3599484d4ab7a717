// The package (Open Packaging Conventions) under an .xlsx: zip entries, relationships and
// content types. Parts are read as text once and written back only when we changed them;
// every other entry keeps its bytes, compressed ones included (zip.ts).
import { entryData, newEntry, readZip, writeZip, type ZipEntry } from './zip';
import { attr, startTags, xmlEscape } from './xml';

export const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const REL = {
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
  hyperlink: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink',
  customXml: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml',
  customXmlProps: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps',
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
} as const;

export const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  customXmlProps: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
} as const;

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target resolved against the part that holds it ("../x" and "/x" forms). */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Target of `to` written relative to the folder of `from` (both package paths, no leading slash). */
export function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export function parseRels(xml: string | null): Rel[] {
  if (!xml) return [];
  return [...startTags(xml, 'Relationship')].map(({ tag }) => ({
    id: attr(tag, 'Id') ?? '',
    type: attr(tag, 'Type') ?? '',
    target: attr(tag, 'Target') ?? '',
    external: attr(tag, 'TargetMode') === 'External',
  }));
}

const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}"></Relationships>`;

export class Package {
  private readonly texts = new Map<string, string>();
  private readonly changed = new Set<string>();
  private readonly bytesSet = new Map<string, Buffer>();

  private constructor(private readonly entries: Map<string, ZipEntry>) {}

  static async load(buf: Buffer | ArrayBuffer | Uint8Array): Promise<Package> {
    const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf instanceof ArrayBuffer ? new Uint8Array(buf) : buf);
    return new Package(new Map(readZip(bytes).map((e) => [e.name, e])));
  }

  static empty(): Package {
    return new Package(new Map());
  }

  has(path: string): boolean {
    return this.texts.has(path) || this.bytesSet.has(path) || this.entries.has(path);
  }

  paths(): string[] {
    return [...new Set([...this.entries.keys(), ...this.changed, ...this.bytesSet.keys()])].filter((p) => !p.endsWith('/'));
  }

  /** A part as text; `cache: false` for big parts whose one holder is the caller (a sheet's document). */
  async text(path: string, opts: { cache?: boolean } = {}): Promise<string | null> {
    const cached = this.texts.get(path);
    if (cached !== undefined) return cached;
    const set = this.bytesSet.get(path);
    if (set) return set.toString('utf8');
    const e = this.entries.get(path);
    if (!e) return null;
    let s = entryData(e).toString('utf8');
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    if (opts.cache !== false) this.texts.set(path, s);
    return s;
  }

  set(path: string, content: string): void {
    this.texts.set(path, content);
    this.changed.add(path);
    this.bytesSet.delete(path);
  }

  /** A part given as UTF-8 bytes (a big sheet is never made one string). */
  setBytes(path: string, content: Buffer): void {
    this.bytesSet.set(path, content);
    this.texts.delete(path);
    this.changed.delete(path);
  }

  /** Whether a part is held in memory (set or read as text): its bytes cost no inflating. */
  inMemory(path: string): boolean {
    return this.bytesSet.has(path) || this.texts.has(path);
  }

  /** A part's bytes as they will be written (for scanning without decoding). */
  bytes(path: string): Buffer | null {
    const set = this.bytesSet.get(path);
    if (set) return set;
    const text = this.texts.get(path);
    if (text !== undefined) return Buffer.from(text, 'utf8');
    const e = this.entries.get(path);
    return e ? entryData(e) : null;
  }

  remove(path: string): void {
    this.bytesSet.delete(path);
    this.texts.delete(path);
    this.changed.delete(path);
    this.entries.delete(path);
  }

  /** A free part name: prefix + n + suffix with the smallest n not taken. */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  async rels(part: string): Promise<Rel[]> {
    return parseRels(await this.text(relsPathOf(part)));
  }

  /** Adds a relationship from a part and returns its id (fresh, never one in use). */
  async addRel(part: string, type: string, target: string, opts: { external?: boolean; id?: string } = {}): Promise<string> {
    const path = relsPathOf(part);
    const xml = (await this.text(path)) ?? EMPTY_RELS;
    const taken = new Set(parseRels(xml).map((r) => r.id));
    let id = opts.id && !taken.has(opts.id) ? opts.id : '';
    for (let n = 1; !id; n++) if (!taken.has(`rId${n}`)) id = `rId${n}`;
    const el = `<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"${opts.external ? ' TargetMode="External"' : ''}/>`;
    this.set(path, xml.includes('</Relationships>') ? xml.replace('</Relationships>', `${el}</Relationships>`) : xml.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${el}</Relationships>`));
    return id;
  }

  /** Removes relationships of a part by id; the rels part goes when it is left empty and we made it. */
  async removeRels(part: string, ids: readonly string[]): Promise<void> {
    const path = relsPathOf(part);
    let xml = await this.text(path);
    if (!xml) return;
    for (const { tag } of [...startTags(xml, 'Relationship')]) if (ids.includes(attr(tag, 'Id') ?? '')) xml = xml.replace(tag, '');
    if (xml === EMPTY_RELS) this.remove(path);
    else this.set(path, xml);
  }

  async addOverride(part: string, contentType: string): Promise<void> {
    const xml = (await this.text('[Content_Types].xml'))!;
    if (xml.includes(`PartName="/${part}"`)) return;
    this.set('[Content_Types].xml', xml.replace('</Types>', `<Override PartName="/${xmlEscape(part)}" ContentType="${contentType}"/></Types>`));
  }

  async removeOverride(part: string): Promise<void> {
    const xml = (await this.text('[Content_Types].xml'))!;
    const tag = [...startTags(xml, 'Override')].find((t) => attr(t.tag, 'PartName') === `/${part}`);
    if (tag) this.set('[Content_Types].xml', xml.replace(tag.tag, ''));
  }

  async ensureDefault(extension: string, contentType: string): Promise<void> {
    const xml = (await this.text('[Content_Types].xml'))!;
    if ([...startTags(xml, 'Default')].some((t) => (attr(t.tag, 'Extension') ?? '').toLowerCase() === extension)) return;
    this.set('[Content_Types].xml', xml.replace(/<Types([^>]*)>/, `<Types$1><Default Extension="${extension}" ContentType="${contentType}"/>`));
  }

  /** The package as bytes: changed parts as their new text, every other entry as it came. */
  async toBuffer(): Promise<Buffer> {
    for (const path of this.changed) this.entries.set(path, newEntry(path, Buffer.from(this.texts.get(path)!, 'utf8')));
    for (const [path, bytes] of this.bytesSet) this.entries.set(path, newEntry(path, bytes));
    this.changed.clear();
    this.bytesSet.clear();
    // [Content_Types].xml first, as Office writes it (some readers look for it there).
    const all = [...this.entries.values()];
    const first = all.filter((e) => e.name === '[Content_Types].xml');
    return writeZip([...first, ...all.filter((e) => e.name !== '[Content_Types].xml')]);
  }
}
