/** @jest-environment jsdom */
// Components that get their data as props (no port, no engine), and the controller that
// feeds them: the workbook's lists for DataStep; a method panel's part of the config; the
// worker's rule preview for RuleEditor.
import './shims';
import '@testing-library/jest-dom';
import { Accordion } from '@fluentui/react-components';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AbcSchema, defaultConfig, type RuleSetConfig, type TieringConfig } from '../../src/config';
import { MethodsStep } from '../../src/taskpane/components/MethodsStep';
import type { RuleSetReport } from '../../src/engine/methods/rules';
import { DataStep, type DataStepProps } from '../../src/taskpane/components/DataStep';
import { AbcPanel } from '../../src/taskpane/components/methods/AbcPanel';
import { DimensionsPanel } from '../../src/taskpane/components/methods/DimensionsPanel';
import { RuleEditor } from '../../src/taskpane/components/RuleEditor';
import { NumberField } from '../../src/taskpane/components/fields';
import { useState } from 'react';
import type { RulePreview } from '../../src/taskpane/worker/rulePreview';
import { demoPort, renderPane, testHost, paneUser } from './support';

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
    const user = paneUser();
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
    const user = paneUser();
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
    const user = paneUser();
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

  test('a number field keeps what is being typed when its value comes back committed ("1.50" stays)', () => {
    function Controlled() {
      const [v, setV] = useState(2);
      return <NumberField label="Rate" value={v} min={0} max={10} onCommit={setV} />;
    }
    render(<Controlled />);
    const input = screen.getByLabelText('Rate') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '1.50' } });
    expect(input.value).toBe('1.50');
    fireEvent.change(input, { target: { value: '1.505' } });
    expect(input.value).toBe('1.505');
  });

  test('dimensions offers the headers it is given', async () => {
    const user = paneUser();
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

  test('detected dimensions show ticked, and unticking them all means none (not "detect")', async () => {
    const user = paneUser();
    let config: TieringConfig = defaultConfig();
    expect(config.methods.dimensions).toEqual([]);
    expect(config.methods.detectDimensions).toBe(true);
    const view = (c: TieringConfig) => (
      <MethodsStep
        config={c}
        customerHeaders={['地区', '行业', 'Channel']}
        detectedDimensions={['地区', '行业']}
        hasResult={false}
        rulePreview={null}
        onChange={(u) => {
          config = u(config);
          rerender(view(config));
        }}
      />
    );
    const { rerender } = render(view(config));
    await user.click(screen.getByRole('button', { name: /^Dimensions/ }));
    expect(screen.getByRole('checkbox', { name: '地区' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: '行业' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Channel' })).not.toBeChecked();
    expect(screen.getByText(/Ticked because their headings name a region/)).toBeInTheDocument();
    await act(() => user.click(screen.getByRole('checkbox', { name: '地区' })));
    expect(config.methods).toMatchObject({ dimensions: ['行业'], detectDimensions: false });
    await act(() => user.click(screen.getByRole('checkbox', { name: '行业' })));
    expect(config.methods).toMatchObject({ dimensions: [], detectDimensions: false });
    expect(screen.getByRole('checkbox', { name: '行业' })).not.toBeChecked();
    expect(screen.queryByText(/Ticked because their headings name a region/)).not.toBeInTheDocument();
  });
});

const report = (over: Partial<RuleSetReport> = {}): RuleSetReport => ({
  name: 'Key',
  column: 'rule_Key',
  rules: [{ index: 0, tier: 'Top', when: 'revenue > 500', matched: 7, matchedIfFirst: 9, neverMatches: false }],
  otherwise: 3,
  total: 10,
  ...over,
});
const FIELDS: RulePreview['fields'] = [
  { name: 'revenue', type: 'number' },
  { name: 'orders', type: 'number' },
];
const ruleSet = (when: string): RuleSetConfig => ({ name: 'Key', otherwise: 'Standard', rules: [{ tier: 'Top', when }] });

describe('RuleEditor from props', () => {
  test('shows the counts of the preview it is given', () => {
    render(<RuleEditor ruleSets={[ruleSet('revenue > 500')]} hasResult preview={{ fields: FIELDS, reports: [report()] }} onChange={noop} />);
    expect(screen.getByText('Columns you can use: revenue, orders')).toBeInTheDocument();
    expect(screen.getByText('Gives this tier to 7 of 10 customers (9 if it were first).')).toBeInTheDocument();
    expect(screen.getByText('3 of 10 customers match no rule and get "Standard".')).toBeInTheDocument();
  });

  test('checks the text against the preview fields at once, and then shows no counts', () => {
    render(<RuleEditor ruleSets={[ruleSet('revenu > 500')]} hasResult preview={{ fields: FIELDS, reports: [report()] }} onChange={noop} />);
    expect(screen.getByText(/line 1, column 1/)).toHaveTextContent(/revenue/);
    expect(screen.getByLabelText('Rule 1: condition')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(/Gives this tier/)).not.toBeInTheDocument();
  });

  test('before a run it says to run first; while the preview is on its way it says nothing', () => {
    const { rerender } = render(<RuleEditor ruleSets={[ruleSet('revenu > 1')]} hasResult={false} preview={null} onChange={noop} />);
    expect(screen.getByText(/^Run once to check rules/)).toBeInTheDocument();
    rerender(<RuleEditor ruleSets={[ruleSet('revenu > 1')]} hasResult preview={null} onChange={noop} />);
    expect(screen.queryByText(/^Run once to check rules/)).not.toBeInTheDocument();
    expect(screen.queryByText(/line 1, column 1/)).not.toBeInTheDocument();
  });
});

describe('the rule preview goes through the host (the worker), debounced', () => {
  test('the pane shows what host.previewRules answers, asked for once per pause in typing', async () => {
    const port = demoPort();
    const { host } = testHost(port);
    const previewRules = jest.fn(async (_customers: unknown, request: { ruleSets: RuleSetConfig[] }): Promise<RulePreview> => ({
      fields: FIELDS,
      reports: request.ruleSets.map((rs) => report({ rules: [{ ...report().rules[0], when: rs.rules[0]?.when ?? '' }] })),
    }));
    host.previewRules = previewRules;
    const user = paneUser();
    renderPane(host);
    const orders = screen.getByRole('region', { name: 'Orders' });
    await user.type(within(orders).getByLabelText('Or type an address'), 'Orders!A1:F60{Enter}');
    await within(orders).findByText('Orders!A1:F60: 59 rows, 6 columns.');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/^Classified [\d,]+ customers as of/);
    expect(previewRules).not.toHaveBeenCalled(); // only on the methods step

    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    await user.click(screen.getByRole('button', { name: /^Custom rules/ }));
    expect(await screen.findByText('Columns you can use: revenue, orders')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add rule set' }));
    expect(await screen.findByText('Gives this tier to 7 of 10 customers (9 if it were first).')).toBeInTheDocument();

    const before = previewRules.mock.calls.length;
    const when = screen.getByLabelText('Rule 1: condition');
    await user.clear(when);
    await user.type(when, 'orders >= 2');
    await waitFor(() => expect(previewRules.mock.calls.at(-1)![1].ruleSets[0].rules[0].when).toBe('orders >= 2'));
    // 12 edits, far fewer requests; the customers are the last result's table.
    expect(previewRules.mock.calls.length - before).toBeLessThan(6);
    expect(previewRules.mock.calls.at(-1)![0]).toBe(previewRules.mock.calls[0][0]);
    fireEvent.change(when, { target: { value: 'orders >= 3' } });
    await waitFor(() => expect(previewRules.mock.calls.at(-1)![1].ruleSets[0].rules[0].when).toBe('orders >= 3'));
  }, 120_000);
});
