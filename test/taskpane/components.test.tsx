/** @jest-environment jsdom */
// Components that get their data as props (no port, no engine), and the controller that
// feeds them: the workbook's lists for DataStep; a method panel's part of the config.
import './shims';
import '@testing-library/jest-dom';
import { Accordion } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AbcSchema } from '../../src/config';
import { DataStep, type DataStepProps } from '../../src/taskpane/components/DataStep';
import { AbcPanel } from '../../src/taskpane/components/methods/AbcPanel';
import { DimensionsPanel } from '../../src/taskpane/components/methods/DimensionsPanel';
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

describe('method panels from props', () => {
  test('ABC shows its settings and reports edits through its callbacks', async () => {
    const user = userEvent.setup({ delay: null });
    const onToggle = jest.fn();
    const onPatch = jest.fn();
    render(
      <Accordion openItems={['abc']}>
        <AbcPanel value={{ ...AbcSchema.parse({}), cuts: [0.2, 0.5] }} on onToggle={onToggle} onPatch={onPatch} />
      </Accordion>,
    );
    expect(screen.getByRole('button', { name: 'ABC classes · on' })).toBeInTheDocument();
    expect(screen.getByLabelText('Cut points')).toHaveValue('0.2, 0.5');
    fireEvent.change(screen.getByLabelText('Cut points'), { target: { value: '0.1, 0.4' } });
    expect(onPatch).toHaveBeenLastCalledWith({ cuts: [0.1, 0.4] });
    await user.click(screen.getByRole('switch', { name: 'Use ABC classes' }));
    expect(onToggle).toHaveBeenCalledWith(false);
  });

  test('dimensions offers the headers it is given', async () => {
    const user = userEvent.setup({ delay: null });
    const onToggle = jest.fn();
    render(
      <Accordion openItems={['dimensions']}>
        <DimensionsPanel headers={['Region', 'Channel']} chosen={['Channel']} onToggle={onToggle} />
      </Accordion>,
    );
    expect(screen.getByRole('checkbox', { name: 'Channel' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Region' }));
    expect(onToggle).toHaveBeenCalledWith('Region', true);
  });
});
