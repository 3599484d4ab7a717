// The hostile features as Excel writes them: raw parts, relationships and worksheet children,
// added to a package under construction (ooxml.ts). Each returns what the spec needs.
import { CT, NS, Pkg, REL, area, esc, ref } from './ooxml';
import type { Prim } from './data';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/** A stand-in VBA project: an OLE compound-file header and deterministic filler (opaque to any adapter). */
export function vbaProject(pkg: Pkg): void {
  const bytes = new Uint8Array(1536);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  for (let i = 8; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  const text = new TextEncoder().encode('Attribute VB_Name = "Module1"\r\nSub 分级提醒()\r\n  MsgBox "hello"\r\nEnd Sub\r\n');
  bytes.set(text, 512);
  pkg.add('xl/vbaProject.bin', bytes);
  pkg.rel('xl/workbook.xml', REL.vbaProject, 'vbaProject.bin', { id: 'rIdVba' });
}

function barChartXml(title: string, cat: string, val: string): string {
  return `${HEAD}<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${esc(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${esc(title)}</c:v></c:tx><c:cat><c:strRef><c:f>${esc(cat)}</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>${esc(val)}</c:f></c:numRef></c:val></c:ser><c:gapWidth val="219"/><c:axId val="111"/><c:axId val="222"/></c:barChart><c:catAx><c:axId val="111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="222"/></c:catAx><c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="111"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;
}

const anchor = (c0: number, r0: number, c1: number, r1: number, body: string) =>
  `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${c0}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r0}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${c1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${body}<xdr:clientData/></xdr:twoCellAnchor>`;

const chartFrame = (id: number, name: string, rid: string) =>
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${esc(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>`;

let drawingN = 0;
let chartN = 0;
/** Resets part numbering (each book starts at 1). */
export function resetNumbering(): void {
  drawingN = 0;
  chartN = 0;
  commentN = 0;
}

/** A drawing on a sheet holding the given anchors; returns the drawing part path. */
export function drawing(pkg: Pkg, sheet: string, anchors: (drawingPath: string) => string[]): string {
  const path = `xl/drawings/drawing${++drawingN}.xml`;
  const body = anchors(path).join('');
  pkg.add(path, `${HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${body}</xdr:wsDr>`, CT.drawing);
  const rid = pkg.rel(pkg.sheetPath.get(sheet)!, REL.drawing, `../drawings/drawing${drawingN}.xml`);
  pkg.sheetChild(sheet, 'drawing', `<drawing r:id="${rid}"/>`);
  return path;
}

/** Native charts on a sheet (a user's, named like the add-in's own if asked). */
export function userCharts(pkg: Pkg, sheet: string, charts: { name: string; title: string; cat: string; val: string }[]): void {
  drawing(pkg, sheet, (dPath) =>
    charts.map((c, i) => {
      const n = ++chartN;
      pkg.add(`xl/charts/chart${n}.xml`, barChartXml(c.title, c.cat, c.val), CT.chart);
      const rid = pkg.rel(dPath, REL.chart, `../charts/chart${n}.xml`);
      return anchor(7 + i * 8, 1, 14 + i * 8, 16, chartFrame(i + 2, c.name, rid));
    }),
  );
}

/** A chartsheet's XML with its drawing (one chart). */
export function chartSheet(pkg: Pkg, sheet: string, cat: string, val: string): string {
  const path = pkg.sheetPath.get(sheet)!;
  const d = `xl/drawings/drawing${++drawingN}.xml`;
  const n = ++chartN;
  pkg.add(`xl/charts/chart${n}.xml`, barChartXml('订单金额', cat, val), CT.chart);
  const crid = pkg.rel(d, REL.chart, `../charts/chart${n}.xml`);
  pkg.add(d, `${HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666049" cy="6293304"/>${chartFrame(2, '图表 1', crid)}<xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`, CT.drawing);
  const rid = pkg.rel(path, REL.drawing, `../drawings/drawing${drawingN}.xml`);
  return `${HEAD}<chartsheet xmlns="${NS.main}" xmlns:r="${NS.r}"><sheetPr/><sheetViews><sheetView zoomScale="87" workbookViewId="0" zoomToFit="1"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="${rid}"/></chartsheet>`;
}

/** A 1×1 PNG picture on a sheet. */
export function picture(pkg: Pkg, sheet: string): void {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  pkg.add('xl/media/image1.png', new Uint8Array(png));
  pkg.defaults.set('png', CT.png);
  drawing(pkg, sheet, (d) => {
    const rid = pkg.rel(d, REL.image, '../media/image1.png');
    return [anchor(8, 2, 10, 6, `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="公司标志"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`)];
  });
}

let commentN = 0;
/** Notes (legacy comments + VML shapes) on cells of a sheet. */
export function comments(pkg: Pkg, sheet: string, notes: { row: number; col: number; text: string }[]): void {
  const n = ++commentN;
  const list = notes.map((x) => `<comment ref="${ref(x.row, x.col)}" authorId="0"><text><r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="宋体"/><charset val="134"/></rPr><t>张经理:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">\n${esc(x.text)}</t></r></text></comment>`).join('');
  pkg.add(`xl/comments${n}.xml`, `${HEAD}<comments xmlns="${NS.main}"><authors><author>张经理</author></authors><commentList>${list}</commentList></comments>`, CT.comments);
  pkg.defaults.set('vml', CT.vml);
  const shapes = notes
    .map(
      (x, i) =>
        `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style='position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${i + 1};visibility:hidden' fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style='mso-direction-alt:auto'><div style='text-align:left'></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${x.col + 1}, 15, ${x.row}, 2, ${x.col + 3}, 15, ${x.row + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${x.row}</x:Row><x:Column>${x.col}</x:Column></x:ClientData></v:shape>`,
    )
    .join('');
  pkg.add(
    `xl/drawings/vmlDrawing${n}.vml`,
    `<xml xmlns:v="urn:schemas-microsoft-com:vml"\r\n xmlns:o="urn:schemas-microsoft-com:office:office"\r\n xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n <o:shapelayout v:ext="edit">\r\n  <o:idmap v:ext="edit" data="${n}"/>\r\n </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"\r\n  path="m,l,21600r21600,l21600,xe">\r\n  <v:stroke joinstyle="miter"/>\r\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\r\n </v:shapetype>${shapes}</xml>`,
  );
  const sp = pkg.sheetPath.get(sheet)!;
  pkg.rel(sp, REL.comments, `../comments${n}.xml`);
  const vid = pkg.rel(sp, REL.vmlDrawing, `../drawings/vmlDrawing${n}.vml`);
  pkg.sheetChild(sheet, 'legacyDrawing', `<legacyDrawing r:id="${vid}"/>`);
}

/** Excel 365 threaded comments (with their legacy fallback notes) and the persons part. */
export function threadedComments(pkg: Pkg, sheet: string, row: number, col: number): void {
  comments(pkg, sheet, [{ row, col, text: '[线程批注]\n这个客户要重点跟进' }]);
  const TC = 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments';
  pkg.add('xl/persons/person.xml', `${HEAD}<personList xmlns="${TC}" xmlns:x="${NS.main}"><person displayName="张经理" id="{5A0E3E3B-9B49-4F1D-8E8B-2F1A4C9C0001}" userId="zhang@example.com" providerId="AD"/></personList>`, 'application/vnd.ms-excel.person+xml');
  pkg.rel('xl/workbook.xml', 'http://schemas.microsoft.com/office/2017/10/relationships/person', 'persons/person.xml', { id: 'rIdPerson' });
  pkg.add('xl/threadedComments/threadedComment1.xml', `${HEAD}<ThreadedComments xmlns="${TC}" xmlns:x="${NS.main}"><threadedComment ref="${ref(row, col)}" dT="2024-03-05T08:00:00.00" personId="{5A0E3E3B-9B49-4F1D-8E8B-2F1A4C9C0001}" id="{0B2C5E4F-0000-4000-8000-000000000001}"><text>这个客户要重点跟进</text></threadedComment></ThreadedComments>`, 'application/vnd.ms-excel.threadedcomments+xml');
  pkg.rel(pkg.sheetPath.get(sheet)!, 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment', '../threadedComments/threadedComment1.xml');
}

/** A pivot cache over the orders and a pivot table (sum of 金额 by 客户ID) on a sheet. */
export function pivot(pkg: Pkg, sheet: string, orders: Prim[][], ordersSheet = '订单'): { pivotCaches: string; cells: Prim[][] } {
  const ids = [...new Set(orders.map((r) => String(r[1])))].sort();
  const fields = ['订单号', '客户ID', '订单日期', '金额', '利润'];
  const cacheFields = fields
    .map((f, i) => {
      if (i === 1) return `<cacheField name="${f}" numFmtId="0"><sharedItems count="${ids.length}">${ids.map((x) => `<s v="${x}"/>`).join('')}</sharedItems></cacheField>`;
      if (i === 0) return `<cacheField name="${f}" numFmtId="0"><sharedItems/></cacheField>`;
      return `<cacheField name="${f}" numFmtId="${i === 2 ? 14 : 0}"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" minValue="0" maxValue="99999"/></cacheField>`;
    })
    .join('');
  pkg.add('xl/pivotCache/pivotCacheDefinition1.xml', `${HEAD}<pivotCacheDefinition xmlns="${NS.main}" xmlns:r="${NS.r}" r:id="rId1" refreshedBy="张经理" refreshedDate="45300.5" createdVersion="8" refreshedVersion="8" minRefreshableVersion="3" recordCount="${orders.length}"><cacheSource type="worksheet"><worksheetSource ref="${area(0, 0, orders.length + 1, 5)}" sheet="${esc(ordersSheet)}"/></cacheSource><cacheFields count="5">${cacheFields}</cacheFields></pivotCacheDefinition>`, CT.pivotCacheDefinition);
  pkg.add('xl/pivotCache/pivotCacheRecords1.xml', `${HEAD}<pivotCacheRecords xmlns="${NS.main}" xmlns:r="${NS.r}" count="${orders.length}">${orders.map((r) => `<r><s v="${esc(String(r[0]))}"/><x v="${ids.indexOf(String(r[1]))}"/><n v="${r[2]}"/><n v="${r[3]}"/><n v="${r[4]}"/></r>`).join('')}</pivotCacheRecords>`, CT.pivotCacheRecords);
  pkg.rel('xl/pivotCache/pivotCacheDefinition1.xml', REL.pivotCacheRecords, 'pivotCacheRecords1.xml');
  pkg.rel('xl/workbook.xml', REL.pivotCacheDefinition, 'pivotCache/pivotCacheDefinition1.xml', { id: 'rIdPivotCache' });
  const sums = ids.map((id) => orders.filter((r) => r[1] === id).reduce((a, r) => a + (r[3] as number), 0));
  const rows = ids.length + 2;
  const pf = fields.map((_, i) => (i === 1 ? `<pivotField axis="axisRow" showAll="0"><items count="${ids.length + 1}">${ids.map((__, k) => `<item x="${k}"/>`).join('')}<item t="default"/></items></pivotField>` : i === 3 ? '<pivotField dataField="1" showAll="0"/>' : '<pivotField showAll="0"/>')).join('');
  pkg.add('xl/pivotTables/pivotTable1.xml', `${HEAD}<pivotTableDefinition xmlns="${NS.main}" name="数据透视表1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="值" updatedVersion="8" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="8" indent="0" outline="1" outlineData="1" multipleFieldFilters="0"><location ref="${area(2, 0, rows, 2)}" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="5">${pf}</pivotFields><rowFields count="1"><field x="1"/></rowFields><rowItems count="${ids.length + 1}">${ids.map((_, k) => `<i><x v="${k}"/></i>`).join('')}<i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="求和项:金额" fld="3" baseField="0" baseItem="0"/></dataFields><pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>`, CT.pivotTable);
  pkg.rel('xl/pivotTables/pivotTable1.xml', REL.pivotCacheDefinition, '../pivotCache/pivotCacheDefinition1.xml');
  pkg.rel(pkg.sheetPath.get(sheet)!, REL.pivotTable, '../pivotTables/pivotTable1.xml');
  const cells: Prim[][] = [['行标签', '求和项:金额'], ...ids.map((id, k) => [id, Math.round(sums[k] * 100) / 100]), ['总计', Math.round(sums.reduce((a, b) => a + b, 0) * 100) / 100]];
  return { pivotCaches: '<pivotCaches><pivotCache cacheId="1" r:id="rIdPivotCache"/></pivotCaches>', cells };
}

/** A table slicer on a column of a table (slicer + slicer cache + drawing + workbook ext + name). */
export function tableSlicer(pkg: Pkg, sheet: string, tableId: number, column: number, caption: string): { workbookExtLst: string; definedName: string } {
  const X14 = NS.x14;
  const X15 = 'http://schemas.microsoft.com/office/spreadsheetml/2010/11/main';
  const name = `切片器_${caption}`;
  pkg.add('xl/slicers/slicer1.xml', `${HEAD}<slicers xmlns="${X14}" xmlns:mc="${NS.mc}" mc:Ignorable="x" xmlns:x="${NS.main}"><slicer name="${esc(caption)}" cache="${esc(name)}" caption="${esc(caption)}" rowHeight="241300"/></slicers>`, CT.slicer);
  pkg.add('xl/slicerCaches/slicerCache1.xml', `${HEAD}<slicerCacheDefinition xmlns="${X14}" xmlns:mc="${NS.mc}" mc:Ignorable="x xr10" xmlns:x="${NS.main}" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" name="${esc(name)}" xr10:uid="{6B0F0C1A-0000-4000-8000-000000000001}" sourceName="${esc(caption)}"><extLst><x:ext uri="{2F2917AC-EB37-4324-AD4E-5DD8C200BD13}" xmlns:x15="${X15}"><x15:tableSlicerCache tableId="${tableId}" column="${column}"/></x:ext></extLst></slicerCacheDefinition>`, CT.slicerCache);
  pkg.rel('xl/workbook.xml', REL.slicerCache, 'slicerCaches/slicerCache1.xml', { id: 'rIdSlicerCache' });
  const sp = pkg.sheetPath.get(sheet)!;
  const srid = pkg.rel(sp, REL.slicer, '../slicers/slicer1.xml');
  pkg.sheetChild(sheet, 'extLst', `<extLst><ext uri="{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}" xmlns:x14="${X14}"><x14:slicerList><x14:slicer r:id="${srid}"/></x14:slicerList></ext></extLst>`);
  drawing(pkg, sheet, () => [
    anchor(13, 1, 16, 12, `<mc:AlternateContent xmlns:mc="${NS.mc}"><mc:Choice xmlns:sle15="http://schemas.microsoft.com/office/drawing/2012/slicer" Requires="sle15"><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${esc(caption)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2010/slicer"><sle:slicer xmlns:sle="http://schemas.microsoft.com/office/drawing/2010/slicer" name="${esc(caption)}"/></a:graphicData></a:graphic></xdr:graphicFrame></mc:Choice><mc:Fallback><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="0" name=""/><xdr:cNvSpPr><a:spLocks noTextEdit="1"/></xdr:cNvSpPr></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="2524125"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN" sz="1100"/><a:t>此形状代表表格切片器。</a:t></a:r></a:p></xdr:txBody></xdr:sp></mc:Fallback></mc:AlternateContent>`),
  ]);
  return {
    workbookExtLst: `<extLst><ext uri="{46BE6895-7355-4a93-B00E-2C351335B9C9}" xmlns:x15="${X15}"><x15:slicerCaches xmlns:x14="${X14}"><x14:slicerCache r:id="rIdSlicerCache"/></x15:slicerCaches></ext></extLst>`,
    definedName: `<definedName name="${esc(name)}">#N/A</definedName>`,
  };
}

/** An external workbook link (and its cached values) referenced as [1]. */
export function externalLink(pkg: Pkg): string {
  pkg.add('xl/externalLinks/externalLink1.xml', `${HEAD}<externalLink xmlns="${NS.main}" xmlns:r="${NS.r}" xmlns:mc="${NS.mc}" mc:Ignorable="x14" xmlns:x14="${NS.x14}"><externalBook r:id="rId1"><sheetNames><sheetName val="预算"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>120000</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`, CT.externalLink);
  pkg.rel('xl/externalLinks/externalLink1.xml', REL.externalLinkPath, 'file:///C:/%E8%B4%A2%E5%8A%A1/budget-2024.xlsx', { external: true });
  pkg.rel('xl/workbook.xml', REL.externalLink, 'externalLinks/externalLink1.xml', { id: 'rIdExt1' });
  return '<externalReferences><externalReference r:id="rIdExt1"/></externalReferences>';
}

/** A custom XML part of someone else (e.g. a document-management system), with its properties. */
export function foreignCustomXml(pkg: Pkg, n: number, xml: string, itemId: string): void {
  pkg.add(`customXml/item${n}.xml`, xml);
  pkg.add(`customXml/itemProps${n}.xml`, `${HEAD}<ds:datastoreItem ds:itemID="${itemId}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`, CT.customXmlProps);
  pkg.rel(`customXml/item${n}.xml`, REL.customXmlProps, `itemProps${n}.xml`);
  pkg.rel('xl/workbook.xml', REL.customXml, `../customXml/item${n}.xml`, { id: `rIdCustomXml${n}` });
}

/** The add-in's own settings part, as another copy of the add-in (or a forger) left it. */
export function settingsPart(pkg: Pkg, settings: Record<string, string>): void {
  const body = Object.entries(settings)
    .map(([k, v]) => `<setting key="${esc(k)}">${esc(v)}</setting>`)
    .join('');
  pkg.add('customXml/item1.xml', `${HEAD}<ctSettings xmlns="urn:customer-tiers:settings:1">${body}<charts>{}</charts></ctSettings>`);
  pkg.add('customXml/itemProps1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{6B1C2E0A-7D4B-4C55-9E3A-C7A1E5D0F001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="urn:customer-tiers:settings:1"/></ds:schemaRefs></ds:datastoreItem>`, CT.customXmlProps);
  pkg.rel('customXml/item1.xml', REL.customXmlProps, 'itemProps1.xml');
  pkg.rel('xl/workbook.xml', REL.customXml, '../customXml/item1.xml', { id: 'rIdCtSettings' });
}

/** Sparklines (x14) for a range, in the sheet's extLst. */
export function sparklines(pkg: Pkg, sheet: string, dataRef: string, at: string): void {
  pkg.sheetChild(sheet, 'extLst', `<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${NS.x14}"><x14:sparklineGroups xmlns:xm="${NS.xm}"><x14:sparklineGroup displayEmptyCellsAs="gap" markers="1"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/><x14:sparklines><x14:sparkline><xm:f>${esc(dataRef)}</xm:f><xm:sqref>${at}</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>`);
}

/** A data connection and a query table (Power Query style) behind a table. */
export function queryTable(pkg: Pkg, tablePart: string): void {
  pkg.add('xl/connections.xml', `${HEAD}<connections xmlns="${NS.main}"><connection id="1" keepAlive="1" name="查询 - 汇率" description="与工作簿中&quot;汇率&quot;查询的连接。" type="5" refreshedVersion="8" background="1" saveData="1"><dbPr connection="Provider=Microsoft.Mashup.OleDb.1;Data Source=$Workbook$;Location=汇率;Extended Properties=&quot;&quot;" command="SELECT * FROM [汇率]"/></connection></connections>`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml');
  pkg.rel('xl/workbook.xml', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/connections', 'connections.xml', { id: 'rIdConn' });
  pkg.add('xl/queryTables/queryTable1.xml', `${HEAD}<queryTable xmlns="${NS.main}" name="ExternalData_1" connectionId="1" autoFormatId="16" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="0"><queryTableRefresh nextId="3"><queryTableFields count="2"><queryTableField id="1" name="币种" tableColumnId="1"/><queryTableField id="2" name="汇率" tableColumnId="2"/></queryTableFields></queryTableRefresh></queryTable>`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.queryTable+xml');
  pkg.rel(tablePart, 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/queryTable', '../queryTables/queryTable1.xml');
}

/** Printer settings (binary DEVMODE) behind a sheet's page setup. */
export function printerSettings(pkg: Pkg, sheet: string): string {
  const bytes = new Uint8Array(220);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 13 + 5) & 0xff;
  pkg.add('xl/printerSettings/printerSettings1.bin', bytes);
  pkg.defaults.set('bin', CT.printerSettings);
  const rid = pkg.rel(pkg.sheetPath.get(sheet)!, REL.printerSettings, '../printerSettings/printerSettings1.bin');
  return `<pageSetup paperSize="9" orientation="landscape" r:id="${rid}"/>`;
}

/** Custom document properties. */
export function customProps(pkg: Pkg): void {
  pkg.add('docProps/custom.xml', `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="密级"><vt:lpwstr>内部</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_Enabled"><vt:lpwstr>true</vt:lpwstr></property></Properties>`, CT.custom);
  pkg.rel('', REL.customProps, 'docProps/custom.xml', { id: 'rIdCustomProps' });
}

/** A calculation chain for formula cells (sheet index 1-based, refs). */
export function calcChain(pkg: Pkg, cells: { sheetId: number; ref: string }[]): void {
  pkg.add('xl/calcChain.xml', `${HEAD}<calcChain xmlns="${NS.main}">${cells.map((c, i) => `<c r="${c.ref}"${i === 0 || cells[i - 1].sheetId !== c.sheetId ? ` i="${c.sheetId}"` : ''}/>`).join('')}</calcChain>`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml');
  pkg.rel('xl/workbook.xml', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain', 'calcChain.xml', { id: 'rIdCalcChain' });
}
