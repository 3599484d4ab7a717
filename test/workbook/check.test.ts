// "Check this workbook" on both adapters: what a refresh and a remove would touch, what they
// would leave alone and why, what blocks a refresh, and never a single write.
import { fixtureConfig, portSnapshot, type FixtureName } from './contract';
import { officeFixture, xlsxFixture } from './ports';
import { checkWorkbook, checkReportLines } from '../../src/workbook/check';
import { refreshWorkbook } from '../../src/workbook/run';
import { REGISTRY_KEY, saveConfig } from '../../src/workbook/state';
import type { Registry } from '../../src/output/registry';
import type { WorkbookPort } from '../../src/workbook/port';

const adapters: [string, (f: FixtureName) => Promise<WorkbookPort>][] = [
  ['xlsx', (f) => xlsxFixture(f)],
  ['office', async (f) => officeFixture(f).port],
];

/** The port as the check sees it: any write, of cells or settings, fails the test. */
function readOnly(port: WorkbookPort): WorkbookPort {
  const wrapped = Object.create(port) as WorkbookPort;
  wrapped.write = () => Promise.reject(new Error('the check wrote cells'));
  wrapped.setSetting = () => Promise.reject(new Error('the check wrote a setting'));
  return wrapped;
}

describe.each(adapters)('%s adapter: check this workbook', (_, make) => {
  it('a freshly tiered workbook: all proven, the refresh replaces exactly our items, remove deletes exactly them', async () => {
    const port = await make('plain-customers');
    const first = await refreshWorkbook(port, { config: fixtureConfig('plain-customers') });
    const before = await portSnapshot(port);
    const report = await checkWorkbook(readOnly(port), { locale: 'zh-CN' });
    expect(report.ok).toBe(true);
    const ours = first.registry.sheets.map((s) => s.name).sort();
    expect(report.refresh.filter((e) => e.action === 'replaceSheet').map((e) => e.sheet).sort()).toEqual(ours);
    expect(report.refresh.filter((e) => e.action === 'rewriteColumns').map((e) => e.where)).toEqual([expect.stringMatching(/^客户!F1:[A-Z]+151$/)]);
    expect(report.remove.filter((e) => e.action === 'deleteSheet').map((e) => e.sheet).sort()).toEqual(ours);
    expect(report.remove.map((e) => e.sheet)).not.toContain('订单');
    expect(report.remove.find((e) => e.sheet === first.sheets.summary)!.text).toContain('5 个图表'); // 3 + the preferences section's channels and weekdays
    expect(checkReportLines(report).at(-1)).toContain('一切正常');
    expect(await portSnapshot(port)).toEqual(before);
  });

  it('edited, forged and blocked items are each listed, in either language, and nothing is written', async () => {
    const port = await make('plain-customers');
    const first = await refreshWorkbook(port, { config: fixtureConfig('plain-customers') });
    const group = first.sheets['group:abc:A'];
    await port.write([{ op: 'values', sheet: group, row: 0, col: 12, values: [['我的备注']] }]);
    const reg = JSON.parse((await port.getSetting(REGISTRY_KEY))!) as Registry;
    await port.setSetting(REGISTRY_KEY, JSON.stringify({ ...reg, charts: [...reg.charts, { name: 'x', sheet: '订单' }, { name: 'y' }] }));
    const before = await portSnapshot(port);
    const report = await checkWorkbook(readOnly(port), { locale: 'en-US' });
    expect(report.ok).toBe(false);
    expect(report.edited.map((p) => p.item)).toEqual([{ kind: 'sheet', name: group }]);
    expect(report.unproven.map((p) => p.code).sort()).toEqual(['chartNotOurs', 'registryEntryInvalid']);
    expect(report.remove.map((e) => e.sheet)).not.toContain(group);
    expect(report.refresh.map((e) => e.sheet)).not.toContain(group);
    const lines = checkReportLines(report).join('\n');
    expect(lines).toContain(`Sheet "${group}"`);
    expect(lines).toContain('"订单"');
    expect(lines).toContain(`charts.${reg.charts.length + 1}`);
    const zh = checkReportLines(await checkWorkbook(readOnly(port), { locale: 'zh-CN' })).join('\n');
    expect(zh).toContain(`工作表“${group}”`);
    expect(zh).toContain('3 项需要注意');
    expect(await portSnapshot(port)).toEqual(before);
  });

  it('notes where the tier block would go: the check shows the block right of them, and writes nothing', async () => {
    const port = await make('plain-customers');
    const base = fixtureConfig('plain-customers');
    await saveConfig(port, { ...base, sources: { ...base.sources, customers: { kind: 'sheet', sheet: '客户', address: 'A1:E151' } } });
    await port.write([{ op: 'values', sheet: '客户', row: 0, col: 6, values: [['跟进备注'], ['周一回电']] }]);
    const before = await portSnapshot(port);
    const report = await checkWorkbook(readOnly(port), { locale: 'en-US' });
    expect(report.blocked).toEqual([]);
    // G holds the notes: the block goes to H, where the refresh would write it.
    expect(report.refresh.find((e) => e.action === 'writeColumns')!.where).toMatch(/^客户!H1:/);
    expect(report.remove).toEqual([]);
    expect(await portSnapshot(port)).toEqual(before);
  });

  it('a workbook without a config: the refresh cannot run, and the check says so', async () => {
    const port = await make('orders-only');
    const report = await checkWorkbook(readOnly(port), { locale: 'en-US' });
    expect(report.ok).toBe(false);
    expect(report.blocked).toEqual([expect.stringContaining('no stored Customer Tiers configuration')]);
  });
});
