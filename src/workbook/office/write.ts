// Carrying out WriteOps in order. Each op becomes one or more steps (commands queued on the
// request context, with an estimate of their size); steps are packed into requests up to
// the payload budget and sent with one sync each. Big value and number-format blocks are
// split by rows; a request Excel still finds too large is split in half and resent.
// Calculation and screen updating are suspended in every request that writes.
import { CancelledError, type CellValue, type ChartSpec, type IoOptions, type WriteOp } from '../port';
import { WorkbookError } from '../errors';
import { isValidSheetName, sheetKey } from '../../output/sheetNames';
import { cellAddress, sheetReference } from './address';
import { toExcelRow, type ExcelInput } from './cells';
import { isPayloadLimitError } from './errors';
import { chunkRows, COMMAND_BYTES, jsonBytes, PAYLOAD_BUDGET, rowJsonBytes } from './payload';
import { throwIfAborted, type AdapterLimits } from './types';

export interface Step {
  bytes: number;
  /** Progress units (rows for value blocks, 1 for other ops). */
  units: number;
  queue(ctx: Excel.RequestContext): void;
  /** Smaller steps doing the same, for a request that was too large. */
  split?(): Step[];
}

type Ctx = Excel.RequestContext;
const sheetOf = (ctx: Ctx, name: string) => ctx.workbook.worksheets.getItem(name);

/** Points (the API's unit) for a width in characters (the port's and ExcelJS's unit):
 *  7 px per character of Calibri 11 plus 5 px of padding, 0.75 pt per px; 0 hides. */
