// Test helpers for the history sheet: the grid a plan's ops leave on a sheet, a user sorting one
// of its Excel tables, and the first version's long layout (what older workbooks hold).
import type { Snapshot } from '../../src/engine/history';
import type { CellValue, PlanOp } from '../../src/output/ops';

type TableOp = Extract<PlanOp, { op: 'addTable' }>;

/** The cells a sheet ends up with, as a dense grid (later ops win). */
export function gridOf(ops: readonly PlanOp[], sheet: string): CellValue[][] {
  const grid: CellValue[][] = [];
  for (const o of ops) {
    if (o.op !== 'values' || o.sheet !== sheet) continue;
    o.values.forEach((row, i) => {
      const line = (grid[o.row + i] ??= []);
      row.forEach((v, j) => (line[o.col + j] = v));
    });
  }
  for (let r = 0; r < grid.length; r++) {
    grid[r] ??= [];
    for (let c = 0; c < grid[r].length; c++) if (grid[r][c] === undefined) grid[r][c] = null;
  }
  return grid;
}

export function tablesOf(ops: readonly PlanOp[], sheet: string): TableOp[] {
  return ops.filter((o): o is TableOp => o.op === 'addTable' && o.sheet === sheet);
}

/** What Excel's sort of a table does: its body rows reordered by `order`, nothing else moved. */
export function sortTable(grid: CellValue[][], table: TableOp, order: (a: CellValue[], b: CellValue[]) => number): CellValue[][] {
  const top = table.row + 1;
  const body = grid.slice(top, table.row + table.rows).map((r) => r.slice(table.col, table.col + table.cols));
  body.sort(order);
  return grid.map((line, r) => (r < top || r >= table.row + table.rows ? line : [...line.slice(0, table.col), ...body[r - top], ...line.slice(table.col + table.cols)]));
}

/** The first version's history sheet: title, marker, then one row per customer per date. */
export function legacyGrid(history: readonly Snapshot[]): (string | null)[][] {
  const methods: string[] = [];
  for (const s of history) for (const m of s.methods) if (!methods.includes(m)) methods.push(m);
  const grid: (string | null)[][] = [['Tier history (one snapshot per analysis date)'], ['Created by Customer Tiers · ct-legacy'], [], ['analysis_date', 'customer_id', ...methods]];
  for (const s of history) {
    const idx = methods.map((m) => s.methods.indexOf(m));
    for (const [id, tiers] of s.rows) grid.push([s.date, id, ...idx.map((i) => (i < 0 ? null : tiers[i]))]);
  }
  return grid;
}

/** The grid as a person sees it: rows the ops hide are blank. */
export function visibleGrid(ops: readonly PlanOp[], sheet: string): CellValue[][] {
  const hidden = new Set<number>();
  for (const o of ops) if (o.op === 'hideRows' && o.sheet === sheet) for (let r = o.row; r < o.row + o.rows; r++) hidden.add(r);
  return gridOf(ops, sheet).map((line, r) => (hidden.has(r) ? line.map(() => null) : line));
}

/**
 * The same history as the previous layout wrote it: no legend rows; the counts table's key row
 * ends with the code columns `method` and `tier`, and each of its rows with its two keys.
 */
export function asPreviousLayout(grid: readonly CellValue[][]): CellValue[][] {
  const legend = new Map(grid.filter((r) => r[0] === 'tier_legend').map((r) => [`${r[3]}\u0000${r[4]}`, [r[1], r[2]]]));
  const out = grid.filter((r) => r[0] !== 'tier_legend').map((r) => [...r]);
  const at = out.findIndex((r) => r[0] === 'tier_counts');
  const width = out[at].length;
  out[at][width] = 'method';
  out[at][width + 1] = 'tier';
  out[at + 1][width] = '方法代码';
  out[at + 1][width + 1] = '分级代码';
  for (let r = at + 2; r < out.length && out[r][0] !== null && out[r][0] !== undefined; r++) {
    const [m, k] = legend.get(`${out[r][0]}\u0000${out[r][1]}`)!;
    out[r][width] = m;
    out[r][width + 1] = k;
  }
  return out.map((line) => Array.from({ length: line.length }, (_, c) => line[c] ?? null));
}
