// A worksheet part read from its bytes in pieces (a sheet over 512 MB cannot be one JavaScript
// string): the same rows, cells and text as read whole, pieces cut anywhere, Chinese text included.
import fc from 'fast-check';
import { SheetDoc, type Decoder } from '../../../src/workbook/ooxml/sheet';

const decode: Decoder = (t, v, inline) => (t === 'inlineStr' ? (inline ?? '') : v === null ? '' : Number(v));

function sheetXml(rows: string[][]): string {
  const body = rows
    .map((r, i) => `<row r="${i + 1}" spans="1:${r.length}">${r.map((v, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>\n`)
    .join('');
  return `<?xml version="1.0"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>${body}</sheetData><pageMargins left="0.7"/></worksheet>`;
}

const values = (doc: SheetDoc) => {
  const out: [number, number, unknown][] = [];
  doc.forEachValue((r, c, v) => out.push([r, c, v]));
  return out;
};

describe('SheetDoc from bytes, in pieces', () => {
  it('reads the same cells and writes back the same bytes whatever the piece size', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('重要价值客户', 'A', '流失', 'x y'), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 400 }), (rows, chunk) => {
        const xml = sheetXml(rows);
        const whole = new SheetDoc(xml, decode);
        const pieces = new SheetDoc(Buffer.from(xml, 'utf8'), decode, chunk);
        expect(values(pieces)).toEqual(values(whole));
        expect(pieces.toBytes().equals(Buffer.from(xml, 'utf8'))).toBe(true);
        // An edit in a piece-read sheet renders like one in a whole-read sheet.
        whole.put(0, 5, { value: '新' });
        pieces.put(0, 5, { value: '新' });
        expect(pieces.toXml()).toBe(whole.toXml());
      }),
      { numRuns: 150 },
    );
  });
});
