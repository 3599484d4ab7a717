/** @jest-environment jsdom */
// The playbook and campaign lists in the pane, on the real Office adapter over the fake Excel:
// an edited action is stored in the workbook with the config and is there when the pane opens
// again; reset per tier; a campaign list holds exactly the chosen tiers' customers with their
// contacts, as a formula-guarded CSV or as a sheet of our own that Refresh keeps and Remove takes.
import './shims';
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import type { TieringConfig } from '../../src/config';
import { classify } from '../../src/engine/classify';
import { contactColumns } from '../../src/output/campaign';
import { defaultPlay } from '../../src/output/playbook';
import { REGISTRY_KEY } from '../../src/workbook/state';
import { refreshWorkbook, removeResults } from '../../src/workbook/run';
import { CONFIG_KEY, PanePort, demoPort, renderPane, testHost, paneUser, type PaneUser, loadSheet } from './support';

const EVIL = '=HYPERLINK("http://evil.example","click")';

/** 12 customers with phone, e-mail and owner; C01's name (the top customer, in ABC A) is a formula; revenue falls with the number. */
function contactsPort(): PanePort {
  const customers: (string | number)[][] = [['客户编号', '客户名称', '电话', '邮箱', '负责人']];
  const orders: (string | number)[][] = [['订单编号', '客户编号', '下单日期', '订单金额']];
  let n = 1;
  for (let i = 1; i <= 12; i++) {
    const id = `C${String(i).padStart(2, '0')}`;
    customers.push([id, i === 1 ? EVIL : `客户${i}`, `1380000${String(i).padStart(4, '0')}`, `c${i}@example.com`, i % 2 ? '王经理' : '李经理']);
    // Customer i buys 13 - i times; the first three buy 10,000 an order, the rest 100.
    for (let k = 0; k < 13 - i; k++) orders.push([`O${n++}`, id, `2024-0${1 + (k % 9)}-1${k % 10}`, i <= 3 ? 10000 : 100]);
  }
  return new PanePort({ Customers: customers, Orders: orders, Notes: [['my own notes']] });
}

async function runAndShowResults(user: PaneUser) {
  await user.click(screen.getByRole('button', { name: 'Run' }));
  await screen.findByText(/^Classified [\d,]+ customers/, undefined, { timeout: 120_000 });
  await user.click(screen.getByRole('tab', { name: 'Results' }));
}

function playbookRegion() {
  return screen.getByRole('region', { name: 'What to do with each tier' });
}

describe('the playbook in the pane', () => {
  test('every tier shows its default; an edit goes into the config, is written with it and is there when the pane opens again; reset per tier', async () => {
    const port = demoPort();
    const { host, log } = testHost(port);
    const user = paneUser();
    const view = renderPane(host);
    await loadSheet(user, 'Orders', 'Orders');
    await runAndShowResults(user);
    const region = playbookRegion();
    await user.click(within(region).getByRole('button', { name: 'ABC' }));
    const tierA = within(region).getByRole('group', { name: 'A' });
    const action = within(tierA).getByRole('textbox', { name: 'Action' });
    // The default play is shown (as the placeholder of a blank field): nothing is stored yet.
    expect(action).toHaveAttribute('placeholder', defaultPlay('en-US', 'abc', 'A')!.action);
    expect(within(region).getByRole('group', { name: 'C' })).toBeInTheDocument();
    await user.type(action, 'Visit every quarter{Enter}');
    await user.type(within(tierA).getByRole('textbox', { name: 'Owner or channel' }), 'Li Wei{Enter}');
    const tierB = within(region).getByRole('group', { name: 'B' });
    await user.type(within(tierB).getByRole('textbox', { name: 'Action' }), 'Call monthly{Enter}');
    // Reset B by keyboard: its field is blank again (the default applies).
    within(tierB).getByRole('button', { name: 'Reset B to the default' }).focus();
    await user.keyboard('{Enter}');
    expect(within(tierB).getByRole('textbox', { name: 'Action' })).toHaveValue('');

    await user.click(screen.getByRole('button', { name: 'Write to workbook' }));
    await screen.findByText(/^Wrote tiers/);
    expect(log.written[0].config.playbook).toEqual({ abc: { A: { action: 'Visit every quarter', owner: 'Li Wei' } } });
    const stored = JSON.parse(port.settings.get(CONFIG_KEY)!) as TieringConfig;
    expect(stored.playbook).toEqual({ abc: { A: { action: 'Visit every quarter', owner: 'Li Wei' } } });
    view.unmount();

    // A teammate opens the workbook: the saved config brings the playbook back.
    const again = testHost(port);
    renderPane(again.host);
    await screen.findByText('Loaded the settings saved in this workbook.');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/^Classified [\d,]+ customers/, undefined, { timeout: 120_000 });
    await user.click(screen.getByRole('tab', { name: 'Results' }));
    await user.click(within(playbookRegion()).getByRole('button', { name: 'ABC' }));
    const a2 = within(playbookRegion()).getByRole('group', { name: 'A' });
    expect(within(a2).getByRole('textbox', { name: 'Action' })).toHaveValue('Visit every quarter');
    expect(within(a2).getByRole('textbox', { name: 'Owner or channel' })).toHaveValue('Li Wei');
    // Reset A: nothing of the playbook is left to store.
    await user.click(within(a2).getByRole('button', { name: 'Reset A to the default' }));
    await user.click(screen.getByRole('button', { name: 'Write to workbook' }));
    await waitFor(() => expect(again.log.written.length).toBe(1));
    expect(again.log.written[0].config.playbook).toBeUndefined();
  }, 300_000);
});

