// The hostile corpus: customers/orders workbooks the product can tier, each with one hostile
// feature (or a few that go together). The jszip cases are built here (generate.ts writes them
// to test/fixtures/hostile/); the openpyxl and LibreOffice cases come from gen_openpyxl.py and
// gen_libreoffice.sh and are only described here.
import type { TieringConfig } from '../../../src/config/schema';
import { CUSTOMER_HEADERS, ORDER_HEADERS, caseConfig, customerRows, orderRows, type Prim } from './data';
import { NS, S, STYLES, THEME, area, buildBook, esc, type BookSpec, type Cell, type SheetSpec, type TableSpec } from './ooxml';
import * as F from './features';

export type CaseSource = 'jszip' | 'openpyxl' | 'libreoffice';

export interface HostileCase {
  /** File name in test/fixtures/hostile/. */
  file: string;
  source: CaseSource;
  /** The hostile feature, in a few words. */
  feature: string;
  config: TieringConfig;
  /** The run must stop before writing: the error code (and params it must carry). */
  refuse?: { code: string; params?: Record<string, unknown> };
  /** A user edit between the first refresh and the second: cells right of the owned block on the customer sheet. */
  userColumnAfterFirstRun?: { sheet: string; header: string };
  /** The jszip spec (also the source of the grids the Office fake gets). */
  spec?: BookSpec;
  /** Cases the strict fake can represent (plain values, tables, names, visibility, 1904). */
  office?: boolean;
  /** Customers the tier block must carry (default 12). */
  customers?: number;
}

// ------------------------------------------------------------------------------------------
// The data as sheets

const custGrid = (): Prim[][] => [CUSTOMER_HEADERS, ...customerRows()];
const serial1904 = (v: Prim) => (typeof v === 'number' ? v - 1462 : v);

export function ordersCells(date1904 = false): Cell[][] {
  return [ORDER_HEADERS.map((h) => ({ v: h, s: S.bold })), ...orderRows().map((r) => [r[0], r[1], { v: date1904 ? serial1904(r[2]) : r[2], s: S.date }, { v: r[3], s: S.amount }, { v: r[4], s: S.amount }])];
}

export function ordersSheet(extra: Partial<SheetSpec> = {}, date1904 = false): SheetSpec {
  return { name: '订单', blocks: [{ row: 0, col: 0, rows: ordersCells(date1904) }], ...extra };
}

export function customersTable(extra: Partial<SheetSpec> = {}, table: Partial<TableSpec> = {}): SheetSpec {
  const rows = custGrid();
  return {
    name: '客户',
    blocks: [{ row: table.row ?? 0, col: table.col ?? 0, rows }],
    tables: [{ name: '客户表', row: table.row ?? 0, col: table.col ?? 0, rows: rows.length, columns: CUSTOMER_HEADERS, ...table }],
    ...extra,
  };
}

export function customersRange(extra: Partial<SheetSpec> = {}): SheetSpec {
  return { name: '客户', blocks: [{ row: 0, col: 0, rows: custGrid() }], ...extra };
}

const TABLE = { kind: 'table' as const, table: '客户表' };
const RANGE = { kind: 'sheet' as const, sheet: '客户' };
const basic = (extra: Partial<BookSpec> = {}, cust: SheetSpec = customersTable(), orders: SheetSpec = ordersSheet()): BookSpec => ({ sheets: [cust, orders], ...extra });

const jz = (file: string, feature: string, spec: BookSpec, rest: Partial<HostileCase> = {}): HostileCase => ({
  file,
  source: 'jszip',
  feature,
  spec,
  config: caseConfig(TABLE),
  office: true,
  ...rest,
});

const SHA = 'workbookAlgorithmName="SHA-512" workbookHashValue="nN3jCqRrM2bYhJtP4tV7a8yN1Hq0k3cG0x5m6W9pL2sQ4eR7tY8uI9oP0aS1dF2gH3jK4lZ5xC6vB7nM8qW9eRw==" workbookSaltValue="Zm9yZ2VkLXNhbHQtMTIzNA==" workbookSpinCount="100000"';

// ------------------------------------------------------------------------------------------
// The jszip cases

