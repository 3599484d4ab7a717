// Writing the tiered workbook against a floor: the add-in's output for BENCH_XLSX_CUSTOMERS
// (20,000) customers written by the .xlsx adapter against a minimal streaming SpreadsheetML
// writer of the same cells. The classification is computed once beforehand and reused.
// - ours, whole refresh: read the sources, plan (values, styles, tables, charts, proofs), write
//   the ops into the package, save to bytes.
// - ours, writing: port.write(ops) + saving to bytes (the adapter's part; the goal's figure).
// - floor: every cell our sheets hold (value and format index, read back from our output), as
//   sheet XML rendered in 1 MB pieces, deflated at our level (zip.ts newEntry), zipped; no styles part,
//   tables or charts.
// Three alternating runs; medians and min–max; wall and CPU time.
import { defaultConfig } from '../src/config';
import { classify } from '../src/engine/classify';
import type { CellValue } from '../src/workbook/port';
import { refreshWorkbook } from '../src/workbook/run';
import { XlsxPort } from '../src/workbook/ooxml/port';
import { newEntry, writeZip } from '../src/workbook/ooxml/zip';
import { generateOrders } from './engine.bench';

const CUSTOMERS = Number(process.env.BENCH_XLSX_CUSTOMERS ?? 20_000);
const ORDERS = CUSTOMERS * 10;
// Five alternating runs by default: with three, one slow run on a shared machine moved the median.
const RUNS = Number(process.env.BENCH_XLSX_RUNS ?? 5);

const esc = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const col = (j: number): string => (j < 26 ? String.fromCharCode(65 + j) : col(Math.floor(j / 26) - 1) + String.fromCharCode(65 + (j % 26)));

interface FloorSheet {
  name: string;
  values: unknown[][];
  /** Format index by row and column (0-based), for the cells that have one. */
  styles: number[][];
}