export function widthToPoints(chars: number): number {
  return chars <= 0 ? 0 : Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** One rectangular block of a 2D array property ('values' or 'numberFormat'), by rows. */
function gridSteps(
  sheet: string,
  row: number,
  col: number,
  rows: readonly (readonly (ExcelInput | string)[])[],
  property: 'values' | 'numberFormat',
  budget: number,
  room: number,
): Step[] {
  if (rows.length === 0 || rows[0].length === 0) return [];
  const cols = rows[0].length;
  // A number format is one row shared by every row: measured once.
  let last: readonly unknown[] | undefined;
  let lastBytes = 0;
  const rowBytes = rows.map((r) => (r === last ? lastBytes : ((last = r), (lastBytes = rowJsonBytes(r) + 1))));
  const make = (from: number, to: number): Step => {
    const block = rows.slice(from, to) as ExcelInput[][];
    let bytes = COMMAND_BYTES;
    for (let i = from; i < to; i++) bytes += rowBytes[i];
    return {
      bytes,
      units: property === 'values' ? to - from : 0,
      queue(ctx) {
        const range = sheetOf(ctx, sheet).getRangeByIndexes(row + from, col, to - from, cols);
        if (property === 'values') range.values = block;
        else range.numberFormat = block;
      },
      split: to - from > 1 ? () => [make(from, from + Math.ceil((to - from) / 2)), make(from + Math.ceil((to - from) / 2), to)] : undefined,
    };
  };
  return chunkRows(rowBytes, budget - COMMAND_BYTES, room - COMMAND_BYTES).map(([a, b]) => make(a, b));
}

function valueSteps(sheet: string, row: number, col: number, values: readonly (readonly CellValue[])[], budget: number, room: number): Step[] {
  const cols = values.reduce((m, r) => Math.max(m, r.length), 0);
  if (cols === 0) return [];
  return gridSteps(sheet, row, col, values.map((r) => toExcelRow(r, cols)), 'values', budget, room);
}

/** A step of `commands` queued commands (each proxy call and property set is one in the request). */
function small(queue: (ctx: Ctx) => void, payload?: unknown, commands = 1): Step {
  return { bytes: COMMAND_BYTES * commands + jsonBytes(payload), units: 1, queue };
}

const CHART_TYPE: Record<ChartSpec['type'], 'ColumnClustered' | 'BarClustered' | 'Pie' | 'Line'> = {
  column: 'ColumnClustered',
  bar: 'BarClustered',
  pie: 'Pie',
  // A Pareto is drawn as columns plus a cumulative line on the secondary axis (the spec's
  // series say which), which every Excel since 2016 renders; the native Pareto type cannot
  // be built through the API.
  pareto: 'ColumnClustered',
  line: 'Line',
};

/** The spec's axis titles and value labels, as the .xlsx writer draws them (chartXml.ts). */
function axisTitles(chart: Excel.Chart, spec: ChartSpec): void {
  const at = spec.axisTitles ?? {};
  const title = (axis: Excel.ChartAxis, text: string | undefined) => {
    if (!text) return;
    axis.title.text = text;
    axis.title.visible = true;
  };
  title(chart.axes.categoryAxis, at.x);
  title(chart.axes.valueAxis, at.y);
  if (at.y2) title(chart.axes.getItem('Value', 'Secondary'), at.y2);
  if (!spec.dataLabels) return;
  spec.series.forEach((_, i) => {
    const s = chart.series.getItemAt(i);
    s.hasDataLabels = true;
    s.dataLabels.showValue = true;
  });
}

function queueChart(ctx: Ctx, sheet: string, spec: ChartSpec): void {
  const column = (s: { sheet: string; row: number; col: number; rows: number }) =>
    sheetOf(ctx, s.sheet).getRangeByIndexes(s.row, s.col, Math.max(1, s.rows), 1);
  const [first, ...rest] = spec.series;
  if (!first) throw new WorkbookError('chartNoSeries', { chart: spec.name });
  const chart = sheetOf(ctx, sheet).charts.add(CHART_TYPE[spec.type], column(first), 'Columns');
  chart.name = spec.name;
  chart.title.text = spec.title;
  const categories = column(spec.categories);
  const s0 = chart.series.getItemAt(0);
  s0.name = first.name;
  s0.setXAxisValues(categories);
  const style = (s: Excel.ChartSeries, def: ChartSpec['series'][number]) => {
    if (def.kind === 'line') s.chartType = 'Line';
    if (def.axis === 'secondary') s.axisGroup = 'Secondary';
  };
  style(s0, first);
  for (const def of rest) {
    const s = chart.series.add(def.name);
    s.setValues(column(def));
    s.setXAxisValues(categories);
    style(s, def);
  }
  chart.legend.visible = spec.series.length > 1;
  if (spec.series.length > 1) chart.legend.position = 'Bottom';
  axisTitles(chart, spec);
  const a = spec.anchor;
  chart.setPosition(cellAddress(a.row, a.col), cellAddress(a.row + Math.max(1, a.rows) - 1, a.col + Math.max(1, a.cols) - 1));
}

/** Steps for an op that needs no reading from Excel first; `room` is what is left in the
 *  request being filled, so a big block's first chunk tops it up. */
export function opSteps(op: WriteOp, budget: number, room = budget): Step[] {
  switch (op.op) {
    case 'addSheet':
      // Checked by the rule the xlsx adapter uses (sheetNames.ts), before Excel sees it.
      if (!isValidSheetName(op.name)) throw new WorkbookError('sheetNameInvalid', { sheet: op.name });
      return [
        small((ctx) => {
          const ws = ctx.workbook.worksheets.add(op.name);
          if (op.tabColor) ws.tabColor = op.tabColor;
        }, op.name),
      ];
    case 'deleteSheet':
      return [small((ctx) => sheetOf(ctx, op.name).delete())];
    case 'values':
      return valueSteps(op.sheet, op.row, op.col, op.values, budget, room);
    case 'clear':
      return [small((ctx) => sheetOf(ctx, op.sheet).getRangeByIndexes(op.row, op.col, op.rows, op.cols).clear('All'))];
    case 'format':
      return formatSteps(op, budget, room);
    case 'columnWidth':
      return [
        small((ctx) => {
          sheetOf(ctx, op.sheet).getRangeByIndexes(0, op.col, 1, op.cols).format.columnWidth = widthToPoints(op.width);
        }),
      ];
    case 'standardWidth':
      throw new Error(`${op.op} needs to look at the workbook first; see Writer`);
    case 'freeze':
      return [small((ctx) => freeze(ctx, op))];
    case 'hideRows':
      return [
        small((ctx) => {
          sheetOf(ctx, op.sheet).getRangeByIndexes(op.row, 0, op.rows, 1).rowHidden = true;
        }),
      ];
    case 'addTable':
      return [
        small((ctx) => {
          const ws = sheetOf(ctx, op.sheet);
          const table = ws.tables.add(ws.getRangeByIndexes(op.row, op.col, op.rows, op.cols), true);
          table.name = op.name;
          if (op.style) table.style = op.style;
        }, op.name),
      ];
    case 'colorScale':
      return [small((ctx) => colorScale(ctx, op))];
    case 'link':
      return [
        small((ctx) => {
          sheetOf(ctx, op.sheet).getRangeByIndexes(op.row, op.col, 1, 1).hyperlink = {
            documentReference: sheetReference(op.targetSheet, op.targetCell),
            textToDisplay: op.text,
          };
        }, op.text),
      ];
    case 'addChart':
      if (op.chart.series.length === 0) throw new WorkbookError('chartNoSeries', { chart: op.chart.name });
      return [small((ctx) => queueChart(ctx, op.sheet, op.chart), op.chart)];
    case 'addTableColumns':
    case 'deleteTable':
    case 'deleteTableColumns':
    case 'deleteChart':
      throw new Error(`${op.op} needs to look at the workbook first; see Writer`);
  }
}

function formatSteps(op: Extract<WriteOp, { op: 'format' }>, budget: number, room: number): Step[] {
  const steps: Step[] = [];
  // Range, format, then one command per property (and the fill/font objects): a fill alone is
  // about 600 bytes in the request, so 12,000 tier fills cannot ride in one 5 MB request.
  const props = [op.fill, op.fontColor, op.bold, op.underline, op.align, op.indent].filter((x) => x !== undefined).length;
  if (props > 0)
    steps.push(
      small((ctx) => {
        const f = sheetOf(ctx, op.sheet).getRangeByIndexes(op.row, op.col, op.rows, op.cols).format;
        if (op.fill !== undefined) f.fill.color = op.fill;
        if (op.fontColor !== undefined) f.font.color = op.fontColor;
        if (op.bold !== undefined) f.font.bold = op.bold;
        if (op.underline !== undefined) f.font.underline = op.underline ? 'Single' : 'None';
        if (op.align !== undefined) f.horizontalAlignment = op.align === 'left' ? 'Left' : op.align === 'center' ? 'Center' : 'Right';
        if (op.indent !== undefined) f.indentLevel = op.indent;
      }, undefined, 3 + props),
    );
  if (op.numberFormat !== undefined) {
    // The API takes one format per cell; one row is built and shared by every row.
    const row = new Array<string>(op.cols).fill(op.numberFormat);
    for (const step of gridSteps(op.sheet, op.row, op.col, new Array(op.rows).fill(row), 'numberFormat', budget, room - steps.reduce((n, x) => n + x.bytes, 0))) steps.push(step);
  }
  if (steps.length) steps[0].units = 1;
  return steps;
}

function freeze(ctx: Excel.RequestContext, op: Extract<WriteOp, { op: 'freeze' }>): void {
  const panes = sheetOf(ctx, op.sheet).freezePanes;
  panes.unfreeze();
  if (op.rows > 0 && op.cols > 0) panes.freezeAt(sheetOf(ctx, op.sheet).getRangeByIndexes(0, 0, op.rows, op.cols));
  else if (op.rows > 0) panes.freezeRows(op.rows);
  else if (op.cols > 0) panes.freezeColumns(op.cols);
}

function colorScale(ctx: Excel.RequestContext, op: Extract<WriteOp, { op: 'colorScale' }>): void {
  const range = sheetOf(ctx, op.sheet).getRangeByIndexes(op.row, op.col, op.rows, op.cols);
  // Replace, never stack: a refresh must leave one scale, not two.
  range.conditionalFormats.clearAll();
  const cf = range.conditionalFormats.add('ColorScale');
  const criteria: Excel.ConditionalColorScaleCriteria = {
    minimum: { formula: undefined, type: 'LowestValue', color: op.low },
    midpoint: { formula: String(op.midPercentile), type: 'Percentile', color: op.mid },
    maximum: { formula: undefined, type: 'HighestValue', color: op.high },
  };
  cf.colorScale.criteria = criteria;
}

export function opUnits(op: WriteOp): number {
  if (op.op === 'values') return op.values.length;
  if (op.op === 'addTableColumns') return op.values.length + 1;
  return 1;
}

export type DeleteOp = Extract<WriteOp, { op: 'deleteTable' | 'deleteTableColumns' | 'deleteChart' }>;
const isDelete = (op: WriteOp): op is DeleteOp => op.op === 'deleteTable' || op.op === 'deleteTableColumns' || op.op === 'deleteChart';

/** Widths that depend on what the columns have now (a tier block's, on a user's sheet). */
export type LookingWidthOp = Extract<WriteOp, { op: 'standardWidth' | 'columnWidth' }>;
const looksFirst = (op: WriteOp): op is LookingWidthOp => op.op === 'standardWidth' || (op.op === 'columnWidth' && !!op.onlyStandard);

/** Packs steps into requests under the budget; one sync per request. */
export class Writer {
  private pending: Step[] = [];
  private pendingBytes = 0;
  private done = 0;
  readonly budget: number;

  constructor(
    private readonly ctx: Ctx,
    limits: AdapterLimits,
    private readonly total: number,
    private readonly opts: IoOptions,
  ) {
    this.budget = limits.payloadLimit * PAYLOAD_BUDGET;
  }

  /** Bytes still free in the request being filled. */
  get room(): number {
    return this.budget - this.pendingBytes;
  }

  async add(step: Step): Promise<void> {
    if (this.pending.length && this.pendingBytes + step.bytes > this.budget) await this.flush();
    this.pending.push(step);
    this.pendingBytes += step.bytes;
  }

  async flush(): Promise<void> {
    const steps = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (steps.length) await this.send(steps);
  }

  /** Skipped deletes have no request of their own: the last report still says "all done". */
  finish(): void {
    if (this.done < this.total) this.opts.onProgress?.({ stage: 'writing', done: this.total, total: this.total });
  }

  private suspend(): void {
    this.ctx.application.suspendApiCalculationUntilNextSync();
    this.ctx.application.suspendScreenUpdatingUntilNextSync();
  }

  private async send(steps: Step[]): Promise<void> {
    throwIfAborted(this.opts.signal, () => new CancelledError());
    this.suspend();
    for (const s of steps) s.queue(this.ctx);
    try {
      await this.ctx.sync();
    } catch (e) {
      if (!isPayloadLimitError(e)) throw e;
      // Nothing of a request that is too large is applied: resend it in halves.
      const parts = steps.length > 1 ? [steps.slice(0, steps.length >> 1), steps.slice(steps.length >> 1)] : (steps[0].split?.() ?? []).map((s) => [s]);
      if (parts.length < 2) throw e;
      for (const p of parts) await this.send(p);
      return;
    }
    this.done += steps.reduce((n, s) => n + s.units, 0);
    this.opts.onProgress?.({ stage: 'writing', done: Math.min(this.done, this.total), total: this.total });
  }

  /** Deletes the tables, table columns and charts that exist and skips the others, like
   *  the xlsx adapter: a user may have removed them already. Two syncs for a run of deletes
   *  (methods on a null object fail, so existence is checked first). */
  async deleteExisting(ops: readonly DeleteOp[]): Promise<void> {
    await this.flush();
    const ctx = this.ctx;
    const sheets = ctx.workbook.worksheets.load('items/name');
    const tables = ctx.workbook.tables.load('items/name');
    await ctx.sync();
    // Sheet names compare as Excel compares them (sheetNames.ts), table names ignoring case.
    const lower = (s: string) => s.toLowerCase();
    const sheetSet = new Set(sheets.items.map((s) => sheetKey(s.name)));
    const tableSet = new Set(tables.items.map((t) => lower(t.name)));
    const charts = new Map<string, Excel.ChartCollection>();
    const columns = new Map<string, Excel.TableColumnCollection>();
    for (const op of ops) {
      if (op.op === 'deleteChart' && sheetSet.has(sheetKey(op.sheet)) && !charts.has(sheetKey(op.sheet)))
        charts.set(sheetKey(op.sheet), sheetOf(ctx, op.sheet).charts.load('items/name'));
      if (op.op === 'deleteTableColumns' && tableSet.has(lower(op.table)) && !columns.has(lower(op.table)))
        columns.set(lower(op.table), ctx.workbook.tables.getItem(op.table).columns.load('items/name'));
    }
    if (charts.size || columns.size) await ctx.sync();
    for (const op of ops) {
      if (op.op === 'deleteTable' && tableSet.has(lower(op.name))) {
        tableSet.delete(lower(op.name));
        await this.add(small((c) => c.workbook.tables.getItem(op.name).delete()));
      } else if (op.op === 'deleteChart') {
        const list = charts.get(sheetKey(op.sheet));
        const hit = list?.items.find((c) => c.name === op.name);
        if (!list || !hit) continue;
        list.items.splice(list.items.indexOf(hit), 1);
        await this.add(small((c) => sheetOf(c, op.sheet).charts.getItem(op.name).delete()));
      } else if (op.op === 'deleteTableColumns' && tableSet.has(lower(op.table))) {
        const have = new Set((columns.get(lower(op.table))?.items ?? []).map((c) => lower(c.name)));
        const gone = op.headers.filter((h) => have.delete(lower(h)));
        if (gone.length)
          await this.add(
            small((c) => {
              const table = c.workbook.tables.getItem(op.table);
              for (const h of gone) table.columns.getItem(h).delete();
            }, gone),
          );
      }
    }
  }

  /** A fit only where a column has the sheet's standard width, a reset only where it still has
   *  the width given (the user's widths stay, like the xlsx adapter's). One sync to look for a run of them. */
  async widthsWhere(ops: readonly LookingWidthOp[]): Promise<void> {
    await this.flush();
    const looks = ops.map((op) => Array.from({ length: op.cols }, (_, j) => sheetOf(this.ctx, op.sheet).getRangeByIndexes(0, op.col + j, 1, 1).format.load('columnWidth,useStandardWidth')));
    await this.ctx.sync();
    for (const [k, op] of ops.entries()) {
      const points = widthToPoints(op.width);
      for (const [j, f] of looks[k].entries()) {
        // Excel keeps widths in whole pixels: a width read back is within a point of the one set.
        if (op.op === 'columnWidth' ? !f.useStandardWidth : Math.abs(f.columnWidth - points) >= 1) continue;
        await this.add(
          small((c) => {
            const format = sheetOf(c, op.sheet).getRangeByIndexes(0, op.col + j, 1, 1).format;
            if (op.op === 'columnWidth') format.columnWidth = points;
            else format.useStandardWidth = true;
          }),
        );
      }
    }
  }

  /** New columns at the right of an Excel table, then their values in chunks. */
  async addTableColumns(op: Extract<WriteOp, { op: 'addTableColumns' }>): Promise<void> {
    await this.flush();
    const ctx = this.ctx;
    const table = ctx.workbook.tables.getItem(op.table);
    this.suspend();
    for (const h of op.headers) table.columns.add(undefined, undefined, h);
    // The data body, not the whole table: a totals row is not a customer's row.
    const range = table.getDataBodyRange().load('rowIndex,columnIndex,rowCount,columnCount');
    const ws = table.worksheet.load('name');
    await ctx.sync();
    this.done += 1;
    const body = range.rowCount;
    if (op.values.length > body) throw new WorkbookError('tableRowsMismatch', { table: op.table, rows: op.values.length, tableRows: body });
    const firstNew = range.columnIndex + range.columnCount - op.headers.length;
    const values = op.values.map((r) => r.slice(0, op.headers.length));
    for (const s of valueSteps(ws.name, range.rowIndex, firstNew, values, this.budget, this.room)) await this.add(s);
  }
}

export async function writeOps(ctx: Ctx, ops: readonly WriteOp[], limits: AdapterLimits, opts: IoOptions = {}): Promise<void> {
  const total = ops.reduce((n, op) => n + opUnits(op), 0);
  const writer = new Writer(ctx, limits, total, opts);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.op === 'addTableColumns') await writer.addTableColumns(op);
    else if (isDelete(op)) {
      let j = i;
      while (j + 1 < ops.length && isDelete(ops[j + 1])) j++;
      await writer.deleteExisting(ops.slice(i, j + 1) as DeleteOp[]);
      i = j;
    } else if (looksFirst(op)) {
      let j = i;
      while (j + 1 < ops.length && looksFirst(ops[j + 1])) j++;
      await writer.widthsWhere(ops.slice(i, j + 1) as LookingWidthOp[]);
      i = j;
    } else {
      let steps: Step[];
      try {
        steps = opSteps(op, writer.budget, writer.room);
      } catch (e) {
        // An op refused before Excel sees it: what came before it is still written, as in
        // the xlsx adapter.
        await writer.flush();
        throw e;
      }
      for (const s of steps) await writer.add(s);
    }
  }
  await writer.flush();
  writer.finish();
}