function forgedRegistry(): string {
  return JSON.stringify({
    version: 1,
    id: 'forged0registry',
    sheets: [
      { name: '我的备注', role: 'summary', key: 'summary' },
      { name: '订单', role: 'history', key: 'history' },
      { name: '图表数据', role: 'group', key: 'group:abc:A' },
    ],
    columns: [{ sheet: '客户', table: '客户表', row: 0, col: 5, rows: 12, headers: ['负责人', '备注'], hash: '0123456789abcdef' }],
    tables: [{ name: '客户表', sheet: '客户' }],
    charts: [{ name: 'ct_pareto', sheet: '图表数据' }],
  });
}

function forgedCase(): HostileCase {
  const owners = ['负责人', '备注'];
  const rows = custGrid().map((r, i) => [...r, ...(i === 0 ? owners : [`经理${i}`, i % 3 ? '' : '重点'])]);
  const cust: SheetSpec = { name: '客户', blocks: [{ row: 0, col: 0, rows }], tables: [{ name: '客户表', row: 0, col: 0, rows: rows.length, columns: [...CUSTOMER_HEADERS, ...owners] }] };
  const notes: SheetSpec = { name: '我的备注', blocks: [{ row: 0, col: 0, rows: [['我的笔记'], ['ct-forged0registry 不是标记'], ['不要删除']] }] };
  const chartData: SheetSpec = { name: '图表数据', blocks: [{ row: 0, col: 0, rows: [['月份', '销售额'], ['1月', 100], ['2月', 140], ['3月', 90]] }] };
  return jz('forged-registry.xlsx', 'a settings part (as another copy of the add-in or a forger left it) claiming user sheets, user table columns and a user chart', {
    sheets: [cust, ordersSheet(), notes, chartData],
    extend: (pkg) => {
      F.settingsPart(pkg, { 'customerTiers.registry': forgedRegistry() });
      F.userCharts(pkg, '图表数据', [{ name: 'ct_pareto', title: '月度销售', cat: "'图表数据'!$A$2:$A$4", val: "'图表数据'!$B$2:$B$4" }]);
    },
  });
}

function macroCase(): HostileCase {
  const withCode = (s: SheetSpec, code: string): SheetSpec => ({ ...s, xml: { ...s.xml, sheetPr: `<sheetPr codeName="${code}"/>` } });
  return jz('vba-project.xlsm', '.xlsm with a VBA project (macro-enabled content type, codeNames)', { macro: true, sheets: [withCode(customersTable(), 'Sheet1'), withCode(ordersSheet(), 'Sheet2')], extend: (pkg) => F.vbaProject(pkg) });
}

function pivotCase(): HostileCase {
  let cells: Prim[][] = [];
  const spec: BookSpec = {
    sheets: [customersTable(), ordersSheet(), { name: '透视', blocks: [] }],
    extend: (pkg) => {
      const p = F.pivot(pkg, '透视', orderRows());
      cells = p.cells;
      spec.sheets[2].blocks.push({ row: 2, col: 0, rows: cells });
      return { pivotCaches: p.pivotCaches };
    },
  };
  return jz('pivot-table.xlsx', 'a pivot table (cache definition + records) over the orders on its own sheet', spec);
}

function slicerCase(): HostileCase {
  return jz('table-slicer.xlsx', 'a table slicer on the customer table (slicer, slicer cache, drawing, x15 workbook ext, defined name)', {
    sheets: [customersTable(), ordersSheet()],
    extend: (pkg) => {
      const s = F.tableSlicer(pkg, '客户', 1, 3, '地区');
      return { workbookExtLst: s.workbookExtLst, definedNames: s.definedName };
    },
  });
}

const DV = `<dataValidations count="2"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" promptTitle="地区" prompt="从列表选择" sqref="C2:C13"><formula1>"华东,华北,华南,西南"</formula1></dataValidation><dataValidation type="textLength" operator="lessThanOrEqual" allowBlank="1" showErrorMessage="1" errorTitle="太长" error="不超过 40 个字" sqref="B2:B13"><formula1>40</formula1></dataValidation></dataValidations>`;
const DV_ORDERS = `<dataValidations count="1"><dataValidation type="decimal" operator="greaterThan" allowBlank="1" showErrorMessage="1" sqref="D2:E200"><formula1>-100000</formula1></dataValidation></dataValidations>`;
const DV_X14 = `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${NS.x14}"><x14:dataValidations count="1" xmlns:xm="${NS.xm}"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>客户!$A$2:$A$13</xm:f></x14:formula1><xm:sqref>B2:B200</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>`;

