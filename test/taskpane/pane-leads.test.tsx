/** @jest-environment jsdom */
// The pane leads to the result: after Run the primary action is Write and the pane says what
// is and is not in the workbook; the pane speaks the sheets' vocabulary; shares have one format;
// the address box shows the real range; the playbook and campaign components report edits.
import './shims';
import '@testing-library/jest-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Button, FluentProvider, webLightTheme } from '@fluentui/react-components';
import { defaultConfig } from '../../src/config';
import { t } from '../../src/i18n';
import { CampaignExport, TierActionEditor, type CampaignRequest, type PaneTierAction } from '../../src/taskpane/components/Playbook';
import { formatPercent, LocaleContext } from '../../src/taskpane/i18n';
import { csvGrid, demoPort, PanePort, renderPane, testHost, paneUser, type PaneUser, loadSheet } from './support';

async function runOnOrders(user: PaneUser, labels: { orders: string; address: string; run: string }) {
  await loadSheet(user, labels.orders, 'Orders', { address: labels.address, shown: /^Orders!A1:F4907/ });
  await user.click(screen.getByRole('button', { name: labels.run }));
}

/**
 * Whether a Fluent button is drawn as the primary one: it carries every atomic class that a
 * reference primary button has and a reference secondary button lacks (Griffel's classes are
 * deterministic, so the same appearance gives the same classes).
 */
function isPrimary(button: HTMLElement): boolean {
  const ref = render(
    <FluentProvider theme={webLightTheme}>
      <Button appearance="primary">p</Button>
      <Button appearance="secondary">s</Button>
    </FluentProvider>,
  );
  const [p, sec] = Array.from(ref.container.querySelectorAll('button')).map((b) => new Set(b.className.split(' ')));
  ref.unmount();
  // "___…" is the hash of the whole class list (it differs with any extra class): not an appearance.
  const primaryOnly = [...p].filter((c) => !sec.has(c) && !c.startsWith('___'));
  expect(primaryOnly.length).toBeGreaterThan(0);
  const mine = new Set(button.className.split(' '));
  return primaryOnly.every((c) => mine.has(c));
}

describe('after Run the pane leads to Write', () => {
  test('the status says nothing is written; Write is the primary action beside Run; after Write it says so', async () => {
    const { host, log } = testHost(demoPort());
    const user = paneUser();
    renderPane(host);
    // Before a run there is nothing to write: no Write button.
    expect(screen.queryByRole('button', { name: 'Write to workbook' })).toBeNull();
    await runOnOrders(user, { orders: 'Orders', address: 'Or type an address', run: 'Run' });
    await screen.findByText(/^Classified [\d,]+ customers as of .*\. Nothing is written to the workbook yet\.$/);
    // The run bar (always on screen) holds Write, on the data step, without going to the results.
    const bar = screen.getByRole('region', { name: 'Run' });
    const write = within(bar).getByRole('button', { name: 'Write to workbook' });
    const run = within(bar).getByRole('button', { name: 'Run' });
    expect(isPrimary(write)).toBe(true);
    expect(isPrimary(run)).toBe(false);
    // Keyboard only: focus Write and press Enter.
    write.focus();
    await user.keyboard('{Enter}');
    await screen.findByText(/^Wrote tiers for [\d,]+ customers/);
    expect(log.written.length).toBe(1);
    expect(isPrimary(within(bar).getByRole('button', { name: 'Write to workbook' }))).toBe(false);
    expect(isPrimary(within(bar).getByRole('button', { name: 'Run' }))).toBe(true);
    expect(screen.queryByText(/not in the workbook yet/)).toBeNull();

    // Remove takes the results out of the workbook: the bar says the result shown is not there.
    await user.click(screen.getByRole('tab', { name: 'Results' }));
    screen.getByRole('button', { name: 'Remove results' }).focus();
    await user.keyboard('{Enter}');
    // The dialog may still be "entering" in jsdom (no animation events), hence hidden: true.
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove the results?', hidden: true });
    within(dialog).getByRole('button', { name: 'Remove', hidden: true }).focus();
    await user.keyboard('{Enter}');
    await screen.findByText(/^Removed 3 objects/);
    expect(log.removed).toBe(1);
    expect(within(bar).getByText(/The latest results are not in the workbook yet/)).toBeInTheDocument();
  }, 180_000);
});

