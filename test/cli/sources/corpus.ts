// The source corpus, described once: seeded order lines, and for each workbook how they are laid
// out (sheets, title rows, tables at B3, totals rows, merged cells, 1904 dates, hidden rows,
// names) and which lines Excel would count. generate.ts renders the descriptions with ExcelJS
// (Excel-like files), openpyxl (what pandas users write) and LibreOffice; the test reads the files
// and compares with sums of these lines, computed here without the engine.
import { rng } from '../../../src/cli/random';

export type Val = string | number | null | { date: string };

export interface SheetDesc {
  name: string;
  /** Blocks of cells; `at` is the top-left cell. */
  cells: { at: string; rows: Val[][] }[];
  table?: { name: string; ref: string; totals?: boolean };
  merges?: string[];
  /** 1-based rows hidden (by hand or by a filter). */
  hiddenRows?: number[];
  autoFilter?: string;
  hidden?: boolean;
}

export interface BookDesc {
  sheets: SheetDesc[];
  date1904?: boolean;
  names?: { name: string; ref: string }[];
}

export interface Line {
  orderId: string;
  customer: string;
  name: string;
  date: string;
  qty: number;
  price: number;
  discount: number | null;
}

export interface Entry {
  file: string;
  writer: 'exceljs' | 'openpyxl' | 'libreoffice';
  /** For LibreOffice: the openpyxl/ExcelJS file it re-saves. */
  from?: string;
  book: BookDesc;
  /** What follows "#" (none: the orders sheet is found). Every spec must give the same result. */
  specs: (string | null)[];
  lines: Line[];
  /** Lines Excel would not count (a merged-away customer cell, a discount given as a rate). */
  uncounted?: number[];
  /** Warning codes the run must report. */
  notes: string[];
  /** Issue codes the run must report. */
  issues?: string[];
  /** The run stops with this error code (nothing is counted). */
  error?: string;
}


const SURNAMES = ['张', '李', '王', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '军'];
const PRICES = [9.9, 19.9, 25, 99, 128.5, 6.8, 45];

/** Seeded order lines: 1–3 lines per order, dates in 2024, some discounts. */
export function makeLines(seed: number, count: number, customers = 30, withDiscount = true, maxLines = 3): Line[] {
  const r = rng(seed);
  const out: Line[] = [];
  let order = 1000 + seed * 10_000;
  while (out.length < count) {
    const c = 1 + Math.floor(r() * customers);
    const customer = `K${String(c).padStart(3, '0')}`;
    const name = `${SURNAMES[c % 10]}${GIVEN[Math.floor(c / 10) % 10]}${c > 9 ? '商贸' : ''}`;
    const day = 1 + Math.floor(r() * 360);
    const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
    const nLines = 1 + Math.floor(r() * maxLines);
    order++;
    for (let k = 0; k < nLines && out.length < count; k++) {
      const qty = 1 + Math.floor(r() * 9);
      const price = PRICES[Math.floor(r() * PRICES.length)];
      // A discount never exceeds the line (a negative amount would be a return).
      const discount = withDiscount && r() < 0.3 && qty * price >= 30 ? [2, 5, 10][Math.floor(r() * 3)] : null;
      out.push({ orderId: `SO${order}`, customer, name, date, qty, price, discount });
    }
  }
  return out;
}

export const lineAmount = (l: Line) => l.qty * l.price - Math.abs(l.discount ?? 0);

export type Col = 'orderId' | 'customer' | 'name' | 'date' | 'qty' | 'price' | 'discount' | 'amount';

/** Header texts per column, in the words real files use. */
export const ZH: Record<Col, string> = { orderId: '订单号', customer: '客户编号', name: '客户名称', date: '下单时间', qty: '商品数量', price: '单价', discount: '折扣金额', amount: '实付金额' };
export const EN: Record<Col, string> = { orderId: 'Order No', customer: 'Customer ID', name: 'Customer Name', date: 'Order Date', qty: 'Qty', price: 'Unit Price', discount: 'Discount', amount: 'Amount' };

