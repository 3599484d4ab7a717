// The command line as a user runs it: a real process on the shared reference data.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.resolve(__dirname, '../../../shared/data');
const ORDERS = path.join(DATA, 'rfm_rsquaredacademy_orders.csv');

function cli(args: string[], cwd: string) {
  // same as `npx tsx src/cli/main.ts ...`, run from another directory
  const res = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

function parseCsv(text: string): string[][] {
  // enough for our output: fields quoted with "" escapes, CRLF rows
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r') continue;
    else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('customer-tiers classify', () => {
  test('classifies the rfm reference orders: exit 0, summary, CSV and JSON', () => {
    const res = cli(['classify', '--orders', ORDERS, '--analysis-date', '2006-12-31', '--csv', 'out.csv', '--json', 'out.json', '--lang', 'en-US'], dir);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('analysis date 2006-12-31');
    expect(res.out).toMatch(/Champions\s+158/);
    expect(res.out).toContain('Data issues: none.');

    const rows = parseCsv(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8'));
    // Stable keys in the header; each tier column is followed by the playbook's action for it.
    expect(rows[0]).toEqual([
      'customer_id', 'orders', 'revenue', 'recency_days', 'first_order', 'last_order', 'avg_order_value', 'orders_per_month',
      'abc', 'abc_action', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_score', 'rfm_segment', 'rfm_segment_action', 'activity', 'activity_action',
      'frequency_tier', 'frequency_tier_action', 'spend_tier', 'spend_tier_action', 'churn_risk', 'churn_risk_action',
    ]);
    expect(rows).toHaveLength(996);
    const col = (name: string) => rows[0].indexOf(name);
    expect(rows.slice(1).reduce((s, r) => s + Number(r[col('orders')]), 0)).toBe(4906);
    expect(rows.slice(1).reduce((s, r) => s + Number(r[col('revenue')]), 0)).toBe(464158);
    // a name with an apostrophe stays exact
    expect(rows.some((r) => r[0] === "Abbey O'Reilly")).toBe(true);

    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8'));
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['analysisDate', 'config', 'cuts', 'summaries', 'crosstabs', 'stats', 'warnings', 'reports', 'issues']),
    );
    expect(json.cuts.rfm.recency).toEqual([115, 181, 297.4, 482]);
    expect(json.stats.ordersUsed).toBe(4906);
    expect(json.config.analysisDate).toBe('2006-12-31');
  });

  test('config file, dimensions from a customer file, quoting of awkward values, zh-CN summary', () => {
    fs.writeFileSync(path.join(dir, 'orders.csv'), '客户ID,订单日期,金额\nc1,2024-01-05,100\nc1,2024-02-05,50\n"c,2",2024-02-01,30\nc3,2024-01-20,-5\nc3,2024-01-10,20\n');
    fs.writeFileSync(path.join(dir, 'customers.csv'), '客户ID,客户名称,地区\nc1,"=SUM(A1)",华东\n"c,2","Say ""hi""",华北\nc3,Plain,华东\nc4,New one,华南\n');
    fs.writeFileSync(path.join(dir, 'tiers.json'), JSON.stringify({ version: 1, methods: { dimensions: ['地区'], abc: { mode: 'value-share' } } }));
    const res = cli(['classify', '--orders', 'orders.csv', '--customers', 'customers.csv', '--config', 'tiers.json', '--csv', 'o.csv', '--json', 'o.json', '--lang', 'zh-CN'], dir);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('分析日期 2024-02-05');
    const rows = parseCsv(fs.readFileSync(path.join(dir, 'o.csv'), 'utf8'));
    expect(rows[0]).toContain('地区');
    expect(rows[0]).toContain('name');
    const byId = Object.fromEntries(rows.slice(1).map((r) => [r[0], Object.fromEntries(rows[0].map((h, j) => [h, r[j]]))]));
    expect(Object.keys(byId)).toEqual(['c,2', 'c1', 'c3', 'c4']);
    expect(byId.c1.name).toBe("'=SUM(A1)"); // guarded for spreadsheets (OWASP); --csv-raw keeps it exact
    expect(byId['c,2'].name).toBe('Say "hi"');
    expect(byId.c3.revenue).toBe('15'); // 20 - 5 netted
    // Tier values in the run's language, with their action; the keys behind the labels are in the JSON.
    expect(byId.c4.activity).toBe('潜在客户');
    expect(byId.c4.activity_action).toBe('试用装与首单优惠，促成第一单');
    expect(byId.c4.abc).toBe('');
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'o.json'), 'utf8'));
    expect(json.crosstabs.some((c: { dimension: string }) => c.dimension === '地区')).toBe(true);
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain('returns_netted');
    expect(json.tierLabels.activity.potential).toBe('潜在客户');
  });

  test('--csv - writes the CSV to stdout (the same bytes as the file, formula-guarded), the summary to stderr, no file named "-"', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-stdout-'));
    fs.writeFileSync(path.join(d, 'orders.csv'), '客户ID,订单日期,金额\n"=HYPERLINK(""x"")",2024-01-05,100\nc2,2024-02-05,50\nc2,2024-01-05,20\n');
    const run = (csv: string) => {
      const res = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), 'classify', '--orders', 'orders.csv', '--csv', csv, '--lang', 'zh-CN'], { cwd: d, env: { ...process.env, LANG: 'C' } });
      return { code: res.status, out: res.stdout, err: res.stderr.toString('utf8') };
    };
    const piped = run('-');
    expect(piped.code).toBe(0);
    expect(fs.readdirSync(d)).toEqual(['orders.csv']);
    const file = run('tiers.csv');
    expect(file.code).toBe(0);
    expect(piped.out.equals(fs.readFileSync(path.join(d, 'tiers.csv')))).toBe(true);
    const rows = parseCsv(piped.out.toString('utf8'));
    expect(rows.map((r) => r[0])).toEqual(['customer_id', '\'=HYPERLINK("x")', 'c2']);
    // Everything a person reads went to stderr, the same text the file run printed on stdout.
    expect(piped.err).toContain('分析日期 2024-02-05');
    expect(file.out.toString('utf8')).toBe(`${piped.err}已写入 tiers.csv\n`);
    fs.rmSync(d, { recursive: true, force: true });
  });

  test('--json - and --export - go to stdout like --csv -; two outputs on stdout, or the workbook, are refused in the user\'s words', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-stdout2-'));
    fs.writeFileSync(path.join(d, 'orders.csv'), '客户ID,订单日期,金额\n"=cmd|x",2024-01-05,900\nc2,2024-02-05,50\nc2,2024-01-05,20\n');
    const run = (...args: string[]) => {
      const res = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), 'classify', '--orders', 'orders.csv', ...args], { cwd: d, env: { ...process.env, LANG: 'C' } });
      return { code: res.status, out: res.stdout.toString('utf8'), err: res.stderr.toString('utf8') };
    };
    const json = run('--json', '-', '--lang', 'en-US');
    expect(json.code).toBe(0);
    expect(run('--json', 'r.json', '--lang', 'en-US').code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(fs.readFileSync(path.join(d, 'r.json'), 'utf8')));
    expect(json.err).toContain('analysis date 2024-02-05');
    expect(json.err).not.toContain('Wrote -');

    const camp = run('--export', '-', '--export-tiers', 'abc=A', '--lang', 'zh-CN');
    expect(camp.code).toBe(0);
    const rows = parseCsv(camp.out);
    expect(rows[0][0]).toBe('客户ID');
    expect(rows[1][0]).toBe("'=cmd|x");
    expect(camp.err).toContain('营销名单：1 位客户 → 标准输出');

    const twice = run('--csv', '-', '--json', '-', '--lang', 'zh-CN');
    expect(twice.code).toBe(2);
    expect(twice.err).toBe('--csv -、--json -：只能有一个输出写到标准输出。未写入任何内容：请给其余输出指定文件名。\n');
    expect(twice.out).toBe('');
    const book = run('--out', '-', '--lang', 'en-US');
    expect(book.code).toBe(2);
    expect(book.err).toContain('--out -: a workbook cannot go to standard output');
    expect(fs.readdirSync(d).sort()).toEqual(['orders.csv', 'r.json']);
    fs.rmSync(d, { recursive: true, force: true });
  });

  test('exports a campaign list of chosen tiers with contacts, formula-guarded; bad tiers exit 2', () => {
    fs.writeFileSync(path.join(dir, 'co.csv'), '客户ID,订单日期,金额\nc1,2024-01-05,900\nc1,2024-02-05,500\nc2,2024-02-01,30\nc3,2024-01-20,20\n');
    fs.writeFileSync(path.join(dir, 'cc.csv'), '客户ID,客户名称,手机,邮箱,负责人\nc1,"=cmd|x",+86 13800000000,a@x.cn,@王\nc2,乙,138,b@x.cn,李\nc3,丙,139,c@x.cn,张\n');
    const res = cli(['classify', '--orders', 'co.csv', '--customers', 'cc.csv', '--export', 'camp.csv', '--export-tiers', 'abc=A', '--lang', 'zh-CN'], dir);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('营销名单：1 位客户 → camp.csv');
    const rows = parseCsv(fs.readFileSync(path.join(dir, 'camp.csv'), 'utf8'));
    expect(rows[0].slice(0, 5)).toEqual(['客户ID', '客户名称', '电话', '邮箱', '负责人']);
    expect(rows[1].slice(0, 5)).toEqual(['c1', "'=cmd|x", "'+86 13800000000", 'a@x.cn', "'@王"]);
    const bad = cli(['classify', '--orders', 'co.csv', '--export', 'x.csv', '--export-tiers', 'abc=Z', '--lang', 'en-US'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('abc has no tier "Z"');
    const none = cli(['classify', '--orders', 'co.csv', '--export', 'x.csv', '--lang', 'en-US'], dir);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--export needs --export-tiers');
  });

  test('reads an .xlsx sheet given as file.xlsx#Sheet (dates as cells, rich text, formulas)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['nothing here']);
    const ws = wb.addWorksheet('Orders 2024');
    ws.addRow(['Customer ID', 'Order Date', 'Amount']);
    ws.addRow([1001, new Date(Date.UTC(2024, 0, 5)), 100]);
    ws.addRow([{ richText: [{ text: '10' }, { text: '02' }] }, new Date(Date.UTC(2024, 1, 5)), { formula: '20*2', result: 40 }]);
    ws.addRow(['1001', new Date(Date.UTC(2024, 2, 5)), 60]);
    await wb.xlsx.writeFile(path.join(dir, 'book.xlsx'));
    const res = cli(['classify', '--orders', 'book.xlsx#Orders 2024', '--csv', 'x.csv', '--lang', 'en-US'], dir);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const rows = parseCsv(fs.readFileSync(path.join(dir, 'x.csv'), 'utf8'));
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual([
      ['1001', '2', '160', '2024-01-05', '2024-03-05'],
      ['1002', '1', '40', '2024-02-05', '2024-02-05'],
    ]);
    const missing = cli(['classify', '--orders', 'book.xlsx#Nope', '--lang', 'en-US'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('has no sheet, table or named range "Nope". Sheets: Notes, Orders 2024. Tables: —. Named ranges: —.');
  });

  test('rows with problems are counted in the summary and explained in the JSON; the rest is classified', () => {
    fs.writeFileSync(path.join(dir, 'some-bad.csv'), 'customer_id,order_date,revenue\na,2024-01-01,10\nb,2024-01-02,#N/A\nc,2024-01-03,5\n');
    const res = cli(['classify', '--orders', 'some-bad.csv', '--json', 'bad.json', '--lang', 'en-US'], dir);
    expect(res.code).toBe(0);
    expect(res.out).toContain('Data issues: 1 (1 rows left out)');
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'bad.json'), 'utf8'));
    expect(json.issuesTotal).toBe(1);
    expect(json.issues[0]).toMatchObject({ row: 3, code: 'excel_error', severity: 'error' });
    for (const k of ['where', 'problem', 'action']) expect(typeof json.issues[0][k]).toBe('string');
    expect(json.issues[0].problem).toContain('#N/A');
    expect(json.stats.customers).toBe(2);
  });

  test.each([
    [['--orders', 'missing.csv'], 'Cannot read missing.csv: the file does not exist.'],
    [['--orders', 'bad.csv'], 'has no usable row'],
    [['--orders', ORDERS, '--analysis-date', '2006-02-30'], 'Option --analysis-date must be a date written YYYY-MM-DD, got "2006-02-30": not a real calendar date.'],
    [['--orders', ORDERS, '--analysis-date', '31/12/2006'], 'got "31/12/2006": expected a date written YYYY-MM-DD.'],
    [['--orders', ORDERS, '--config', 'badconfig.json'], 'methods.rfm.bins'],
    [['--orders', ORDERS, '--nope'], 'Unknown option "--nope"'],
    [[], 'Give --orders <file> and/or --customers <file>.'],
  ])('bad input %j → exit 2, a message and no stack trace', (args, message) => {
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'customer_id,order_date,revenue\nx,not a date,abc\n,2024-01-01,5\n');
    fs.writeFileSync(path.join(dir, 'badconfig.json'), JSON.stringify({ version: 1, methods: { rfm: { bins: 9 } } }));
    const res = cli(['classify', ...args, '--lang', 'en-US'], dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain(message);
    expect(res.err).not.toMatch(/\n\s+at /);
    expect(res.out).toBe('');
  });

  test("a bad --analysis-date is explained in the user's language, with the config schema's reason", () => {
    const res = cli(['classify', '--orders', ORDERS, '--analysis-date', '2023-02-29', '--lang', 'zh-CN'], dir);
    expect(res.code).toBe(2);
    expect(res.err).toBe('选项 --analysis-date 须为 YYYY-MM-DD 格式的日期，收到“2023-02-29”：日历上没有这一天。\n');
    expect(res.out).toBe('');
  });

  test('unknown command → exit 2 with usage; demo/refresh dispatch', () => {
    const res = cli(['frobnicate', '--lang', 'en-US'], dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain('Unknown command "frobnicate"');
    expect(res.err).toContain('customer-tiers classify --orders');
  });
});

describe('classify never writes over its inputs', () => {
  it.each([
    ['--csv', 'o.csv'],
    ['--json', './o.csv'],
    ['--out', 'o.csv'],
    ['--csv', 'tiers.json'],
  ])('refuses %s %s when that is an input (exit 2), and the input is kept byte for byte', (option, target) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-same-'));
    fs.copyFileSync(ORDERS, path.join(dir, 'o.csv'));
    fs.writeFileSync(path.join(dir, 'tiers.json'), '{"version":1,"analysisDate":"2006-12-31"}');
    const before = [fs.readFileSync(path.join(dir, 'o.csv')), fs.readFileSync(path.join(dir, 'tiers.json'))];
    const res = cli(['classify', '--orders', 'o.csv', '--config', 'tiers.json', option, target, '--lang', 'en-US'], dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain(`${option} ${target} is one of the input files`);
    expect([fs.readFileSync(path.join(dir, 'o.csv')), fs.readFileSync(path.join(dir, 'tiers.json'))]).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['o.csv', 'tiers.json']);
  });
});
