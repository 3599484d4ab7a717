import fc from 'fast-check';
import Papa from 'papaparse';
import { decodeText, parseDelimited, textToGrid } from '../../../src/engine/ingest';
import { splitPlain } from '../../../src/engine/ingest/text';

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
// GBK bytes of 客户,金额 / 张三,100: 客 BF CD, 户 BB A7, 金 BD F0, 额 B6 EE, 张 D5 C5, 三 C8 FD.
const GBK_CSV = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0d, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, ...ascii(',100\r\n')]);

function utf16le(s: string, bom: boolean): Uint8Array {
  const out: number[] = bom ? [0xff, 0xfe] : [];
  for (const c of s) {
    const u = c.charCodeAt(0);
    out.push(u & 0xff, u >> 8);
  }
  return new Uint8Array(out);
}

describe('decodeText', () => {
  test('UTF-8 without BOM', () => {
    const r = decodeText(new TextEncoder().encode('客户,金额\n'));
    expect(r).toEqual({ text: '客户,金额\n', encoding: 'utf-8' });
  });

  test('UTF-8 with BOM (the BOM is dropped)', () => {
    const r = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('客户')]));
    expect(r).toEqual({ text: '客户', encoding: 'utf-8' });
  });

  test('UTF-16LE with BOM (Excel "Unicode text")', () => {
    expect(decodeText(utf16le('客户\t金额', true))).toEqual({ text: '客户\t金额', encoding: 'utf-16le' });
  });

  test('UTF-16LE without BOM is recognised by its zero bytes', () => {
    expect(decodeText(utf16le('id,amount\n1,2', false))).toEqual({ text: 'id,amount\n1,2', encoding: 'utf-16le' });
  });

  test('UTF-16BE with BOM', () => {
    const le = utf16le('ab', false);
    const be = new Uint8Array([0xfe, 0xff, le[1], le[0], le[3], le[2]]);
    expect(decodeText(be)).toEqual({ text: 'ab', encoding: 'utf-16be' });
  });

  test('GB18030/GBK (Excel on Chinese Windows)', () => {
    expect(decodeText(GBK_CSV)).toEqual({ text: '客户,金额\r\n张三,100\r\n', encoding: 'gb18030' });
  });

  test('Latin-1 café and Müller', () => {
    expect(decodeText(new Uint8Array([...ascii('caf'), 0xe9]))).toEqual({ text: 'café', encoding: 'windows-1252' });
    expect(decodeText(new Uint8Array([...ascii('M'), 0xfc, ...ascii('ller,5')]))).toEqual({ text: 'Müller,5', encoding: 'windows-1252' });
  });
});

describe('parseDelimited', () => {
  test.each([
    ['LF', 'a,b\n1,2\n', ','],
    ['CRLF', 'a,b\r\n1,2\r\n', ','],
    ['CR only', 'a,b\r1,2\r', ','],
    ['semicolon', 'a;b\n1;2', ';'],
    ['tab', 'a\tb\n1\t2', '\t'],
  ])('%s', (_name, text, delimiter) => {
    const r = parseDelimited(text);
    expect(r.delimiter).toBe(delimiter);
    expect(r.skippedLines).toBe(0);
    expect(r.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  test.each([
    ['a title with a comma above semicolon rows', 'Sales report, 2024\ncustomer;date;amount\nC1;2024-01-01;10,5\nC2;2024-01-02;7,25\n', ';'],
    ['a title without delimiters above semicolon rows', 'Sales report 2024\r\ncustomer;date;amount\r\nC1;2024-01-01;10\r\n', ';'],
    ['decimal commas in every row of a semicolon file', 'id;amount;profit\nC1;10,5;2,5\nC2;7,25;1,5\n', ';'],
    ['commas inside the text of a tab file', 'name\tnote\nA\tx, y, z\nB\tplain\n', '\t'],
    ['a comma file with a semicolon in one note', 'id,note,amount\nC1,a;b,5\nC2,c,6\n', ','],
  ])('the delimiter the lines agree on: %s', (_name, text, delimiter) => {
    expect(parseDelimited(text).delimiter).toBe(delimiter);
  });

  test('quoted fields: delimiters, doubled quotes and line breaks inside quotes', () => {
    const r = parseDelimited('name;note\r\n"Smith; John";"said ""hi""\r\nthen left"\r\n');
    expect(r.delimiter).toBe(';');
    expect(r.rows).toEqual([
      ['name', 'note'],
      ['Smith; John', 'said "hi"\r\nthen left'],
    ]);
  });

  test('semicolon file with decimal commas is not split on the commas', () => {
    expect(parseDelimited('id;amount\n1;12,50\n').rows).toEqual([
      ['id', 'amount'],
      ['1', '12,50'],
    ]);
  });

  test('Excel\'s "sep=;" line sets the delimiter and is skipped (rows then start at line 2)', () => {
    const r = parseDelimited('sep=;\r\na;b,c\r\n1;2,5\r\n');
    expect(r).toEqual({ rows: [['a', 'b,c'], ['1', '2,5']], delimiter: ';', skippedLines: 1 });
    expect(textToGrid(new TextEncoder().encode('sep=,\nx,y\n'), 'f.csv').headerRow).toBe(2);
  });

  test('empty lines stay (row numbers match lines); no row for the final newline', () => {
    expect(parseDelimited('a\n\nb\n').rows).toEqual([['a'], [''], ['b']]);
  });
});

describe('splitPlain (the quote-free fast path)', () => {
  const papa = (text: string, delimiter: string) => Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, quoteChar: '"' }).data;

  test('gives what Papa Parse gives for quote-free text with LF or CRLF line ends', () => {
    const cell = fc.stringMatching(/^[a-z0-9 .;\t,é客-]{0,6}$/);
    const eol = fc.constantFrom('\n', '\r\n');
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), eol, fc.constantFrom(',', ';', '\t'), fc.boolean(), (rows, nl, d, trailing) => {
        const text = rows.map((r) => r.join(d)).join(nl) + (trailing ? nl : '');
        fc.pre(text !== '');
        expect(splitPlain(text, d)).toEqual(papa(text, d));
      }),
      { numRuns: 300 },
    );
  });

  test('leaves quotes, mixed and CR-only line ends and empty text to Papa Parse', () => {
    expect(splitPlain('a,"b"\n', ',')).toBeNull();
    expect(splitPlain('a,b\r\nc,d\ne,f', ',')).toBeNull();
    expect(splitPlain('a,b\rc,d', ',')).toBeNull();
    expect(splitPlain('', ',')).toBeNull();
    expect(splitPlain('a,b\n\nc', ',')).toEqual([['a', 'b'], [''], ['c']]);
  });
});

test('textToGrid gives strings and marks the grid as text', () => {
  const g = textToGrid(GBK_CSV, 'kunden.csv');
  expect(g.fromText).toBe(true);
  expect(g.name).toBe('kunden.csv');
  expect(g.values).toEqual([
    ['客户', '金额'],
    ['张三', '100'],
  ]);
});