export function cell(l: Line, c: Col): Val {
  switch (c) {
    case 'orderId':
      return l.orderId;
    case 'customer':
      return l.customer;
    case 'name':
      return l.name;
    case 'date':
      return { date: l.date };
    case 'qty':
      return l.qty;
    case 'price':
      return l.price;
    case 'discount':
      return l.discount;
    case 'amount':
      return Math.round(lineAmount(l) * 100) / 100;
  }
}

/** Header row and one row per line. */
export function grid(lines: Line[], cols: Col[], headers: Record<Col, string> = ZH): Val[][] {
  return [cols.map((c) => headers[c]), ...lines.map((l) => cols.map((c) => cell(l, c)))];
}

/** "B" + 3 → "B3"; column letters of a 0-based index. */
export function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function refOf(atCol: number, atRow: number, rows: number, cols: number): string {
  return `${colLetter(atCol)}${atRow}:${colLetter(atCol + cols - 1)}${atRow + rows - 1}`;
}

const NOTES_SHEET: SheetDesc = {
  name: '说明',
  cells: [{ at: 'A1', rows: [['本工作簿由 ERP 导出'], ['导出时间', { date: '2025-01-02' }], ['说明：金额单位为元，折扣为优惠金额']] }],
};

const LINE_COLS: Col[] = ['orderId', 'customer', 'name', 'date', 'qty', 'price', 'discount'];
const AMOUNT_COLS: Col[] = ['orderId', 'customer', 'name', 'date', 'amount'];

/** The orders under a title row at B1, header at B3, as an Excel table (or a plain range). */
function titledSheet(name: string, lines: Line[], cols: Col[], table: string | null, headers = ZH, totals = false): SheetDesc {
  const rows = grid(lines, cols, headers);
  if (totals && !table) rows.push(cols.map((c, i) => (i === 0 ? '合计' : c === 'qty' ? lines.reduce((s, l) => s + l.qty, 0) : c === 'amount' ? Math.round(lines.reduce((s, l) => s + lineAmount(l), 0) * 100) / 100 : null)));
  if (totals && table) rows.push(cols.map((c, i) => (i === 0 ? 'Total' : c === 'qty' ? lines.reduce((s, l) => s + l.qty, 0) : null)));
  return {
    name,
    cells: [
      { at: 'B1', rows: [[`${name} 2024 年订单明细`]] },
      { at: 'B3', rows },
    ],
    ...(table ? { table: { name: table, ref: refOf(1, 3, rows.length, cols.length), totals } } : {}),
  };
}

function plainSheet(name: string, rows: Val[][]): SheetDesc {
  return { name, cells: [{ at: 'A1', rows }] };
}

/** Lines whose customer cell a vertical merge covers (Excel reads it blank: the line is not counted). */
function mergedCustomerCells(lines: Line[], headerRow: number, customerCol: number): { merges: string[]; uncounted: number[] } {
  const merges: string[] = [];
  const uncounted: number[] = [];
  for (let i = 0; i + 1 < lines.length && merges.length < 4; i += 17) {
    if (lines[i + 1].customer === lines[i].customer) continue;
    const row = headerRow + 1 + i;
    merges.push(`${colLetter(customerCol)}${row}:${colLetter(customerCol)}${row + 1}`);
    uncounted.push(i + 1);
  }
  return { merges, uncounted };
}

