/** @jest-environment jsdom */
import './shims';
import '@testing-library/jest-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { defaultConfig } from '../../src/config';
import { classify } from '../../src/engine/classify';
import type { ClassificationResult, InputTables, ProgressFn } from '../../src/engine/types';
import { CancelledError } from '../../src/workbook/port';
import { CONFIG_KEY, csvGrid, demoPort, renderPane, testHost, paneUser, type PaneUser, loadSheet } from './support';

async function loadOrders(user: PaneUser) {
  await loadSheet(user, 'Orders', 'Orders', { shown: /^Orders!A1:F4907/ });
}

describe('run and results', () => {
  test('progress shows the stage; Cancel stops the run and says so; the next run completes', async () => {
    const port = demoPort();
    let release: ((r: ClassificationResult) => void) | null = null;
    let calls = 0;
    const { host } = testHost(port, {
      // The first run reports a stage and then waits until it is cancelled; the second runs the engine.
      classify: (tables: InputTables, config, onProgress: ProgressFn, signal: AbortSignal) => {
        calls++;
        if (calls === 1) {
          onProgress({ stage: 'metrics', done: 0, total: 1 });
          return new Promise((resolve, reject) => {
            release = resolve;
            signal.addEventListener('abort', () => reject(new CancelledError()));
          });
        }
        return Promise.resolve(classify(tables, config, onProgress));
      },
    });
    const user = paneUser();
    renderPane(host);
    await loadOrders(user);
    const run = screen.getByRole('button', { name: 'Run' });
    await user.click(run);
    expect(await screen.findByText(/The run · Classifying… \(customer metrics\)/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress' })).toBeInTheDocument();
    // Focus stays where it was: the Run button remains (disabled but focusable).
    expect(run).toHaveFocus();
    expect(run).toHaveAttribute('aria-disabled', 'true');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('The run was cancelled. Nothing was changed.')).toBeInTheDocument();
    expect(release).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/^Classified [\d,]+ customers as of/);
    expect(calls).toBe(2);
  }, 180_000);

  test('results show each method with counts and shares that add up; Write passes the chosen outputs', async () => {
    const port = demoPort();
    const { host, log } = testHost(port);
    const user = paneUser();
    renderPane(host, defaultConfig());
    await loadOrders(user);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/^Classified [\d,]+ customers as of/);
    await user.click(screen.getByRole('button', { name: 'Show results' }));

    // Independent count of customers in the CSV.
    const ids = new Set(csvGrid('rfm_rsquaredacademy_orders.csv').slice(1).map((r) => String(r[0])));
    const abcTable = screen.getByRole('table', { name: 'Tiers of ABC' });
    const rows = within(abcTable).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['A', 'B', 'C']);
    const counts = rows.map((r) => Number(within(r).getAllByRole('cell')[1].textContent!.replace(/,/g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ids.size);
    // Default ABC cut at 20 % of customers by rank: A holds 20 % of them, give or take one (ties/rounding).
    expect(Math.abs(counts[0] - 0.2 * ids.size)).toBeLessThanOrEqual(1);
    expect(screen.getByRole('table', { name: 'Tiers of RFM segment' })).toBeInTheDocument();
    expect(screen.getAllByText('No earlier run to compare with yet.').length).toBe(2); // ABC and RFM are open

    // Outputs: group sheets for RFM too, no history.
    await user.click(screen.getByRole('checkbox', { name: 'RFM segment' }));
    await user.click(screen.getByRole('checkbox', { name: 'History (for migration next time)' }));
    await user.click(screen.getByRole('button', { name: 'Write to workbook' }));
    await screen.findByText(/^Wrote tiers for [\d,]+ customers/);
    expect(log.written.length).toBe(1);
    expect(log.written[0].config.output).toMatchObject({ history: false, groupSheets: ['abc', 'rfm_segment'] });
    expect(JSON.parse(port.settings.get(CONFIG_KEY)!).sources.orders).toEqual({ kind: 'sheet', sheet: 'Orders' });
  }, 180_000);

  test('a second run with another analysis date shows the migration between the two', async () => {
    const port = demoPort();
    const { host } = testHost(port);
    const user = paneUser();
    renderPane(host, defaultConfig({ analysisDate: '2006-06-30' }));
    await loadOrders(user);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/^Classified [\d,]+ customers as of 2006-06-30/);
    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    fireEvent.change(screen.getByLabelText('Analysis date'), { target: { value: '2006-12-31' } });
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/^Classified [\d,]+ customers as of 2006-12-31/);
    await user.click(screen.getByRole('tab', { name: 'Results' }));
    // The results' own fold comes first; the playbook editor further down has an "Activity" fold too.
    await user.click(screen.getAllByRole('button', { name: 'Activity' })[0]);
    const mig = await screen.findByRole('table', { name: 'Migration of Activity: rows before, columns now' });
    const cells = within(mig)
      .getAllByRole('cell')
      .map((c) => Number(c.textContent!.replace(/,/g, '')));
    // Both runs classify every customer of the file (those with no order yet by the first date as
    // "potential"), so each customer is counted exactly once in the matrix.
    const grid = csvGrid('rfm_rsquaredacademy_orders.csv').slice(1);
    const all = new Set(grid.map((r) => String(r[0])));
    expect(cells.reduce((a, b) => a + b, 0)).toBe(all.size);
    // Customers whose first order came after 2006-06-30 started as potential customers.
    const firstOrder = new Map<string, string>();
    for (const r of grid) if (!firstOrder.has(String(r[0])) || String(r[1]) < firstOrder.get(String(r[0]))!) firstOrder.set(String(r[0]), String(r[1]));
    const later = [...firstOrder.values()].filter((d) => d > '2006-06-30').length;
    const rows = within(mig).getAllByRole('row').slice(1);
    const potential = rows.find((r) => within(r).getByRole('rowheader').textContent === 'Potential');
    const potentialCount = potential ? within(potential).getAllByRole('cell').reduce((a, c) => a + Number(c.textContent!.replace(/,/g, '')), 0) : 0;
    expect(potentialCount).toBe(later);
  }, 180_000);

  test('Remove asks first; Keep does nothing, Remove removes; Refresh calls the host', async () => {
    const port = demoPort();
    const { host, log } = testHost(port);
    const user = paneUser();
    renderPane(host);
    await user.click(screen.getByRole('tab', { name: 'Results' }));
    await user.click(screen.getByRole('button', { name: 'Remove results' }));
    // The dialog may still be "entering" in jsdom (no animation events; slower under load), hence hidden: true.
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove the results?', hidden: true });
    await user.click(within(dialog).getByRole('button', { name: 'Keep them', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(log.removed).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Remove results' }));
    // The reopened dialog is still "entering" in jsdom (no animation events), hence hidden: true.
    await user.click(within(await screen.findByRole('alertdialog', { hidden: true })).getByRole('button', { name: 'Remove', hidden: true }));
    expect(await screen.findByText('Removed 3 objects Customer Tiers had created.')).toBeInTheDocument();
    expect(log.removed).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText(/^Refreshed 0 customers/)).toBeInTheDocument();
    expect(log.refreshed).toBe(1);
  }, 180_000);

  test('the pane opens in Chinese from the display language, switches to English, and loads the saved config', async () => {
    const port = demoPort();
    const saved = defaultConfig({ sources: { orders: { kind: 'table', table: 'OrdersTable' } }, columns: { orders: { amount: 'revenue' } } });
    port.settings.set(CONFIG_KEY, JSON.stringify(saved));
    const { host } = testHost(port, { displayLanguage: 'zh-CN' });
    const user = paneUser();
    renderPane(host);
    expect(screen.getByRole('tab', { name: '数据' })).toBeInTheDocument();
    expect(await screen.findByText('已载入本工作簿中保存的设置。')).toBeInTheDocument();
    const orders = screen.getByRole('region', { name: '订单' });
    expect(await within(orders).findByText(/^OrdersTable \(Orders!A1:F4907\)：4,906 行/)).toBeInTheDocument();
    await act(async () => {
      await user.click(screen.getByRole('button', { name: /Switch the language to English/ }));
    });
    expect(screen.getByRole('tab', { name: 'Data' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en-US');
    expect(within(orders).getAllByText('Changed by you').length).toBe(1);
  }, 180_000);
});