describe('one vocabulary with the sheets (中文)', () => {
  test('the tier table uses the summary sheet’s column names and no pane-only words (收入, 层级) appear on any step', async () => {
    const { host } = testHost(demoPort(), { displayLanguage: 'zh-CN' });
    const user = paneUser();
    renderPane(host, defaultConfig({ locale: 'zh-CN' }));
    const seen: string[] = [];
    seen.push(document.body.textContent!);
    await runOnOrders(user, { orders: '订单', address: '或输入地址', run: '运行' });
    await screen.findByText(/尚未写入工作簿。$/);
    await user.click(screen.getByRole('tab', { name: '方法' }));
    for (const b of screen.getAllByRole('button', { expanded: false })) if (/^(ABC|RFM|活跃)/.test(b.textContent ?? '')) await user.click(b);
    seen.push(document.body.textContent!);
    await user.click(screen.getByRole('tab', { name: '结果' }));
    const abc = screen.getByRole('table', { name: 'ABC的各级别' });
    const headers = within(abc).getAllByRole('columnheader').map((h) => h.textContent);
    // The summary sheet's headers (what the workbook shows), read from the catalogue the sheets use.
    expect(headers).toEqual(['out.tiers.tier', 'out.tiers.customers', 'out.tiers.share', 'out.tiers.revenueShare'].map((k) => t('zh-CN', k as never)));
    expect(headers).toEqual(['级别', '客户数', '客户占比', '销售额占比']);
    seen.push(document.body.textContent!);
    for (const text of seen) {
      expect(text).not.toMatch(/收入|层级/);
      expect(text).not.toMatch(/\d 个客户/);
    }
    // Every share on the results step has one decimal.
    const shares = within(abc).getAllByRole('cell').map((c) => c.textContent!).filter((x) => x.endsWith('%'));
    expect(shares.length).toBe(6);
    for (const x of shares) expect(x).toMatch(/^\d{1,3}\.\d%$/);
  }, 180_000);
});

describe('the run’s notes in the pane’s words (中文)', () => {
  test('detected dimensions point to the Methods step’s control, not to the config file’s key', async () => {
    const orders = csvGrid('rfm_rsquaredacademy_orders.csv');
    const ids = [...new Set(orders.slice(1).map((r) => r[0]))];
    const customers = [['customer_id', '地区'], ...ids.map((id, i) => [id, ['华东', '华南', '华北'][i % 3]])];
    const { host } = testHost(new PanePort({ Orders: orders, Customers: customers }), { displayLanguage: 'zh-CN' });
    const user = paneUser();
    renderPane(host, defaultConfig({ locale: 'zh-CN' }));
    await loadSheet(user, '订单', 'Orders', { address: '或输入地址' });
    await loadSheet(user, '客户', 'Customers', { address: '或输入地址' });
    await user.click(screen.getByRole('button', { name: '运行' }));
    await screen.findByText(/尚未写入工作簿。$/);
    await user.click(screen.getByRole('tab', { name: '结果' }));
    expect(screen.getByText('已按客户表中的列 地区 拆分各级别（按表头识别；可在“方法”→“维度”中取消勾选）。')).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/methods\.dimensions/);
  }, 180_000);
});

describe('fixes', () => {
  test('shares: always one decimal in both languages', () => {
    expect([0.2, 0.09, 0.271, 1].map((x) => formatPercent('en-US', x))).toEqual(['20.0%', '9.0%', '27.1%', '100.0%']);
    expect([0.2, 0.09, 0.271].map((x) => formatPercent('zh-CN', x))).toEqual(['20.0%', '9.0%', '27.1%']);
  });

  test('the ABC cut-point placeholder is what an empty box means: 0.2, 0.7 by customers, 0.8, 0.95 by value', async () => {
    const { host } = testHost(demoPort());
    const user = paneUser();
    renderPane(host);
    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    const cuts = await screen.findByLabelText('Cut points');
    // The README's rule: top 20 % / next 50 % / last 30 % of customers; Pareto 80/15/5 of value.
    expect(cuts).toHaveAttribute('placeholder', '0.2, 0.7');
    await user.click(screen.getByRole('combobox', { name: 'Cut by' }));
    await user.click(screen.getByRole('option', { name: 'Share of value' }));
    expect(screen.getByLabelText('Cut points')).toHaveAttribute('placeholder', '0.8, 0.95');
  }, 180_000);

  test('RFM scoring is named in plain words (no package names)', async () => {
    const { host } = testHost(demoPort());
    const user = paneUser();
    renderPane(host);
    await user.click(screen.getByRole('tab', { name: 'Methods' }));
    await user.click(screen.getByRole('button', { name: /^RFM segments/ }));
    await user.click(screen.getByRole('combobox', { name: 'Scoring' }));
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options.length).toBe(4);
    for (const o of options) expect(o).not.toMatch(/\bR\b|rfm|pandas|quantile/i);
  }, 180_000);

  test('after Use selection the address box holds the real address; picking a sheet clears it', async () => {
    const port = demoPort();
    port.selection = { sheet: 'Orders', address: 'A1:F4907' };
    const { host } = testHost(port);
    const user = paneUser();
    renderPane(host);
    const orders = screen.getByRole('region', { name: 'Orders' });
    const box = within(orders).getByLabelText('Or type an address');
    expect(box).toHaveValue('');
    expect(box.getAttribute('placeholder')).toMatch(/^e\.g\. /);
    await user.click(within(orders).getByRole('button', { name: 'Use selection' }));
    await within(orders).findByText(/^Orders!A1:F4907/);
    // The summary line comes with the read; the box is filled in the render after it.
    await waitFor(() => expect(box).toHaveValue('Orders!A1:F4907'));
    // Load is disabled while the box shows what is already loaded.
    expect(within(orders).getByRole('button', { name: 'Load' })).toBeDisabled();
    await user.click(within(orders).getByRole('combobox', { name: 'Table or sheet' }));
    await user.click(screen.getByRole('option', { name: 'OrdersTable' }));
    // The table is loaded (the source picker names it) and the box no longer shows the old address.
    await waitFor(() => expect(port.reads.at(-1)).toEqual({ kind: 'table', table: 'OrdersTable' }));
    await waitFor(() => expect(box).toHaveValue(''));
  }, 180_000);
});

