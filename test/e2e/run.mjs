/* global console, process, window, document, performance, PerformanceObserver, MutationObserver, URL */
// End-to-end tests of the task pane in real headless Chromium: the production bundle served
// on localhost, office.js replaced by the strict fake Excel host with a demo workbook.
//   node test/e2e/run.mjs [--no-build] [--only=flow,shots,facts,command,perf] [--variants=en-light,zh-dark,en-contrast,zh-contrast,contrast]
// Prints one line per check and a final "N passed, M failed"; exits non-zero on failure.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist');
const FAKE = path.join(ROOT, 'dist-e2e/fake-office.js');
const SHOTS = path.join(ROOT, 'docs/screenshots');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const argv = process.argv.slice(2);
const only = (argv.find((a) => a.startsWith('--only=')) ?? '').slice(7).split(',').filter(Boolean);
const want = (part) => only.length === 0 || only.includes(part);
// --variants=en-light,zh-dark: only those language-theme variants of the screenshot part.
const variantsOnly = (argv.find((a) => a.startsWith('--variants=')) ?? '').slice(11).split(',').filter(Boolean);

let passed = 0;
let failed = 0;
const findings = {};

async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
function eq(a, b, msg) {
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  if (ja !== jb) throw new Error(`${msg}: expected ${jb.slice(0, 300)}, got ${ja.slice(0, 300)}`);
}

// ---------- build and serve ----------