function entries(writer: 'exceljs' | 'openpyxl', p: string, seed: number): Entry[] {
  const L = (n: number, s = 0, withDiscount = true) => makeLines(seed + s, n, 30, withDiscount);
  const out: Entry[] = [];
  const add = (e: Omit<Entry, 'writer' | 'file'> & { file: string }) => out.push({ ...e, writer, file: `${p}-${e.file}.xlsx` });

  let lines = L(120, 1);
  add({ file: 'plain-amount', book: { sheets: [plainSheet('订单', grid(lines, AMOUNT_COLS))] }, specs: [null, '订单'], lines, notes: ['names_from_orders'] });

  lines = L(150, 2);
  add({
    file: 'notes-first-table-b3',
    book: { sheets: [NOTES_SHEET, titledSheet('订单', lines, LINE_COLS, 'tbl_orders')] },
    specs: [null, 'tbl_orders', '订单', `订单!${refOf(1, 3, lines.length + 1, LINE_COLS.length)}`],
    lines,
    notes: ['amount_computed_discount', 'names_from_orders'],
  });

  lines = L(90, 3, false);
  add({ file: 'line-items', book: { sheets: [plainSheet('明细', grid(lines, ['orderId', 'customer', 'name', 'date', 'qty', 'price']))] }, specs: [null], lines, notes: ['amount_computed'] });

  lines = L(100, 4);
  add({ file: 'table-totals', book: { sheets: [titledSheet('Sales', lines, LINE_COLS, 'SalesTable', EN, true)] }, specs: ['SalesTable', 'salestable'], lines, notes: ['amount_computed_discount'] });

  lines = L(80, 5);
  add({ file: 'plain-totals', book: { sheets: [titledSheet('订单', lines, AMOUNT_COLS, null, ZH, true)] }, specs: [null, '订单'], lines, notes: ['source_header_row', 'source_totals_row'] });

  lines = L(110, 6);
  const mc = mergedCustomerCells(lines, 3, 2);
  add({
    file: 'merged',
    book: { sheets: [{ ...titledSheet('订单', lines, LINE_COLS, null), merges: ['B1:H1', ...mc.merges] }] },
    specs: ['订单'],
    lines,
    uncounted: mc.uncounted,
    notes: ['source_header_row', 'source_merged'],
    issues: ['id_blank'],
  });

  lines = L(70, 7);
  add({ file: 'date1904', book: { date1904: true, sheets: [plainSheet('Orders', grid(lines, AMOUNT_COLS, EN))] }, specs: [null, 'orders', 'ORDERS'], lines, notes: [] });

  lines = L(130, 8);
  add({
    file: 'several-sheets',
    book: {
      sheets: [
        NOTES_SHEET,
        plainSheet('客户', [['客户编号', '地区'], ['K001', '华东'], ['K002', '华北']]),
        plainSheet('订单', grid(lines, LINE_COLS)),
        plainSheet('汇总', [['月份', '销售额'], ['2024-01', 12345]]),
      ],
    },
    specs: [null, '订单'],
    lines,
    notes: ['source_sheet_chosen', 'amount_computed_discount'],
  });

  lines = L(60, 9);
  add({
    file: 'hidden-filtered',
    book: { sheets: [{ ...plainSheet('订单', grid(lines, AMOUNT_COLS)), hiddenRows: [3, 4, 10], autoFilter: refOf(0, 1, lines.length + 1, AMOUNT_COLS.length) }] },
    specs: [null],
    lines,
    notes: ['source_hidden_rows'],
  });

  lines = L(75, 10);
  add({ file: 'english-lines', book: { sheets: [plainSheet('Order Lines', grid(lines, LINE_COLS, EN))] }, specs: [null, 'order lines'], lines, notes: ['amount_computed_discount'] });

  lines = L(66, 11);
  add({
    file: 'named-range',
    book: { sheets: [NOTES_SHEET, { ...titledSheet('数据', lines, AMOUNT_COLS, null) }], names: [{ name: 'OrderData', ref: `'数据'!$B$3:$F$${3 + lines.length}` }] },
    specs: ['OrderData', 'orderdata', '数据'],
    lines,
    notes: [],
  });

  lines = L(55, 12);
  add({ file: 'hash-sheet', book: { sheets: [NOTES_SHEET, plainSheet('Q1#2024', grid(lines, AMOUNT_COLS))] }, specs: ['Q1#2024', 'q1#2024', null], lines, notes: [] });

  lines = L(48, 13);
  add({
    file: 'quoted-address',
    book: { sheets: [NOTES_SHEET, titledSheet('Q1 2024', lines, AMOUNT_COLS, null)] },
    specs: [`'Q1 2024'!${refOf(1, 3, lines.length + 1, AMOUNT_COLS.length)}`, `'q1 2024'!B3:F${3 + lines.length}`, 'Q1 2024'],
    lines,
    notes: [],
  });
  return out;
}

