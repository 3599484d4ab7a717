/** @jest-environment jsdom */
import './shims';
import '@testing-library/jest-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { defaultConfig } from '../../src/config';
import { csvGrid, demoPort, renderPane, testHost, paneUser, type PaneUser, loadSheet } from './support';

/** Revenue per customer straight from the CSV (independent of the engine). */
function revenueByCustomer(): Map<string, number> {
  const grid = csvGrid('rfm_rsquaredacademy_orders.csv');
  const m = new Map<string, number>();
  for (const row of grid.slice(1)) m.set(String(row[0]), (m.get(String(row[0])) ?? 0) + Number(row[2]));
  return m;
}

async function loadOrdersAndRun(user: PaneUser) {
  await loadSheet(user, 'Orders', 'Orders', { shown: /^Orders!A1:F4907/ });
  await user.click(screen.getByRole('button', { name: 'Run' }));
  await screen.findByText(/^Classified [\d,]+ customers as of/);
}

describe('methods step', () => {
  test('switching methods and parameters edits the config the engine gets', async () => {
    const port = demoPort();
    // Only the config matters here: the engine call never returns (CLV on 2,357 customers is slow in jsdom).
    const { host, log } = testHost(port, { classify: () => new Promise(() => {}) });
    const user = paneUser();
    renderPane(host, defaultConfig());
    await loadSheet(user, 'Orders', 'Orders', { shown: /^Orders!A1:F4907/ });

    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    // ABC is open by default; switch the activity method off and CLV on.
    await user.click(screen.getByRole('button', { name: /^Activity and churn/ }));
    await user.click(screen.getByRole('switch', { name: 'Use Activity and churn' }));
    await user.click(screen.getByRole('button', { name: /^Lifetime value/ }));
    await user.click(screen.getByRole('switch', { name: 'Use Lifetime value' }));

    const cuts = screen.getByLabelText('Cut points');
    fireEvent.change(cuts, { target: { value: '0.5, 0.3' } });
    expect(screen.getByText('The values must increase.')).toBeInTheDocument();
    fireEvent.change(cuts, { target: { value: '0.1, 0.4' } });
    expect(screen.queryByText('The values must increase.')).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Class names'), { target: { value: 'Gold, Silver, Bronze' } });

    fireEvent.change(screen.getByLabelText('Analysis date'), { target: { value: '2006-12-31' } });

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(log.classified.length).toBe(1));
    const cfg = log.classified[0].config;
    expect(cfg.analysisDate).toBe('2006-12-31');
    expect(cfg.methods.abc).toMatchObject({ enabled: true, cuts: [0.1, 0.4], labels: ['Gold', 'Silver', 'Bronze'] });
    expect(cfg.methods.activity?.enabled).toBe(false);
    expect(cfg.methods.clv?.enabled).toBe(true);
  }, 180_000);

  test('CLV holdout and interval, and needs and habits, are set in the pane', async () => {
    const { host, log } = testHost(demoPort(), { classify: () => new Promise(() => {}) });
    const user = paneUser();
    renderPane(host, defaultConfig());
    await loadSheet(user, 'Orders', 'Orders', { shown: /^Orders!A1:F4907/ });
    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    await user.click(screen.getByRole('button', { name: /^Lifetime value/ }));
    await user.click(screen.getByRole('switch', { name: 'Use Lifetime value' }));
    fireEvent.change(screen.getByLabelText('Check the fit against orders up to'), { target: { value: '2007-06-30' } });
    await user.click(screen.getByRole('checkbox', { name: 'Show a range for each customer’s forecast' }));
    const level = screen.getByLabelText('Confidence of the range');
    await user.clear(level);
    await user.type(level, '0.8{Enter}');
    // The demo orders have no category or channel: the pane says so and the method is off.
    await user.click(screen.getByRole('button', { name: /^Needs and habits/ }));
    expect(screen.getByText(/no category, subcategory or channel column mapped/)).toBeInTheDocument();
    const pref = screen.getByRole('switch', { name: 'Use Needs and habits' });
    expect(pref).not.toBeChecked();
    await user.click(pref);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(log.classified.length).toBe(1));
    const cfg = log.classified[0].config;
    expect(cfg.methods.clv).toMatchObject({ enabled: true, holdout: { end: '2007-06-30' }, interval: { level: 0.8 } });
    expect(cfg.methods.preferences).toMatchObject({ enabled: true, level: 'category' });
  }, 180_000);

  test('an invalid combination blocks Run with the reason', async () => {
    const port = demoPort();
    const { host } = testHost(port);
    const user = paneUser();
    renderPane(host);
    await loadSheet(user, 'Orders', 'Orders', { shown: /^Orders!A1:F4907/ });
    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    await user.click(screen.getByRole('button', { name: /^Activity and churn/ }));
    fireEvent.change(screen.getByLabelText('Silent within (days)'), { target: { value: '30' } }); // not above the 90 active days
    expect(screen.getByText(/silentDays must be greater than activeDays/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByText('1 settings need fixing (see Methods).')).toBeInTheDocument();
  }, 180_000);

  test('the RFM segment table is an editable grid that reaches the config', async () => {
    const port = demoPort();
    const { host, log } = testHost(port, { classify: () => new Promise(() => {}) });
    const user = paneUser();
    renderPane(host);
    await loadSheet(user, 'Orders', 'Orders', { shown: /^Orders!A1:F4907/ });
    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    await user.click(screen.getByRole('button', { name: /^RFM segments/ }));
    await user.click(screen.getByRole('button', { name: 'Edit the segment table' }));
    const grid = screen.getByRole('table', { name: 'RFM segment table' });
    const rows = within(grid).getAllByRole('row');
    expect(rows.length).toBe(11); // header + the rfm package's ten segments
    const champR = within(grid).getByLabelText('R score range of Champions');
    expect(champR).toHaveValue('4-5');
    await user.clear(champR);
    await user.type(champR, '5');
    // Arrow down moves to the same column of the next row.
    await user.keyboard('{ArrowDown}');
    expect(within(grid).getByLabelText('R score range of Loyal Customers')).toHaveFocus();
    await user.click(within(grid).getByLabelText('Actions for Lost'));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete Lost' }));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(log.classified.length).toBe(1));
    const segs = log.classified[0].config.methods.rfm!.segments!;
    expect(segs[0]).toEqual({ name: 'Champions', r: [5, 5], f: [4, 5], m: [4, 5] });
    expect(segs.map((s) => s.name)).not.toContain('Lost');
    expect(segs.length).toBe(9);
  }, 180_000);

  test('rules are checked as typed (error at its position) and counted on the last result', async () => {
    const port = demoPort();
    const { host } = testHost(port);
    const user = paneUser();
    renderPane(host);
    await loadOrdersAndRun(user);
    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    await user.click(screen.getByRole('button', { name: /^Custom rules/ }));
    await user.click(screen.getByRole('button', { name: 'Add rule set' }));
    const when = screen.getByLabelText('Rule 1: condition');

    // A misspelt column: the message names the position and suggests the column.
    fireEvent.change(when, { target: { value: 'revenu > 500' } });
    const alert = await screen.findByText(/line 1, column 1/);
    expect(alert).toHaveTextContent(/revenue/);
    expect(when).toHaveAttribute('aria-invalid', 'true');
    expect(document.querySelector('mark')?.textContent).toBe('revenu');

    fireEvent.change(when, { target: { value: 'revenue > 500' } });
    const rev = revenueByCustomer();
    const expected = [...rev.values()].filter((v) => v > 500).length;
    expect(await screen.findByText(`Gives this tier to ${expected} of ${rev.size} customers (${expected} if it were first).`)).toBeInTheDocument();
    expect(screen.getByText(`${rev.size - expected} of ${rev.size} customers match no rule and get "Standard".`)).toBeInTheDocument();

    fireEvent.change(when, { target: { value: 'revenue > 1e12' } });
    expect(await screen.findByText('Matches no customer: check the condition.')).toBeInTheDocument();
  }, 180_000);
});