function build() {
  if (argv.includes('--no-build') && fs.existsSync(DIST) && fs.existsSync(FAKE)) return;
  const run = (cmd) => execSync(cmd, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log('building the production bundle and the fake host…');
  run('npx webpack --mode production --config test/e2e/webpack.cached.config.cjs');
  run('npx webpack --config test/e2e/webpack.fake.config.cjs');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------- page helpers ----------

const LABELS = {
  'en-US': {
    data: 'Data', methods: 'Methods', results: 'Results', customers: 'Customers', orders: 'Orders', run: 'Run', cancel: 'Cancel', pick: 'Table or sheet', useSel: 'Use selection',
    write: 'Write to workbook', refresh: 'Refresh', remove: 'Remove results', removeTitle: 'Remove the results?', removeConfirm: 'Remove',
    unwritten: /Nothing is written to the workbook yet/, wrote: /^Wrote tiers/, refreshed: /^Refreshed/, removed: /^Removed/,
    playbook: 'What to do with each tier', campaign: 'Campaign list', exported: /^Exported \d+ customers to the sheet/, csv: 'A CSV file (download)', sheet: 'A new sheet in this workbook', campaignSheet: 'Campaign list',
  },
  'zh-CN': {
    data: '数据', methods: '方法', results: '结果', customers: '客户', orders: '订单', run: '运行', cancel: '取消', pick: '表格或工作表', useSel: '使用所选区域',
    write: '写入工作簿', refresh: '刷新', remove: '删除结果', removeTitle: '删除结果？', removeConfirm: '删除',
    unwritten: /尚未写入工作簿/, wrote: /^已写入/, refreshed: /^已按 .* 刷新/, removed: /^已删除/,
    playbook: '各级别的应对措施', campaign: '营销名单', exported: /^已将 \d+ 位客户导出到工作表/, csv: 'CSV 文件（下载）', sheet: '本工作簿中的新工作表', campaignSheet: '营销名单',
  },
};

async function openPane(browser, base, { lang = 'en-US', theme = 'light', customers = 600, orders = 8000, forcedColors = 'none', query = '' } = {}) {
  const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: lang, colorScheme: theme, forcedColors });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  const fakeJs = fs.readFileSync(FAKE);
  await page.route('**/assets/office/office.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeJs }));
  await page.goto(`${base}/taskpane.html?lang=${lang}&theme=${theme}&customers=${customers}&orders=${orders}${query}`);
  await page.getByRole('tab', { name: LABELS[lang].data }).waitFor();
  return { page, context, errors, L: LABELS[lang] };
}

async function axeScan(page, label) {
  // Colours mid-transition (a button fading after a click, a dialog fading in) are not what the user
  // reads: wait for running CSS transitions and animations to finish before measuring contrast.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => {}))));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(async () => {
    // Tabster's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>, inserted by Fluent's
    // arrow-key groups) forward focus at once and are never a stop; axe cannot know that.
    const r = await window.axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} [${(n.any[0]?.message ?? '').slice(0, 160)}] ${n.html.slice(0, 120)} …${n.html.slice(-200)}`) }));
  });
  const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  (findings.axe ??= {})[label] = res.map((v) => `${v.impact} ${v.id}`);
  assert(bad.length === 0, `axe (${label}): ${bad.map((v) => `${v.impact} ${v.id} "${v.help}" at ${v.nodes.join(', ')}`).join('; ')}`);
}

async function noSideScroll(page, label) {
  const m = await page.evaluate(() => {
    const main = document.querySelector('main');
    return { doc: document.documentElement.scrollWidth, win: window.innerWidth, main: main ? main.scrollWidth - main.clientWidth : 0 };
  });
  assert(m.doc <= m.win && m.main <= 0, `horizontal overflow on ${label}: document ${m.doc}px in ${m.win}px, main overflows by ${m.main}px`);
}

/**
 * Tier names in the results wrap between words only: every word (a run of CJK characters counts
 * as one, as the sheets' names do) of every tier name sits on one line, at 350 and at 320 px.
 */
async function wholeWords(page, label) {
  for (const width of [350, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    const broken = await page.evaluate(() => {
      const bad = [];
      for (const el of document.querySelectorAll('[data-tier-name]')) {
        const node = el.firstChild;
        if (!node || node.nodeType !== 3) continue;
        for (const m of node.textContent.matchAll(/\S+/g)) {
          const r = document.createRange();
          r.setStart(node, m.index);
          r.setEnd(node, m.index + m[0].length);
          const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
          if (tops.size > 1) bad.push(m[0]);
        }
      }
      return bad;
    });
    await noSideScroll(page, `${label} at ${width} px`);
    eq(broken, [], `${label}: tier names broken inside a word at ${width} px`);
  }
  await page.setViewportSize({ width: 350, height: 900 });
}

async function shot(page, name, { top = true, settle = 250 } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  if (top) await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
  if (settle) await page.waitForTimeout(settle); // let transitions settle
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const e2e = (page, fn, arg) => page.evaluate(fn, arg);

/**
 * Holds back script requests (the engine worker's script is the only one a run fetches) until
 * released, so a run is certainly in progress when a test photographs or cancels it.
 */
async function holdScripts(page) {
  let open;
  const gate = new Promise((r) => (open = r));
  const pattern = /\.js(\?|$)/;
  const handler = async (route) => {
    await gate;
    await route.continue().catch(() => {});
  };
  await page.route(pattern, handler);
  return async () => {
    open();
    await page.unroute(pattern, handler);
  };
}

async function chooseSources(page, L) {
  const cust = page.getByRole('region', { name: L.customers, exact: true });
  await cust.getByRole('button', { name: L.useSel }).click();
  await cust.getByText(/Customers!A1:E\d+/).first().waitFor();
  const ord = page.getByRole('region', { name: L.orders, exact: true });
  await ord.getByRole('combobox', { name: L.pick }).click();
  await page.getByRole('option', { name: 'Orders' }).click();
  await ord.getByText(/Orders!A1:E\d+/).first().waitFor();
  return { cust, ord };
}

async function runToEnd(page, L, timeout = 120_000) {
  await page.getByRole('button', { name: L.run, exact: true }).click();
  await page.locator('.fui-MessageBar').filter({ hasText: /Classified|已按/ }).waitFor({ timeout });
}

// ---------- the whole flow ----------

async function flow(browser, base) {
  console.log('flow: choose ranges, fix a mapping, ABC + RFM + rules, run, cancel, run, write, refresh, remove');
  const { page, context, errors, L } = await openPane(browser, base, { customers: 3000, orders: 40000 });
  const demo = await e2e(page, () => ({ customers: window.__e2e.demo.customers, net: window.__e2e.demo.netByCustomer, messy: window.__e2e.demo.messy }));
  let ord;

  await check('data: ranges from the selection and from the sheet list; one column mapping fixed', async () => {
    ({ ord } = await chooseSources(page, L));
    const amount = ord.getByRole('combobox', { name: 'Amount', exact: true });
    eq(await amount.textContent(), '订单金额', 'detected amount column');
    await amount.click();
    await page.getByRole('option', { name: '实收金额' }).click();
    await ord.getByText('Changed by you').waitFor();
    await axeScan(page, 'flow data');
    await noSideScroll(page, 'data step');
  });

  await check('methods by keyboard: ABC and RFM on, activity off, a rule set added', async () => {
    await page.getByRole('tab', { name: L.data }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByRole('switch', { name: 'Use ABC classes' }).waitFor();
    assert(await page.getByRole('switch', { name: 'Use ABC classes' }).isChecked(), 'ABC on by default');
    await page.getByRole('button', { name: /^RFM segments/ }).click();
    assert(await page.getByRole('switch', { name: 'Use RFM segments' }).isChecked(), 'RFM on by default');
    await page.getByRole('button', { name: /^Activity and churn/ }).click();
    const act = page.getByRole('switch', { name: 'Use Activity and churn' });
    await act.focus();
    await page.keyboard.press('Space');
    assert(!(await act.isChecked()), 'activity switched off by keyboard');
    await page.getByRole('button', { name: /^Custom rules/ }).click();
    await page.getByRole('button', { name: 'Add rule set' }).click();
    await page.getByRole('textbox', { name: 'Rule 1: condition' }).fill('revenue > 20000 and orders >= 5');
    await axeScan(page, 'flow methods');
    await noSideScroll(page, 'methods step');
  });

  await check('run, cancel: the run stops and says so', async () => {
    const release = await holdScripts(page);
    await page.getByRole('button', { name: L.run, exact: true }).click();
    await page.getByRole('progressbar').waitFor();
    await page.getByRole('button', { name: L.cancel }).click();
    await page.getByText('The run was cancelled. Nothing was changed.').waitFor();
    await release();
  });

  await check('run again: results with tiers that add up to the customers', async () => {
    await runToEnd(page, L);
    await page.getByRole('button', { name: 'Show results' }).click();
    const abc = page.getByRole('table', { name: 'Tiers of ABC' });
    await abc.waitFor();
    const counts = await abc.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.children[1].textContent.replace(/,/g, ''))));
    const buyers = Object.keys(demo.net).length;
    eq(counts.reduce((a, b) => a + b, 0), buyers, 'ABC customers = customers with usable orders');
    await page.getByRole('table', { name: 'Tiers of RFM segment' }).waitFor();
    // The results and the playbook both name the rule set: the first is the results' own.
    await page.getByRole('button', { name: /^Rule Key accounts 1/ }).first().waitFor();
    await axeScan(page, 'flow results');
    await noSideScroll(page, 'results step');
  });

  await check('data issues: clicking one selects its cell in the workbook', async () => {
    await page.getByRole('tab', { name: L.data }).click();
    await ord.getByRole('button', { name: /^Data issues \(2\)/ }).click();
    await ord.getByRole('button', { name: new RegExp(`E${demo.messy.amountRow}\\b`) }).click();
    await page.waitForTimeout(200);
    const sel = await e2e(page, () => {
      const wb = window.__e2e.fake.workbook;
      const s = wb.sheets.find((x) => x.id === wb.selection.sheet);
      return { sheet: s.name, r0: wb.selection.rect.r0, c0: wb.selection.rect.c0 };
    });
    eq(sel, { sheet: 'Orders', r0: demo.messy.amountRow - 1, c0: 4 }, 'selected cell');
  });

  let afterWrite;
  await check('write: tier columns, group and summary sheets, history, and the config are in the workbook', async () => {
    await page.getByRole('tab', { name: L.results }).click();
    await page.getByRole('button', { name: 'Write to workbook' }).click();
    await page.locator('.fui-MessageBar').filter({ hasText: /^Wrote tiers/ }).waitFor({ timeout: 120_000 });
    const wb = await e2e(page, () => ({ sheets: window.__e2e.sheetNames(), settings: window.__e2e.settings(), customers: window.__e2e.values('Customers') }));
    findings.sheetsAfterWrite = wb.sheets;
    assert(wb.sheets.length >= 5, `expected summary, history and group sheets; got ${wb.sheets.join(', ')}`);
    const cfg = JSON.parse(wb.settings['customerTiers.config']);
    eq(cfg.columns.orders, { amount: '实收金额' }, 'saved column correction');
    eq(cfg.methods.rules.length, 1, 'saved rule sets');
    eq(cfg.methods.activity.enabled, false, 'saved activity switch');
    const header = wb.customers[0];
    assert(header.length > demo.customers[0].length, `tier columns beside the customers: header ${header.join(', ')}`);
    // The source columns are unchanged.
    eq(wb.customers.map((r) => r.slice(0, 5)), demo.customers, 'customer source values');
    afterWrite = await e2e(page, () => window.__e2e.snapshot());
  });

  await check('refresh: from the saved config; the workbook is the same afterwards', async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('.fui-MessageBar').filter({ hasText: /^Refreshed/ }).waitFor({ timeout: 120_000 });
    const afterRefresh = await e2e(page, () => window.__e2e.snapshot());
    assert(afterRefresh === afterWrite, 'refresh changed the workbook');
  });

  await check('remove: asks, then leaves only the user’s sheets, unchanged', async () => {
    await page.getByRole('button', { name: 'Remove results' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove the results?' });
    await dialog.waitFor();
    await page.waitForTimeout(600); // the dialog fades in; measure contrast once it is opaque
    await axeScan(page, 'remove dialog');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await page.locator('.fui-MessageBar').filter({ hasText: /^Removed/ }).waitFor();
    const wb = await e2e(page, () => ({ sheets: window.__e2e.sheetNames(), customers: window.__e2e.values('Customers'), settings: Object.keys(window.__e2e.settings()) }));
    eq(wb.sheets, ['Customers', 'Orders'], 'sheets after remove');
    eq(wb.customers, demo.customers, 'customer sheet after remove');
  });

  await check('no page errors during the flow', async () => {
    eq(errors, [], 'page errors');
  });
  await context.close();
}

// ---------- customer facts instead of orders ----------

async function factsSource(browser, base) {
  for (const lang of ['en-US', 'zh-CN']) {
    const tag = lang === 'zh-CN' ? 'zh' : 'en';
    await check(`customer facts (${tag}): a bad cell named, good facts run, screenshots, axe`, async () => {
      const { page, context, errors, L } = await openPane(browser, base, { lang, customers: 50, orders: 200, query: '&facts=1' });
      const region = page.getByRole('region', { name: /^(Customer facts|客户事实)/ });
      const pick = async (name) => {
        await region.getByRole('combobox', { name: /^(Table or sheet|表格或工作表)$/ }).click();
        await page.getByRole('option', { name, exact: true }).click();
      };
      await region.getByText(/customer-tiers facts --orders/).waitFor();
      await pick('Facts edited');
      await region.getByText(/Facts edited!H3/).waitFor();
      await region.scrollIntoViewIfNeeded();
      await axeScan(page, `${tag} facts problem`);
      await noSideScroll(page, `${tag} facts problem`);
      await shot(page, `${tag}-light-1b-facts-problem`, { top: false });
      await pick('Facts');
      await region.getByText(/Facts!A1:S4 · /).waitFor();
      await page.getByRole('button', { name: L.run, exact: true }).click();
      await page.locator('.fui-MessageBar').filter({ hasText: /Classified 3 customers|为 3 位客户分层/ }).waitFor({ timeout: 120_000 });
      await region.scrollIntoViewIfNeeded();
      await shot(page, `${tag}-light-1c-facts-loaded`, { top: false });
      eq(errors, [], 'page errors');
      await context.close();
    });
  }
}

// ---------- screenshots and accessibility in every variant ----------

async function variants(browser, base) {
  for (const lang of ['en-US', 'zh-CN']) {
    for (const theme of ['light', 'dark']) {
      const tag = `${lang === 'zh-CN' ? 'zh' : 'en'}-${theme}`;
      if (variantsOnly.length && !variantsOnly.includes(tag)) continue;
      await check(`steps in ${tag}: screenshots, axe, no sideways scroll`, async () => {
        // 40,000 orders so that the run lasts long enough to be photographed with its progress bar.
        const { page, context, errors, L } = await openPane(browser, base, { lang, theme, customers: 3000, orders: 40000 });
        await chooseSources(page, L);
        await axeScan(page, `${tag} data`);
        await noSideScroll(page, `${tag} data`);
        await shot(page, `${tag}-1-data`);
        await page.getByRole('tab', { name: L.methods }).click();
        await page.getByRole('button', { name: /^(RFM segments|RFM 分群)/ }).click();
        await page.getByRole('button', { name: /^(Edit the segment table|编辑客户群表)$/ }).click();
        await axeScan(page, `${tag} methods`);
        await noSideScroll(page, `${tag} methods`);
        await shot(page, `${tag}-2-methods`);
        await page.getByRole('table', { name: /^(RFM segment table|RFM 客户群表)$/ }).scrollIntoViewIfNeeded();
        await shot(page, `${tag}-2b-segments`, { top: false });
        const release = await holdScripts(page);
        await page.getByRole('button', { name: L.run, exact: true }).click();
        await page.getByRole('progressbar').waitFor();
        await page.getByText(/Classifying…|正在分层…/).waitFor();
        await shot(page, `${tag}-3-run`, { top: false, settle: 0 });
        await release();
        await page.locator('.fui-MessageBar').filter({ hasText: /Classified|已按/ }).waitFor({ timeout: 120_000 });
        await page.getByRole('tab', { name: L.results }).click();
        await page.getByRole('table').first().waitFor();
        await page.locator('.fui-MessageBar').filter({ hasText: L.unwritten }).waitFor();
        await axeScan(page, `${tag} results`);
        await noSideScroll(page, `${tag} results`);
        await wholeWords(page, `${tag} results`);
        await shot(page, `${tag}-4-results`);
        await playbookAndCampaign(page, L, tag);
        await writeRefreshRemove(page, L, tag);
        eq(errors, [], 'page errors');
        await context.close();
      });
    }
  }
}

/**
 * The playbook (an action typed for the best ABC tier by keyboard) and a campaign list: a CSV
 * download (BOM, formula-guarded) and a sheet of our own, each photographed and scanned.
 */
async function playbookAndCampaign(page, L, tag) {
  const pb = page.getByRole('region', { name: L.playbook });
  await pb.getByRole('button').first().click();
  const first = pb.getByRole('group').first();
  const action = first.getByRole('textbox').first();
  await action.focus();
  await page.keyboard.type(tag.startsWith('zh') ? '每季度拜访一次' : 'Visit every quarter');
  await page.keyboard.press('Enter');
  await first.getByRole('button').first().waitFor();
  await pb.scrollIntoViewIfNeeded();
  await axeScan(page, `${tag} playbook`);
  await noSideScroll(page, `${tag} playbook`);
  await page.evaluate(() => document.querySelector('main')?.scrollBy(0, -8));
  await shot(page, `${tag}-4b-playbook`, { top: false });
  const cp = page.getByRole('region', { name: L.campaign });
  await cp.getByRole('checkbox').first().click();
  await cp.getByRole('radio', { name: L.csv }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), cp.getByRole('button', { name: /^(Export|导出) [1-9]/ }).click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert(text.charCodeAt(0) === 0xfeff, `${tag}: the CSV starts with a BOM`);
  assert(!/(^|,)[=+@]/m.test(text.slice(1)), `${tag}: a CSV cell starts with a formula character`);
  await cp.getByRole('radio', { name: L.sheet }).click();
  await cp.getByRole('button', { name: /^(Export|导出) [1-9]/ }).click();
  await page.locator('.fui-MessageBar').filter({ hasText: L.exported }).waitFor({ timeout: 60_000 });
  // The Export button is enabled again as the message shows: its colour fades back from the
  // disabled one (a transition that may start after axe looked for running ones). Measure after it.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  const sheets = await e2e(page, () => window.__e2e.sheetNames());
  assert(sheets.includes(L.campaignSheet), `${tag}: sheets after the campaign export: ${sheets.join(', ')}`);
  await cp.scrollIntoViewIfNeeded();
  await axeScan(page, `${tag} campaign`);
  await noSideScroll(page, `${tag} campaign`);
  await shot(page, `${tag}-4c-campaign`, { top: false });
}

/** Write, Refresh and Remove by keyboard only, each with its outcome photographed and scanned. */
async function writeRefreshRemove(page, L, tag) {
  const press = async (button) => {
    await button.focus();
    await page.keyboard.press('Enter');
  };
  const bar = (text) => page.locator('.fui-MessageBar').filter({ hasText: text });
  await press(page.getByRole('button', { name: L.write }));
  await bar(L.wrote).waitFor({ timeout: 120_000 });
  const written = await e2e(page, () => window.__e2e.sheetNames());
  assert(written.length >= 5, `${tag}: sheets after Write: ${written.join(', ')}`);
  await axeScan(page, `${tag} written`);
  await shot(page, `${tag}-5-written`);
  await press(page.getByRole('button', { name: L.refresh, exact: true }));
  await bar(L.refreshed).waitFor({ timeout: 120_000 });
  const refreshed = await e2e(page, () => window.__e2e.sheetNames());
  assert(refreshed.includes(L.campaignSheet), `${tag}: Write and Refresh keep the campaign list: ${refreshed.join(', ')}`);
  await axeScan(page, `${tag} refreshed`);
  await shot(page, `${tag}-6-refreshed`, { top: false });
  await press(page.getByRole('button', { name: L.remove }));
  const dialog = page.getByRole('alertdialog', { name: L.removeTitle });
  await dialog.waitFor();
  await page.waitForTimeout(600); // the dialog fades in; measure contrast once it is opaque
  await axeScan(page, `${tag} remove dialog`);
  await shot(page, `${tag}-7-remove`, { top: false, settle: 0 });
  await press(dialog.getByRole('button', { name: L.removeConfirm, exact: true }));
  await bar(L.removed).waitFor({ timeout: 60_000 });
  eq(await e2e(page, () => window.__e2e.sheetNames()), ['Customers', 'Orders'], `${tag}: sheets after Remove`);
  await axeScan(page, `${tag} removed`);
  await shot(page, `${tag}-8-removed`, { top: false });
}

async function highContrast(browser, base) {
  for (const lang of ['en-US', 'zh-CN']) {
    const tag = `${lang === 'zh-CN' ? 'zh' : 'en'}-contrast`;
    if (variantsOnly.length && !variantsOnly.includes(tag) && !variantsOnly.includes('contrast')) continue;
    await check(`high contrast (forced colours) in ${tag}: the pane uses the high-contrast theme; axe on every step`, async () => {
      const { page, context, errors, L } = await openPane(browser, base, { lang, forcedColors: 'active' });
      await chooseSources(page, L);
      await axeScan(page, `${tag} data`);
      await shot(page, `${tag}-1-data`);
      await page.getByRole('tab', { name: L.methods }).click();
      await axeScan(page, `${tag} methods`);
      await shot(page, `${tag}-2-methods`);
      await runToEnd(page, L);
      await page.getByRole('tab', { name: L.results }).click();
      await page.getByRole('table').first().waitFor();
      await axeScan(page, `${tag} results`);
      await shot(page, `${tag}-4-results`);
      await playbookAndCampaign(page, L, tag);
      await writeRefreshRemove(page, L, tag);
      eq(errors, [], 'page errors');
      await context.close();
    });
  }
}

// ---------- the ribbon command ----------

async function command(browser, base) {
  const fakeJs = fs.readFileSync(FAKE);
  for (const preset of [true, false]) {
    await check(`ribbon "Refresh tiers" ${preset ? 'refreshes from the saved config' : 'without a saved config says what to do'}, and completes the event`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route('**/assets/office/office.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeJs }));
      await page.goto(`${base}/commands.html?customers=300&orders=3000${preset ? '&preset=1' : ''}`);
      await page.waitForFunction(() => window.__e2e?.fake.actions.has('refreshTiers'));
      const out = await e2e(page, async () => {
        // The fake host has no dialogs: record what the command asks to show.
        let dialog = null;
        window.Office.context.ui = {
          displayDialogAsync: (url, _opts, cb) => {
            dialog = url;
            cb({ status: 'succeeded', value: { addEventHandler() {}, close() {} } });
          },
        };
        window.Office.AsyncResultStatus = { Succeeded: 'succeeded' };
        window.Office.EventType = { DialogMessageReceived: 'dialogMessageReceived' };
        await new Promise((resolve) => window.__e2e.fake.actions.get('refreshTiers')({ completed: resolve }));
        return { dialog, sheets: window.__e2e.sheetNames() };
      });
      const report = new URL(out.dialog).searchParams.get('report');
      if (preset) {
        assert(/^Customer Tiers refreshed [\d,]+ customers as of \d{4}-\d{2}-\d{2}\.$/.test(report), `report: ${report}`);
        assert(out.sheets.length > 2, `sheets after the command: ${out.sheets.join(', ')}`);
      } else {
        assert(/no saved Customer Tiers settings/.test(report), `report: ${report}`);
        eq(out.sheets, ['Customers', 'Orders'], 'sheets untouched');
      }
      eq(errors, [], 'page errors');
      await context.close();
    });
  }
}

// ---------- responsiveness on 200,000 orders ----------

async function perf(browser, base) {
  await check('responsiveness: longest main-thread task during a run on 200,000 orders', async () => {
    const { page, context, L } = await openPane(browser, base, { customers: 5000, orders: 200000 });
    await chooseSources(page, L);
    await e2e(page, () => {
      // Long tasks, and the stage the progress line showed when each started (a MutationObserver
      // on the run bar records stage changes with their times).
      window.__long = [];
      window.__stages = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask' });
      const bar = document.querySelector('[role="region"][aria-label="Run"]');
      new MutationObserver(() => {
        const text = bar?.querySelector('[aria-live]')?.textContent ?? '';
        const last = window.__stages[window.__stages.length - 1];
        if (!last || last.text !== text) window.__stages.push({ t: performance.now(), text });
      }).observe(bar, { subtree: true, childList: true, characterData: true });
    });
    const t0 = Date.now();
    await runToEnd(page, L, 300_000);
    const ms = Date.now() - t0;
    const { long, stages, syncs } = await e2e(page, () => ({ long: window.__long, stages: window.__stages, syncs: window.__e2e.syncMs() }));
    // Time the fake host spent inside each long task (its payload metering and cell copying run
    // on the page's thread; in Excel they run in Excel's process): the pane's own share is the rest.
    const fakeIn = (l) => syncs.filter((x) => x.start >= l.start && x.start < l.start + l.ms).reduce((a, x) => a + Math.min(x.ms, l.start + l.ms - x.start), 0);
    const stageAt = (t) => {
      let s = 'before run';
      for (const x of stages) if (x.t <= t) s = x.text;
      return s.replace(/^The run · /, '').replace(/ \(.*\)$/, '') || 'other';
    };
    const byStage = {};
    for (const l of long) byStage[stageAt(l.start)] = Math.max(byStage[stageAt(l.start)] ?? 0, Math.round(l.ms));
    const max = Math.max(0, ...long.map((l) => l.ms));
    const own = Math.max(0, ...long.map((l) => l.ms - fakeIn(l)));
    findings.longtask = { runMs: ms, longTasks: long.length, maxMs: Math.round(max), maxOwnMs: Math.round(own), maxByStage: byStage, fakeSyncMaxMs: Math.round(Math.max(0, ...syncs.map((x) => x.ms))) };
    console.log(`      run on 200,000 orders: ${ms} ms; ${long.length} long tasks; longest main-thread task ${Math.round(max)} ms, of which the pane's own work ${Math.round(own)} ms (goal < 100 ms)`);
    console.log(`      longest task by stage: ${JSON.stringify(byStage)}; longest fake-host sync ${findings.longtask.fakeSyncMaxMs} ms`);
    // Writing, for the record (not asserted): workbook/run classifies on the main thread until it
    // accepts the worker's classify; the figure shows what that costs.
    await e2e(page, () => (window.__long = []));
    await page.getByRole('tab', { name: L.results }).click();
    await page.getByRole('button', { name: 'Write to workbook' }).click();
    await page.locator('.fui-MessageBar').filter({ hasText: /^Wrote tiers/ }).waitFor({ timeout: 300_000 });
    const wlong = await e2e(page, () => window.__long.map((l) => l.ms));
    findings.longtask.writeMaxMs = Math.round(Math.max(0, ...wlong));
    console.log(`      write on 200,000 orders (not asserted): longest main-thread task ${findings.longtask.writeMaxMs} ms`);
    await context.close();
    assert(own < 100, `a main-thread task of the pane took ${Math.round(own)} ms`);
  });
}

// ---------- main ----------

async function main() {
  build();
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    if (want('flow')) await flow(browser, base);
    if (want('shots')) await variants(browser, base);
    if (want('facts')) await factsSource(browser, base);
    if (want('shots') && (!variantsOnly.length || variantsOnly.some((v) => v.endsWith('contrast')))) await highContrast(browser, base);
    if (want('command')) await command(browser, base);
    if (want('perf')) await perf(browser, base);
  } finally {
    await browser.close();
    server.close();
  }
  fs.mkdirSync(path.join(ROOT, 'test/e2e/out'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'test/e2e/out/findings.json'), JSON.stringify(findings, null, 2));
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
