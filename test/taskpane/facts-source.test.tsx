/** @jest-environment jsdom */
// The data step's customer facts source: how to get facts when there are none, a facts table
// picked from the workbook is checked (each problem with its sheet and cell, in the pane's
// language) and, when right, classified by a run; facts for another analysis date are refused.
import './shims';
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { defaultConfig } from '../../src/config/validate';
import { factsHeadings } from '../../src/engine/factsTable';
import { PanePort, renderPane, testHost, paneUser, type PaneUser } from './support';

const EN = factsHeadings('en-US');
const ZH = factsHeadings('zh-CN');
// Two customers as the facts query computes them for 2024-06-30, net, a 90-day window.
const ROWS = [
  ['c1', '2024-06-30', 'net', 90, 3, 1, 0, 3, 90, '', '2024-01-01', '2024-06-01', 3, 1, 100, 3, '2024-01-01', '2024-06-01', 60],
  ['c2', '2024-06-30', 'net', 90, 1, 0, 2, 1, 50.25, '', '2024-05-01', '2024-05-01', 1, 1, '', 1, '2024-05-01', '2024-05-01', 0],
];
const BAD = [ZH, ROWS[0], ROWS[1].map((v, j) => (j === EN.indexOf('orders') ? 'one' : v))];

function port(): PanePort {
  return new PanePort({ Facts: [EN, ...ROWS], Bad: BAD, Notes: [['free text']] });
}

async function pick(user: PaneUser, region: HTMLElement, name: string) {
  await user.click(within(region).getByRole('combobox', { name: /Table or sheet|表格或工作表/ }));
  await user.click(await screen.findByRole('option', { name }));
}

describe('customer facts source', () => {
  test('says how to get facts; bad cells named by sheet and cell in both languages; good facts run', async () => {
    const p = port();
    const { host, log } = testHost(p);
    const user = paneUser();
    renderPane(host, defaultConfig({ analysisDate: '2024-06-30', methods: { abc: {}, activity: {} } }));
    const facts = screen.getByRole('region', { name: 'Customer facts (large order histories)' });
    expect(within(facts).getByText(/customer-tiers facts --orders orders.parquet/)).toBeInTheDocument();
    expect(within(facts).getByText(/customer-tiers sql --dialect/)).toBeInTheDocument();

    await pick(user, facts, 'Bad');
    const problem = await within(facts).findByText('Bad!H3: "one" in "订单数" is not a whole number of 0 or more. Compute the facts again, or correct the cell.');
    expect(problem).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toHaveAttribute('aria-disabled', 'true');

    await user.click(screen.getByRole('button', { name: 'Switch the language to 中文 (Chinese)' }));
    const zh = screen.getByRole('region', { name: '客户事实（大量订单时）' });
    expect(within(zh).getByText('Bad!H3：“订单数”中的“one”不是大于等于 0 的整数。请重新计算客户事实，或更正该单元格。')).toBeInTheDocument();
    expect(within(zh).getByText(/获取方法：customer-tiers facts/)).toBeInTheDocument();

    await pick(user, zh, 'Facts');
    expect(await within(zh).findByText('Facts!A1:S3 · 2 位客户，分析日期 2024-06-30。')).toBeInTheDocument();
    expect(within(zh).queryByText(/获取方法/)).toBeNull();
    await user.click(screen.getByRole('button', { name: '运行' }));
    await waitFor(() => expect(log.classified.length).toBe(1));
    const sent = log.classified[0];
    expect(sent.config.sources.facts).toEqual({ kind: 'sheet', sheet: 'Facts' });
    expect(sent.tables.facts?.values).toHaveLength(3);
    expect(await screen.findByText('已按 2024-06-30 为 2 位客户分层，尚未写入工作簿。')).toBeInTheDocument();
  }, 180_000);

  test('facts computed for another analysis date are refused with both dates; Leave out clears them', async () => {
    const { host } = testHost(port());
    const user = paneUser();
    renderPane(host, defaultConfig({ analysisDate: '2024-07-31' }));
    const facts = screen.getByRole('region', { name: 'Customer facts (large order histories)' });
    await pick(user, facts, 'Facts');
    expect(await within(facts).findByText(/were computed for the analysis date 2024-06-30, the settings say 2024-07-31/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toHaveAttribute('aria-disabled', 'true');
    await user.click(within(facts).getByRole('button', { name: 'Leave out' }));
    expect(within(facts).queryByText(/were computed for/)).toBeNull();
    expect(within(facts).getByText('No customer facts chosen.')).toBeInTheDocument();
  }, 180_000);
});
