// A campaign list (or the customer facts table) as a new .xlsx: one sheet, an Excel table
// (filter buttons), widths to fit. Cells are written as text or numbers, never as formulas
// (the port's rule), so no guard is needed.
import type { CellValue } from '../output/ops';
import { cellWidth } from '../output/widths';
import { cleanOps } from '../output/cells';
import { XlsxPort } from '../workbook/ooxml/port';
import type { WriteOp } from '../workbook/port';

export async function writeCampaignXlsx(list: { headers: string[]; rows: CellValue[][] }, file: string, sheet: string, table = 'Campaign'): Promise<void> {
  const port = await XlsxPort.create();
  const values = [list.headers, ...list.rows];
  const widths = list.headers.map((_, j) => Math.min(50, Math.max(10, ...values.slice(0, 500).map((r) => cellWidth(r[j]) + 2))));
  const ops: WriteOp[] = [
    { op: 'addSheet', name: sheet },
    { op: 'values', sheet, row: 0, col: 0, values },
    ...(list.rows.length ? [{ op: 'addTable', sheet, row: 0, col: 0, rows: values.length, cols: list.headers.length, name: table, style: 'TableStyleMedium2' } as WriteOp] : []),
    ...widths.map((width, col): WriteOp => ({ op: 'columnWidth', sheet, col, cols: 1, width })),
    { op: 'freeze', sheet, rows: 1, cols: 0 },
  ];
  await port.write(cleanOps(ops));
  await port.save(file);
}