const STYLES_DXF = STYLES.replace('<dxfs count="0"/>', '<dxfs count="2"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf><dxf><font><b/><color rgb="FF006100"/></font><fill><patternFill><bgColor rgb="FFC6EFCE"/></patternFill></fill></dxf></dxfs>');
const CF_ORDERS = `<conditionalFormatting sqref="D2:D200"><cfRule type="dataBar" priority="3"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${NS.x14}"><x14:id>{00000000-0000-4000-8000-00000000D001}</x14:id></ext></extLst></cfRule></conditionalFormatting><conditionalFormatting sqref="E2:E200"><cfRule type="cellIs" dxfId="0" priority="2" operator="lessThan"><formula>0</formula></cfRule><cfRule type="colorScale" priority="1"><colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>`;
const CF_ORDERS_EXT = `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${NS.x14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="${NS.xm}"><x14:cfRule type="dataBar" id="{00000000-0000-4000-8000-00000000D001}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>D2:D200</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>`;
const CF_CUST = `<conditionalFormatting sqref="A2:E13"><cfRule type="expression" dxfId="1" priority="1"><formula>$E2="大型"</formula></cfRule></conditionalFormatting><conditionalFormatting sqref="F2:Z13"><cfRule type="containsBlanks" dxfId="0" priority="2"><formula>LEN(TRIM(F2))=0</formula></cfRule></conditionalFormatting>`;

const UNUSED_STYLES = STYLES.replace('<fonts count="2" x14ac:knownFonts="1">', '<fonts count="4" x14ac:knownFonts="1">')
  .replace('</fonts>', '<font><i/><sz val="14"/><color rgb="FF7030A0"/><name val="微软雅黑"/><family val="2"/><charset val="134"/></font><font><u val="double"/><sz val="9"/><color theme="4" tint="-0.249977111117893"/><name val="Calibri"/></font></fonts>')
  .replace('<fills count="2">', '<fills count="4">')
  .replace('</fills>', '<fill><patternFill patternType="solid"><fgColor theme="5" tint="0.79998168889431442"/><bgColor indexed="65"/></patternFill></fill><fill><gradientFill degree="90"><stop position="0"><color theme="0"/></stop><stop position="1"><color theme="4"/></stop></gradientFill></fill></fills>')
  .replace('<borders count="1">', '<borders count="2">')
  .replace('</borders>', '<border diagonalUp="1"><left style="thin"><color indexed="64"/></left><right style="dashDot"><color auto="1"/></right><top/><bottom style="double"><color rgb="FFFF0000"/></bottom><diagonal style="hair"/></border></borders>')
  .replace('<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>', '<cellStyleXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="2" fillId="2" borderId="0" applyNumberFormat="0" applyBorder="0" applyAlignment="0" applyProtection="0"/><xf numFmtId="0" fontId="3" fillId="3" borderId="1"/></cellStyleXfs>')
  .replace('<cellXfs count="4">', '<cellXfs count="7">')
  .replace('</cellXfs>', '<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="1"/><xf numFmtId="165" fontId="3" fillId="3" borderId="1" xfId="2" applyNumberFormat="1"><alignment horizontal="centerContinuous" vertical="top" wrapText="1" textRotation="45"/><protection locked="0" hidden="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>')
  .replace('<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>', '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="[$¥-804]#,##0.00;[Red]\\-[$¥-804]#,##0.00"/></numFmts>')
  .replace('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>', '<cellStyles count="3"><cellStyle name="好" xfId="1" builtinId="26"/><cellStyle name="我的标题样式" xfId="2" customBuiltin="1"/><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>')
  .replace('<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>', '<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FFDDEBF7"/></patternFill></fill></dxf></dxfs><tableStyles count="1" defaultTableStyle="我的表格样式" defaultPivotStyle="PivotStyleLight16"><tableStyle name="我的表格样式" pivot="0" count="1"><tableStyleElement type="wholeTable" dxfId="0"/></tableStyle></tableStyles><colors><mruColors><color rgb="FF7030A0"/><color rgb="FF00B050"/></mruColors></colors>')
  .replace('<dxfs count="0"/>', '');

