// The little XML a package editor needs: escaping, attributes of one start tag, and the
// `_xHHHH_` escapes OOXML uses for characters XML cannot hold. Parts are edited as text so
// that every byte we do not mean to change stays as the author (Excel, LibreOffice,
// openpyxl) wrote it; a DOM round trip would reorder attributes and namespaces.

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

export function xmlUnescape(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|quot|apos|amp);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e];
  });
}

/** Text for an attribute or element; characters XML 1.0 cannot hold are dropped. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function xmlEscape(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** ST_Xstring: Excel writes "_x000D_" for a carriage return and "_x005F_" for a literal "_". */
export function decodeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Text as a string cell holds it: a "_xHHHH_" the user typed must not be read back as an escape. */
export function encodeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_');
}

/** The value of an attribute in one start tag (prefixed names included, e.g. "r:id"), unescaped. */
export function attr(tag: string, name: string): string | null {
  const i = findAttr(tag, name);
  if (i < 0) return null;
  const q = tag[i + name.length + 1];
  const start = i + name.length + 2;
  const end = tag.indexOf(q, start);
  return xmlUnescape(tag.slice(start, end));
}

function findAttr(tag: string, name: string): number {
  let from = 0;
  for (;;) {
    const i = tag.indexOf(`${name}=`, from);
    if (i < 0) return -1;
    const before = tag[i - 1];
    if ((before === ' ' || before === '\t' || before === '\n' || before === '\r') && (tag[i + name.length + 1] === '"' || tag[i + name.length + 1] === "'")) return i;
    from = i + 1;
  }
}

/** A start tag with one attribute set (added before the closing bracket when absent) or removed (null). */
export function setAttr(tag: string, name: string, value: string | null): string {
  const i = findAttr(tag, name);
  if (i >= 0) {
    const q = tag[i + name.length + 1];
    const end = tag.indexOf(q, i + name.length + 2) + 1;
    if (value === null) return tag.slice(0, i - 1) + tag.slice(end);
    return `${tag.slice(0, i)}${name}="${xmlEscape(value)}"${tag.slice(end)}`;
  }
  if (value === null) return tag;
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${xmlEscape(value)}"${tag.slice(close)}`;
}

/** Start tags of an element (self-closing or not), with where each starts. */
export function* startTags(xml: string, name: string, from = 0, to = xml.length): Generator<{ tag: string; index: number }> {
  const open = `<${name}`;
  let i = xml.indexOf(open, from);
  while (i >= 0 && i < to) {
    const next = xml[i + open.length];
    if (next === ' ' || next === '>' || next === '/' || next === '\t' || next === '\n' || next === '\r') {
      const end = xml.indexOf('>', i);
      yield { tag: xml.slice(i, end + 1), index: i };
      i = xml.indexOf(open, end);
    } else i = xml.indexOf(open, i + 1);
  }
}

/** Where a whole element starts and ends (end exclusive), or null; nested elements of the same name are not expected. */
export function elementSpan(xml: string, name: string, from = 0): { start: number; end: number; tag: string } | null {
  for (const { tag, index } of startTags(xml, name, from)) {
    if (tag.endsWith('/>')) return { start: index, end: index + tag.length, tag };
    const close = xml.indexOf(`</${name}>`, index);
    if (close < 0) return null;
    return { start: index, end: close + name.length + 3, tag };
  }
  return null;
}

/** The text inside an element (between its start and end tags), or '' for a self-closing one. */
export function innerOf(xml: string, span: { start: number; end: number; tag: string }): string {
  if (span.tag.endsWith('/>')) return '';
  const name = /^<([\w:.-]+)/.exec(span.tag)![1];
  return xml.slice(span.start + span.tag.length, span.end - name.length - 3);
}

/** Concatenated text of the <t> elements in a string item, leaving out phonetic runs (<rPh>). */
export function stringItemText(si: string): string {
  const noPhonetic = si.includes('<rPh') ? si.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : si;
  let out = '';
  const re = /<t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/t>)/g;
  for (let m = re.exec(noPhonetic); m; m = re.exec(noPhonetic)) out += m[1] ?? '';
  return decodeXstring(xmlUnescape(out));
}