function inPane(ui: React.ReactNode, locale: 'en-US' | 'zh-CN' = 'en-US') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <LocaleContext.Provider value={locale}>{ui}</LocaleContext.Provider>
    </FluentProvider>,
  );
}

describe('playbook and campaign components', () => {
  test('TierActionEditor: one action and owner per tier, in the tier’s own name; edits and defaults are reported whole', async () => {
    const changes: Record<string, PaneTierAction>[] = [];
    const defaults = { silent: { action: '唤醒活动', owner: '短信' }, lost: { action: '挽回优惠', owner: '电话' } };
    inPane(<TierActionEditor method="activity" methodName="活跃度" tiers={['active', 'silent', 'lost']} actions={{ active: { action: 'VIP 活动', owner: '客户经理' } }} defaults={defaults} onChange={(a) => changes.push(a)} />, 'zh-CN');
    const user = paneUser();
    const silent = screen.getByRole('group', { name: '沉默' });
    const action = within(silent).getByRole('textbox', { name: '措施' });
    expect(action).toHaveAttribute('placeholder', '唤醒活动');
    await user.type(action, '发送唤醒优惠券{Enter}');
    expect(changes.at(-1)).toEqual({ active: { action: 'VIP 活动', owner: '客户经理' }, silent: { action: '发送唤醒优惠券', owner: '' }, lost: { action: '', owner: '' } });
    // A blank field means the default: "use the defaults" blanks every tier.
    await user.click(screen.getByRole('button', { name: '使用默认措施' }));
    expect(changes.at(-1)).toEqual({ active: { action: '', owner: '' }, silent: { action: '', owner: '' }, lost: { action: '', owner: '' } });
  }, 180_000);

  test('CampaignExport: tiers of several methods, best first, counted by the caller; a sheet or a CSV; nothing chosen → nothing asked', async () => {
    const asked: CampaignRequest[] = [];
    const methods = [
      { method: 'abc', name: 'ABC', tiers: [{ tier: 'A', customers: 20 }, { tier: 'B', customers: 50 }, { tier: 'C', customers: 30 }] },
      { method: 'activity', name: 'Activity', tiers: [{ tier: 'silent', customers: 7 }, { tier: 'lost', customers: 4 }] },
    ];
    // The caller's count: here the plain sum less one customer in both ABC A and silent.
    const countOf = (sel: CampaignRequest['selection']) => sel.flatMap((x) => x.tiers.map((t) => methods.find((m) => m.method === x.method)!.tiers.find((y) => y.tier === t)!.customers)).reduce((a, b) => a + b, 0) - (sel.length > 1 ? 1 : 0);
    const describe = (sel: CampaignRequest['selection']) => sel.map((x) => `${x.method}=${x.tiers.join('+')}`).join(' ');
    inPane(<CampaignExport methods={methods} countOf={countOf} describe={describe} onExport={(r) => asked.push(r)} />);
    const user = paneUser();
    await user.click(screen.getByRole('button', { name: 'Export 0 customers' }));
    expect(asked).toEqual([]);
    expect(screen.getByRole('status')).toHaveTextContent('No tier chosen yet.');
    await user.click(screen.getByRole('checkbox', { name: 'A (20)' }));
    await user.click(screen.getByRole('combobox', { name: 'Tiers of' }));
    await user.click(screen.getByRole('option', { name: 'Activity' }));
    await user.click(screen.getByRole('checkbox', { name: 'Lapsed (4)' }));
    await user.click(screen.getByRole('checkbox', { name: 'Silent (7)' }));
    expect(screen.getByRole('status')).toHaveTextContent('Chosen: abc=A activity=silent+lost');
    await user.click(screen.getByRole('button', { name: 'Export 30 customers' }));
    expect(asked).toEqual([{ selection: [{ method: 'abc', tiers: ['A'] }, { method: 'activity', tiers: ['silent', 'lost'] }], format: 'sheet' }]);
    fireEvent.click(screen.getByRole('radio', { name: 'A CSV file (download)' }));
    await user.click(screen.getByRole('button', { name: 'Export 30 customers' }));
    expect(asked.at(-1)?.format).toBe('csv');
  }, 180_000);
});

// Keeps the PanePort import used for its type in editors that inline it.
export type { PanePort };
