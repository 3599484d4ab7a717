/** @jest-environment jsdom */
// Components that get their data as props (no port, no engine), and the controller that
// feeds them: the workbook's lists for DataStep.
import './shims';
import '@testing-library/jest-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataStep, type DataStepProps } from '../../src/taskpane/components/DataStep';
import { demoPort, renderPane, testHost } from './support';

const noop = () => {};

function dataProps(over: Partial<DataStepProps> = {}): DataStepProps {
  return {
    sheets: [
      { name: 'Orders', visible: true },
      { name: 'Leads 2025', visible: true },
    ],
    tables: [{ name: 'SalesTable', sheet: 'Orders', address: 'A1:C9', headers: ['id', 'date', 'amount'] }],
    listFailed: false,
    sources: {},
    refs: {},
    errors: {},
    mapping: { customers: {}, orders: {} },
    corrected: { customers: {}, orders: {} },
    issues: null,
    busy: false,
    onReloadList: noop,
    onPick: noop,
    onUseSelection: noop,
    onClear: noop,
    onMap: noop,
    onSelectCell: noop,
    ...over,
  };
}

describe('DataStep from props', () => {
  test('offers the sheets and tables it is given; Reload asks for them again', async () => {
    const user = userEvent.setup({ delay: null });
    const onReloadList = jest.fn();
    const onPick = jest.fn();
    render(<DataStep {...dataProps({ onReloadList, onPick })} />);
    const customers = screen.getByRole('region', { name: 'Customers' });
    await user.click(within(customers).getByRole('combobox', { name: 'Table or sheet' }));
    expect(screen.getByRole('option', { name: 'SalesTable' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Leads 2025' })).toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'Leads 2025' }));
    expect(onPick).toHaveBeenCalledWith('customers', { kind: 'sheet', sheet: 'Leads 2025' });
    await user.click(screen.getByRole('button', { name: 'Reload the list of tables and sheets' }));
    expect(onReloadList).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/could not be read/)).not.toBeInTheDocument();
  });

  test('a failed listing is said, in the language shown', () => {
    render(<DataStep {...dataProps({ listFailed: true, sheets: [], tables: [] })} />);
    expect(screen.getByText(/The list of tables and sheets could not be read/)).toBeInTheDocument();
  });
});

describe('the controller lists the workbook', () => {
  test('when the data step is shown again, so a sheet added meanwhile is offered', async () => {
    const port = demoPort();
    const listSheets = jest.spyOn(port, 'listSheets');
    const { host } = testHost(port);
    const user = userEvent.setup({ delay: null });
    renderPane(host);
    await waitFor(() => expect(listSheets).toHaveBeenCalledTimes(1));
    listSheets.mockResolvedValue([
      { name: 'Orders', visible: true },
      { name: 'March', visible: true },
    ]);
    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    await user.click(screen.getByRole('tab', { name: 'Data' }));
    await waitFor(() => expect(listSheets).toHaveBeenCalledTimes(2));
    await user.click(within(screen.getByRole('region', { name: 'Orders' })).getByRole('combobox', { name: 'Table or sheet' }));
    expect(await screen.findByRole('option', { name: 'March' })).toBeInTheDocument();
  });
});
