/** @jest-environment jsdom */
import './shims';
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { demoPort, renderPane, testHost, paneUser, type PaneUser } from './support';

async function chooseOption(user: PaneUser, combo: HTMLElement, name: string | RegExp) {
  await user.click(combo);
  await user.click(await screen.findByRole('option', { name }));
}

describe('data step', () => {
  test('choosing the order table shows the detected mapping and the first rows', async () => {
    const port = demoPort();
    const { host } = testHost(port);
    const user = paneUser();
    renderPane(host);
    const orders = screen.getByRole('region', { name: 'Orders' });
    await chooseOption(user, within(orders).getByRole('combobox', { name: 'Table or sheet' }), 'OrdersTable');

    // Detected from the real headers of the reference file: customer_id, order_date, revenue.
    expect(await within(orders).findByRole('combobox', { name: 'Customer id' })).toHaveTextContent('customer_id');
    expect(within(orders).getByRole('combobox', { name: 'Order date' })).toHaveTextContent('order_date');
    expect(within(orders).getByRole('combobox', { name: 'Amount' })).toHaveTextContent('revenue');
    expect(within(orders).getByText(`OrdersTable (Orders!A1:F${port.sheets.Orders.length}): ${(port.sheets.Orders.length - 1).toLocaleString('en-US')} rows, 6 columns.`)).toBeInTheDocument();

    // Preview: the first data row of the file, cell by cell.
    await user.click(within(orders).getByRole('button', { name: 'First rows' }));
    const preview = within(orders).getByRole('table', { name: 'Orders' });
    const firstRow = within(preview).getAllByRole('row')[1];
    expect(within(firstRow).getAllByRole('cell').map((c) => c.textContent)).toEqual(port.sheets.Orders[1].map((v) => String(v).slice(0, 24)));
  }, 180_000);

  test('a corrected mapping reaches the engine config, and the selection can be used', async () => {
    const port = demoPort();
    port.selection = { sheet: 'Orders', address: 'A1:C200' };
    const { host, log } = testHost(port);
    const user = paneUser();
    renderPane(host);
    const orders = screen.getByRole('region', { name: 'Orders' });
    await user.click(within(orders).getByRole('button', { name: 'Use selection' }));
    expect(await within(orders).findByText('Orders!A1:C200: 199 rows, 3 columns.')).toBeInTheDocument();
    expect(port.reads.at(-1)).toEqual({ kind: 'sheet', sheet: 'Orders', address: 'A1:C200' });

    // The customer id column is switched to... the same column, spelled as the user picks it; then amount
    // to a wrong column and back, leaving a correction recorded in the config.
    await chooseOption(user, within(orders).getByRole('combobox', { name: 'Amount' }), 'revenue');
    expect(within(orders).getAllByText('Changed by you').length).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(log.classified.length).toBe(1));
    expect(log.classified[0].config.columns.orders).toEqual({ amount: 'revenue' });
    expect(log.classified[0].config.sources.orders).toEqual({ kind: 'sheet', sheet: 'Orders', address: 'A1:C200' });
    expect(log.classified[0].tables.orders?.values.length).toBe(200);
  }, 180_000);

  test('a typed address that is not a range says so; a valid one loads', async () => {
    const port = demoPort();
    const { host } = testHost(port);
    const user = paneUser();
    renderPane(host);
    const orders = screen.getByRole('region', { name: 'Orders' });
    const input = within(orders).getByLabelText('Or type an address');
    await user.type(input, 'Orders!A1:ZZZZ9{Enter}');
    expect(within(orders).getByText(/is not a range address, sheet or table/)).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, "'Orders'!a1:f50{Enter}");
    expect(await within(orders).findByText('Orders!A1:F50: 49 rows, 6 columns.')).toBeInTheDocument();
  }, 180_000);

  test('an unreadable sheet gives a sentence, not an exception; Leave out clears the source', async () => {
    const port = demoPort();
    const { host } = testHost(port);
    const user = paneUser();
    renderPane(host);
    const orders = screen.getByRole('region', { name: 'Orders' });
    const input = within(orders).getByLabelText('Or type an address');
    await user.type(input, 'Missing!A1:B2{Enter}');
    expect(await within(orders).findByText('The workbook has no sheet named "Missing". It may have been renamed or deleted; check the data source.')).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, 'Orders!A1:C10{Enter}');
    await within(orders).findByText('Orders!A1:C10: 9 rows, 3 columns.');
    await user.click(within(orders).getByRole('button', { name: 'Leave out' }));
    expect(within(orders).getByText('No order range chosen.')).toBeInTheDocument();
    expect(screen.getByText('Choose a customer or order range first.')).toBeInTheDocument();
  }, 180_000);

  test('data issues are listed with their cells after a run, and a click selects the cell', async () => {
    const port = demoPort();
    // Two broken cells in the real data: an amount that is text and a date that is not a date.
    port.sheets.Orders[5][2] = 'n/a';
    port.sheets.Orders[9][1] = '2005-13-45';
    const { host } = testHost(port);
    const user = paneUser();
    renderPane(host);
    const orders = screen.getByRole('region', { name: 'Orders' });
    await chooseOption(user, within(orders).getByRole('combobox', { name: 'Table or sheet' }), 'Orders');
    await within(orders).findByRole('combobox', { name: 'Amount' });
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/^Classified [\d,]+ customers as of/);

    await user.click(within(orders).getByRole('button', { name: /^Data issues \(2\)$/ }));
    const amountLink = within(orders).getByRole('button', { name: /C6/ });
    const dateLink = within(orders).getByRole('button', { name: /B10/ });
    await user.click(amountLink);
    await user.click(dateLink);
    expect(port.selected).toEqual([
      { sheet: 'Orders', address: 'C6' },
      { sheet: 'Orders', address: 'B10' },
    ]);
  }, 180_000);
});
