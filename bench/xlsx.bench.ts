// Writing the tiered workbook against a floor: the add-in's output for BENCH_XLSX_CUSTOMERS
// (20,000) customers written by the .xlsx adapter (plan ops applied to the package, then saved:
// styles, tables, charts, proofs, zip) against a minimal SpreadsheetML writer that writes the
// same cells (the values of every sheet the run writes, numbers as <v>, text inline, deflate level 6 like ours, no
// styles) into a zip. The classification is computed once beforehand and reused, so both sides
// time writing only. Three alternating runs; medians and min–max.
import { defaultConfig } from '../src/config';
import { classify } from '../src/engine/classify';
import type { CellValue } from '../src/workbook/port';
import { refreshWorkbook } from '../src/workbook/run';
import { XlsxPort } from '../src/workbook/ooxml/port';
import { newEntry, writeZip } from '../src/workbook/ooxml/zip';
import { generateOrders } from './engine.bench';

const CUSTOMERS = Number(process.env.BENCH_XLSX_CUSTOMERS ?? 20_000);
const ORDERS = CUSTOMERS * 10;
const RUNS = 3;

const esc = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const col = (j: number): string => (j < 26 ? String.fromCharCode(65 + j) : col(Math.floor(j / 26) - 1) + String.fromCharCode(65 + (j % 26)));

/** The floor: sheets of cells as SpreadsheetML, rendered in 1 MB pieces, zipped. */
function minimalXlsx(sheets: { name: string; values: unknown[][] }[]): Buffer {
  const entries = sheets.map((s, i) => {
    const parts: Buffer[] = [];
    let xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    s.values.forEach((row, r) => {
      xml += `<row r="${r + 1}">`;
      row.forEach((v, j) => {
        if (v === null || v === undefined || v === '') return;
        const ref = `${col(j)}${r + 1}`;
        xml += typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : typeof v === 'boolean' ? `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(String(v))}</t></is></c>`;
      });
      xml += '</row>';
      if (xml.length > 1 << 20) {
        parts.push(Buffer.from(xml, 'utf8'));
        xml = '';
      }
    });
    parts.push(Buffer.from(`${xml}</sheetData></worksheet>`, 'utf8'));
    return newEntry(`xl/worksheets/sheet${i + 1}.xml`, Buffer.concat(parts));
  });
  const ns = 'http://schemas.openxmlformats.org/';
  const sheetList = sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return writeZip([
    newEntry('[Content_Types].xml', Buffer.from(`<Types xmlns="${ns}package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`)),
    newEntry('_rels/.rels', Buffer.from(`<Relationships xmlns="${ns}package/2006/relationships"><Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)),
    newEntry('xl/workbook.xml', Buffer.from(`<workbook xmlns="${ns}spreadsheetml/2006/main" xmlns:r="${ns}officeDocument/2006/relationships"><sheets>${sheetList}</sheets></workbook>`)),
    newEntry('xl/_rels/workbook.xml.rels', Buffer.from(`<Relationships xmlns="${ns}package/2006/relationships">${rels}</Relationships>`)),
    ...entries,
  ]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

export async function bench(): Promise<Record<string, unknown>> {
  const orders = generateOrders(ORDERS, CUSTOMERS, 7) as CellValue[][];
  const config = defaultConfig({ locale: 'en-US', sources: { orders: { kind: 'sheet', sheet: 'Orders' } } });
  const result = classify({ orders: { name: 'Orders', values: orders } }, config);
  const base = await XlsxPort.create();
  await base.write([
    { op: 'addSheet', name: 'Orders' },
    { op: 'values', sheet: 'Orders', row: 0, col: 0, values: orders },
  ]);
  const input = await base.toBuffer();
  const ours: number[] = [];
  const floor: number[] = [];
  let sheets: { name: string; values: unknown[][] }[] = [];
  let bytes = { ours: 0, floor: 0 };
  for (let i = 0; i < RUNS; i++) {
    const port = await XlsxPort.fromBuffer(input);
    const t0 = performance.now();
    await refreshWorkbook(port, { config, classify: () => result });
    const out = await port.toBuffer();
    ours.push(performance.now() - t0);
    if (i === 0) {
      const reread = await XlsxPort.fromBuffer(out);
      sheets = [];
      // The sheets the run writes (the orders sheet is the user's: the adapter keeps its bytes).
      for (const s of (await reread.listSheets()).filter((x) => x.name !== 'Orders')) sheets.push({ name: s.name, values: (await reread.read({ kind: 'sheet', sheet: s.name })).values });
    }
    const t1 = performance.now();
    const min = minimalXlsx(sheets);
    floor.push(performance.now() - t1);
    bytes = { ours: out.length, floor: min.length };
  }
  const cells = sheets.reduce((n, s) => n + s.values.reduce((m, r) => m + r.filter((v) => v !== null && v !== '' && v !== undefined).length, 0), 0);
  const r = { ours_ms: Math.round(median(ours)), ours_min_max: [Math.round(Math.min(...ours)), Math.round(Math.max(...ours))], floor_ms: Math.round(median(floor)), floor_min_max: [Math.round(Math.min(...floor)), Math.round(Math.max(...floor))] };
  const ratio = Math.round((r.ours_ms / r.floor_ms) * 100) / 100;
  console.log(`xlsx write, ${CUSTOMERS} customers (${sheets.length} sheets, ${cells} cells): adapter ${r.ours_ms} ms, minimal SpreadsheetML writer ${r.floor_ms} ms, ratio ${ratio}`);
  return {
    customers: CUSTOMERS,
    orders: ORDERS,
    sheets: sheets.length,
    cells,
    ...r,
    ratio,
    bytes,
    starts_from:
      'adapter: the classification done, an .xlsx with the orders sheet opened → plan, write ops (values, styles, tables, charts, proofs), save to bytes; floor: the same cells of every sheet in memory → sheet XML, deflate, zip (no styles, tables or charts).',
  };
}
