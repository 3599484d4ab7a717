import * as fsp from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { XMLValidator } from 'fast-xml-parser';
import { describeContract, fixtureConfig, portSnapshot } from '../contract';
import { makeXlsxPort, xlsxFixture } from '../ports';
import { XlsxPort } from '../../../src/workbook/ooxml/port';
import { refreshWorkbook } from '../../../src/workbook/run';
import { CancelledError } from '../../../src/workbook/port';

describeContract('xlsx', makeXlsxPort);

describe('cancellation', () => {
  it('stops before writing when the signal is aborted, leaving the workbook as it was', async () => {
    const port = await xlsxFixture('demo-small');
    const before = await portSnapshot(port);
    const ctl = new AbortController();
    ctl.abort();
    await expect(refreshWorkbook(port, { config: fixtureConfig('demo-small'), signal: ctl.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(await portSnapshot(port)).toEqual(before);
  });
});

describe('xlsx package', () => {
  let zip: JSZip;
  let files: string[];
  beforeAll(async () => {
    const port = await xlsxFixture('demo-small');
    await refreshWorkbook(port, { config: fixtureConfig('demo-small') });
    const buf = await port.toBuffer();
    zip = await JSZip.loadAsync(buf);
    files = Object.keys(zip.files);
  });

  it('writes only well-formed XML parts, each with a content type', async () => {
    const ct = await zip.file('[Content_Types].xml')!.async('string');
    for (const f of files.filter((p) => !zip.files[p].dir)) {
      const xml = await zip.file(f)!.async('string');
      expect([f, XMLValidator.validate(xml)]).toEqual([f, true]);
      const ext = f.split('.').pop()!;
      expect(ct.includes(`PartName="/${f}"`) || ct.includes(`Extension="${ext}"`)).toBe(true);
    }
  });

  it('writes no formulas at all, so customer text can never run', async () => {
    for (const f of files.filter((p) => p.startsWith('xl/worksheets/sheet'))) {
      expect(await zip.file(f)!.async('string')).not.toMatch(/<f[ >]/);
    }
  });

  it('adds native charts: a Pareto with bars and a line on a secondary axis, and two bar charts (and the two of the preferences section)', async () => {
    const charts = files.filter((p) => /^xl\/charts\/ctChart\d+\.xml$/.test(p));
    expect(charts).toHaveLength(5);
    const xml = await Promise.all(charts.map((p) => zip.file(p)!.async('string')));
    const pareto = xml.find((x) => x.includes('帕累托'))!;
    expect(pareto).toMatch(/<c:barChart>[\s\S]*<c:lineChart>/);
    expect(pareto).toMatch(/<c:valAx><c:axId val="1004"\/>[\s\S]*<c:axPos val="r"\/>/);
    const ct = await zip.file('[Content_Types].xml')!.async('string');
    for (const p of charts) expect(ct).toContain(`PartName="/${p}"`);
    const drawing = files.find((p) => /^xl\/drawings\/ctDrawing\d+\.xml$/.test(p))!;
    expect((await zip.file(drawing)!.async('string')).match(/<xdr:graphicFrame/g)).toHaveLength(5);
  });

  it('stores settings in a custom XML part and reads them back', async () => {
    const item = files.find((p) => /^customXml\/item\d+\.xml$/.test(p))!;
    expect(await zip.file(item)!.async('string')).toContain('urn:customer-tiers:settings:1');
    const again = await XlsxPort.fromBuffer(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(JSON.parse((await again.getSetting('customerTiers.registry'))!).charts).toHaveLength(5);
    expect(await again.listCharts('分级汇总')).toEqual(['ct_pareto', 'ct_revenue_tier', 'ct_segments', 'ct_pref_channels', 'ct_pref_weekday']); // the plan's order: Pareto, under the ABC and RFM tables, then the preferences section's
  });

  it('links to the issues sheet inside the workbook, not as an external file', async () => {
    const sheets = await Promise.all(files.filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).map((p) => zip.file(p)!.async('string')));
    const link = sheets.map((x) => /<hyperlink [^>]*\/>/.exec(x)?.[0]).find(Boolean)!;
    expect(/location="([^"]*)"/.exec(link)?.[1].replace(/&apos;/g, "'")).toBe("'数据问题'!A1");
    expect(link).not.toContain('r:id');
  });
});

describe('interrupted writes', () => {
  it('leaves a registry that lets the next refresh clean up what was half written', async () => {
    const port = await xlsxFixture('demo-small');
    await refreshWorkbook(port, { config: fixtureConfig('demo-small') });
    const done = await portSnapshot(port);
    // The next run dies after a few ops: its new sheets exist, the old ones are gone.
    const write = port.write.bind(port);
    let calls = 0;
    port.write = async (ops, opts) => {
      if (calls++ === 0) {
        await write(ops.slice(0, Math.floor(ops.length / 2)), opts);
        throw new Error('connection lost');
      }
      return write(ops, opts);
    };
    await expect(refreshWorkbook(port, {})).rejects.toThrow('connection lost');
    port.write = write;
    const again = await refreshWorkbook(port, {});
    expect(again.problems).toEqual([]);
    expect(await portSnapshot(port)).toEqual(done);
  });
});

describe('saving a workbook file', () => {
  it('replaces the file whole, and leaves the old file and no temporary file behind when the write fails', async () => {
    const dir = fsp.mkdtempSync(path.join(os.tmpdir(), 'ct-save-'));
    const file = path.join(dir, 'book.xlsx');
    const port = await xlsxFixture('orders-only');
    await port.save(file);
    const first = fsp.readFileSync(file);
    expect((await XlsxPort.fromFile(file)).kind).toBe('xlsx');
    // A directory where the file should go: the rename fails, the directory stays, nothing is left over.
    const blocked = path.join(dir, 'taken.xlsx');
    fsp.mkdirSync(blocked);
    await expect(port.save(blocked)).rejects.toThrow();
    expect(fsp.statSync(blocked).isDirectory()).toBe(true);
    expect(fsp.readdirSync(dir).sort()).toEqual(['book.xlsx', 'taken.xlsx']);
    expect(fsp.readFileSync(file)).toEqual(first);
  });
});

describe('a Strict Open XML workbook', () => {
  it('is refused with a message saying how to save it as a normal workbook, not read as empty', async () => {
    const strict = (await JSZip.loadAsync(await (await xlsxFixture('orders-only')).toBuffer())) as JSZip;
    const wb = await strict.file('xl/workbook.xml')!.async('string');
    strict.file('xl/workbook.xml', wb.replace('http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'));
    const err = await XlsxPort.fromBuffer(await strict.generateAsync({ type: 'nodebuffer' }), 'strict.xlsx').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'strictOoxml', params: { file: 'strict.xlsx' } });
  });
});
