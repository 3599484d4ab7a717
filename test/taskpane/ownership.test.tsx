/** @jest-environment jsdom */
// The pane over the real Office adapter and the strict fake Excel, with the real workbook/run:
// "Check this workbook" lists what a refresh and a remove would touch without writing, and a
// refresh over edited output asks first (keep aside / replace / cancel), by keyboard.
import './shims';
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { defaultConfig } from '../../src/config';
import type { Registry } from '../../src/output/registry';
import { officeHost } from '../../src/taskpane/officeHost';
import { refreshWorkbook } from '../../src/workbook/run';
import { REGISTRY_KEY } from '../../src/workbook/state';
import { snapshotWorkbook } from '../support/fake-excel';
import { demoPort, renderPane, testHost, type PanePort, paneUser } from './support';

const NOTE = 'visit next week';

/** The demo orders tiered once (English), a note typed on the ABC-A sheet, a chart entry naming the orders sheet. */
async function editedWorkbook(): Promise<{ port: PanePort; group: string }> {
  const port = demoPort();
  const config = defaultConfig({ locale: 'en-US', sources: { orders: { kind: 'table', table: 'OrdersTable' } }, columns: { orders: { amount: 'revenue' } } });
  const first = await refreshWorkbook(port, { config });
  const group = first.sheets['group:abc:A'];
  await port.write([{ op: 'values', sheet: group, row: 0, col: 12, values: [[NOTE]] }]);
  const reg = JSON.parse((await port.getSetting(REGISTRY_KEY))!) as Registry;
  await port.setSetting(REGISTRY_KEY, JSON.stringify({ ...reg, charts: [...reg.charts, { name: 'ct_pareto', sheet: 'Orders' }] }));
  return { port, group };
}

function paneOver(port: PanePort) {
  const { host } = testHost(port);
  // The real host: write, refresh, remove and check go through workbook/run over the port.
  return officeHost({ port, classify: host.classify, previewRules: host.previewRules, displayLanguage: 'en-US', theme: 'dark' });
}

describe('ownership in the pane', () => {
  test('Check this workbook lists edited and unproven items and what a refresh and a remove would do; nothing is written', async () => {
    const { port, group } = await editedWorkbook();
    const before = snapshotWorkbook(port.fake.workbook);
    const user = paneUser();
    renderPane(paneOver(port));
    await user.click(screen.getByRole('tab', { name: 'Results' }));
    await user.click(screen.getByRole('button', { name: 'Check this workbook' }));
    await screen.findByText('Check finished.', undefined, { timeout: 60_000 });
    const report = screen.getByRole('region', { name: 'Check of this workbook' });
    expect(within(report).getByText('2 items need attention; nothing was changed.')).toBeInTheDocument();
    const edited = within(report).getByRole('list', { name: /^Edited since/ });
    expect(within(edited).getByText(new RegExp(`^Sheet "${group}" was created by Customer Tiers`))).toBeInTheDocument();
    const unproven = within(report).getByRole('list', { name: /^Left alone/ });
    expect(within(unproven).getByText(/Chart "ct_pareto" is listed on sheet "Orders"/)).toBeInTheDocument();
    const remove = within(report).getByRole('list', { name: 'Remove results would:' });
    expect(within(remove).queryByText(new RegExp(`"${group}"`))).not.toBeInTheDocument();
    expect(within(remove).getAllByRole('listitem').length).toBeGreaterThan(3);
    expect(snapshotWorkbook(port.fake.workbook)).toEqual(before);
    // Switching language drops the English report; checking again reports in Chinese.
    await user.click(screen.getByRole('button', { name: /^Switch the language/ }));
    expect(screen.queryByRole('region', { name: 'Check of this workbook' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '检查此工作簿' }));
    const zh = await screen.findByRole('region', { name: '工作簿检查结果' }, { timeout: 60_000 });
    expect(within(zh).getByText(new RegExp(`^工作表“${group}”由 Customer Tiers 创建`))).toBeInTheDocument();
  }, 180_000);

  test('Refresh over an edited group sheet asks first: Escape cancels with nothing written, Keep them aside keeps it', async () => {
    const { port, group } = await editedWorkbook();
    const before = snapshotWorkbook(port.fake.workbook);
    const user = paneUser();
    renderPane(paneOver(port));
    await user.click(screen.getByRole('tab', { name: 'Results' }));
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'You edited Customer Tiers output' }, { timeout: 60_000 });
    expect(within(dialog).getByText(`sheet "${group}"`)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(await screen.findByText('The refresh was cancelled. Nothing was changed.')).toBeInTheDocument();
    expect(snapshotWorkbook(port.fake.workbook)).toEqual(before);

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const again = await screen.findByRole('alertdialog', { hidden: true }, { timeout: 60_000 });
    // Focus starts inside the dialog; the safe answer is first: Enter on it keeps the edits.
    const keep = within(again).getByRole('button', { name: 'Keep them aside', hidden: true });
    keep.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/^Refreshed/, undefined, { timeout: 60_000 })).toBeInTheDocument();
    expect(screen.getByText(new RegExp(`Kept your edited sheet "${group}"`))).toBeInTheDocument();
    expect(port.sheets[group][0][12]).toBe(NOTE);
    expect(Object.keys(port.sheets).filter((n) => n.startsWith(group.slice(0, 5)))).toHaveLength(2);
  }, 180_000);

  test('Remove results leaves the edited sheet and the orders sheet the forged chart entry names, and says why', async () => {
    const { port, group } = await editedWorkbook();
    const orders = port.sheets.Orders.map((r) => [...r]);
    const user = paneUser();
    renderPane(paneOver(port));
    await user.click(screen.getByRole('tab', { name: 'Results' }));
    await user.click(screen.getByRole('button', { name: 'Remove results' }));
    // The dialog may still be "entering" in jsdom (no animation events), hence hidden: true.
    await user.click(within(await screen.findByRole('alertdialog', { hidden: true })).getByRole('button', { name: 'Remove', hidden: true }));
    expect(await screen.findByText(/^Removed \d+ objects/, undefined, { timeout: 60_000 })).toBeInTheDocument();
    expect(screen.getByText(new RegExp(`Left your edited sheet "${group}" as it is`))).toBeInTheDocument();
    expect(screen.getByText(/Chart "ct_pareto" is listed on sheet "Orders"/)).toBeInTheDocument();
    expect(Object.keys(port.sheets).sort()).toEqual([group, 'Notes', 'Orders'].sort());
    expect(port.sheets.Orders).toEqual(orders);
    expect(port.sheets[group][0][12]).toBe(NOTE);
  }, 180_000);
});
