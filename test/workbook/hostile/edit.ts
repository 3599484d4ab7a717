// A user's edit between two runs, made on the package itself (not through any adapter): cells
// with inline strings put into a worksheet, so the same edit can be applied to the original
// file and to the add-in's output and both compared.
import JSZip from 'jszip';
import { colIndex, loadPackage, sheetsOf } from './compare';

const escXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const letters = (c: number) => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Puts text cells into a sheet: one value per row from `row`, in column `col` (0-based). */
export async function putColumn(buf: Buffer, sheet: string, row: number, col: number, values: string[]): Promise<Buffer> {
  const pkg = await loadPackage(buf);
  const part = sheetsOf(pkg).find((s) => s.name === sheet)!.part;
  const zip = await JSZip.loadAsync(buf);
  let xml = await zip.file(part)!.async('string');
  values.forEach((v, i) => {
    const r = row + i + 1;
    const cell = `<c r="${letters(col)}${r}" t="inlineStr"><is><t>${escXml(v)}</t></is></c>`;
    const rowRe = new RegExp(`<row\\b[^>]*\\br="${r}"[^>]*?(/>|>([\\s\\S]*?)</row>)`);
    const m = rowRe.exec(xml);
    if (m) {
      const open = m[0].slice(0, m[0].indexOf('>') + 1).replace(/\/>$/, '>');
      const body = m[2] ?? '';
      const cells = [...body.matchAll(/<c\b[^>]*?(\/>|>[\s\S]*?<\/c>)/g)];
      const after = cells.find((c) => colIndex(/\br="([A-Z]+)\d+"/.exec(c[0])![1]) > col);
      const newBody = after ? body.slice(0, after.index) + cell + body.slice(after.index!) : body + cell;
      xml = xml.replace(m[0], `${open.replace(/\sspans="[^"]*"/, '')}${newBody}</row>`);
    } else {
      const rows = [...xml.matchAll(/<row\b[^>]*\br="(\d+)"/g)];
      const next = rows.find((x) => Number(x[1]) > r);
      const el = `<row r="${r}">${cell}</row>`;
      if (next) xml = xml.slice(0, next.index) + el + xml.slice(next.index!);
      else if (/<sheetData\/>/.test(xml)) xml = xml.replace('<sheetData/>', `<sheetData>${el}</sheetData>`);
      else xml = xml.replace('</sheetData>', `${el}</sheetData>`);
    }
  });
  zip.file(part, xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