const CUSTOM_THEME = THEME.replace('name="Office Theme"', 'name="公司主题"').replace('<a:clrScheme name="Office">', '<a:clrScheme name="公司配色">').replace('4472C4', 'C00000').replace('ED7D31', '1F4E79').replace('<a:latin typeface="Calibri"/><a:ea typeface=""/>', '<a:latin typeface="Calibri"/><a:ea typeface="等线"/>');

function chartsheetCase(): HostileCase {
  const spec: BookSpec = {
    sheets: [customersTable(), { name: '金额图', blocks: [] }, ordersSheet()],
    extend: (pkg) => {
      pkg.sheetPath.set('金额图', 'xl/chartsheets/sheet2.xml');
      spec.sheets[1].chartsheetXml = F.chartSheet(pkg, '金额图', '订单!$A$2:$A$10', '订单!$D$2:$D$10');
    },
  };
  return jz('chartsheet.xlsx', 'a chart sheet (chartsheet part, drawing, chart) between the data sheets', spec, { office: false });
}

function userColumnCase(): HostileCase {
  return jz('user-column-right-of-tiers.xlsx', 'the user adds a column right of the tier block after the first run (plain range)', basic({}, customersRange()), { config: caseConfig(RANGE), userColumnAfterFirstRun: { sheet: '客户', header: '跟进人' } });
}

function notesRightOfRange(): HostileCase {
  const cust = customersRange();
  cust.blocks.push({ row: 0, col: 6, rows: [['跟进备注'], ['周一回电'], ['VIP']] });
  // The tier block moves right of the notes (they stay as they are) instead of covering them.
  return jz('range-with-notes.xlsx', 'a customer source stored as a range (A1:E13) with notes two columns to its right, where the tier block would go', basic({}, cust), {
    config: caseConfig({ kind: 'sheet', sheet: '客户', address: 'A1:E13' }),
  });
}

function notesRightOfTable(): HostileCase {
  const cust = customersTable();
  cust.blocks.push({ row: 0, col: 6, rows: [['备注'], ['老客户'], [null], ['欠款未结']] });
  return jz('table-with-notes.xlsx', 'a customer table with notes two columns to its right (G), where the new table columns would go', basic({}, cust), {
    refuse: { code: 'targetNotEmpty', params: { sheet: '客户', count: 3 } },
  });
}

function titleRowsCase(): HostileCase {
  const cust = customersTable(
    {
      blocks: [],
      xml: { mergeCells: '<mergeCells count="2"><mergeCell ref="A1:E1"/><mergeCell ref="A15:C15"/></mergeCells>' },
      rowAttrs: { 0: 'ht="28.5" customHeight="1"' },
    },
    { row: 2 },
  );
  cust.blocks = [
    { row: 0, col: 0, rows: [[{ v: '2024 年客户名录（内部）', s: S.bold }]] },
    { row: 1, col: 0, rows: [['更新：2024-12-31']] },
    { row: 2, col: 0, rows: custGrid() },
    { row: 14, col: 0, rows: [['合并单元格里的脚注：数据来自 CRM']] },
  ];
  return jz('title-rows-merged.xlsx', 'title rows above the customer table, a merged title and a merged footnote', basic({}, cust));
}

function definedNamesCase(): HostileCase {
  return jz('defined-names.xlsx', 'defined names: workbook and sheet-scoped, print titles and area, a hidden name, a constant, and the customer source given as a name', basic({
    definedNames:
      '<definedName name="_xlnm.Print_Area" localSheetId="0">客户!$A$1:$E$13</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">订单!$1:$1</definedName><definedName name="本表金额" localSheetId="1">订单!$D$2:$D$60</definedName><definedName name="客户区域">客户!$A$1:$E$13</definedName><definedName name="税率" comment="增值税">0.13</definedName><definedName name="隐藏名" hidden="1">订单!$A$1</definedName>',
  }, customersRange()), { config: caseConfig({ kind: 'name', name: '客户区域' }) });
}