describe('campaign lists from the pane', () => {
  async function ready() {
    const port = contactsPort();
    const { host, log } = testHost(port);
    const user = paneUser();
    renderPane(host);
    await loadSheet(user, 'Customers', 'Customers');
    await loadSheet(user, 'Orders', 'Orders');
    await runAndShowResults(user);
    const { tables, config } = log.classified[0];
    const result = await classify(tables, config);
    const ids = Array.from(result.customers.array('customer_id') as ArrayLike<unknown>, String);
    const abc = Array.from(result.customers.array('abc') as ArrayLike<unknown>, (x) => (x == null ? null : String(x)));
    const region = screen.getByRole('region', { name: 'Campaign list' });
    return { port, log, user, ids, abc, region, config };
  }

  test('a sheet of our own: exactly the ABC-A customers with phone, e-mail and owner; a formula in a name stays text; Refresh keeps it, Remove takes it', async () => {
    const { port, user, ids, abc, region, config } = await ready();
    const wantIds = ids.filter((_, i) => abc[i] === 'A').sort();
    expect(wantIds.length).toBeGreaterThan(0);
    await user.click(within(region).getByRole('checkbox', { name: new RegExp(`^A \\(${wantIds.length}\\)$`) }));
    await user.click(within(region).getByRole('button', { name: `Export ${wantIds.length} customers` }));
    await screen.findByText(`Exported ${wantIds.length} customers to the sheet "Campaign list". Remove results takes it away with the rest.`);

    const sheet = port.sheets['Campaign list'];
    const headerRow = sheet.findIndex((r) => r?.[0] === 'Customer ID');
    expect(sheet[0][0]).toMatch(/^Campaign list: ABC: A — \d+ customers, by revenue$/);
    expect(sheet[headerRow].slice(0, 5)).toEqual(['Customer ID', 'Name', 'Phone', 'E-mail', 'Owner']);
    const body = sheet.slice(headerRow + 1).filter((r) => r?.[0] !== undefined);
    expect(body.map((r) => r[0]).sort()).toEqual(wantIds);
    const source = port.sheets.Customers;
    for (const r of body) {
      const src = source.find((s) => s[0] === r[0])!;
      expect(r.slice(1, 5)).toEqual(src.slice(1, 5));
    }
    // C01's name arrives as the text it is, not as a formula.
    expect(body.find((r) => r[0] === 'C01')![1]).toBe(EVIL);
    expect(port.fake.workbook.sheets.find((s) => s.name === 'Campaign list')!.formulas.size).toBe(0);
    const registry = JSON.parse(port.settings.get(REGISTRY_KEY)!);
    expect(registry.sheets).toEqual([expect.objectContaining({ name: 'Campaign list', key: 'campaign:abc=A', hash: expect.stringMatching(/^[0-9a-f]{16}$/) })]);

    // A refresh (from the config as the pane wrote it) leaves the list as it is.
    const before = JSON.stringify(port.sheets['Campaign list']);
    await refreshWorkbook(port, { config: { ...config, locale: 'en-US' } });
    expect(JSON.stringify(port.sheets['Campaign list'])).toBe(before);
    expect(JSON.parse(port.settings.get(REGISTRY_KEY)!).sheets.map((s: { name: string }) => s.name)).toContain('Campaign list');
    // Remove takes it with the rest; the user's sheets stay as they were.
    const notes = JSON.stringify(port.sheets.Notes);
    const removed = await removeResults(port, { locale: 'en-US' });
    expect(removed.sheets).toContain('Campaign list');
    expect(Object.keys(port.sheets).sort()).toEqual(['Customers', 'Notes', 'Orders']);
    expect(JSON.stringify(port.sheets.Notes)).toBe(notes);
  }, 300_000);

  test('a CSV download: UTF-8 with BOM, every customer of ABC A or B once, the formula in a name guarded', async () => {
    const { log, user, ids, abc, region } = await ready();
    const want = ids.filter((_, i) => abc[i] === 'A' || abc[i] === 'B').sort();
    await user.click(within(region).getByRole('checkbox', { name: /^A \(/ }));
    await user.click(within(region).getByRole('checkbox', { name: /^B \(/ }));
    await user.click(within(region).getByRole('radio', { name: 'A CSV file (download)' }));
    await user.click(within(region).getByRole('button', { name: `Export ${want.length} customers` }));
    await screen.findByText(new RegExp(`^Exported ${want.length} customers to Campaign list-\\d{4}-\\d{2}-\\d{2}\\.csv\\.$`));
    const [file] = log.files;
    expect(file.type).toBe('text/csv;charset=utf-8');
    expect(file.text.startsWith('\uFEFFCustomer ID,Name,Phone,E-mail,Owner,')).toBe(true);
    const lines = file.text.slice(1).trim().split('\r\n').slice(1);
    expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(want);
    expect(lines.find((l) => l.startsWith('C01,'))).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines.some((l) => /(^|,)=/.test(l))).toBe(false);
  }, 300_000);
});

test('an owner column is found by its header, never a revenue column (销售额)', () => {
  expect(contactColumns(['客户编号', '销售额', '手机', '负责人'])).toEqual({ phone: 2, owner: 3 });
  expect(contactColumns(['客户编号', '销售代表', 'E-mail'])).toEqual({ owner: 1, email: 2 });
});
