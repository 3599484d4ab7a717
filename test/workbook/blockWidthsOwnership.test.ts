// The widths a tier block gave its table columns are undone on removal by position: only while
// those columns still stand side by side. A column the user put between them is not ours, even
// at a width equal to ours.
import { blockHash } from '../../src/output/proof';
import { emptyRegistry, type Registry } from '../../src/output/registry';
import { verifyRegistry } from '../../src/workbook/state';
import type { WorkbookPort } from '../../src/workbook/port';

function portWith(headers: string[], rows: (string | number)[][]): WorkbookPort {
  return {
    listSheets: async () => [{ name: '客户', visible: true }],
    listTables: async () => [{ name: '客户表', sheet: '客户', address: 'A1:F3', headers }],
    read: async () => ({ sheet: '客户', row: 0, col: 0, values: [headers, ...rows] }),
    listCharts: async () => [],
  } as unknown as WorkbookPort;
}

const ours = ['ABC 分级', 'ABC 应对措施'];
const block = [ours, ['A', '专属客户经理'], ['B', '定期回访']];
const registry: Registry = {
  ...emptyRegistry('ct-test'),
  columns: [{ sheet: '客户', table: '客户表', row: 0, col: 3, rows: 2, headers: ours, hash: blockHash(block), widths: [12, 30] }],
};

test('our columns side by side (moved right by a user column before them): verified with their widths, at where they stand', async () => {
  const port = portWith(['客户ID', '备注', '地区', ...ours], [['c1', 'x', '华东', 'A', '专属客户经理'], ['c2', 'y', '华北', 'B', '定期回访']]);
  const own = await verifyRegistry(port, registry, 'zh-CN');
  expect(own.verified.columns.map((c) => [c.col, c.widths])).toEqual([[3, [12, 30]]]);
});

test('a user column between ours: still ours by the hash, but no width of that range is undone', async () => {
  const port = portWith(['客户ID', '地区', 'ABC 分级', '我的备注', 'ABC 应对措施'], [['c1', '华东', 'A', '改天再联系', '专属客户经理'], ['c2', '华北', 'B', '', '定期回访']]);
  const own = await verifyRegistry(port, registry, 'zh-CN');
  expect(own.verified.columns).toHaveLength(1);
  expect(own.verified.columns[0].widths).toBeUndefined();
});