/** Files whose reading must stop, or leave lines out, with a message. */
function refusals(writer: 'exceljs' | 'openpyxl', p: string, seed: number): Entry[] {
  const lines = makeLines(seed + 20, 40, 12, false).map((l, i) => ({ ...l, discount: i % 2 ? 0.9 : 0.85 }));
  const textRate = makeLines(seed + 21, 40, 12);
  const rows = grid(textRate, LINE_COLS);
  const uncounted = [3, 11, 25];
  for (const i of uncounted) rows[i + 1][6] = i === 3 ? '9折' : i === 11 ? '90%' : '8.5 折';
  const several = makeLines(seed + 22, 50, 10);
  const renamed = several.findIndex((l, i) => i > 0 && several.findIndex((x) => x.customer === l.customer) < i);
  const named = several.map((l, i) => (i === renamed ? { ...l, name: `${l.name}（新）` } : l));
  return [
    { writer, file: `${p}-discount-rates.xlsx`, book: { sheets: [plainSheet('订单', grid(lines, LINE_COLS))] }, specs: [null], lines, notes: [], error: 'discount_is_rate' },
    { writer, file: `${p}-discount-text-rates.xlsx`, book: { sheets: [plainSheet('订单', rows)] }, specs: [null], lines: textRate, uncounted, notes: ['amount_computed_discount'], issues: ['discount_rate'] },
    // The first name seen per customer is kept; the renamed line still counts.
    { writer, file: `${p}-names-several.xlsx`, book: { sheets: [plainSheet('订单', grid(named, LINE_COLS))] }, specs: [null], lines: named, notes: ['names_from_orders', 'names_several'] },
  ];
}

/**
 * The issue's workbook: written by openpyxl, a notes sheet first, then 订单 with a title row and
 * the table tbl_orders at B3:G403 (400 lines of 客户编号, 客户名称, 下单时间, 商品数量, 单价, 折扣金额;
 * no order number, so every line is an order).
 */
export function issueBook(): Entry {
  const lines = makeLines(7, 400, 40, true, 1);
  const cols: Col[] = ['customer', 'name', 'date', 'qty', 'price', 'discount'];
  return {
    writer: 'openpyxl',
    file: 'p-issue-book.xlsx',
    book: { sheets: [NOTES_SHEET, titledSheet('订单', lines, cols, 'tbl_orders')] },
    specs: ['tbl_orders', '订单!B3:G403', '订单', null],
    lines,
    notes: ['amount_computed_discount', 'names_from_orders'],
  };
}

export function corpus(): Entry[] {
  const xl = [...entries('exceljs', 'x', 100), ...refusals('exceljs', 'x', 100)];
  const py = [...entries('openpyxl', 'p', 200), ...refusals('openpyxl', 'p', 200), issueBook()];
  // LibreOffice re-saves of two openpyxl files (its own styles, shared strings, no tables kept as written).
  const lo: Entry[] = ['p-notes-first-table-b3.xlsx', 'p-plain-totals.xlsx', 'p-merged.xlsx'].map((from) => {
    const e = py.find((x) => x.file === from)!;
    return { ...e, writer: 'libreoffice', from, file: `lo-${from.slice(2)}`, specs: e.specs.filter((s) => s !== 'tbl_orders') };
  });
  return [...xl, ...py, ...lo];
}

/** Per customer: revenue, distinct orders, name (first seen) and last order date, from the counted lines. */
export function expected(e: Entry): Map<string, { revenue: number; orders: number; name: string; last: string }> {
  const skip = new Set(e.uncounted ?? []);
  const out = new Map<string, { revenue: number; orders: Set<string>; name: string; last: string }>();
  e.lines.forEach((l, i) => {
    if (skip.has(i)) return;
    const c = out.get(l.customer) ?? { revenue: 0, orders: new Set<string>(), name: l.name, last: l.date };
    c.revenue += lineAmount(l);
    c.orders.add(l.orderId);
    if (l.date > c.last) c.last = l.date;
    out.set(l.customer, c);
  });
  return new Map([...out].map(([k, v]) => [k, { revenue: v.revenue, orders: v.orders.size, name: v.name, last: v.last }]));
}