/** The floor: every cell (value and format index) as SpreadsheetML, rendered in 1 MB pieces, zipped. */
function minimalXlsx(sheets: FloorSheet[]): Buffer {
  const entries = sheets.map((sh, i) => {
    const parts: Buffer[] = [];
    let xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    const rows = Math.max(sh.values.length, sh.styles.length);
    for (let r = 0; r < rows; r++) {
      const row = sh.values[r] ?? [];
      const styles = sh.styles[r] ?? [];
      xml += `<row r="${r + 1}">`;
      const width = Math.max(row.length, styles.length);
      for (let j = 0; j < width; j++) {
        const v = row[j];
        const style = styles[j];
        const s = style ? ` s="${style}"` : '';
        const ref = `${col(j)}${r + 1}`;
        if (v === null || v === undefined || v === '') {
          if (s) xml += `<c r="${ref}"${s}/>`;
          continue;
        }
        xml += typeof v === 'number' ? `<c r="${ref}"${s}><v>${v}</v></c>` : typeof v === 'boolean' ? `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>` : `<c r="${ref}"${s} t="inlineStr"><is><t>${esc(String(v))}</t></is></c>`;
      }
      xml += '</row>';
      if (xml.length > 1 << 20) {
        parts.push(Buffer.from(xml, 'utf8'));
        xml = '';
      }
    }
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

/** Format indexes of a sheet part's cells, by row and column. */
function cellStyles(xml: string): number[][] {
  const out: number[][] = [];
  const re = /<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (!m[3] || m[3] === '0') continue;
    let c = 0;
    for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    (out[Number(m[2]) - 1] ??= [])[c - 1] = Number(m[3]);
  }
  return out;
}

const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const stats = (xs: number[]) => ({ median: Math.round(median(xs)), min_max: [Math.round(Math.min(...xs)), Math.round(Math.max(...xs))] });

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
  const m = { whole: [] as number[], wholeCpu: [] as number[], write: [] as number[], writeCpu: [] as number[], floor: [] as number[], floorCpu: [] as number[] };
  let sheets: FloorSheet[] = [];
  let bytes = { ours: 0, floor: 0 };
  for (let i = 0; i < RUNS; i++) {
    const port = await XlsxPort.fromBuffer(input);
    // The adapter's own part, timed from inside the refresh.
    let writeMs = 0;
    let writeCpu = 0;
    const write = port.write.bind(port);
    port.write = async (ops, opts) => {
      const [w0, c0] = [performance.now(), process.cpuUsage()];
      await write(ops, opts);
      writeMs += performance.now() - w0;
      writeCpu += cpuMs(c0);
    };
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    await refreshWorkbook(port, { config, classify: () => result });
    const [s0, sc0] = [performance.now(), process.cpuUsage()];
    const out = await port.toBuffer();
    m.write.push(writeMs + performance.now() - s0);
    m.writeCpu.push(writeCpu + cpuMs(sc0));
    m.whole.push(performance.now() - t0);
    m.wholeCpu.push(cpuMs(c0));
    if (i === 0) {
      const reread = await XlsxPort.fromBuffer(out);
      sheets = [];
      // The sheets the run writes (the orders sheet is the user's: the adapter keeps its bytes).
      for (const s of reread.book.info.sheets.filter((x) => x.name !== 'Orders')) {
        const xml = (await reread.book.pkg.text(s.path)) ?? '';
        const read = await reread.read({ kind: 'sheet', sheet: s.name });
        // Placed from A1 (a read starts at its used range's corner).
        const values = [...Array.from({ length: read.row }, () => []), ...read.values.map((row) => [...new Array<null>(read.col).fill(null), ...row])];
        sheets.push({ name: s.name, values, styles: cellStyles(xml) });
      }
    }
    const [f0, fc0] = [performance.now(), process.cpuUsage()];
    const min = minimalXlsx(sheets);
    m.floor.push(performance.now() - f0);
    m.floorCpu.push(cpuMs(fc0));
    bytes = { ours: out.length, floor: min.length };
  }
  const cells = sheets.reduce((n, s) => n + s.values.reduce((k, r) => k + r.filter((v) => v !== null && v !== '' && v !== undefined).length, 0), 0);
  const ratio = (a: number[], b: number[]) => Math.round((median(a) / median(b)) * 100) / 100;
  const r = {
    whole_ms: stats(m.whole),
    whole_cpu_ms: stats(m.wholeCpu),
    write_ms: stats(m.write),
    write_cpu_ms: stats(m.writeCpu),
    floor_ms: stats(m.floor),
    floor_cpu_ms: stats(m.floorCpu),
    ratio_write: ratio(m.write, m.floor),
    ratio_write_cpu: ratio(m.writeCpu, m.floorCpu),
    ratio_whole: ratio(m.whole, m.floor),
    ratio_whole_cpu: ratio(m.wholeCpu, m.floorCpu),
  };
  console.log(
    `xlsx write, ${CUSTOMERS} customers (${sheets.length} sheets, ${cells} cells with values): writing (ops → package → bytes) ${r.write_ms.median} ms / ${r.write_cpu_ms.median} ms CPU, ` +
      `floor (streaming SpreadsheetML writer, same cells and formats, our deflate level) ${r.floor_ms.median} ms / ${r.floor_cpu_ms.median} ms CPU: ratio ${r.ratio_write} (CPU ${r.ratio_write_cpu}); ` +
      `whole refresh (read sources, plan, write, save) ${r.whole_ms.median} ms / ${r.whole_cpu_ms.median} ms CPU: ratio ${r.ratio_whole} (CPU ${r.ratio_whole_cpu})`,
  );
  return {
    customers: CUSTOMERS,
    orders: ORDERS,
    sheets: sheets.length,
    cells,
    ...r,
    bytes,
    starts_from:
      "writing: the plan's ops → port.write → package bytes (sheet XML, styles, tables, charts, settings, zip); whole: an .xlsx with the orders sheet opened and the classification done → read sources, plan, write, save; floor: the same cells (values and format indexes) in memory → sheet XML, our deflate level, zip (no styles part, tables or charts).",
  };
}