export function jszipCases(): HostileCase[] {
  const orders = orderRows();
  return [
    jz('baseline-table.xlsx', 'control: a customer table and an orders range, nothing hostile', basic()),
    jz('baseline-range.xlsx', 'control: customers as a plain range', basic({}, customersRange()), { config: caseConfig(RANGE) }),
    userColumnCase(),
    notesRightOfRange(),
    notesRightOfTable(),
    forgedCase(),
    jz('headerless-table.xlsx', 'a header-less user table (headerRowCount=0) on an unrelated sheet', {
      sheets: [customersTable(), ordersSheet(), { name: '参考', blocks: [{ row: 0, col: 0, rows: [['华东', 0.1], ['华北', 0.12], ['华南', 0.08]] }], tables: [{ name: '折扣表', row: 0, col: 0, rows: 3, columns: ['列1', '列2'], headerRow: false }] }],
    }, { office: false }),
    jz('totals-row.xlsx', 'the customer table has a totals row (count of ids, a label)', basic({}, (() => {
      const s = customersTable({}, { rows: 14, totals: [{ fn: 'count' }, { label: '合计' }, { label: '' }, { label: '' }, { label: '' }] });
      s.blocks.push({ row: 13, col: 0, rows: [[{ f: 'SUBTOTAL(103,客户表[客户ID])', v: 12 }, '合计']] });
      return s;
    })()), { office: false }),
    macroCase(),
    jz('user-charts.xlsx', 'a user sheet with two native charts (drawing + chart parts), one named like the add-in’s', {
      sheets: [customersTable(), ordersSheet(), { name: '销售图', blocks: [{ row: 0, col: 0, rows: [['月份', '销售额'], ['1月', 100], ['2月', 140], ['3月', 90]] }] }],
      extend: (pkg) => F.userCharts(pkg, '销售图', [{ name: '图表 1', title: '月度销售', cat: "'销售图'!$A$2:$A$4", val: "'销售图'!$B$2:$B$4" }, { name: 'ct_pareto', title: '订单金额', cat: '订单!$A$2:$A$10', val: '订单!$D$2:$D$10' }]),
    }),
    jz('workbook-protected.xlsx', 'workbook structure protection (lockStructure with a SHA-512 hash): sheets cannot be added', basic({ workbookProtection: `<workbookProtection ${SHA} lockStructure="1"/>` }), {
      refuse: { code: 'workbookProtected' },
      office: false,
    }),
    pivotCase(),
    slicerCase(),
    jz('data-validation.xlsx', 'data validation: lists, text length, decimals, and an x14 list pointing at another sheet', basic({}, customersTable({ xml: { dataValidations: DV } }), ordersSheet({ xml: { dataValidations: DV_ORDERS, extLst: DV_X14 } }))),
    jz('data-validation-over-block.xlsx', 'a whole-column validation over F:Z, where the tier columns will go', basic({}, customersTable({ xml: { dataValidations: '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="F2:Z1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>' } }))),
    jz('comments.xlsx', 'notes (legacy comments + VML) on customer and order cells', basic({
      extend: (pkg) => {
        F.comments(pkg, '客户', [{ row: 1, col: 1, text: '老客户，2019 年起合作' }, { row: 5, col: 0, text: '名字看起来像公式' }]);
        F.comments(pkg, '订单', [{ row: 3, col: 3, text: '含运费' }]);
      },
    })),
    jz('threaded-comments.xlsx', 'Excel 365 threaded comments with persons and legacy fallback', basic({ extend: (pkg) => F.threadedComments(pkg, '客户', 2, 1) })),
    definedNamesCase(),
    jz('conditional-formats.xlsx', 'conditional formats: data bar with x14 ext, colour scale, cellIs with dxf, expression, and a rule over F2:Z13 where tier columns go', {
      stylesXml: STYLES_DXF,
      sheets: [customersTable({ xml: { conditionalFormatting: CF_CUST } }), ordersSheet({ xml: { conditionalFormatting: CF_ORDERS, extLst: CF_ORDERS_EXT } })],
    }),
    jz('hidden-sheets.xlsx', 'a hidden and a very-hidden sheet (and the orders sheet hidden too)', {
      sheets: [customersTable(), ordersSheet({ state: 'hidden' }), { name: '隐藏', state: 'hidden', blocks: [{ row: 0, col: 0, rows: [['隐藏的数据'], [1]] }] }, { name: '机密', state: 'veryHidden', blocks: [{ row: 0, col: 0, rows: [['密钥'], ['不要动']] }] }],
    }),
    jz('external-links.xlsx', 'an external workbook link with cached values and a formula using it', {
      sheets: [customersTable(), ordersSheet(), { name: '预算', blocks: [{ row: 0, col: 0, rows: [['预算'], [{ f: '[1]预算!$A$1', v: 120000 }]] }] }],
      extend: (pkg) => ({ externalReferences: F.externalLink(pkg) }),
    }),
    jz('custom-xml.xlsx', 'two custom XML parts of other systems, one mentioning the add-in’s namespace in its text', basic({
      extend: (pkg) => {
        F.foreignCustomXml(pkg, 1, `<?xml version="1.0" encoding="UTF-8"?><dms:document xmlns:dms="urn:example:dms:1"><dms:owner>财务部</dms:owner><dms:retention>7y</dms:retention></dms:document>`, '{A1B2C3D4-0000-4000-8000-000000000001}');
        F.foreignCustomXml(pkg, 2, `<?xml version="1.0" encoding="UTF-8"?><notes xmlns="urn:example:notes"><note>our add-in stores urn:customer-tiers:settings:1 elsewhere</note></notes>`, '{A1B2C3D4-0000-4000-8000-000000000002}');
      },
    })),
    jz('rich-text-strings.xlsx', 'shared strings with rich text runs, phonetic runs and preserved spaces in user cells', basic({}, (() => {
      const rows = custGrid() as Cell[][];
      rows[1][1] = { rich: '<r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="宋体"/></rPr><t>上海</t></r><r><t>远航贸易</t></r>' };
      rows[2][1] = { rich: '<r><t xml:space="preserve">  北京 </t></r><r><rPr><i/></rPr><t>恒信制造</t></r><rPh sb="0" eb="2"><t>ベイジン</t></rPh><phoneticPr fontId="1"/>' };
      return { name: '客户', blocks: [{ row: 0, col: 0, rows }], tables: [{ name: '客户表', row: 0, col: 0, rows: rows.length, columns: CUSTOMER_HEADERS }] };
    })())),
    jz('date1904.xlsx', 'the 1904 date system (order dates as 1904 serials)', { date1904: true, sheets: [customersTable(), ordersSheet({}, true)] }),
    jz('unused-styles.xlsx', 'styles the product does not use: custom number formats, gradient fill, borders, named cell styles, a custom table style, mru colours', { stylesXml: UNUSED_STYLES, sheets: [customersTable({}, { style: '我的表格样式' }), ordersSheet()] }),
    jz('custom-theme.xlsx', 'a custom theme (colours and East Asian font)', { themeXml: CUSTOM_THEME, sheets: [customersTable(), ordersSheet()] }),
    jz('inline-strings.xlsx', 'no shared-strings part: every string inline', { inlineStrings: true, sheets: [customersTable(), ordersSheet()] }),
    titleRowsCase(),
    jz('sheet-protection.xlsx', 'sheet protection on the orders sheet and on an unrelated sheet (the add-in only reads them)', {
      sheets: [customersTable(), ordersSheet({ xml: { sheetProtection: '<sheetProtection algorithmName="SHA-512" hashValue="aGFzaA==" saltValue="c2FsdA==" spinCount="100000" sheet="1" objects="1" scenarios="1"/>' } }), { name: '说明', blocks: [{ row: 0, col: 0, rows: [['只读说明']] }], xml: { sheetProtection: '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0"/>' } }],
    }),
    jz('pictures-hyperlinks.xlsx', 'a picture (media part) and hyperlinks (external with rels, internal location) on the customer sheet', basic({
      extend: (pkg) => {
        F.picture(pkg, '客户');
        const rid = pkg.rel(pkg.sheetPath.get('客户')!, 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', 'https://crm.example.com/customers/C001', { external: true });
        pkg.sheetChild('客户', 'hyperlinks', `<hyperlinks><hyperlink ref="A2" r:id="${rid}" tooltip="在 CRM 中打开"/><hyperlink ref="A3" location="'订单'!A1" display="看订单"/></hyperlinks>`);
      },
    })),
    chartsheetCase(),
    jz('formulas-calcchain.xlsx', 'formulas with cached values, shared formulas, a calc chain, on the orders and a calculation sheet', {
      sheets: [
        customersTable(),
        ordersSheet(),
        { name: '计算', blocks: [{ row: 0, col: 0, rows: [['总金额', { f: 'SUM(订单!D:D)', v: orders.reduce((a, r) => a + (r[3] as number), 0) }], ['订单数', { f: 'COUNTA(订单!A:A)-1', v: orders.length }], ['文本', { f: '"客户"&COUNTA(客户表[客户ID])', v: '客户12' }], ['判断', { f: 'B1>1000', v: true }]] }] },
      ],
      extend: (pkg) => F.calcChain(pkg, [{ sheetId: 3, ref: 'B1' }, { ref: 'B2', sheetId: 3 }, { ref: 'B3', sheetId: 3 }, { ref: 'B4', sheetId: 3 }]),
    }),
    jz('clash-names.xlsx', 'user sheets named like the add-in’s sheets (summary, history, a group sheet differing by case), and a user table named like the add-in’s', {
      sheets: [customersTable(), ordersSheet(), { name: '分级汇总', blocks: [{ row: 0, col: 0, rows: [['我的笔记'], ['不要覆盖']] }] }, { name: 'abc-a类客户', blocks: [{ row: 0, col: 0, rows: [['用户自己的表'], [42]] }], tables: [{ name: 'CT_abc_1', row: 0, col: 0, rows: 2, columns: ['用户自己的表'] }] }, { name: '分级历史', blocks: [{ row: 0, col: 0, rows: [['历史'], ['用户的']] }] }],
    }),
    jz('orders-only.xlsx', 'orders only: the add-in makes its own customer list sheet', { sheets: [ordersSheet()] }, { config: caseConfig(undefined), customers: 11 }),
    jz('orders-table-calculated.xlsx', 'orders as a table with a calculated column and an autofilter; customers as a range with a sheet autofilter and hidden name', {
      sheets: [customersRange({ xml: { autoFilter: '<autoFilter ref="A1:E13"><filterColumn colId="2"><filters><filter val="华东"/><filter val="华北"/></filters></filterColumn></autoFilter>' } }), {
        name: '订单',
        blocks: [{ row: 0, col: 0, rows: [[...ORDER_HEADERS, '含税'], ...orderRows().map((r) => [r[0], r[1], { v: r[2], s: S.date }, { v: r[3], s: S.amount }, { v: r[4], s: S.amount }, { f: '订单表[[#This Row],[金额]]*1.13', v: Math.round((r[3] as number) * 113) / 100 }])] }],
        tables: [{ name: '订单表', row: 0, col: 0, rows: orders.length + 1, columns: [...ORDER_HEADERS, '含税'], calculated: { 5: '订单表[[#This Row],[金额]]*1.13' } }],
      }],
      definedNames: '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">客户!$A$1:$E$13</definedName>',
    }, { config: caseConfig(RANGE, { kind: 'table', table: '订单表' }) }),
    jz('sparklines-query.xlsx', 'sparklines (x14 ext) on the orders sheet and a query table with a connection behind a user table', {
      sheets: [customersTable(), ordersSheet(), { name: '汇率', blocks: [{ row: 0, col: 0, rows: [['币种', '汇率'], ['USD', 7.1], ['EUR', 7.8]] }], tables: [{ name: '汇率表', row: 0, col: 0, rows: 3, columns: ['币种', '汇率'] }] }],
      extend: (pkg) => {
        F.sparklines(pkg, '订单', '订单!D2:E2', 'G2');
        F.queryTable(pkg, 'xl/tables/table2.xml');
      },
    }),
    jz('layout-cols-panes.xlsx', 'frozen panes, selection, hidden and grouped columns, a column format over F:XFD and custom row heights on the customer sheet', basic({}, customersRange({
      xml: {
        sheetPr: '<sheetPr><tabColor rgb="FF00B050"/><outlinePr summaryBelow="0"/></sheetPr>',
        sheetViews: '<sheetViews><sheetView tabSelected="1" zoomScale="115" workbookViewId="0"><pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/><selection pane="topRight" activeCell="C1" sqref="C1"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/><selection pane="bottomRight" activeCell="D5" sqref="D5:E7"/></sheetView></sheetViews>',
        cols: '<cols><col min="1" max="1" width="10.5" customWidth="1"/><col min="2" max="2" width="30" customWidth="1"/><col min="4" max="5" width="9" hidden="1" outlineLevel="1" customWidth="1"/><col min="6" max="16384" width="12.7109375" style="3" customWidth="1"/></cols>',
        printOptions: '<printOptions gridLines="1"/>',
        headerFooter: '<headerFooter><oddHeader>&amp;C客户名录</oddHeader><oddFooter>&amp;P / &amp;N</oddFooter></headerFooter>',
      },
      rowAttrs: { 0: 'ht="30" customHeight="1"', 5: 'hidden="1"', 7: 'outlineLevel="1"' },
    })), { config: caseConfig(RANGE) }),
    jz('docprops-printer.xlsx', 'custom document properties, printer settings behind a page setup, Excel’s absPath alternate content', basic({
      afterWorkbookPr: `<mc:AlternateContent xmlns:mc="${NS.mc}"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\zhang\\Documents\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>`,
      extend: (pkg) => {
        F.customProps(pkg);
        pkg.sheetChild('订单', 'pageSetup', F.printerSettings(pkg, '订单'));
      },
    })),
  ];
}


/** Builds a jszip case's package (numbering reset so each book is the same every time). */
export async function buildCase(c: HostileCase): Promise<Buffer> {
  F.resetNumbering();
  return buildBook(c.spec!);
}

export const dataArea = area;
export const xmlEsc = esc;

// ------------------------------------------------------------------------------------------
// openpyxl (gen_openpyxl.py) and LibreOffice (gen_libreoffice.sh) cases: same data, same sheets.

const py = (file: string, feature: string, rest: Partial<HostileCase> = {}): HostileCase => ({ file, source: 'openpyxl', feature, config: caseConfig(TABLE), ...rest });
const lo = (file: string, feature: string, rest: Partial<HostileCase> = {}): HostileCase => ({ file, source: 'libreoffice', feature, config: caseConfig(TABLE), ...rest });

export function openpyxlCases(): HostileCase[] {
  return [
    py('openpyxl-table.xlsx', 'openpyxl’s own table part (the kind that has crashed ExcelJS) with its autofilter and styles'),
    py('openpyxl-charts.xlsx', 'openpyxl native charts (bar and line) on a user sheet'),
    py('openpyxl-validation-cf.xlsx', 'openpyxl data validation, conditional formats (cell rule with dxf, colour scale, data bar) and comments'),
    py('openpyxl-names-merged.xlsx', 'openpyxl defined names (workbook and sheet scope, print titles), merged title above the table, frozen panes', { config: caseConfig({ kind: 'table', table: '客户表' }) }),
    py('openpyxl-range-hidden.xlsx', 'openpyxl: customers as a plain range, a hidden and a very-hidden sheet, sheet protection on an unrelated sheet', { config: caseConfig(RANGE) }),
    py('openpyxl-1904-inline.xlsx', 'openpyxl: 1904 date system, dates written as datetimes'),
  ];
}

export function libreofficeCases(): HostileCase[] {
  return [
    lo('libreoffice-baseline.xlsx', 'baseline-table.xlsx saved by LibreOffice Calc (its styles, shared strings, table and docProps)'),
    lo('libreoffice-comments-cf.xlsx', 'comments.xlsx saved by LibreOffice (its own VML notes and comments part)'),
    lo('libreoffice-conditional-formats.xlsx', 'conditional-formats.xlsx saved by LibreOffice (its dxfs and x14 conditional formats)'),
    lo('libreoffice-ods-range.xlsx', 'an .ods made by hand (flat ODS: notes, a hidden sheet, a named range, a merged title) converted by LibreOffice', { config: caseConfig({ kind: 'sheet', sheet: '客户', address: 'A3:E15' }) }),
    lo('libreoffice-openpyxl-charts.xlsx', 'openpyxl-charts.xlsx round-tripped through LibreOffice (its chart XML)'),
  ];
}

export function allCases(): HostileCase[] {
  return [...jszipCases(), ...openpyxlCases(), ...libreofficeCases()];
}
