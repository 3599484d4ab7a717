// DrawingML for the native charts ExcelJS cannot write: c:chartSpace parts, the drawing
// that anchors them on a sheet, and the relationship/content-type entries they need.
import type { CellValue, ChartSpec } from '../port';
import { absRange } from '../a1';

export const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
export const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
export const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
export const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
export const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';

const COLORS = ['2E75B6', 'ED7D31', '70AD47', 'FFC000', '5B9BD5', 'A5A5A5'];

export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Reads a cell of the workbook at save time, for the caches Excel shows before it recalculates. */
export type CellReader = (sheet: string, row: number, col: number) => CellValue;

function strCache(read: CellReader, r: { sheet: string; row: number; col: number; rows: number }): string {
  const pts = Array.from({ length: r.rows }, (_, i) => {
    const v = read(r.sheet, r.row + i, r.col);
    return `<c:pt idx="${i}"><c:v>${xmlEscape(v === null ? '' : String(v))}</c:v></c:pt>`;
  }).join('');
  return `<c:strRef><c:f>${xmlEscape(absRange(r.sheet, r.row, r.col, r.rows))}</c:f><c:strCache><c:ptCount val="${r.rows}"/>${pts}</c:strCache></c:strRef>`;
}

function numCache(read: CellReader, r: { sheet: string; row: number; col: number; rows: number }, fmt: string): string {
  const pts = Array.from({ length: r.rows }, (_, i) => {
    const v = read(r.sheet, r.row + i, r.col);
    return typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '';
  }).join('');
  return `<c:numRef><c:f>${xmlEscape(absRange(r.sheet, r.row, r.col, r.rows))}</c:f><c:numCache><c:formatCode>${xmlEscape(fmt)}</c:formatCode><c:ptCount val="${r.rows}"/>${pts}</c:numCache></c:numRef>`;
}

function richTitle(text: string, size = 1200): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="${size}" b="1"/><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** Axis labels a size smaller than the default so 20 Pareto buckets fit on one line. */
const AXIS_TEXT = '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>';

/** An axis title; vertical axes get their text turned a quarter. */
function axisTitle(text: string | undefined, vertical: boolean): string {
  if (!text) return '';
  const body = vertical ? '<a:bodyPr rot="-5400000" vert="horz"/>' : '<a:bodyPr/>';
  return `<c:title><c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="900" b="0"/><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** Value labels on a series' points, small and without a box. */
function dataLabels(fmt: string): string {
  return (
    `<c:dLbls><c:numFmt formatCode="${xmlEscape(fmt)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
    `<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
  );
}

function catAx(id: number, cross: number, pos: 'b' | 'l', opts: { deleted?: boolean; reverse?: boolean; title?: string } = {}): string {
  return (
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="${opts.reverse ? 'maxMin' : 'minMax'}"/></c:scaling>` +
    `<c:delete val="${opts.deleted ? 1 : 0}"/><c:axPos val="${pos}"/>${axisTitle(opts.title, pos === 'l')}<c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${AXIS_TEXT}` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valAx(id: number, cross: number, pos: 'l' | 'r' | 'b', fmt: string, opts: { secondary?: boolean; max?: number; grid?: boolean; title?: string } = {}): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/>${opts.max !== undefined ? `<c:max val="${opts.max}"/><c:min val="0"/>` : ''}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${pos}"/>${opts.grid ? '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>' : ''}` +
    `${axisTitle(opts.title, pos !== 'b')}<c:numFmt formatCode="${xmlEscape(fmt)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${AXIS_TEXT}` +
    `<c:crossAx val="${cross}"/><c:crosses val="${opts.secondary ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** The c:chartSpace part for one chart spec. */
export function chartXml(spec: ChartSpec, read: CellReader): string {
  const cat = spec.categories;
  const horizontal = spec.type === 'bar';
  const bars = spec.series.filter((s) => s.kind !== 'line');
  const lines = spec.series.filter((s) => s.kind === 'line');
  const ser = (s: ChartSpec['series'][number], i: number, line: boolean) => {
    const color = COLORS[i % COLORS.length];
    const sp = line
      ? `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="4"/></c:marker>`
      : `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
    const labels = spec.dataLabels ? dataLabels(line && spec.type !== 'line' ? '0%' : '#,##0') : '';
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${xmlEscape(s.name)}</c:v></c:tx>${sp}${labels}` +
      `<c:cat>${strCache(read, cat)}</c:cat><c:val>${numCache(read, s, line && spec.type !== 'line' ? '0%' : '#,##0')}</c:val>${line ? '<c:smooth val="0"/>' : ''}</c:ser>`
    );
  };
  let plot = '';
  if (spec.type === 'line') {
    // Lines on the primary axis with plain numbers (the line series of a Pareto are shares).
    plot =
      `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
      spec.series.map((s, i) => ser(s, i, true)).join('') +
      `<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>` +
      catAx(1001, 1002, 'b') +
      valAx(1002, 1001, 'l', '#,##0', { grid: true });
  } else if (spec.type === 'pie') {
    plot = `<c:pieChart><c:varyColors val="1"/>${bars.map((s, i) => ser(s, i, false)).join('')}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else {
    const primary = bars.length ? bars : spec.series.filter((s) => s.axis !== 'secondary');
    plot +=
      `<c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
      primary.map((s, i) => ser(s, i, false)).join('') +
      `<c:gapWidth val="${spec.type === 'pareto' ? 30 : 60}"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>`;
    if (lines.length) {
      plot +=
        `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        lines.map((s, i) => ser(s, primary.length + i, true)).join('') +
        `<c:marker val="1"/><c:axId val="1003"/><c:axId val="1004"/></c:lineChart>`;
    }
    const at = spec.axisTitles ?? {};
    plot += horizontal
      ? catAx(1001, 1002, 'l', { reverse: true, title: at.x }) + valAx(1002, 1001, 'b', '#,##0', { grid: true, title: at.y })
      : catAx(1001, 1002, 'b', { title: at.x }) + valAx(1002, 1001, 'l', '#,##0', { grid: true, title: at.y });
    if (lines.length) plot += catAx(1003, 1004, 'b', { deleted: true }) + valAx(1004, 1003, 'r', '0%', { secondary: true, max: 1, title: at.y2 });
  }
  const legend = spec.series.length > 1 || spec.type === 'pie' ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${richTitle(spec.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

/** The drawing part anchoring charts (rIds rIdCt1..n point at the chart parts). */
export function drawingXml(specs: readonly ChartSpec[]): string {
  const anchors = specs
    .map((s, i) => {
      const a = s.anchor;
      return (
        `<xdr:twoCellAnchor editAs="oneCell">` +
        `<xdr:from><xdr:col>${a.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${a.col + a.cols}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row + a.rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlEscape(s.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rIdCt${i + 1}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors}</xdr:wsDr>`;
}
